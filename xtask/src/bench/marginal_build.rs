//! The build cost users feel: the clean build of a small application that already depends on
//! tokio, hyper, rustls and serde (`xtask/bench/app`), without a Cognito client and with
//! each client added (its features `ours` and `official`). One lock file serves all three
//! builds, so the base dependencies are the same versions on both sides; a build with a
//! client minus the base build is what adding that client costs.

use std::fs;
use std::path::{Path, PathBuf};

use super::load::LoadLog;
use super::process::run_timed;
use super::programs::{BENCH_TARGET, Profile, cargo_in};
use super::stats::Stats;

/// The three builds of the application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppVariant {
    /// The application alone.
    Base,
    /// With our client (feature `ours`).
    Ours,
    /// With the official SDK (feature `official`).
    Official,
}

/// Every variant, the base first.
pub const VARIANTS: [AppVariant; 3] = [AppVariant::Base, AppVariant::Ours, AppVariant::Official];

impl AppVariant {
    /// `base`, `ours` or `official`.
    pub fn name(self) -> &'static str {
        match self {
            AppVariant::Base => "base",
            AppVariant::Ours => "ours",
            AppVariant::Official => "official",
        }
    }

    /// The cargo feature that adds the client, if any.
    fn feature(self) -> Option<&'static str> {
        match self {
            AppVariant::Base => None,
            AppVariant::Ours => Some("ours"),
            AppVariant::Official => Some("official"),
        }
    }
}

/// Clean build times of one variant in one profile.
#[derive(Clone, Debug)]
pub struct AppBuild {
    /// Which variant.
    pub variant: AppVariant,
    /// Which profile.
    pub profile: Profile,
    /// Wall-clock seconds per clean build.
    pub seconds: Stats,
}

/// The application's crate directory.
fn app_dir(root: &Path) -> PathBuf {
    root.join("xtask/bench/app")
}

/// Downloads the application's dependencies (all features), so builds measure compiling only.
pub fn fetch(root: &Path) -> Result<(), String> {
    let mut command = cargo_in(&app_dir(root), "fetch");
    run_timed(&mut command).map(drop)
}

/// Type-checks the application with our client (the smoke run's guard: the full run is the
/// only other place that compiles it, so an API change would otherwise surface there).
pub fn check_ours(root: &Path) -> Result<(), String> {
    let mut command = cargo_in(&app_dir(root), "check");
    command
        .args([
            "--locked",
            "--offline",
            "--features",
            "ours",
            "--target-dir",
        ])
        .arg(root.join(BENCH_TARGET).join("smoke-app"));
    run_timed(&mut command).map(drop)
}

/// Builds every variant in every profile `runs` times, interleaved like the program builds.
pub fn measure(root: &Path, runs: usize, load: &mut LoadLog) -> Result<Vec<AppBuild>, String> {
    let combinations: Vec<(AppVariant, Profile)> = [Profile::Debug, Profile::Release]
        .into_iter()
        .flat_map(|profile| VARIANTS.map(|variant| (variant, profile)))
        .collect();
    let mut samples = vec![Vec::new(); combinations.len()];
    for run in 1..=runs {
        for ((variant, profile), samples) in combinations.iter().zip(&mut samples) {
            eprintln!(
                "bench: clean {} build of the app, {} ({run}/{runs})",
                profile.name(),
                variant.name()
            );
            let seconds = clean_build(root, *variant, *profile)?;
            eprintln!("bench:   {seconds:.1} s");
            load.sample(format!(
                "after the app {} {} build {run}",
                variant.name(),
                profile.name()
            ));
            samples.push(seconds);
        }
    }
    combinations
        .into_iter()
        .zip(samples)
        .map(|((variant, profile), samples)| {
            Ok(AppBuild {
                variant,
                profile,
                seconds: Stats::of(&samples).ok_or("no builds")?,
            })
        })
        .collect()
}

/// One clean build (fresh target directory, offline, no incremental compilation); seconds.
fn clean_build(root: &Path, variant: AppVariant, profile: Profile) -> Result<f64, String> {
    let target_dir = root.join(BENCH_TARGET).join("build").join(format!(
        "app-{}-{}",
        variant.name(),
        profile.name()
    ));
    if target_dir.exists() {
        fs::remove_dir_all(&target_dir)
            .map_err(|e| format!("cannot remove {}: {e}", target_dir.display()))?;
    }
    let mut command = cargo_in(&app_dir(root), "build");
    command
        .args(["--locked", "--offline", "--target-dir"])
        .arg(&target_dir)
        .env("CARGO_INCREMENTAL", "0");
    if let Some(feature) = variant.feature() {
        command.args(["--features", feature]);
    }
    if profile == Profile::Release {
        command.arg("--release");
    }
    run_timed(&mut command).map(|finished| finished.seconds)
}

/// The median seconds a client adds to the base build in `profile`.
pub fn marginal(builds: &[AppBuild], variant: AppVariant, profile: Profile) -> Option<f64> {
    let median = |variant: AppVariant| {
        builds
            .iter()
            .find(|b| b.variant == variant && b.profile == profile)
            .map(|b| b.seconds.median)
    };
    Some(median(variant)? - median(AppVariant::Base)?)
}

#[cfg(test)]
mod tests {
    use super::{AppBuild, AppVariant, marginal};
    use crate::bench::programs::Profile;
    use crate::bench::stats::Stats;

    #[test]
    fn marginal_is_the_difference_of_medians() {
        let build = |variant, samples: &[f64]| AppBuild {
            variant,
            profile: Profile::Debug,
            seconds: Stats::of(samples).unwrap(),
        };
        let builds = [
            build(AppVariant::Base, &[10.0, 12.0, 11.0]),
            build(AppVariant::Ours, &[20.0, 19.0, 30.0]),
        ];
        assert_eq!(
            marginal(&builds, AppVariant::Ours, Profile::Debug),
            Some(9.0)
        );
        assert_eq!(
            marginal(&builds, AppVariant::Official, Profile::Debug),
            None
        );
        assert_eq!(marginal(&builds, AppVariant::Ours, Profile::Release), None);
    }
}
