//! The two bench programs (`xtask/bench/ours`, `xtask/bench/official`): where they are,
//! fetching their dependencies, and building them in fresh target directories.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::process::{run, run_timed};

/// Where the harness generates our crate from the full AWS model; `xtask/bench/ours`
/// depends on it by path.
pub const FULL_COGNITO_CRATE: &str = "target/bench/full-cognito";

/// Scratch space for builds and responses, relative to the workspace root.
pub const BENCH_TARGET: &str = "target/bench";

/// One of the two bench programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// Against our crate generated from the repository's complete Cognito model.
    Ours,
    /// Against `aws-sdk-cognitoidentityprovider` with `aws-config`.
    Official,
}

/// Both programs, ours first.
pub const PROGRAMS: [Program; 2] = [Program::Ours, Program::Official];

/// A cargo profile a program is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// `cargo build`.
    Debug,
    /// `cargo build --release`.
    Release,
}

impl Profile {
    /// `debug` or `release`, as in the target directory.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }
}

impl Program {
    /// `ours` or `official`, the directory name below `xtask/bench/`.
    pub fn name(self) -> &'static str {
        match self {
            Program::Ours => "ours",
            Program::Official => "official",
        }
    }

    /// The client crate the program measures.
    pub fn client_crate(self) -> &'static str {
        match self {
            Program::Ours => "cognito-identity-provider",
            Program::Official => "aws-sdk-cognitoidentityprovider",
        }
    }

    /// The program's crate directory.
    pub fn dir(self, root: &Path) -> PathBuf {
        root.join("xtask/bench").join(self.name())
    }

    /// The target directory its builds use, below `target/bench/build/`.
    pub fn target_dir(self, root: &Path, profile: Profile) -> PathBuf {
        root.join(BENCH_TARGET)
            .join("build")
            .join(format!("{}-{}", self.name(), profile.name()))
    }

    /// The executable a build into `target_dir` produces.
    pub fn binary(self, target_dir: &Path, profile: Profile) -> PathBuf {
        target_dir
            .join(profile.name())
            .join(format!("bench-{}", self.name()))
    }

    /// Downloads every dependency, so builds measure compiling only. The lock file keeps
    /// its versions; only a dependency the generated crate newly needs is added to it (that
    /// change then shows in `git status`, to be committed).
    pub fn fetch(self, root: &Path) -> Result<(), String> {
        run(&mut cargo_in(&self.dir(root), "fetch")).map(drop)
    }

    /// Builds the program from scratch (its target directory removed first), offline and
    /// without incremental compilation; returns the wall-clock seconds.
    pub fn clean_build(self, root: &Path, profile: Profile) -> Result<f64, String> {
        let target_dir = self.target_dir(root, profile);
        if target_dir.exists() {
            fs::remove_dir_all(&target_dir)
                .map_err(|e| format!("cannot remove {}: {e}", target_dir.display()))?;
        }
        self.build(root, profile, &target_dir)
    }

    /// Builds the program into `target_dir` (offline, no incremental compilation), keeping
    /// whatever that directory already holds; returns the wall-clock seconds.
    pub fn build(self, root: &Path, profile: Profile, target_dir: &Path) -> Result<f64, String> {
        let mut command = cargo_in(&self.dir(root), "build");
        command
            .args(["--locked", "--offline", "--target-dir"])
            .arg(target_dir)
            .env("CARGO_INCREMENTAL", "0");
        if profile == Profile::Release {
            command.arg("--release");
        }
        run_timed(&mut command).map(|finished| finished.seconds)
    }
}

/// A `cargo` command run in `dir` (a bench program's own workspace), without the caller's
/// target directory, wrapper or flags, so both sides build alike.
pub fn cargo_in(dir: &Path, subcommand: &str) -> Command {
    let mut command = Command::new(cargo());
    command
        .current_dir(dir)
        .arg(subcommand)
        .env_remove("RUSTC_WRAPPER")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS");
    command
}

/// The cargo that runs this xtask (`$CARGO`), else `cargo` on the `PATH`.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}
