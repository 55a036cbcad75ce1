//! [`ServerText`]: prints text a server sent (error messages, codes, redirect targets) so
//! that it cannot forge log lines or drive a terminal, and cannot flood a log.

use std::fmt::{self, Write};

/// Displays server text made safe for logs and terminals.
///
/// - ANSI escape sequences (`ESC [ … letter`, `ESC ] … BEL`) are dropped whole;
/// - CR, LF, tab and every other control character print as a space;
/// - after [`ServerText::MAX_CHARS`] characters the text is cut, and the cut says how many
///   characters were left out.
///
/// It borrows the text: the full, unmodified text stays where it is stored (for example
/// `ErrorMeta::message`), so nothing is kept twice.
#[derive(Debug, Clone, Copy)]
pub struct ServerText<'a> {
    text: &'a str,
}

impl<'a> ServerText<'a> {
    /// The most characters of one piece of server text that `Display` prints.
    pub const MAX_CHARS: usize = 1024;

    /// Wraps `text` for display.
    pub fn new(text: &'a str) -> Self {
        Self { text }
    }
}

impl fmt::Display for ServerText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.text.chars().peekable();
        let mut printed = 0;
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                skip_escape_sequence(&mut chars);
                continue;
            }
            if printed == Self::MAX_CHARS {
                let rest = 1 + chars.count();
                return write!(f, "… ({rest} more characters)");
            }
            f.write_char(if c.is_control() { ' ' } else { c })?;
            printed += 1;
        }
        Ok(())
    }
}

/// Consumes the rest of an escape sequence whose `ESC` was just read: a CSI sequence
/// (`[` parameters, final byte `@`..=`~`), an OSC sequence (`]` … `BEL` or `ESC \`), or
/// the single character of a two-character escape.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                    chars.next();
                    break;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        ServerText::new(text).to_string()
    }

    #[test]
    fn line_breaks_and_controls_print_as_spaces() {
        assert_eq!(
            shown("bad\r\nINFO forged line\tx\u{0}y\u{7f}"),
            "bad  INFO forged line x y "
        );
        assert_eq!(shown("plain text, ünïcödé"), "plain text, ünïcödé");
    }

    #[test]
    fn ansi_sequences_are_dropped() {
        assert_eq!(shown("\u{1b}[31;1mred\u{1b}[0m"), "red");
        assert_eq!(shown("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(shown("a\u{1b}]8;;http://x\u{1b}\\b"), "ab");
        assert_eq!(shown("a\u{1b}cb"), "ab");
        // A sequence cut off by the end of the text.
        assert_eq!(shown("a\u{1b}[31"), "a");
        assert_eq!(shown("a\u{1b}"), "a");
    }

    #[test]
    fn long_text_is_cut_and_says_how_much() {
        let long = "é".repeat(5 * 1024 * 1024);
        let text = shown(&long);
        assert!(text.starts_with(&"é".repeat(ServerText::MAX_CHARS)));
        assert!(
            text.ends_with(&format!(
                "… ({} more characters)",
                5 * 1024 * 1024 - ServerText::MAX_CHARS
            )),
            "{}",
            &text[text.len() - 40..]
        );
        let exact = "x".repeat(ServerText::MAX_CHARS);
        assert_eq!(shown(&exact), exact);
    }
}
