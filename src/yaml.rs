//! YAML in and out, with the limits and error positions every reader of this crate shares.
//!
//! serde-saphyr stands in for the archived serde_yaml: it is maintained, pure Rust, bounds
//! alias expansion (no "billion laughs"), and gives line and column for every error.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_saphyr::{DefaultMessageFormatter, Location, MessageFormatter, Spanned};

use crate::error::{Error, Fix, Position, Problem, Problems, Told, Wrong};
use crate::messages::{GridExpect, GridFound, ShapePart, YamlFlaw};
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

    /// The file, whose text is `text`, did not parse as YAML.
    pub fn yaml(&mut self, text: &str, error: &serde_saphyr::Error) {
        let problem = problem(self.file, text, error);
        self.problems.push(problem);
    }

    pub fn into_error(mut self) -> Error {
        self.problems
            .sort_by_key(|problem| (problem.at.line, problem.at.column));
        self.problems.dedup();
        Error::Invalid(Problems(self.problems))
    }
}

/// A YAML error as a problem at its place in `file` (whose text is `text`), with a hint for
/// the usual causes: as data, phrased in the reader's language.
pub fn problem(file: &str, text: &str, error: &serde_saphyr::Error) -> Problem {
    let (at, flaw) = flaw(file, text, error);
    Problem::told(at, Wrong::Yaml(flaw.clone()), Fix::Yaml(Box::new(flaw)))
}

/// A record's YAML error: the problem, fixed by editing the file or restoring it from git.
pub fn record_problem(file: &str, text: &str, error: &serde_saphyr::Error) -> Problem {
    let (at, flaw) = flaw(file, text, error);
    Problem::told(at, Wrong::Yaml(flaw), Fix::EditOrRestore(file.to_owned()))
}

