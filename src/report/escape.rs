//! Text from users and grids, made safe for its place in the report's Markdown.
//!
//! The report is read by two Markdown dialects: CommonMark/GFM (comrak, for the HTML output,
//! and most viewers) and pandoc's own `markdown` (for DOCX and PDF). Whatever a user typed
//! must keep the document's structure in both, so every rule here is written for the
//! stricter of the two:
//!
//! - **Inline text** ([`inline`]: titles, names, grid texts, table cells, headings). Control
//!   characters are replaced ([`crate::text::sanitize`]), newlines and tabs become spaces,
//!   and every ASCII character that means something to either dialect is backslash-escaped
//!   (`\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `&`, `#`, `|`, `~`, `^`, `$`, `{`, `}`, and `@`
//!   at the start of a word, which pandoc reads as a citation). A backslash before ASCII
//!   punctuation is a literal in both dialects, so the reader sees exactly what was typed.
//!   A value that would start a block construct at the start of a line (`- `, `+ `, `= `,
//!   `: `, `%`, `1. `, `a) `, `(1) `) has that marker escaped too, so the same escaping is safe
//!   in a paragraph, a list item, a heading or a table cell. No raw HTML is ever produced:
//!   a pipe in a cell is `\|`, never `&#124;` nor `<br>`.
//! - **Markdown blocks** ([`markdown`]: observations, descriptions, recommendations, limits).
//!   The text is parsed with comrak (CommonMark + GFM tables and strikethrough) and written
//!   back from its syntax tree after these changes: headings become bold paragraphs (`# Pwned`
//!   cannot become a heading of the report), raw HTML becomes visible text (inline) or a code
//!   block (block), so no `<script>` reaches the HTML output or pandoc, code block info strings
//!   keep only a plain language word (pandoc's `{=html}` raw blocks are refused), links keep
//!   only `http:`, `https:`, `mailto:` and relative targets below the report's folder,
//!   images become links (pandoc would otherwise fetch a remote image while converting),
//!   fences of pandoc's fenced divs (`:::`) are escaped, and every text run is escaped as
//!   inline text (which also defeats pandoc-only syntax: raw TeX, `$math$`, `{=html}` after
//!   code, YAML blocks, fenced divs, line blocks, citations).
//! - **Very long words** are left whole (a hash or a URL must stay copyable): the HTML
//!   stylesheet wraps them (`overflow-wrap: anywhere`) and Word breaks them in a cell.

use comrak::nodes::{AstNode, NodeCodeBlock, NodeValue};
use comrak::{Arena, Options};

use crate::text;

/// Characters escaped wherever they appear.
fn always_escaped(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '['
            | ']'
            | '<'
            | '>'
            | '&'
            | '#'
            | '|'
            | '~'
            | '^'
            | '$'
            | '{'
            | '}'
    )
}

/// Escapes one line of text for any inline place of the Markdown (paragraph, list item,
/// heading, table cell): see the module's documentation.
pub fn inline(text: &str) -> String {
    let flat = text::one_line(text);
    let trimmed = flat.trim();
    escape_run(trimmed, true)
}

