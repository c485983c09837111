//! Hostile input, thrown at every parser: arbitrary and YAML-shaped text for grids, records,
//! CSV imports, CVSS vectors, CVE packs, firmware versions and nmap's XML; hostile text for the report's
//! escaping. Each must answer with a value or an error, never a panic or a hang. The cases
//! that once failed stay below as ordinary tests.
//!
//! `cargo test robustness` runs them with proptest's default 256 cases each;
//! `PROPTEST_CASES=100000 cargo test --release robustness` is the long run.

use proptest::prelude::*;

use crate::assessment::{Action, Answer, Asset, CvssVector, Finding};
use crate::engagement::Meta;

/// Pieces of YAML, so that generated documents reach deep into the parsers rather than
/// failing on the first byte.
fn yaml_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("id: ".to_owned()),
        Just("version: 1.0.0\n".to_owned()),
        Just("languages: [en, fr]\n".to_owned()),
        Just("title: {en: T, fr: T}\n".to_owned()),
        Just("scale:\n  - {level: 0, label: Zero}\n".to_owned()),
        Just("domains:\n".to_owned()),
        Just("  - id: ACC\n    title: A\n    controls:\n".to_owned()),
        Just("      - id: ACC-01\n        title: T\n        question: Q\n".to_owned()),
        Just("        levels: {0: a, 9: b}\n".to_owned()),
        Just("        weight: ".to_owned()),
        Just("control: ACC-01\nlevel: ".to_owned()),
        Just("na\n".to_owned()),
        Just("&a [1, 2]\n".to_owned()),
        Just("*a\n".to_owned()),
        Just("[[[[{{{".to_owned()),
        Just("\"\\u0000\\x1b]0;pwned\\x07\"\n".to_owned()),
        Just("- ".to_owned()),
        Just(": ".to_owned()),
        Just("\n  ".to_owned()),
        Just("!!binary aGVsbG8=\n".to_owned()),
        Just("<<: *a\n".to_owned()),
        any::<String>(),
        (0u32..100_000).prop_map(|n| n.to_string()),
    ]
}

fn yaml_document() -> impl Strategy<Value = String> {
    proptest::collection::vec(yaml_fragment(), 0..24).prop_map(|parts| parts.concat())
}

fn parse_all_records(text: &str) {
    let _ = crate::grid::parse("fuzz.yaml", text);
    let _ = crate::yaml::from_str::<Answer>(text);
    let _ = crate::yaml::from_str::<Finding>(text);
    let _ = crate::yaml::from_str::<Action>(text);
    let _ = crate::yaml::from_str::<Vec<Asset>>(text);
    let _ = crate::yaml::from_str::<Meta>(text);
    let _ = crate::cve::Pack::parse("fuzz.yaml", text);
}

