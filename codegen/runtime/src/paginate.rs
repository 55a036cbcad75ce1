//! Paginators for `@paginated` operations: [`Paginator`], a [`Stream`] of pages or items
//! that owns its client and input.
//!
//! Generated code wires an operation in from its fluent builder:
//!
//! ```ignore
//! pub fn into_paginator(self) -> Paginator<ListUsersResponse, ListUsersError> {
//!     pages(
//!         self.client,
//!         self.inner,
//!         |input, token| input.pagination_token = token,
//!         |output| output.pagination_token.as_deref(),
//!         |client, input| async move { client.list_users(input).await },
//!     )
//! }
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::stream;

pub use futures_util::stream::{Stream, StreamExt};

use crate::error::Error;

/// The pages (or the items) of a paginated operation, fetched lazily one page at a time.
///
/// It owns the client and the input, borrows nothing, and is `Send + Unpin + 'static` when
/// the client is: keep it in a struct, hand it to a spawned task, or call
/// [`next`](StreamExt::next) on it directly. The stream ends after the page whose next
/// token is missing, empty or the token just sent (a service bug that would otherwise loop
/// forever), and right after the first error.
pub struct Paginator<T, E> {
    stream: Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send>>,
}

impl<T, E> Paginator<T, E> {
    fn new(stream: impl Stream<Item = Result<T, Error<E>>> + Send + 'static) -> Self {
        Paginator {
            stream: Box::pin(stream),
        }
    }
}

impl<T, E> Stream for Paginator<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.stream.as_mut().poll_next(cx)
    }
}

impl<T, E> fmt::Debug for Paginator<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator").finish_non_exhaustive()
    }
}

/// The pages of an operation sent through `client`, starting from `input`: `call` sends one
/// request (it gets the client shared between pages), and each page's token (`get_token`)
/// is written into the next input (`set_token`).
pub fn pages<C, I, O, E, F, Fut>(
    client: C,
    input: I,
    set_token: fn(&mut I, Option<String>),
    get_token: fn(&O) -> Option<&str>,
    call: F,
) -> Paginator<O, E>
where
    C: Send + Sync + 'static,
    F: Fn(Arc<C>, I) -> Fut + Send + 'static,
    Fut: Future<Output = Result<O, Error<E>>> + Send + 'static,
    I: Clone + Send + 'static,
    O: Send + 'static,
    E: Send + 'static,
{
    let client = Arc::new(client);
    Paginator::new(paginate(input, set_token, get_token, move |input| {
        call(Arc::clone(&client), input)
    }))
}

/// Pages of a paginated operation, fetched lazily one at a time.
///
/// Starting from `input`, each page's output token (`get_token`) is written
/// into the next input (`set_token`). The stream ends after the page whose
/// token is missing, empty, or equal to the token just sent (a service bug
/// that would otherwise loop forever), and right after the first error.
fn paginate<I, O, E, F, Fut>(
    input: I,
    set_token: fn(&mut I, Option<String>),
    get_token: fn(&O) -> Option<&str>,
    fetch: F,
) -> impl Stream<Item = Result<O, Error<E>>> + Send
where
    F: FnMut(I) -> Fut + Send,
    Fut: Future<Output = Result<O, Error<E>>> + Send,
    I: Clone + Send,
    O: Send,
    E: Send,
{
    struct State<I, F> {
        input: I,
        fetch: F,
        sent_token: Option<String>,
    }
    let start = State {
        input,
        fetch,
        sent_token: None,
    };
    stream::unfold(Some(start), move |state| async move {
        let mut state = state?;
        let page = (state.fetch)(state.input.clone()).await;
        let output = match page {
            Ok(output) => output,
            Err(error) => return Some((Err(error), None)),
        };
        let next_token = get_token(&output)
            .filter(|token| !token.is_empty() && Some(*token) != state.sent_token.as_deref())
            .map(str::to_owned);
        match next_token {
            None => Some((Ok(output), None)),
            Some(token) => {
                set_token(&mut state.input, Some(token.clone()));
                state.sent_token = Some(token);
                Some((Ok(output), Some(state)))
            }
        }
    })
}

