//! `cargo xtask model import|check`: keep model/ current with AWS's model. The merge and
//! comparison live in `codegen::model_merge`; this file reads, writes and reports.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::model_merge::{self, Comparison, InputFile};

use crate::args::Args;
use crate::codegen_cmd::{DEFAULT_MODEL, user_path};
use crate::settings::load_config;
use crate::workspace_root;

/// The botocore file names read from a directory given as a source.
const BOTOCORE_FILES: [&str; 3] = [
    "service-2.json",
    "paginators-1.json",
    "endpoint-rule-set-1.json",
];

/// Runs `model import` or `model check`.
pub fn run(args: &[String]) -> Result<(), String> {
    let (command, rest) = args
        .split_first()
        .ok_or("`model` needs a subcommand: import or check")?;
    let args = Args::parse(rest, &["from", "against", "model", "config"], &[])?;
    let root = workspace_root();
    let model_path = user_path(args.value("model"), &root, DEFAULT_MODEL);
    let model_name = model_path.display().to_string();
    let ours =
        fs::read_to_string(&model_path).map_err(|e| format!("cannot read {model_name}: {e}"))?;
    match command.as_str() {
        "import" => {
            let sources = sources(args.value("from"), &args.positional, "--from")?
                .ok_or("`model import` needs --from PATH…")?;
            let aws = model_merge::load(&sources).map_err(|p| p.to_string())?;
            let config = load_config(args.value("config"), &root)?;
            let text = model_merge::import(&model_name, &ours, &aws, &config)
                .map_err(|p| format!("import refused, {model_name} left as it was: {p}"))?;
            if text == ours {
                println!("{model_name} is already current");
                return Ok(());
            }
            write_atomically(&model_path, &text)?;
            println!(
                "updated {model_name}; review with `cargo xtask diff --base main`, then commit"
            );
            Ok(())
        }
        "check" => check(&model_name, &ours, &args),
        other => Err(format!(
            "unknown `model` subcommand `{other}` (import or check)"
        )),
    }
}

/// Well-formedness always; API differences when `--against` is given.
fn check(model_name: &str, ours: &str, args: &Args) -> Result<(), String> {
    let problems = model_merge::well_formed_problems(ours);
    for problem in &problems {
        println!("{model_name}: {problem}");
    }
    let config = load_config(args.value("config"), &workspace_root())?;
    codegen::lower_input(codegen::Input::text(ours), &config)
        .map_err(|p| format!("{model_name}: {p}"))?;
    if !problems.is_empty() {
        return Err(format!("{model_name}: {} problem(s)", problems.len()));
    }
    println!("{model_name} is well formed");
    let Some(sources) = sources(args.value("against"), &args.positional, "--against")? else {
        return Ok(());
    };
    let aws = model_merge::load(&sources).map_err(|p| p.to_string())?;
    match model_merge::compare(model_name, ours, &aws).map_err(|p| p.to_string())? {
        Comparison::OtherService(message) => Err(message),
        Comparison::Differences(differences) if differences.is_empty() => {
            println!("no API difference from {}", aws.names.join(", "));
            Ok(())
        }
        Comparison::Differences(differences) => {
            for difference in &differences {
                println!("{difference}");
            }
            Err(format!(
                "{} API difference(s) from {}; run `cargo xtask model import --from …`",
                differences.len(),
                aws.names.join(", ")
            ))
        }
    }
}

/// The files named by `--flag PATH [PATH…]` (directories give their botocore files), or
/// `None` when the flag is absent.
fn sources(
    first: Option<&str>,
    more: &[String],
    flag: &str,
) -> Result<Option<Vec<InputFile>>, String> {
    let Some(first) = first else {
        return match more.first() {
            Some(extra) => Err(format!(
                "unexpected argument `{extra}` (paths follow {flag})"
            )),
            None => Ok(None),
        };
    };
    let mut files = Vec::new();
    for path in std::iter::once(first).chain(more.iter().map(String::as_str)) {
        let path = PathBuf::from(path);
        if path.is_dir() {
            let found: Vec<PathBuf> = BOTOCORE_FILES
                .iter()
                .map(|name| path.join(name))
                .filter(|file| file.exists())
                .collect();
            if found.is_empty() {
                return Err(format!(
                    "{}: no botocore model files in this directory",
                    path.display()
                ));
            }
            for file in found {
                files.push(read_input(&file)?);
            }
        } else {
            files.push(read_input(&path)?);
        }
    }
    Ok(Some(files))
}

fn read_input(path: &Path) -> Result<InputFile, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(InputFile {
        name: path.display().to_string(),
        text,
    })
}

/// Writes next to the target and renames over it, so a failure leaves the old file whole.
fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let temporary = path.with_extension("json.tmp");
    fs::write(&temporary, text)
        .and_then(|()| fs::rename(&temporary, path))
        .map_err(|e| {
            let _ = fs::remove_file(&temporary);
            format!("cannot write {}: {e}", path.display())
        })
}
