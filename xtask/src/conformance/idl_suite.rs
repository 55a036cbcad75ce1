//! Runs Smithy's IDL loader suite (`idl-tests/` of the Smithy reference folder) through
//! our IDL reader and says, case by case, what passed, failed or was skipped and why.
//!
//! Shared by `cargo xtask conformance` and the `idl_suite` integration test (which
//! includes this file), so both judge the suite the same way.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use codegen::idl::{self, Node};
use codegen::smithy::shape_id;
use serde_json::Value;

/// What happened to one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The case did what the suite expects.
    Passed,
    /// It did not; the text says how.
    Failed(String),
    /// It was not judged; the text says why.
    Skipped(String),
}

/// One case of the suite and its outcome.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case's path below `idl-tests/`.
    pub name: String,
    /// What happened.
    pub outcome: Outcome,
}

/// One invalid case: its outcome, plus whether our error is at Smithy's line and column
/// (`None` when Smithy's message gives no position).
#[derive(Debug, Clone)]
pub struct InvalidCase {
    /// The case and its outcome.
    pub case: Case,
    /// Whether our first error points where Smithy's does.
    pub same_position: Option<bool>,
}

/// The results of the whole IDL suite.
#[derive(Debug, Default)]
pub struct IdlReport {
    /// `valid/**.smithy` compared with its `.json`, and `mixins/*.smithy` flattened
    /// compared with its `.flattened.smithy`.
    pub valid: Vec<Case>,
    /// `invalid/**` cases, which must be rejected.
    pub invalid: Vec<InvalidCase>,
    /// `errorfiles/**` cases, judged by their `.errors` file.
    pub errorfiles: Vec<Case>,
}

/// Counts the cases with each outcome: (passed, failed, skipped).
pub fn tally(cases: &[Case]) -> (usize, usize, usize) {
    cases
        .iter()
        .fold((0, 0, 0), |(p, f, s), case| match case.outcome {
            Outcome::Passed => (p + 1, f, s),
            Outcome::Failed(_) => (p, f + 1, s),
            Outcome::Skipped(_) => (p, f, s + 1),
        })
}

/// Runs every case under `suite` (the `idl-tests` folder).
pub fn run(suite: &Path) -> IdlReport {
    IdlReport {
        valid: valid_cases(suite),
        invalid: files_under(&suite.join("invalid"), &["smithy", "json"])
            .into_iter()
            .map(|path| invalid_case(suite, &path))
            .collect(),
        errorfiles: files_under(&suite.join("errorfiles"), &["smithy", "json"])
            .into_iter()
            .map(|path| errorfile_case(suite, &path))
            .collect(),
    }
}

