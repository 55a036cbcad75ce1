//! Instructions per call, counted by callgrind: a figure that a busy machine does not
//! disturb (unlike calls per second). Each program makes `FEW` and then `MANY` sequential
//! `ListUsers` calls against the loopback server under `valgrind --tool=callgrind`; the
//! difference over `MANY - FEW` calls leaves out start-up and connection set-up. The
//! larger run's heaviest functions (inclusive) show where a call's work goes.

use std::fs;
use std::path::Path;
use std::process::Command;

use super::process::run;
use super::programs::{BENCH_TARGET, Program};
use super::responses;
use super::server::{Limits, LoopbackServer};
use super::throughput::program_command;

/// Calls of the short run.
const FEW: usize = 20;
/// Calls of the long run.
const MANY: usize = 120;
/// Functions listed per program.
const TOP_FUNCTIONS: usize = 12;

/// One program's count.
#[derive(Clone, Debug)]
pub struct CallInstructions {
    /// Which program.
    pub program: Program,
    /// Users per response.
    pub users: usize,
    /// Instructions per call (whole process, all threads).
    pub per_call: f64,
    /// The heaviest functions of the long run: inclusive share of all instructions, name.
    pub top: Vec<(f64, String)>,
}

/// Whether `valgrind` can be run.
pub fn available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Counts the instructions per 60-user `ListUsers` call of each program.
pub fn measure(
    root: &Path,
    programs: &[Program],
    binary: impl Fn(Program) -> std::path::PathBuf,
) -> Result<Vec<CallInstructions>, String> {
    let dir = root.join(BENCH_TARGET).join("callgrind");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let users = responses::LARGE_PAGE;
    let body = responses::list_users(users);
    let pools = responses::list_user_pools();
    let mut result = Vec::new();
    for &program in programs {
        let mut totals = Vec::new();
        let mut top = Vec::new();
        for calls in [FEW, MANY] {
            let limits = Limits {
                max_requests: calls as u64 + 1,
                max_duration: std::time::Duration::from_secs(600),
            };
            let server =
                LoopbackServer::start(&[("ListUserPools", &pools), ("ListUsers", &body)], limits)
                    .map_err(|e| format!("cannot start the loopback server: {e}"))?;
            let out = dir.join(format!("{}-{calls}.out", program.name()));
            let program_args = program_command(&binary(program), &server);
            let mut command = Command::new("valgrind");
            command
                .arg("--tool=callgrind")
                .arg(format!("--callgrind-out-file={}", out.display()))
                .arg(program_args.get_program())
                .args(["calls", "1", &(calls - 1).to_string(), "1"])
                .envs(
                    program_args
                        .get_envs()
                        .filter_map(|(key, value)| Some((key, value?))),
                );
            for (key, value) in program_args.get_envs() {
                if value.is_none() {
                    command.env_remove(key);
                }
            }
            run(&mut command)?;
            totals.push(total_instructions(&out)?);
            if calls == MANY {
                let mut annotate = Command::new("callgrind_annotate");
                annotate
                    .args(["--inclusive=yes", "--threshold=100"])
                    .arg(&out);
                top = top_functions(&run(&mut annotate)?, totals[1]);
            }
        }
        result.push(CallInstructions {
            program,
            users,
            per_call: (totals[1] - totals[0]) / (MANY - FEW) as f64,
            top,
        });
    }
    Ok(result)
}

/// The `totals:` (or `summary:`) line of a callgrind output file.
fn total_instructions(file: &Path) -> Result<f64, String> {
    let text =
        fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    text.lines()
        .find_map(|line| {
            let rest = line
                .strip_prefix("totals:")
                .or_else(|| line.strip_prefix("summary:"))?;
            rest.split_whitespace().next()?.parse::<f64>().ok()
        })
        .ok_or_else(|| format!("no totals in {}", file.display()))
}

/// The heaviest functions in `callgrind_annotate --inclusive=yes` output: lines
/// `COUNT (PCT%)  file:function [object]`, from the top, with their share of `total`.
fn top_functions(annotate: &str, total: f64) -> Vec<(f64, String)> {
    annotate
        .lines()
        .filter_map(|line| {
            let (count, rest) = line.trim().split_once(' ')?;
            let count = count.replace(',', "").parse::<f64>().ok()?;
            let name = rest.trim().split_once(")  ")?.1;
            let name = name.split_once(':').map_or(name, |(_, function)| function);
            let name = name.split(" [").next().unwrap_or(name).trim();
            Some((count / total, name.to_owned()))
        })
        .filter(|(_, name)| !name.is_empty() && !name.starts_with("0x") && name != "PROGRAM TOTALS")
        .take(TOP_FUNCTIONS)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_annotate_lines() {
        let text = "--------\nIr\n--------\n1,000 (100.0%)  PROGRAM TOTALS\n\n--------\nIr                 file:function\n--------\n900 (90.00%)  ???:main [/bin/x]\n450 (45.00%)  src/de.rs:serde_json::de::from_str [/bin/x]\n";
        let top = super::top_functions(text, 1000.0);
        assert_eq!(
            top,
            [
                (0.9, "main".to_owned()),
                (0.45, "serde_json::de::from_str".to_owned())
            ]
        );
    }
}
