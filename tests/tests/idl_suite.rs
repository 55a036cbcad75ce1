//! Smithy's own IDL loader suite (`idl-tests/` of the Smithy reference folder), judged by
//! the same runner as `cargo xtask conformance`.

#[path = "../../xtask/src/conformance/idl_suite.rs"]
#[allow(dead_code)]
mod idl_suite;

use codegen_tests::smithy_dir;
use idl_suite::{Case, Outcome, tally};

/// Runs the suite (panics when the folder is missing).
fn report() -> idl_suite::IdlReport {
    idl_suite::run(&smithy_dir().join("idl-tests"))
}

/// Fails listing every failed case; prints every skipped one with its reason.
fn assert_no_failures(label: &str, cases: &[Case]) {
    let (passed, failed, skipped) = tally(cases);
    println!(
        "{label}: {passed} passed, {failed} failed, {skipped} skipped of {}",
        cases.len()
    );
    for case in cases {
        if let Outcome::Skipped(reason) = &case.outcome {
            println!("  skipped {}: {reason}", case.name);
        }
    }
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| match &case.outcome {
            Outcome::Failed(why) => Some(format!("{}: {why}", case.name)),
            _ => None,
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{label} failures:\n{}",
        failures.join("\n")
    );
}

#[test]
#[ignore = "needs the Smithy reference folder: set SMITHY_DIR (default ../shared/smithy)"]
fn valid_files_parse_to_smithys_json_ast_and_flatten_to_their_flattened_form() {
    let report = report();
    let pairs = report
        .valid
        .iter()
        .filter(|case| !case.name.ends_with("(flattened)"))
        .count();
    assert!(
        pairs >= 62,
        "expected Smithy's 62 .smithy/.json pairs, found {pairs}"
    );
    assert!(
        report.valid.len() > pairs,
        "no mixins/*.flattened.smithy cases found"
    );
    assert_no_failures("IDL valid", &report.valid);
}

#[test]
#[ignore = "needs the Smithy reference folder: set SMITHY_DIR (default ../shared/smithy)"]
fn every_invalid_file_is_rejected_with_a_located_error() {
    let report = report();
    assert!(
        report.invalid.len() >= 182,
        "expected Smithy's 182 invalid cases, found {}",
        report.invalid.len()
    );
    let cases: Vec<Case> = report
        .invalid
        .iter()
        .map(|case| case.case.clone())
        .collect();
    assert!(
        cases
            .iter()
            .all(|case| !matches!(case.outcome, Outcome::Skipped(_))),
        "invalid cases are never skipped"
    );
    let with_position = report
        .invalid
        .iter()
        .filter(|case| case.same_position.is_some())
        .count();
    let same = report
        .invalid
        .iter()
        .filter(|case| case.same_position == Some(true))
        .count();
    println!(
        "{same} of {with_position} errors with a Smithy position are at Smithy's line and column"
    );
    assert_no_failures("IDL invalid", &cases);
}

#[test]
#[ignore = "needs the Smithy reference folder: set SMITHY_DIR (default ../shared/smithy)"]
fn errorfiles_with_errors_are_refused_naming_the_shape_and_the_others_load() {
    let report = report();
    assert!(
        report.errorfiles.len() >= 58,
        "expected Smithy's 58 errorfiles, found {}",
        report.errorfiles.len()
    );
    assert_no_failures("IDL errorfiles", &report.errorfiles);
}

/// Every valid suite file, damaged at many places (a character removed, or one of the
/// IDL's delimiters inserted), is loaded without a panic: refused with an error or, where
/// the damage happens to be valid, accepted.
#[test]
#[ignore = "needs the Smithy reference folder: set SMITHY_DIR (default ../shared/smithy)"]
fn damaged_suite_files_never_panic() {
    let dir = smithy_dir();
    let files = idl_suite::files_under(&dir.join("idl-tests/valid"), &["smithy"]);
    assert!(!files.is_empty(), "no valid suite files found");
    let mut loads = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).expect("suite files are text");
        let name = path.display().to_string();
        let cuts: Vec<usize> = (0..text.len())
            .step_by(7)
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (n, &at) in cuts.iter().enumerate() {
            let mut damaged = text.clone();
            match n % 3 {
                0 => {
                    if let Some(c) = damaged[at..].chars().next() {
                        damaged.replace_range(at..at + c.len_utf8(), "");
                    }
                }
                1 => damaged.insert_str(at, ["{", "\"", "@", "$", "[", "\"\"\"", "(", ":="][n % 8]),
                _ => damaged.insert(at, '\n'),
            }
            let result = idl_suite::load(&[(name.clone(), damaged)]);
            if let Err(message) = &result {
                assert!(
                    !message.contains("PANIC"),
                    "{name} damaged at byte {at} panicked"
                );
            }
            loads += 1;
        }
    }
    println!("{loads} damaged files loaded without a panic");
}