/// Every file below `dir` with one of `extensions`, sorted.
pub fn files_under(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| extensions.contains(&ext))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The case name of `path`: relative to the suite folder.
fn name_of(suite: &Path, path: &Path) -> String {
    path.strip_prefix(suite)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Loads files through the whole reader (parse, assemble, 1.0 upgrade, mixins, the AST
/// loader), turning a panic into an error so that no case can take the run down.
pub fn load(files: &[(String, String)]) -> Result<Node, String> {
    let attempt = catch_unwind(AssertUnwindSafe(|| {
        let ast = idl::load_files(files).map_err(|e| e.to_string())?;
        idl::to_model(&ast).map_err(|e| e.to_string())?;
        Ok(ast)
    }));
    attempt.unwrap_or_else(|_| Err("PANIC while loading".to_owned()))
}

/// Reads `path` with its case name.
fn read_case(suite: &Path, path: &Path) -> Result<(String, String), String> {
    fs::read_to_string(path)
        .map(|text| (name_of(suite, path), text))
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn valid_cases(suite: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for path in files_under(&suite.join("valid"), &["smithy"]) {
        let name = name_of(suite, &path);
        let stem = path
            .to_string_lossy()
            .trim_end_matches(".smithy")
            .to_owned();
        let json = PathBuf::from(format!("{stem}.json"));
        let flattened = PathBuf::from(format!("{stem}.flattened.smithy"));
        if stem.ends_with(".flattened") {
            continue;
        }
        if json.exists() {
            let outcome = compare_with_json(suite, &path, &json);
            cases.push(Case {
                name: name.clone(),
                outcome,
            });
        }
        if flattened.exists() {
            let outcome = compare_flattened(suite, &path, &flattened);
            cases.push(Case {
                name: format!("{name} (flattened)"),
                outcome,
            });
        }
    }
    cases
}

/// Parses the IDL file and compares its AST with Smithy's JSON.
fn compare_with_json(suite: &Path, smithy: &Path, json: &Path) -> Outcome {
    let result = read_case(suite, smithy).and_then(|file| load(&[file]));
    let ours = match result {
        Ok(ast) => normalize(ast.to_json()),
        Err(message) => return Outcome::Failed(message),
    };
    let expected = match fs::read_to_string(json)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            serde_json::from_str::<Value>(&text).or_else(|e| read_big_numbers(&text, e))
        }) {
        Ok(value) => normalize(value),
        Err(message) => {
            return Outcome::Failed(format!("cannot read {}: {message}", json.display()));
        }
    };
    same(&ours, &expected)
}

/// Reads JSON that serde_json refuses only because a number is beyond `f64` (Smithy reads
/// numbers as big decimals) through our reader, which keeps such numbers as their text,
/// as it does on the IDL side.
fn read_big_numbers(text: &str, error: serde_json::Error) -> Result<Value, String> {
    if !error.to_string().contains("number out of range") {
        return Err(error.to_string());
    }
    let file = idl::json_file::read("expected.json", text).map_err(|e| e.to_string())?;
    let shapes = file
        .shapes
        .into_iter()
        .map(|(id, shape, _)| (id, shape.to_json()))
        .collect();
    Ok(serde_json::json!({"shapes": Value::Object(shapes)}))
}

/// Flattens the mixins of the IDL file and compares with the `.flattened.smithy` file.
fn compare_flattened(suite: &Path, smithy: &Path, flattened: &Path) -> Outcome {
    let flat = |path: &Path| -> Result<Value, String> {
        let ast = load(&[read_case(suite, path)?])?;
        let flat =
            catch_unwind(|| idl::flatten(&ast)).map_err(|_| "PANIC while flattening".to_owned())?;
        Ok(normalize(flat.map_err(|e| e.to_string())?.to_json()))
    };
    match (flat(smithy), flat(flattened)) {
        (Ok(ours), Ok(expected)) => same(&ours, &expected),
        (Err(message), _) | (_, Err(message)) => Outcome::Failed(message),
    }
}

/// Passed when equal, else the first difference.
fn same(ours: &Value, expected: &Value) -> Outcome {
    match first_difference(ours, expected, "$") {
        None => Outcome::Passed,
        Some(difference) => Outcome::Failed(difference),
    }
}

/// The path of the first place where two values differ, with both sides.
pub fn first_difference(ours: &Value, expected: &Value, path: &str) -> Option<String> {
    match (ours, expected) {
        (Value::Object(a), Value::Object(b)) => {
            a.keys()
                .chain(b.keys())
                .find_map(|key| match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => first_difference(x, y, &format!("{path}.{key}")),
                    (x, y) => Some(format!("{path}.{key}: ours {x:?}, Smithy's {y:?}")),
                })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}[{i}]"))),
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        _ if ours == expected => None,
        _ => Some(format!("{path}: ours {ours}, Smithy's {expected}")),
    }
}

/// The parts of a JSON AST that Smithy's model equality ignores: the `smithy` version,
/// and empty `members`, `traits`, `mixins`, `metadata` and `shapes` objects and lists.
pub fn normalize(model: Value) -> Value {
    let Value::Object(mut root) = model else {
        return model;
    };
    root.remove("smithy");
    for key in ["metadata", "shapes"] {
        if root.get(key).is_some_and(is_empty) {
            root.remove(key);
        }
    }
    if let Some(Value::Object(shapes)) = root.get_mut("shapes") {
        fold_local_applies(shapes);
        for shape in shapes.values_mut() {
            if shape.get("type").and_then(Value::as_str) == Some("operation") {
                for key in ["input", "output"] {
                    if let Value::Object(operation) = shape {
                        operation
                            .entry(key)
                            .or_insert_with(|| serde_json::json!({"target": "smithy.api#Unit"}));
                    }
                }
            }
            drop_empty(shape);
            for key in ["members"] {
                if let Some(Value::Object(members)) = shape.get_mut(key) {
                    members.values_mut().for_each(drop_empty);
                }
            }
            for key in ["member", "key", "value"] {
                if let Some(member) = shape.get_mut(key) {
                    drop_empty(member);
                }
            }
        }
    }
    Value::Object(root)
}

