//! A tolerant tokenizer and tree builder for the HTML subset used in AWS documentation.
//!
//! Unknown tags that are never closed (placeholders such as `<region>` in ARN formats) stay
//! literal text, and inside `<code>`/`<pre>` only a few formatting tags are interpreted, so
//! `<code>arn:<partition>:s3:::<bucket></code>` keeps its placeholders.

use std::collections::HashMap;

#[rustfmt::skip]
const BLOCK: &[&str] = &[
    "p", "div", "ul", "ol", "li", "dl", "dt", "dd", "note", "important", "pre", "fullname",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "blockquote", "section", "hr",
];
#[rustfmt::skip]
pub(super) const INLINE: &[&str] = &[
    "a", "b", "strong", "i", "em", "u", "code", "tt", "kbd", "samp", "filename", "span", "sup",
    "sub", "small", "var", "cite", "abbr", "replaceable", "link", "br", "img", "font", "s",
    "del", "ins", "q", "wbr",
];
const VOID: &[&str] = &["br", "hr", "img", "wbr"];
/// Tags still interpreted inside `<code>`/`<pre>`; every other tag there is literal text.
const IN_CODE: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "replaceable",
    "span",
    "code",
    "br",
];
const MAX_DEPTH: usize = 64;

pub(super) fn is_block(name: &str) -> bool {
    BLOCK.contains(&name)
}

fn is_known(name: &str) -> bool {
    is_block(name) || INLINE.contains(&name)
}

#[derive(Debug)]
pub(super) enum Node {
    Text(String),
    Elem(Elem),
}

#[derive(Debug, Default)]
pub(super) struct Elem {
    /// Lower-case tag name; empty for the root.
    pub name: String,
    pub href: Option<String>,
    pub class: Option<String>,
    pub children: Vec<Node>,
}

struct Tag<'a> {
    name: String,
    end: bool,
    void: bool,
    href: Option<String>,
    class: Option<String>,
    /// The source text, used when the tag turns out to be literal text.
    raw: &'a str,
    /// Directly between double quotes (`"<b>"`), as in JSON examples inside `<code>`.
    quoted: bool,
}

enum Tok<'a> {
    Text(String),
    Tag(Tag<'a>),
}

/// Parses HTML into a forest. Input without any known tag is plain text: its blank lines
/// separate paragraphs.
pub(super) fn parse(html: &str) -> Vec<Node> {
    let toks = tokenize(html);
    if toks
        .iter()
        .any(|t| matches!(t, Tok::Tag(tag) if is_known(&tag.name)))
    {
        return build(toks);
    }
    let mut paras = Vec::new();
    let mut chunk = String::new();
    for line in html.lines().chain([""]) {
        if !line.trim().is_empty() {
            chunk.push_str(line);
            chunk.push('\n');
        } else if !chunk.is_empty() {
            let children = build(tokenize(&std::mem::take(&mut chunk)));
            paras.push(Node::Elem(Elem {
                name: "p".into(),
                children,
                ..Elem::default()
            }));
        }
    }
    paras
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let (mut i, mut text_start) = (0, 0);
    while let Some(p) = s[i..].find('<') {
        let lt = i + p;
        let rest = &s[lt..];
        let skip = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| lt + e + 3)
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            rest.find('>').map(|e| lt + e + 1)
        } else {
            None
        };
        let tag = if skip.is_none() {
            parse_tag(s, lt)
        } else {
            None
        };
        let Some(next) = skip.or(tag.as_ref().map(|(_, next)| *next)) else {
            i = lt + 1;
            continue;
        };
        if text_start < lt {
            toks.push(Tok::Text(decode_entities(&s[text_start..lt])));
        }
        toks.extend(tag.map(|(tag, _)| Tok::Tag(tag)));
        (i, text_start) = (next, next);
    }
    if text_start < s.len() {
        toks.push(Tok::Text(decode_entities(&s[text_start..])));
    }
    toks
}

