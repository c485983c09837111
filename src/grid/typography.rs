//! French typography of a grid's texts: what `grid check` warns about without refusing the
//! grid.
//!
//! French puts a non-breaking space before `:` `;` `?` `!` and inside « », so that a line
//! never starts with the sign (a report printed by pandoc or a word processor would break
//! there). A grid with a plain space, or none, still loads: these are warnings, placed at the
//! French text and naming what holds it. Code spans (`` `net accounts /domain` ``), URLs
//! (`https://`), times (`10:00`) and shell syntax (`!=`) are not prose and are left alone.

use serde_saphyr::Spanned;

use crate::error::{Fix, Position, Problem, Wrong};
use crate::messages::GridPart;
use crate::yaml::{self, Node};

/// U+00A0, and U+202F (the narrow one, which careful typesetters use before `; ? !`).
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}')
}

/// How many faults are quoted in one warning; the rest are counted.
const QUOTED: usize = 3;

/// The places in `text` (French prose) where a non-breaking space is missing, each as a short
/// excerpt ending at the sign.
pub fn faults(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut in_code = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '`' {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let fault = match c {
            ':' | ';' | '?' | '!' => {
                // A sign of prose ends a word and is followed by a space or the end of the
                // text (or closes a quotation or bracket); `http://`, `10:00` and `!=` are not.
                let ends_word =
                    after.is_none_or(|a| a.is_whitespace() || matches!(a, '»' | ')' | ']' | ','));
                match before {
                    Some(b) if is_no_break_space(b) => false,
                    Some(' ') => true,
                    // `?!`, `!!`: the space goes before the first sign only.
                    Some('?' | '!') => false,
                    Some(b) => ends_word && (b.is_alphanumeric() || matches!(b, ')' | '»' | '*')),
                    None => false,
                }
            }
            '«' => after.is_some_and(|a| !is_no_break_space(a)),
            '»' => before.is_some_and(|b| !is_no_break_space(b)),
            _ => false,
        };
        if fault {
            // The words before the sign, or after an opening guillemet.
            let (start, end) = if c == '«' {
                (i, (i + 24).min(chars.len()))
            } else {
                (i.saturating_sub(24), i + 1)
            };
            let excerpt: String = chars[start..end].iter().collect();
            let excerpt = excerpt.split_whitespace().collect::<Vec<_>>().join(" ");
            let cut_before = if start > 0 { "…" } else { "" };
            let cut_after = if end < chars.len() && c == '«' {
                "…"
            } else {
                ""
            };
            found.push(format!("{cut_before}{excerpt}{cut_after}"));
        }
    }
    found
}

/// Warnings for the French texts of the grid in `text` (already checked by `parse`): one per
/// text with faults, at its position, naming the domain or control and the key.
pub fn warnings(file: &str, text: &str) -> Vec<Problem> {
    let Ok(tree) = yaml::from_str::<Spanned<Node>>(text) else {
        return Vec::new();
    };
    // A plain text (one string for every language) is shown in French too when the grid
    // speaks French.
    let plain_is_french = tree.value.get("languages").is_some_and(|(_, languages)| {
        languages
            .value
            .items()
            .iter()
            .any(|code| matches!(&code.value, Node::Scalar(Some(code)) if code == "fr"))
    });
    let mut found = Vec::new();
    let mut walker = Walker {
        file,
        plain_is_french,
        found: &mut found,
    };
    walker.walk(&tree, &GridPart::Grid, "");
    found
}

/// The keys whose value is a text of the grid (a string, or a map of language to string).
const TEXT_KEYS: &[&str] = &[
    "title",
    "description",
    "question",
    "guidance",
    "evidence",
    "recommendation",
    "label",
];

struct Walker<'a> {
    file: &'a str,
    plain_is_french: bool,
    found: &'a mut Vec<Problem>,
}

impl Walker<'_> {
    fn walk(&mut self, node: &Spanned<Node>, owner: &GridPart, key: &str) {
        match &node.value {
            Node::Map(entries) => {
                let owner = match scalar(node, "id") {
                    Some(id) if node.value.get("controls").is_some() => {
                        GridPart::Domain(id.to_owned())
                    }
                    Some(id) if node.value.get("question").is_some() => {
                        GridPart::Control(id.to_owned())
                    }
                    _ => owner.clone(),
                };
                for (name, value) in entries {
                    if name.value == "fr" {
                        if let Node::Scalar(Some(text)) = &value.value {
                            warn(text, value, &owner, key, self.file, self.found);
                        }
                        continue;
                    }
                    let child = if key.is_empty() || key == "domains" || key == "controls" {
                        name.value.clone()
                    } else {
                        format!("{key}.{}", name.value)
                    };
                    let is_text = TEXT_KEYS.contains(&name.value.as_str())
                        || key.rsplit('.').next() == Some("levels");
                    if let Node::Scalar(Some(text)) = &value.value {
                        if is_text && self.plain_is_french {
                            warn(text, value, &owner, &child, self.file, self.found);
                        }
                        continue;
                    }
                    self.walk(value, &owner, &child);
                }
            }
            Node::Seq(items) => {
                for item in items {
                    self.walk(item, owner, key);
                }
            }
            Node::Scalar(_) | Node::Plain(_) => {}
        }
    }
}

