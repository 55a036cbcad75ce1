//! Codegen time: our generator run end to end as a process (read, validate, lower, emit,
//! format, write) on the full AWS Cognito model, next to its floor — the same binary only
//! reading the file and parsing it with `serde_json` — and `cargo xtask corpus` over every
//! model of the corpus.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::process::run_timed;
use super::programs::FULL_COGNITO_CRATE;
use super::stats::Stats;

/// The complete Cognito model this repository generates `generated/` from (every operation
/// of the current API, as the official crate has them), below the workspace root.
pub const FULL_COGNITO_MODEL: &str = crate::codegen_cmd::DEFAULT_MODEL;

/// What the codegen section measured.
#[derive(Clone, Debug)]
pub struct CodegenTimes {
    /// `xtask codegen` on the full Cognito model, seconds per process.
    pub full_model: Stats,
    /// `xtask bench --parse-json` on the same file, seconds per process.
    pub json_floor: Stats,
    /// `xtask corpus` over the corpus, or why it was not measured.
    pub corpus: Result<CorpusTimes, String>,
}

/// `xtask corpus` timings.
#[derive(Clone, Debug)]
pub struct CorpusTimes {
    /// Seconds per `xtask corpus` process (generation and writing of every model).
    pub process: Stats,
    /// The generation time the command itself reports, seconds per run.
    pub reported: Option<Stats>,
    /// Models in the corpus, and how many failed to generate (from its `summary.json`).
    pub models: Option<(u64, u64)>,
}

/// Where the corpus lives: `$AWS_MODELS_DIR`, else `../shared/aws-models` next to the
/// workspace (the same default as `cargo xtask corpus`).
pub fn corpus_dir(root: &Path) -> PathBuf {
    std::env::var_os("AWS_MODELS_DIR")
        .map_or_else(|| root.join("../shared/aws-models"), PathBuf::from)
}

/// Where the timed generations write (a scratch copy of the crate).
const TIMING_OUT: &str = "target/bench/codegen-timing";

/// Runs `xtask codegen` on the full model, writing to `out`; returns the seconds it took.
fn codegen(xtask: &Path, root: &Path, out: &Path, check: bool) -> Result<f64, String> {
    let mut command = Command::new(xtask);
    command
        .arg("codegen")
        .arg("--model")
        .arg(root.join(FULL_COGNITO_MODEL))
        .arg("--out")
        .arg(out);
    if check {
        command.arg("--check");
    }
    run_timed(&mut command).map(|finished| finished.seconds)
}

/// Makes [`FULL_COGNITO_CRATE`] the crate generated from the full model, rewriting it only
/// when it is stale, so that unchanged sources keep their timestamps and an incremental
/// build of the bench program stays incremental.
pub fn update_full_cognito(xtask: &Path, root: &Path) -> Result<(), String> {
    let out = root.join(FULL_COGNITO_CRATE);
    if codegen(xtask, root, &out, true).is_err() {
        codegen(xtask, root, &out, false)?;
    }
    Ok(())
}

/// Times `runs` generations of the full model (into a scratch directory), `runs` floor
/// parses, and, when `corpus_runs > 0`, that many corpus runs.
pub fn measure(
    xtask: &Path,
    root: &Path,
    runs: usize,
    corpus_runs: usize,
) -> Result<CodegenTimes, String> {
    let model = root.join(FULL_COGNITO_MODEL);
    let mut full = Vec::new();
    let mut floor = Vec::new();
    for _ in 0..runs {
        full.push(codegen(xtask, root, &root.join(TIMING_OUT), false)?);
        let mut parse = Command::new(xtask);
        parse.arg("bench").arg("--parse-json").arg(&model);
        floor.push(run_timed(&mut parse)?.seconds);
    }
    let corpus = if corpus_runs == 0 {
        Err("not run (--corpus-runs 0)".to_owned())
    } else {
        measure_corpus(xtask, root, corpus_runs)
    };
    Ok(CodegenTimes {
        full_model: Stats::of(&full).ok_or("no codegen runs")?,
        json_floor: Stats::of(&floor).ok_or("no parse runs")?,
        corpus,
    })
}

/// Runs `xtask corpus` `runs` times, each into an empty `target/corpus` (a re-run leaves
/// crates that are already up to date alone, which would time a comparison instead of the
/// writing); an error (say, the command is missing) is returned for the report rather than
/// ending the benchmark.
fn measure_corpus(xtask: &Path, root: &Path, runs: usize) -> Result<CorpusTimes, String> {
    let mut process = Vec::new();
    let mut reported = Vec::new();
    let mut models = None;
    let out = root.join("target/corpus");
    for _ in 0..runs {
        match fs::remove_dir_all(&out) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("cannot empty {}: {error}", out.display()));
            }
            _ => {}
        }
        let mut command = Command::new(xtask);
        command.arg("corpus").arg("--dir").arg(corpus_dir(root));
        process.push(run_timed(&mut command)?.seconds);
        let summary = fs::read_to_string(out.join("summary.json"))
            .ok()
            .and_then(|text| serde_json::from_str::<Value>(&text).ok());
        if let Some(summary) = summary {
            reported.extend(summary["generation_seconds"].as_f64());
            models = summary["models"].as_u64().zip(summary["failed"].as_u64());
        }
    }
    Ok(CorpusTimes {
        process: Stats::of(&process).ok_or("no corpus runs")?,
        reported: Stats::of(&reported),
        models,
    })
}

/// The floor's work: read `path` and parse it into a `serde_json::Value`.
pub fn parse_json(path: &Path) -> Result<(), String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    std::hint::black_box(value);
    Ok(())
}
