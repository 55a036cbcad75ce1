//! `cargo xtask bench`: our generated Cognito client against the official SDK, side by side
//! in one run on one machine — codegen time, clean build time, binary size, size of code,
//! calls per second — written to `BENCHMARKS.md`.
//!
//! `--smoke` is the CI check: seconds of work (plus one debug build of our bench program),
//! no official SDK, a report printed rather than written.

mod binary_size;
mod build_time;
mod code_size;
mod codegen_time;
mod instructions;
mod load;
mod machine;
mod marginal_build;
mod process;
mod programs;
mod report;
mod responses;
mod rust_lines;
mod server;
mod stats;
mod throughput;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::args::Args;
use crate::workspace_root;
use load::LoadLog;
use machine::Machine;
use process::run;
use programs::{BENCH_TARGET, PROGRAMS, Profile, Program};
use report::Report;
use throughput::Workload;

/// The 1-minute load under which the machine counts as quiet.
const QUIET_LOAD: f64 = 1.3;
/// How often, and how long at most, to wait for a quiet machine.
const QUIET_POLL: Duration = Duration::from_secs(60);
const QUIET_WAIT: Duration = Duration::from_secs(30 * 60);

/// The hand-written reading of the results (which targets are met, the floors), which a
/// full run appends to `BENCHMARKS.md` as it is.
const ANALYSIS: &str = "xtask/bench/analysis.md";

/// What a full run does.
const FULL_WORKLOAD: Workload = Workload {
    page_sizes: &[responses::LARGE_PAGE, 1],
    concurrency: &[1, 16],
    calls: 2000,
    parses: 2000,
    rounds: 15,
};

/// What the smoke run does: a few calls, ours only.
const SMOKE_WORKLOAD: Workload = Workload {
    page_sizes: &[responses::LARGE_PAGE],
    concurrency: &[1, 4],
    calls: 20,
    parses: 20,
    rounds: 2,
};

/// The measurements `--only` can pick.
const SECTIONS: [&str; 6] = [
    "codegen",
    "size",
    "build",
    "marginal",
    "calls",
    "instructions",
];

/// Runs the command with its arguments.
pub fn run_command(args: &[String]) -> Result<(), String> {
    let parsed = Args::parse(
        args,
        &[
            "runs",
            "build-runs",
            "corpus-runs",
            "only",
            "out",
            "parse-json",
        ],
        &["smoke", "no-wait"],
    )?;
    if let Some(extra) = parsed.positional.first() {
        return Err(format!("unexpected argument `{extra}`"));
    }
    if let Some(file) = parsed.value("parse-json") {
        return codegen_time::parse_json(Path::new(file));
    }
    let root = workspace_root();
    if parsed.switch("smoke") {
        return smoke(&root);
    }
    if cfg!(debug_assertions) {
        return rerun_in_release(&root, args);
    }
    let only: Vec<&str> = parsed
        .value("only")
        .map_or(SECTIONS.to_vec(), |list| list.split(',').collect());
    if let Some(unknown) = only.iter().find(|section| !SECTIONS.contains(section)) {
        return Err(format!(
            "unknown section `{unknown}` (choose from {})",
            SECTIONS.join(",")
        ));
    }
    let number = |name: &str, default: usize| -> Result<usize, String> {
        parsed.value(name).map_or(Ok(default), |text| {
            text.parse()
                .map_err(|_| format!("--{name} needs a number, not `{text}`"))
        })
    };
    let settings = Settings {
        runs: number("runs", 7)?.max(1),
        build_runs: number("build-runs", 3)?.max(1),
        corpus_runs: number("corpus-runs", 3)?,
        wait: !parsed.switch("no-wait"),
        only,
    };
    let mut report = full(
        &root,
        &settings,
        format!("cargo xtask bench {}", args.join(" ")).trim_end(),
    )?;
    report.analysis = fs::read_to_string(root.join(ANALYSIS)).ok();
    let out = parsed
        .value("out")
        .map_or_else(|| root.join("BENCHMARKS.md"), PathBuf::from);
    fs::write(&out, report.markdown())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Options of a full run.
struct Settings<'a> {
    runs: usize,
    build_runs: usize,
    corpus_runs: usize,
    wait: bool,
    only: Vec<&'a str>,
}

