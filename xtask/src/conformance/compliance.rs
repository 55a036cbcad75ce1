//! Running a protocol's compliance cases through our generated clients: one crate per test
//! service under `target/conformance/`, each with a `tests/compliance.rs` holding one test
//! per case, all built and run by one `cargo test` in a scratch workspace.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use codegen::idl::{self, Node};
use codegen::ir;

use super::compliance_tests::{TestCase, test_file, test_name};
use super::idl_suite::{Case, Outcome};
use super::protocols::{ClientCase, client_cases};
use super::skips;

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
    // Members inherited from mixins matter for turning params into wire form.
    let flat = idl::flatten(ast);
    let ast = flat.as_ref().unwrap_or(ast);
    let cases: Vec<ClientCase> = client_cases(ast)
        .into_iter()
        .filter(|case| case.protocol.ends_with(protocol))
        .collect();
    let mut results: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut generation_errors = Vec::new();
    for service_id in services(ast, protocol) {
        let krate =
            generate_service(root, protocol, ast, &service_id).map(|(dir, service)| ServiceCrate {
                dir,
                cases: assign_cases(&cases, &service, ast),
            });
        match krate.and_then(|krate| test_crate(root, &krate).map(|outcomes| (krate, outcomes))) {
            Ok((krate, mut outcomes)) => {
                for case in &krate.cases {
                    let outcome = outcomes
                        .remove(&case.test_name)
                        .unwrap_or_else(|| Outcome::Failed("did not run".to_owned()));
                    results.insert(case.test_name.clone(), outcome);
                }
            }
            Err(message) => generation_errors.push(format!("{service_id}: {message}")),
        }
    }
    cases
        .iter()
        .map(|case| {
            let name = test_name(case);
            let outcome = results.remove(&name).unwrap_or_else(|| {
                if generation_errors.is_empty() {
                    Outcome::Skipped(
                        "no operation or error of a generated test service takes this case"
                            .to_owned(),
                    )
                } else {
                    Outcome::Failed(generation_errors.join("; "))
                }
            });
            Case {
                name: format!("{protocol}/{name}"),
                outcome: skips::judge(&case.id, outcome),
            }
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
        .filter(|(_, shape)| {
            shape
                .get("traits")
                .is_some_and(|t| t.get(&protocol_trait).is_some())
        })
        .map(|(id, _)| id.clone())
        .collect()
}

/// Generates the client of one service (the others removed from the model) into its
/// scratch crate; returns the crate directory and the lowered service.
fn generate_service(
    root: &Path,
    protocol: &str,
    ast: &Node,
    service_id: &str,
) -> Result<(String, ir::Service), String> {
    let mut model = idl::to_model(ast).map_err(|e| e.to_string())?;
    model.shapes.retain(|id, shape| {
        !matches!(shape, codegen::smithy::ast::Shape::Service(_)) || id == service_id
    });
    let name = codegen::smithy::shape_id::name(service_id).to_lowercase();
    let dir = format!("{protocol}-{name}");
    let crate_dir = root.join(SCRATCH).join(&dir);
    let runtime_path = crate::codegen_cmd::runtime_path(&crate_dir, root)?;
    let options = codegen::Options {
        config: codegen::Config::default(),
        source_name: format!("protocol-tests/{protocol}"),
        standalone_workspace: false,
        runtime_path: runtime_path.clone(),
        render_threads: 0,
    };
    let input = codegen::Input {
        model: codegen::ModelInput::Loaded(Box::new(model)),
        paginators: None,
        endpoint_rules: None,
    };
    let codegen::Generated { service, mut files } =
        codegen::generate(input, &options).map_err(|e| e.to_string())?;
    if !service.protocol.has_client() {
        return Err(format!("no client for {}", service.protocol.trait_id()));
    }
    // The compliance tests drive the client over the runtime's mock transport and compare
    // JSON with serde_json.
    for file in files.iter_mut().filter(|file| file.path == "Cargo.toml") {
        file.contents = file.contents.replace(
            "[dev-dependencies]\n",
            &format!(
                "[dev-dependencies]\nsmithy-lean-runtime = {{ path = \"{runtime_path}\", features = [\"test-util\"] }}\nserde_json = \"1\"\n"
            ),
        );
    }
    let _ = fs::remove_dir_all(crate_dir.join("src"));
    for file in files {
        let path = crate_dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, file.contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok((dir, service))
}

/// The cases that one generated service can run: request and response cases of its
/// operations, and response cases of the errors its operations return.
fn assign_cases(cases: &[ClientCase], service: &ir::Service, ast: &Node) -> Vec<TestCase> {
    let mut assigned = Vec::new();
    for case in cases {
        let operation = service
            .operations
            .iter()
            .find(|op| op.shape_id == case.shape);
        let error = service.operations.iter().find_map(|op| {
            let error = op
                .errors
                .iter()
                .find(|e| error_shape_id(service, &e.type_name) == Some(case.shape.as_str()))?;
            Some((op, error))
        });
        let test = match (operation, error) {
            (Some(op), _) => TestCase::for_operation(case, op, &service.trait_name, ast),
            (None, Some((op, error))) => {
                TestCase::for_error(case, op, error, &service.trait_name, ast)
            }
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

/// Writes the crate's tests, adds it to the scratch workspace, runs them, and reads each
/// test's result (keyed by test name); a crate that does not build is an error naming
/// the first compiler error.
fn test_crate(root: &Path, krate: &ServiceCrate) -> Result<BTreeMap<String, Outcome>, String> {
    let scratch = root.join(SCRATCH);
    let tests = scratch.join(&krate.dir).join("tests");
    fs::create_dir_all(&tests).map_err(|e| format!("cannot create {}: {e}", tests.display()))?;
    let package = package_name(&scratch.join(&krate.dir))?;
    fs::write(
        tests.join("compliance.rs"),
        test_file(&package.replace('-', "_"), &krate.cases),
    )
    .map_err(|e| format!("cannot write the tests of {}: {e}", krate.dir))?;
    write_workspace(root)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(&scratch)
        .args([
            "test",
            "--no-fail-fast",
            "--test",
            "compliance",
            "-p",
            &package,
            "--target-dir",
        ])
        .arg(scratch.join("target"))
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut outcomes = BTreeMap::new();
    for line in stdout.lines() {
        let Some((name, result)) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.split_once(" ... "))
        else {
            continue;
        };
        let outcome = if result.starts_with("ok") {
            Outcome::Passed
        } else {
            Outcome::Failed(failure_message(&stdout, name))
        };
        outcomes.insert(name.to_owned(), outcome);
    }
    if outcomes.is_empty() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first_error: Vec<&str> = stderr
            .lines()
            .skip_while(|line| !line.starts_with("error"))
            .take(3)
            .map(str::trim)
            .collect();
        return Err(format!(
            "the generated crate {} does not build: {}",
            krate.dir,
            first_error.join(" ")
        ));
    }
    Ok(outcomes)
}

/// The scratch workspace listing every generated crate under it, with a lockfile seeded
/// from the repository's so dependencies resolve to versions already downloaded.
fn write_workspace(root: &Path) -> Result<(), String> {
    let scratch = root.join(SCRATCH);
    let mut members: Vec<String> = fs::read_dir(&scratch)
        .map_err(|e| format!("cannot read {}: {e}", scratch.display()))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("Cargo.toml").is_file())
        .map(|entry| format!("    \"{}\",\n", entry.file_name().to_string_lossy()))
        .collect();
    members.sort();
    let manifest = format!(
        "# Written by `cargo xtask conformance`: generated protocol-test clients.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n{}]\n",
        members.concat()
    );
    fs::write(scratch.join("Cargo.toml"), manifest)
        .map_err(|e| format!("cannot write the scratch workspace: {e}"))?;
    let lockfile = scratch.join("Cargo.lock");
    if !lockfile.exists() {
        let _ = fs::copy(root.join("Cargo.lock"), &lockfile);
    }
    Ok(())
}

/// The package name in a generated crate's `Cargo.toml`.
fn package_name(dir: &Path) -> Result<String, String> {
    let manifest = fs::read_to_string(dir.join("Cargo.toml"))
        .map_err(|e| format!("cannot read the manifest in {}: {e}", dir.display()))?;
    manifest
        .lines()
        .find_map(|line| line.strip_prefix("name = \""))
        .map(|name| name.trim_end_matches('"').to_owned())
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
        .take_while(|line| !line.starts_with("stack backtrace") && !line.starts_with("----"))
        .filter(|line| {
            !line.is_empty() && !line.starts_with("note:") && !line.starts_with("thread '")
        })
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}
