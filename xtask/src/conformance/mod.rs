//! `cargo xtask conformance`: runs Smithy's IDL suite and the AWS protocol compliance
//! suites, prints a scoreboard and writes it to `target/conformance.json`.

pub mod compliance;
pub mod compliance_tests;
pub mod idl_suite;
pub mod protocols;
pub mod skips;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::args::Args;
use crate::workspace_root;
use idl_suite::{Case, IdlReport, Outcome, tally};

/// The Smithy reference folder relative to the workspace root, unless `SMITHY_DIR` or
/// `--smithy` say otherwise.
pub const DEFAULT_SMITHY: &str = "../shared/smithy";
/// Where the scoreboard is written, relative to the workspace root.
pub const SCOREBOARD: &str = "target/conformance.json";

/// The protocols our generator makes clients for, whose compliance cases are run.
const CLIENT_PROTOCOLS: &[&str] = &["awsJson1_0", "awsJson1_1"];

/// The result of one protocol's suite.
struct ProtocolScore {
    protocol: String,
    passed: usize,
    failed: usize,
    skipped: usize,
    /// Why cases were skipped or failed, one line each.
    notes: Vec<String>,
}

/// Runs the command with its arguments.
pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["smithy"], &["verbose"])?;
    if let Some(extra) = args.positional.first() {
        return Err(format!("unexpected argument `{extra}`"));
    }
    let root = workspace_root();
    let smithy = match args.value("smithy") {
        Some(dir) => PathBuf::from(dir),
        None => {
            std::env::var_os("SMITHY_DIR").map_or_else(|| root.join(DEFAULT_SMITHY), PathBuf::from)
        }
    };
    if !smithy.join("idl-tests").is_dir() {
        return Err(format!(
            "no Smithy suite at {} (give --smithy DIR or set SMITHY_DIR)",
            smithy.display()
        ));
    }
    let started = Instant::now();
    let idl = idl_suite::run(&smithy.join("idl-tests"));
    let idl_time = started.elapsed();
    let parse_time = time_parsing(&smithy);
    let scores: Vec<ProtocolScore> = protocols::protocol_names(&smithy)
        .iter()
        .map(|protocol| score_protocol(&root, &smithy, protocol))
        .collect();
    print_table(&idl, &scores, args.switch("verbose"));
    println!(
        "\nIDL suite run in {:.2} s; parsing every valid suite file and every protocol test model: {:.0} ms",
        idl_time.as_secs_f64(),
        parse_time.as_secs_f64() * 1000.0
    );
    let path = root.join(SCOREBOARD);
    let text =
        serde_json::to_string_pretty(&scoreboard(&idl, &scores)).map_err(|e| e.to_string())?;
    fs::create_dir_all(root.join("target")).map_err(|e| format!("cannot create target/: {e}"))?;
    fs::write(&path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {SCOREBOARD}");
    let invalid: Vec<Case> = idl.invalid.iter().map(|case| case.case.clone()).collect();
    let idl_failures = [&idl.valid, &invalid, &idl.errorfiles]
        .iter()
        .map(|cases| tally(cases).1)
        .sum::<usize>();
    if idl_failures > 0 {
        return Err(format!(
            "{idl_failures} IDL suite cases failed (listed above)"
        ));
    }
    let client_failures: usize = scores
        .iter()
        .filter(|score| CLIENT_PROTOCOLS.contains(&score.protocol.as_str()))
        .map(|score| score.failed)
        .sum();
    if client_failures > 0 {
        return Err(format!(
            "{client_failures} compliance cases of {} failed (listed above)",
            CLIENT_PROTOCOLS.join(" and ")
        ));
    }
    Ok(())
}

/// How long parsing takes: every valid suite `.smithy` file on its own, then every
/// protocol suite with its shared files.
fn time_parsing(smithy: &Path) -> Duration {
    let started = Instant::now();
    for path in idl_suite::files_under(&smithy.join("idl-tests/valid"), &["smithy"]) {
        if let Ok(text) = fs::read_to_string(&path) {
            let _ = codegen::idl::load_files(&[(path.display().to_string(), text)]);
        }
    }
    for protocol in protocols::protocol_names(smithy) {
        let _ = protocols::load_suite(smithy, &protocol);
    }
    started.elapsed()
}

