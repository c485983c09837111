//! YAML in and out, with the limits and error positions every reader of this crate shares.
//!
//! serde-saphyr stands in for the archived serde_yaml: it is maintained, pure Rust, bounds
//! alias expansion (no "billion laughs"), and gives line and column for every error.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_saphyr::{DefaultMessageFormatter, Location, MessageFormatter, Spanned};

use crate::error::{Error, Fix, Position, Problem, Problems, Told, Wrong};
use crate::messages::YamlFlaw;
use crate::text::sanitize;

/// Parses YAML with YAML 1.2 booleans: in a grid, `title: No` or a level label `N` is a
/// text, not `false` as YAML 1.1 would have it.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options(text, serde_saphyr::options! { strict_booleans: true })
}

/// Records serialise with their fields in declaration order and multi-line texts as block
/// scalars, so a record's git diff reads line by line.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, serde_saphyr::SerializeError> {
    serde_saphyr::to_string(value)
}

/// The problems found so far in one YAML file, each at its place; in file order, each once,
/// when done.
pub struct Report<'a> {
    file: &'a str,
    pub problems: Vec<Problem>,
}

impl<'a> Report<'a> {
    pub fn new(file: &'a str) -> Self {
        Report {
            file,
            problems: Vec::new(),
        }
    }

    fn position(&self, at: Location) -> Position {
        Position::new(self.file, at.line(), at.column())
    }

    /// `told` at `at`: a problem as data, said in the reader's language.
    pub fn push(&mut self, at: Location, told: impl Into<Told>) {
        let position = self.position(at);
        self.problems.push(Problem::at(position, told));
    }

    /// The file did not parse as YAML.
    pub fn yaml(&mut self, error: &serde_saphyr::Error) {
        let problem = problem(self.file, error);
        self.problems.push(problem);
    }

    pub fn into_error(mut self) -> Error {
        self.problems
            .sort_by_key(|problem| (problem.at.line, problem.at.column));
        self.problems.dedup();
        Error::Invalid(Problems(self.problems))
    }
}

/// A YAML error as a problem at its place in `file`, with a hint for the usual causes: as
/// data, phrased in the reader's language around the parser's own detail.
pub fn problem(file: &str, error: &serde_saphyr::Error) -> Problem {
    let (at, flaw) = flaw(file, error);
    Problem::told(at, Wrong::Yaml(flaw.clone()), Fix::Yaml(Box::new(flaw)))
}

/// A record's YAML error: the problem, fixed by editing the file or restoring it from git.
pub fn record_problem(file: &str, error: &serde_saphyr::Error) -> Problem {
    let (at, flaw) = flaw(file, error);
    Problem::told(at, Wrong::Yaml(flaw), Fix::EditOrRestore(file.to_owned()))
}

/// Where the parser stopped, and why; its limits named for the person who has to fix the
/// file.
pub fn flaw(file: &str, error: &serde_saphyr::Error) -> (Position, YamlFlaw) {
    let error = error.without_snippet();
    let (line, column) = error
        .location()
        .map_or((0, 0), |location| (location.line(), location.column()));
    let message = sanitize(&DefaultMessageFormatter.format_message(error)).into_owned();
    let flaw = if message.starts_with("budget breached") {
        YamlFlaw::TooLarge(message)
    } else if message.contains("recursion limit") {
        YamlFlaw::TooDeep(message)
    } else if message
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| word.eq_ignore_ascii_case("tab") || word.eq_ignore_ascii_case("tabs"))
    {
        YamlFlaw::Tab
    } else if let Some(rest) = message.strip_prefix("duplicate mapping key") {
        // `duplicate mapping key: id, set DuplicateKeyPolicy...`: the key, not the API.
        let key = rest
            .strip_prefix(": ")
            .and_then(|rest| rest.split(", set ").next())
            .or_else(|| rest.split('`').nth(1))
            .unwrap_or_default();
        YamlFlaw::KeyTwice(key.to_owned())
    } else if let Some(kind) = message.strip_prefix("invalid ")
        && matches!(
            kind,
            "u8" | "u16"
                | "u32"
                | "u64"
                | "u128"
                | "usize"
                | "i8"
                | "i16"
                | "i32"
                | "i64"
                | "i128"
                | "isize"
        )
    {
        // `invalid u8`: Rust's name of the type, said as what to write.
        YamlFlaw::NotAWholeNumber
    } else if message == "invalid floating point" || message.starts_with("non-finite float") {
        YamlFlaw::NotANumber
    } else if message.starts_with("invalid boolean") {
        YamlFlaw::NotYesNo
    } else if message.contains("mapping values are not allowed") {
        YamlFlaw::ColonInText
    } else if message.starts_with("unclosed quote") || message.starts_with("unclosed bracket") {
        YamlFlaw::Unclosed
    } else if message.starts_with("unexpected character") && message.contains("\\u{") {
        YamlFlaw::ControlCharacter
    } else {
        YamlFlaw::Syntax(message)
    };
    (Position::new(file, line, column), flaw)
}

