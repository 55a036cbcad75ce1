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
    /// Timed rounds per measurement.
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
    /// The program's peak resident set over the whole run, in bytes, if it reported one.
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
            for program in programs {
                let budget =
                    (workload.rounds as u64 + 1) * workload.calls as u64 + concurrency as u64;
                let server = start(&pools, &body, budget)?;
                let mut command = program_command(&binary(*program), &server);
                command
                    .arg("calls")
                    .arg(concurrency.to_string())
                    .arg(workload.calls.to_string());
                command.arg(workload.rounds.to_string());
                let output = run(&mut command)?;
                let rounds = rounds(&output, workload.calls * users)?;
                let per_second: Vec<f64> = rounds
                    .iter()
                    .map(|seconds| workload.calls as f64 / seconds)
                    .collect();
                result.calls.push(CallRate {
                    program: *program,
                    users,
                    concurrency,
                    per_second: Stats::of(&per_second).ok_or("no rounds")?,
                    peak_rss: peak_rss(&output),
                });
            }
        }
        let file = responses_dir.join(format!("list-users-{users}.json"));
        fs::write(&file, &body).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        for program in programs {
            let mut command = Command::new(binary(*program));
            command
                .arg("deserialize")
                .arg(&file)
                .arg(workload.parses.to_string());
            command.arg(workload.rounds.to_string());
            let rounds = rounds(&run(&mut command)?, workload.parses * users)?;
            let micros: Vec<f64> = rounds
                .iter()
                .map(|seconds| seconds * 1e6 / workload.parses as f64)
                .collect();
            result.parses.push(ParseTime {
                program: *program,
                users,
                bytes: body.len(),
                micros: Stats::of(&micros).ok_or("no rounds")?,
            });
        }
    }
    Ok(result)
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
