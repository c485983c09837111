//! The report as one standalone HTML file: the same Markdown rendered by comrak (GFM tables),
//! a small print-friendly stylesheet, and the radar chart inline as SVG in place of the
//! `radar.png` image.
//!
//! Raw HTML is never passed through: the Markdown holds none (see [`super::escape`]), and
//! comrak is told to escape any it would find. A Content-Security-Policy forbids scripts and
//! any outside resource, so the file stays inert even if something were missed.

use comrak::nodes::NodeValue;
use comrak::{Arena, Options};

use super::sections::sections;
use super::{RADAR_PNG, RADAR_SVG};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 11pt;
  line-height: 1.45; color: #1d232b; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.7rem; border-bottom: 2px solid #1f5fa8; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; color: #1f5fa8; margin-top: 2.2rem; }
h3 { font-size: 1.15rem; margin-top: 1.8rem; }
h4 { font-size: 1rem; margin-top: 1.4rem; }
h5 { font-size: .95rem; margin-top: 1.2rem; }
p, li { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; font-size: .92em; }
th, td { border: 1px solid #c9ccd1; padding: .3rem .45rem; vertical-align: top; text-align: left;
  overflow-wrap: break-word; word-break: normal; hyphens: manual; }
th { background: #eef2f7; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .9em;
  background: #f3f4f6; padding: 0 .2em; overflow-wrap: anywhere; }
td code { overflow-wrap: break-word; }
pre { background: #f3f4f6; padding: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
svg { max-width: 100%; height: auto; display: block; margin: 1rem auto; }
.nobr { white-space: nowrap; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  table { font-size: .9em; }
  th, td { padding: .2rem .35rem; }
  h2 { break-before: page; }
  h1 + ul + h2, h2:first-of-type { break-before: auto; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; }
  pre, svg { break-inside: avoid; }
  /* A paragraph that introduces what follows (a control's level, `Recommandation :`, a title
     on its own line) stays with it: see `mark_leads`. */
  p.lead { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  /* A short table (a summary of a few rows) in one piece; a longer one runs on with its
     header repeated. */
  table:not(:has(> tbody > tr:nth-child(9))) { break-inside: avoid; }
  /* The plan's table (eight columns, the action's id in bold first): the action's title is
     what the client reads, so its column gets room before the short ones. */
  table:has(> thead > tr > th:nth-child(8):last-child):has(> tbody > tr > td:first-child > strong:first-child)
    > thead > tr > th:first-child { width: 34%; }
  p, li { orphans: 3; widows: 3; }
  a { color: inherit; }
}
"#;

/// The footer's type: the page's margin boxes do not inherit the body's font.
const FOOTER: &str = "font-family: \"DejaVu Sans\", \"Segoe UI\", Helvetica, Arial, sans-serif; \
                      font-size: 7.5pt; color: #5b6570;";

/// The page box of print: A4, and a running footer with the report's title (which names
/// the client) and the page number, where the browser draws margin boxes (Chromium 131+).
/// The top boxes are given, empty, so that a browser printing with its own headers on (the
/// default of a print dialog) does not put its date and the title above every page.
fn page_rules(title: &str) -> String {
    format!(
        "@page {{ size: A4; margin: 16mm 14mm 18mm 14mm;\n  \
         @bottom-left {{ content: \"{}\"; {FOOTER} }}\n  \
         @bottom-right {{ content: counter(page) \" / \" counter(pages); {FOOTER} }}\n  \
         @top-left {{ content: \"\"; }} @top-center {{ content: \"\"; }} @top-right {{ content: \"\"; }} }}\n",
        css_string(title)
    )
}

/// `text` as the inside of a CSS string: letters, digits and spaces as they are, anything
/// else as a hexadecimal escape, so that no quote, backslash or `</style>` of a client's
/// name can end the string or the style sheet.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::one_line(text).chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out
}

/// A word of a table cell longer than this gets break opportunities (`<wbr>`): hashes,
/// CVSS vectors, paths. Shorter ones stay whole, so that no column is drawn narrower than
/// its longest word (ids, levels, dates, statuses, headers) while a long token cannot
/// widen its column past the page.
const LONG_TOKEN: usize = 20;

/// Where a long token breaks best: after a path's or a vector's separators, else every
/// `CHUNK` characters (a hash).
const CHUNK: usize = 10;

/// A table cell of at most this many characters is kept on one line (its spaces made
/// no-break): a level (`1 — Initial / ad hoc`), a date, a status, a short header.
const SHORT_CELL: usize = 20;

/// In a table of [`WIDE_TABLE`] columns or more (the plan, the inventory), only a cell this
/// short is kept on one line: a date or a cost may wrap there, so that the column of the
/// action's title is not squeezed by eight rigid neighbours.
const SHORT_CELL_WIDE: usize = 12;
const WIDE_TABLE: usize = 8;

/// Writes `word` escaped into `out`: with break opportunities when it is long, kept from
/// breaking at its hyphens when it is not (`F-3DMHRN`, `UPD-01`: a browser breaks after a
/// hyphen).
fn push_word(word: &str, out: &mut String) {
    let escape = |text: &str, out: &mut String| {
        // Writing into a String cannot fail.
        let _ = comrak::html::escape(out, text);
    };
    if word.chars().count() > LONG_TOKEN {
        let mut run = 0;
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            run += 1;
            let separator = matches!(c, '/' | ':' | '.' | '_' | '-' | ',' | ';' | '=' | '&' | '?');
            if separator || run >= CHUNK {
                escape(&piece, out);
                out.push_str("<wbr>");
                piece.clear();
                run = 0;
            }
        }
        escape(&piece, out);
    } else if word.contains('-') {
        out.push_str("<span class=\"nobr\">");
        escape(word, out);
        out.push_str("</span>");
    } else {
        escape(word, out);
    }
}

/// The HTML of `text` in a table cell, laid out for print (see [`push_word`]; spaces made
/// no-break when `short`), or `None` when it is to be written as it is.
fn cell_text(text: &str, short: bool) -> Option<String> {
    let words = || text.split_whitespace();
    let changed = words().any(|word| word.chars().count() > LONG_TOKEN || word.contains('-'))
        || (short && text.contains(' '));
    if !changed {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut word = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            push_word(&word, &mut out);
            word.clear();
            out.push(if short && c == ' ' { '\u{a0}' } else { c });
        } else {
            word.push(c);
        }
    }
    push_word(&word, &mut out);
    Some(out)
}

