//! Counting lines of Rust source: all of them, and code lines — lines with something other
//! than whitespace and comments on them (strings and char literals are understood, so a
//! `"//"` or `"/*"` inside a literal is code).

/// Line counts of some Rust source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineCount {
    /// Every line.
    pub total: usize,
    /// Lines with code on them (not blank, not only comments).
    pub code: usize,
}

impl std::ops::AddAssign for LineCount {
    fn add_assign(&mut self, other: LineCount) {
        self.total += other.total;
        self.code += other.code;
    }
}

/// Where the scanner is at the start of a character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Code,
    /// Inside `/* … */`, nested this deep.
    Block(usize),
    /// Inside `"…"`.
    Str,
    /// Inside `r#…"…"#…` with this many `#`.
    Raw(usize),
}

/// Counts the lines of `source`.
pub fn count(source: &str) -> LineCount {
    let mut state = State::Code;
    let mut result = LineCount::default();
    for line in source.lines() {
        result.total += 1;
        // A line that starts inside a string literal has code on it.
        let mut has_code = matches!(state, State::Str | State::Raw(_)) && !line.is_empty();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            match state {
                State::Block(depth) => {
                    if c == '*' && next == Some('/') {
                        state = if depth == 1 {
                            State::Code
                        } else {
                            State::Block(depth - 1)
                        };
                        i += 1;
                    } else if c == '/' && next == Some('*') {
                        state = State::Block(depth + 1);
                        i += 1;
                    }
                }
                State::Str => {
                    if c == '\\' {
                        i += 1;
                    } else if c == '"' {
                        state = State::Code;
                    }
                }
                State::Raw(hashes) => {
                    if c == '"'
                        && chars[i + 1..].iter().take_while(|h| **h == '#').count() >= hashes
                    {
                        state = State::Code;
                        i += hashes;
                    }
                }
                State::Code => {
                    if c.is_whitespace() {
                    } else if c == '/' && next == Some('/') {
                        break;
                    } else if c == '/' && next == Some('*') {
                        state = State::Block(1);
                        i += 1;
                    } else {
                        has_code = true;
                        i = code_token(&chars, i, &mut state);
                    }
                }
            }
            i += 1;
        }
        if has_code {
            result.code += 1;
        }
    }
    result
}

/// Handles the code character at `i` (a literal's start moves `state`); returns the index of
/// the last character consumed.
fn code_token(chars: &[char], i: usize, state: &mut State) -> usize {
    let c = chars[i];
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let after_ident = i > 0 && is_ident(chars[i - 1]);
    match c {
        '"' => {
            *state = State::Str;
            i
        }
        'r' | 'b' if !after_ident => {
            // r"…", r#"…"#, br"…", b"…"
            let mut j = i + 1;
            if c == 'b' && chars.get(j) == Some(&'r') {
                j += 1;
            }
            let hashes = chars[j.min(chars.len())..]
                .iter()
                .take_while(|h| **h == '#')
                .count();
            let raw = c == 'r' || j > i + 1;
            match chars.get(j + hashes) {
                Some('"') if raw => {
                    *state = State::Raw(hashes);
                    j + hashes
                }
                Some('"') if c == 'b' && hashes == 0 => {
                    *state = State::Str;
                    j
                }
                _ => i,
            }
        }
        '\'' => {
            // A char literal ('x', '\n', '\u{..}') is skipped whole; a lifetime is not.
            if chars.get(i + 1) == Some(&'\\') {
                chars[i + 2..]
                    .iter()
                    .position(|c| *c == '\'')
                    .map_or(i, |end| i + 2 + end)
            } else if chars.get(i + 2) == Some(&'\'') {
                i + 2
            } else {
                i
            }
        }
        _ => i,
    }
}

#[cfg(test)]
mod tests {
    use super::{LineCount, count};

    fn code(source: &str) -> usize {
        count(source).code
    }

    #[test]
    fn blanks_and_comments_are_not_code() {
        let source =
            "// c\n\n/// doc\n//! inner\nfn f() {} // trailing\n  /* a\n b */\n/** doc\n*/ x\n";
        assert_eq!(count(source), LineCount { total: 9, code: 2 });
    }

    #[test]
    fn nested_block_comments() {
        assert_eq!(code("/* a /* b */ still */\nx"), 1);
    }

    #[test]
    fn comment_markers_inside_literals_are_code() {
        assert_eq!(code("let u = \"https://x/*\";\ny"), 2);
        assert_eq!(code("let s = r#\"/* \"# ;\nz"), 2);
        assert_eq!(code("let c = '\"'; let d = \"//\";\nw"), 2);
        assert_eq!(code("let s = \"a\n// inside the string\n\";"), 3);
        assert_eq!(code("let b = br\"/*\";\nv"), 2);
        assert_eq!(code("fn f<'a>(x: &'a str) -> char { '\\'' }\n// c"), 1);
    }
}
