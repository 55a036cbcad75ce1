//! The Markdown report (`BENCHMARKS.md`): how the run was made, a summary against the
//! targets, and one section per measurement with medians and spreads.

use std::fmt::Write as _;

use super::binary_size::BinarySize;
use super::build_time::BuildTime;
use super::code_size::CodeSize;
use super::codegen_time::{CodegenTimes, FULL_COGNITO_MODEL};
use super::machine::{LoadLog, Machine};
use super::programs::{Profile, Program};
use super::stats::Stats;
use super::throughput::Throughput;

/// Everything a run found, and how it was made.
#[derive(Clone, Debug)]
pub struct Report {
    /// The command line that produced it.
    pub command: String,
    /// When it started (UTC).
    pub date: String,
    /// `git describe` of the checkout.
    pub commit: String,
    /// The machine.
    pub machine: Machine,
    /// Whether the 1-minute load got below the threshold before measuring (`None`: not waited).
    pub quiet: Option<(bool, f64)>,
    /// Load averages through the run.
    pub load: LoadLog,
    /// Codegen timings.
    pub codegen: Option<CodegenTimes>,
    /// Size of code, per program.
    pub code_size: Vec<(Program, CodeSize)>,
    /// Clean build times.
    pub builds: Vec<BuildTime>,
    /// Release binary sizes, per program.
    pub binaries: Vec<(Program, BinarySize)>,
    /// Calls per second and deserialisation.
    pub throughput: Option<Throughput>,
}

/// A goal for ours / official (or, for codegen, an absolute figure).
struct Target {
    /// `≤` (smaller is better) or `≥`.
    at_most: bool,
    limit: f64,
}

impl Target {
    fn describe(&self, value: Option<f64>, unit: &str) -> String {
        let sign = if self.at_most { "≤" } else { "≥" };
        match value {
            Some(value) => {
                let met = if self.at_most {
                    value <= self.limit
                } else {
                    value >= self.limit
                };
                format!(
                    "{sign} {}{unit}: {}",
                    self.limit,
                    if met { "**met**" } else { "**missed**" }
                )
            }
            None => format!("{sign} {}{unit}", self.limit),
        }
    }
}

const BUILD_TARGET: Target = Target {
    at_most: true,
    limit: 0.2,
};
const SIZE_TARGET: Target = Target {
    at_most: true,
    limit: 0.33,
};
const LINES_TARGET: Target = Target {
    at_most: true,
    limit: 0.1,
};
const CALLS_TARGET: Target = Target {
    at_most: false,
    limit: 2.0,
};
const CODEGEN_TARGET: Target = Target {
    at_most: true,
    limit: 0.25,
};

