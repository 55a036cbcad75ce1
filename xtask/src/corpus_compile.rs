//! Compiling generated corpus crates: one scratch workspace (`target/corpus/Cargo.toml`) lists
//! them, so they share a target directory and a lockfile, and one `cargo check` with warnings
//! denied builds them all (`--keep-going`), its JSON messages telling which crate failed how.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::Instant;

use serde_json::Value;

use crate::progress::Progress;

/// A crate to compile: its directory name below the corpus folder and its package name.
#[derive(Clone, Debug)]
pub struct CrateToCompile {
    /// Directory below the corpus folder (the model's stem).
    pub dir: String,
    /// Cargo package name.
    pub package: String,
}

/// How one crate fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileOutcome {
    /// `cargo check` passed with warnings denied.
    Passed,
    /// It did not; the first error, as rustc rendered it.
    Failed(String),
}

/// The result of compiling a set of crates.
#[derive(Debug)]
pub struct CompileReport {
    /// Outcome per crate directory.
    pub outcomes: BTreeMap<String, CompileOutcome>,
    /// Wall time in seconds.
    pub seconds: f64,
}

/// Writes the scratch workspace for `crates` below `corpus_dir` and checks them with `jobs`
/// parallel rustc jobs. `seed_lockfile` (the repository's `Cargo.lock`) seeds the scratch
/// lockfile the first time, so the runtime's dependencies resolve to the versions already
/// in use (and already downloaded).
pub fn compile(
    corpus_dir: &Path,
    crates: &[CrateToCompile],
    jobs: usize,
    seed_lockfile: &Path,
) -> Result<CompileReport, String> {
    let started = Instant::now();
    write_workspace(corpus_dir, crates, seed_lockfile)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(corpus_dir)
        .args(["check", "--quiet", "--keep-going", "--message-format=json"])
        .arg("--jobs")
        .arg(jobs.to_string())
        .arg("--target-dir")
        .arg(corpus_dir.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_TARGET_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for krate in crates {
        command.arg("-p").arg(&krate.package);
    }
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot run cargo check: {e}"))?;
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let stderr_reader = thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let stdout = child.stdout.take().expect("stdout is piped");
    let by_manifest: BTreeMap<PathBuf, &str> = crates
        .iter()
        .map(|krate| {
            let manifest = absolute(&corpus_dir.join(&krate.dir).join("Cargo.toml"));
            (manifest, krate.dir.as_str())
        })
        .collect();
    let mut outcomes: BTreeMap<String, CompileOutcome> = BTreeMap::new();
    let mut progress = Progress::new(crates.len());
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("cannot read cargo's output: {e}"))?;
        let Ok(message) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let Some(dir) = message
            .get("manifest_path")
            .and_then(Value::as_str)
            .and_then(|path| by_manifest.get(&absolute(Path::new(path))))
        else {
            continue;
        };
        // The first error decides; a crate with none passes when its artifact is reported.
        let outcome = match message.get("reason").and_then(Value::as_str) {
            Some("compiler-message") => error_text(&message).map(CompileOutcome::Failed),
            Some("compiler-artifact") => Some(CompileOutcome::Passed),
            _ => None,
        };
        if let Some(outcome) = outcome
            && !outcomes.contains_key(*dir)
        {
            match outcome {
                CompileOutcome::Passed => progress.step(dir),
                CompileOutcome::Failed(_) => progress.step(&format!("{dir} failed")),
            }
            outcomes.insert((*dir).to_owned(), outcome);
        }
    }
    progress.finish();
    let status = child
        .wait()
        .map_err(|e| format!("cargo check did not finish: {e}"))?;
    let stderr = stderr_reader.join().unwrap_or_default();
    for krate in crates {
        outcomes.entry(krate.dir.clone()).or_insert_with(|| {
            CompileOutcome::Failed(format!(
                "not built (cargo exited with {status}): {}",
                last_lines(&stderr, 20)
            ))
        });
    }
    Ok(CompileReport {
        outcomes,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The rendered text of an error message (a denied warning included); `None` for warnings,
/// notes and the closing "aborting due to …" summary.
fn error_text(message: &Value) -> Option<String> {
    let diagnostic = message.get("message")?;
    let level = diagnostic.get("level").and_then(Value::as_str)?;
    let text = diagnostic.get("message").and_then(Value::as_str)?;
    if !level.starts_with("error") || text.starts_with("aborting due to") {
        return None;
    }
    let rendered = diagnostic.get("rendered").and_then(Value::as_str);
    Some(rendered.unwrap_or(text).trim_end().to_owned())
}

/// The scratch `Cargo.toml` listing exactly `crates`, and the seeded lockfile.
fn write_workspace(
    corpus_dir: &Path,
    crates: &[CrateToCompile],
    seed_lockfile: &Path,
) -> Result<(), String> {
    let mut packages: BTreeMap<&str, &str> = BTreeMap::new();
    for krate in crates {
        if let Some(other) = packages.insert(&krate.package, &krate.dir) {
            return Err(format!(
                "{} and {} both generate the package `{}`; compile them separately",
                other, krate.dir, krate.package
            ));
        }
    }
    let members: Vec<String> = crates
        .iter()
        .map(|krate| format!("    {},\n", Value::String(krate.dir.clone())))
        .collect();
    let manifest = format!(
        "# Written by `cargo xtask corpus --compile`: the generated crates being compiled.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n{}]\n",
        members.concat()
    );
    let path = corpus_dir.join("Cargo.toml");
    fs::write(&path, manifest).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let lockfile = corpus_dir.join("Cargo.lock");
    if !lockfile.exists() && seed_lockfile.exists() {
        fs::copy(seed_lockfile, &lockfile)
            .map_err(|e| format!("cannot seed {}: {e}", lockfile.display()))?;
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The last `count` lines of `text`, joined with newlines.
fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::error_text;

    #[test]
    fn error_text_keeps_errors_and_denied_warnings_only() {
        let message = |level: &str, text: &str| json!({ "message": { "level": level, "message": text, "rendered": format!("{level}: {text}\n") } });
        assert_eq!(
            error_text(&message("error", "unused import")).as_deref(),
            Some("error: unused import")
        );
        assert_eq!(error_text(&message("warning", "unused import")), None);
        assert_eq!(
            error_text(&message("error", "aborting due to 2 previous errors")),
            None
        );
    }
}
