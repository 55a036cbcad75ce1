//! Release binary size of the bench programs, as built and stripped.

use std::fs;
use std::path::Path;
use std::process::Command;

use super::process::run;

/// Sizes of one executable.
#[derive(Clone, Copy, Debug)]
pub struct BinarySize {
    /// Bytes as cargo built it (release profile: symbols, no debug info).
    pub built: u64,
    /// Bytes after `strip` (a stripped copy; the original is kept).
    pub stripped: u64,
}

/// Measures `binary`, stripping a copy of it next to it.
pub fn measure(binary: &Path) -> Result<BinarySize, String> {
    let size = |path: &Path| {
        fs::metadata(path)
            .map(|metadata| metadata.len())
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let stripped = binary.with_extension("stripped");
    fs::copy(binary, &stripped).map_err(|e| format!("cannot copy {}: {e}", binary.display()))?;
    run(Command::new("strip").arg(&stripped))?;
    Ok(BinarySize {
        built: size(binary)?,
        stripped: size(&stripped)?,
    })
}
