//! Running a protocol's compliance cases through our generated clients: one crate per test
//! service under `target/conformance/`, each with a `tests/compliance.rs` holding one test
//! per case, all built and run by one `cargo test` in a scratch workspace.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use codegen::idl::{self, Node};
use codegen::ir;

use super::compliance_tests::{TestCase, test_file};
use super::idl_suite::{Case, Outcome};
use super::protocols::{ClientCase, client_cases};

/// The scratch folder, relative to the workspace root.
pub const SCRATCH: &str = "target/conformance";

/// One generated test service: its crate directory and the cases it runs.
struct ServiceCrate {
    dir: String,
    cases: Vec<TestCase>,
}

/// Runs every client case of `protocol` (whose suite model is `ast`) and says what
/// happened to each; cases of services we cannot generate fail with the reason.
pub fn run(root: &Path, protocol: &str, ast: &Node) -> Vec<Case> {
    let cases = client_cases(ast);
    let mut results: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut crates = Vec::new();
    let mut generation_errors = Vec::new();
    for service_id in services(ast, protocol) {
        match generate_service(root, protocol, ast, &service_id) {
            Ok((krate, service)) => {
                let assigned = assign_cases(&cases, &service, ast, protocol);
                for case in &assigned {
                    results.insert(case.case_id.clone(), Outcome::Failed("did not run".to_owned()));
                }
                crates.push(ServiceCrate { dir: krate, cases: assigned });
            }
            Err(message) => generation_errors.push(format!("cannot generate {service_id}: {message}")),
        }
    }
    match build_and_test(root, &crates) {
        Ok(outcomes) => results.extend(outcomes),
        Err(message) => {
            for krate in &crates {
                for case in &krate.cases {
                    results.insert(case.case_id.clone(), Outcome::Failed(message.clone()));
                }
            }
        }
    }
    cases
        .iter()
        .filter(|case| case.protocol.ends_with(protocol))
        .map(|case| Case {
            name: format!("{protocol}/{}", case.id),
            outcome: results.get(&case.id).cloned().unwrap_or_else(|| {
                if generation_errors.is_empty() {
                    Outcome::Skipped("no operation or error of a generated test service takes this case".to_owned())
                } else {
                    Outcome::Failed(generation_errors.join("; "))
                }
            }),
        })
        .collect()
}

/// The services of the suite that speak `protocol`.
fn services(ast: &Node, protocol: &str) -> Vec<String> {
    let Some(Node::Object(shapes)) = ast.get("shapes") else {
        return Vec::new();
    };
    let protocol_trait = format!("aws.protocols#{protocol}");
    shapes
        .iter()
        .filter(|(_, shape)| shape.get("type").and_then(Node::as_str) == Some("service"))
        .filter(|(_, shape)| shape.get("traits").is_some_and(|t| t.get(&protocol_trait).is_some()))
        .map(|(id, _)| id.clone())
        .collect()
}

/// Generates the client of one service (the others removed from the model) into its
/// scratch crate; returns the crate directory and the lowered service.
fn generate_service(root: &Path, protocol: &str, ast: &Node, service_id: &str) -> Result<(String, ir::Service), String> {
    let mut model = idl::to_model(ast).map_err(|e| e.to_string())?;
    model.shapes.retain(|id, shape| {
        !matches!(shape, codegen::smithy::ast::Shape::Service(_)) || id == service_id
    });
    let config = codegen::Config::default();
    let service = codegen::lower::lower(&model, &config).map_err(|e| e.to_string())?;
    if !service.protocol.has_client() {
        return Err(format!("no client for {}", service.protocol.trait_id()));
    }
    let options = codegen::Options {
        config,
        source_name: format!("protocol-tests/{protocol}"),
        standalone_workspace: false,
    };
    let files = codegen::emit_crate(&service, &options).map_err(|e| e.to_string())?;
    let name = service_id.rsplit('#').next().unwrap_or(service_id).to_lowercase();
    let dir = format!("{protocol}-{name}");
    let crate_dir = root.join(SCRATCH).join(&dir);
    let _ = fs::remove_dir_all(crate_dir.join("src"));
    for file in files {
        let path = crate_dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, file.contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok((dir, service))
}

/// The cases that one generated service can run: request and response cases of its
/// operations, and response cases of the errors its operations return.
fn assign_cases(cases: &[ClientCase], service: &ir::Service, ast: &Node, protocol: &str) -> Vec<TestCase> {
    let mut assigned = Vec::new();
    for case in cases {
        if !case.protocol.ends_with(protocol) {
            continue;
        }
        let operation = service.operations.iter().find(|op| op.shape_id == case.shape);
        let error = service.operations.iter().find_map(|op| {
            let error = op.errors.iter().find(|e| error_shape_id(service, &e.type_name) == Some(case.shape.as_str()))?;
            Some((op, error))
        });
        let test = match (operation, error) {
            (Some(op), _) => TestCase::for_operation(case, op, ast),
            (None, Some((op, error))) => TestCase::for_error(case, op, error, ast),
            (None, None) => continue,
        };
        assigned.push(test);
    }
    assigned
}

/// The shape id of the error structure named `type_name`.
fn error_shape_id<'a>(service: &'a ir::Service, type_name: &str) -> Option<&'a str> {
    service.types.iter().find_map(|ty| match ty {
        ir::TypeDef::Struct(s) if s.name == type_name => Some(s.shape_id.as_str()),
        _ => None,
    })
}

