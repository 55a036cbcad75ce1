//! Model input formats: the Smithy JSON AST, the Smithy IDL and botocore's
//! `service-2.json`, detected or chosen, all loaded into the Smithy AST; and the
//! [`Input`] of a generation run: the model files plus botocore paginators and endpoint
//! rules.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::smithy::ast::Model;

/// The format of a model file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Decide from the top-level keys: `"smithy"` means a Smithy JSON AST, `"metadata"` and
    /// `"operations"` a botocore model.
    #[default]
    Auto,
    /// A Smithy 2.0 (or 1.0) JSON AST.
    Smithy,
    /// A botocore `service-2.json`.
    Botocore,
    /// Smithy IDL (`.smithy`) text.
    Idl,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "auto" => Ok(Format::Auto),
            "smithy" => Ok(Format::Smithy),
            "botocore" => Ok(Format::Botocore),
            "idl" => Ok(Format::Idl),
            other => Err(format!(
                "unknown model format `{other}` (expected auto, smithy, idl or botocore)"
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Auto => "auto",
            Format::Smithy => "smithy",
            Format::Botocore => "botocore",
            Format::Idl => "idl",
        })
    }
}

/// The top-level keys that tell the formats apart (values are skipped, not kept).
#[derive(Deserialize)]
struct TopLevel {
    smithy: Option<IgnoredAny>,
    metadata: Option<IgnoredAny>,
    operations: Option<IgnoredAny>,
}

/// The format of `text`: [`Format::Smithy`] or [`Format::Botocore`], or an error saying why
/// it is neither.
pub fn detect_format(text: &str) -> Result<Format, Diagnostics> {
    if crate::idl::is_idl(text) {
        return Ok(Format::Idl);
    }
    if opens_with_smithy_key(text) {
        return Ok(Format::Smithy);
    }
    let top: TopLevel = serde_json::from_str(text)
        .map_err(|error| Diagnostics::one(Diagnostic::at_text(&error, "")))?;
    match top {
        TopLevel {
            smithy: Some(_), ..
        } => Ok(Format::Smithy),
        TopLevel {
            metadata: Some(_),
            operations: Some(_),
            ..
        } => Ok(Format::Botocore),
        _ => Err(Diagnostics::one(Diagnostic::model(
            "cannot tell the model format: a Smithy JSON AST has a top-level \"smithy\" key, \
             a botocore service-2.json has \"metadata\" and \"operations\"",
        ))),
    }
}

/// Whether the text's first key is `"smithy"`, as in every JSON AST the Smithy tools write:
/// that key alone makes it a Smithy model, without a pass over the rest of the text (a
/// syntax error later on is reported when the model is parsed).
fn opens_with_smithy_key(text: &str) -> bool {
    text.trim_start()
        .strip_prefix('{')
        .and_then(|rest| rest.trim_start().strip_prefix("\"smithy\""))
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// Parses model text in the given format (detected for [`Format::Auto`]) into the Smithy AST.
/// botocore paginators are added separately, with [`crate::botocore::add_paginators`].
/// When a chosen format fails and the text looks like the other one, the errors start with
/// a hint saying so.
pub fn load_model(text: &str, format: Format) -> Result<Model, Diagnostics> {
    let chosen = match format {
        Format::Auto => return load_detected(text),
        chosen => chosen,
    };
    let loaded = match chosen {
        Format::Botocore => crate::botocore::parse_service(text),
        Format::Idl => load_files(&[("model.smithy".to_owned(), text.to_owned())]),
        Format::Smithy | Format::Auto => crate::smithy::parse_model(text),
    };
    loaded.map_err(|mut problems| {
        if let Ok(detected) = detect_format(text)
            && detected != chosen
        {
            problems.0.insert(0, Diagnostic::model(format!(
                "the file looks like a {detected} model, not {chosen}: choose format {detected} \
                 (or auto)"
            )));
        }
        problems
    })
}

/// Loads text of unknown format. A JSON model is parsed as a Smithy JSON AST straight
/// away, the common case, which spares a separate pass over the text to detect the format;
/// only when that fails is the format detected, to parse a botocore model or to report
/// exactly what [`detect_format`] and [`load_model`] with that format would.
fn load_detected(text: &str) -> Result<Model, Diagnostics> {
    if crate::idl::is_idl(text) {
        return load_model(text, Format::Idl);
    }
    crate::smithy::parse_model(text).or_else(|smithy_problems| match detect_format(text)? {
        Format::Smithy => Err(smithy_problems),
        detected => load_model(text, detected),
    })
}

/// Loads several Smithy files (IDL or JSON AST, each named for errors) into one model:
/// merged with conflicts reported, `apply` statements applied, mixins flattened.
pub fn load_files(files: &[(String, String)]) -> Result<Model, Diagnostics> {
    crate::idl::to_model(&crate::idl::load_files(files)?)
}

/// A file given to the generator: how errors name it (e.g. its path) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The file's name in errors; empty when errors should name no file.
    pub name: String,
    /// The file's contents.
    pub text: String,
}

/// The model a run generates from.
#[derive(Debug)]
pub enum ModelInput {
    /// One model file, in the given format (detected for [`Format::Auto`]).
    File {
        /// The model file.
        file: SourceFile,
        /// Its format.
        format: Format,
    },
    /// Several Smithy files (IDL or JSON AST), merged into one model (see [`load_files`]).
    Set {
        /// How errors found after loading name the set, e.g. its directory.
        name: String,
        /// The files, each named for errors.
        files: Vec<SourceFile>,
    },
    /// A model the caller has already loaded (and perhaps edited).
    Loaded(Box<Model>),
}

