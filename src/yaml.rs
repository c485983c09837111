//! YAML in and out, with the limits and error positions every reader of this crate shares.
//!
//! serde-saphyr stands in for the archived serde_yaml: it is maintained, pure Rust, bounds
//! alias expansion (no "billion laughs"), and gives line and column for every error.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};

use crate::error::{Position, Problem};
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

/// A YAML error as a problem at its place in `file`, with a hint for the usual causes.
pub fn problem(file: &str, error: &serde_saphyr::Error) -> Problem {
    let error = error.without_snippet();
    let (line, column) = error
        .location()
        .map_or((0, 0), |location| (location.line(), location.column()));
    let message = sanitize(&DefaultMessageFormatter.format_message(error)).into_owned();
    // The parser's limits, worded for the person who has to fix the file.
    let (message, hint) = if message.starts_with("budget breached") {
        (
            format!("the document is too large once its aliases are expanded ({message})"),
            "remove the repeated aliases (`&anchor` / `*alias`): vmsaudit files never need them",
        )
    } else if message.contains("recursion limit") {
        (
            format!("the document is nested too deeply ({message})"),
            "a grid or a record is a few levels deep: check the brackets and the indentation",
        )
    } else {
        (
            message,
            "fix the YAML at this place (indentation, quoting of `: ` inside texts, a missing or extra key)",
        )
    };
    Problem::new(Position::new(file, line, column), message, hint)
}