fn scalar<'a>(node: &'a Spanned<Node>, key: &str) -> Option<&'a str> {
    match &node.value.get(key)?.1.value {
        Node::Scalar(Some(text)) => Some(text),
        _ => None,
    }
}

fn warn(
    text: &str,
    at: &Spanned<Node>,
    owner: &GridPart,
    key: &str,
    file: &str,
    found: &mut Vec<Problem>,
) {
    let faults = faults(text);
    if faults.is_empty() {
        return;
    }
    found.push(Problem::told(
        Position::new(file, at.referenced.line(), at.referenced.column()),
        Wrong::NoBreakSpace {
            part: owner.clone(),
            key: key.to_owned(),
            count: faults.len(),
            quoted: faults.into_iter().take(QUOTED).collect(),
        },
        Fix::NoBreakSpace,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_space_or_none_before_a_high_sign_is_a_fault() {
        assert_eq!(faults("Les caméras ?").len(), 1);
        assert_eq!(faults("Note: le VMS").len(), 1);
        assert_eq!(faults("a ; b ; c").len(), 2);
        assert_eq!(faults("Attention !").len(), 1);
        assert_eq!(
            faults("Les caméras\u{a0}? Oui\u{202f}!"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn guillemets_need_a_non_breaking_space_inside() {
        assert_eq!(faults("le menu « Réseau »").len(), 2);
        assert_eq!(faults("le menu «Réseau»").len(), 2);
        assert!(faults("le menu «\u{a0}Réseau\u{a0}»").is_empty());
    }

    #[test]
    fn code_urls_times_and_shell_syntax_are_not_prose() {
        for text in [
            "lancer `net accounts /domain ; echo ok` puis",
            "l'adresse https://exemple.fr/a?b=1 puis",
            "à 10:00 chaque jour",
            "le test `a != b`",
            "ratio 16:9",
            "le port 554 (RTSP)\u{a0}; le port 80",
        ] {
            assert_eq!(faults(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn the_excerpt_shows_the_end_of_the_sentence() {
        let found = faults("Une politique de mots de passe est-elle appliquée sur les caméras ?");
        assert_eq!(found, ["…pliquée sur les caméras ?"]);
    }

    #[test]
    fn warnings_name_the_control_and_key_at_the_french_text() {
        let grid = "id: t\ntitle: {en: T, fr: T}\ndomains:\n  - id: ACC\n    title: {en: A, fr: « Accès »}\n    controls:\n      - id: ACC-01\n        question:\n          en: Why?\n          fr: Pourquoi ?\n        levels:\n          2: {en: ok, fr: 'partiel : oui'}\n";
        let found: Vec<String> = warnings("g.yaml", grid)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "g.yaml:5:24: French text of domain ACC, `title`: no non-breaking space at 2 place(s): \"« Accès »\", \"« Accès »\" — French puts a non-breaking space (U+00A0) before : ; ? ! and inside « »",
                "g.yaml:10:15: French text of control ACC-01, `question`: no non-breaking space at 1 place(s): \"Pourquoi ?\" — French puts a non-breaking space (U+00A0) before : ; ? ! and inside « »",
                "g.yaml:12:27: French text of control ACC-01, `levels.2`: no non-breaking space at 1 place(s): \"partiel :\" — French puts a non-breaking space (U+00A0) before : ; ? ! and inside « »",
            ]
        );
    }

    #[test]
    fn a_plain_text_is_french_too_when_the_grid_speaks_french() {
        let grid = "id: t\nlanguages: [fr]\ntitle: Audit vidéo\ndomains:\n  - id: ACC\n    title: Accès\n    controls:\n      - id: ACC-01\n        question: Pourquoi ?\n        references: [\"ANSSI : guide\"]\n        levels: {2: partiel ; oui}\n";
        let found: Vec<String> = warnings("g.yaml", grid)
            .iter()
            .map(|w| {
                w.to_string()
                    .split(" — ")
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        assert_eq!(
            found,
            [
                "g.yaml:9:19: French text of control ACC-01, `question`: no non-breaking space at 1 place(s): \"Pourquoi ?\"",
                "g.yaml:11:21: French text of control ACC-01, `levels.2`: no non-breaking space at 1 place(s): \"partiel ;\"",
            ],
            "references are not prose"
        );
        let english = grid.replace("languages: [fr]", "languages: [en]");
        assert!(warnings("g.yaml", &english).is_empty());
    }

    #[test]
    fn the_built_in_grid_has_no_typography_warning() {
        let found = warnings(super::super::builtin::NAME, super::super::builtin::SOURCE);
        let shown: Vec<String> = found.iter().take(5).map(ToString::to_string).collect();
        assert!(
            found.is_empty(),
            "{} warnings, first: {shown:#?}",
            found.len()
        );
    }
}
