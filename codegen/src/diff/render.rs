//! Renderings of a [`Report`]: Markdown (to paste into a pull request), plain text (the style
//! of the API change pages) and JSON (for tools).

use std::fmt::Write as _;

use serde_json::Value;

use super::python::{change_dict, path_text, request_syntax, response_syntax};
use super::report::{Change, Detail, DetailKind, OperationName, Report, Side};

/// How to render a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// GitHub-flavoured Markdown.
    Markdown,
    /// Plain text.
    Text,
    /// Pretty-printed JSON.
    Json,
}

impl std::str::FromStr for OutputFormat {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "markdown" | "md" => Ok(OutputFormat::Markdown),
            "text" => Ok(OutputFormat::Text),
            "json" => Ok(OutputFormat::Json),
            other => Err(format!(
                "unknown output format `{other}` (expected markdown, text or json)"
            )),
        }
    }
}

impl Report {
    /// The report in `format`; `all` adds the documentation and constraint changes.
    pub fn render(&self, format: OutputFormat, all: bool) -> String {
        match format {
            OutputFormat::Json => self.to_json(all),
            OutputFormat::Markdown => Writer::new(true).report(self, all),
            OutputFormat::Text => Writer::new(false).report(self, all),
        }
    }

    fn to_json(&self, all: bool) -> String {
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Value::Object(fields) = &mut value {
            fields.insert("title".to_owned(), Value::from(self.title()));
            if !all {
                fields.remove("details");
            }
        }
        let mut json = serde_json::to_string_pretty(&value).unwrap_or_default();
        json.push('\n');
        json
    }
}

/// Writes Markdown or plain text; the two differ only in markup.
struct Writer {
    markdown: bool,
    out: String,
}

impl Writer {
    fn new(markdown: bool) -> Self {
        Writer {
            markdown,
            out: String::new(),
        }
    }

    fn report(mut self, report: &Report, all: bool) -> String {
        let title = format!("{} - {}", report.service, report.title());
        self.heading(2, &title);
        if !report.api_changed() {
            self.line("No api method changed.");
        }
        if !report.new_operations.is_empty() {
            self.heading(3, "New api methods");
            for op in &report.new_operations {
                self.operation(&op.name);
                self.open_details("Request and response syntax");
                self.labelled_code(
                    "Request syntax",
                    &request_syntax(&op.name.boto3, op.request.as_ref()),
                );
                self.labelled_code("Response syntax", &response_syntax(op.response.as_ref()));
                self.close_details();
            }
        }
        if !report.updated_operations.is_empty() {
            self.heading(3, "Updated api methods");
            for op in &report.updated_operations {
                self.operation(&op.name);
                self.changes("Request", &op.request);
                self.changes("Response", &op.response);
                if !self.markdown {
                    self.out.push('\n');
                }
            }
        }
        if !report.removed_operations.is_empty() {
            self.heading(3, "Removed api methods");
            for name in &report.removed_operations {
                let line = self.name(name);
                if self.markdown {
                    self.bullet(&line);
                } else {
                    let _ = writeln!(self.out, "  {line}");
                }
            }
            self.out.push('\n');
        }
        if all && !report.details.is_empty() {
            self.heading(3, "Documentation and constraint changes");
            for op in &report.details {
                self.operation(&op.name);
                for detail in &op.details {
                    let line = self.detail(detail);
                    self.bullet(&line);
                }
                self.out.push('\n');
            }
        }
        self.out.truncate(self.out.trim_end().len());
        self.out.push('\n');
        self.out
    }

    fn heading(&mut self, level: usize, text: &str) {
        if self.markdown {
            let _ = writeln!(self.out, "{} {text}\n", "#".repeat(level));
        } else {
            let _ = writeln!(self.out, "{text}\n");
        }
    }

    fn line(&mut self, text: &str) {
        let _ = writeln!(self.out, "{text}\n");
    }

    fn operation(&mut self, name: &OperationName) {
        let text = self.name(name);
        if self.markdown {
            self.heading(4, &text);
        } else {
            let _ = writeln!(self.out, "  {text}");
        }
    }

    /// `create_user_pool (CreateUserPool)`: boto3's name, then Smithy's.
    fn name(&self, name: &OperationName) -> String {
        format!("{} ({})", self.code(&name.boto3), self.code(&name.smithy))
    }

    fn bullet(&mut self, text: &str) {
        let marker = if self.markdown { "- " } else { "    " };
        let _ = writeln!(self.out, "{marker}{text}");
    }

    fn open_details(&mut self, summary: &str) {
        if self.markdown {
            let _ = writeln!(self.out, "<details><summary>{summary}</summary>\n");
        }
    }

    fn close_details(&mut self) {
        if self.markdown {
            self.out.push_str("</details>\n\n");
        } else {
            self.out.push('\n');
        }
    }

    fn labelled_code(&mut self, label: &str, code: &str) {
        if self.markdown {
            let _ = writeln!(self.out, "{label}:\n\n```python\n{code}\n```\n");
        } else {
            let _ = writeln!(self.out, "    {label}:");
            for line in code.lines() {
                let _ = writeln!(self.out, "      {line}");
            }
        }
    }

    fn changes(&mut self, label: &str, changes: &[Change]) {
        if changes.is_empty() {
            return;
        }
        let dict = change_dict(changes);
        if self.markdown {
            let _ = writeln!(self.out, "{label}:\n\n```python\n{dict}\n```\n");
        } else {
            let _ = writeln!(self.out, "    {label}: {dict}");
        }
    }

    /// `request Scopes[].ScopeName: documentation changed`.
    fn detail(&self, detail: &Detail) -> String {
        let what = match &detail.kind {
            DetailKind::Documentation => "documentation changed".to_owned(),
            DetailKind::Constraints { old, new } => {
                format!("constraints {} -> {}", self.code(old), self.code(new))
            }
            DetailKind::Sensitive { sensitive } => {
                format!("{} sensitive", if *sensitive { "now" } else { "no longer" })
            }
            DetailKind::Deprecated { deprecated } => {
                format!(
                    "{} deprecated",
                    if *deprecated { "now" } else { "no longer" }
                )
            }
            DetailKind::ErrorAdded { error } => format!("new error {error}"),
            DetailKind::ErrorRemoved { error } => format!("error {error} no longer listed"),
        };
        let side = match detail.side {
            Side::Operation => return what,
            Side::Request => "request",
            Side::Response => "response",
        };
        format!("{side} {}: {what}", self.code(&path_text(&detail.path)))
    }

    /// Inline code in Markdown, as is in text.
    fn code(&self, text: &str) -> String {
        if self.markdown {
            format!("`{text}`")
        } else {
            text.to_owned()
        }
    }
}