/// Builds the release xtask and runs the same command with it: the harness's own timing
/// (the codegen process, the loopback server) must not be a debug build.
fn rerun_in_release(root: &Path, args: &[String]) -> Result<(), String> {
    eprintln!("bench: building the release xtask and running the benchmarks with it");
    let mut build = Command::new(programs::cargo());
    build
        .current_dir(root)
        .args(["build", "--release", "--quiet", "--package", "xtask"]);
    run(&mut build)?;
    let xtask = root.join("target/release/xtask");
    let status = Command::new(&xtask)
        .arg("bench")
        .args(args)
        .status()
        .map_err(|e| format!("cannot run {}: {e}", xtask.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the release run failed ({status})"))
    }
}

/// Every measurement, ours and official, into a report.
fn full(root: &Path, settings: &Settings, command: &str) -> Result<Report, String> {
    let xtask = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    let wants = |section: &str| settings.only.contains(&section);
    let mut report = new_report(command);
    if settings.wait {
        eprintln!(
            "bench: waiting for the 1-minute load to drop below {QUIET_LOAD} (at most {} min)",
            QUIET_WAIT.as_secs() / 60
        );
        report.quiet = Some((
            load::wait_for_quiet(QUIET_LOAD, QUIET_POLL, QUIET_WAIT),
            QUIET_LOAD,
        ));
    }
    report.load.sample("start");
    if wants("codegen") {
        eprintln!("bench: codegen time");
        report.codegen = Some(codegen_time::measure(
            &xtask,
            root,
            settings.runs,
            settings.corpus_runs,
        )?);
        report.load.sample("after codegen");
    }
    codegen_time::update_full_cognito(&xtask, root)?;
    for program in PROGRAMS {
        program.fetch(root)?;
    }
    if wants("size") {
        for program in PROGRAMS {
            report
                .code_size
                .push((program, code_size::measure(root, program)?));
        }
    }
    if wants("build") {
        report.builds = build_time::measure(root, settings.build_runs, &mut report.load)?;
    }
    if wants("marginal") {
        marginal_build::fetch(root)?;
        report.app_builds = marginal_build::measure(root, settings.build_runs, &mut report.load)?;
    }
    let binary = |program: Program| {
        program.binary(
            &program.target_dir(root, Profile::Release),
            Profile::Release,
        )
    };
    if wants("calls") || wants("build") || wants("instructions") {
        for program in PROGRAMS {
            if !binary(program).exists() {
                program.build(
                    root,
                    Profile::Release,
                    &program.target_dir(root, Profile::Release),
                )?;
            }
            report
                .binaries
                .push((program, binary_size::measure(&binary(program))?));
        }
    }
    if wants("calls") {
        eprintln!("bench: calls per second");
        report.load.sample("before the calls");
        report.throughput = Some(throughput::measure(root, &PROGRAMS, binary, FULL_WORKLOAD)?);
        report.load.sample("after the calls");
    }
    if wants("instructions") {
        if instructions::available() {
            eprintln!("bench: instructions per call (callgrind)");
            report.instructions = instructions::measure(root, &PROGRAMS, binary)?;
        } else {
            eprintln!("bench: valgrind not found; instructions per call not measured");
        }
    }
    Ok(report)
}

/// The CI check: codegen once, our program built (debug, kept between runs) and run against
/// the loopback server for a few calls; the report goes to standard output.
fn smoke(root: &Path) -> Result<(), String> {
    let xtask = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    let mut report = new_report("cargo xtask bench --smoke");
    report.smoke = true;
    report.load.sample("start");
    report.codegen = Some(codegen_time::measure(&xtask, root, 1, 0)?);
    codegen_time::update_full_cognito(&xtask, root)?;
    let program = Program::Ours;
    program.fetch(root)?;
    report
        .code_size
        .push((program, code_size::measure(root, program)?));
    let target_dir = root.join(BENCH_TARGET).join("smoke");
    program.build(root, Profile::Debug, &target_dir)?;
    marginal_build::fetch(root)?;
    marginal_build::check_ours(root)?;
    let binary = program.binary(&target_dir, Profile::Debug);
    report.throughput = Some(throughput::measure(
        root,
        &[program],
        |_| binary.clone(),
        SMOKE_WORKLOAD,
    )?);
    report.load.sample("end");
    print!("{}", report.markdown());
    Ok(())
}

/// A report with the run's facts filled in and no measurements yet.
fn new_report(command: &str) -> Report {
    let text = |program: &str, args: &[&str]| {
        run(Command::new(program).args(args))
            .map_or_else(|_| "unknown".to_owned(), |out| out.trim().to_owned())
    };
    Report {
        command: command.to_owned(),
        smoke: false,
        date: text("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        commit: text("git", &["describe", "--always", "--dirty"]),
        machine: Machine::describe(),
        quiet: None,
        load: LoadLog::default(),
        codegen: None,
        code_size: Vec::new(),
        builds: Vec::new(),
        app_builds: Vec::new(),
        instructions: Vec::new(),
        binaries: Vec::new(),
        throughput: None,
        analysis: None,
    }
}
