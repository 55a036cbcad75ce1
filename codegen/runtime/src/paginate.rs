//! Paginators for `@paginated` operations, as [`Stream`]s of pages or items.
//!
//! Generated code wires an operation in:
//!
//! ```ignore
//! pub fn list_users_pages(&self, input: ListUsersRequest)
//!     -> impl Stream<Item = Result<ListUsersResponse, Error<ListUsersError>>> + Send
//! {
//!     let client = self.clone();
//!     paginate(
//!         input,
//!         |input, token| input.pagination_token = token,
//!         |output| output.pagination_token.as_deref(),
//!         move |input| { let client = client.clone(); async move { client.list_users(input).await } },
//!     )
//! }
//! ```

use std::future::Future;

use futures_util::stream;

pub use futures_util::stream::{Stream, StreamExt};

use crate::error::Error;

/// Pages of a paginated operation, fetched lazily one at a time.
///
/// Starting from `input`, each page's output token (`get_token`) is written
/// into the next input (`set_token`). The stream ends after the page whose
/// token is missing, empty, or equal to the token just sent (a service bug
/// that would otherwise loop forever), and right after the first error.
pub fn paginate<I, O, E, F, Fut>(
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
pub fn items<O, T, E, S>(
    pages: S,
    items_of: fn(O) -> Vec<T>,
) -> impl Stream<Item = Result<T, Error<E>>> + Send
where
    S: Stream<Item = Result<O, Error<E>>> + Send,
    O: Send,
    T: Send,
    E: Send,
{
    pages.flat_map(move |page| {
        let batch: Vec<Result<T, Error<E>>> = match page {
            Ok(output) => items_of(output).into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        stream::iter(batch)
    })
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
        let all: Vec<_> = items(stream, |o: Output| o.items).collect().await;
        let values: Vec<u32> = all
            .iter()
            .filter_map(|r| r.as_ref().ok().copied())
            .collect();
        assert_eq!(values, [1, 2, 3]);
        assert_eq!(all.len(), 4);
        assert!(all[3].is_err());
    }
}
