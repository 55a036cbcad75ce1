//! Writing a generated crate atomically, and checking one for staleness.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::GeneratedFile;
use similar::TextDiff;

/// Replaces `out_dir` with exactly `files`. Everything is written to a sibling directory
/// first and swapped in with renames, so a failure leaves the previous output untouched.
pub fn write_crate_atomically(out_dir: &Path, files: &[GeneratedFile]) -> Result<(), String> {
    let parent = out_dir
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let name = out_dir
        .file_name()
        .ok_or_else(|| format!("{} is not a directory name", out_dir.display()))?
        .to_string_lossy()
        .into_owned();
    let staging = parent.join(format!(".{name}.staging"));
    let previous = parent.join(format!(".{name}.previous"));
    for leftover in [&staging, &previous] {
        remove_if_present(leftover)?;
    }
    let written = write_all(&staging, files);
    if let Err(error) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    let had_previous = out_dir.exists();
    if had_previous {
        fs::rename(out_dir, &previous)
            .map_err(|e| format!("cannot move {} aside: {e}", out_dir.display()))?;
    }
    if let Err(error) = fs::rename(&staging, out_dir) {
        if had_previous {
            let _ = fs::rename(&previous, out_dir);
        }
        return Err(format!(
            "cannot move the new crate into {}: {error}",
            out_dir.display()
        ));
    }
    remove_if_present(&previous)
}

fn write_all(dir: &Path, files: &[GeneratedFile]) -> Result<(), String> {
    for file in files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, &file.contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> Result<(), String> {
    if path.exists() {
        fs::remove_dir_all(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Compares `files` with what is on disk; on any difference, returns an error holding a
/// readable unified diff and the list of missing and unexpected files.
pub fn check_crate(out_dir: &Path, files: &[GeneratedFile]) -> Result<(), String> {
    let mut report = String::new();
    let expected: BTreeSet<PathBuf> = files.iter().map(|f| PathBuf::from(&f.path)).collect();
    for file in files {
        let path = out_dir.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(current) if current == file.contents => {}
            Ok(current) => {
                let diff = TextDiff::from_lines(&current, &file.contents);
                report.push_str(
                    &diff
                        .unified_diff()
                        .context_radius(2)
                        .header(&format!("a/{}", file.path), &format!("b/{}", file.path))
                        .to_string(),
                );
            }
            Err(_) => report.push_str(&format!("missing: {}\n", file.path)),
        }
    }
    for extra in files_below(out_dir)? {
        if !expected.contains(&extra) {
            report.push_str(&format!("unexpected: {}\n", extra.display()));
        }
    }
    if report.is_empty() {
        println!(
            "{} is up to date ({} files)",
            out_dir.display(),
            files.len()
        );
        Ok(())
    } else {
        Err(format!(
            "{} is stale; run `{}` and commit the result.\n{report}",
            out_dir.display(),
            codegen::REGENERATE
        ))
    }
}

/// Whether `dir` already holds exactly `files`, byte for byte and nothing else: the cheap
/// yes-or-no of [`check_crate`]. The corpus leaves such a crate as it is (no writes, renames
/// and deletes of every file, and its sources keep their timestamps for a later `--compile`).
pub fn holds_exactly(dir: &Path, files: &[GeneratedFile]) -> bool {
    let same = |file: &GeneratedFile| {
        let path = dir.join(&file.path);
        fs::metadata(&path).is_ok_and(|meta| meta.len() == file.contents.len() as u64)
            && fs::read(&path).is_ok_and(|bytes| bytes == file.contents.as_bytes())
    };
    files.iter().all(same) && files_below(dir).is_ok_and(|found| found.len() == files.len())
}

/// Every file below `dir`, relative to it (nothing when `dir` does not exist).
fn files_below(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                found.push(relative.to_path_buf());
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use codegen::GeneratedFile;

    use super::{holds_exactly, write_crate_atomically};

    #[test]
    fn a_crate_is_only_left_alone_when_it_holds_exactly_the_files() {
        let dir = crate::workspace_root().join("target/output-tests/holds-exactly");
        let files = [
            GeneratedFile::new("Cargo.toml", "[package]\n"),
            GeneratedFile::new("src/lib.rs", "//! A crate.\n"),
        ];
        let _ = fs::remove_dir_all(&dir);
        assert!(!holds_exactly(&dir, &files), "nothing written yet");
        write_crate_atomically(&dir, &files).expect("written");
        assert!(holds_exactly(&dir, &files));
        fs::write(dir.join("src/lib.rs"), "//! A crate!\n").expect("edited");
        assert!(!holds_exactly(&dir, &files), "same length, other bytes");
        write_crate_atomically(&dir, &files).expect("written");
        fs::write(dir.join("src/extra.rs"), "").expect("added");
        assert!(!holds_exactly(&dir, &files), "a file too many");
        fs::remove_file(dir.join("src/extra.rs")).expect("removed");
        fs::remove_file(dir.join("Cargo.toml")).expect("removed");
        assert!(!holds_exactly(&dir, &files), "a file missing");
    }
}
