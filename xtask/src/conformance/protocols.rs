//! The AWS protocol compliance suites (`protocol-tests/<protocol>/`): loading each with
//! the shared types and trait definitions, and finding the test cases meant for clients.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::idl::{self, Node};

use super::idl_suite::files_under;

/// `smithy.test#httpRequestTests`
pub const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
/// `smithy.test#httpResponseTests`
pub const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";

/// One protocol's suite, loaded.
pub struct ProtocolSuite {
    /// The merged model (JSON AST), or why it could not be loaded.
    pub model: Result<Node, String>,
}

/// One compliance case meant for clients.
pub struct ClientCase {
    /// The case id.
    pub id: String,
    /// The operation (or error structure) it belongs to.
    pub shape: String,
    /// `request` or `response`.
    pub kind: &'static str,
    /// The protocol the case is for (absolute trait id).
    pub protocol: String,
    /// The case as written (method, uri, params, …).
    pub case: Node,
}

/// Every protocol folder of `smithy/protocol-tests`, sorted.
pub fn protocol_names(smithy: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(smithy.join("protocol-tests"))
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok())
                .filter(|entry| entry.path().is_dir())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The files a protocol suite needs: its own, the shared types and config, and every
/// trait definition (the prelude included).
pub fn suite_files(smithy: &Path, protocol: &str) -> Vec<PathBuf> {
    let tests = smithy.join("protocol-tests");
    let mut files = files_under(&tests.join(protocol), &["smithy"]);
    files.extend(files_under(&smithy.join("traits"), &["smithy"]));
    files.push(tests.join("shared-types.smithy"));
    files.push(tests.join("aws-config.smithy"));
    files
}

/// Reads and merges `files`, naming them relative to `base` in errors.
pub fn load_files(base: &Path, files: &[PathBuf]) -> Result<Node, String> {
    let mut texts = Vec::new();
    for path in files {
        let text =
            fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let name = path
            .strip_prefix(base)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        texts.push((name, text));
    }
    idl::load_files(&texts).map_err(|e| e.to_string())
}

/// Loads one protocol's suite.
pub fn load_suite(smithy: &Path, protocol: &str) -> ProtocolSuite {
    ProtocolSuite {
        model: load_files(smithy, &suite_files(smithy, protocol)),
    }
}

/// Every request and response case of the model that applies to clients (`appliesTo`
/// unset or `client`), in model order.
pub fn client_cases(model: &Node) -> Vec<ClientCase> {
    let Some(Node::Object(shapes)) = model.get("shapes") else {
        return Vec::new();
    };
    let mut cases = Vec::new();
    for (id, shape) in shapes {
        for kind in [REQUEST_TESTS, RESPONSE_TESTS] {
            let Some(Node::Array(tests)) = shape.get("traits").and_then(|traits| traits.get(kind))
            else {
                continue;
            };
            for test in tests {
                let applies = test.get("appliesTo").and_then(Node::as_str);
                if matches!(applies, None | Some("client")) {
                    cases.push(ClientCase {
                        id: test
                            .get("id")
                            .and_then(Node::as_str)
                            .unwrap_or("?")
                            .to_owned(),
                        shape: id.clone(),
                        kind: if kind == REQUEST_TESTS {
                            "request"
                        } else {
                            "response"
                        },
                        protocol: test
                            .get("protocol")
                            .and_then(Node::as_str)
                            .unwrap_or_default()
                            .to_owned(),
                        case: test.clone(),
                    });
                }
            }
        }
    }
    cases
}