/// Where the parser stopped, and why, in words of the file's author: each kind of the
/// parser's errors (and of serde's, for a value of the wrong kind) said as what to change;
/// the parser's own text only for a kind none of these names. `text` is the file's, to
/// place a second document and to say what a value of the wrong kind is.
pub fn flaw(file: &str, text: &str, error: &serde_saphyr::Error) -> (Position, YamlFlaw) {
    use serde_saphyr::Error as E;
    let error = innermost(error);
    let at = error.location().filter(|at| at.line() > 0);
    let (line, column) = at.map_or((0, 0), |at| (at.line(), at.column()));
    let position = |line, column| Position::new(file, line, column);
    let detail = || sanitize(&DefaultMessageFormatter.format_message(error)).into_owned();
    // A `---` or `...` line ends the first document: what is missing or refused after it
    // comes from there.
    if matches!(
        error,
        E::MultipleDocuments { .. }
            | E::SerdeMissingField { .. }
            | E::Eof { .. }
            | E::ExternalMessage { .. }
    ) && let Some(marker) = document_marker(text)
        && (marker <= line || !matches!(error, E::ExternalMessage { .. }))
    {
        return (position(marker, 1), YamlFlaw::Documents);
    }
    let flaw = match error {
        E::ExternalMessage { source, .. } => match source.as_ref() {
            serde_saphyr::ExternalMessageSource::Parser(scan) => {
                parser_flaw(scan.kind()).unwrap_or_else(|| YamlFlaw::Syntax(detail()))
            }
            _ => YamlFlaw::Syntax(detail()),
        },
        E::Budget { .. } => YamlFlaw::TooLarge(detail()),
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => YamlFlaw::TooLarge(detail()),
        E::Eof { .. } if text.lines().all(is_blank_or_comment) => YamlFlaw::Empty,
        E::Eof { .. } => YamlFlaw::Unclosed,
        E::DuplicateMappingKey { key, .. } => YamlFlaw::KeyTwice(
            key.as_deref()
                .map(|key| sanitize(key).into_owned())
                .unwrap_or_default(),
        ),
        E::InvalidScalar { ty, .. } if ty.starts_with('u') || ty.starts_with('i') => {
            YamlFlaw::NotAWholeNumber
        }
        E::InvalidScalar { ty, .. } if ty.starts_with('f') => YamlFlaw::NotANumber,
        E::NonFiniteFloat { .. } => YamlFlaw::NotANumber,
        E::InvalidBooleanStrict { .. } => YamlFlaw::NotYesNo,
        E::SerdeMissingField { field, .. } => YamlFlaw::MissingKey((*field).to_owned()),
        E::SerdeUnknownField {
            field, expected, ..
        } => YamlFlaw::UnknownKey {
            key: sanitize(field).into_owned(),
            known: expected.iter().map(|key| (*key).to_owned()).collect(),
        },
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => YamlFlaw::NotOneOf {
            given: sanitize(variant).into_owned(),
            known: expected.iter().map(|word| (*word).to_owned()).collect(),
        },
        E::MultipleDocuments { .. } => YamlFlaw::Documents,
        E::FoldedBlockScalarMustIndentContent { .. } => YamlFlaw::BlockIndent,
        E::UnknownAnchor { .. } => YamlFlaw::Alias,
        E::UnsupportedTag { .. } | E::TaggedEnumMismatch { .. } => YamlFlaw::Tag,
        E::Unexpected { expected, .. } => {
            let expected = match *expected {
                "string scalar" | "string" | "scalar" => Some(GridExpect::OneText),
                "sequence start" | "seq" => Some(GridExpect::List),
                "mapping start" | "map" => Some(GridExpect::Entry),
                _ => None,
            };
            match shape_flaw(text, at, expected) {
                Some(flaw) => flaw,
                // What the shape cannot read: the document itself, when it starts there.
                None if expected == Some(GridExpect::Entry) && starts_document(text, at) => {
                    YamlFlaw::NotKeys
                }
                None => YamlFlaw::Value(detail()),
            }
        }
        // A key left empty (`: value`) is the one null no shape names.
        E::NullIntoString { .. } => {
            shape_flaw(text, at, Some(GridExpect::OneText)).unwrap_or(YamlFlaw::ColonInText)
        }
        E::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
        | E::ExpectedStringKeyForExternallyTaggedEnum { .. } => {
            shape_flaw(text, at, Some(GridExpect::Word))
                .unwrap_or_else(|| YamlFlaw::Value(detail()))
        }
        E::SerdeInvalidType { expected, .. } => {
            shape_flaw(text, at, Some(expect_from_serde(expected)))
                .unwrap_or_else(|| YamlFlaw::Value(detail()))
        }
        E::Message { msg, .. } => crate::messages::BadValue::told_as(msg).map_or_else(
            || YamlFlaw::Value(sanitize(msg).into_owned()),
            YamlFlaw::Bad,
        ),
        E::SerdeInvalidValue { expected, .. } => YamlFlaw::Value(sanitize(expected).into_owned()),
        _ => {
            let message = detail();
            if message.contains("recursion limit") {
                YamlFlaw::TooDeep(message)
            } else {
                YamlFlaw::Syntax(message)
            }
        }
    };
    (position(line, column), flaw)
}

/// Whether `at` is the first content of `text` (after blank lines and comments).
fn starts_document(text: &str, at: Option<Location>) -> bool {
    let first = text
        .lines()
        .position(|line| !is_blank_or_comment(line) && !line.starts_with("---"));
    at.is_some_and(|at| first.is_some_and(|first| u64::try_from(first + 1).ok() == Some(at.line())))
}

