//! `cargo xtask fuzz`: a fuzzer that runs on stable Rust. It mutates the repository's own
//! fixture models, either structurally (a random node of the JSON replaced by a hostile name,
//! an extreme number, another shape's id — which makes cycles —, a removed key, a changed
//! shape type) or byte by byte, feeds each mutant to the generator under `catch_unwind`, and
//! saves every input that panicked to `target/fuzz/crashes/` (the input being run is kept in
//! `target/fuzz/current.json`, so even a stack overflow, which aborts, leaves it behind).
//! Targets: `json` (Smithy JSON AST), `botocore` (`service-2.json`) and `idl` (the IDL reader,
//! seeded with Smithy's valid IDL suite from `$SMITHY_DIR`, default `../shared/smithy`; its
//! mutants are byte-level only). Response decoding is fuzzed by `tests/tests/fuzz_responses.rs`.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use xtask::mutate::{Rng, mutate_bytes, mutate_structure};

use crate::args::Args;
use crate::workspace_root;

/// What a fuzz target feeds the generator.
#[derive(Clone, Copy, Debug)]
enum Target {
    /// Smithy JSON AST models.
    Json,
    /// botocore `service-2.json` models.
    Botocore,
    /// Smithy IDL files.
    Idl,
}

impl Target {
    fn parse(name: &str) -> Result<Target, String> {
        match name {
            "json" => Ok(Target::Json),
            "botocore" => Ok(Target::Botocore),
            "idl" => Ok(Target::Idl),
            other => Err(format!(
                "unknown fuzz target `{other}` (json, botocore, idl)"
            )),
        }
    }

    /// The seed models, below the workspace root.
    fn seeds(self, root: &Path) -> Result<Vec<String>, String> {
        let files: Vec<PathBuf> = match self {
            Target::Json => ["tests/fixtures/snapshots", "tests/fixtures/corpus"]
                .iter()
                .flat_map(|dir| json_files(&root.join(dir)))
                .collect(),
            Target::Botocore => vec![root.join("tests/fixtures/botocore/widgets.botocore.json")],
            Target::Idl => {
                let suite = std::env::var_os("SMITHY_DIR")
                    .map_or_else(|| root.join("../shared/smithy"), PathBuf::from)
                    .join("idl-tests/valid");
                let files = files_below(&suite, "smithy");
                if files.is_empty() {
                    return Err(format!(
                        "the idl target is seeded with Smithy's IDL suite, and {} has no .smithy \
                         file (set SMITHY_DIR)",
                        suite.display()
                    ));
                }
                files
            }
        };
        files
            .iter()
            .map(|path| {
                fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
            })
            .collect()
    }

    /// Runs the generator on `input`; the result does not matter, only that it returns.
    fn run(self, input: &str) {
        match self {
            Target::Json | Target::Botocore => {
                let input = codegen::Input::text(input);
                let _ = codegen::generate(input, &codegen::Options::default());
            }
            Target::Idl => {
                let mut input = codegen::Input::text(input);
                if let codegen::ModelInput::File { format, .. } = &mut input.model {
                    *format = codegen::Format::Idl;
                }
                let _ = codegen::lower_input(input, &codegen::Config::default());
            }
        }
    }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// Every file with extension `ext` in `dir` and its subfolders, sorted.
fn files_below(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for path in fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs the command with its arguments.
pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["target", "mode", "seconds", "execs", "seed"], &[])?;
    // Out of 4 inputs, how many are byte-level mutants.
    let byte_share = match args.value("mode").unwrap_or("mixed") {
        "structure" => 0,
        "bytes" => 4,
        "mixed" => 1,
        other => {
            return Err(format!(
                "--mode is structure, bytes or mixed, not `{other}`"
            ));
        }
    };
    let target = Target::parse(args.value("target").unwrap_or("json"))?;
    let number = |name: &str, default: u64| -> Result<u64, String> {
        args.value(name).map_or(Ok(default), |text| {
            text.parse()
                .map_err(|_| format!("--{name} needs a number, not `{text}`"))
        })
    };
    let budget = Duration::from_secs(number("seconds", 60)?);
    let max_execs = number("execs", u64::MAX)?;
    let mut rng = Rng(number("seed", 0x5eed)?.max(1));

    let root = workspace_root();
    let seeds = target.seeds(&root)?;
    let parsed: Vec<Value> = seeds
        .iter()
        .filter_map(|seed| serde_json::from_str(seed).ok())
        .collect();
    // IDL seeds are not JSON: only byte-level mutants for them.
    let byte_share = if parsed.is_empty() { 4 } else { byte_share };
    let out = root.join("target/fuzz");
    fs::create_dir_all(out.join("crashes"))
        .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    panic::set_hook(Box::new(|_| {}));

    let started = Instant::now();
    let (mut execs, mut panics) = (0u64, 0u64);
    while execs < max_execs && started.elapsed() < budget {
        let input = if rng.below(4) < byte_share {
            mutate_bytes(&seeds[rng.below(seeds.len())], &mut rng)
        } else {
            let mut model = rng.pick(&parsed).clone();
            for _ in 0..=rng.below(3) {
                mutate_structure(&mut model, &mut rng);
            }
            model.to_string()
        };
        fs::write(out.join("current.json"), &input).map_err(|e| e.to_string())?;
        execs += 1;
        if panic::catch_unwind(AssertUnwindSafe(|| target.run(&input))).is_err() {
            panics += 1;
            let path = out.join(format!("crashes/{target:?}-{execs}.json").to_lowercase());
            fs::write(&path, &input).map_err(|e| e.to_string())?;
            eprintln!("panic: input saved to {}", path.display());
        }
    }
    let _ = panic::take_hook();
    println!(
        "fuzz {target:?} ({} mode): {execs} executions in {:.0}s, {panics} panics",
        match byte_share {
            0 => "structure",
            4 => "bytes",
            _ => "mixed",
        },
        started.elapsed().as_secs_f64()
    );
    if panics > 0 {
        return Err(format!(
            "{panics} inputs panicked; see {}",
            out.join("crashes").display()
        ));
    }
    Ok(())
}
