//! Calls per second and deserialisation time: the bench programs' timed modes, run against
//! the loopback server with canned `ListUsers` responses.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::process::run;
use super::programs::{BENCH_TARGET, Program};
use super::responses;
use super::server::{Limits, LoopbackServer};
use super::stats::Stats;

/// The region both clients are configured with (the server ignores it).
const REGION: &str = "us-east-1";

/// How much work each measurement does.
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    /// Users per `ListUsers` response, one measurement each.
    pub page_sizes: &'static [usize],
    /// Calls in flight at once, one measurement each.
    pub concurrency: &'static [usize],
    /// Calls per timed round.
    pub calls: usize,
    /// Parses per timed round of the deserialisation measurement.
    pub parses: usize,
    /// Timed rounds per measurement, each in a process of its own.
    pub rounds: usize,
}

/// Calls per second of one program in one setting.
#[derive(Clone, Debug)]
pub struct CallRate {
    /// Which program.
    pub program: Program,
    /// Users per response.
    pub users: usize,
    /// Calls in flight at once.
    pub concurrency: usize,
    /// Calls per second, one sample per round.
    pub per_second: Stats,
    /// The largest peak resident set of the program's processes (one per round), in bytes,
    /// if it reported one.
    pub peak_rss: Option<u64>,
}

/// Deserialisation time of one program for one response.
#[derive(Clone, Debug)]
pub struct ParseTime {
    /// Which program.
    pub program: Program,
    /// Users in the response.
    pub users: usize,
    /// Response size in bytes.
    pub bytes: usize,
    /// Microseconds per parse, one sample per round.
    pub micros: Stats,
}

/// What the section measured.
#[derive(Clone, Debug, Default)]
pub struct Throughput {
    /// Every (page size, concurrency, program) combination.
    pub calls: Vec<CallRate>,
    /// Every (page size, program) combination.
    pub parses: Vec<ParseTime>,
    /// What each program's `list` mode printed against the loopback server.
    pub list_output: Vec<(Program, String)>,
}

/// Runs the programs' `list`, `calls` and `deserialize` modes; `binary` says where each
/// program's executable is.
///
/// Every timed round runs in a process of its own, and the programs take turns round by
/// round (ours, official, ours, …), so that a change in the machine's speed during the
/// measurement (a noisy neighbour on the VM, the CPU clock) reaches both sides alike instead
/// of whichever program happened to run at the time.
pub fn measure(
    root: &Path,
    programs: &[Program],
    binary: impl Fn(Program) -> PathBuf,
    workload: Workload,
) -> Result<Throughput, String> {
    let mut result = Throughput::default();
    let pools = responses::list_user_pools();
    let small = responses::list_users(1);
    for program in programs {
        let server = start(&pools, &small, 10)?;
        let output = run(program_command(&binary(*program), &server).arg("list"))?;
        result
            .list_output
            .push((*program, output.trim().to_owned()));
    }
    let responses_dir = root.join(BENCH_TARGET).join("responses");
    fs::create_dir_all(&responses_dir)
        .map_err(|e| format!("cannot create {}: {e}", responses_dir.display()))?;
    for &users in workload.page_sizes {
        let body = responses::list_users(users);
        for &concurrency in workload.concurrency {
            let mut samples = vec![Samples::default(); programs.len()];
            for _ in 0..workload.rounds {
                for (program, samples) in programs.iter().zip(&mut samples) {
                    // The warm-up round makes one call per task, then one timed round.
                    let budget = workload.calls as u64 + concurrency as u64;
                    let server = start(&pools, &body, budget)?;
                    let mut command = program_command(&binary(*program), &server);
                    command
                        .arg("calls")
                        .arg(concurrency.to_string())
                        .arg(workload.calls.to_string())
                        .arg("1");
                    let output = run(&mut command)?;
                    for seconds in rounds(&output, workload.calls * users)? {
                        samples.values.push(workload.calls as f64 / seconds);
                    }
                    samples.peak_rss = samples.peak_rss.max(peak_rss(&output));
                }
            }
            for (program, samples) in programs.iter().zip(samples) {
                result.calls.push(CallRate {
                    program: *program,
                    users,
                    concurrency,
                    per_second: Stats::of(&samples.values).ok_or("no rounds")?,
                    peak_rss: samples.peak_rss,
                });
            }
        }
        let file = responses_dir.join(format!("list-users-{users}.json"));
        fs::write(&file, &body).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        let mut samples = vec![Samples::default(); programs.len()];
        for _ in 0..workload.rounds {
            for (program, samples) in programs.iter().zip(&mut samples) {
                let mut command = Command::new(binary(*program));
                command
                    .arg("deserialize")
                    .arg(&file)
                    .arg(workload.parses.to_string())
                    .arg("1");
                for seconds in rounds(&run(&mut command)?, workload.parses * users)? {
                    samples.values.push(seconds * 1e6 / workload.parses as f64);
                }
            }
        }
        for (program, samples) in programs.iter().zip(samples) {
            result.parses.push(ParseTime {
                program: *program,
                users,
                bytes: body.len(),
                micros: Stats::of(&samples.values).ok_or("no rounds")?,
            });
        }
    }
    Ok(result)
}