/// Everything a run reads: the model, and for botocore models the paginators and
/// endpoint rules that live in files of their own.
#[derive(Debug)]
pub struct Input {
    /// The model.
    pub model: ModelInput,
    /// A botocore `paginators-1.json`, added as `@paginated` traits.
    pub paginators: Option<SourceFile>,
    /// A botocore `endpoint-rule-set-1.json`, added as the service's rule set.
    pub endpoint_rules: Option<SourceFile>,
}

impl Input {
    /// One model text in any format (detected), without companion files; errors name no
    /// file.
    pub fn text(text: &str) -> Input {
        Input {
            model: ModelInput::File {
                file: SourceFile {
                    name: String::new(),
                    text: text.to_owned(),
                },
                format: Format::Auto,
            },
            paginators: None,
            endpoint_rules: None,
        }
    }

    /// How errors found after loading name the model (empty for none).
    pub fn model_name(&self) -> &str {
        match &self.model {
            ModelInput::File { file, .. } => &file.name,
            ModelInput::Set { name, .. } => name,
            ModelInput::Loaded(_) => "",
        }
    }

    /// Loads the model and adds the paginators and endpoint rules to it.
    pub fn load(self) -> Result<Model, FileProblems> {
        let mut model = match self.model {
            ModelInput::File { file, format } => {
                load_model(&file.text, format).map_err(FileProblems::in_file(&file.name))?
            }
            ModelInput::Set { files, .. } => {
                let files: Vec<(String, String)> = files
                    .iter()
                    .map(|file| (file.name.clone(), file.text.clone()))
                    .collect();
                load_files(&files).map_err(FileProblems::in_file(""))?
            }
            ModelInput::Loaded(model) => *model,
        };
        if let Some(file) = &self.paginators {
            crate::botocore::add_paginators(&mut model, &file.text)
                .map_err(FileProblems::in_file(&file.name))?;
        }
        if let Some(file) = &self.endpoint_rules {
            crate::botocore::add_endpoint_rules(&mut model, &file.text)
                .map_err(FileProblems::in_file(&file.name))?;
        }
        Ok(model)
    }
}

/// The problems that stopped a run, and the input file they were found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblems {
    /// The file's name (empty when the problems name their own files, or there is none).
    pub file: String,
    /// What is wrong, each located within the file.
    pub problems: Diagnostics,
}

impl FileProblems {
    /// Attaches problems to the file named `file`.
    pub fn in_file(file: &str) -> impl Fn(Diagnostics) -> FileProblems + '_ {
        move |problems| FileProblems {
            file: file.to_owned(),
            problems,
        }
    }
}

impl fmt::Display for FileProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.is_empty() {
            write!(f, "{}", self.problems)
        } else {
            write!(f, "{}: {}", self.file, self.problems)
        }
    }
}

impl std::error::Error for FileProblems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_top_level_keys() {
        assert_eq!(
            detect_format(r#"{"smithy": "2.0", "shapes": {}}"#),
            Ok(Format::Smithy)
        );
        assert_eq!(
            detect_format(r#"{"version": "2.0", "metadata": {}, "operations": {}}"#),
            Ok(Format::Botocore)
        );
        assert!(detect_format(r#"{"metadata": {}}"#).is_err());
        assert_eq!(
            detect_format("// a comment\nnamespace a.b\n"),
            Ok(Format::Idl)
        );
        assert!(detect_format("[1]").is_err());
        // The first key decides at once; any other order is still found.
        assert_eq!(
            detect_format("{\n  \"smithy\" : \"2.0\""),
            Ok(Format::Smithy)
        );
        assert_eq!(
            detect_format(r#"{"shapes": {}, "smithy": "2.0"}"#),
            Ok(Format::Smithy)
        );
        assert!(detect_format(r#"{"smithyish": "2.0"}"#).is_err());
    }

    #[test]
    fn auto_reports_what_the_detected_format_reports() {
        let messages_as = |text: &str, format: Format| -> Vec<String> {
            let problems = load_model(text, format).expect_err("rejected");
            problems
                .0
                .iter()
                .map(|problem| problem.message.clone())
                .collect()
        };
        let messages = |text: &str| messages_as(text, Format::Auto);
        // A Smithy model that does not load: its own problems, no hint about the format.
        let smithy = r#"{"smithy": "2.0", "shapes": {"a.b#C": {"type": "strin"}}}"#;
        assert_eq!(messages(smithy), messages_as(smithy, Format::Smithy));
        assert!(messages(smithy)[0].contains("unknown variant `strin`"));
        // Neither format, and not JSON at all: the detection's error (botocore models are
        // loaded through auto-detection in tests/tests/botocore.rs).
        let neither = r#"{"shapes": {}}"#;
        assert_eq!(
            messages(neither),
            [detect_format(neither).unwrap_err().0[0].message.clone()]
        );
        assert!(messages(neither)[0].starts_with("cannot tell the model format"));
        // Cut short after the `smithy` key: the parser's error, with its place.
        let broken = "{\"smithy\": ";
        assert_eq!(messages(broken), messages_as(broken, Format::Smithy));
        assert!(
            messages(broken)[0].contains("EOF"),
            "{:?}",
            messages(broken)
        );
    }
}