/// The characters of a cell's text.
fn cell_length<'a>(cell: &'a comrak::nodes::AstNode<'a>) -> usize {
    cell.descendants()
        .map(|node| match &node.data().value {
            NodeValue::Text(text) => text.chars().count(),
            NodeValue::Code(code) => code.literal.chars().count(),
            _ => 0,
        })
        .sum()
}

/// Lays out table cells for print: short cells on one line, long words with break
/// opportunities, every other word whole (a browser told to break anywhere cuts `Niveau`
/// into `Nive`/`au` in a narrow column; one told to break nowhere lets a hash widen its
/// column past the page).
fn lay_out_cells<'a>(root: &'a comrak::nodes::AstNode<'a>) {
    let cells: Vec<_> = root
        .descendants()
        .filter(|node| matches!(node.data().value, NodeValue::TableCell))
        .collect();
    for cell in cells {
        let columns = cell.parent().map_or(0, |row| row.children().count());
        let limit = if columns >= WIDE_TABLE {
            SHORT_CELL_WIDE
        } else {
            SHORT_CELL
        };
        let short = cell_length(cell) <= limit;
        for node in cell.descendants() {
            let html = match &node.data().value {
                NodeValue::Text(text) => cell_text(text, short),
                NodeValue::Code(code) => {
                    cell_text(&code.literal, short).map(|html| format!("<code>{html}</code>"))
                }
                _ => None,
            };
            if let Some(html) = html {
                node.data_mut().value = NodeValue::Raw(html);
            }
        }
    }
}

/// Marks the paragraphs that introduce the block after them as `<p class="lead">`, which the
/// print stylesheet keeps with that block: one ending with a colon (`**Recommandation :**`,
/// a user's `Commande :` over a code block), a bold line alone (a finding's title over its
/// recommendation) and a bold label right under a heading (a control's `Niveau :`, a domain's
/// `Score :`). comrak has no attributes on nodes: such a paragraph is rendered on its own and
/// put back as raw HTML, its children already escaped by that rendering.
fn mark_leads<'a>(root: &'a comrak::nodes::AstNode<'a>, options: &Options) {
    let leads: Vec<_> = root.children().filter(|node| leads(node)).collect();
    for node in leads {
        let mut html = String::new();
        // Writing into a String cannot fail.
        let _ = comrak::format_html(node, options, &mut html);
        let Some(rest) = html.strip_prefix("<p>") else {
            continue;
        };
        let marked = format!("<p class=\"lead\">{rest}");
        for child in node.children().collect::<Vec<_>>() {
            child.detach();
        }
        node.data_mut().value = NodeValue::Raw(marked);
    }
}