/// Escapes `text` (with no newline) as a run of inline text; `line_start` says whether it
/// may begin a line of the output.
fn escape_run(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let marker_end = if line_start { block_marker(text) } else { None };
    let mut previous: Option<char> = None;
    for (index, c) in text.char_indices() {
        let escape = always_escaped(c)
            || (c == '@' && !previous.is_some_and(char::is_alphanumeric))
            || marker_end.is_some_and(|end| index == end);
        if escape {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Where a block marker that `text` starts with sits (the byte index of the character to
/// escape), in either dialect: a bullet (`- `, `+ `), a rule or setext underline (`---`,
/// `===`), a grid table border (`+--`), a definition (`: `), a fenced div (`:::`), a title
/// block (`%`), an ordered
/// list marker (`12. `, `a) `, `iv. `, `B.  `, `(1) `).
fn block_marker(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    let rest = &text[first.len_utf8()..];
    let spaced = |after: &str| after.is_empty() || after.starts_with([' ', '\t']);
    let rule = |c: char| text.chars().all(|x| x == c || x == ' ') && text.matches(c).count() >= 3;
    match first {
        '-' if spaced(rest) || rule('-') => return Some(0),
        '+' if spaced(rest) || rest.starts_with(['-', '=']) => return Some(0),
        '=' if rule('=') => return Some(0),
        // `:::` opens or closes a pandoc fenced div: `::: notes` in one record and `:::` in
        // another would wrap everything between them in a `Div`.
        ':' if spaced(rest) || rest.starts_with("::") => return Some(0),
        '%' => return Some(0),
        '(' => {
            let inner = rest.split(')').next().unwrap_or("");
            // `(1)`, `(a)`, `(iv)`, `(#)`, and pandoc's example lists `(@)`, `(@label)`.
            let enumerator = inner.starts_with('@')
                || inner == "#"
                || (1..=9).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit())
                || inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_alphabetic())
                || !inner.is_empty() && inner.chars().all(|c| "ivxlcdm".contains(c))
                || !inner.is_empty() && inner.chars().all(|c| "IVXLCDM".contains(c));
            let after = &rest[inner.len()..];
            if enumerator && after.starts_with(')') && spaced(&after[1..]) {
                return Some(0);
            }
            return None;
        }
        _ => {}
    }
    let word_len = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
        .map_or(text.len(), |(index, _)| index);
    let word = &text[..word_len];
    let after = &text[word_len..];
    let delimiter = after.chars().next()?;
    if !matches!(delimiter, '.' | ')') {
        return None;
    }
    let after = &after[1..];
    let digits = (1..=9).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    let lower = !word.is_empty()
        && (word.len() == 1 || word.chars().all(|c| "ivxlcdm".contains(c)))
        && word.chars().all(|c| c.is_ascii_lowercase());
    let upper = !word.is_empty()
        && (word.len() == 1 || word.chars().all(|c| "IVXLCDM".contains(c)))
        && word.chars().all(|c| c.is_ascii_uppercase());
    // Pandoc reads `B. Russell` as text: a capital with a period needs two spaces to be a
    // list marker (or a tab, or nothing after it).
    let upper_marker = upper
        && (delimiter == ')'
            || after.is_empty()
            || after.starts_with("  ")
            || after.starts_with('\t'));
    let marker = ((digits || lower) && spaced(after)) || upper_marker;
    marker.then_some(word_len)
}

/// Wraps `text` in a code span (for paths, vectors, hashes). Falls back to escaped inline
/// text when the text holds a pipe, which neither dialect allows unescaped in a table cell,
/// even inside code.
pub fn code(text: &str) -> String {
    let flat = text::one_line(text);
    let flat = flat.trim();
    if flat.is_empty() {
        return String::new();
    }
    if flat.contains('|') {
        return escape_run(flat, true);
    }
    text::code_span(flat)
}

/// What the user Markdown is parsed as: CommonMark with the two GFM extensions pandoc also
/// reads (pipe tables and `~~strikethrough~~`), and nothing else.
fn parse_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.render.width = 0;
    options.render.prefer_fenced = true;
    options
}

/// Makes a user's Markdown safe to embed as blocks of the report (see the module's
/// documentation). The result ends without a newline; empty when there is nothing to show.
pub fn markdown(text: &str) -> String {
    let clean = text::sanitize(text);
    if clean.trim().is_empty() {
        return String::new();
    }
    let arena = Arena::new();
    let options = parse_options();
    let root = comrak::parse_document(&arena, &clean, &options);
    neutralise(&arena, root);
    let mut out = String::new();
    // Writing into a String cannot fail.
    if comrak::format_commonmark(root, &options, &mut out).is_err() {
        return inline(&clean);
    }
    out.trim_end().to_owned()
}

/// The text of a user's Markdown on one line, its syntax dropped, escaped as [`inline`]
/// text: for a justification shown in a table cell.
pub fn plain(text: &str) -> String {
    let clean = text::sanitize(text);
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, &clean, &parse_options());
    let mut words = String::new();
    for node in root.descendants() {
        let value = &node.data().value;
        match value {
            NodeValue::Text(literal) => words.push_str(literal),
            NodeValue::Code(code) => words.push_str(&code.literal),
            NodeValue::HtmlInline(literal) => words.push_str(literal),
            NodeValue::CodeBlock(block) => {
                words.push(' ');
                words.push_str(&block.literal);
                words.push(' ');
            }
            NodeValue::HtmlBlock(block) => {
                words.push(' ');
                words.push_str(&block.literal);
                words.push(' ');
            }
            NodeValue::SoftBreak | NodeValue::LineBreak => words.push(' '),
            value if value.block() => words.push(' '),
            _ => {}
        }
    }
    let collapsed: Vec<&str> = words.split_whitespace().collect();
    inline(&collapsed.join(" "))
}

