//! The corpus run's results: a table for people, `summary.json` for machines.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::corpus_compile::{CompileOutcome, CompileReport};
use crate::corpus_generate::ModelResult;

/// Everything a corpus run found.
#[derive(Debug)]
pub struct Summary<'a> {
    /// The model directory.
    pub dir: String,
    /// One result per model, in file name order.
    pub results: &'a [ModelResult],
    /// Wall time of generation, in seconds.
    pub generation_seconds: f64,
    /// The compile step, when one ran.
    pub compile: Option<&'a CompileReport>,
}

/// Longest error text kept in the table (the JSON file has all of it).
const TABLE_ERROR_LINES: usize = 12;

impl Summary<'_> {
    /// Whether every model generated and every compiled crate passed.
    pub fn all_passed(&self) -> bool {
        self.results.iter().all(|result| result.outcome.is_ok())
            && self.compile.is_none_or(|compile| {
                compile
                    .outcomes
                    .values()
                    .all(|outcome| *outcome == CompileOutcome::Passed)
            })
    }

    /// The human-readable table.
    pub fn table(&self) -> String {
        let generated: Vec<_> = self
            .results
            .iter()
            .filter_map(|result| result.outcome.as_ref().ok())
            .collect();
        let (clients, types_only): (Vec<_>, Vec<_>) =
            generated.iter().partition(|generated| generated.client);
        let lines = |set: &[&&crate::corpus_generate::Generated]| -> usize {
            set.iter().map(|generated| generated.lines).sum()
        };
        let failed: Vec<_> = self
            .results
            .iter()
            .filter_map(|result| Some((&result.stem, result.outcome.as_ref().err()?)))
            .collect();
        let mut out = String::new();
        let _ = writeln!(out, "corpus: {} ({} models)", self.dir, self.results.len());
        let _ = writeln!(out, "{:<26}{:>8}{:>12}", "", "models", "lines");
        let _ = writeln!(
            out,
            "{:<26}{:>8}{:>12}",
            "generated with a client",
            clients.len(),
            lines(&clients)
        );
        let _ = writeln!(
            out,
            "{:<26}{:>8}{:>12}",
            "generated, types only",
            types_only.len(),
            lines(&types_only)
        );
        let _ = writeln!(out, "{:<26}{:>8}", "failed", failed.len());
        let _ = writeln!(
            out,
            "generation took {:.1}s (wall); slowest: {}",
            self.generation_seconds,
            self.slowest(3)
        );
        if !types_only.is_empty() {
            let mut by_protocol: BTreeMap<&str, usize> = BTreeMap::new();
            for generated in &types_only {
                *by_protocol.entry(&generated.protocol).or_default() += 1;
            }
            let protocols: Vec<String> = by_protocol
                .iter()
                .map(|(protocol, count)| format!("{protocol} {count}"))
                .collect();
            let _ = writeln!(
                out,
                "note: clients are generated for awsJson1_0 and awsJson1_1 only; the other {} \
                 crates hold data types only ({}).",
                types_only.len(),
                protocols.join(", ")
            );
        }
        for (stem, error) in &failed {
            let _ = writeln!(
                out,
                "FAILED {stem}: {}",
                first_lines(error, TABLE_ERROR_LINES)
            );
        }
        if let Some(compile) = self.compile {
            self.compile_table(compile, &mut out);
        }
        out
    }

    fn compile_table(&self, compile: &CompileReport, out: &mut String) {
        let passed = compile
            .outcomes
            .values()
            .filter(|outcome| **outcome == CompileOutcome::Passed)
            .count();
        let _ = writeln!(
            out,
            "compiled (cargo check, warnings denied): {passed}/{} passed in {:.0}s",
            compile.outcomes.len(),
            compile.seconds
        );
        for (dir, outcome) in &compile.outcomes {
            if let CompileOutcome::Failed(error) = outcome {
                let _ = writeln!(
                    out,
                    "DID NOT COMPILE {dir}: {}",
                    first_lines(error, TABLE_ERROR_LINES)
                );
            }
        }
    }

    /// The `count` slowest models, `name (1.2s)`.
    fn slowest(&self, count: usize) -> String {
        let mut by_time: Vec<&ModelResult> = self.results.iter().collect();
        by_time.sort_by_key(|result| std::cmp::Reverse(result.millis));
        by_time
            .iter()
            .take(count)
            .map(|result| format!("{} ({:.1}s)", result.stem, result.millis as f64 / 1000.0))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The machine-readable summary.
    pub fn to_json(&self) -> Value {
        let compiled = |stem: &str| {
            self.compile
                .and_then(|compile| compile.outcomes.get(stem))
                .map(|outcome| match outcome {
                    CompileOutcome::Passed => json!({ "passed": true }),
                    CompileOutcome::Failed(error) => json!({ "passed": false, "error": error }),
                })
        };
        let models: Vec<Value> = self
            .results
            .iter()
            .map(|result| {
                let mut entry = match &result.outcome {
                    Ok(generated) => json!({
                        "model": result.stem,
                        "generated": true,
                        "service": generated.service,
                        "crate": generated.crate_name,
                        "protocol": generated.protocol,
                        "client": generated.client,
                        "operations": generated.operations,
                        "types": generated.types,
                        "files": generated.files,
                        "lines": generated.lines,
                    }),
                    Err(error) => json!({
                        "model": result.stem,
                        "generated": false,
                        "error": error,
                    }),
                };
                entry["millis"] = json!(result.millis);
                if let Some(compile) = compiled(&result.stem) {
                    entry["compile"] = compile;
                }
                entry
            })
            .collect();
        let generated = self.results.iter().filter(|r| r.outcome.is_ok()).count();
        let clients = self
            .results
            .iter()
            .filter(|r| r.outcome.as_ref().is_ok_and(|g| g.client))
            .count();
        let lines: usize = self
            .results
            .iter()
            .filter_map(|r| r.outcome.as_ref().ok())
            .map(|g| g.lines)
            .sum();
        json!({
            "dir": self.dir,
            "models": self.results.len(),
            "generated": generated,
            "failed": self.results.len() - generated,
            "with_client": clients,
            "types_only": generated - clients,
            "lines": lines,
            "generation_seconds": self.generation_seconds,
            "compile": self.compile.map(|compile| json!({
                "crates": compile.outcomes.len(),
                "passed": compile.outcomes.values().filter(|o| **o == CompileOutcome::Passed).count(),
                "seconds": compile.seconds,
            })),
            "results": models,
        })
    }
}

/// At most `count` lines of `text`, with a marker when lines were left out.
fn first_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= count {
        text.to_owned()
    } else {
        format!(
            "{}\n  … ({} more lines)",
            lines[..count].join("\n"),
            lines.len() - count
        )
    }
}
