//! The report's sections, one per measurement, and the method notes.

use std::fmt::Write as _;

use super::Report;
use super::format::{bytes, count, rate, seconds, spread};
use crate::bench::codegen_time::FULL_COGNITO_MODEL;
use crate::bench::marginal_build::{AppVariant, marginal};

impl Report {
    pub(super) fn codegen_section(&self, out: &mut String) {
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

    pub(super) fn build_section(&self, out: &mut String) {
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

    pub(super) fn marginal_section(&self, out: &mut String) {
        if self.app_builds.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "## 2b. Adding the client to an application
"
        );
        let _ = writeln!(
            out,
            "`xtask/bench/app`, a small HTTP service on tokio, hyper, hyper-rustls, rustls and serde, built clean like the bench programs: alone (base), and with one client added by its feature `ours` or `official` (the client really used: one `DescribeUserPool` call). One lock file serves all three, so both sides add to the same base. Added = median with the client − median of the base.\n"
        );
        let _ = writeln!(out, "| build | profile | median | spread | added |");
        let _ = writeln!(out, "| --- | --- | ---: | --- | ---: |");
        for build in &self.app_builds {
            let added = marginal(&self.app_builds, build.variant, build.profile)
                .filter(|_| build.variant != AppVariant::Base)
                .map_or_else(|| "—".to_owned(), seconds);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {added} |",
                build.variant.name(),
                build.profile.name(),
                seconds(build.seconds.median),
                spread(&build.seconds, seconds)
            );
        }
        let _ = writeln!(out);
    }

    pub(super) fn binary_section(&self, out: &mut String) {
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

    pub(super) fn code_section(&self, out: &mut String) {
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
            "| client | lines | code lines | its runtime crates, `src/` (lines / code) | dependency crates (client alone) | dependency crates (bench program) |"
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
        let _ = writeln!(out, "\nRuntime crates counted:\n");
        for (program, size) in &self.code_size {
            let _ = writeln!(
                out,
                "- {}: {}",
                program.name(),
                size.runtime_crates.join(", ")
            );
        }
        let _ = writeln!(
            out,
            "\nOurs also builds on `aws-smithy-types` (timestamp and base64 formats), which is not counted on either side.\n"
        );
    }

    pub(super) fn calls_section(&self, out: &mut String) {
        let Some(throughput) = &self.throughput else {
            return;
        };
        let _ = writeln!(out, "## 5. Calls per second\n");
        let _ = writeln!(
            out,
            "`ListUsers` against the loopback server (HTTP/1.1 keep-alive on 127.0.0.1, canned response), release builds, SigV4 signing with dummy static credentials, one multi-threaded Tokio runtime per program. One sample per timed round; each round is a process of its own, and the programs take turns round by round.\n"
        );
        let _ = writeln!(
            out,
            "| users per response | at a time | program | calls/s (median) | spread | peak RSS |"
        );
        let _ = writeln!(out, "| ---: | ---: | --- | ---: | --- | ---: |");
        for call in &throughput.calls {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                call.users,
                call.concurrency,
                call.program.name(),
                rate(call.per_second.median),
                spread(&call.per_second, rate),
                call.peak_rss
                    .map_or_else(|| "—".to_owned(), |rss| bytes(rss as f64))
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

    pub(super) fn instructions_section(&self, out: &mut String) {
        if self.instructions.is_empty() {
            return;
        }
        let _ = writeln!(out, "## 6. Instructions per call (callgrind)\n");
        let _ = writeln!(
            out,
            "Sequential `ListUsers` calls against the loopback server under `valgrind --tool=callgrind` (the whole program process, all threads): the instructions of a run of 120 calls minus those of a run of 20, per call. Unlike calls per second, a busy machine does not change these counts.\n"
        );
        let _ = writeln!(
            out,
            "| users per response | program | instructions per call |"
        );
        let _ = writeln!(out, "| ---: | --- | ---: |");
        for measured in &self.instructions {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                measured.users,
                measured.program.name(),
                count(measured.per_call)
            );
        }
        for measured in &self.instructions {
            let _ = writeln!(
                out,
                "\n<details><summary>{}: heaviest functions, inclusive share of the 120-call run</summary>\n",
                measured.program.name()
            );
            for (share, name) in &measured.top {
                let _ = writeln!(out, "- {:.1}% `{name}`", share * 100.0);
            }
            let _ = writeln!(out, "\n</details>");
        }
        let _ = writeln!(out);
    }
}

/// How the figures were made.
pub(super) const METHOD: &str = "## Method

- **Codegen:** the release `xtask` binary is run as a process; the floor is the same binary with `bench --parse-json FILE` (read + `serde_json::from_str::<Value>`). The corpus figure times `xtask corpus` (all models, default jobs), which writes every crate to `target/corpus/`, emptied before each run (a re-run leaves crates that are already up to date alone).
- **Programs:** `xtask/bench/ours` (our crate generated from `model/cognito-identity-provider.json` — the same crate as `generated/`, every operation of the current API — into `target/bench/full-cognito`; until 2026-11-29 it was generated from AWS's April 2025 Smithy model, 113 operations against the official crate's current 153) and `xtask/bench/official` (`aws-sdk-cognitoidentityprovider` + `aws-config`, default features) are the same small program — list the user pools, then the users of one pool — plus the timed modes of `xtask/bench/driver`, shared by both. Each has its own `Cargo.lock`.
- **Builds** are interleaved (ours debug, official debug, ours release, official release, repeated) so that load changes hit both sides.
- **Calls:** one program process per timed round, the two programs taking turns round by round (ours, official, ours, …) so that a change in the machine's speed reaches both alike: an untimed warm-up round (one call per task, opening the connections), then one timed round of the calls spread over N Tokio tasks; each round's users are counted to check every response was parsed. Deserialising alone alternates the same way. Peak RSS is the largest `VmHWM` of the program's processes (the whole process: Tokio runtime, connections, client). With one call at a time a round measures latency — wake-ups between the client's Tokio workers, its connection task and the server thread — which scatters widely on a small VM; 16 at a time measures the CPU cost of a call. The loopback server runs in the xtask, one thread per connection, and is the same for both.
- **Spreads** are min – max over the samples; n is the number of samples.
";