fn new_node<'a>(arena: &'a Arena<'a>, value: NodeValue) -> &'a AstNode<'a> {
    arena.alloc(AstNode::from(value))
}

/// Link targets kept: the web, mail, and paths relative to the report that stay below it
/// (an evidence file, an anchor). An absolute path, `~`, a `..` or a backslash could name
/// any file of the machine that converts the report; the same rule holds what templates
/// output ([`super::guard`]).
pub fn safe_url(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    match lower.find(':') {
        // A colon before any `/`, `?` or `#` is a scheme.
        Some(colon) if !lower[..colon].contains(['/', '?', '#']) => {
            lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("mailto:")
        }
        _ => {
            let path = url.split(['?', '#']).next().unwrap_or("");
            !url.is_empty()
                && !url.starts_with(['/', '~', '\\'])
                && !url.contains('\\')
                && !path
                    .split('/')
                    .any(|part| part == ".." || part.contains("%2e%2e") || part.contains("%2E%2E"))
        }
    }
}

/// A code block's info string, kept only when it is a plain language name.
fn safe_info(info: &str) -> String {
    let word = info.split_whitespace().next().unwrap_or("");
    let plain = !word.is_empty()
        && word.len() <= 32
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.'));
    if plain {
        word.to_owned()
    } else {
        String::new()
    }
}

/// Rewrites the tree in place so that formatting it back yields inert, structure-keeping
/// Markdown.
fn neutralise<'a>(arena: &'a Arena<'a>, root: &'a AstNode<'a>) {
    // Collected first: the rewrites below add and move nodes.
    let nodes: Vec<&'a AstNode<'a>> = root.descendants().collect();
    for node in nodes {
        let value = node.data().value.clone();
        match value {
            NodeValue::Text(literal) => {
                let starts_line = node.previous_sibling().is_none_or(|previous| {
                    matches!(
                        previous.data().value,
                        NodeValue::SoftBreak | NodeValue::LineBreak
                    )
                });
                node.data_mut().value = NodeValue::Raw(escape_run(&literal, starts_line));
            }
            NodeValue::HtmlInline(literal) => {
                let flat = literal.replace(['\n', '\r'], " ");
                let starts_line = node.previous_sibling().is_none();
                node.data_mut().value = NodeValue::Raw(escape_run(&flat, starts_line));
            }
            NodeValue::HtmlBlock(block) => {
                node.data_mut().value = NodeValue::CodeBlock(Box::new(NodeCodeBlock {
                    fenced: true,
                    fence_char: b'`',
                    fence_length: 3,
                    fence_offset: 0,
                    info: String::new(),
                    literal: block.literal,
                    closed: true,
                }));
            }
            NodeValue::CodeBlock(mut block) => {
                block.info = safe_info(&block.info);
                block.fenced = true;
                node.data_mut().value = NodeValue::CodeBlock(block);
            }
            NodeValue::Heading(_) => {
                // `# Pwned` stays visible as a bold paragraph, never a heading of the report.
                let strong = new_node(arena, NodeValue::Strong);
                let children: Vec<_> = node.children().collect();
                for child in children {
                    child.detach();
                    strong.append(child);
                }
                node.append(strong);
                node.data_mut().value = NodeValue::Paragraph;
            }
            NodeValue::Link(link) if !safe_url(&link.url) => unwrap(node),
            NodeValue::Image(link) => {
                if safe_url(&link.url) {
                    node.data_mut().value = NodeValue::Link(link);
                } else {
                    unwrap(node);
                }
            }
            NodeValue::FrontMatter(_) => node.detach(),
            _ => {}
        }
    }
}

