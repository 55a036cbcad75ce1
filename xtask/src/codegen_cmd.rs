//! `cargo xtask codegen`: model → crate, written atomically or checked for staleness.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::{FileProblems, Format, Input, ModelInput, Options, SourceFile};

use crate::args::Args;
use crate::diff_cmd::api_changes_since_head;
use crate::output::{check_crate, write_crate_atomically};
use crate::settings::options_for;
use crate::workspace_root;

/// The model this repository generates from by default.
pub const DEFAULT_MODEL: &str = "model/cognito-identity-provider.json";
/// Where the default crate goes.
pub const DEFAULT_OUT: &str = "generated";

/// Runs the command with its arguments.
pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse(
        args,
        &[
            "model",
            "config",
            "out",
            "format",
            "paginators",
            "runtime-path",
            "endpoint-rules",
        ],
        &["check", "require-client"],
    )?;
    if let Some(extra) = args.positional.first() {
        return Err(format!("unexpected argument `{extra}`"));
    }
    let root = workspace_root();
    let source = ModelSource {
        path: user_path(args.value("model"), &root, DEFAULT_MODEL),
        format: args.value("format").unwrap_or("auto").parse()?,
        paginators: args.value("paginators").map(PathBuf::from),
        endpoint_rules: args.value("endpoint-rules").map(PathBuf::from),
    };
    let out_dir = user_path(args.value("out"), &root, DEFAULT_OUT);
    let mut options = options_for(&source.path, args.value("config"), &root)?;
    options.runtime_path = match args.value("runtime-path") {
        Some(given) => given.to_owned(),
        None => runtime_path(&out_dir, &root)?,
    };
    let files = generate_files(&source, &options, args.switch("require-client"))?;
    if args.switch("check") {
        check_crate(&out_dir, &files).inspect_err(|_| {
            if let Some(summary) = api_changes_since_head(&source.path, &options.config) {
                eprintln!("{summary}");
            }
        })
    } else {
        write_crate_atomically(&out_dir, &files)?;
        println!("generated {} files into {}", files.len(), out_dir.display());
        Ok(())
    }
}

/// A model file, its format and (for botocore models) its paginators file.
pub struct ModelSource {
    /// The model file.
    pub path: PathBuf,
    /// Smithy JSON AST, botocore `service-2.json`, or detect.
    pub format: Format,
    /// A botocore `paginators-1.json`, if given (else the one beside a botocore model).
    pub paginators: Option<PathBuf>,
    /// A botocore `endpoint-rule-set-1.json`, if given (else the one beside a botocore model).
    pub endpoint_rules: Option<PathBuf>,
}

impl ModelSource {
    /// The file given with `--{flag}`, else `name` beside a botocore model when it exists.
    fn companion(&self, given: Option<&PathBuf>, name: &str, botocore: bool) -> Option<PathBuf> {
        given.cloned().or_else(|| {
            let beside = self.path.parent()?.join(name);
            (botocore && beside.is_file()).then_some(beside)
        })
    }
}

/// Reads the model (and paginators and endpoint rules) and generates the crate's files in
/// memory; with `require_client`, a service whose protocol gets no client is an error.
pub fn generate_files(
    source: &ModelSource,
    options: &Options,
    require_client: bool,
) -> Result<Vec<codegen::GeneratedFile>, String> {
    let name = source.path.display().to_string();
    let (model, botocore) = if crate::model_files::is_smithy_set(&source.path) {
        let files = crate::model_files::read_smithy_set(&source.path)?
            .into_iter()
            .map(|(name, text)| SourceFile { name, text })
            .collect();
        (ModelInput::Set { name, files }, false)
    } else {
        let text = read(&source.path, "model")?;
        let format = match source.format {
            Format::Auto => codegen::detect_format(&text)
                .map_err(|problems| FileProblems::in_file(&name)(problems).to_string())?,
            given => given,
        };
        let file = SourceFile { name, text };
        (
            ModelInput::File { file, format },
            format == Format::Botocore,
        )
    };
    let companion = |given: Option<&PathBuf>, file_name: &str, what: &str| {
        source
            .companion(given, file_name, botocore)
            .map(|path| {
                let text = read(&path, what)?;
                Ok::<_, String>(SourceFile {
                    name: path.display().to_string(),
                    text,
                })
            })
            .transpose()
    };
    let paginators = companion(
        source.paginators.as_ref(),
        "paginators-1.json",
        "paginators",
    )?;
    let rules_file = "endpoint-rule-set-1.json";
    let endpoint_rules = companion(source.endpoint_rules.as_ref(), rules_file, "endpoint rules")?;
    if botocore && endpoint_rules.is_none() {
        eprintln!(
            "note: no {rules_file} beside the model (or --endpoint-rules): the client resolves \
             no endpoint unless one is configured"
        );
    }
    let input = Input {
        model,
        paginators,
        endpoint_rules,
    };
    let generated = codegen::generate(input, options).map_err(|problems| problems.to_string())?;
    check_client(&generated.service, require_client)?;
    for op in &generated.service.operations {
        if let Some(reason) = &op.unpaginated {
            eprintln!("note: {}: {reason}", op.wire_name);
        }
    }
    Ok(generated.files)
}