/// Loads a protocol suite and judges its client cases.
fn score_protocol(root: &Path, smithy: &Path, protocol: &str) -> ProtocolScore {
    let suite = protocols::load_suite(smithy, protocol);
    let mut score = ProtocolScore {
        protocol: protocol.to_owned(),
        passed: 0,
        failed: 0,
        skipped: 0,
        notes: Vec::new(),
    };
    match &suite.model {
        Err(message) => {
            score.failed = 1;
            score
                .notes
                .push(format!("the suite does not load: {message}"));
        }
        Ok(model) if CLIENT_PROTOCOLS.contains(&protocol) => {
            let cases = compliance::run(root, protocol, model);
            let (passed, failed, skipped) = tally(&cases);
            (score.passed, score.failed, score.skipped) = (passed, failed, skipped);
            for case in &cases {
                if let Outcome::Failed(why) | Outcome::Skipped(why) = &case.outcome {
                    let kind = if matches!(case.outcome, Outcome::Failed(_)) {
                        "failed"
                    } else {
                        "skipped"
                    };
                    score.notes.push(format!("{kind} {}: {why}", case.name));
                }
            }
        }
        Ok(model) => {
            let cases = protocols::client_cases(model);
            score.skipped = cases.len();
            score.notes.push(format!(
                "{} client cases skipped: no compliance runner for {protocol} yet",
                cases.len()
            ));
        }
    }
    score
}

/// The scoreboard in the shape `target/conformance.json` documents.
fn scoreboard(idl: &IdlReport, scores: &[ProtocolScore]) -> serde_json::Value {
    let (valid_passed, _, _) = tally(&idl.valid);
    let invalid: Vec<Case> = idl.invalid.iter().map(|case| case.case.clone()).collect();
    let (invalid_passed, _, _) = tally(&invalid);
    let same_position = idl
        .invalid
        .iter()
        .filter(|case| case.same_position == Some(true))
        .count();
    let (errorfiles_passed, _, errorfiles_skipped) = tally(&idl.errorfiles);
    let protocols: serde_json::Map<String, serde_json::Value> = scores
        .iter()
        .map(|score| {
            (
                score.protocol.clone(),
                json!({"passed": score.passed, "failed": score.failed, "skipped": score.skipped}),
            )
        })
        .collect();
    json!({
        "idl_valid": {"passed": valid_passed, "total": idl.valid.len()},
        "idl_invalid": {"passed": invalid_passed, "total": invalid.len(), "same_position": same_position},
        "idl_errorfiles": {"passed": errorfiles_passed, "skipped": errorfiles_skipped, "total": idl.errorfiles.len()},
        "protocols": protocols,
    })
}

/// Prints the scoreboard, then every failure and skip with its reason (all of them with
/// `verbose`, else the first few of each group).
fn print_table(idl: &IdlReport, scores: &[ProtocolScore], verbose: bool) {
    let invalid: Vec<Case> = idl.invalid.iter().map(|case| case.case.clone()).collect();
    let with_position = idl
        .invalid
        .iter()
        .filter(|case| case.same_position.is_some())
        .count();
    let same_position = idl
        .invalid
        .iter()
        .filter(|case| case.same_position == Some(true))
        .count();
    println!("| suite | passed | failed | skipped | total |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (label, cases) in [
        ("IDL valid", &idl.valid),
        ("IDL invalid", &invalid),
        ("IDL errorfiles", &idl.errorfiles),
    ] {
        let (passed, failed, skipped) = tally(cases);
        println!(
            "| {label} | {passed} | {failed} | {skipped} | {} |",
            cases.len()
        );
    }
    for score in scores {
        let total = score.passed + score.failed + score.skipped;
        println!(
            "| {} | {} | {} | {} | {total} |",
            score.protocol, score.passed, score.failed, score.skipped
        );
    }
    println!(
        "\nIDL invalid: {same_position} of {with_position} errors with a Smithy position are at the same line and column"
    );
    let limit = if verbose { usize::MAX } else { 10 };
    for (label, cases) in [
        ("IDL valid", &idl.valid),
        ("IDL invalid", &invalid),
        ("IDL errorfiles", &idl.errorfiles),
    ] {
        for (kind, pick) in [("failed", true), ("skipped", false)] {
            let listed: Vec<&Case> = cases
                .iter()
                .filter(|case| match &case.outcome {
                    Outcome::Failed(_) => pick,
                    Outcome::Skipped(_) => !pick,
                    Outcome::Passed => false,
                })
                .collect();
            if listed.is_empty() {
                continue;
            }
            println!("\n{label}, {kind} ({}):", listed.len());
            for case in listed.iter().take(limit) {
                if let Outcome::Failed(why) | Outcome::Skipped(why) = &case.outcome {
                    println!("  {}: {}", case.name, first_line(why));
                }
            }
            if listed.len() > limit {
                println!("  … {} more (--verbose lists all)", listed.len() - limit);
            }
        }
    }
    for score in scores {
        for note in &score.notes {
            println!("{}: {}", score.protocol, first_line(note));
        }
    }
}

/// The first line of a message, for one-line listings.
fn first_line(text: &str) -> String {
    let joined: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .collect();
    joined.join(" ")
}
