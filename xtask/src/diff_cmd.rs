//! `cargo xtask diff`: what a model change does to the API, for review.
//!
//! `diff OLD NEW` compares two model files (Smithy JSON AST or botocore, either side);
//! `diff --base REV [PATH...]` compares model files with their version at a git revision
//! (read with `git show REV:PATH`), by default every model under `model/` that changed.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use codegen::diff::{OutputFormat, Report, diff};
use codegen::ir::Service;
use codegen::{Config, Input, detect_format, lower_input};

use crate::args::Args;
use crate::settings::load_config;
use crate::workspace_root;

/// The directory `--base` looks at when no paths are given.
const MODEL_DIR: &str = "model/";

const USAGE: &str = "usage: cargo xtask diff OLD NEW [--format markdown|json|text] [--all]\n       \
                     cargo xtask diff --base REV [PATH...] [--format markdown|json|text] [--all]";

/// The two versions of one model file (`None` where the file does not exist).
struct Versions {
    /// How to name the comparison, e.g. `model/x.json (origin/main -> working tree)`.
    label: String,
    old: Option<String>,
    new: Option<String>,
}

/// Runs the command with its arguments.
pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["format", "base", "config"], &["all"])?;
    let format: OutputFormat = args.value("format").unwrap_or("markdown").parse()?;
    let root = workspace_root();
    let config = load_config(args.value("config"), &root)?;
    let versions = match (args.value("base"), args.positional.as_slice()) {
        (None, [old, new]) => vec![Versions {
            label: format!("{old} -> {new}"),
            old: Some(read(Path::new(old))?),
            new: Some(read(Path::new(new))?),
        }],
        (Some(rev), []) => changed_models(&root, rev)?,
        (Some(rev), paths) => paths
            .iter()
            .map(|path| at_revision(rev, path))
            .collect::<Result<_, _>>()?,
        _ => return Err(USAGE.to_owned()),
    };
    if versions.is_empty() {
        println!("No model under {MODEL_DIR} changed.");
        return Ok(());
    }
    let mut rendered = Vec::new();
    for versions in &versions {
        let report = report(versions, &config)?;
        let mut text = report.render(format, args.switch("all"));
        if args.value("base").is_some() && format != OutputFormat::Json {
            text = format!("Model: {}\n\n{text}", versions.label);
        }
        rendered.push(text);
    }
    let output = match format {
        OutputFormat::Json if rendered.len() > 1 => format!("[\n{}]\n", rendered.join(",\n")),
        _ => rendered.join("\n"),
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(output.as_bytes());
    Ok(())
}

/// The API summary of the model's changes since `HEAD` of the git checkout it is in, for
/// `codegen --check`; `None` when the model is unchanged, not tracked by git, or does not
/// lower (the check's own error then says why).
pub fn api_changes_since_head(model: &Path, config: &Config) -> Option<String> {
    let dir = model
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = model.file_name()?.to_str()?;
    let old = git_show(dir, "HEAD", &format!("./{name}")).ok()??;
    let new = read(model).ok()?;
    if old == new {
        return None;
    }
    let versions = Versions {
        label: format!("{} (HEAD -> working tree)", model.display()),
        old: Some(old),
        new: Some(new),
    };
    let report = report(&versions, config).ok()?;
    Some(format!(
        "API changes of {}:\n\n{}",
        versions.label,
        report.render(OutputFormat::Text, false)
    ))
}

/// Lowers both versions and compares them; a missing side is a service without operations.
fn report(versions: &Versions, config: &Config) -> Result<Report, String> {
    let lower = |text: &Option<String>, side: &str| -> Result<Option<Service>, String> {
        text.as_deref()
            .map(|text| lower_input(Input::text(text), config))
            .transpose()
            .map_err(|problems| format!("{} ({side}): {problems}", versions.label))
    };
    let old = lower(&versions.old, "old")?;
    let new = lower(&versions.new, "new")?;
    let without_operations = |service: &Service| Service {
        operations: Vec::new(),
        types: Vec::new(),
        ..service.clone()
    };
    match (old, new) {
        (Some(old), Some(new)) => Ok(diff(&old, &new)),
        (None, Some(new)) => Ok(diff(&without_operations(&new), &new)),
        (Some(old), None) => Ok(diff(&old, &without_operations(&old))),
        (None, None) => Err(format!("{}: neither version exists", versions.label)),
    }
}

/// Every model file under `model/` that differs between `rev` and the working tree,
/// including new untracked ones. JSON files that are not models (`codegen.json`) are skipped.
fn changed_models(root: &Path, rev: &str) -> Result<Vec<Versions>, String> {
    verify_revision(root, rev)?;
    let changed = git(root, &["diff", "--name-only", rev, "--", MODEL_DIR])?;
    let untracked = git(
        root,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "--",
            MODEL_DIR,
        ],
    )?;
    let mut paths: Vec<&str> = changed
        .lines()
        .chain(untracked.lines())
        .filter(|path| path.ends_with(".json"))
        .collect();
    paths.sort_unstable();
    paths.dedup();
    let mut found = Vec::new();
    for path in paths {
        let versions = Versions {
            label: format!("{path} ({rev} -> working tree)"),
            old: git_show(root, rev, path)?,
            new: read(&root.join(path)).ok(),
        };
        let is_model = |text: &Option<String>| {
            text.as_deref()
                .is_some_and(|text| detect_format(text).is_ok())
        };
        if is_model(&versions.old) || is_model(&versions.new) {
            found.push(versions);
        }
    }
    Ok(found)
}

/// A path given by the user (relative to the current directory) and its version at `rev`.
fn at_revision(rev: &str, path: &str) -> Result<Versions, String> {
    let here = Path::new(".");
    verify_revision(here, rev)?;
    let versions = Versions {
        label: format!("{path} ({rev} -> working tree)"),
        old: git_show(here, rev, &format!("./{path}"))?,
        new: Path::new(path)
            .exists()
            .then(|| read(Path::new(path)))
            .transpose()?,
    };
    if versions.old.is_none() && versions.new.is_none() {
        return Err(format!(
            "{path} exists neither at {rev} nor in the working tree"
        ));
    }
    Ok(versions)
}

fn verify_revision(dir: &Path, rev: &str) -> Result<(), String> {
    git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map(drop)
    .map_err(|_| format!("`{rev}` is not a git revision here"))
}

/// The file at `path` in `rev`, or `None` when it does not exist there.
fn git_show(dir: &Path, rev: &str, path: &str) -> Result<Option<String>, String> {
    let object = format!("{rev}:{path}");
    if git(dir, &["cat-file", "-e", &object]).is_err() {
        return Ok(None);
    }
    git(dir, &["show", &object]).map(Some)
}

/// Runs git in `dir`; its output, or its error message.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        String::from_utf8(output.stdout).map_err(|e| format!("git {}: {e}", args.join(" ")))
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