/// Parses the tag whose `<` is at byte `i`: the tag and the byte after its `>`, or `None`
/// when the text there is not a well-formed tag (and so is literal text).
fn parse_tag(s: &str, i: usize) -> Option<(Tag<'_>, usize)> {
    let b = s.as_bytes();
    let mut limit = b.len().min(i + 4096);
    while !s.is_char_boundary(limit) {
        limit -= 1;
    }
    let at = |j: usize| if j < limit { b.get(j).copied() } else { None };
    let scan = |mut j: usize, f: &dyn Fn(u8) -> bool| {
        while at(j).is_some_and(f) {
            j += 1;
        }
        j
    };
    let end = at(i + 1) == Some(b'/');
    let name_start = i + 1 + usize::from(end);
    if !at(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut j = scan(name_start, &|c| {
        c.is_ascii_alphanumeric() || b"-_:.".contains(&c)
    });
    let name = s[name_start..j].to_ascii_lowercase();
    let (mut href, mut class, mut self_closing) = (None, None, false);
    loop {
        match at(j)? {
            b'>' => break,
            b'<' => return None,
            b'/' => {
                self_closing = at(j + 1) == Some(b'>');
                j += 1;
            }
            c if c.is_ascii_whitespace() => j += 1,
            _ => {
                let attr_start = j;
                j = scan(j, &|c| !c.is_ascii_whitespace() && !b"<>/=".contains(&c));
                let attr = s[attr_start..j].to_ascii_lowercase();
                if attr.is_empty() {
                    j += 1; // a stray `=`
                    continue;
                }
                j = scan(j, &|c| c.is_ascii_whitespace());
                let mut value = "";
                if at(j) == Some(b'=') {
                    j = scan(j + 1, &|c| c.is_ascii_whitespace());
                    if let Some(q @ (b'"' | b'\'')) = at(j) {
                        let close = j + 1 + b[j + 1..limit].iter().position(|&c| c == q)?;
                        value = &s[j + 1..close];
                        j = close + 1;
                    } else {
                        let start = j;
                        j = scan(j, &|c| !c.is_ascii_whitespace() && c != b'>');
                        value = &s[start..j];
                    }
                }
                match attr.as_str() {
                    "href" => href = Some(decode_entities(value)),
                    "class" => class = Some(value.to_ascii_lowercase()),
                    _ => {}
                }
            }
        }
    }
    let void = self_closing || VOID.contains(&name.as_str());
    let quoted = i > 0 && b[i - 1] == b'"' && b.get(j + 1) == Some(&b'"');
    let raw = &s[i..=j];
    Some((
        Tag {
            name,
            end,
            void,
            href,
            class,
            raw,
            quoted,
        },
        j + 1,
    ))
}

pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let (c, len) = entity(&rest[p..]).unwrap_or(('&', 1));
        out.push(c);
        rest = &rest[p + len..];
    }
    out.push_str(rest);
    out
}

/// Decodes the entity at the start of `s` (which starts with `&`): the char and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(12).position(|c| c == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}')
    } else {
        #[rustfmt::skip]
        const NAMED: &[(&str, char)] = &[
            ("lt", '<'), ("gt", '>'), ("amp", '&'), ("quot", '"'), ("apos", '\''),
            ("nbsp", '\u{a0}'), ("ndash", '–'), ("mdash", '—'), ("hellip", '…'), ("lsquo", '‘'),
            ("rsquo", '’'), ("ldquo", '“'), ("rdquo", '”'), ("copy", '©'), ("reg", '®'),
            ("trade", '™'), ("times", '×'), ("bull", '•'), ("deg", '°'), ("rarr", '→'),
        ];
        NAMED.iter().find(|(name, _)| *name == body)?.1
    };
    Some((c, semi + 1))
}

