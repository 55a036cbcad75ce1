//! Running one function over many items on a fixed number of threads: the one thread pool
//! of the xtask and of the tests (the corpus and endpoint-rule tests use it through the
//! xtask library).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

/// How many threads to use when the caller has no preference: one per core.
pub fn cores() -> usize {
    thread::available_parallelism().map_or(1, usize::from)
}

/// Applies `work` to every item on `jobs` threads; `on_done` sees each result on the calling
/// thread as soon as it is ready (for progress). Results come back in item order.
pub fn map<T, R>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut on_done: impl FnMut(&R),
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel();
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else {
                        break;
                    };
                    if sender.send((index, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (index, result) in receiver {
            on_done(&result);
            results[index] = Some(result);
        }
    });
    results
        .into_iter()
        .map(|result| result.expect("every item is processed exactly once"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_item_order_and_reports_every_result() {
        let items: Vec<u32> = (0..50).collect();
        let mut seen = 0;
        let doubled = super::map(&items, 4, |n| n * 2, |_| seen += 1);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert_eq!(seen, 50);
        assert!(super::map(&[] as &[u32], 4, |n| *n, |_| {}).is_empty());
    }
}
