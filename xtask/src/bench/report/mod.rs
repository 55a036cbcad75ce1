//! The Markdown report (`BENCHMARKS.md`): how the run was made, a summary against the
//! targets, and one section per measurement with medians and spreads.

mod format;
mod sections;

use std::fmt::Write as _;

use format::{bytes, count, rate, seconds};
use sections::METHOD;

use super::binary_size::BinarySize;
use super::build_time::BuildTime;
use super::code_size::CodeSize;
use super::codegen_time::CodegenTimes;
use super::instructions::CallInstructions;
use super::load::LoadLog;
use super::machine::Machine;
use super::marginal_build::{AppBuild, AppVariant, marginal};
use super::programs::{Profile, Program};
use super::throughput::Throughput;

/// Everything a run found, and how it was made.
#[derive(Clone, Debug)]
pub struct Report {
    /// The command line that produced it.
    pub command: String,
    /// A `--smoke` run: a debug build, a few calls, no target is judged.
    pub smoke: bool,
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
    /// Clean build times of the base application, alone and with each client.
    pub app_builds: Vec<AppBuild>,
    /// Release binary sizes, per program.
    pub binaries: Vec<(Program, BinarySize)>,
    /// Calls per second and deserialisation.
    pub throughput: Option<Throughput>,
    /// Instructions per call (callgrind), where valgrind was there.
    pub instructions: Vec<CallInstructions>,
    /// The hand-written reading of the results (`xtask/bench/analysis.md`), appended as it is.
    pub analysis: Option<String>,
}

/// A goal for ours / official (or, for codegen, an absolute figure).
struct Target {
    /// `≤` (smaller is better) or `≥`.
    at_most: bool,
    /// The bound; `None` for a figure that is only reported.
    limit: Option<f64>,
}

/// A figure without a target, only reported.
const REPORTED: Target = Target {
    at_most: true,
    limit: None,
};

impl Target {
    fn describe(&self, value: Option<f64>, unit: &str) -> String {
        let Some(limit) = self.limit else {
            return "reported".to_owned();
        };
        let sign = if self.at_most { "≤" } else { "≥" };
        match value {
            Some(value) => {
                let met = if self.at_most {
                    value <= limit
                } else {
                    value >= limit
                };
                format!(
                    "{sign} {limit}{unit}: {}",
                    if met { "**met**" } else { "**missed**" }
                )
            }
            None => format!("{sign} {limit}{unit}"),
        }
    }
}

const BUILD_TARGET: Target = Target {
    at_most: true,
    limit: Some(0.2),
};
const SIZE_TARGET: Target = Target {
    at_most: true,
    limit: Some(0.33),
};
const LINES_TARGET: Target = Target {
    at_most: true,
    limit: Some(0.1),
};
const CALLS_TARGET: Target = Target {
    at_most: false,
    limit: Some(2.0),
};
/// Other processes' CPU use (in CPUs, between two samples) worth pointing out.
const OTHERS_NOTICEABLE: f64 = 0.25;

const CODEGEN_TARGET: Target = Target {
    at_most: true,
    limit: Some(0.1),
};
const CORPUS_TARGET: Target = Target {
    at_most: true,
    limit: Some(5.0),
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
        self.marginal_section(&mut out);
        self.binary_section(&mut out);
        self.code_section(&mut out);
        self.calls_section(&mut out);
        self.instructions_section(&mut out);
        if let Some(analysis) = &self.analysis {
            out.push_str(analysis.trim_end());
            out.push_str("\n\n");
        }
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
                "- **Load average (1 min) during the run:** {min:.2} to {max:.2} (the benchmark's own builds keep it near {} while they run).",
                machine.cpus
            );
        }
        if let Some(max) = self.load.others_max() {
            let verdict = if max > OTHERS_NOTICEABLE {
                "other work ran alongside at times: spreads widen where it did, and the interleaved medians are the fairer comparison"
            } else {
                "the machine was otherwise idle"
            };
            let _ = writeln!(
                out,
                "- **CPU used by other processes:** at most {max:.2} CPUs between two samples ({verdict})."
            );
        }
        let _ = writeln!(out);
        if !self.load.samples.is_empty() {
            let _ = writeln!(
                out,
                "<details><summary>Load averages (1, 5, 15 min) and other processes' CPU use since the previous sample</summary>\n"
            );
            for sample in &self.load.samples {
                let [one, five, fifteen] = sample.load;
                let others = sample
                    .others
                    .map_or_else(String::new, |others| format!("; others {others:.2} CPUs"));
                let _ = writeln!(
                    out,
                    "- {}: {one:.2} {five:.2} {fifteen:.2}{others}",
                    sample.label
                );
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
                CODEGEN_TARGET.describe(Some(median).filter(|_| !self.smoke), " s")
            );
            if let Ok(corpus) = &codegen.corpus {
                let median = corpus.process.median;
                let _ = writeln!(
                    out,
                    "| codegen, whole corpus ({} models) | {} | — | — | {} |",
                    corpus
                        .models
                        .map_or_else(|| "?".to_owned(), |(models, _)| models.to_string()),
                    seconds(median),
                    CORPUS_TARGET.describe(Some(median).filter(|_| !self.smoke), " s")
                );
            }
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
        for profile in [Profile::Debug, Profile::Release] {
            row(
                out,
                &format!("clean build added to an app, {}", profile.name()),
                marginal(&self.app_builds, AppVariant::Ours, profile),
                marginal(&self.app_builds, AppVariant::Official, profile),
                seconds,
                &REPORTED,
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
            for call in throughput
                .calls
                .iter()
                .filter(|c| c.program == Program::Ours)
            {
                let [ours, official] = self.pair(|program| {
                    throughput
                        .calls
                        .iter()
                        .find(|c| {
                            c.program == program
                                && c.users == call.users
                                && c.concurrency == call.concurrency
                        })
                        .and_then(|c| c.peak_rss)
                        .map(|rss| rss as f64)
                });
                let label = format!(
                    "peak RSS, {} users, {} at a time",
                    call.users, call.concurrency
                );
                row(out, &label, ours, official, bytes, &REPORTED);
            }
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

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn targets_say_whether_they_are_met() {
        let target = Target {
            at_most: true,
            limit: Some(0.2),
        };
        assert_eq!(target.describe(Some(0.19), ""), "≤ 0.2: **met**");
        assert_eq!(target.describe(Some(0.21), ""), "≤ 0.2: **missed**");
        assert_eq!(
            Target {
                at_most: false,
                limit: Some(2.0)
            }
            .describe(None, ""),
            "≥ 2"
        );
        assert_eq!(super::REPORTED.describe(Some(1.0), ""), "reported");
    }
}