proptest! {
    #[test]
    fn yaml_shaped_documents_never_panic_a_parser(text in yaml_document()) {
        parse_all_records(&text);
    }

    #[test]
    fn arbitrary_text_never_panics_a_parser(text in any::<String>()) {
        parse_all_records(&text);
    }

    #[test]
    fn csv_imports_never_panic(rows in proptest::collection::vec(
        proptest::collection::vec(prop_oneof![any::<String>(), Just("camera".to_owned()), Just("\"".to_owned()), Just(String::new())], 0..9),
        0..12,
    )) {
        let mut text = String::from("id,kind,vendor,model,firmware,address,location,notes\n");
        for row in rows {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        let current = crate::assessment::Assets::default();
        let _ = crate::rules::read_csv("fuzz.csv", &text, &current);
    }

    #[test]
    fn cvss_vectors_never_panic(parts in proptest::collection::vec(prop_oneof![
        Just("CVSS:3.1".to_owned()), Just("CVSS:3.0".to_owned()), Just("AV:N".to_owned()), Just("AC:L".to_owned()),
        Just("PR:N".to_owned()), Just("UI:N".to_owned()), Just("S:U".to_owned()), Just("C:H".to_owned()),
        Just("I:H".to_owned()), Just("A:H".to_owned()), Just("E:P".to_owned()), Just("MAV:X".to_owned()),
        Just("AV:Q".to_owned()), Just(String::new()), any::<String>(),
    ], 0..14)) {
        let text = parts.join("/");
        if let Ok(vector) = text.parse::<CvssVector>() {
            // A vector that parses scores within the scale and prints back as one that parses.
            let score = vector.base_score().as_f64();
            prop_assert!((0.0..=10.0).contains(&score));
            prop_assert!(vector.to_string().parse::<CvssVector>().is_ok());
        }
    }

    /// nmap's XML cut anywhere, or with any text spliced into it, is read or refused: the
    /// facts of whatever is read are phrased without a panic.
    #[test]
    fn nmap_xml_cut_or_spliced_never_panics(cut in 0usize..30_000, splice in any::<String>()) {
        let real = include_str!("../tests/fixtures/scans/devices.xml");
        let mut at = cut.min(real.len());
        while !real.is_char_boundary(at) {
            at -= 1;
        }
        for text in [real[..at].to_owned(), format!("{}{splice}{}", &real[..at], &real[at..])] {
            if let Ok(run) = crate::scan::nmap::parse("scan.xml", &text) {
                for host in &run.hosts {
                    for fact in crate::scan::facts(host, run.started) {
                        let _ = fact.describe("CAM-1", crate::grid::Lang::Fr);
                    }
                }
            }
        }
    }

    #[test]
    fn firmware_versions_compare_consistently(a in any::<String>(), b in any::<String>()) {
        if let (Some(a), Some(b)) = (crate::cve::version::Version::parse(&a), crate::cve::version::Version::parse(&b)) {
            prop_assert_eq!(a.compare(&b), b.compare(&a).map(std::cmp::Ordering::reverse));
            prop_assert_eq!(a.compare(&a), Some(std::cmp::Ordering::Equal));
        }
    }

    #[test]
    fn escaped_inline_text_stays_on_one_line_without_raw_markup(text in any::<String>()) {
        let escaped = crate::report::escape::inline(&text);
        prop_assert!(!escaped.contains('\n') && !escaped.contains('\r'));
        prop_assert!(!escaped.chars().any(|c| c.is_control()));
        let bare = escaped.match_indices('<').any(|(at, _)| !escaped[..at].ends_with('\\'));
        prop_assert!(!bare, "raw HTML could open: {escaped}");
    }

    #[test]
    fn escaped_markdown_never_starts_a_heading_or_html(text in any::<String>()) {
        let escaped = crate::report::escape::markdown(&text);
        // Inside a fenced code block (where raw HTML the user typed is put), a line is code.
        let mut fence: Option<String> = None;
        for line in escaped.lines() {
            let trimmed = line.trim_start();
            let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
            match &fence {
                Some(open) => {
                    if marker.starts_with(open.as_str()) && trimmed.trim_end() == marker {
                        fence = None;
                    }
                    continue;
                }
                None if marker.len() >= 3 => {
                    fence = Some(marker);
                    continue;
                }
                None => {}
            }
            prop_assert!(!trimmed.starts_with('#'), "heading: {line:?}");
            prop_assert!(!trimmed.starts_with('<'), "raw HTML: {line:?}");
        }
    }
}

#[test]
fn an_alias_bomb_is_refused_quickly_with_a_message() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{previous}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    // No timing here (tests assert behaviour, benchmarks measure): a runaway expansion
    // would not return at all, or run out of memory.
    let error = crate::grid::parse("bomb.yaml", &text)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("too large once its aliases are expanded"),
        "{error}"
    );
}

#[test]
fn a_deeply_nested_document_is_refused_without_overflowing_the_stack() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let error = crate::grid::parse("deep.yaml", &text)
        .unwrap_err()
        .to_string();
    assert!(error.contains("nested too deeply"), "{error}");
    let error = crate::yaml::from_str::<Answer>(&text).unwrap_err();
    assert!(
        crate::yaml::problem("deep.yaml", &text, &error)
            .to_string()
            .contains("nested too deeply")
    );
}

#[test]
fn nul_bytes_and_control_characters_are_reported_at_their_place() {
    let error = crate::grid::parse("nul.yaml", "id: x\u{0}\n")
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("nul.yaml:1:6:"), "{error}");
    assert!(
        !error.contains('\u{0}'),
        "the message itself is safe to print: {error:?}"
    );
}
