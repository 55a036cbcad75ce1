//! The character level of the IDL: a cursor over the text that tracks line and column,
//! skips whitespace and comments (keeping doc comments for the parser), and reads the
//! lexical tokens (identifiers, shape ids, strings, text blocks, numbers).

use crate::diagnostic::{Diagnostic, Location};

/// A 1-based line and column in a model file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number (in characters), starting at 1.
    pub column: usize,
}

/// The longest text a single string or text block may span, so that a runaway literal
/// fails with a located error instead of exhausting memory.
const MAX_LITERAL_BYTES: usize = 16 * 1024 * 1024;

/// A position in one file's text plus the doc comments read since the last token.
#[derive(Clone)]
pub struct Cursor<'a> {
    file: &'a str,
    text: &'a str,
    offset: usize,
    pos: Pos,
    docs: Vec<String>,
}

/// A parse result whose error is already located.
pub type Parsed<T> = Result<T, Box<Diagnostic>>;

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`, naming `file` in its errors.
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Cursor {
            file,
            text,
            offset: 0,
            pos: Pos { line: 1, column: 1 },
            docs: Vec::new(),
        }
    }

    /// The current position.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// An error at `pos` in this file.
    pub fn error_at(&self, pos: Pos, message: impl Into<String>) -> Box<Diagnostic> {
        Box::new(Diagnostic {
            location: Location::Source {
                file: self.file.to_owned(),
                line: pos.line,
                column: pos.column,
            },
            message: message.into(),
        })
    }

    /// An error at the current position.
    pub fn error(&self, message: impl Into<String>) -> Box<Diagnostic> {
        self.error_at(self.pos, message)
    }

    /// An "expected X" error that also says what was found instead.
    pub fn expected(&self, what: &str) -> Box<Diagnostic> {
        self.error(format!(
            "expected {what}, but found {}",
            self.describe_next()
        ))
    }

    /// What the next character is, for error messages.
    pub fn describe_next(&self) -> String {
        match self.peek_char() {
            None => "the end of the file".to_owned(),
            Some('\n' | '\r') => "a line break".to_owned(),
            Some(c) => format!("`{c}`"),
        }
    }

    /// The next byte, if any.
    pub fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.offset).copied()
    }

    /// The byte `ahead` bytes after the next one.
    pub fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.as_bytes().get(self.offset + ahead).copied()
    }

    fn peek_char(&self) -> Option<char> {
        self.text[self.offset..].chars().next()
    }

    /// Whether the rest of the text starts with `prefix`.
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.text[self.offset..].starts_with(prefix)
    }

    /// Whether the whole text has been read.
    pub fn at_end(&self) -> bool {
        self.offset >= self.text.len()
    }

    /// Moves past one character, keeping line and column.
    fn advance(&mut self) -> Option<char> {
        let c = self.peek_char()?;
        self.offset += c.len_utf8();
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    /// Consumes one significant character: doc comments read before it no longer apply.
    pub fn bump(&mut self) -> Option<char> {
        self.docs.clear();
        self.advance()
    }

    /// Consumes `c` or fails with an error saying it was expected.
    pub fn expect(&mut self, c: u8) -> Parsed<()> {
        if c == b':' && self.starts_with(":=") {
            return Err(self.error(
                "expected `:`, but found `:=` (only operation input and output take `:=`)",
            ));
        }
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            Err(self.expected(&format!("`{}`", c as char)))
        }
    }

    /// Consumes `c` if it is next.
    pub fn eat(&mut self, c: u8) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.bump();
        }
        found
    }

    /// Doc comment lines read since the last significant character, joined by newlines.
    pub fn take_docs(&mut self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let docs = std::mem::take(&mut self.docs).join("\n");
        Some(docs)
    }

    /// Skips spaces and tabs (the grammar's `SP`); true if any were skipped.
    pub fn sp(&mut self) -> bool {
        let start = self.offset;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.advance();
        }
        self.offset > start
    }

    /// Requires at least one space or tab.
    pub fn require_sp(&mut self) -> Parsed<()> {
        if self.sp() {
            Ok(())
        } else {
            Err(self.expected("one or more spaces"))
        }
    }

    /// Skips whitespace, commas, line breaks and comments (the grammar's `WS`); true if
    /// anything was skipped.
    pub fn ws(&mut self) -> bool {
        let start = self.offset;
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r' | b',') => {
                    self.advance();
                }
                Some(b'/') if self.peek_at(1) == Some(b'/') => self.comment(),
                _ => break,
            }
        }
        self.offset > start
    }

    /// Requires a line break (or a comment, or the end of the file) after optional spaces,
    /// then skips any further whitespace (the grammar's `BR`).
    pub fn br(&mut self) -> Parsed<()> {
        self.sp();
        match self.peek() {
            None | Some(b'\n' | b'\r') => {}
            Some(b'/') if self.peek_at(1) == Some(b'/') => {
                // A comment on the statement's own line documents nothing.
                self.comment();
                self.docs.clear();
            }
            _ => return Err(self.expected("a line break")),
        }
        self.ws();
        Ok(())
    }

    /// Reads one `//` comment to the end of its line; `///` lines are kept as doc comments.
    fn comment(&mut self) {
        let is_doc = self.starts_with("///");
        let rest = &self.text[self.offset..];
        let line_len = rest.find('\n').unwrap_or(rest.len());
        let line = &rest[..line_len];
        if is_doc {
            let body = &line[3..];
            let body = body.strip_prefix(' ').unwrap_or(body);
            self.docs.push(body.trim_end_matches('\r').to_owned());
        }
        for _ in line.chars() {
            self.advance();
        }
    }

    /// Reads an identifier: `[A-Za-z_][A-Za-z0-9_]*`.
    pub fn identifier(&mut self) -> Parsed<String> {
        let start = self.offset;
        match self.peek() {
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'_') => {}
            _ => return Err(self.expected("an identifier")),
        }
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_')
        ) {
            self.bump();
        }
        let name = &self.text[start..self.offset];
        if name.bytes().all(|b| b == b'_') {
            return Err(self.error("an identifier needs a letter or digit after its underscores"));
        }
        Ok(name.to_owned())
    }

    /// Reads a namespace: identifiers separated by dots.
    pub fn namespace(&mut self) -> Parsed<String> {
        let mut namespace = self.identifier()?;
        while self.peek() == Some(b'.') {
            self.bump();
            namespace.push('.');
            namespace.push_str(&self.identifier()?);
        }
        Ok(namespace)
    }

    /// Reads a shape id as written: `[namespace#]name[$member]`.
    pub fn shape_id(&mut self) -> Parsed<String> {
        let mut id = self.namespace()?;
        if self.peek() == Some(b'#') {
            self.bump();
            id.push('#');
            id.push_str(&self.identifier()?);
        } else if id.contains('.') {
            return Err(self.expected("`#` after the namespace of a shape id"));
        }
        if self.peek() == Some(b'$') {
            self.bump();
            id.push('$');
            id.push_str(&self.identifier()?);
        }
        Ok(id)
    }

    /// Reads a quoted string (`"..."`) or a text block (`"""` ...), unescaped.
    pub fn string(&mut self) -> Parsed<String> {
        if self.starts_with("\"\"\"") {
            return self.text_block();
        }
        let start = self.pos;
        self.expect(b'"')?;
        let raw = self.raw_until_quote(start)?;
        unescape(&raw).map_err(|(offset, message)| self.error_at(start, at_char(offset, message)))
    }

    /// The raw text up to the closing `"` (consumed), escapes left in place.
    fn raw_until_quote(&mut self, start: Pos) -> Parsed<String> {
        let begin = self.offset;
        loop {
            match self.peek() {
                None => return Err(self.error_at(start, "unterminated string")),
                Some(b'"') => break,
                Some(b'\\') => {
                    self.bump();
                    if self.bump().is_none() {
                        return Err(self.error_at(start, "unterminated string"));
                    }
                }
                Some(_) => {
                    self.bump();
                }
            }
            if self.offset - begin > MAX_LITERAL_BYTES {
                return Err(self.error_at(start, "string longer than 16 MiB"));
            }
        }
        let raw = self.text[begin..self.offset].to_owned();
        self.bump();
        Ok(raw)
    }

    /// Reads a text block: `"""`, a line break, lines with their common indentation
    /// removed, `"""`.
    fn text_block(&mut self) -> Parsed<String> {
        let start = self.pos;
        for _ in 0..3 {
            self.bump();
        }
        if !matches!(self.peek(), Some(b'\n' | b'\r')) {
            return Err(self.error_at(
                start,
                "a text block must start with a line break after `\"\"\"`",
            ));
        }
        let begin = self.offset;
        loop {
            if self.starts_with("\"\"\"") {
                break;
            }
            match self.peek() {
                None => return Err(self.error_at(start, "unterminated text block")),
                Some(b'\\') => {
                    self.bump();
                    self.bump();
                }
                Some(_) => {
                    self.bump();
                }
            }
            if self.offset - begin > MAX_LITERAL_BYTES {
                return Err(self.error_at(start, "text block longer than 16 MiB"));
            }
        }
        let raw = &self.text[begin..self.offset];
        for _ in 0..3 {
            self.bump();
        }
        let first_line_break = if raw.starts_with("\r\n") { 2 } else { 1 };
        let dedented = dedent(&raw[first_line_break..]);
        unescape(&dedented).map_err(|(_, message)| self.error_at(start, message))
    }

    /// Reads a JSON-style number: `Ok` when it fits an `i64`, `u64` or finite `f64`, else
    /// `Err` with the text as written (Smithy reads numbers as big decimals).
    pub fn number(&mut self) -> Parsed<Result<serde_json::Number, String>> {
        let begin = self.offset;
        let start = self.pos;
        self.eat(b'-');
        let digits = |cursor: &mut Self| {
            let from = cursor.offset;
            while cursor.peek().is_some_and(|b| b.is_ascii_digit()) {
                cursor.bump();
            }
            cursor.offset > from
        };
        if !digits(self) {
            return Err(self.error_at(start, "`-` must be followed by a digit"));
        }
        let mut float = false;
        if self.eat(b'.') {
            float = true;
            if !digits(self) {
                return Err(self.error_at(start, "`.` in a number must be followed by a digit"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            float = true;
            self.bump();
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if !digits(self) {
                return Err(self.error_at(start, "the exponent of a number needs a digit"));
            }
        }
        let text = &self.text[begin..self.offset];
        let number = if float {
            None
        } else {
            text.parse::<i64>()
                .map(serde_json::Number::from)
                .ok()
                .or_else(|| text.parse::<u64>().map(serde_json::Number::from).ok())
        };
        let number = number.or_else(|| {
            text.parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
        });
        if number.is_none() && text.parse::<f64>().is_err() {
            return Err(self.error_at(start, format!("`{text}` is not a number")));
        }
        Ok(number.ok_or_else(|| text.to_owned()))
    }
}

/// Prefixes a message with the character offset where it happened inside a literal.
fn at_char(offset: usize, message: String) -> String {
    format!("{message} (character {} of the string)", offset + 1)
}

/// Removes the indentation common to every non-blank line (and the closing delimiter's
/// line), and trailing spaces on each line, as text blocks require.
fn dedent(raw: &str) -> String {
    let normalized = raw.replace("\r\n", "\n");
    let lines: Vec<&str> = normalized.split('\n').collect();
    let last = lines.len() - 1;
    let indent = lines
        .iter()
        .enumerate()
        .filter(|(index, line)| *index == last || !line.trim().is_empty())
        .map(|(_, line)| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let stripped = line.get(indent..).unwrap_or("");
            if index == last && stripped.trim().is_empty() {
                ""
            } else {
                stripped.trim_end_matches([' ', '\t'])
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Resolves the escapes of a string (`\n`, `\uXXXX`, escaped line breaks, …); the error
/// names the byte offset of the bad escape.
fn unescape(raw: &str) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if c == '\r' {
            out.push('\n');
            if chars.peek().is_some_and(|(_, next)| *next == '\n') {
                chars.next();
            }
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, escaped)) = chars.next() else {
            return Err((index, "a `\\` ends the string".to_owned()));
        };
        match escaped {
            '"' | '\\' | '/' => out.push(escaped),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '\n' => {}
            '\r' => {
                if chars.peek().is_some_and(|(_, next)| *next == '\n') {
                    chars.next();
                }
            }
            'u' => out.push(unicode_escape(&mut chars, index)?),
            other => return Err((index, format!("invalid escape `\\{other}`"))),
        }
    }
    Ok(out)
}

/// Reads the four hex digits of a `\u` escape (and a following low surrogate if needed).
fn unicode_escape(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    index: usize,
) -> Result<char, (usize, String)> {
    let hex = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
        let digits: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
        if digits.len() != 4 {
            return Err((index, "`\\u` needs four hex digits".to_owned()));
        }
        u32::from_str_radix(&digits, 16)
            .map_err(|_| (index, format!("`\\u{digits}` is not a hex escape")))
    };
    let high = hex(chars)?;
    if (0xD800..0xDC00).contains(&high) {
        let mut lookahead = chars.clone();
        if lookahead.next().map(|(_, c)| c) == Some('\\')
            && lookahead.next().map(|(_, c)| c) == Some('u')
        {
            chars.next();
            chars.next();
            let low = hex(chars)?;
            let code = 0x10000 + ((high - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
            return char::from_u32(code)
                .ok_or_else(|| (index, "invalid surrogate pair".to_owned()));
        }
    }
    char::from_u32(high).ok_or_else(|| (index, format!("`\\u{high:04X}` is not a character")))
}

/// Whether `byte` may continue an identifier (so `namespaces` is not `namespace`).
pub fn is_word_char(byte: Option<u8>) -> bool {
    byte.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Whether the cursor is at the keyword `word` (not a longer identifier).
pub fn at_keyword(cursor: &Cursor<'_>, word: &str) -> bool {
    cursor.starts_with(word) && !is_word_char(cursor.peek_at(word.len()))
}

/// Consumes the keyword `word`.
pub fn keyword(cursor: &mut Cursor<'_>, word: &str) {
    for _ in 0..word.len() {
        cursor.bump();
    }
}