impl Report {
    /// The whole document.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Benchmarks: our generated Cognito client vs the official SDK\n"
        );
        let _ = writeln!(
            out,
            "Written by `{}` — do not edit by hand; run the command again (see \"Method\" below).\n",
            self.command
        );
        self.run_section(&mut out);
        self.summary(&mut out);
        self.codegen_section(&mut out);
        self.build_section(&mut out);
        self.binary_section(&mut out);
        self.code_section(&mut out);
        self.calls_section(&mut out);
        out.push_str(METHOD);
        out
    }

    fn run_section(&self, out: &mut String) {
        let machine = &self.machine;
        let _ = writeln!(out, "## The run\n");
        let _ = writeln!(out, "- **Command:** `{}`", self.command);
        let _ = writeln!(
            out,
            "- **Date:** {} (checkout `{}`)",
            self.date, self.commit
        );
        let _ = writeln!(
            out,
            "- **Machine:** {}, {} logical CPUs, {} memory, {}; {}, {}",
            machine.cpu, machine.cpus, machine.memory, machine.kernel, machine.rustc, machine.cargo
        );
        let sides: Vec<String> = self
            .code_size
            .iter()
            .map(|(program, size)| format!("{}: `{}`", program.name(), size.client))
            .collect();
        if !sides.is_empty() {
            let _ = writeln!(out, "- **Clients:** {}", sides.join("; "));
        }
        match self.quiet {
            Some((true, threshold)) => {
                let _ = writeln!(
                    out,
                    "- **Quiet machine:** measuring started once the 1-minute load was below {threshold}."
                );
            }
            Some((false, threshold)) => {
                let _ = writeln!(
                    out,
                    "- **Quiet machine: no.** The 1-minute load never got below {threshold} within the wait; measured anyway (the machine is shared, so treat times as upper bounds)."
                );
            }
            None => {}
        }
        if let Some((min, max)) = self.load.one_minute_range() {
            let _ = writeln!(
                out,
                "- **Load average (1 min) during the run:** {min:.2} to {max:.2} (every sample below)."
            );
            if let Some((_, threshold)) = self.quiet.filter(|(_, threshold)| max > *threshold) {
                let _ = writeln!(
                    out,
                    "- **The load rose above {threshold} during the run:** other work on this shared machine ran alongside; wide spreads (builds especially) come from it, and the interleaved medians are the fairer comparison."
                );
            }
        }
        let _ = writeln!(out);
        if !self.load.samples.is_empty() {
            let _ = writeln!(
                out,
                "<details><summary>Load averages (1, 5, 15 min)</summary>\n"
            );
            for (label, [one, five, fifteen]) in &self.load.samples {
                let _ = writeln!(out, "- {label}: {one:.2} {five:.2} {fifteen:.2}");
            }
            let _ = writeln!(out, "\n</details>\n");
        }
    }

    fn summary(&self, out: &mut String) {
        let _ = writeln!(out, "## Summary\n");
        let _ = writeln!(out, "Medians. Ratio = ours / official.\n");
        let _ = writeln!(out, "| measure | ours | official | ratio | target |");
        let _ = writeln!(out, "| --- | ---: | ---: | ---: | --- |");
        if let Some(codegen) = &self.codegen {
            let median = codegen.full_model.median;
            let _ = writeln!(
                out,
                "| codegen, full Cognito model | {} | — | — | {} |",
                seconds(median),
                CODEGEN_TARGET.describe(Some(median), " s")
            );
        }
        for profile in [Profile::Debug, Profile::Release] {
            let [ours, official] =
                self.pair(|program| self.build(program, profile).map(|b| b.seconds.median));
            row(
                out,
                &format!("clean build, {}", profile.name()),
                ours,
                official,
                seconds,
                &BUILD_TARGET,
            );
        }
        let [ours, official] = self.pair(|program| self.binary(program).map(|b| b.stripped as f64));
        row(
            out,
            "release binary, stripped",
            ours,
            official,
            bytes,
            &SIZE_TARGET,
        );
        let [ours, official] = self.pair(|program| self.binary(program).map(|b| b.built as f64));
        row(
            out,
            "release binary, not stripped",
            ours,
            official,
            bytes,
            &SIZE_TARGET,
        );
        let [ours, official] =
            self.pair(|program| self.code(program).map(|c| c.lines.total as f64));
        row(
            out,
            "client crate, lines",
            ours,
            official,
            count,
            &LINES_TARGET,
        );
        let [ours, official] = self.pair(|program| self.code(program).map(|c| c.lines.code as f64));
        row(
            out,
            "client crate, code lines",
            ours,
            official,
            count,
            &LINES_TARGET,
        );
        if let Some(throughput) = &self.throughput {
            let mut settings: Vec<(usize, usize)> = throughput
                .calls
                .iter()
                .map(|c| (c.users, c.concurrency))
                .collect();
            settings.dedup();
            for (users, concurrency) in settings {
                let [ours, official] = self.pair(|program| {
                    throughput
                        .calls
                        .iter()
                        .find(|c| {
                            c.program == program && c.users == users && c.concurrency == concurrency
                        })
                        .map(|c| c.per_second.median)
                });
                let label = format!("ListUsers calls/s, {users} users, {concurrency} at a time");
                row(out, &label, ours, official, rate, &CALLS_TARGET);
            }
        }
        let _ = writeln!(out);
    }

    fn codegen_section(&self, out: &mut String) {
        let Some(codegen) = &self.codegen else { return };
        let _ = writeln!(out, "## 1. Codegen time\n");
        let _ = writeln!(
            out,
            "Wall-clock time of one `xtask` process (a release build, except with `--smoke`).\n"
        );
        let _ = writeln!(out, "| what | median | spread |");
        let _ = writeln!(out, "| --- | ---: | --- |");
        let _ = writeln!(
            out,
            "| `xtask codegen` on `{FULL_COGNITO_MODEL}`: read, validate, lower, emit, format, write | {} | {} |",
            seconds(codegen.full_model.median),
            spread(&codegen.full_model, seconds)
        );
        let _ = writeln!(
            out,
            "| floor: the same binary reading the file and parsing it with `serde_json` | {} | {} |",
            seconds(codegen.json_floor.median),
            spread(&codegen.json_floor, seconds)
        );
        match &codegen.corpus {
            Ok(corpus) => {
                let models = corpus.models.map_or_else(String::new, |(models, failed)| {
                    format!(" ({models} models, {failed} failed)")
                });
                let _ = writeln!(
                    out,
                    "| `xtask corpus`: every model of the corpus{models}, generated and written | {} | {} |",
                    seconds(corpus.process.median),
                    spread(&corpus.process, seconds)
                );
                if let Some(reported) = &corpus.reported {
                    let _ = writeln!(
                        out,
                        "| … of which generation, as `xtask corpus` reports it | {} | {} |",
                        seconds(reported.median),
                        spread(reported, seconds)
                    );
                }
            }
            Err(why) => {
                let _ = writeln!(
                    out,
                    "| `xtask corpus` | not measured: {} | |",
                    why.lines().next().unwrap_or_default()
                );
            }
        }
        let _ = writeln!(out);
    }

    fn build_section(&self, out: &mut String) {
        if self.builds.is_empty() {
            return;
        }
        let _ = writeln!(out, "## 2. Clean build time\n");
        let _ = writeln!(
            out,
            "`cargo build [--release] --locked --offline` of the bench program in a fresh target directory, dependencies fetched beforehand, `CARGO_INCREMENTAL=0`, cargo's default jobs.\n"
        );
        let _ = writeln!(out, "| program | profile | median | spread |");
        let _ = writeln!(out, "| --- | --- | ---: | --- |");
        for build in &self.builds {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                build.program.name(),
                build.profile.name(),
                seconds(build.seconds.median),
                spread(&build.seconds, seconds)
            );
        }
        let _ = writeln!(out);
    }

    fn binary_section(&self, out: &mut String) {
        if self.binaries.is_empty() {
            return;
        }
        let _ = writeln!(out, "## 3. Release binary size\n");
        let _ = writeln!(out, "| program | as built | stripped |");
        let _ = writeln!(out, "| --- | ---: | ---: |");
        for (program, size) in &self.binaries {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                program.name(),
                bytes(size.built as f64),
                bytes(size.stripped as f64)
            );
        }
        let _ = writeln!(out);
    }

    fn code_section(&self, out: &mut String) {
        if self.code_size.is_empty() {
            return;
        }
        let _ = writeln!(out, "## 4. Size of code\n");
        let _ = writeln!(
            out,
            "Every `.rs` file of the client crate; code lines exclude blank lines and comments (doc comments included). Dependencies: distinct packages in `cargo tree --prefix none -e normal` with default features, the root excluded.\n"
        );
        let _ = writeln!(
            out,
            "| client | lines | code lines | of which `src/runtime/` (lines / code) | dependency crates (client alone) | dependency crates (bench program) |"
        );
        let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |");
        for (_, size) in &self.code_size {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} / {} | {} | {} |",
                size.client,
                count(size.lines.total as f64),
                count(size.lines.code as f64),
                count(size.runtime_lines.total as f64),
                count(size.runtime_lines.code as f64),
                size.client_dependencies,
                size.program_dependencies
            );
        }
        let _ = writeln!(out);
    }

    fn calls_section(&self, out: &mut String) {
        let Some(throughput) = &self.throughput else {
            return;
        };
        let _ = writeln!(out, "## 5. Calls per second\n");
        let _ = writeln!(
            out,
            "`ListUsers` against the loopback server (HTTP/1.1 keep-alive on 127.0.0.1, canned response), release builds, SigV4 signing with dummy static credentials, one multi-threaded Tokio runtime per program. One sample per timed round.\n"
        );
        let _ = writeln!(
            out,
            "| users per response | at a time | program | calls/s (median) | spread |"
        );
        let _ = writeln!(out, "| ---: | ---: | --- | ---: | --- |");
        for call in &throughput.calls {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                call.users,
                call.concurrency,
                call.program.name(),
                rate(call.per_second.median),
                spread(&call.per_second, rate)
            );
        }
        let _ = writeln!(out, "\n### Deserialising the response alone\n");
        let _ = writeln!(
            out,
            "Ours: what the client does with a body, one UTF-8 check then `serde_json::from_str::<ListUsersResponse>`. Official: the SDK's own response path without a call (`AwsJsonRpcProtocol::deserialize_response` + `ListUsersOutput::deserialize`).\n"
        );
        let _ = writeln!(
            out,
            "| users | bytes | program | µs per parse (median) | spread |"
        );
        let _ = writeln!(out, "| ---: | ---: | --- | ---: | --- |");
        for parse in &throughput.parses {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.1} | {} |",
                parse.users,
                parse.bytes,
                parse.program.name(),
                parse.micros.median,
                spread(&parse.micros, |v| format!("{v:.1}"))
            );
        }
        let _ = writeln!(
            out,
            "\nThe small program itself (`list` mode) against the same server printed:\n"
        );
        for (program, output) in &throughput.list_output {
            let _ = writeln!(
                out,
                "- {}: `{}`",
                program.name(),
                output.replace('\n', " / ")
            );
        }
        let _ = writeln!(out);
    }

    /// A figure for ours and for official.
    fn pair(&self, figure: impl Fn(Program) -> Option<f64>) -> [Option<f64>; 2] {
        [figure(Program::Ours), figure(Program::Official)]
    }

    fn build(&self, program: Program, profile: Profile) -> Option<&BuildTime> {
        self.builds
            .iter()
            .find(|b| b.program == program && b.profile == profile)
    }

    fn binary(&self, program: Program) -> Option<&BinarySize> {
        self.binaries
            .iter()
            .find(|(p, _)| *p == program)
            .map(|(_, size)| size)
    }

    fn code(&self, program: Program) -> Option<&CodeSize> {
        self.code_size
            .iter()
            .find(|(p, _)| *p == program)
            .map(|(_, size)| size)
    }
}

