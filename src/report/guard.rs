//! What a rendered report may make its converter load: the check made on the Markdown that
//! the templates output, before it is written anywhere.
//!
//! Templates are code, and an override may come from a co-auditor's commit: `![k](/home/me/
//! .ssh/id_ed25519)` in a template makes `pandoc report.md -o r.docx` embed the key in the
//! client's document, `![b](http://attacker/beacon.png)` makes pandoc fetch the URL. User
//! text is defused where it is escaped ([`super::escape`]); this holds the whole output,
//! whatever wrote it, to the same rules:
//!
//! - **Images**: only the radar chart the report is written beside (`radar.png`,
//!   `radar.svg`), by its bare name.
//! - **Links**: the targets [`escape::safe_url`] keeps in user text (the web, mail, paths
//!   below the report's folder, anchors).
//! - **Raw HTML** that loads or runs something (`<img`, `<iframe`, `<link`, `<script`, `src=`,
//!   `url(`..., an event handler such as `ontoggle=` or a `javascript:` URL, which run when
//!   `pandoc report.md -o report.html` keeps the tag). The built-in templates write no raw
//!   HTML at all.
//! - **A YAML metadata block** (a line `---` directly followed by text): pandoc reads its
//!   strings as Markdown after YAML unescapes them (`"\x21[b](http:\x2F\x2Fattacker)"` is an
//!   image to pandoc and plain text to any Markdown reader), so nothing in one can be
//!   checked. The built-in templates write none.
//!
//! The Markdown is parsed with comrak with footnotes on (pandoc reads them, and an image in
//! a footnote is embedded like any other).

use comrak::nodes::NodeValue;
use comrak::{Arena, Options};

use super::escape;
use super::sections::{Fence, sections};
use super::{RADAR_PNG, RADAR_SVG};
use crate::messages::Loaded;

/// Something the report would make its converter load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsafe {
    /// What it is: an image, a link, raw HTML, a YAML metadata block.
    pub what: Loaded,
    /// Its destination or text, as written in the Markdown.
    pub target: String,
    /// Its line in the rendered Markdown (1-based).
    pub line: usize,
}

/// Tags and attributes of raw HTML that fetch, embed or run something.
const LOADING_HTML: &[&str] = &[
    "<img", "<iframe", "<frame", "<link", "<script", "<object", "<embed", "<video", "<audio",
    "<source", "<track", "<svg", "<image", "<style", "<meta", "<base", "<form", "<input",
    "<portal", "src=", "href=", "srcset=", "data=", "poster=", "url(", "@import",
];

/// Everything in `markdown` that the report must not make a converter load, in document
/// order; empty when the report is safe to write.
pub fn check(markdown: &str) -> Vec<Unsafe> {
    let mut found = Vec::new();
    let options = options();
    // One part's document tree at a time (`sections`: a part parses as it does in the
    // whole); its lines counted from the part's first.
    let mut lines_before = 0;
    for section in sections(markdown) {
        loading_nodes(&Arena::new(), section, &options, lines_before, &mut found);
        lines_before += section.matches('\n').count();
    }
    metadata_blocks(markdown, &mut found);
    found.sort_by_key(|found| found.line);
    found
}

/// comrak's settings for the check: GFM tables and strikethrough, and footnotes (pandoc
/// reads them, and an image in a footnote is embedded like any other).
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.footnotes = true;
    options
}

