//! Conversion of AWS documentation HTML (the `smithy.api#documentation` trait) into Markdown
//! that can be placed verbatim in `///` comments of generated code.
//!
//! AWS models use a small, loosely written subset of HTML (plus DocBook-like tags such as
//! `<note>`, `<important>` and `<fullname>`), and sometimes plain text. A hand-written tolerant
//! tokenizer and tree builder (`html`) feed a renderer (this module) that produces Markdown
//! blocks (`markdown`). The output passes `rustdoc -D warnings`: brackets, angle brackets,
//! emphasis and block-starting characters in text are escaped, bare URLs become autolinks, and
//! code blocks are fenced as ```` ```text ```` so that rustdoc never compiles them as doctests.
//!
//! | HTML | Markdown |
//! | --- | --- |
//! | `<p>`, `<div>`, `<fullname>`, stray text | paragraphs separated by a blank line |
//! | `<ul>`/`<ol>`/`<li>` | `-` / `1.` lists, nested lists indented |
//! | `<dl>`/`<dt>`/`<dd>` | `- **term**: description` |
//! | `<code>`, `<tt>`, `<filename>` | code span (fence longer than any backtick run inside) |
//! | `<pre>`; `<code>` alone in its block with 3+ lines | ```` ```text ```` block |
//! | `<a href="https://…">` | `[text](url)`, or `<url>` when the text is the URL |
//! | `<a>` with a relative or no `href` | its text |
//! | `<b>`/`<strong>`, `<i>`/`<em>`/`<replaceable>` | `**…**`, `*…*` |
//! | `<note>`, `<important>` | paragraph starting with `**Note:**` / `**Important:**` |
//! | `<h1>`…`<h6>`, `<p class="title">` | bold paragraph |
//! | `<table>` | one paragraph per row, cells separated by `\|` |
//! | `<br>` | hard line break (`\` at the end of the line) |
//! | `<request>`/`<response>` (cognito-sync examples) | ```` ```text ```` block |
//! | unknown tag with an end tag | dropped, its content kept |
//! | unknown tag without an end tag (`<region>`) | literal text |

mod html;
mod markdown;
#[cfg(test)]
mod tests;

use html::{Elem, INLINE, Node, is_block, parse, plain_text, raw_text};
use markdown::{Block, Inline, clean_url, code_span, code_text, is_absolute, serialize};

/// Converts an AWS documentation string (HTML, or plain text) into rustdoc-ready Markdown.
///
/// Never panics and is deterministic. The result has no leading or trailing blank lines, no
/// trailing spaces and never two blank lines in a row; it is empty when the input has no text.
pub fn html_to_markdown(html: &str) -> String {
    let mut flow = Flow::default();
    render_flow(&parse(html), &mut flow, Style::default());
    serialize(&flow.finish())
}

/// Returns the first sentence of the first paragraph of an AWS documentation string as plain
/// text (tags dropped, entities decoded, whitespace collapsed, nothing escaped), for one-line
/// summaries; empty when the input has no text. `<fullname>` is skipped.
pub fn plain_text_summary(html: &str) -> String {
    let mut text = String::new();
    plain_text(&parse(html), &mut text);
    let para = text
        .split('\n')
        .find(|p| !p.trim().is_empty())
        .unwrap_or("");
    let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
    for (i, _) in para.match_indices(". ") {
        let next_upper = para
            .as_bytes()
            .get(i + 2)
            .is_some_and(u8::is_ascii_uppercase);
        if next_upper
            && !["e.g", "i.e", "etc", "vs"]
                .iter()
                .any(|a| para[..i].ends_with(a))
        {
            return para[..=i].to_string();
        }
    }
    para
}

#[derive(Clone, Copy, Default)]
struct Style {
    bold: bool,
    italic: bool,
    link: bool,
}

/// Blocks rendered so far plus the paragraph being assembled.
#[derive(Default)]
struct Flow {
    blocks: Vec<Block>,
    inline: Inline,
}

impl Flow {
    fn flush(&mut self) {
        let para = self.inline.take();
        if !para.is_empty() {
            self.blocks.push(Block::Para(para));
        }
    }

    fn finish(&mut self) -> Vec<Block> {
        self.flush();
        std::mem::take(&mut self.blocks)
    }

    fn code_block(&mut self, raw: &str, exact: bool) {
        self.flush();
        let code = code_text(raw, exact);
        if !code.is_empty() {
            self.blocks.push(Block::Code(code));
        }
    }
}

fn sub_flow(nodes: &[Node], st: Style) -> Vec<Block> {
    let mut f = Flow::default();
    render_flow(nodes, &mut f, st);
    f.finish()
}

