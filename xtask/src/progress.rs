//! A one-line progress indicator on stderr: `[ 12/402] name`, redrawn in place on a
//! terminal, and printed every few steps (one line each) when stderr is a log file.

use std::io::{IsTerminal, Write};

/// How often a non-terminal progress line is printed, in steps.
const LOG_EVERY: usize = 25;

/// Progress through `total` steps.
#[derive(Debug)]
pub struct Progress {
    total: usize,
    done: usize,
    terminal: bool,
}

impl Progress {
    /// Progress through `total` steps, starting at zero.
    pub fn new(total: usize) -> Self {
        Progress {
            total,
            done: 0,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// Counts one step, labelled `label`.
    pub fn step(&mut self, label: &str) {
        self.done += 1;
        let width = self.total.to_string().len();
        let line = format!("[{:>width$}/{}] {label}", self.done, self.total);
        let mut stderr = std::io::stderr().lock();
        if self.terminal {
            // Clear to the end of the line, so a shorter label leaves nothing behind.
            let _ = write!(stderr, "\r{line}\x1b[K");
            let _ = stderr.flush();
        } else if self.done.is_multiple_of(LOG_EVERY) || self.done == self.total {
            let _ = writeln!(stderr, "{line}");
        }
    }

    /// Ends the progress line.
    pub fn finish(&self) {
        if self.terminal && self.done > 0 {
            eprintln!();
        }
    }
}