/// Moves the traits of `apply` entries that name a member the shape defines itself onto
/// that member (the same model either way).
fn fold_local_applies(shapes: &mut serde_json::Map<String, Value>) {
    let applies: Vec<String> = shapes
        .iter()
        .filter(|(_, shape)| shape.get("type").and_then(Value::as_str) == Some("apply"))
        .map(|(id, _)| id.clone())
        .collect();
    for id in applies {
        let (shape_id, Some(member)) = shape_id::split_member(&id) else {
            continue;
        };
        let traits = shapes
            .get(&id)
            .and_then(|apply| apply.get("traits"))
            .cloned();
        let target = shapes
            .get_mut(shape_id)
            .and_then(|shape| shape.get_mut("members"))
            .and_then(|members| members.get_mut(member))
            .and_then(Value::as_object_mut);
        if let (Some(target), Some(Value::Object(traits))) = (target, traits) {
            let existing = target
                .entry("traits")
                .or_insert_with(|| serde_json::json!({}));
            if let Value::Object(existing) = existing {
                existing.extend(traits);
            }
            shapes.remove(&id);
        }
    }
}

/// Whether a value is an empty object or array.
fn is_empty(value: &Value) -> bool {
    matches!(value, Value::Object(m) if m.is_empty())
        || matches!(value, Value::Array(a) if a.is_empty())
}

/// Removes empty structural properties of a shape or member.
fn drop_empty(object: &mut Value) {
    if let Value::Object(map) = object {
        map.retain(|key, value| {
            !(matches!(
                key.as_str(),
                "members" | "traits" | "mixins" | "operations" | "resources" | "errors"
            ) && is_empty(value))
        });
    }
}

