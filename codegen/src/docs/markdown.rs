//! Markdown building blocks: escaping of text for rustdoc, inline assembly with whitespace
//! collapsing, and serialization of blocks (paragraphs, code blocks, nested lists).

pub(super) enum Block {
    /// Inline Markdown; `\n` only from `<br>` (a hard break `\` + newline, or a blank line).
    Para(String),
    /// The text of a ```` ```text ```` block.
    Code(String),
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
}

/// A paragraph's inline Markdown under construction; collapses whitespace between pieces.
#[derive(Default)]
pub(super) struct Inline {
    pub buf: String,
    /// Whitespace came before any content.
    pub leading: bool,
    space: bool,
    breaks: usize,
    /// Inside link text: bare URLs become code spans, not (nested) links.
    pub link: bool,
    /// The last piece is an emphasis closed right after punctuation (`**Note:**`): it only
    /// closes when not directly followed by a letter or digit.
    closed_after_punct: bool,
}

impl Inline {
    pub fn child(&self) -> Inline {
        Inline {
            link: self.link,
            ..Inline::default()
        }
    }

    pub fn space(&mut self) {
        if self.buf.is_empty() {
            self.leading = true;
        } else {
            self.space = true;
        }
    }

    pub fn line_break(&mut self) {
        if !self.buf.is_empty() {
            self.breaks += 1;
        }
    }

    /// Appends already-escaped Markdown, preceded by any pending space or line break.
    pub fn raw(&mut self, md: &str) {
        if md.is_empty() {
            return;
        }
        if !self.buf.is_empty() {
            // Adjacent code spans or emphasis would merge their delimiter runs.
            let touch = |c| self.buf.ends_with(c) && md.starts_with(c);
            let fences_touch = touch('`') || touch('*');
            let glued = self.closed_after_punct && md.starts_with(char::is_alphanumeric);
            match self.breaks {
                0 if self.space || fences_touch || glued => self.buf.push(' '),
                0 => {}
                1 => self.buf.push_str("\\\n"),
                _ => self.buf.push_str("\n\n"),
            }
        }
        (self.space, self.breaks, self.closed_after_punct) = (false, 0, false);
        self.buf.push_str(md);
    }

    /// Appends text: whitespace collapsed, special characters escaped, bare URLs autolinked
    /// (or code spans in link text).
    pub fn text(&mut self, t: &str) {
        let mut md = String::new();
        for (k, word) in t.split(char::is_whitespace).enumerate() {
            if k > 0 {
                self.space();
            }
            md.clear();
            let mut rest = word;
            while let Some((start, body, end)) = find_url(rest) {
                escape_into(&mut md, &rest[..start]);
                if end > body && self.link {
                    // Links cannot nest, and rustdoc flags bare URLs in link text too.
                    md.push_str(&code_span(&rest[start..end]));
                } else if end > body {
                    md.push_str(&format!("<{}>", &rest[start..end]));
                } else {
                    escape_into(&mut md, &rest[start..end]);
                }
                rest = &rest[end..];
            }
            escape_into(&mut md, rest);
            self.raw(&md);
        }
    }

    /// Appends the Markdown of `inner` between `open` and `close`, keeping its outer whitespace
    /// and line breaks outside. Emphasis delimiters (`*`) next to punctuation inside get a
    /// space outside when needed, as they would not count as delimiters otherwise.
    pub fn wrap(&mut self, mut inner: Inline, open: &str, close: &str) {
        if inner.leading {
            self.space();
        }
        let (space, breaks) = (inner.space, inner.breaks);
        // A paragraph break (double `<br>`) would end the emphasis or link early.
        let body = inner.take().replace("\n\n", "\\\n");
        let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
        let emphasis = open.starts_with('*');
        if emphasis && punct(body.chars().next()) && self.buf.ends_with(char::is_alphanumeric) {
            self.space = true;
        }
        if !body.is_empty() {
            self.raw(&format!("{open}{body}{close}"));
            self.closed_after_punct = emphasis && punct(body.chars().next_back());
        }
        for _ in 0..breaks {
            self.line_break();
        }
        if space {
            self.space();
        }
    }

