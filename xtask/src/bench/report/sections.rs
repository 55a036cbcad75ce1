//! The report's sections, one per measurement, and the method notes.

use std::fmt::Write as _;

use super::Report;
use super::format::{bytes, count, rate, seconds, spread};
use crate::bench::codegen_time::FULL_COGNITO_MODEL;

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
            "| client | lines | code lines | plus our runtime crate `smithy-lean-runtime` (lines / code) | dependency crates (client alone) | dependency crates (bench program) |"
        );
        let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |");
        for (_, size) in &self.code_size {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} |",
                size.client,
                count(size.lines.total as f64),
                count(size.lines.code as f64),
                size.runtime_lines.map_or_else(
                    || "—".to_owned(),
                    |runtime| format!(
                        "{} / {}",
                        count(runtime.total as f64),
                        count(runtime.code as f64)
                    )
                ),
                size.client_dependencies,
                size.program_dependencies
            );
        }
        let _ = writeln!(out);
    }

    pub(super) fn calls_section(&self, out: &mut String) {
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
}

/// How the figures were made.
pub(super) const METHOD: &str = "## Method

- **Codegen:** the release `xtask` binary is run as a process; the floor is the same binary with `bench --parse-json FILE` (read + `serde_json::from_str::<Value>`). The corpus figure times `xtask corpus` (all models, default jobs), which writes every crate to `target/corpus/`.
- **Programs:** `xtask/bench/ours` (our crate generated from the full AWS model into `target/bench/full-cognito`) and `xtask/bench/official` (`aws-sdk-cognitoidentityprovider` + `aws-config`, default features) are the same small program — list the user pools, then the users of one pool — plus the timed modes of `xtask/bench/driver`, shared by both. Each has its own `Cargo.lock`.
- **Builds** are interleaved (ours debug, official debug, ours release, official release, repeated) so that load changes hit both sides.
- **Calls:** one program process per setting: an untimed warm-up round (one call per task, opening the connections), then timed rounds of the same number of calls spread over N Tokio tasks; each round's users are counted to check every response was parsed. With one call at a time a round measures latency — wake-ups between the client's Tokio workers, its connection task and the server thread — which scatters widely on a small VM; 16 at a time measures the CPU cost of a call. The loopback server runs in the xtask, one thread per connection, and is the same for both.
- **Spreads** are min – max over the samples; n is the number of samples.
";