/// Says plainly when the crate will hold only data types (no client for the service's
/// protocol), or refuses when a client is required.
fn check_client(service: &codegen::ir::Service, require_client: bool) -> Result<(), String> {
    if service.protocol.has_client() {
        return Ok(());
    }
    let message = format!(
        "`{}` speaks `{}`; clients are generated for awsJson1_0 and awsJson1_1 only, so \
         the crate holds only its data types",
        service.shape_id,
        service.protocol.trait_id()
    );
    if require_client {
        Err(format!("{message} (--require-client)"))
    } else {
        eprintln!("note: {message}");
        Ok(())
    }
}

fn read(path: &Path, what: &str) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {what} {}: {e}", path.display()))
}

/// Where this repository's runtime crate is.
pub const RUNTIME_DIR: &str = "codegen/runtime";

/// The path from the generated crate at `crate_dir` to this repository's runtime crate, for
/// the crate's `Cargo.toml`: relative (so the checkout can move), `/`-separated.
pub fn runtime_path(crate_dir: &Path, root: &Path) -> Result<String, String> {
    let runtime = absolute(&root.join(RUNTIME_DIR));
    let crate_dir = absolute(crate_dir);
    let relative = pathdiff::diff_paths(&runtime, &crate_dir).ok_or_else(|| {
        format!(
            "cannot express {} relative to {}; pass --runtime-path",
            runtime.display(),
            crate_dir.display()
        )
    })?;
    let parts: Vec<_> = relative.iter().map(|part| part.to_string_lossy()).collect();
    Ok(parts.join("/"))
}

/// `path` made absolute with symbolic links resolved, as far as it exists (the crate's
/// directory may not exist before the first generation).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(resolved) = fs::canonicalize(path) {
        return resolved;
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolute(parent).join(name),
        _ => cwd.join(path),
    }
}

/// A path the user gave (relative to the current directory) or a default below the workspace.
pub fn user_path(given: Option<&str>, root: &Path, default: &str) -> PathBuf {
    given.map_or_else(|| root.join(default), PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_path_leads_from_the_crate_to_codegen_runtime() {
        let root = workspace_root();
        assert_eq!(
            runtime_path(&root.join("generated"), &root).unwrap(),
            "../codegen/runtime"
        );
        // Not yet generated: the missing directories still count.
        assert_eq!(
            runtime_path(&root.join("target/not-generated-yet/crate"), &root).unwrap(),
            "../../../codegen/runtime"
        );
        // Relative to the current directory (cargo runs tests in xtask/).
        assert_eq!(
            runtime_path(Path::new("scratch"), &root).unwrap(),
            "../../codegen/runtime"
        );
    }

    /// A botocore model in a scratch directory, with an `endpoint-rule-set-1.json` beside it.
    fn botocore_dir(name: &str) -> PathBuf {
        let dir = workspace_root().join("target/codegen-cmd-tests").join(name);
        fs::create_dir_all(&dir).expect("scratch directory");
        let fixture = workspace_root().join("tests/fixtures/botocore/widgets.botocore.json");
        fs::copy(fixture, dir.join("service-2.json")).expect("copy the fixture");
        let rules = r#"{"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [], "error": "no endpoints here"}]}"#;
        fs::write(dir.join("endpoint-rule-set-1.json"), rules).expect("write the rules");
        dir
    }

    #[test]
    fn the_endpoint_rule_set_beside_a_botocore_model_is_picked_up() {
        let dir = botocore_dir("beside");
        let source = ModelSource {
            path: dir.join("service-2.json"),
            format: Format::Auto,
            paginators: None,
            endpoint_rules: None,
        };
        let files = generate_files(&source, &Options::default(), false).expect("generates");
        let rules = files
            .iter()
            .find(|file| file.path == "src/endpoint_rules.json")
            .expect("the rules were picked up");
        assert!(rules.contents.contains("no endpoints here"));
    }

    #[test]
    fn a_broken_rule_set_file_is_named_in_the_error() {
        let dir = botocore_dir("broken");
        let broken = dir.join("endpoint-rule-set-1.json");
        fs::write(&broken, "[]").expect("write");
        let source = ModelSource {
            path: dir.join("service-2.json"),
            format: Format::Botocore,
            paginators: None,
            endpoint_rules: Some(broken.clone()),
        };
        let error = generate_files(&source, &Options::default(), false).expect_err("rejected");
        assert!(error.starts_with(&broken.display().to_string()), "{error}");
        assert!(error.contains("a `rules` array"), "{error}");
    }
}
