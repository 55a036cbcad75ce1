//! `cargo xtask corpus`: generate every model of a directory (by default the AWS corpus)
//! into scratch crates under `target/corpus/`, optionally compile them, and summarise.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::args::Args;
use crate::codegen_cmd::runtime_path;
use crate::corpus_compile::{CrateToCompile, compile};
use crate::corpus_generate::{ModelResult, capture_panics, generate};
use crate::corpus_report::Summary;
use crate::parallel;
use crate::progress::Progress;
use crate::settings::options_for;
use crate::workspace_root;

/// Where the corpus lives relative to the workspace root, unless `AWS_MODELS_DIR` says otherwise.
pub const DEFAULT_CORPUS: &str = "../shared/aws-models";
/// The scratch folder, relative to the workspace root.
pub const CORPUS_OUT: &str = "target/corpus";

/// Runs the command with its arguments.
pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["dir", "compile", "jobs", "only"], &["clients-only"])?;
    if let Some(extra) = args.positional.first() {
        return Err(format!("unexpected argument `{extra}`"));
    }
    let root = workspace_root();
    let dir = match args.value("dir") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::var_os("AWS_MODELS_DIR")
            .map_or_else(|| root.join(DEFAULT_CORPUS), PathBuf::from),
    };
    let jobs = match args.value("jobs") {
        Some(jobs) => jobs
            .parse::<usize>()
            .ok()
            .filter(|jobs| *jobs > 0)
            .ok_or_else(|| format!("--jobs needs a positive number, not `{jobs}`"))?,
        None => parallel::cores(),
    };
    let compile_count = match args.value("compile") {
        None => None,
        Some("all") => Some(usize::MAX),
        Some(count) => Some(
            count
                .parse::<usize>()
                .map_err(|_| format!("--compile needs a number or `all`, not `{count}`"))?,
        ),
    };
    let only: Option<Vec<&str>> = args.value("only").map(|list| list.split(',').collect());

    let models = list_models(&dir, only.as_deref())?;
    let out_root = root.join(CORPUS_OUT);
    fs::create_dir_all(&out_root)
        .map_err(|e| format!("cannot create {}: {e}", out_root.display()))?;
    let mut options = options_for(&dir, None, &root)?;
    // Every crate is generated into its own directory right below `out_root`.
    options.runtime_path = runtime_path(&out_root.join("crate"), &root)?;
    // The models already keep `jobs` threads busy; rendering a model on more threads than its
    // share of the cores would only make them compete.
    options.render_threads = (parallel::cores() / jobs).max(1);

    capture_panics();
    let started = Instant::now();
    let mut progress = Progress::new(models.len());
    // Biggest first, so that no thread is left generating a big model alone at the end.
    let mut by_size: Vec<(u64, &PathBuf)> = models
        .iter()
        .map(|model| (fs::metadata(model).map_or(0, |meta| meta.len()), model))
        .collect();
    by_size.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut results = parallel::map(
        &by_size,
        jobs,
        |(_, model)| generate(model, &out_root, &options),
        |result: &ModelResult| progress.step(&result.stem),
    );
    progress.finish();
    results.sort_by(|a, b| a.stem.cmp(&b.stem));
    let generation_seconds = started.elapsed().as_secs_f64();

    let compile_report = match compile_count {
        Some(count) => {
            let crates = compile_selection(&results, count, args.switch("clients-only"));
            eprintln!(
                "compiling {} crates (cargo check, warnings denied, {jobs} jobs)…",
                crates.len()
            );
            Some(compile(&out_root, &crates, jobs, &root.join("Cargo.lock"))?)
        }
        None => None,
    };
    let summary = Summary {
        dir: dir.display().to_string(),
        results: &results,
        generation_seconds,
        compile: compile_report.as_ref(),
    };
    let summary_path = out_root.join("summary.json");
    let json = serde_json::to_string_pretty(&summary.to_json()).map_err(|e| e.to_string())?;
    fs::write(&summary_path, json + "\n")
        .map_err(|e| format!("cannot write {}: {e}", summary_path.display()))?;
    print!("{}", summary.table());
    println!("summary: {}", summary_path.display());
    if summary.all_passed() {
        Ok(())
    } else {
        Err(format!(
            "some models failed; see the table above or {}",
            summary_path.display()
        ))
    }
}

/// The `*.json` models of `dir`, sorted; restricted to the stems in `only` when given.
fn list_models(dir: &Path, only: Option<&[&str]>) -> Result<Vec<PathBuf>, String> {
    let entries =
        fs::read_dir(dir).map_err(|e| format!("cannot read the corpus {}: {e}", dir.display()))?;
    let mut models: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    models.sort();
    if let Some(only) = only {
        let stem = |path: &PathBuf| {
            path.file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
        };
        if let Some(missing) = only
            .iter()
            .find(|wanted| !models.iter().any(|m| stem(m).as_deref() == Some(**wanted)))
        {
            return Err(format!("no model `{missing}.json` in {}", dir.display()));
        }
        models.retain(|model| stem(model).is_some_and(|stem| only.contains(&stem.as_str())));
    }
    if models.is_empty() {
        return Err(format!("no *.json models in {}", dir.display()));
    }
    Ok(models)
}

/// The first `count` generated crates (only those with a client, when asked).
fn compile_selection(
    results: &[ModelResult],
    count: usize,
    clients_only: bool,
) -> Vec<CrateToCompile> {
    results
        .iter()
        .filter_map(|result| {
            let generated = result.outcome.as_ref().ok()?;
            (generated.client || !clients_only).then(|| CrateToCompile {
                dir: result.stem.clone(),
                package: generated.crate_name.clone(),
            })
        })
        .take(count)
        .collect()
}