/// Builds a forest from tokens: closes what is left open, implicitly closes `<li>`, `<dt>`,
/// `<dd>` and `<p>` siblings, ignores stray end tags and keeps unknown unclosed tags as text.
fn build(toks: Vec<Tok<'_>>) -> Vec<Node> {
    let mut last_end: HashMap<String, usize> = HashMap::new();
    for (k, t) in toks.iter().enumerate() {
        if let Tok::Tag(Tag {
            name, end: true, ..
        }) = t
        {
            last_end.insert(name.clone(), k);
        }
    }
    let mut stack = vec![Elem::default()];
    let mut literal_open: HashMap<String, usize> = HashMap::new();
    for (k, tok) in toks.into_iter().enumerate() {
        let tag = match tok {
            Tok::Text(t) => {
                push_text(&mut stack, t);
                continue;
            }
            Tok::Tag(tag) => tag,
        };
        let closed_later = last_end.get(&tag.name).is_some_and(|&e| e > k);
        let is_open = stack.iter().skip(1).any(|e| e.name == tag.name);
        if stack.iter().any(|e| e.name == "code" || e.name == "pre") {
            let literal = literal_open.entry(tag.name.clone()).or_default();
            let interpreted = !tag.quoted && (tag.end || IN_CODE.contains(&tag.name.as_str()));
            if tag.end && interpreted && *literal == 0 && is_open {
                close(&mut stack, &tag.name);
            } else if !tag.end && interpreted && (tag.void || closed_later) {
                open(&mut stack, tag);
            } else {
                *literal = if tag.end {
                    literal.saturating_sub(1)
                } else {
                    *literal + 1
                };
                push_text(&mut stack, decode_entities(tag.raw));
            }
        } else if tag.end {
            close(&mut stack, &tag.name);
        } else if !is_known(&tag.name) && !closed_later {
            push_text(&mut stack, decode_entities(tag.raw));
        } else if is_known(&tag.name) || !tag.void {
            let (siblings, scopes): (&[&str], &[&str]) = match tag.name.as_str() {
                "li" => (&["li"], &["ul", "ol"]),
                "dt" | "dd" => (&["dt", "dd"], &["dl"]),
                "p" => (
                    &["p"],
                    &["li", "dd", "dt", "note", "important", "td", "th", "div"],
                ),
                _ => (&[], &[]),
            };
            let innermost = stack.iter().rposition(|e| {
                siblings.contains(&e.name.as_str()) || scopes.contains(&e.name.as_str())
            });
            if let Some(p) = innermost.filter(|&p| p > 0 && siblings.contains(&&*stack[p].name)) {
                stack.truncate_into_parents(p);
            }
            open(&mut stack, tag);
        }
    }
    stack.truncate_into_parents(1);
    stack.pop().map(|root| root.children).unwrap_or_default()
}

trait Stack {
    /// Pops elements into their parents until `len` elements remain (never the root).
    fn truncate_into_parents(&mut self, len: usize);
}

impl Stack for Vec<Elem> {
    fn truncate_into_parents(&mut self, len: usize) {
        while self.len() > len.max(1) {
            if let (Some(e), Some(parent)) = (self.pop(), self.last_mut()) {
                parent.children.push(Node::Elem(e));
            }
        }
    }
}

fn push_text(stack: &mut [Elem], t: String) {
    if let Some(top) = stack.last_mut() {
        match top.children.last_mut() {
            Some(Node::Text(prev)) => prev.push_str(&t),
            _ => top.children.push(Node::Text(t)),
        }
    }
}

fn open(stack: &mut Vec<Elem>, tag: Tag<'_>) {
    if stack.len() >= MAX_DEPTH {
        return;
    }
    let Tag {
        name,
        href,
        class,
        void,
        ..
    } = tag;
    stack.push(Elem {
        name,
        href,
        class,
        children: Vec::new(),
    });
    if void {
        stack.truncate_into_parents(stack.len() - 1);
    }
}

/// Closes the innermost open `name`; an inline end tag never closes across a block element.
fn close(stack: &mut Vec<Elem>, name: &str) {
    let Some(p) = stack
        .iter()
        .rposition(|e| e.name == name)
        .filter(|&p| p > 0)
    else {
        return;
    };
    if is_block(name) || !stack[p + 1..].iter().any(|e| is_block(&e.name)) {
        stack.truncate_into_parents(p);
    }
}

/// Text content, with `\n` for `<br>` and around block elements; `<fullname>` is skipped.
pub(super) fn plain_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Elem(e) if e.name == "fullname" => {}
            Node::Elem(e) if is_block(&e.name) || e.name == "br" => {
                out.push('\n');
                plain_text(&e.children, out);
                out.push('\n');
            }
            Node::Elem(e) => plain_text(&e.children, out),
        }
    }
}

/// Text content with `<br>` as a line break, for code blocks.
pub(super) fn raw_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Elem(e) if e.name == "br" => out.push('\n'),
            Node::Elem(e) => out.push_str(&raw_text(&e.children)),
        }
    }
    out
}
