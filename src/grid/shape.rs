//! The kinds of a grid's values, checked on the positions tree before the typed pass.
//!
//! The typed pass stops at the first value of the wrong kind, with the parser's words
//! ("invalid u8", "expected sequence start"): words of Rust types, in English, about one
//! value. Here every such value is found at once and said as the grid's author thinks of it
//! (the text `two` where a whole number from 1 to 100 is expected), with how to write it.
//! What this accepts is what the typed pass reads: a value passed here that the typed pass
//! still refuses falls back to the parser's detail.

use serde_saphyr::Spanned;

use super::load::MAX_SCALE_LEVELS;
use crate::messages::{GridExpect, GridFlaw, ShapePart, TextOwner};
use crate::yaml::{Node, Plain, Report, found};

/// Checks the kinds of every value `root` (the whole grid) holds; true when one is wrong.
pub(super) fn check(root: &Spanned<Node>, report: &mut Report) -> bool {
    let mut shapes = Shapes {
        report,
        wrong: false,
    };
    shapes.grid(root);
    shapes.wrong
}

struct Shapes<'r, 'f> {
    report: &'r mut Report<'f>,
    wrong: bool,
}

/// Whether a key may be written with nothing after it (the typed pass then sees it missing,
/// and a later check says so when it is required).
#[derive(Clone, Copy, PartialEq)]
enum Empty {
    Allowed,
    Refused,
}

/// A scale level's number (or a `levels` key) the typed pass reads.
fn level_number(node: &Node) -> Option<u8> {
    match node {
        Node::Plain(Plain::Int(number)) => u8::try_from(*number).ok(),
        Node::Scalar(Some(text)) => text.trim().parse().ok(),
        _ => None,
    }
}

fn is_null(node: &Node) -> bool {
    matches!(node, Node::Plain(Plain::Null) | Node::Scalar(None))
}

/// The id an entry gives itself, as written, for naming it; else its place in its list.
fn entry_id(node: &Node, index: usize) -> String {
    match node.get("id").map(|(_, value)| &value.value) {
        Some(Node::Scalar(Some(id))) if !id.trim().is_empty() => id.clone(),
        Some(Node::Plain(Plain::Int(id))) => id.to_string(),
        _ => format!("#{}", index + 1),
    }
}

impl Shapes<'_, '_> {
    fn wrong(
        &mut self,
        at: &Spanned<Node>,
        owner: &TextOwner,
        key: &str,
        part: ShapePart,
        expected: GridExpect,
    ) {
        self.wrong = true;
        self.report.push(
            at.referenced,
            GridFlaw::Shape {
                owner: owner.clone(),
                key: key.to_owned(),
                part,
                expected,
                found: found(&at.value),
            },
        );
    }

    /// One value: an id, a code, a reference. The typed pass reads any scalar as its text.
    fn word(&mut self, node: &Spanned<Node>, owner: &TextOwner, key: &str, part: ShapePart) {
        let fits = match &node.value {
            Node::Scalar(Some(_)) => true,
            Node::Plain(Plain::Null) | Node::Scalar(None) => part == ShapePart::Value,
            Node::Plain(_) => true,
            Node::Map(_) | Node::Seq(_) => false,
        };
        if !fits {
            self.wrong(node, owner, key, part, GridExpect::Word);
        }
    }

    /// A version: a word or a number, not a yes/no.
    fn version(&mut self, node: &Spanned<Node>, owner: &TextOwner) {
        if matches!(node.value, Node::Plain(Plain::Bool(_))) {
            self.wrong(node, owner, "version", ShapePart::Value, GridExpect::Word);
        } else {
            self.word(node, owner, "version", ShapePart::Value);
        }
    }

    /// A text: one string (or a whole number), or one string per language.
    fn text(&mut self, node: &Spanned<Node>, owner: &TextOwner, key: &str, empty: Empty) {
        match &node.value {
            Node::Scalar(Some(_)) | Node::Plain(Plain::Int(_)) => {}
            Node::Map(texts) => {
                for (lang, text) in texts {
                    if matches!(text.value, Node::Map(_) | Node::Seq(_)) || is_null(&text.value) {
                        let key = format!("{key}.{}", lang.value);
                        self.wrong(text, owner, &key, ShapePart::Value, GridExpect::TextIn);
                    }
                }
            }
            value if is_null(value) && empty == Empty::Allowed => {}
            _ => self.wrong(node, owner, key, ShapePart::Value, GridExpect::Text),
        }
    }

