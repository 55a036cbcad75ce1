use super::{html_to_markdown, plain_text_summary};

/// Runs `html_to_markdown` over `(input, expected)` pairs and reports every mismatch at once.
fn check_table(table: &[(&str, &str)]) {
    let failures: Vec<String> = (table.iter())
        .filter_map(|&(html, want)| {
            let got = html_to_markdown(html);
            (got != want)
                .then(|| format!("input:    {html:?}\nexpected: {want:?}\ngot:      {got:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} mismatches:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Checks the properties every output must have, whatever the input: no trailing spaces, no
/// blank edges, no two blank lines in a row, and (outside code) no HTML tag other than
/// autolinks, no `[`/`]` other than link syntax and no bare URL.
fn check_output(md: &str) -> Result<(), String> {
    if md.starts_with('\n') || md.ends_with('\n') || md.contains("\n\n\n") {
        return Err("blank line at an edge or two blank lines in a row".into());
    }
    if md.lines().any(|l| l.ends_with(' ') || l.ends_with('\t')) {
        return Err("trailing whitespace".into());
    }
    let mut in_fence = None;
    let mut open_brackets = 0;
    for line in md.lines().chain([""]) {
        let mut t = line.trim_start();
        // List markers (the text itself never starts with one: it is escaped).
        while let Some(rest) = ["- ", "* "]
            .iter()
            .find_map(|m| t.strip_prefix(m))
            .or_else(|| {
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                (digits > 0).then(|| {
                    t[digits..]
                        .strip_prefix(". ")
                        .or(t[digits..].strip_prefix(") "))
                })?
            })
        {
            t = rest.trim_start();
        }
        if let Some(fence) = &in_fence {
            if t == fence {
                in_fence = None;
            }
            continue;
        }
        if t.starts_with("```") {
            in_fence = Some(t.trim_end_matches("text").to_string());
            continue;
        }
        if t.is_empty() && open_brackets != 0 {
            return Err(format!("unescaped '[' before {line:?}"));
        }
        let b: Vec<char> = t.chars().collect();
        let mut plain = String::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                '\\' => {
                    plain.extend(b.get(i + 1));
                    i += 1;
                }
                '`' => {
                    let run = b[i..].iter().take_while(|&&c| c == '`').count();
                    let fence: String = "`".repeat(run);
                    let rest: String = b[i + run..].iter().collect();
                    let close = rest
                        .find(&fence)
                        .ok_or(format!("unclosed code span in {t:?}"))?;
                    i += run + rest[..close].chars().count() + run - 1;
                }
                '<' => {
                    let rest: String = b[i..].iter().collect();
                    let end = rest.find('>').ok_or(format!("bare '<' in {t:?}"))?;
                    let link = &rest[1..end];
                    if !(link.starts_with("http") || link.starts_with("mailto:"))
                        || link.contains(' ')
                    {
                        return Err(format!("HTML tag {:?} in {t:?}", &rest[..=end]));
                    }
                    i += link.chars().count() + 1;
                }
                '[' => open_brackets += 1,
                ']' if open_brackets > 0 && b.get(i + 1) == Some(&'(') => {
                    open_brackets -= 1;
                    i += b[i..]
                        .iter()
                        .position(|&c| c == ')')
                        .ok_or("unclosed link")?;
                }
                ']' => return Err(format!("unescaped ']' in {t:?}")),
                c => plain.push(c),
            }
            i += 1;
        }
        let lower = plain.to_ascii_lowercase();
        for (p, _) in lower.match_indices("http") {
            let rest = lower[p + 4..].trim_start_matches('s');
            if rest
                .strip_prefix("://")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphanumeric()))
            {
                return Err(format!("bare URL in {t:?}"));
            }
        }
    }
    Ok(())
}

#[test]
fn output_checker_catches_problems() {
    let bad = [
        "a ",
        "\na",
        "a\n\n\nb",
        "[x]",
        "x]",
        "a <b> c",
        "see https://a.com",
        "`open",
    ];
    for md in bad {
        assert!(check_output(md).is_err(), "accepted {md:?}");
    }
    let good = [
        "\\[x\\] <https://a.com> [t](https://a.com) `<b>` \\<b\\>",
        "- ```text\n  <b>\n  ```",
    ];
    for md in good {
        assert_eq!(check_output(md), Ok(()), "rejected {md:?}");
    }
}

#[test]
fn paragraphs_and_whitespace() {
    check_table(&[
        ("", ""),
        ("   \n\t ", ""),
        ("<p></p><p> </p>", ""),
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("  <p>  a \n\n   b  </p>  ", "a b"),
        (
            "Text before <p>para</p> text after",
            "Text before\n\npara\n\ntext after",
        ),
        ("<p>Outer <p>inner</p> tail</p>", "Outer\n\ninner\n\ntail"),
        ("<div><p>A</p></div><div>B</div>", "A\n\nB"),
        ("<p>Zürich – 東京 🚀</p>", "Zürich – 東京 🚀"),
    ]);
}

#[test]
fn lists() {
    check_table(&[
        (
            "<p>The challenge <code>MFA_SETUP</code> (or MFA_SETUP) applies to:</p><ul><li><p>users</p></li><li>apps</li></ul>",
            "The challenge `MFA_SETUP` (or MFA_SETUP) applies to:\n\n- users\n- apps",
        ),
        (
            "<ol><li>first</li><li>second</li></ol>",
            "1. first\n2. second",
        ),
        (
            "<ul><li><p>a</p><ul><li>a1</li><li>a2<ol><li>deep</li></ol></li></ul></li><li>b</li></ul>",
            "- a\n  - a1\n  - a2\n    1. deep\n- b",
        ),
        (
            "<ul><li><p>one</p><p>more</p></li><li>two</li></ul>",
            "- one\n\n  more\n\n- two",
        ),
        ("<ul><li>unclosed<li>items</ul>", "- unclosed\n- items"),
        ("<ul><li>a</li> stray text </ul>", "- a\n\n  stray text"),
        ("<li>orphan</li><li>items</li>", "- orphan\n- items"),
        ("<ul><li></li><li> </li></ul>", ""),
        ("<ul><li>a</li></ul><ul><li>b</li></ul>", "- a\n\n* b"),
        (
            "<p>x</p><ul><li>- dash</li><li>1. one</li></ul>",
            "x\n\n- \\- dash\n- 1\\. one",
        ),
    ]);
}

#[test]
fn definition_lists_headings_titles_tables() {
    check_table(&[
        (
            "<dl><dt>ENABLED</dt><dd><p>On.</p></dd><dt>DISABLED</dt><dd>Off.</dd></dl>",
            "- **ENABLED**: On.\n- **DISABLED**: Off.",
        ),
        ("<dl><dt>Key:</dt><dd>v</dd></dl>", "- **Key:** v"),
        (
            "<dl><dt>T</dt><dd><p>a</p><p>b</p></dd></dl>",
            "- **T**: a\n\n  b",
        ),
        ("<h2>Heading</h2><p>Body</p>", "**Heading**\n\nBody"),
        (
            "<p class=\"title\"><b>About</b></p><p>x</p>",
            "**About**\n\nx",
        ),
        (
            "<fullname>Amazon Cognito</fullname><p>Manages users.</p>",
            "Amazon Cognito\n\nManages users.",
        ),
        (
            "<table><tr><th>Name</th><th>Value</th></tr><tr><td>a|b</td><td><code>1</code></td></tr></table>",
            "Name | Value\n\na|b | `1`",
        ),
    ]);
}

#[test]
fn inline_formatting_and_emphasis_safety() {
    check_table(&[
        (
            "<p><b>bold</b>, <strong>strong</strong>, <i>it</i>, <em>em</em></p>",
            "**bold**, **strong**, *it*, *em*",
        ),
        ("<p>a<b> spaced </b>b</p>", "a **spaced** b"),
        (
            "<p><b>nested <b>bold</b></b> <i>x <i>y</i></i></p>",
            "**nested bold** *x y*",
        ),
        ("<p><b></b>empty</p>", "empty"),
        (
            "<p><b>a</b><b>b</b><code>c</code><code>d</code></p>",
            "**a** **b**`c` `d`",
        ),
        (
            "<p><b>Note:</b>The x<i>\"y\"</i>z <b>(a)</b>.</p>",
            "**Note:** The x *\"y\"* z **(a)**.",
        ),
        ("<p>a*b*c and 2 * 3</p>", "a\\*b\\*c and 2 \\* 3"),
        (
            "<p>MFA_SETUP _private_ snake_case_ x_</p>",
            "MFA_SETUP \\_private\\_ snake_case\\_ x\\_",
        ),
        // Letters beyond ASCII count as word characters around `_`.
        ("<p>é_ü é_ _東</p>", "é_ü é\\_ \\_東"),
        (
            "<p>Stray `backtick` and \\ backslash</p>",
            "Stray \\`backtick\\` and \\\\ backslash",
        ),
        ("<p>~~strike~~ a|b</p>", "\\~\\~strike\\~\\~ a|b"),
        ("<p>a | b<br>--- | :-:</p>", "a | b\\\n\\--- | :-:"),
        (
            "<p>AT&amp;T &amp;amp; &amp;#169;</p>",
            "AT&T \\&amp; \\&#169;",
        ),
        ("<p>Line<br/>break<br><br>para</p>", "Line\\\nbreak\n\npara"),
        ("<p><br>x<br></p>", "x"),
        (
            "<p><u>under</u> <replaceable>name</replaceable></p>",
            "under *name*",
        ),
    ]);
}

#[test]
fn code() {
    check_table(&[
        ("<p>Use <code>ListUsers</code>.</p>", "Use `ListUsers`."),
        ("<code>a`b</code>", "``a`b``"),
        ("<code>`quoted`</code>", "`` `quoted` ``"),
        ("<code>a``b</code>", "```a``b```"),
        ("<p>Use <code> spaced </code>x</p>", "Use `spaced` x"),
        (
            "<code>[x] *y* _z_ <region></code>",
            "`[x] *y* _z_ <region>`",
        ),
        (
            "<code>arn:aws:acm:<i>region</i>:<b>acct</b></code>",
            "`arn:aws:acm:region:acct`",
        ),
        (
            "<code>{\"pre_tag\": \"<b>\", \"post_tag\": \"</b>\"}</code>",
            "`{\"pre_tag\": \"<b>\", \"post_tag\": \"</b>\"}`",
        ),
        (
            "<code><scanrange><start>50</start></scanrange></code>",
            "`<scanrange><start>50</start></scanrange>`",
        ),
        ("<code>&lt;p&gt;</code>", "`<p>`"),
        ("<code></code><code> </code>", ""),
        (
            "<p><code>aws s3 ls\n   --recursive</code></p>",
            "`aws s3 ls --recursive`",
        ),
        (
            "<p>Example:</p><p><code>{\n  \"a\": 1,\n  \"b\": [2]\n}</code></p>",
            "Example:\n\n```text\n{\n  \"a\": 1,\n  \"b\": [2]\n}\n```",
        ),
        (
            "<p>\n            <code>{\n            \"Username\": \"u\",\n            \"Password\": \"p\"\n            }</code>\n         </p>",
            "```text\n{\n  \"Username\": \"u\",\n  \"Password\": \"p\"\n}\n```",
        ),
        (
            "<pre>fn main() {\n    let x = 1;\n}</pre>",
            "```text\nfn main() {\n    let x = 1;\n}\n```",
        ),
        (
            "<pre>```\nnested\n```</pre>",
            "````text\n```\nnested\n```\n````",
        ),
        (
            "<ul><li><p>Run:</p><pre>a\n  b</pre></li></ul>",
            "- Run:\n\n  ```text\n  a\n    b\n  ```",
        ),
        ("<p><code>unclosed code", "`unclosed code`"),
        ("<p><code>x</p><p>after</p>", "`x`\n\nafter"),
    ]);
}

#[test]
fn links() {
    check_table(&[
        (
            "<a href=\"https://docs.aws.amazon.com/x.html\">the guide</a>",
            "[the guide](https://docs.aws.amazon.com/x.html)",
        ),
        ("<a href='http://a.com/b'>b</a>", "[b](http://a.com/b)"),
        (
            "<a href=\"/cognito/latest/guide.html\">relative</a>",
            "relative",
        ),
        (
            "<a href=\"#anchor\">anchor</a> <a>no href</a>",
            "anchor no href",
        ),
        (
            "<a href=\"https://a.com\">https://a.com</a>",
            "<https://a.com>",
        ),
        ("<a href=\"https://a.com\"></a>", "<https://a.com>"),
        (
            "<a href=\"mailto:x@y.com\">mail</a>",
            "[mail](mailto:x@y.com)",
        ),
        (
            "<a href=\"https://a.com/x (y)\">p</a>",
            "[p](https://a.com/x%20%28y%29)",
        ),
        (
            "<a href=\"https://a.com/?a=1&amp;b=2\">q</a>",
            "[q](https://a.com/?a=1&b=2)",
        ),
        (
            "<a href=\"https://a.com\"><code>Foo</code> [v2]</a>",
            "[`Foo` \\[v2\\]](https://a.com)",
        ),
        (
            "<a href=\"https://a.com\">see https://b.com</a>",
            "[see `https://b.com`](https://a.com)",
        ),
        (
            "<code><a href=\"https://a.com\">handler</a></code>",
            "[`handler`](https://a.com)",
        ),
        (
            "<p>Use <a href=\"https://a.com\"> the API </a>now</p>",
            "Use [the API](https://a.com) now",
        ),
    ]);
}

#[test]
fn escaping_brackets_angles_urls() {
    check_table(&[
        (
            "<p>A list [0-1600] or [Foo]</p>",
            "A list \\[0-1600\\] or \\[Foo\\]",
        ),
        (
            "<p>arn:aws:s3:::<bucket-name>/<key></p>",
            "arn:aws:s3:::\\<bucket-name\\>/\\<key\\>",
        ),
        ("<p>if a &lt; b &gt; c</p>", "if a \\< b \\> c"),
        ("<p>5 < 6 and 7 > 3</p>", "5 \\< 6 and 7 \\> 3"),
        (
            "<p>See https://example.com/a_b.</p>",
            "See <https://example.com/a_b>.",
        ),
        (
            "<p>(https://example.com/x) and HTTP://A.COM,</p>",
            "(<https://example.com/x>) and <HTTP://A.COM>,",
        ),
        (
            "<p>https://a.com/wiki/Foo_(bar) end</p>",
            "<https://a.com/wiki/Foo_(bar)> end",
        ),
        ("<p>\"https://a.com\"</p>", "\"<https://a.com>\""),
        (
            "<p>https:// alone and s3://bucket/key</p>",
            "https:// alone and s3://bucket/key",
        ),
        (
            "<p>https://{bucket}.s3.amazonaws.com</p>",
            "https://{bucket}.s3.amazonaws.com",
        ),
        ("<p>www.example.com</p>", "www.example.com"),
    ]);
}

#[test]
fn line_starts_are_not_block_syntax() {
    check_table(&[
        ("<p># not a heading</p>", "\\# not a heading"),
        (
            "<p>- not a list</p><p>+ nor</p><p>* this</p>",
            "\\- not a list\n\n\\+ nor\n\n\\* this",
        ),
        ("<p>-1 is fine</p>", "-1 is fine"),
        (
            "<p>1. not a list</p><p>2) nor</p><p>3.5 fine</p>",
            "1\\. not a list\n\n2\\) nor\n\n3.5 fine",
        ),
        ("<p>&gt; not a quote</p>", "\\> not a quote"),
        ("<p>         indented</p>", "indented"),
        (
            "<p>text<br># h<br>- i<br>---</p>",
            "text\\\n\\# h\\\n\\- i\\\n\\---",
        ),
        (
            "<p>text<br>===</p><p>a<br>--- b</p>",
            "text\\\n\\===\n\na\\\n--- b",
        ),
        ("<p>```not a fence</p>", "\\`\\`\\`not a fence"),
    ]);
}

#[test]
fn notes() {
    check_table(&[
        ("<note><p>Be careful.</p></note>", "**Note:** Be careful."),
        ("<important>Really.</important>", "**Important:** Really."),
        ("<note><ul><li>a</li></ul></note>", "**Note:**\n\n- a"),
        (
            "<note><p>A</p><p>B</p></note><p>C</p>",
            "**Note:** A\n\nB\n\nC",
        ),
        ("<note> </note>", "**Note:**"),
        ("<h3><note>In a title</note></h3>", "**Note: In a title**"),
    ]);
}

#[test]
fn entities() {
    check_table(&[
        ("&lt;&gt;&amp;&quot;&#39;&apos;", "\\<\\>&\"''"),
        ("a&nbsp;b &#65;&#x42;&#X43; &mdash;", "a b ABC —"),
        (
            "&bogus; &amp &#xZZ; &#99999999999; &#0; & alone",
            "\\&bogus; &amp \\&#xZZ; \\&#99999999999; \u{FFFD} & alone",
        ),
        ("<p>AT&T &key2=v</p>", "AT&T &key2=v"),
    ]);
}

#[test]
fn unknown_and_malformed_html() {
    check_table(&[
        (
            "<p>Contents of <filename>server.properties</filename>.</p>",
            "Contents of `server.properties`.",
        ),
        (
            "<p>Use the <link linkend=\"X\">X</link> operation.</p>",
            "Use the X operation.",
        ),
        ("<p>Keep <custom>inner</custom> text</p>", "Keep inner text"),
        ("<p>Unclosed <b>bold", "Unclosed **bold**"),
        ("</p></ul></b>stray ends<p>", "stray ends"),
        ("<p>a <b>b</p> c</b>", "a **b**\n\nc"),
        ("<p>lt at end <", "lt at end \\<"),
        ("<p>tag <a href=\"x", "tag \\<a href=\"x"),
        (
            "<<>> <> </> <1> <!-- comment --> <!DOCTYPE html><?xml x?>",
            "\\<\\<\\>\\> \\<\\> \\</\\> \\<1\\>",
        ),
        ("<!-- unclosed comment", "\\<!-- unclosed comment"),
        ("<P CLASS=\"x\">Upper</P><BR/>case", "Upper\n\ncase"),
        ("<p>x</para></li></ul></p>", "x"),
        (
            "<span>a</span><sup>2</sup><placeholder/>",
            "a2\\<placeholder/\\>",
        ),
        (
            "<request>\nPOST / HTTP/1.1\nHost: x\n</request>",
            "```text\nPOST / HTTP/1.1\nHost: x\n```",
        ),
    ]);
}

#[test]
fn plain_text_input() {
    check_table(&[
        ("Just text.", "Just text."),
        (
            "Plain *text* with [x] and https://a.com/b\n\n- second para\nwrapped",
            "Plain \\*text\\* with \\[x\\] and <https://a.com/b>\n\n\\- second para wrapped",
        ),
        (
            "Valid: [\"a.com\", \"b\"]. Invalid: h*llo",
            "Valid: \\[\"a.com\", \"b\"\\]. Invalid: h\\*llo",
        ),
        (
            "Format: arn:<partition>:iam::<account>",
            "Format: arn:\\<partition\\>:iam::\\<account\\>",
        ),
    ]);
}

#[test]
fn real_world_snippet() {
    let html = "<p>The user pool <a href=\"https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html\">feature plan</a>, or tier. Defaults to <code>ESSENTIALS</code>.</p>\n         <note>\n            <p>Requires <code>SECRET_HASH</code>.</p>\n         </note>\n         <ul>\n            <li>\n               <p>\n                  <code>MFA_SETUP</code>: For users who are required to setup an MFA factor.</p>\n            </li>\n         </ul>";
    let want = "The user pool [feature plan](https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html), or tier. Defaults to `ESSENTIALS`.\n\n**Note:** Requires `SECRET_HASH`.\n\n- `MFA_SETUP`: For users who are required to setup an MFA factor.";
    assert_eq!(html_to_markdown(html), want);
}

#[test]
fn summary() {
    let cases = [
        (
            "<fullname>Amazon X</fullname><p>Creates a pool. It is <b>fast</b>.</p>",
            "Creates a pool.",
        ),
        (
            "<p>Use e.g. Foo for bar. Then more.</p>",
            "Use e.g. Foo for bar.",
        ),
        ("<p>Version 1.2 is ok</p><p>Second</p>", "Version 1.2 is ok"),
        ("Plain [text] &amp; more", "Plain [text] & more"),
        ("", ""),
    ];
    for (html, want) in cases {
        assert_eq!(plain_text_summary(html), want, "input {html:?}");
    }
}

/// Deterministic pseudo-random soup of tags, entities, text and junk: no panic, the output
/// properties hold, and the result is deterministic and stable for the same input.
#[test]
fn never_panics_and_output_is_well_formed() {
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "<p>", "</p>", "<ul>", "</ul>", "<ol>", "<li>", "</li>", "<dl>", "<dt>", "<dd>", "<b>",
        "</b>", "<i>", "</i>", "<code>", "</code>", "<pre>", "</pre>", "<a href=\"https://a.b/c\">",
        "<a href=\"rel\">", "</a>", "<note>", "</note>", "<br>", "<region>", "</x>", "<table><tr><td>",
        "&lt;", "&amp;", "&#x1F600;", "&", "<", ">", "[", "]", "*", "_", "`", "``", "\\", "#", "- ",
        "1. ", "\n", "\n\n", "    ", "text", "MFA_SETUP", "https://x.com/y", "é", "東", "<!--", "-->",
        "<a href=\"", "\"", "'", "~", "|", "=", "<h1>", "</h1>", "<code>{\n  a\n b\n}</code>",
        "http://a.b", "&#35;", "!", "<td>", "</tr>", "<strong>", "<a href=\"https://a.b\">https://a.b</a>",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..5000 {
        let len = next() % 40;
        let html: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let md = html_to_markdown(&html);
        assert_eq!(
            md,
            html_to_markdown(&html),
            "not deterministic for {html:?}"
        );
        if let Err(e) = check_output(&md) {
            panic!("{e}\ninput: {html:?}\noutput: {md:?}");
        }
        let _ = plain_text_summary(&html);
    }
    let deep = "<ul><li><b>".repeat(10_000);
    assert!(html_to_markdown(&deep).is_empty());
    let long = "<a href=\"".to_string() + &"é".repeat(5000);
    assert!(!html_to_markdown(&long).is_empty());
}