/// Replaces `node` by its children.
fn unwrap<'a>(node: &'a AstNode<'a>) {
    let children: Vec<_> = node.children().collect();
    for child in children {
        child.detach();
        node.insert_before(child);
    }
    node.detach();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_is_escaped_for_every_context() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("# Title ##"), "\\# Title \\#\\#");
        assert_eq!(inline("line\none\ttwo"), "line one two");
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            inline("`x` *y* _z_ [l](u)"),
            "\\`x\\` \\*y\\* \\_z\\_ \\[l\\](u)"
        );
        assert_eq!(
            inline("AT&T $5 ^x ~y {=html}"),
            "AT\\&T \\$5 \\^x \\~y \\{=html\\}"
        );
        assert_eq!(inline("jm@example.org @cite"), "jm@example.org \\@cite");
        assert_eq!(inline("C:\\path"), "C:\\\\path");
        assert_eq!(inline("\x1b[2Jbell\x07"), "\u{FFFD}\\[2Jbell\u{FFFD}");
    }

    #[test]
    fn block_markers_at_the_start_are_escaped() {
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("+ item"), "\\+ item");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("a) first"), "a\\) first");
        assert_eq!(inline("iv. fourth"), "iv\\. fourth");
        assert_eq!(inline("B)  x"), "B\\)  x");
        assert_eq!(inline("B.  x"), "B\\.  x");
        assert_eq!(inline("(1) x"), "\\(1) x");
        assert_eq!(inline("--- -"), "\\--- -");
        assert_eq!(inline("===="), "\\====");
        assert_eq!(inline("+--+--+"), "\\+--+--+");
        assert_eq!(inline(": def"), "\\: def");
        assert_eq!(inline("::: notes"), "\\::: notes");
        assert_eq!(inline(":::"), "\\:::");
        assert_eq!(inline("% title"), "\\% title");
        // Not markers: left as typed.
        for text in [
            "2.3",
            "+0.9",
            "-5 °C",
            "CAM-012",
            "B. Russell",
            "None.",
            "Mr. Smith",
            "(draft)",
            "=x",
        ] {
            assert_eq!(inline(text), text);
        }
    }

    #[test]
    fn code_spans_fence_backticks_and_refuse_pipes() {
        assert_eq!(code("evidence/a.png"), "`evidence/a.png`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a|b"), "a\\|b");
        assert_eq!(code(""), "");
    }

    #[test]
    fn headings_in_markdown_become_bold_paragraphs() {
        let out = markdown("# Pwned\n\nText\n\nSetext\n===\n");
        assert_eq!(out, "**Pwned**\n\nText\n\n**Setext**");
    }

    #[test]
    fn raw_html_becomes_text_or_code() {
        let out = markdown("Click <b onclick=x>here</b>\n\n<script>alert(1)</script>\n");
        assert!(
            out.starts_with(
                "Click \\<b onclick=x\\>here\\</b\\>\n\n```\n<script>alert(1)</script>\n```"
            ),
            "{out}"
        );
    }

    #[test]
    fn fenced_div_fences_are_escaped_at_the_start_of_every_line() {
        assert_eq!(markdown("::: notes\nopened"), "\\::: notes\nopened");
        assert_eq!(markdown("closed\n:::"), "closed\n\\:::");
        assert_eq!(markdown(":::::: {.x}"), "\\:::::: \\{.x\\}");
        // Not at the start of a line: harmless, left as typed.
        assert_eq!(markdown("a ::: b"), "a ::: b");
    }

    #[test]
    fn pandoc_only_syntax_is_defused() {
        let out = markdown(
            "```{=html}\n<script>x</script>\n```\n\n`<i>`{=html} and \\input{x} and $x$\n",
        );
        assert!(out.starts_with("```\n<script>x</script>\n```"), "{out}");
        assert!(
            out.contains("`<i>`\\{=html\\} and \\\\input\\{x\\} and \\$x\\$"),
            "{out}"
        );
        let yaml = markdown("---\ntitle: x\n---\n");
        assert!(!yaml.lines().any(|line| line == "---"), "{yaml}");
    }

    #[test]
    fn markdown_keeps_lists_emphasis_code_and_tables() {
        let source = "Some *emphasis* and `code`:\n\n- one\n- two | three\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let out = markdown(source);
        assert!(out.contains("Some *emphasis* and `code`:"), "{out}");
        assert!(out.contains("- one\n- two \\| three"), "{out}");
        assert!(out.contains("| a | b |"), "{out}");
    }

    #[test]
    fn links_keep_safe_targets_and_images_become_links() {
        let out = markdown(
            "[ok](https://example.org) [bad](javascript:alert(1)) ![x](http://evil/t.png) ![y](evidence/a.png)",
        );
        assert!(out.contains("[ok](https://example.org)"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("[x](http://evil/t.png)"), "{out}");
        assert!(!out.contains("!["), "{out}");
        // Paths that leave the report's folder are not links any more; their text stays.
        let out =
            markdown("[a](/etc/passwd) [b](../../x) [c](~/.ssh/id) [d](evidence/a.png) [e](#top)");
        assert_eq!(out, "a b c [d](evidence/a.png) [e](#top)");
    }

    #[test]
    fn plain_flattens_markdown_to_one_escaped_line() {
        assert_eq!(
            plain("**No** remote access.\n\n- site offline | by design"),
            "No remote access. site offline \\| by design"
        );
    }
}