/// The error itself, out of the wrappers that add a snippet or an alias's places.
fn innermost(error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    match error.without_snippet() {
        serde_saphyr::Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with('#')
}

/// The line (from 1) of a `---` or `...` line after the document's first content: where a
/// second document would start. A `---` before any content opens the first one.
fn document_marker(text: &str) -> Option<u64> {
    let mut content = false;
    for (index, line) in text.lines().enumerate() {
        let marker = ["---", "..."].iter().any(|marker| {
            line.strip_prefix(marker)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        });
        if marker && content {
            return u64::try_from(index + 1).ok();
        }
        if !marker && !is_blank_or_comment(line) && !line.starts_with('%') {
            content = true;
        }
    }
    None
}

/// The parser's error said as what to change, when its kind is one of the usual ones.
fn parser_flaw(kind: &serde_saphyr::granit_parser::ErrorKind) -> Option<YamlFlaw> {
    use serde_saphyr::granit_parser::ErrorKind as K;
    Some(match kind {
        K::TabNotAllowed
        | K::TabInBlockIndentation
        | K::TabAtBlockScalarStart
        | K::TabInIndentation
        | K::TabInPlainScalar => YamlFlaw::Tab,
        K::RecursionLimitExceeded => YamlFlaw::TooDeep("recursion limit exceeded".to_owned()),
        K::UnclosedQuotedScalar | K::UnclosedFlowCollection { .. } => YamlFlaw::Unclosed,
        K::UnexpectedEofFlowSequence
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping => YamlFlaw::Unclosed,
        K::MappingValueNotAllowed => YamlFlaw::ColonInText,
        K::UnexpectedCharacter { character } if character.is_control() => {
            YamlFlaw::ControlCharacter
        }
        K::UnexpectedCharacter { character } if *character == '\u{feff}' => YamlFlaw::ByteOrderMark,
        K::UnexpectedCharacter { character } => YamlFlaw::Reserved(*character),
        K::BomInsideDocument => YamlFlaw::ByteOrderMark,
        K::InvalidIndentation
        | K::ExpectedBlockMappingKey
        | K::ExpectedBlockSequenceEntry
        | K::BlockSequenceEntryNotAllowed
        | K::InvalidQuotedScalarIndent
        | K::InvalidFlowScalarIndent
        | K::SimpleKeyExpected
        | K::InvalidSimpleKey
        | K::MappingKeyNotAllowed
        | K::UnexpectedEofBlockSequence
        | K::UnexpectedEofBlockMapping => YamlFlaw::Indentation,
        K::InvalidBlockScalarIndent => YamlFlaw::BlockIndent,
        K::InvalidBlockScalarHeader | K::ZeroBlockScalarIndent => YamlFlaw::BlockHeader,
        K::ExpectedFlowMappingSeparator
        | K::ExpectedFlowSequenceSeparator
        | K::MisplacedFlowCollectionEnd
        | K::MismatchedFlowCollectionEnd { .. }
        | K::BlockEntryInFlowCollection
        | K::InvalidColonPlacement
        | K::FlowMappingValueAdjacentCollection
        | K::PlainScalarStartsWithDashFlowIndicator => YamlFlaw::Brackets,
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            YamlFlaw::AfterQuote
        }
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidLowSurrogateHexEscape
        | K::InvalidLowSurrogate
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate
        | K::InvalidUnicodeEscape => YamlFlaw::Escape,
        K::UnknownAnchor | K::MissingAnchorOrAliasName | K::AnchorCountOverflow => YamlFlaw::Alias,
        K::ExpectedTagBang
        | K::ExpectedTagDirectiveBang
        | K::InvalidGlobalTagCharacter
        | K::UndeclaredTagHandle
        | K::InvalidTagTerminator
        | K::MissingTagUri
        | K::UnclosedVerbatimTag
        | K::InvalidTagEscape
        | K::InvalidTagUtf8LeadingByte
        | K::InvalidTagUtf8TrailingByte
        | K::InvalidTagUtf8 => YamlFlaw::Tag,
        K::DuplicateVersionDirective
        | K::UnsupportedYamlMajorVersion
        | K::DuplicateTagDirective
        | K::MissingDocumentEndBeforeDirective
        | K::InvalidDirectiveTerminator
        | K::DirectiveDisallowed
        | K::MissingYamlVersionSeparator
        | K::MissingDirectiveName
        | K::InvalidDirectiveName
        | K::DirectiveByteLimitExceeded { .. }
        | K::TooManyReservedDirectiveParams { .. }
        | K::YamlVersionTooLong
        | K::MissingYamlVersion
        | K::InvalidTagDirectiveTerminator => YamlFlaw::Directive,
        K::InvalidDocumentEnd
        | K::ExpectedDocumentStart
        | K::DocumentIndicatorInQuotedScalar
        | K::MultipleDocumentsUnsupported => YamlFlaw::Documents,
        K::CommentInterceptedScalar | K::CommentNotSeparated => YamlFlaw::Comment,
        K::ExpectedWhitespace
        | K::InvalidMappingValueWhitespace
        | K::InvalidBlockEntryWhitespace => YamlFlaw::Space,
        _ => return None,
    })
}

