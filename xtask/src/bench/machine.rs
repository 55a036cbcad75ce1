//! The machine a run measures on.

use std::fs;
use std::process::Command;
use std::thread;

/// What the report says about the machine.
#[derive(Clone, Debug)]
pub struct Machine {
    /// CPU model name, from `/proc/cpuinfo`.
    pub cpu: String,
    /// Logical CPUs available to this process.
    pub cpus: usize,
    /// Total memory, from `/proc/meminfo`.
    pub memory: String,
    /// `uname -sr`.
    pub kernel: String,
    /// `rustc -V`.
    pub rustc: String,
    /// `cargo -V`.
    pub cargo: String,
}

impl Machine {
    /// Describes this machine (unknown parts read "unknown").
    pub fn describe() -> Machine {
        let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
        Machine {
            cpu: field(&cpuinfo, "model name").unwrap_or_else(unknown),
            cpus: thread::available_parallelism().map_or(1, usize::from),
            memory: field(&meminfo, "MemTotal")
                .and_then(|kb| kb.trim_end_matches(" kB").parse::<f64>().ok())
                .map_or_else(unknown, |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0)),
            kernel: command_line("uname", &["-sr"]),
            rustc: command_line("rustc", &["-V"]),
            cargo: command_line("cargo", &["-V"]),
        }
    }
}

fn unknown() -> String {
    "unknown".to_owned()
}

/// The value of the first `name : value` line of a `/proc` file.
fn field(text: &str, name: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == name).then(|| value.trim().to_owned())
    })
}

/// The first line a command prints, or "unknown".
fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| {
            let text = String::from_utf8_lossy(&output.stdout);
            text.lines().next().map(str::to_owned)
        })
        .unwrap_or_else(unknown)
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn reads_proc_fields() {
        let text = "processor\t: 0\nmodel name\t: AMD EPYC\nMemTotal:       24000000 kB\n";
        assert_eq!(field(text, "model name").as_deref(), Some("AMD EPYC"));
        assert_eq!(field(text, "MemTotal").as_deref(), Some("24000000 kB"));
        assert_eq!(field(text, "flags"), None);
    }
}
