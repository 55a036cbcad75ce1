//! `cargo xtask <command>`: the project's automation, in Rust so it runs wherever cargo does.

mod args;
mod bench;
mod codegen_cmd;
mod conformance;
mod corpus_cmd;
mod corpus_generate;
mod corpus_report;
mod diff_cmd;
mod fuzz;
mod model_cmd;
mod model_files;
mod output;
mod settings;

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::{corpus_compile, parallel, progress};

/// mimalloc instead of the system allocator: generation allocates and frees millions of small
/// token and syntax-tree nodes, and glibc's malloc/free were about a quarter of its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  codegen [--model PATH] [--format auto|smithy|botocore] [--paginators PATH]
          [--endpoint-rules PATH] [--config PATH] [--out DIR] [--runtime-path PATH] [--check]
          [--require-client]
      Generate the Rust crate for a model (default: model/ -> generated/): a Smithy JSON AST,
      Smithy IDL (a .smithy file, a directory, or files separated by commas, merged into one
      model) or a botocore service-2.json (detected, or --format), with botocore's
      paginators-1.json and endpoint-rule-set-1.json (given, or found beside the model).
      --check writes nothing and fails with a diff when the output is stale (and prints the
      API changes of the model since HEAD). Clients are generated for awsJson1_0 and
      awsJson1_1 services; for other protocols the crate holds only data types (a note says
      so), or, with --require-client, nothing is generated and the command fails.
      The crate depends on the runtime crate by path: --runtime-path as given, else the
      path from --out to this repository's codegen/runtime.

  diff OLD NEW | diff --base REV [PATH...]   [--format markdown|json|text] [--all]
      Summarise what a model change does to the API: new, removed and updated operations
      with their request/response changes. --base compares with the models at a git
      revision (default: every changed model under model/). --all adds documentation and
      constraint changes. See xtask/DIFF.md.

  model import --from PATH... [--model PATH] [--config PATH]
      Merge a newer AWS model into model/: botocore files (service-2.json, paginators-1.json,
      endpoint-rule-set-1.json, or their directory) and/or a Smithy JSON AST (which then
      supplies the facts botocore lacks: defaults, endpoint tests, ...). Keeps our docs and
      renames, drops AWS's documentation, writes canonical JSON atomically; refuses bad input
      and leaves model/ untouched. Then: cargo xtask diff --base main, commit, review.

  model check [--against PATH...] [--model PATH] [--config PATH]
      Check model/ is well formed and lowers; with --against, list every API difference
      from that AWS model (docs ignored) and fail when there is one, or when it describes
      another service.

  corpus [--dir DIR] [--only STEM,...] [--jobs J] [--compile N|all] [--clients-only]
      Generate every model of DIR (default: $AWS_MODELS_DIR or ../shared/aws-models) into
      target/corpus/<model>/ and print a summary (also target/corpus/summary.json).
      --compile checks the first N (or all) generated crates with warnings denied, in one
      scratch workspace; --clients-only compiles only crates that have a client.

  conformance [--smithy DIR] [--verbose]
      Run Smithy's IDL loader suite and the AWS protocol compliance suites from DIR
      (default: $SMITHY_DIR or ../shared/smithy), print a scoreboard with every failure and
      skip and its reason, and write target/conformance.json. The awsJson 1.0/1.1 cases run
      through clients generated into target/conformance/ (built there with cargo test).
      Fails when an IDL suite case fails; protocol case failures are listed, not fatal.

  fuzz [--target json|botocore] [--mode structure|bytes|mixed] [--seconds N] [--execs N]
       [--seed N]
      Mutate the fixture models (structure-aware and byte-level) and run the generator on
      each mutant; inputs that panic are saved to target/fuzz/crashes/ and fail the run.

  bench [--smoke] [--only codegen,size,build,calls] [--runs N] [--build-runs N]
        [--corpus-runs N] [--no-wait] [--out PATH]
      Benchmark our client generated from the full AWS Cognito model against the official
      SDK (codegen time, clean builds, binary size, size of code, calls per second) and
      write BENCHMARKS.md. Runs from a release build; first waits (up to 30 min) for the
      1-minute load to drop below 1.3 unless --no-wait. --smoke is the quick CI check:
      ours only, a few calls, the report printed instead of written.
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let result = match command.as_deref() {
        Some("codegen") => codegen_cmd::run(&rest),
        Some("bench") => bench::run_command(&rest),
        Some("diff") => diff_cmd::run(&rest),
        Some("corpus") => corpus_cmd::run(&rest),
        Some("model") => model_cmd::run(&rest),
        Some("conformance") => conformance::run(&rest),
        Some("fuzz") => fuzz::run(&rest),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's directory).
fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