/// Writes the tests and the scratch workspace, runs `cargo test`, and reads each test's
/// result (keyed by case id).
fn build_and_test(root: &Path, crates: &[ServiceCrate]) -> Result<BTreeMap<String, Outcome>, String> {
    let scratch = root.join(SCRATCH);
    for krate in crates {
        let tests = scratch.join(&krate.dir).join("tests");
        fs::create_dir_all(&tests).map_err(|e| format!("cannot create {}: {e}", tests.display()))?;
        let krate_name = crate_name(&scratch.join(&krate.dir))?;
        fs::write(tests.join("compliance.rs"), test_file(&krate_name, &krate.cases))
            .map_err(|e| format!("cannot write the tests of {}: {e}", krate.dir))?;
    }
    let members: Vec<String> = crates.iter().map(|k| format!("    \"{}\",\n", k.dir)).collect();
    let manifest = format!(
        "# Written by `cargo xtask conformance`: generated protocol-test clients.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n{}]\n",
        members.concat()
    );
    fs::write(scratch.join("Cargo.toml"), manifest).map_err(|e| format!("cannot write the scratch workspace: {e}"))?;
    let lockfile = scratch.join("Cargo.lock");
    if !lockfile.exists() {
        let _ = fs::copy(root.join("Cargo.lock"), &lockfile);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(&scratch)
        .args(["test", "--no-fail-fast", "--test", "compliance", "--target-dir"])
        .arg(scratch.join("target"))
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let by_test: BTreeMap<String, &str> = crates
        .iter()
        .flat_map(|k| k.cases.iter().map(|c| (c.test_name.clone(), c.case_id.as_str())))
        .collect();
    let mut outcomes = BTreeMap::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else { continue };
        let Some((name, result)) = rest.split_once(" ... ") else { continue };
        if let Some(case_id) = by_test.get(name) {
            let outcome = if result.starts_with("ok") {
                Outcome::Passed
            } else {
                Outcome::Failed(failure_message(&stdout, name))
            };
            outcomes.insert((*case_id).to_owned(), outcome);
        }
    }
    if outcomes.is_empty() {
        let tail: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).take(3).collect();
        return Err(format!("the test crates did not build: {}", tail.join(" | ")));
    }
    Ok(outcomes)
}

/// The package name in a generated crate's `Cargo.toml`, as a Rust identifier.
fn crate_name(dir: &Path) -> Result<String, String> {
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).map_err(|e| format!("cannot read the manifest in {}: {e}", dir.display()))?;
    manifest
        .lines()
        .find_map(|line| line.strip_prefix("name = \""))
        .map(|name| name.trim_end_matches('"').replace('-', "_"))
        .ok_or_else(|| format!("no package name in {}", dir.display()))
}

/// The panic message cargo printed for a failed test.
fn failure_message(stdout: &str, test: &str) -> String {
    let marker = format!("---- {test} stdout ----");
    let Some(start) = stdout.find(&marker) else {
        return "failed".to_owned();
    };
    stdout[start + marker.len()..]
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("note:") && !line.starts_with("thread '"))
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}
