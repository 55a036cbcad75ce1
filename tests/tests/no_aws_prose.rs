//! No sentence of AWS's documentation is in model/ or generated/: every documentation
//! sentence of ours (model traits, the generated crate's doc comments and the
//! `documentation` strings of its JSON files) of five words or more is looked up among the sentences of AWS's Cognito documentation, from the
//! Smithy model in `../shared/aws-models` and the newest botocore model in
//! `$BOTOCORE_MODELS_DIR`. Shorter sentences ("The user pool ID.") are stock phrases that
//! say nothing of where they came from. Without the AWS models the test prints why it
//! skipped; in CI (`CI=true`) it fails instead.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use codegen_tests::{aws_models_dir, botocore_models_dir, workspace_root};
use serde_json::Value;

/// The botocore version model/ was last imported from (see `.ci/fetch-botocore.sh`).
const BOTOCORE_VERSION: &str = "1.44.8";

/// Sentences shorter than this many words are not compared.
const MIN_WORDS: usize = 5;

#[test]
#[ignore = "needs the AWS models and the botocore models: set AWS_MODELS_DIR and BOTOCORE_MODELS_DIR (.ci/fetch-botocore.sh)"]
fn no_aws_documentation_sentence_in_model_or_generated() {
    let aws = aws_sentences();
    assert!(aws.len() > 1000, "only {} AWS sentences read", aws.len());
    let root = workspace_root();
    let mut ours = Vec::new();
    let model = read(&root.join("model/cognito-identity-provider.json"));
    let model: Value = serde_json::from_str(&model).expect("model/ is JSON");
    collect_docs(&model, &mut |doc| {
        ours.push(("model/".to_owned(), doc.to_owned()))
    });
    for file in files_below(&root.join("generated")) {
        let name = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        match file.extension().and_then(|ext| ext.to_str()) {
            Some("rs") => {
                for block in doc_comment_blocks(&read(&file)) {
                    ours.push((name.clone(), block));
                }
            }
            Some("json") => {
                let value: Value = serde_json::from_str(&read(&file)).expect("JSON");
                collect_docs(&value, &mut |doc| ours.push((name.clone(), doc.to_owned())));
            }
            _ => {}
        }
    }
    let mut copied = BTreeSet::new();
    let mut compared = 0;
    for (place, doc) in &ours {
        for sentence in sentences(doc) {
            compared += 1;
            if aws.contains(&sentence) {
                copied.insert(format!("{place}: {sentence}"));
            }
        }
    }
    assert!(compared > 200, "only {compared} sentences of ours compared");
    assert!(
        copied.is_empty(),
        "{} sentence(s) of AWS's documentation:\n{}",
        copied.len(),
        copied.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Every sentence of AWS's documentation in AWS's Smithy model and the botocore model.
fn aws_sentences() -> BTreeSet<String> {
    let smithy = aws_models_dir().join("cognito-identity-provider-2016-04-18.json");
    let botocore = botocore_models_dir()
        .join(BOTOCORE_VERSION)
        .join("service-2.json");
    let mut found = BTreeSet::new();
    for path in [smithy, botocore] {
        let model: Value = serde_json::from_str(&read(&path)).expect("AWS model is JSON");
        collect_docs(&model, &mut |doc| found.extend(sentences(doc)));
    }
    found
}

/// Calls `visit` with every documentation string of a Smithy or botocore model.
fn collect_docs(value: &Value, visit: &mut impl FnMut(&str)) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                match (key.as_str(), item) {
                    ("smithy.api#documentation" | "documentation", Value::String(doc)) => {
                        visit(doc)
                    }
                    _ => collect_docs(item, visit),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_docs(item, visit)),
        _ => {}
    }
}

/// The sentences of a text, without markup, lower-cased and with single spaces; only
/// those of [`MIN_WORDS`] words or more.
fn sentences(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain.replace(['`', '*', '[', ']'], "");
    let mut found = Vec::new();
    let mut current = String::new();
    let mut chars = plain.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let ends = matches!(c, '.' | '!' | '?' | ':')
            && chars.peek().is_none_or(|next| next.is_whitespace());
        if ends || chars.peek().is_none() {
            let sentence = current.split_whitespace().collect::<Vec<_>>().join(" ");
            if sentence.split(' ').count() >= MIN_WORDS {
                found.push(sentence.to_lowercase());
            }
            current.clear();
        }
    }
    found
}

/// The `///` and `//!` comment blocks of a Rust file, each joined into one text.
fn doc_comment_blocks(source: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    for line in source.lines() {
        let line = line.trim_start();
        match line
            .strip_prefix("///")
            .or_else(|| line.strip_prefix("//!"))
        {
            Some(text) => {
                current.push_str(text);
                current.push('\n');
            }
            None if !current.is_empty() => blocks.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// The `.rs` and `.json` files below `dir`, sorted.
fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_below(&path));
        } else if path
            .extension()
            .is_some_and(|ext| ext == "rs" || ext == "json")
        {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn sentences_are_split_and_normalised() {
    assert_eq!(
        sentences(
            "<p>Creates a new   user pool.</p> <p>Short one.</p> It keeps the `words` in order"
        ),
        ["creates a new user pool.", "it keeps the words in order"]
    );
}