    pub fn take(&mut self) -> String {
        let link = self.link;
        std::mem::replace(
            self,
            Inline {
                link,
                ..Inline::default()
            },
        )
        .buf
    }
}

/// Finds `http(s)://` in a word: byte offsets of the URL start, the end of `://` and the end
/// of the URL (trailing punctuation excluded).
fn find_url(w: &str) -> Option<(usize, usize, usize)> {
    // Almost no word has a colon: skip the lowercase copy and substring searches (this
    // function runs for every word of every doc string).
    if !w.contains(':') {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    let start = [lower.find("https://"), lower.find("http://")]
        .into_iter()
        .flatten()
        .min()?;
    let body = start + lower[start..].find("://")? + 3;
    let mut end = w[body..]
        .find(|c| "\"'<>`[]{}|\\^".contains(c))
        .map_or(w.len(), |e| body + e);
    while let Some(last) = w[body..end].chars().next_back() {
        let url = &w[start..end];
        let unbalanced = last == ')' && url.matches('(').count() < url.matches(')').count();
        if !(".,;:!?".contains(last) || unbalanced) {
            break;
        }
        end -= last.len_utf8();
    }
    Some((start, body, end))
}

/// Escapes text so that rustdoc renders it literally: no emphasis, code, links, HTML tags,
/// strikethrough or entity references. `_` inside a word (`MFA_SETUP`) stays as is.
fn escape_into(out: &mut String, s: &str) {
    // Every character that may need a backslash is ASCII, and an ASCII byte never occurs
    // inside a multi-byte character: scan bytes, copy the runs between escapes whole.
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut copied = 0;
    for (i, byte) in s.bytes().enumerate() {
        let escape = match byte {
            b'\\' | b'`' | b'*' | b'[' | b']' | b'<' | b'>' | b'~' => true,
            b'_' => !(alnum(s[..i].chars().next_back()) && alnum(s[i + 1..].chars().next())),
            b'&' => looks_like_entity(&s[i..]),
            _ => false,
        };
        if escape {
            out.push_str(&s[copied..i]);
            out.push('\\');
            copied = i;
        }
    }
    out.push_str(&s[copied..]);
}

fn looks_like_entity(s: &str) -> bool {
    let Some(semi) = s.bytes().take(34).position(|c| c == b';') else {
        return false;
    };
    let body = s[1..semi].strip_prefix('#').unwrap_or(&s[1..semi]);
    !body.is_empty() && body.bytes().all(|c| c.is_ascii_alphanumeric())
}

/// An inline code span whose fence is longer than any backtick run in `body`.
pub(super) fn code_span(body: &str) -> String {
    let fence = "`".repeat(longest_run(body, '`') + 1);
    let pad = if body.starts_with('`') || body.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Cleans an `href` for use as a link destination or autolink.
pub(super) fn clean_url(href: &str) -> String {
    let mut url = String::new();
    for c in href
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\n' | '\r' | '\t'))
    {
        match c {
            ' ' | '<' | '>' | '(' | ')' | '[' | ']' | '\\' | '`' => {
                url.push_str(&format!("%{:02X}", u32::from(c)))
            }
            c => url.push(c),
        }
    }
    url
}

pub(super) fn is_absolute(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len())
}

/// The text of a code block: common indentation removed, blank edges dropped, flat JSON
/// re-indented. Unless `exact` (`<pre>`), the first line is ignored when measuring the
/// indentation, as it directly follows the opening tag in an indented model source.
pub(super) fn code_text(raw: &str, exact: bool) -> String {
    let text = raw
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ");
    let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    let indent = |l: &&str| l.len() - l.trim_start().len();
    let min = lines
        .iter()
        .skip(usize::from(!exact))
        .filter(|l| !l.is_empty())
        .map(indent)
        .min()
        .unwrap_or(0);
    let mut lines: Vec<&str> = (lines.iter().enumerate())
        .map(|(k, l)| {
            if k == 0 && !exact {
                l.trim_start()
            } else {
                l.get(min..).unwrap_or(l.trim_start())
            }
        })
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let lines = &lines[lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len())..];
    let flat = lines.iter().all(|l| !l.starts_with(' '));
    if !flat || !lines.first().is_some_and(|l| l.starts_with(['{', '['])) {
        return lines.join("\n");
    }
    let mut depth = 0usize;
    let mut out = Vec::new();
    for line in lines {
        let level = depth.saturating_sub(usize::from(line.starts_with(['}', ']'])));
        out.push(format!("{}{line}", "  ".repeat(level.min(16))));
        let (mut in_string, mut escaped) = (false, false);
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '{' | '[' if !in_string => depth += 1,
                '}' | ']' if !in_string => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    out.join("\n")
}

/// Serializes blocks: one blank line between blocks, no trailing spaces, no blank edges.
pub(super) fn serialize(blocks: &[Block]) -> String {
    let mut lines = Vec::new();
    block_lines(blocks, false, &mut lines);
    let mut out = String::new();
    let mut blank = false;
    for line in lines.iter().map(|l| l.trim_end()) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out
}

fn block_lines(blocks: &[Block], in_item: bool, out: &mut Vec<String>) {
    let mut alternate = false;
    for (k, block) in blocks.iter().enumerate() {
        let prev = k.checked_sub(1).and_then(|p| blocks.get(p));
        let is_list = matches!(block, Block::List { .. });
        if prev.is_some() && !(in_item && is_list && matches!(prev, Some(Block::Para(_)))) {
            out.push(String::new());
        }
        // Adjacent lists would merge: alternate the markers.
        alternate = is_list && matches!(prev, Some(Block::List { .. })) && !alternate;
        match block {
            Block::Para(p) => out.extend(p.split('\n').map(escape_line_start)),
            Block::Code(code) => {
                let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
                out.push(format!("{fence}text"));
                out.extend(code.split('\n').map(str::to_string));
                out.push(fence);
            }
            Block::List { ordered, items } => {
                let mut rendered: Vec<Vec<String>> = Vec::new();
                for item in items {
                    let mut lines = Vec::new();
                    block_lines(item, true, &mut lines);
                    if !lines.is_empty() {
                        rendered.push(lines);
                    }
                }
                let loose = rendered
                    .iter()
                    .any(|lines| lines.iter().any(String::is_empty));
                for (n, lines) in rendered.into_iter().enumerate() {
                    if n > 0 && loose {
                        out.push(String::new());
                    }
                    let marker = match (ordered, alternate) {
                        (true, _) => format!("{}{}", n + 1, if alternate { ')' } else { '.' }),
                        (false, true) => "*".to_string(),
                        (false, false) => "-".to_string(),
                    };
                    let pad = " ".repeat(marker.len() + 1);
                    for (j, line) in lines.into_iter().enumerate() {
                        out.push(match j {
                            0 => format!("{marker} {line}"),
                            _ if line.is_empty() => line,
                            _ => format!("{pad}{line}"),
                        });
                    }
                }
            }
        }
    }
}

/// Escapes a line start that Markdown would read as a heading, list item, rule or table.
fn escape_line_start(line: &str) -> String {
    let t = line.trim_start();
    let b = t.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let ends = |k: usize| b.get(k).is_none_or(|c| c.is_ascii_whitespace());
    let rule = |c: u8| b.iter().all(|&x| x == c || x == b' ');
    let at = match b.first() {
        // A table needs a delimiter row (`--- | :-:`): break any such line.
        _ if b.contains(&b'-') && b.iter().all(|c| b"|:- \t".contains(c)) => Some(0),
        Some(b'#') => Some(0),
        Some(&c @ (b'-' | b'+')) if ends(1) || rule(c) => Some(0),
        Some(b'=') if rule(b'=') => Some(0),
        Some(b'0'..=b'9') if digits <= 9 && matches!(b.get(digits), Some(b'.' | b')')) => {
            ends(digits + 1).then_some(digits)
        }
        _ => None,
    };
    match at {
        Some(k) => format!("{}\\{}", &t[..k], &t[k..]),
        None => t.to_string(),
    }
}
