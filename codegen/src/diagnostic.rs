//! Errors reported to the user: every one names where (shape id, JSON path or
//! line/column) and what.

use std::fmt;

/// Where in the input a problem was found.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A line and column of the model text (1-based), as reported by the JSON parser.
    Text {
        /// Line number, starting at 1.
        line: usize,
        /// Column number, starting at 1.
        column: usize,
    },
    /// A line and column (1-based) of a named file, for inputs read from several files.
    Source {
        /// The file as the caller named it.
        file: String,
        /// Line number, starting at 1.
        line: usize,
        /// Column number (in characters), starting at 1.
        column: usize,
    },
    /// A shape (or member) id, with the JSON path of the offending value.
    Shape {
        /// The absolute shape id, e.g. `com.example#Foo` or `com.example#Foo$bar`.
        id: String,
        /// JSON path inside the model, e.g. `$.shapes["com.example#Foo"].members.bar.target`.
        path: String,
    },
    /// The model as a whole (for example: it contains no service).
    Model,
}

/// One problem found in a model or configuration.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What the problem is, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// A problem attached to a shape, with the JSON path that points at it.
    pub fn at_shape(
        id: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            location: Location::Shape {
                id: id.into(),
                path: path.into(),
            },
            message: message.into(),
        }
    }

    /// A JSON (or JSON-shape) error at the parser's line and column; `context` says what
    /// was being read, e.g. `invalid paginators file` (empty for none).
    pub fn at_text(error: &serde_json::Error, context: &str) -> Self {
        let message = if context.is_empty() {
            error.to_string()
        } else {
            format!("{context}: {error}")
        };
        Diagnostic {
            location: Location::Text {
                line: error.line(),
                column: error.column(),
            },
            message,
        }
    }

    /// A problem with the model as a whole.
    pub fn model(message: impl Into<String>) -> Self {
        Diagnostic {
            location: Location::Model,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::Text { line, column } => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            Location::Source { file, line, column } => {
                write!(f, "{file}:{line}:{column}: {}", self.message)
            }
            Location::Shape { id, path } => write!(f, "{id} (at {path}): {}", self.message),
            Location::Model => write!(f, "model: {}", self.message),
        }
    }
}

/// All problems found in one run; never empty when returned as an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Wraps a single diagnostic.
    pub fn one(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        writeln!(
            f,
            "{count} problem{} in the model:",
            if count == 1 { "" } else { "s" }
        )?;
        for diagnostic in &self.0 {
            writeln!(f, "  - {diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// JSON path of a shape in the model, e.g. `$.shapes["com.example#Foo"]`.
pub fn shape_path(id: &str) -> String {
    format!("$.shapes[{}]", serde_json::Value::String(id.to_owned()))
}