/// Renders `nodes` in block context: block elements end the current paragraph.
fn render_flow(nodes: &[Node], f: &mut Flow, st: Style) {
    for (idx, node) in nodes.iter().enumerate() {
        let Node::Elem(e) = node else {
            inline_node(node, &mut f.inline, st);
            continue;
        };
        match e.name.as_str() {
            "ul" | "ol" | "dl" => {
                f.flush();
                let items = list_items(&e.children, st, e.name == "dl");
                f.blocks.push(Block::List {
                    ordered: e.name == "ol",
                    items,
                });
            }
            "li" => {
                f.flush();
                let item = sub_flow(&e.children, st);
                match f.blocks.last_mut() {
                    Some(Block::List {
                        ordered: false,
                        items,
                    }) => items.push(item),
                    _ => f.blocks.push(Block::List {
                        ordered: false,
                        items: vec![item],
                    }),
                }
            }
            "note" | "important" => {
                f.flush();
                let label = if e.name == "note" {
                    "Note:"
                } else {
                    "Important:"
                };
                let label = if st.bold {
                    label.to_string()
                } else {
                    format!("**{label}**")
                };
                let mut blocks = sub_flow(&e.children, st);
                match blocks.first_mut() {
                    Some(Block::Para(p)) => *p = format!("{label} {p}"),
                    _ => blocks.insert(0, Block::Para(label.to_string())),
                }
                f.blocks.extend(blocks);
            }
            "pre" | "request" | "response" => f.code_block(&raw_text(&e.children), e.name == "pre"),
            "code" if f.inline.buf.is_empty() && standalone_code(e, &nodes[idx + 1..]) => {
                f.code_block(&raw_text(&e.children), false);
            }
            "tr" => {
                f.flush();
                let mut cells = Vec::new();
                for child in &e.children {
                    let mut cell = Inline::default();
                    inline_node(child, &mut cell, st);
                    cells.extend(Some(cell.take()).filter(|c| !c.is_empty()));
                }
                if !cells.is_empty() {
                    f.blocks.push(Block::Para(cells.join(" | ")));
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" if !st.bold && is_title(e) => {
                f.flush();
                f.blocks
                    .extend(bold(sub_flow(&e.children, Style { bold: true, ..st })));
            }
            name if is_block(name)
                || ["examples", "example", "name", "description", "para"].contains(&name) =>
            {
                f.flush();
                render_flow(&e.children, f, st);
                f.flush();
            }
            name if INLINE.contains(&name) => inline_node(node, &mut f.inline, st),
            _ => render_flow(&e.children, f, st),
        }
    }
}

fn is_title(e: &Elem) -> bool {
    e.name != "p" || e.class.as_deref() == Some("title")
}

fn bold(blocks: Vec<Block>) -> Vec<Block> {
    let bold = |b| match b {
        Block::Para(p) => Block::Para(format!("**{p}**")),
        b => b,
    };
    blocks.into_iter().map(bold).collect()
}

/// A `<code>` alone in its block with three or more lines is a code block; shorter ones are
/// mostly long one-liners wrapped in the model source, better shown inline.
fn standalone_code(e: &Elem, rest: &[Node]) -> bool {
    let alone = (rest.iter())
        .take_while(|n| !matches!(n, Node::Elem(e) if is_block(&e.name)))
        .all(|n| matches!(n, Node::Text(t) if t.trim().is_empty()));
    let text = raw_text(&e.children);
    alone && text.lines().filter(|l| !l.trim().is_empty()).count() >= 3 && !has_link(&e.children)
}

fn has_link(nodes: &[Node]) -> bool {
    (nodes.iter()).any(|n| matches!(n, Node::Elem(e) if e.name == "a" || has_link(&e.children)))
}

/// Items of a `<ul>`/`<ol>` (`<li>`) or `<dl>` (bold `<dt>` term joined to its `<dd>`).
/// Content outside items (sloppy HTML) joins the previous item.
fn list_items(children: &[Node], st: Style, definitions: bool) -> Vec<Vec<Block>> {
    let mut items: Vec<Vec<Block>> = Vec::new();
    let mut stray = Flow::default();
    let mut fresh_term = false;
    for child in children {
        let name = match child {
            Node::Elem(e) => e.name.as_str(),
            Node::Text(_) => "",
        };
        let is_item = if definitions {
            name == "dt" || name == "dd"
        } else {
            name == "li"
        };
        let (Node::Elem(e), true) = (child, is_item) else {
            render_flow(std::slice::from_ref(child), &mut stray, st);
            continue;
        };
        attach(&mut items, stray.finish());
        if name == "dt" {
            let blocks = sub_flow(&e.children, Style { bold: true, ..st });
            fresh_term = matches!(blocks.as_slice(), [Block::Para(_)]) && !st.bold;
            items.push(if st.bold { blocks } else { bold(blocks) });
        } else if name == "dd" {
            let mut blocks = sub_flow(&e.children, st);
            let term = items.last_mut().map(Vec::as_mut_slice);
            if let (true, Some([Block::Para(t)]), Some(Block::Para(d))) =
                (fresh_term, term, blocks.first())
            {
                *t = format!("{t}{}{d}", if t.ends_with(":**") { " " } else { ": " });
                blocks.remove(0);
            }
            attach(&mut items, blocks);
            fresh_term = false;
        } else {
            items.push(sub_flow(&e.children, st));
        }
    }
    attach(&mut items, stray.finish());
    items
}

fn attach(items: &mut Vec<Vec<Block>>, blocks: Vec<Block>) {
    match items.last_mut() {
        _ if blocks.is_empty() => {}
        Some(item) => item.extend(blocks),
        None => items.push(blocks),
    }
}

/// Renders a node in inline context: block elements inside inline ones become spaces.
fn inline_node(node: &Node, out: &mut Inline, st: Style) {
    let e = match node {
        Node::Text(t) => return out.text(t),
        Node::Elem(e) => e,
    };
    match e.name.as_str() {
        "b" | "strong" => emphasis(e, out, st, "**", |s| &mut s.bold),
        "i" | "em" | "replaceable" => emphasis(e, out, st, "*", |s| &mut s.italic),
        "a" => link(e, out, st),
        "br" => out.line_break(),
        "code" | "tt" | "kbd" | "samp" | "filename" | "pre" => code(e, out, st),
        name => {
            let block = is_block(name);
            if block {
                out.space();
            }
            for child in &e.children {
                inline_node(child, out, st);
            }
            if block {
                out.space();
            }
        }
    }
}

fn emphasis(
    e: &Elem,
    out: &mut Inline,
    st: Style,
    marker: &str,
    flag: fn(&mut Style) -> &mut bool,
) {
    let mut inner_st = st;
    let nested = std::mem::replace(flag(&mut inner_st), true);
    let mut inner = out.child();
    for child in &e.children {
        inline_node(child, &mut inner, inner_st);
    }
    let marker = if nested { "" } else { marker };
    out.wrap(inner, marker, marker);
}

fn link(e: &Elem, out: &mut Inline, st: Style) {
    let url = e.href.as_deref().map(clean_url).unwrap_or_default();
    if st.link || !is_absolute(&url) {
        return e.children.iter().for_each(|c| inline_node(c, out, st));
    }
    let mut inner = out.child();
    inner.link = true;
    let st = Style { link: true, ..st };
    e.children
        .iter()
        .for_each(|c| inline_node(c, &mut inner, st));
    let mut text = String::new();
    plain_text(&e.children, &mut text);
    if text.trim().is_empty() || text.trim() == url {
        inner.buf = format!("<{url}>");
        out.wrap(inner, "", "");
    } else {
        out.wrap(inner, "[", &format!("]({url})"));
    }
}

/// Renders code as code spans; an absolute link inside becomes a link around a code span.
fn code(e: &Elem, out: &mut Inline, st: Style) {
    let mut segments: Segments = Vec::new();
    code_segments(&e.children, !st.link, None, &mut segments);
    for (url, text) in segments {
        if text.starts_with(char::is_whitespace) {
            out.space();
        }
        let body = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match url {
            _ if body.is_empty() => {}
            Some(url) => out.raw(&format!("[{}]({url})", code_span(&body))),
            None => out.raw(&code_span(&body)),
        }
        if text.ends_with(char::is_whitespace) {
            out.space();
        }
    }
}

type Segments = Vec<(Option<String>, String)>;

fn code_segments(nodes: &[Node], links: bool, url: Option<&str>, segments: &mut Segments) {
    for node in nodes {
        let text = match node {
            Node::Text(t) => t.as_str(),
            Node::Elem(e) if e.name == "br" => " ",
            Node::Elem(e) if e.name == "a" && links && url.is_none() => {
                let href = e.href.as_deref().map(clean_url).filter(|u| is_absolute(u));
                code_segments(&e.children, links, href.as_deref(), segments);
                continue;
            }
            Node::Elem(e) => {
                code_segments(&e.children, links, url, segments);
                continue;
            }
        };
        match segments.last_mut() {
            Some((u, s)) if u.as_deref() == url => s.push_str(text),
            _ => segments.push((url.map(str::to_string), text.to_string())),
        }
    }
}
