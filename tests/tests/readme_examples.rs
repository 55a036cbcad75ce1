//! The README's Rust code is compiled: every ```` ```rust ```` block in it must be an excerpt
//! of an example program in `model/examples/` (which `cargo xtask codegen` copies into the
//! generated crate, where it is built and linted), and no block may opt out with `ignore`.

use std::fs;

use codegen_tests::workspace_root;

/// The non-blank lines of `text`, without their indentation.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect()
}

/// The contents of every fenced block in `markdown` whose info string is `info`.
fn blocks<'a>(markdown: &'a str, info: &str) -> Vec<&'a str> {
    let fence = format!("```{info}\n");
    markdown
        .split(fence.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once("\n```").map(|(block, _)| block))
        .collect()
}

#[test]
fn readme_rust_blocks_are_excerpts_of_compiled_examples() {
    let root = workspace_root();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md is readable");
    assert!(
        blocks(&readme, "rust,ignore").is_empty(),
        "README.md has a `rust,ignore` block; put the code in model/examples/ and quote it"
    );
    let examples: Vec<(String, String)> = fs::read_dir(root.join("model/examples"))
        .expect("model/examples is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| {
            let text = fs::read_to_string(&path).expect("an example is readable");
            (path.display().to_string(), text)
        })
        .collect();
    let rust_blocks = blocks(&readme, "rust");
    assert!(
        rust_blocks.len() >= 3,
        "expected the README's client, sign-up and test-double examples, found {} Rust blocks",
        rust_blocks.len()
    );
    for block in rust_blocks {
        let wanted = code_lines(block);
        let found = examples.iter().any(|(_, text)| {
            code_lines(text)
                .windows(wanted.len())
                .any(|window| window == wanted.as_slice())
        });
        assert!(
            found,
            "this README block is not an excerpt of any file in model/examples/:\n{block}"
        );
    }
}