/// A YAML document reduced to its shape, every key and item with its position (and the
/// text of string scalars, to name entries).
#[derive(Debug)]
pub(crate) enum Node {
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    /// A string, or (`None`) a scalar that is not one: what it is then is in `Plain`.
    Scalar(Option<String>),
    /// A number, a yes/no or nothing: kept so that a check of the document's shape can say
    /// what was written where a text or a list was expected.
    Plain(Plain),
}

/// A scalar that YAML did not read as a string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Plain {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
}

impl Node {
    /// The entry of a map under `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&(Spanned<String>, Spanned<Node>)> {
        match self {
            Node::Map(entries) => entries.iter().find(|(name, _)| name.value == key),
            _ => None,
        }
    }

    /// The items of a sequence; none for anything else.
    pub(crate) fn items(&self) -> &[Spanned<Node>] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }
}

pub(crate) trait Locate {
    /// The node at `path` (keys and list indexes).
    fn find(&self, path: &[&str]) -> Option<&Spanned<Node>>;
    /// Where `path` is written: the key of its last part, or the closest place above it
    /// (the entry, for a key that is missing).
    fn locate(&self, path: &[&str]) -> Location;
}

impl Locate for Spanned<Node> {
    fn find(&self, path: &[&str]) -> Option<&Spanned<Node>> {
        let mut node = self;
        for part in path {
            node = match &node.value {
                Node::Map(_) => &node.value.get(part)?.1,
                Node::Seq(items) => items.get(part.parse::<usize>().ok()?)?,
                Node::Scalar(_) | Node::Plain(_) => return None,
            };
        }
        Some(node)
    }

    fn locate(&self, path: &[&str]) -> Location {
        let mut node = self;
        let mut at = self.referenced;
        for part in path {
            match &node.value {
                Node::Map(_) => match node.value.get(part) {
                    Some((key, value)) => {
                        at = key.referenced;
                        node = value;
                    }
                    None => return at,
                },
                Node::Seq(items) => match part.parse::<usize>().ok().and_then(|i| items.get(i)) {
                    Some(item) => {
                        at = item.referenced;
                        node = item;
                    }
                    None => return at,
                },
                Node::Scalar(_) | Node::Plain(_) => return at,
            }
        }
        at
    }
}

/// Visitor methods of the scalars other than strings: their kind, for a check of shapes.
macro_rules! textless {
    ($($visit:ident: $type:ty => $plain:expr),*) => {
        $(fn $visit<E>(self, value: $type) -> Result<Node, E> {
            Ok(Node::Plain($plain(value)))
        })*
    };
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> serde::de::Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    entries.push((key, map.next_value::<Spanned<Node>>()?));
                }
                Ok(Node::Map(entries))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Node>>()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }
            textless!(visit_bool: bool => Plain::Bool,
                visit_i64: i64 => |v| Plain::Int(i128::from(v)),
                visit_i128: i128 => Plain::Int,
                visit_u64: u64 => |v| Plain::Int(i128::from(v)),
                visit_u128: u128 => |v| Plain::Int(i128::try_from(v).unwrap_or(i128::MAX)),
                visit_f64: f64 => Plain::Float);
            fn visit_bytes<E>(self, _: &[u8]) -> Result<Node, E> {
                Ok(Node::Scalar(None))
            }
            fn visit_str<E>(self, text: &str) -> Result<Node, E> {
                Ok(Node::Scalar(Some(text.to_owned())))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Plain(Plain::Null))
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Plain(Plain::Null))
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}
