//! `--model` values naming several Smithy files: a directory, a `.smithy` file, or a
//! comma-separated list of files and directories.

use std::fs;
use std::path::{Path, PathBuf};

/// Whether `--model PATH` needs the multi-file Smithy loader (rather than reading one
/// JSON file in the chosen format).
pub fn is_smithy_set(path: &Path) -> bool {
    path.is_dir()
        || path.to_string_lossy().contains(',')
        || path.extension().is_some_and(|ext| ext == "smithy")
}

/// Reads every model file `path` names: `.smithy` files, and `.json` files that are Smithy
/// JSON ASTs (so a config file beside the model is left out), each named by its path.
pub fn read_smithy_set(path: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    for part in path
        .to_string_lossy()
        .split(',')
        .filter(|part| !part.is_empty())
    {
        collect(Path::new(part), &mut files)?;
    }
    if files.is_empty() {
        return Err(format!(
            "no .smithy or Smithy JSON AST files in {}",
            path.display()
        ));
    }
    Ok(files)
}

fn collect(path: &Path, files: &mut Vec<(String, String)>) -> Result<(), String> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .collect();
        entries.sort();
        for entry in entries {
            let is_model = entry.is_dir()
                || entry
                    .extension()
                    .is_some_and(|ext| ext == "smithy" || ext == "json");
            if is_model {
                collect(&entry, files)?;
            }
        }
        return Ok(());
    }
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let is_json = path.extension().is_some_and(|ext| ext == "json");
    if !is_json || codegen::detect_format(&text) == Ok(codegen::Format::Smithy) {
        files.push((path.display().to_string(), text));
    }
    Ok(())
}
