//! No two source files import each other: for every Rust file of the generator
//! (`codegen/src`), the runtime (`codegen/runtime/src`) and the xtask (`xtask/src`), the
//! `crate::…`, `super::…` and `self::…` paths outside `#[cfg(test)]` modules are resolved
//! to the files that define those modules, and any pair of files that point at each other
//! fails the test. A module and its own submodules are exempt (a parent re-exporting what
//! its child uses from it is how Rust modules are laid out).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The source folders checked, each the root of one crate.
const CRATE_ROOTS: &[&str] = &["codegen/src", "codegen/runtime/src", "xtask/src"];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Every `.rs` file under `dir` (not `src/bin`, whose files are crates of their own).
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name != "bin") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file relative to its crate's `src`: `a/b.rs` and `a/b/mod.rs` are
/// `["a", "b"]`; `lib.rs` and `main.rs` are the root, `[]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    let file = parts.pop().unwrap_or_default();
    let stem = file.trim_end_matches(".rs");
    if !(stem == "mod" || (parts.is_empty() && (stem == "lib" || stem == "main"))) {
        parts.push(stem.to_owned());
    }
    parts
}

/// The source without comments and without the `#[cfg(test)]` modules.
fn code_lines(source: &str) -> String {
    let mut code = String::new();
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// Expands a `use` tree (`a::{b, c::d}`) into its paths (`a::b`, `a::c::d`).
fn expand_use_tree(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = tree[open + 1..]
        .strip_suffix('}')
        .unwrap_or(&tree[open + 1..]);
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (index, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .flat_map(expand_use_tree)
        .map(|rest| format!("{prefix}{rest}"))
        .collect()
}

/// Every `crate::`/`super::`/`self::` path the code names, in `use` items or inline.
fn referenced_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for statement in code.split(';') {
        let use_item = statement.match_indices("use ").find(|(at, _)| {
            statement[..*at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        });
        if let Some((at, _)) = use_item {
            let tree = statement[at + 4..].trim();
            if ["crate::", "super::", "self::"]
                .iter()
                .any(|start| tree.starts_with(start))
            {
                paths.extend(expand_use_tree(tree));
            }
        }
    }
    // Inline paths such as `crate::redact::redact(url)`.
    let is_path_char = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    for start in ["crate::", "super::"] {
        for (at, _) in code.match_indices(start) {
            let preceded = code[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            if !preceded {
                let path: String = code[at..]
                    .chars()
                    .take_while(|c| is_path_char(*c))
                    .collect();
                paths.push(path);
            }
        }
    }
    paths
}

/// The file a path leads to, from the file at module `from`: the longest module prefix of
/// the path that is a file of the crate.
fn target_file(
    path: &str,
    from: &[String],
    modules: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<PathBuf> {
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut module: Vec<String> = match segments.first() {
        Some(&"crate") => Vec::new(),
        Some(&"self") => from.to_vec(),
        Some(&"super") => {
            let mut module = from.to_vec();
            while segments.first() == Some(&"super") {
                module.pop();
                segments.remove(0);
            }
            segments.insert(0, "super");
            module
        }
        _ => return None,
    };
    let mut found = modules.get(&module).cloned();
    for segment in &segments[1..] {
        module.push((*segment).to_owned());
        match modules.get(&module) {
            Some(file) => found = Some(file.clone()),
            None => break,
        }
    }
    found
}

/// `a` is `b` or one of its submodules, or the other way round.
fn nested(a: &[String], b: &[String]) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// Every pair of files (by repo-relative path) that import each other.
fn two_file_circles() -> BTreeSet<(String, String)> {
    let root = repo_root();
    let mut circles = BTreeSet::new();
    for crate_root in CRATE_ROOTS {
        let src = root.join(crate_root);
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        assert!(!files.is_empty(), "no Rust files under {}", src.display());
        let modules: BTreeMap<Vec<String>, PathBuf> = files
            .iter()
            .map(|file| {
                let relative = file.strip_prefix(&src).expect("under src");
                (module_path(relative), file.clone())
            })
            .collect();
        let module_of: BTreeMap<&PathBuf, &Vec<String>> = modules
            .iter()
            .map(|(module, file)| (file, module))
            .collect();
        let mut edges: BTreeSet<(PathBuf, PathBuf)> = BTreeSet::new();
        for (module, file) in &modules {
            let source =
                std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            for path in referenced_paths(&code_lines(&source)) {
                if let Some(target) = target_file(&path, module, &modules)
                    && !nested(module, module_of[&target])
                {
                    edges.insert((file.clone(), target));
                }
            }
        }
        let shown = |file: &Path| {
            file.strip_prefix(&root)
                .expect("under the repo")
                .to_string_lossy()
                .replace('\\', "/")
        };
        for (from, to) in &edges {
            if from < to && edges.contains(&(to.clone(), from.clone())) {
                circles.insert((shown(from), shown(to)));
            }
        }
    }
    circles
}

#[test]
fn no_two_files_import_each_other() {
    let found = two_file_circles();
    assert!(
        found.is_empty(),
        "these files import each other; move what they share to a module both use: {found:?}"
    );
}

#[test]
fn the_resolver_sees_inline_and_grouped_imports() {
    let from = vec!["endpoint".to_owned(), "ast".to_owned()];
    let modules: BTreeMap<Vec<String>, PathBuf> = [
        (vec![], "lib.rs"),
        (vec!["endpoint".to_owned()], "endpoint/mod.rs"),
        (from.clone(), "endpoint/ast.rs"),
        (
            vec!["endpoint".to_owned(), "json".to_owned()],
            "endpoint/json.rs",
        ),
        (vec!["redact".to_owned()], "redact.rs"),
    ]
    .into_iter()
    .map(|(module, file)| (module, PathBuf::from(file)))
    .collect();
    let code = code_lines(
        "use super::{json::{array, object}, Foo};\n\
         // use crate::nothing::here;\n\
         fn f() { crate::redact::redact(x); }\n\
         #[cfg(test)]\nmod tests { use crate::redact::*; }\n",
    );
    let targets: BTreeSet<PathBuf> = referenced_paths(&code)
        .iter()
        .filter_map(|path| target_file(path, &from, &modules))
        .collect();
    assert_eq!(
        targets,
        ["endpoint/json.rs", "endpoint/mod.rs", "redact.rs"]
            .into_iter()
            .map(PathBuf::from)
            .collect()
    );
}
