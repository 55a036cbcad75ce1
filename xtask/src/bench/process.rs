//! Running the commands a benchmark measures: wall-clock timing, captured output, and
//! failures that show what the command said.

use std::process::{Command, Stdio};
use std::time::Instant;

/// A command that ran to success.
#[derive(Debug)]
pub struct Finished {
    /// Wall-clock seconds from spawn to exit.
    pub seconds: f64,
    /// What it printed on standard output.
    pub stdout: String,
}

/// Runs `command` to completion, timing it; fails unless it exits successfully, quoting the
/// end of its standard error.
pub fn run_timed(command: &mut Command) -> Result<Finished, String> {
    let started = Instant::now();
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", describe(command)))?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        let tail = lines[lines.len().saturating_sub(30)..].join("\n");
        return Err(format!(
            "{} failed ({}):\n{tail}",
            describe(command),
            output.status
        ));
    }
    Ok(Finished {
        seconds,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    })
}

/// Runs `command` and returns its standard output.
pub fn run(command: &mut Command) -> Result<String, String> {
    run_timed(command).map(|finished| finished.stdout)
}

/// The command line, for messages.
fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(
        command
            .get_args()
            .map(|arg| arg.to_string_lossy().into_owned()),
    );
    let text = words.join(" ");
    match command.get_current_dir() {
        Some(dir) => format!("`{text}` (in {})", dir.display()),
        None => format!("`{text}`"),
    }
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    #[test]
    fn captures_output_and_reports_failures() {
        let finished = super::run_timed(Command::new("sh").args(["-c", "echo hi"])).unwrap();
        assert_eq!(finished.stdout, "hi\n");
        assert!(finished.seconds >= 0.0);
        let error =
            super::run(Command::new("sh").args(["-c", "echo oops >&2; exit 3"])).unwrap_err();
        assert!(error.contains("oops") && error.contains("sh -c"), "{error}");
    }
}