/// What `markdown` (a whole document or one part, after `lines_before` lines) links to,
/// shows or embeds that a converter would load.
fn loading_nodes<'a>(
    arena: &'a Arena<'a>,
    markdown: &str,
    options: &Options,
    lines_before: usize,
    found: &mut Vec<Unsafe>,
) {
    let root = comrak::parse_document(arena, markdown, options);
    for node in root.descendants() {
        let data = node.data();
        let line = lines_before + data.sourcepos.start.line;
        match &data.value {
            NodeValue::Image(link) => {
                let url = link.url.trim();
                if url != RADAR_PNG && url != RADAR_SVG {
                    found.push(Unsafe {
                        what: Loaded::Image,
                        target: link.url.clone(),
                        line,
                    });
                }
            }
            NodeValue::Link(link) if !escape::safe_url(&link.url) => found.push(Unsafe {
                what: Loaded::Link,
                target: link.url.clone(),
                line,
            }),
            NodeValue::HtmlInline(html) => loading_html(html, line, found),
            // `<img/src=x onerror=…>` is no tag to CommonMark (a `/` after the name), so
            // comrak keeps it as text, but pandoc and browsers read it as one. User text
            // reaches the report with its `<` escaped (`\<`): only a `<` unescaped in the
            // source, which a template wrote, is read as a tag here.
            NodeValue::Text(_) => {
                let (source, start) = source_of(markdown, &data.sourcepos);
                for tag in unescaped_tags(source, start) {
                    loading_html(tag, line, found);
                }
            }
            NodeValue::HtmlBlock(block) => loading_html(&block.literal, line, found),
            _ => {}
        }
    }
}

