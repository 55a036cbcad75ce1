//! Size of code: lines of each client crate's Rust source, and how many crates each one and
//! each bench program depend on (`cargo tree -e normal`, default features).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::process::run;
use super::programs::{BENCH_TARGET, FULL_COGNITO_CRATE, Program, cargo_in};
use super::rust_lines::{LineCount, count};
use crate::codegen_cmd::RUNTIME_DIR;

/// Sizes of one side.
#[derive(Clone, Debug)]
pub struct CodeSize {
    /// The client crate's package name and version.
    pub client: String,
    /// Every `.rs` file of the client crate.
    pub lines: LineCount,
    /// The runtime the client is built on, `src/` of each crate, tests included: ours, the
    /// crate `smithy-lean-runtime`; official, every `aws-smithy-*` and `aws-runtime*` crate
    /// the client crate depends on.
    pub runtime_lines: LineCount,
    /// The runtime crates counted in `runtime_lines` (`name version`).
    pub runtime_crates: Vec<String>,
    /// Crates the client crate depends on, itself excluded.
    pub client_dependencies: usize,
    /// Crates the bench program depends on, itself excluded.
    pub program_dependencies: usize,
}

/// Measures both sides. Needs the generated crate and fetched dependencies.
pub fn measure(root: &Path, program: Program) -> Result<CodeSize, String> {
    let version = locked_version(
        &program.dir(root).join("Cargo.lock"),
        program.client_crate(),
    )?;
    let source = match program {
        Program::Ours => root.join(FULL_COGNITO_CRATE),
        Program::Official => registry_source(program.client_crate(), &version)?,
    };
    let client_dependencies = client_dependencies(root, program, &source, &version)?;
    let (runtime_lines, runtime_crates) = match program {
        Program::Ours => (
            lines_below(&root.join(RUNTIME_DIR).join("src"))?,
            vec!["smithy-lean-runtime (path)".to_owned()],
        ),
        Program::Official => {
            let crates: Vec<String> = client_dependencies
                .iter()
                .filter(|package| is_official_runtime(package))
                .cloned()
                .collect();
            let mut lines = LineCount::default();
            for package in &crates {
                let (name, version) = package
                    .split_once(" v")
                    .ok_or_else(|| format!("unexpected `cargo tree` line `{package}`"))?;
                let version = version.split_whitespace().next().unwrap_or_default();
                lines += lines_below(&registry_source(name, version)?.join("src"))?;
            }
            (lines, crates)
        }
    };
    Ok(CodeSize {
        client: format!("{} {version}", program.client_crate()),
        lines: lines_below(&source)?,
        runtime_lines,
        runtime_crates,
        client_dependencies: client_dependencies.len(),
        program_dependencies: dependencies(&program.dir(root))?.len(),
    })
}

/// Whether a `cargo tree` package line (`name vX.Y.Z`) is one of the official SDK's runtime
/// crates: `aws-smithy-*` or `aws-runtime*` (not the proc-macro helpers, which run at build
/// time only).
fn is_official_runtime(package: &str) -> bool {
    (package.starts_with("aws-smithy-") || package.starts_with("aws-runtime"))
        && !package.ends_with("(proc-macro)")
}

/// Lines of every `.rs` file below `dir`.
fn lines_below(dir: &Path) -> Result<LineCount, String> {
    let mut lines = LineCount::default();
    for file in rust_files(dir)? {
        let text = fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        lines += count(&text);
    }
    Ok(lines)
}

/// The version of `package` in a `Cargo.lock`.
fn locked_version(lock: &Path, package: &str) -> Result<String, String> {
    let text =
        fs::read_to_string(lock).map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line == name_line
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err(format!("{package} is not in {}", lock.display()))
}

/// The unpacked source of a crates.io package in cargo's registry cache.
fn registry_source(package: &str, version: &str) -> Result<PathBuf, String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let registries = home.join("registry/src");
    let entries = fs::read_dir(&registries)
        .map_err(|e| format!("cannot read {}: {e}", registries.display()))?;
    entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path().join(format!("{package}-{version}")))
        .find(|dir| dir.is_dir())
        .ok_or_else(|| {
            format!(
                "{package} {version} is not unpacked below {} (run cargo fetch)",
                registries.display()
            )
        })
}

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries.filter_map(|entry| entry.ok()) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The dependencies of the client crate alone, with its default features: a scratch crate
/// that depends on nothing else, resolved with the bench program's lock file.
fn client_dependencies(
    root: &Path,
    program: Program,
    source: &Path,
    version: &str,
) -> Result<BTreeSet<String>, String> {
    let scratch = root.join(BENCH_TARGET).join("deps").join(program.name());
    fs::create_dir_all(scratch.join("src"))
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let dependency = match program {
        Program::Ours => format!("{{ path = {:?} }}", source.display().to_string()),
        Program::Official => format!("\"={version}\""),
    };
    let manifest = format!(
        "[package]\nname = \"deps-{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{} = {dependency}\n",
        program.name(),
        program.client_crate()
    );
    let write = |path: PathBuf, contents: &[u8]| {
        fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(scratch.join("Cargo.toml"), manifest.as_bytes())?;
    write(scratch.join("src/lib.rs"), b"")?;
    let lock = fs::read(program.dir(root).join("Cargo.lock"))
        .map_err(|e| format!("cannot read the lock file: {e}"))?;
    write(scratch.join("Cargo.lock"), &lock)?;
    let mut packages = dependencies(&scratch)?;
    packages.retain(|package| !package.starts_with(program.client_crate()));
    Ok(packages)
}

/// `cargo tree --prefix none -e normal` in `dir`, de-duplicated (the `(*)` marks of repeated
/// subtrees removed), without the root package.
fn dependencies(dir: &Path) -> Result<BTreeSet<String>, String> {
    let mut command = cargo_in(dir, "tree");
    command.args(["--offline", "--prefix", "none", "-e", "normal"]);
    let tree = run(&mut command)?;
    Ok(unique_dependencies(&tree))
}

/// The distinct packages in `cargo tree --prefix none` output, the first (the root) excluded.
fn unique_dependencies(tree: &str) -> BTreeSet<String> {
    let mut lines = tree
        .lines()
        .map(|line| line.trim_end_matches(" (*)").trim());
    let root = lines.next();
    lines
        .filter(|line| !line.is_empty() && Some(*line) != root)
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_distinct_packages_without_the_root() {
        let tree = "app v0.1.0 (/x)\nserde v1.0.0\nserde_derive v1.0.0 (proc-macro)\nbytes v1.0.0\nserde v1.0.0 (*)\n";
        assert_eq!(super::unique_dependencies(tree).len(), 3);
    }

    #[test]
    fn official_runtime_crates_are_the_smithy_and_runtime_ones() {
        assert!(super::is_official_runtime("aws-smithy-types v1.3.0"));
        assert!(super::is_official_runtime("aws-runtime v1.5.0"));
        assert!(!super::is_official_runtime("aws-sigv4 v1.3.0"));
        assert!(!super::is_official_runtime(
            "aws-smithy-runtime-api-macros v1.0.0 (proc-macro)"
        ));
    }

    #[test]
    fn reads_versions_from_lock_files() {
        let dir = std::env::temp_dir().join(format!("xtask-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lock = dir.join("Cargo.lock");
        std::fs::write(&lock, "[[package]]\nname = \"a\"\nversion = \"1.2.3\"\n").unwrap();
        assert_eq!(super::locked_version(&lock, "a").unwrap(), "1.2.3");
        assert!(super::locked_version(&lock, "b").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