/// Smithy's expected position of an invalid case: `line L, column C` in its first line.
fn expected_position(text: &str) -> Option<(usize, usize)> {
    let first = text.lines().next()?;
    let after = first.split("line ").nth(1)?;
    let (line, rest) = after.split_once(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The `file:line:column` our first error gives.
fn our_position(message: &str, name: &str) -> Option<(usize, usize)> {
    let after = message.split(&format!("{name}:")).nth(1)?;
    let mut parts = after.splitn(3, ':');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn invalid_case(suite: &Path, path: &Path) -> InvalidCase {
    let name = name_of(suite, path);
    let file = match read_case(suite, path) {
        Ok(file) => file,
        Err(message) => {
            return InvalidCase {
                case: Case {
                    name,
                    outcome: Outcome::Failed(message),
                },
                same_position: None,
            };
        }
    };
    let expected = expected_position(&file.1);
    let (outcome, same_position) = match load(std::slice::from_ref(&file)) {
        Ok(_) => (
            Outcome::Failed("accepted, but Smithy rejects it".to_owned()),
            None,
        ),
        Err(message) if message.contains("PANIC") => (Outcome::Failed(message), None),
        Err(message) => {
            let ours = our_position(&message, &name);
            let same = expected.map(|expected| ours == Some(expected));
            if ours.is_some() || message.contains(" (at $") {
                (Outcome::Passed, same)
            } else {
                (
                    Outcome::Failed(format!("rejected without a location: {message}")),
                    same,
                )
            }
        }
    };
    InvalidCase {
        case: Case { name, outcome },
        same_position,
    }
}

fn errorfile_case(suite: &Path, path: &Path) -> Case {
    let name = name_of(suite, path);
    let errors_path = path.with_extension("errors");
    let outcome = match (read_case(suite, path), fs::read_to_string(&errors_path)) {
        (Ok(file), Ok(events)) => judge_errorfile(&name, &file, &events),
        (Err(message), _) => Outcome::Failed(message),
        (_, Err(e)) => Outcome::Failed(format!("cannot read {}: {e}", errors_path.display())),
    };
    Case { name, outcome }
}

/// Cases whose `[ERROR]` events come from validation beyond what generation needs, each
/// with the reason we do not check it.
fn skip_reason(name: &str) -> Option<&'static str> {
    SKIPS
        .iter()
        .find(|(case, _)| name.ends_with(case))
        .map(|(_, reason)| *reason)
}

/// An errorfile with an `[ERROR]` event must be refused with an error naming one of the
/// shapes Smithy names; one with only warnings and notes must load.
fn judge_errorfile(name: &str, file: &(String, String), events: &str) -> Outcome {
    let error_shapes: Vec<&str> = events
        .lines()
        .filter_map(|line| line.strip_prefix("[ERROR] "))
        .filter_map(|rest| rest.split(": ").next())
        .collect();
    let result = load(std::slice::from_ref(file));
    if error_shapes.is_empty() {
        return match result {
            Ok(_) => Outcome::Passed,
            Err(message) => {
                Outcome::Failed(format!("only warnings expected, but refused: {message}"))
            }
        };
    }
    if let Some(reason) = skip_reason(name) {
        return Outcome::Skipped(reason.to_owned());
    }
    match result {
        Ok(_) => Outcome::Failed(format!(
            "accepted, but Smithy reports errors on {}",
            error_shapes.join(", ")
        )),
        Err(message) if message.contains("PANIC") => Outcome::Failed(message),
        Err(message) => {
            let named = error_shapes.iter().any(|shape| {
                *shape == "-"
                    || message.contains(shape)
                    || shape
                        .rsplit('#')
                        .next()
                        .is_some_and(|short| message.contains(&format!("`{short}`")))
            });
            if named {
                Outcome::Passed
            } else {
                Outcome::Failed(format!(
                    "refused, but without naming {}: {message}",
                    error_shapes.join(", ")
                ))
            }
        }
    }
}

/// Errorfile cases we do not judge, by path suffix, each with its reason.
const SKIPS: &[(&str, &str)] = &[
    (
        "suppression-metadata-cannot-suppress-errors.smithy",
        "needs trait selectors (`@idempotent` on a string breaks its `TraitTarget` selector): \
         the reader checks trait values, not where a trait may be applied",
    ),
    (
        "suppression-trait-cannot-suppress-errors.smithy",
        "needs trait selectors (`@idempotent` on a string breaks its `TraitTarget` selector): \
         the reader checks trait values, not where a trait may be applied",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn smithys_position_is_read_from_the_first_comment() {
        let text =
            "// Syntax error at line 7, column 12: Expected RBRACE('}') | Model\n$version: \"2\"\n";
        assert_eq!(expected_position(text), Some((7, 12)));
        assert_eq!(
            expected_position("// Mixins can only be used in 2.0\n"),
            None
        );
        let ours = "1 problem in the model:\n  - invalid/a.smithy:7:12: expected `}`\n";
        assert_eq!(our_position(ours, "invalid/a.smithy"), Some((7, 12)));
    }

    #[test]
    fn normalising_drops_what_smithys_model_equality_ignores() {
        let written = json!({"smithy": "2.0", "shapes": {
            "n#O": {"type": "operation", "errors": []},
            "n#S": {"type": "structure", "members": {"a": {"target": "n#T"}}, "traits": {}},
            "n#S$a": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}
        }});
        let expected = json!({"shapes": {
            "n#O": {"type": "operation", "input": {"target": "smithy.api#Unit"}, "output": {"target": "smithy.api#Unit"}},
            "n#S": {"type": "structure", "members": {"a": {"target": "n#T", "traits": {"smithy.api#sensitive": {}}}}}
        }});
        assert_eq!(
            first_difference(&normalize(written), &normalize(expected), "$"),
            None
        );
        let differs = first_difference(&json!({"a": 1}), &json!({"a": 2}), "$");
        assert_eq!(differs.as_deref(), Some("$.a: ours 1, Smithy's 2"));
    }
}