/// Whether `node` is a paragraph that introduces the block after it (see [`mark_leads`]).
fn leads<'a>(node: &'a comrak::nodes::AstNode<'a>) -> bool {
    let is = |node: Option<&'a comrak::nodes::AstNode<'a>>, what: fn(&NodeValue) -> bool| {
        node.is_some_and(|node| what(&node.data().value))
    };
    let heading = |value: &NodeValue| matches!(value, NodeValue::Heading(_));
    let strong = |value: &NodeValue| matches!(value, NodeValue::Strong);
    if !matches!(node.data().value, NodeValue::Paragraph) {
        return false;
    }
    let mut text = String::new();
    for inner in node.descendants() {
        match &inner.data().value {
            NodeValue::Text(literal) => text.push_str(literal),
            NodeValue::Code(code) => text.push_str(&code.literal),
            _ => {}
        }
    }
    let bold_first = is(node.first_child(), strong);
    let bold_alone = bold_first && node.first_child().and_then(|c| c.next_sibling()).is_none();
    // Under a heading, the label line stays with what follows even when that is the next
    // section's heading (a domain's score, then its first part): the chain then moves to the
    // next page whole, the break before the first heading being free.
    let under_heading = bold_first && is(node.previous_sibling(), heading);
    let introduces = node.next_sibling().is_some()
        && !is(node.next_sibling(), heading)
        && (text.trim_end().ends_with(':') || bold_alone);
    under_heading || introduces
}

/// Escapes text for an HTML text node or a quoted attribute, on one line.
pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::one_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders the report's Markdown into one standalone HTML document titled `title`, in the
/// language `lang` (for screen readers, hyphenation and spell-checkers), with `svg` inline
/// wherever the Markdown shows the radar chart.
pub fn to_html(markdown: &str, svg: &str, title: &str, lang: crate::grid::Lang) -> String {
    let options = options();
    // One page written in place: the body of a large report is megabytes, not to be copied
    // into the page around it.
    let mut page = String::with_capacity(STYLE.len() + svg.len() + markdown.len() * 2);
    page.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n",
        escape_html(title),
        page_rules(title),
        lang = lang.code(),
    ));
    for section in sections(markdown) {
        body(&Arena::new(), section, svg, &options, &mut page);
    }
    page.push_str("</body>\n</html>\n");
    page
}

/// comrak's settings: GFM tables and strikethrough; raw HTML escaped, never passed through.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    // The report's metadata block (`super::metadata_block`) is for pandoc, not a rule and
    // a line of text.
    options.extension.front_matter_delimiter = Some("---".to_owned());
    options.render.r#unsafe = false;
    options.render.escape = true;
    options
}