/// What serde's `expected` (a visitor's words) asks for, as the shape words say it.
fn expect_from_serde(expected: &str) -> GridExpect {
    if expected.contains("level") {
        GridExpect::LevelOrNa
    } else if expected.contains("sequence") {
        GridExpect::List
    } else if expected.contains("string") {
        GridExpect::OneText
    } else if expected.contains("boolean") {
        GridExpect::YesNo
    } else if expected.contains("struct") || expected.contains("map") {
        GridExpect::Entry
    } else {
        GridExpect::Word
    }
}

/// A value of the wrong kind at `at`: its key and what it holds, read from the file's
/// shape. `None` when the shape does not read or names nothing there.
fn shape_flaw(text: &str, at: Option<Location>, expected: Option<GridExpect>) -> Option<YamlFlaw> {
    let expected = expected?;
    let at = at?;
    let tree: Spanned<Node> = from_str(text).ok()?;
    let place = (at.line(), at.column());
    if !matches!(tree.value, Node::Map(_)) && spot(&tree.referenced) == place {
        return Some(YamlFlaw::NotKeys);
    }
    let mut best: Option<(bool, usize, Spot)> = None;
    wrong_kind_at(&tree, None, place, 0, &mut best);
    let (_, _, spot) = best?;
    Some(YamlFlaw::Shape {
        key: spot.key,
        part: spot.part,
        expected,
        found: found(spot.node),
    })
}

/// The longest text quoted back in a problem.
const QUOTED: usize = 40;

/// What a value is, for a problem that says it is not the kind expected (a grid's or a
/// record's).
pub(crate) fn found(node: &Node) -> GridFound {
    match node {
        Node::Map(_) => GridFound::Entry,
        Node::Seq(_) => GridFound::List,
        Node::Scalar(Some(text)) => GridFound::Text(crate::text::excerpt(text, QUOTED)),
        Node::Scalar(None) | Node::Plain(Plain::Null) => GridFound::Nothing,
        Node::Plain(Plain::Bool(yes)) => GridFound::YesNo(*yes),
        Node::Plain(Plain::Int(number)) => GridFound::Number(number.to_string()),
        Node::Plain(Plain::Float(number)) => GridFound::Number(number.to_string()),
    }
}

/// Keeps `found` under `key` when it is a better match than `best`: on a value's own place
/// rather than its key's, then deeper.
fn offer<'a>(
    best: &mut Option<(bool, usize, Spot<'a>)>,
    rank: (bool, usize),
    key: &str,
    part: ShapePart,
    found: &'a Node,
) {
    if best
        .as_ref()
        .is_none_or(|(value, deep, _)| rank > (*value, *deep))
    {
        *best = Some((
            rank.0,
            rank.1,
            Spot {
                key: key.to_owned(),
                part,
                node: found,
            },
        ));
    }
}

/// A key and the value under it (or an item of it) found at a place.
struct Spot<'a> {
    key: String,
    part: ShapePart,
    node: &'a Node,
}

fn spot(at: &Location) -> (u64, u64) {
    (at.line(), at.column())
}

/// Finds the value at `place` under the key `key` (of its map, or of the list that holds
/// it): a value's own place before a key's, the deepest first.
fn wrong_kind_at<'a>(
    node: &'a Spanned<Node>,
    key: Option<(&str, ShapePart)>,
    place: (u64, u64),
    depth: usize,
    best: &mut Option<(bool, usize, Spot<'a>)>,
) {
    if let Some((key, part)) = key
        && spot(&node.referenced) == place
    {
        offer(best, (true, depth), key, part, &node.value);
    }
    match &node.value {
        Node::Map(entries) => {
            for (name, value) in entries {
                if spot(&name.referenced) == place {
                    offer(
                        best,
                        (false, depth),
                        &name.value,
                        ShapePart::Value,
                        &value.value,
                    );
                }
                wrong_kind_at(
                    value,
                    Some((&name.value, ShapePart::Value)),
                    place,
                    depth + 1,
                    best,
                );
            }
        }
        Node::Seq(items) => {
            if let Some((key, _)) = key {
                for item in items {
                    wrong_kind_at(item, Some((key, ShapePart::Item)), place, depth + 1, best);
                }
            }
        }
        Node::Scalar(_) | Node::Plain(_) => {}
    }
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