/// One summary row; skipped when neither side was measured.
fn row(
    out: &mut String,
    label: &str,
    ours: Option<f64>,
    official: Option<f64>,
    format: impl Fn(f64) -> String,
    target: &Target,
) {
    if ours.is_none() && official.is_none() {
        return;
    }
    let cell = |value: Option<f64>| value.map_or_else(|| "—".to_owned(), &format);
    let ratio = ours.zip(official).map(|(ours, official)| ours / official);
    let ratio_text = ratio.map_or_else(|| "—".to_owned(), |ratio| format!("{ratio:.3}"));
    let _ = writeln!(
        out,
        "| {label} | {} | {} | {ratio_text} | {} |",
        cell(ours),
        cell(official),
        target.describe(ratio, "")
    );
}

/// `min – max, n = N`.
fn spread(stats: &Stats, format: impl Fn(f64) -> String) -> String {
    format!(
        "{} – {}, n = {}",
        format(stats.min),
        format(stats.max),
        stats.count
    )
}

fn seconds(value: f64) -> String {
    if value < 10.0 {
        format!("{value:.3} s")
    } else {
        format!("{value:.1} s")
    }
}

fn bytes(value: f64) -> String {
    format!("{:.2} MiB", value / 1024.0 / 1024.0)
}

fn count(value: f64) -> String {
    let digits = format!("{value:.0}");
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

fn rate(value: f64) -> String {
    format!("{value:.0}")
}

const METHOD: &str = "## Method

- **Codegen:** the release `xtask` binary is run as a process; the floor is the same binary with `bench --parse-json FILE` (read + `serde_json::from_str::<Value>`). The corpus figure times `xtask corpus` (all models, default jobs), which writes every crate to `target/corpus/`.
- **Programs:** `xtask/bench/ours` (our crate generated from the full AWS model into `target/bench/full-cognito`) and `xtask/bench/official` (`aws-sdk-cognitoidentityprovider` + `aws-config`, default features) are the same small program — list the user pools, then the users of one pool — plus the timed modes of `xtask/bench/driver`, shared by both. Each has its own `Cargo.lock`.
- **Builds** are interleaved (ours debug, official debug, ours release, official release, repeated) so that load changes hit both sides.
- **Calls:** one program process per setting: an untimed warm-up round (one call per task, opening the connections), then timed rounds of the same number of calls spread over N Tokio tasks; each round's users are counted to check every response was parsed. The loopback server runs in the xtask, one thread per connection, and is the same for both.
- **Spreads** are min – max over the samples; n is the number of samples.
";

#[cfg(test)]
mod tests {
    use super::{Target, count, seconds};

    #[test]
    fn formats_figures() {
        assert_eq!(count(265_900.0), "265,900");
        assert_eq!(count(999.0), "999");
        assert_eq!(seconds(0.31234), "0.312 s");
        assert_eq!(seconds(241.26), "241.3 s");
    }

    #[test]
    fn targets_say_whether_they_are_met() {
        let target = Target {
            at_most: true,
            limit: 0.2,
        };
        assert_eq!(target.describe(Some(0.19), ""), "≤ 0.2: **met**");
        assert_eq!(target.describe(Some(0.21), ""), "≤ 0.2: **missed**");
        assert_eq!(
            Target {
                at_most: false,
                limit: 2.0
            }
            .describe(None, ""),
            "≥ 2"
        );
    }
}
