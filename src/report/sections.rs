//! A report's Markdown in parts, so that what parses it (the HTML page, the check of what
//! it would make a converter load) holds one part's document tree at a time: the tree is ten
//! times the size of the Markdown (15 MB for the report of 2,000 controls and 2,000 assets).

/// The Markdown cut before each heading (`#` to `######`): parts that parse on their own
/// to what the whole parses to, since every block ends at such a heading. Not when the
/// Markdown may define a link reference or a footnote (`]:` anywhere: inside a list or a
/// quote too, each serves the whole document) or holds HTML blocks (an engagement's own
/// template may; the report's escaping leaves none): then it is one part.
pub(super) fn sections(markdown: &str) -> Vec<&str> {
    if markdown.contains("]:") {
        return vec![markdown];
    }
    let mut cuts = vec![0];
    let mut fence: Option<Fence> = None;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let indented = text.len() - text.trim_start_matches(' ').len();
        let content = text.trim_start_matches(' ');
        match fence {
            Some(open) if indented < 4 && open.closed_by(content) => fence = None,
            Some(_) => {}
            None if indented < 4 => {
                if let Some(open) = Fence::opened_by(content) {
                    fence = Some(open);
                } else if content.starts_with('<') {
                    // An HTML block runs to the next blank line, over a heading: not cut.
                    return vec![markdown];
                } else if indented == 0 && is_heading(content) && offset > 0 {
                    cuts.push(offset);
                }
            }
            None => {}
        }
        offset += line.len();
    }
    cuts.push(markdown.len());
    cuts.windows(2)
        .map(|cut| &markdown[cut[0]..cut[1]])
        .collect()
}

/// Whether `line` (not indented) is an ATX heading: one to six `#`, then a space or nothing.
fn is_heading(line: &str) -> bool {
    let hashes = line.len() - line.trim_start_matches('#').len();
    (1..=6).contains(&hashes)
        && line[hashes..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
}

/// A fenced code block's opening, as CommonMark reads it on a line indented less than four
/// spaces: three or more backticks or tildes (backticks with no backtick after them). What
/// is inside one is text: a heading is not cut there, and a `---` line starts no metadata
/// block. It closes only as CommonMark closes it (the same character, at least as many,
/// nothing after): taking a longer fence for closed would read code as Markdown, and the
/// Markdown after its real end as code.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fence {
    mark: char,
    length: usize,
}

impl Fence {
    /// `content`: the line without its indentation.
    pub(super) fn opened_by(content: &str) -> Option<Fence> {
        let mark = content.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let length = content.chars().take_while(|c| *c == mark).count();
        let info = &content[length * mark.len_utf8()..];
        (length >= 3 && !(mark == '`' && info.contains('`'))).then_some(Fence { mark, length })
    }

    /// Whether `content` could close this fence for any reader: the same character, at
    /// least as many, whatever follows.
    pub(super) fn may_close(self, content: &str) -> bool {
        content.chars().take_while(|c| *c == self.mark).count() >= self.length
    }

    fn closed_by(self, content: &str) -> bool {
        let length = content.chars().take_while(|c| *c == self.mark).count();
        length >= self.length && content[length * self.mark.len_utf8()..].trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_fence_is_closed_only_by_as_long_a_one() {
        let long = "# A\n\n````\n```\n# inside\n````\n\n# B\n";
        let parts = sections(long);
        assert_eq!(parts, vec!["# A\n\n````\n```\n# inside\n````\n\n", "# B\n"]);
        let tilde = "~~~ text\n# inside\n~~~~\n# after\n";
        assert_eq!(
            sections(tilde),
            vec!["~~~ text\n# inside\n~~~~\n", "# after\n"]
        );
        // A closing run with text after it does not close.
        let info = "```\n``` rust\n# inside\n```\n# after\n";
        assert_eq!(
            sections(info),
            vec!["```\n``` rust\n# inside\n```\n", "# after\n"]
        );
    }

    #[test]
    fn a_reference_anywhere_keeps_the_document_whole() {
        let quoted = "# A\n\n> [r]: /etc/shadow\n\n# B\n\n![x][r]\n";
        assert_eq!(sections(quoted), vec![quoted]);
        let listed = "# A\n\n- [^1]: note\n\n# B\n";
        assert_eq!(sections(listed), vec![listed]);
    }
}
