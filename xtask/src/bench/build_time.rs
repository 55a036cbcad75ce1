//! Clean build time of the two bench programs, debug and release, each build in a fresh
//! target directory with the dependencies already fetched.

use std::path::Path;

use super::load::LoadLog;
use super::programs::{PROGRAMS, Profile, Program};
use super::stats::Stats;

/// Build times of one program in one profile.
#[derive(Clone, Debug)]
pub struct BuildTime {
    /// Which program.
    pub program: Program,
    /// Which profile.
    pub profile: Profile,
    /// Wall-clock seconds per clean build.
    pub seconds: Stats,
}

/// Builds every program in every profile `runs` times, interleaved (ours debug, official
/// debug, ours release, official release, then again) so that a change in the machine's load
/// hits both sides alike. The last release builds stay in place for the size and call
/// measurements.
pub fn measure(root: &Path, runs: usize, load: &mut LoadLog) -> Result<Vec<BuildTime>, String> {
    let combinations: Vec<(Program, Profile)> = [Profile::Debug, Profile::Release]
        .into_iter()
        .flat_map(|profile| PROGRAMS.map(|program| (program, profile)))
        .collect();
    let mut samples = vec![Vec::new(); combinations.len()];
    for run in 1..=runs {
        for ((program, profile), samples) in combinations.iter().zip(&mut samples) {
            eprintln!(
                "bench: clean {} build of {} ({run}/{runs})",
                profile.name(),
                program.name()
            );
            let seconds = program.clean_build(root, *profile)?;
            eprintln!("bench:   {seconds:.1} s");
            load.sample(format!(
                "after the {} {} build {run}",
                program.name(),
                profile.name()
            ));
            samples.push(seconds);
        }
    }
    combinations
        .into_iter()
        .zip(samples)
        .map(|((program, profile), samples)| {
            Ok(BuildTime {
                program,
                profile,
                seconds: Stats::of(&samples).ok_or("no builds")?,
            })
        })
        .collect()
}
