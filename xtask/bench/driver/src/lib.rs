//! The measuring loop shared by the two bench programs (`xtask/bench/ours` and
//! `xtask/bench/official`), so that both measure exactly the same way and differ only in the
//! client they call.
//!
//! A bench program runs in one of three modes, chosen by its arguments:
//!
//! ```text
//! <program> list                                         # the small program itself
//! <program> calls <concurrency> <calls> <rounds>         # ListUsers against a server
//! <program> deserialize <file> <iterations> <rounds>     # parse a ListUsers response
//! ```
//!
//! The timed modes print one line per round, `round <seconds> <items>`, where `items` is the
//! number of users the round saw (so the harness can check that every call really parsed the
//! response). After its rounds, `calls` also prints `peak-rss-kib <KiB>`, the process's peak
//! resident set (`VmHWM`, Linux only). `cargo xtask bench` runs the programs and reads these
//! lines.

use std::future::Future;
use std::path::PathBuf;
use std::time::Instant;

/// What the program was asked to do.
#[derive(Debug)]
pub enum Mode {
    /// List the user pools, then the users of the first pool, and print them.
    List,
    /// Timed rounds of concurrent calls.
    Calls(CallRounds),
    /// Timed rounds of deserialising a response body.
    Deserialize(DeserializeRounds),
}

/// `rounds` timed rounds of `calls` calls each, `concurrency` in flight at a time.
#[derive(Debug)]
pub struct CallRounds {
    /// Calls in flight at once (one task each).
    pub concurrency: usize,
    /// Calls per round.
    pub calls: usize,
    /// Timed rounds, after one untimed warm-up round that opens the connections.
    pub rounds: usize,
}

/// `rounds` timed rounds of deserialising the body in `file` `iterations` times.
#[derive(Debug)]
pub struct DeserializeRounds {
    /// The response body (a `ListUsers` response).
    pub file: PathBuf,
    /// Parses per round.
    pub iterations: usize,
    /// Timed rounds, after one untimed warm-up round.
    pub rounds: usize,
}

impl Mode {
    /// Parses the process arguments.
    pub fn from_args() -> Result<Mode, String> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let number = |index: usize| -> Result<usize, String> {
            let text = args.get(index).ok_or(USAGE)?;
            text.parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("`{text}` is not a positive number\n{USAGE}"))
        };
        match args.first().map(String::as_str) {
            Some("list") if args.len() == 1 => Ok(Mode::List),
            Some("calls") if args.len() == 4 => Ok(Mode::Calls(CallRounds {
                concurrency: number(1)?,
                calls: number(2)?,
                rounds: number(3)?,
            })),
            Some("deserialize") if args.len() == 4 => Ok(Mode::Deserialize(DeserializeRounds {
                file: PathBuf::from(&args[1]),
                iterations: number(2)?,
                rounds: number(3)?,
            })),
            _ => Err(USAGE.to_owned()),
        }
    }
}

const USAGE: &str = "usage: <program> list | calls <concurrency> <calls> <rounds> | deserialize <file> <iterations> <rounds>";

impl CallRounds {
    /// Runs the rounds; `call` makes one call and returns how many users it got.
    ///
    /// Each round spawns `concurrency` tasks that share the round's calls; the round's time
    /// runs from before the first spawn to after the last task ends.
    pub async fn run<F, Fut>(&self, call: F) -> Result<(), String>
    where
        F: Fn() -> Fut + Clone + Send + 'static,
        Fut: Future<Output = Result<usize, String>> + Send + 'static,
    {
        round(self.concurrency, self.concurrency, call.clone()).await?;
        for _ in 0..self.rounds {
            let started = Instant::now();
            let items = round(self.concurrency, self.calls, call.clone()).await?;
            report(started, items);
        }
        if let Some(kib) = peak_rss_kib() {
            println!("peak-rss-kib {kib}");
        }
        Ok(())
    }
}

/// The process's peak resident set in KiB (`VmHWM` of `/proc/self/status`), where there is one.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}

/// `calls` calls spread over `concurrency` tasks; the total of their item counts.
async fn round<F, Fut>(concurrency: usize, calls: usize, call: F) -> Result<usize, String>
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<usize, String>> + Send + 'static,
{
    let tasks: Vec<_> = (0..concurrency)
        .map(|task| {
            let share = calls / concurrency + usize::from(task < calls % concurrency);
            let call = call.clone();
            tokio::spawn(async move {
                let mut items = 0;
                for _ in 0..share {
                    items += call().await?;
                }
                Ok::<usize, String>(items)
            })
        })
        .collect();
    let mut total = 0;
    for task in tasks {
        total += task
            .await
            .map_err(|e| format!("a call task failed: {e}"))??;
    }
    Ok(total)
}

impl DeserializeRounds {
    /// Reads the body file.
    pub fn body(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.file).map_err(|e| format!("cannot read {}: {e}", self.file.display()))
    }

    /// Runs the rounds; `parse` deserialises the body once and returns how many users it has.
    pub fn run(&self, mut parse: impl FnMut() -> Result<usize, String>) -> Result<(), String> {
        for _ in 0..self.iterations.min(100) {
            std::hint::black_box(parse()?);
        }
        for _ in 0..self.rounds {
            let started = Instant::now();
            let mut items = 0;
            for _ in 0..self.iterations {
                items += std::hint::black_box(parse()?);
            }
            report(started, items);
        }
        Ok(())
    }
}

/// Prints one round's line.
fn report(started: Instant, items: usize) {
    println!("round {:.9} {items}", started.elapsed().as_secs_f64());
}