    /// A list of single values.
    fn words(&mut self, node: &Spanned<Node>, owner: &TextOwner, key: &str, empty: Empty) {
        if let Some(items) = self.list(node, owner, key, empty) {
            for item in items {
                self.word(item, owner, key, ShapePart::Item);
            }
        }
    }

    /// The items of a list, or `None` (said) when the value is no list.
    fn list<'n>(
        &mut self,
        node: &'n Spanned<Node>,
        owner: &TextOwner,
        key: &str,
        empty: Empty,
    ) -> Option<&'n [Spanned<Node>]> {
        match &node.value {
            Node::Seq(items) => Some(items),
            value if is_null(value) && empty == Empty::Allowed => None,
            _ => {
                self.wrong(node, owner, key, ShapePart::Value, GridExpect::List);
                None
            }
        }
    }

    /// The entries of the list under `key`, each checked to be an entry: the ones that are.
    fn entries<'n>(
        &mut self,
        node: &'n Spanned<Node>,
        owner: &TextOwner,
        key: &str,
    ) -> Vec<&'n Spanned<Node>> {
        let Some(items) = self.list(node, owner, key, Empty::Allowed) else {
            return Vec::new();
        };
        items
            .iter()
            .filter(|item| {
                let is_entry = matches!(item.value, Node::Map(_));
                if !is_entry {
                    self.wrong(item, owner, key, ShapePart::Item, GridExpect::Entry);
                }
                is_entry
            })
            .collect()
    }

    fn yes_no(&mut self, node: &Spanned<Node>, owner: &TextOwner, key: &str, empty: Empty) {
        match &node.value {
            Node::Plain(Plain::Bool(_)) => {}
            value if is_null(value) && empty == Empty::Allowed => {}
            _ => self.wrong(node, owner, key, ShapePart::Value, GridExpect::YesNo),
        }
    }

    fn grid(&mut self, root: &Spanned<Node>) {
        let Node::Map(keys) = &root.value else { return };
        let owner = TextOwner::Grid;
        for (key, value) in keys {
            match key.value.as_str() {
                "id" => self.word(value, &owner, "id", ShapePart::Value),
                "version" => self.version(value, &owner),
                "languages" => self.words(value, &owner, "languages", Empty::Allowed),
                "title" | "description" => self.text(value, &owner, &key.value, Empty::Allowed),
                "scale" => {
                    for (index, level) in self.entries(value, &owner, "scale").iter().enumerate() {
                        self.level(level, index);
                    }
                }
                "domains" => {
                    for (index, domain) in self.entries(value, &owner, "domains").iter().enumerate()
                    {
                        self.domain(domain, index);
                    }
                }
                "replaces" => {
                    for entry in self.entries(value, &owner, "replaces") {
                        self.replaces(entry);
                    }
                }
                _ => {}
            }
        }
    }

    fn level(&mut self, level: &Spanned<Node>, index: usize) {
        let Node::Map(keys) = &level.value else {
            return;
        };
        // Named by its number when it reads as one, else by its place in the scale.
        let number = level
            .value
            .get("level")
            .and_then(|(_, value)| level_number(&value.value))
            .unwrap_or_else(|| u8::try_from(index).unwrap_or(u8::MAX));
        let owner = TextOwner::Level(number);
        for (key, value) in keys {
            match key.value.as_str() {
                "level" if level_number(&value.value).is_none() && !is_null(&value.value) => {
                    self.wrong(
                        value,
                        &owner,
                        "level",
                        ShapePart::Value,
                        GridExpect::Level { max: top_level() },
                    );
                }
                "label" | "description" => self.text(value, &owner, &key.value, Empty::Allowed),
                _ => {}
            }
        }
    }

    fn domain(&mut self, domain: &Spanned<Node>, index: usize) {
        let Node::Map(keys) = &domain.value else {
            return;
        };
        let owner = TextOwner::Domain(entry_id(&domain.value, index));
        for (key, value) in keys {
            match key.value.as_str() {
                "id" => self.word(value, &owner, "id", ShapePart::Value),
                "title" | "description" => self.text(value, &owner, &key.value, Empty::Allowed),
                "controls" => {
                    for (index, control) in
                        self.entries(value, &owner, "controls").iter().enumerate()
                    {
                        self.control(control, index);
                    }
                }
                _ => {}
            }
        }
    }

    fn control(&mut self, control: &Spanned<Node>, index: usize) {
        let Node::Map(keys) = &control.value else {
            return;
        };
        let owner = TextOwner::Control(entry_id(&control.value, index));
        for (key, value) in keys {
            let key = key.value.as_str();
            match key {
                "id" => self.word(value, &owner, key, ShapePart::Value),
                "title" | "question" | "guidance" | "evidence" | "recommendation" => {
                    self.text(value, &owner, key, Empty::Allowed);
                }
                "applies_to" | "references" => self.words(value, &owner, key, Empty::Refused),
                "levels" => self.level_texts(value, &owner),
                "weight" => self.weight(value, &owner),
                "critical" => self.yes_no(value, &owner, key, Empty::Refused),
                _ => {}
            }
        }
    }

    /// A control's `levels`: each key a level's number, each value a text.
    fn level_texts(&mut self, node: &Spanned<Node>, owner: &TextOwner) {
        let Node::Map(texts) = &node.value else {
            self.wrong(
                node,
                owner,
                "levels",
                ShapePart::Value,
                GridExpect::LevelTexts,
            );
            return;
        };
        for (level, text) in texts {
            if level.value.trim().parse::<u8>().is_err() {
                let at = Spanned {
                    value: Node::Scalar(Some(level.value.clone())),
                    referenced: level.referenced,
                    defined: level.defined,
                };
                self.wrong(
                    &at,
                    owner,
                    "levels",
                    ShapePart::Key,
                    GridExpect::Level { max: top_level() },
                );
                continue;
            }
            let key = format!("levels.{}", level.value.trim());
            self.text(text, owner, &key, Empty::Refused);
        }
    }

    /// A weight: any finite number here; whole and from 1 to 100 is checked after.
    fn weight(&mut self, node: &Spanned<Node>, owner: &TextOwner) {
        let fits = match &node.value {
            Node::Plain(Plain::Int(_) | Plain::Null) | Node::Scalar(None) => true,
            Node::Plain(Plain::Float(number)) => number.is_finite(),
            Node::Scalar(Some(text)) => text.trim().parse::<f64>().is_ok_and(f64::is_finite),
            _ => false,
        };
        if !fits {
            self.wrong(node, owner, "weight", ShapePart::Value, GridExpect::Weight);
        }
    }

    fn replaces(&mut self, entry: &Spanned<Node>) {
        let Node::Map(keys) = &entry.value else {
            return;
        };
        let version = match entry.value.get("version").map(|(_, value)| &value.value) {
            Some(Node::Scalar(Some(version))) => Some(version.clone()),
            Some(Node::Plain(Plain::Int(version))) => Some(version.to_string()),
            Some(Node::Plain(Plain::Float(version))) => Some(version.to_string()),
            _ => None,
        };
        let owner = TextOwner::Replaces(version.clone());
        for (key, value) in keys {
            match key.value.as_str() {
                "version" => self.version(value, &owner),
                "added" => self.words(value, &owner, "added", Empty::Refused),
                "controls" => match &value.value {
                    Node::Map(mappings) => {
                        for (old, mapping) in mappings {
                            let owner = TextOwner::Mapping {
                                version: version.clone().unwrap_or_default(),
                                old: old.value.clone(),
                            };
                            self.mapping(mapping, &owner);
                        }
                    }
                    other if is_null(other) => {}
                    _ => self.wrong(
                        value,
                        &owner,
                        "controls",
                        ShapePart::Value,
                        GridExpect::Mappings,
                    ),
                },
                _ => {}
            }
        }
    }

    fn mapping(&mut self, mapping: &Spanned<Node>, owner: &TextOwner) {
        let Node::Map(keys) = &mapping.value else {
            self.wrong(
                mapping,
                owner,
                "controls",
                ShapePart::Value,
                GridExpect::Entry,
            );
            return;
        };
        for (key, value) in keys {
            let key = key.value.as_str();
            match key {
                "hash" => self.word(value, owner, key, ShapePart::Value),
                "to" => self.words(value, owner, key, Empty::Allowed),
                "comparable" => self.yes_no(value, owner, key, Empty::Allowed),
                "note" => self.text(value, owner, key, Empty::Allowed),
                _ => {}
            }
        }
    }
}

/// The highest level number a scale can have.
fn top_level() -> u8 {
    u8::try_from(MAX_SCALE_LEVELS - 1).unwrap_or(u8::MAX)
}