/// Writes the HTML of `markdown` (a whole document or one section) into `out`, the radar
/// inline.
fn body<'a>(arena: &'a Arena<'a>, markdown: &str, svg: &str, options: &Options, out: &mut String) {
    let root = comrak::parse_document(arena, markdown, options);
    lay_out_cells(root);
    mark_leads(root, options);
    // The chart: our own SVG, the one piece of markup passed through as is.
    let chart = svg
        .trim()
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .unwrap_or(svg.trim())
        .to_owned();
    let images: Vec<_> = root
        .descendants()
        .filter(|node| {
            matches!(&node.data().value,
                NodeValue::Image(link) if link.url == RADAR_PNG || link.url == RADAR_SVG)
        })
        .collect();
    for image in images {
        for child in image.children().collect::<Vec<_>>() {
            child.detach();
        }
        image.data_mut().value = NodeValue::Raw(chart.clone());
    }
    // Writing into a String cannot fail.
    let _ = comrak::format_html(root, options, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_is_inlined_and_html_is_escaped() {
        let markdown =
            "# Report\n\n![Radar](radar.png)\n\nText <script>x</script>\n\n<div>raw</div>\n";
        let html = to_html(
            markdown,
            "<svg id=\"chart\"></svg>\n",
            "A <title>",
            crate::grid::Lang::Fr,
        );
        assert!(html.contains("<html lang=\"fr\">"), "{html}");
        assert!(html.contains("<p><svg id=\"chart\"></svg></p>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div>"), "{html}");
        assert!(html.contains("<title>A &lt;title&gt;</title>"), "{html}");
    }

    #[test]
    fn paragraphs_that_introduce_the_next_block_are_marked_for_print() {
        let markdown = "### ACC-01 — Title\n\n**Level:** 2 (Defined)\n\n- observation\n\n\
                        **Recommendation:**\n\nDo <b>this</b>.\n\nCommand:\n\n```\nnmap\n```\n\n\
                        **F-1 — A title alone**\n\nIts text.\n\nPlain text, **bold** later.\n\nEnd.\n";
        let html = to_html(markdown, "", "t", crate::grid::Lang::En);
        for lead in [
            "<p class=\"lead\"><strong>Level:</strong> 2 (Defined)</p>",
            "<p class=\"lead\"><strong>Recommendation:</strong></p>",
            "<p class=\"lead\">Command:</p>",
            "<p class=\"lead\"><strong>F-1 — A title alone</strong></p>",
        ] {
            assert!(html.contains(lead), "{lead} in {html}");
        }
        assert!(
            html.contains("<p>Do &lt;b&gt;this&lt;/b&gt;.</p>"),
            "{html}"
        );
        assert!(
            html.contains("<p>Plain text, <strong>bold</strong> later.</p>"),
            "{html}"
        );
        assert!(html.contains("<p>End.</p>"), "{html}");
        // The top margin boxes, empty: no browser header over the pages.
        assert!(html.contains("@top-center { content: \"\"; }"), "{html}");
    }

    #[test]
    fn the_footer_names_the_report_in_a_css_string_nothing_can_end() {
        let rules = page_rules("Audit — \"Client\"; }</style><script>");
        assert!(rules.contains("counter(page)"), "{rules}");
        let quoted = rules.split("content: \"").nth(1).unwrap();
        let inside = &quoted[..quoted.find('"').unwrap()];
        assert!(
            !inside.contains(['<', '>', ';', '}', '\'', '\n']),
            "{inside}"
        );
        assert!(
            inside.starts_with("Audit \\2014  \\22 Client\\22 "),
            "{inside}"
        );
    }

    #[test]
    fn table_cells_keep_short_words_whole_and_break_long_tokens() {
        let markdown = "| Niveau | Observations |\n|---|---|\n\
            | 1 — Initial / ad hoc | F-3DMHRN seen; hash `62df40b301ab236642f9bc3086cef1845a815a4c` and a long sentence of ordinary words |\n\n\
            Outside a table: F-3DMHRN 62df40b301ab236642f9bc3086cef1845a815a4c\n";
        let html = whole(markdown);
        // A short cell on one line.
        assert!(
            html.contains("<td>1\u{a0}—\u{a0}Initial\u{a0}/\u{a0}ad\u{a0}hoc</td>"),
            "{html}"
        );
        // An id kept from breaking at its hyphen, a hash broken in pieces.
        assert!(
            html.contains("<span class=\"nobr\">F-3DMHRN</span> seen;"),
            "{html}"
        );
        assert!(
            html.contains("<code>62df40b301<wbr>ab236642f9<wbr>"),
            "{html}"
        );
        assert!(html.contains("long sentence of ordinary words"), "{html}");
        // Paragraphs are left as they are.
        assert!(
            html.contains(
                "<p>Outside a table: F-3DMHRN 62df40b301ab236642f9bc3086cef1845a815a4c</p>"
            ),
            "{html}"
        );
        // Escaping holds in the cells laid out by hand.
        let hostile = whole("| a |\n|---|\n| <b>x</b>-y&z<wbr>aaaaaaaaaaaaaaaaaaaaaaa |\n");
        assert!(
            !hostile.contains("<b>") && hostile.contains("&lt;b&gt;"),
            "{hostile}"
        );
        assert!(hostile.contains("&amp;"), "{hostile}");
    }

    fn whole(markdown: &str) -> String {
        let mut out = String::new();
        body(&Arena::new(), markdown, "<svg></svg>", &options(), &mut out);
        out
    }

    fn by_section(markdown: &str) -> String {
        let html = to_html(markdown, "<svg></svg>", "t", crate::grid::Lang::En);
        let start = html.find("<body>\n").unwrap() + "<body>\n".len();
        let end = html.rfind("</body>").unwrap();
        html[start..end].to_owned()
    }

    #[test]
    fn a_report_converted_section_by_section_is_the_report_converted_whole() {
        for report in [
            include_str!("../../docs/example-report/en/report.md"),
            include_str!("../../docs/example-report/fr/report.md"),
        ] {
            assert!(sections(report).len() > 5);
            assert_eq!(by_section(report), whole(report));
        }
        // Headings inside fenced code are text; a document with link references is one part.
        let fenced = "# A\n\n```\n## not a heading\n```\n\n## B\n\ntext\n";
        assert_eq!(sections(fenced).len(), 2);
        let lists = "# A\n\n- one\n- two\n### C\n\n1. x\n####### not a heading\n#hashtag\n#\n";
        assert_eq!(sections(lists).len(), 3);
        assert_eq!(by_section(lists), whole(lists));
        assert_eq!(by_section(fenced), whole(fenced));
        let referenced = "# A\n\nSee [the guide][g].\n\n## B\n\n[g]: https://example.org\n";
        assert_eq!(sections(referenced), vec![referenced]);
        assert_eq!(by_section(referenced), whole(referenced));
        assert!(by_section(referenced).contains("href=\"https://example.org\""));
        let html_block = "# A\n\n<div>\n## inside the block\n</div>\n\n## B\n";
        assert_eq!(sections(html_block), vec![html_block]);
        assert_eq!(by_section(html_block), whole(html_block));
    }
}