/// Flattens pages into their items (`items_of` extracts a page's list), in
/// order; an error is yielded as the last item.
pub fn items<O, T, E>(pages: Paginator<O, E>, items_of: fn(O) -> Vec<T>) -> Paginator<T, E>
where
    O: Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    Paginator::new(pages.flat_map(move |page| {
        let batch: Vec<Result<T, Error<E>>> = match page {
            Ok(output) => items_of(output).into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        stream::iter(batch)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_response::Unhandled;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Debug, Default)]
    struct Input {
        token: Option<String>,
    }

    #[derive(Debug)]
    struct Output {
        items: Vec<u32>,
        next: Option<String>,
    }

    type Result2 = Result<Output, Error<Unhandled>>;
    type Seen = Arc<Mutex<Vec<Option<String>>>>;

    /// Answers from a script and records the tokens it was sent.
    fn scripted(
        script: Vec<Result2>,
    ) -> (
        Seen,
        impl FnMut(Input) -> std::future::Ready<Result2> + Send,
    ) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let mut script = script.into_iter();
        let fetch = move |input: Input| {
            record.lock().unwrap().push(input.token);
            std::future::ready(
                script
                    .next()
                    .unwrap_or(Err(Error::NotImplemented("script exhausted"))),
            )
        };
        (seen, fetch)
    }

    fn page(items: &[u32], next: Option<&str>) -> Result2 {
        Ok(Output {
            items: items.to_vec(),
            next: next.map(str::to_owned),
        })
    }

    async fn pages(script: Vec<Result2>) -> (Seen, Vec<Result2>) {
        let (seen, fetch) = scripted(script);
        let stream = paginate(
            Input::default(),
            |input, token| input.token = token,
            |output: &Output| output.next.as_deref(),
            fetch,
        );
        let collected = stream.collect().await;
        (seen, collected)
    }

    #[tokio::test]
    async fn follows_tokens_until_missing() {
        let (seen, got) = pages(vec![
            page(&[1], Some("a")),
            page(&[2], Some("b")),
            page(&[3], None),
        ])
        .await;
        assert_eq!(got.len(), 3);
        assert_eq!(
            *seen.lock().unwrap(),
            [None, Some("a".into()), Some("b".into())]
        );
    }

    #[tokio::test]
    async fn stops_on_empty_or_repeated_token() {
        let (_, got) = pages(vec![
            page(&[1], Some("a")),
            page(&[2], Some("")),
            page(&[3], None),
        ])
        .await;
        assert_eq!(got.len(), 2);
        let (seen, got) = pages(vec![
            page(&[1], Some("a")),
            page(&[2], Some("a")),
            page(&[3], None),
        ])
        .await;
        assert_eq!(got.len(), 2);
        assert_eq!(seen.lock().unwrap().len(), 2);
    }

    #[tokio::test]
    async fn stops_after_first_error() {
        let (seen, got) = pages(vec![
            page(&[1], Some("a")),
            Err(Error::NotImplemented("boom")),
            page(&[3], None),
        ])
        .await;
        assert_eq!(got.len(), 2);
        assert!(matches!(got[1], Err(Error::NotImplemented("boom"))));
        assert_eq!(seen.lock().unwrap().len(), 2);
    }

    #[tokio::test]
    async fn flattens_items() {
        let (_, fetch) = scripted(vec![
            page(&[1, 2], Some("a")),
            page(&[], Some("b")),
            page(&[3], Some("c")),
            Err(Error::NotImplemented("boom")),
        ]);
        let stream = paginate(
            Input::default(),
            |input, token| input.token = token,
            |output: &Output| output.next.as_deref(),
            fetch,
        );
        let all: Vec<_> = items(Paginator::new(stream), |o: Output| o.items)
            .collect()
            .await;
        let values: Vec<u32> = all
            .iter()
            .filter_map(|r| r.as_ref().ok().copied())
            .collect();
        assert_eq!(values, [1, 2, 3]);
        assert_eq!(all.len(), 4);
        assert!(all[3].is_err());
    }
}