/// One program's samples in one setting, gathered round by round.
#[derive(Clone, Debug, Default)]
struct Samples {
    /// One value per timed round.
    values: Vec<f64>,
    /// The largest peak resident set any of its processes reported, in bytes.
    peak_rss: Option<u64>,
}

/// A server answering `ListUserPools` with `pools` and `ListUsers` with `users`, for at most
/// `budget` requests and ten minutes.
fn start(pools: &[u8], users: &[u8], budget: u64) -> Result<LoopbackServer, String> {
    let limits = Limits {
        max_requests: budget,
        max_duration: Duration::from_secs(600),
    };
    LoopbackServer::start(&[("ListUserPools", pools), ("ListUsers", users)], limits)
        .map_err(|e| format!("cannot start the loopback server: {e}"))
}

/// The program pointed at `server` with a fixed region and dummy credentials, and nothing
/// from the user's AWS configuration (profiles, instance metadata).
pub(super) fn program_command(binary: &Path, server: &LoopbackServer) -> Command {
    let mut command = Command::new(binary);
    for name in [
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_DEFAULT_REGION",
        "AWS_MAX_ATTEMPTS",
    ] {
        command.env_remove(name);
    }
    command
        .env("AWS_ENDPOINT_URL", server.url())
        .env("AWS_REGION", REGION)
        .env("AWS_ACCESS_KEY_ID", "AKIDBENCH")
        .env("AWS_SECRET_ACCESS_KEY", "bench-secret")
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/aws-credentials",
        )
        .env("AWS_EC2_METADATA_DISABLED", "true");
    command
}

/// The seconds of each `round <seconds> <items>` line; every round must have seen
/// `expected_items` (proof that each call parsed the whole response).
fn rounds(output: &str, expected_items: usize) -> Result<Vec<f64>, String> {
    let rounds: Vec<f64> = output
        .lines()
        .filter_map(|line| {
            let mut words = line.strip_prefix("round ")?.split_whitespace();
            let seconds = words.next()?.parse::<f64>().ok()?;
            let items = words.next()?.parse::<usize>().ok()?;
            Some(if items == expected_items {
                Ok(seconds)
            } else {
                Err(items)
            })
        })
        .collect::<Result<_, usize>>()
        .map_err(|items| format!("a round saw {items} users, not {expected_items}:\n{output}"))?;
    if rounds.is_empty() {
        return Err(format!("no rounds in the program's output:\n{output}"));
    }
    Ok(rounds)
}

/// The `peak-rss-kib <KiB>` line a program prints after its calls, in bytes.
fn peak_rss(output: &str) -> Option<u64> {
    output
        .lines()
        .find_map(|line| {
            line.strip_prefix("peak-rss-kib ")?
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map(|kib| kib * 1024)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_peak_resident_set() {
        assert_eq!(
            super::peak_rss("round 0.5 120\npeak-rss-kib 2048\n"),
            Some(2048 * 1024)
        );
        assert_eq!(super::peak_rss("round 0.5 120\n"), None);
    }

    #[test]
    fn reads_rounds_and_checks_their_items() {
        assert_eq!(
            super::rounds("round 0.5 120\nround 0.25 120\n", 120).unwrap(),
            [0.5, 0.25]
        );
        assert!(
            super::rounds("round 0.5 119\n", 120)
                .unwrap_err()
                .contains("119")
        );
        assert!(super::rounds("nothing\n", 1).is_err());
    }
}