/// Raw HTML as a browser reads its attributes: lower case, character references decoded
/// (`java&#115;cript:`), no space around `=` (`href ="x"`), so that one check of the markers
/// holds however the tag is spelled.
fn normalised(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after.find(';').filter(|end| *end <= 10).and_then(|end| {
            let name = &after[..end];
            let code = match name.strip_prefix("#x") {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => name
                    .strip_prefix('#')
                    .and_then(|digits| digits.parse().ok()),
            };
            code.and_then(char::from_u32)
                .or(match name {
                    "colon" => Some(':'),
                    "tab" => Some('\t'),
                    "newline" => Some('\n'),
                    _ => None,
                })
                .map(|c| (c.to_ascii_lowercase(), end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    // `name = value` as `name=value`.
    let mut joined = String::with_capacity(out.len());
    let mut space = String::new();
    for c in out.chars() {
        if c.is_ascii_whitespace() {
            space.push(c);
            continue;
        }
        if c != '=' && !joined.ends_with('=') {
            joined.push_str(&space);
        }
        space.clear();
        joined.push(c);
    }
    joined.push_str(&space);
    joined
}

/// Whether `lower` (raw HTML, [`normalised`]) holds an attribute that runs script: an event
/// handler (`onclick=`, after a space, a `/` or a quote) or a `javascript:` URL.
fn runs_script(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let handler = lower.match_indices("on").any(|(at, _)| {
        let after_separator = at > 0
            && (bytes[at - 1].is_ascii_whitespace()
                || matches!(bytes[at - 1], b'/' | b'"' | b'\''));
        let name_end = lower[at + 2..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(lower.len(), |end| at + 2 + end);
        after_separator && name_end > at + 2 && lower[name_end..].trim_start().starts_with('=')
    });
    handler || lower.contains("javascript:")
}

/// The line of `markdown` where the node at `pos` lies (lines and columns 1-based, end
/// included), and where in it the node starts; nothing when comrak gave it no place. The
/// whole line, since a node's text may start right after the backslash that escapes it.
fn source_of<'a>(markdown: &'a str, pos: &comrak::nodes::Sourcepos) -> (&'a str, usize) {
    if pos.start.line == 0 || pos.start.line != pos.end.line {
        return ("", 0);
    }
    let Some(text) = markdown.lines().nth(pos.start.line - 1) else {
        return ("", 0);
    };
    let end = pos.end.column.min(text.len());
    (
        text.get(..end).unwrap_or(""),
        pos.start.column.saturating_sub(1),
    )
}

/// Each `<name…>` of `line` from `start` on whose `<` no backslash escapes: what a converter
/// reading raw HTML would take for a tag.
fn unescaped_tags(line: &str, start: usize) -> Vec<&str> {
    let (source, bytes) = (line, line.as_bytes());
    let mut tags = Vec::new();
    for (at, _) in source.match_indices('<').filter(|(at, _)| *at >= start) {
        // `\\<` is an escaped backslash, then a `<` as it is.
        let backslashes = bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        let escaped = backslashes % 2 == 1;
        let named = bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic);
        if !escaped && named {
            let end = source[at..]
                .find('>')
                .map_or(source.len(), |end| at + end + 1);
            tags.push(&source[at..end]);
        }
    }
    tags
}

fn loading_html(html: &str, line: usize, found: &mut Vec<Unsafe>) {
    let lower = normalised(html);
    if LOADING_HTML.iter().any(|marker| lower.contains(marker)) || runs_script(&lower) {
        found.push(Unsafe {
            what: Loaded::RawHtml,
            target: html.trim().to_owned(),
            line,
        });
    }
}

/// pandoc's YAML metadata blocks: a line `---` (outside fenced code) with text right below.
fn metadata_blocks(markdown: &str, found: &mut Vec<Unsafe>) {
    let lines: Vec<&str> = markdown.lines().collect();
    // The lines skipped as code are those pandoc surely reads as code: a fence opens only at
    // the margin after a blank line (pandoc's rule), as CommonMark opens it, and closes at
    // the first line that could close it. Taking too little for code only finds more.
    let mut fence: Option<Fence> = None;
    for (index, line) in lines.iter().enumerate() {
        let content = line.trim_start_matches(' ');
        if let Some(open) = fence {
            if line.len() - content.len() < 4 && open.may_close(content) {
                fence = None;
            }
            continue;
        }
        let after_blank = index == 0 || lines[index - 1].trim().is_empty();
        if let Some(open) = Fence::opened_by(line).filter(|_| after_blank) {
            fence = Some(open);
            continue;
        }
        let next = lines.get(index + 1).map_or("", |next| next.trim());
        if line.trim_end() == "---" && !next.is_empty() {
            found.push(Unsafe {
                what: Loaded::YamlBlock,
                target: next.to_owned(),
                line: index + 1,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::metadata_block;
    use super::*;
    use crate::grid::Lang;

    fn targets(markdown: &str) -> Vec<(Loaded, String)> {
        check(markdown)
            .into_iter()
            .map(|found| (found.what, found.target))
            .collect()
    }

    #[test]
    fn the_attack_of_issue_15_is_caught() {
        let found = targets(
            "# Report\n\n![l](/etc/passwd) ![k](/home/me/.ssh/id_ed25519) ![b](http://attacker/beacon.png)\n",
        );
        assert_eq!(
            found,
            vec![
                (Loaded::Image, "/etc/passwd".to_owned()),
                (Loaded::Image, "/home/me/.ssh/id_ed25519".to_owned()),
                (Loaded::Image, "http://attacker/beacon.png".to_owned()),
            ]
        );
    }

    #[test]
    fn the_radar_and_safe_links_pass() {
        assert!(
            check("![Radar](radar.png)\n\n[site](https://example.org) [e](evidence/ACC-01/a.png) [t](#top) x@example.org\n\n---\n\nafter a rule\n")
                .is_empty()
        );
    }

    #[test]
    fn hidden_places_are_checked_too() {
        let found = targets(
            "x[^1]\n\n[^1]: ![n](../secret.png)\n\n[r]: /etc/shadow\n\n![ref][r] [up](../../x) [f](file:///etc/passwd)\n\n<iframe src=\"http://x\"></iframe>\n\ntext <img src=/etc/passwd> more <!-- harmless -->\n\n```\n---\nnot: yaml\n```\n\n---\ntitle: \"\\x21[b](http:\\x2F\\x2Fattacker)\"\n---\n",
        );
        let whats: Vec<Loaded> = found.iter().map(|(what, _)| *what).collect();
        assert_eq!(
            whats,
            vec![
                Loaded::Image,
                Loaded::Image,
                Loaded::Link,
                Loaded::Link,
                Loaded::RawHtml,
                Loaded::RawHtml,
                Loaded::YamlBlock,
                // A backslash has no place in a link's target either.
                Loaded::Link,
            ],
            "{found:?}"
        );
    }

    #[test]
    fn raw_html_that_runs_script_is_caught() {
        for html in [
            "<details open ontoggle=alert(4)>x</details>",
            "<span onclick=\"x()\">a</span>",
            "<b\nonmouseover = 'x'>b</b>",
            "<marquee onstart=x>m</marquee>",
            "<a title=\"javascript:x\">j</a>",
            "<a href =\"java&#115;cript:alert(1)\">e</a>",
            "<b\u{c}onclick=x>f</b>",
            "<b\ronclick=x>r</b>",
            "<img/src=x onerror=alert(1)>",
            "<svg/onload=alert(1)>",
            "<details/open/ontoggle=alert(1)>",
        ] {
            let found = targets(&format!("text\n\n{html}\n"));
            assert_eq!(found.len(), 1, "{html}: {found:?}");
            assert_eq!(found[0].0, Loaded::RawHtml, "{html}");
        }
        // Words that merely hold `on` are no handler, and an escaped `<` (user text) no tag.
        assert!(check("<b class=\"bold\">conditions on site</b>\n").is_empty());
        assert!(check("a banner \\<img/src=x onerror=alert(1)> as text\n").is_empty());
    }

    /// The check made on the whole document at once, as it was before it went part by part.
    fn whole(markdown: &str) -> Vec<Unsafe> {
        let mut found = Vec::new();
        loading_nodes(&Arena::new(), markdown, &options(), 0, &mut found);
        metadata_blocks(markdown, &mut found);
        found.sort_by_key(|found| found.line);
        found
    }

    #[test]
    fn part_by_part_finds_what_the_whole_does_at_the_same_lines() {
        let attack = "![k](/home/me/.ssh/id_ed25519) [l](file:///etc/passwd) <img src=x>";
        for (lang, report) in [
            (
                Lang::En,
                include_str!("../../docs/example-report/en/report.md"),
            ),
            (
                Lang::Fr,
                include_str!("../../docs/example-report/fr/report.md"),
            ),
        ] {
            // What the guard reads: the templates' output, before the language block.
            let report = report.strip_prefix(&metadata_block(lang)).unwrap();
            assert!(sections(report).len() > 5);
            assert!(check(report).is_empty());
            // The attack in the first part, in the middle of one, and in the last.
            let lines: Vec<&str> = report.lines().collect();
            for at in [1, lines.len() / 2, lines.len() - 1] {
                let mut hostile = lines.clone();
                hostile.insert(at, attack);
                let hostile = hostile.join("\n");
                let found = check(&hostile);
                assert_eq!(found, whole(&hostile));
                assert!(
                    found.len() >= 2 && found.iter().all(|f| f.line == at + 1),
                    "{found:?}"
                );
            }
        }
    }

    #[test]
    fn a_metadata_block_after_what_only_looks_like_a_fence_is_found() {
        // Indented four spaces, or backticks with a backtick after them: no fence, so the
        // block after it is pandoc's metadata.
        for almost in [
            "    ```\n",
            "```not`a fence\n",
            "````\n```\n````\n",
            " ```\n",
            "text\n```\n",
        ] {
            let markdown = format!("# A\n\n{almost}\n---\ntitle: x\n---\n");
            assert_eq!(
                targets(&markdown),
                vec![(Loaded::YamlBlock, "title: x".to_owned())],
                "{almost:?}"
            );
        }
        // Inside a real fence, the same lines are code.
        assert!(targets("```\n---\ntitle: x\n---\n```\n").is_empty());
    }

    #[test]
    fn an_image_after_a_longer_fence_is_not_taken_for_code() {
        // In the whole document the four-backtick fence closes at its own length and the
        // image after it is real; a cut after the inner three would make it code.
        let markdown = "# A\n\n````\n```\n# inside\n````\n\n![k](/etc/passwd)\n";
        assert_eq!(
            targets(markdown),
            vec![(Loaded::Image, "/etc/passwd".to_owned())]
        );
        assert_eq!(check(markdown), whole(markdown));
    }
}
