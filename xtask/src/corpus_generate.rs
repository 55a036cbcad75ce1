//! Generating one model of the corpus into its scratch crate. A failure — a diagnostic, an
//! unreadable file, even a generator panic — becomes a result, so one bad model never stops
//! the run.

use std::cell::RefCell;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::time::Instant;

use codegen::Options;

use crate::output::{holds_exactly, write_crate_atomically};

/// What happened to one model.
#[derive(Debug)]
pub struct ModelResult {
    /// The model file's name without `.json`, e.g. `dynamodb-2012-08-10`; also the name of
    /// its crate's directory.
    pub stem: String,
    /// Generated, or why not.
    pub outcome: Result<Generated, String>,
    /// Time to read, generate and write, in milliseconds.
    pub millis: u128,
}

/// Facts about a crate that was generated.
#[derive(Debug)]
pub struct Generated {
    /// Absolute shape id of the service.
    pub service: String,
    /// Cargo package name.
    pub crate_name: String,
    /// The service's protocol trait, e.g. `aws.protocols#restJson1`.
    pub protocol: String,
    /// Whether the crate has a client (awsJson) or only data types.
    pub client: bool,
    /// Number of operations.
    pub operations: usize,
    /// Number of generated data types.
    pub types: usize,
    /// Number of files, runtime included.
    pub files: usize,
    /// Lines emitted from the model (the copied runtime is not counted).
    pub lines: usize,
}

/// Generates `model` into `out_root/<stem>/` with `options` (its `source_name` is set here).
pub fn generate(model: &Path, out_root: &Path, options: &Options) -> ModelResult {
    let started = Instant::now();
    let stem = model
        .file_stem()
        .map_or_else(String::new, |stem| stem.to_string_lossy().into_owned());
    let outcome = generate_into(model, &out_root.join(&stem), options);
    ModelResult {
        stem,
        outcome,
        millis: started.elapsed().as_millis(),
    }
}

fn generate_into(model: &Path, out_dir: &Path, options: &Options) -> Result<Generated, String> {
    let text = fs::read_to_string(model).map_err(|e| format!("cannot read the model: {e}"))?;
    let mut options = options.clone();
    options.source_name = model
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let codegen::Generated { service, files } =
        catch_panic(|| codegen::generate(codegen::Input::text(&text), &options))?
            .map_err(|problems| problems.to_string())?;
    if !holds_exactly(out_dir, &files) {
        write_crate_atomically(out_dir, &files)?;
    }
    let lines = files.iter().map(|file| file.contents.lines().count()).sum();
    Ok(Generated {
        crate_name: service.crate_name.clone(),
        protocol: service.protocol.trait_id().to_owned(),
        client: service.protocol.has_client(),
        operations: service.operations.len(),
        types: service.types.len(),
        files: files.len(),
        lines,
        service: service.shape_id,
    })
}

thread_local! {
    /// The message and location of the last panic on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Makes panics quiet and remembered per thread, so [`catch_panic`] can report them as
/// results instead of letting the default hook scribble over the progress line.
pub fn capture_panics() {
    panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        let location = info
            .location()
            .map(|at| format!(" at {}:{}", at.file(), at.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(format!("{message}{location}")));
    }));
}

/// Runs `work`, turning a panic into `Err("generator panicked: …")`.
fn catch_panic<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(work)).map_err(|_| {
        let message = LAST_PANIC.with(|last| last.borrow_mut().take());
        format!(
            "generator panicked: {}",
            message.unwrap_or_else(|| "(message not captured)".to_owned())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::{capture_panics, catch_panic};

    #[test]
    fn a_panic_becomes_an_error_naming_message_and_place() {
        capture_panics();
        let error = catch_panic(|| panic!("boom")).expect_err("the closure panics");
        assert!(error.starts_with("generator panicked: boom at "), "{error}");
        assert!(error.contains("corpus_generate.rs"), "{error}");
        assert_eq!(catch_panic(|| 7), Ok(7));
    }
}
