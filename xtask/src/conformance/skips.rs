//! The compliance cases we knowingly do not pass yet, each with the reason the scoreboard
//! prints. A listed case that fails is reported as skipped; one that passes is reported as
//! a failure, so the list cannot outlive the gap it explains.

use super::idl_suite::Outcome;

/// Case id → why it is skipped.
const SKIPPED: &[(&str, &str)] = &[];

/// The outcome to report for case `id` that ran with `outcome`.
pub fn judge(id: &str, outcome: Outcome) -> Outcome {
    let Some((_, reason)) = SKIPPED.iter().find(|(case, _)| *case == id) else {
        return outcome;
    };
    match outcome {
        Outcome::Passed => Outcome::Failed(format!(
            "passes but is listed as skipped ({reason}): remove it from conformance/skips.rs"
        )),
        Outcome::Failed(_) | Outcome::Skipped(_) => Outcome::Skipped((*reason).to_owned()),
    }
}
