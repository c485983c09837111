//! A value its type does not read: a level, a severity, an amount, a date... typed on the
//! command line (clap's value parsers) or found in a record. The accepted words are the
//! records' own (`high`, `in_progress`), the same in every language; the sentence around them
//! is phrased in each language's catalogue.

use std::cell::RefCell;
use std::fmt;

use super::{en, fr};
use crate::lang::Lang;

/// What a value should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Expected {
    /// A level of the scale, or `na`.
    Level,
    /// One of the words of a kind of value, such as a severity.
    OneOf(Kind, &'static [&'static str]),
    Amount,
    /// An amount with both `,` and `.`.
    AmountMixed,
    Score,
    Date,
    Currency,
}

/// The kinds of values read from one of a few words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Severity,
    VectorSource,
    FindingStatus,
    AssetKind,
    Complexity,
    Owner,
    ActionStatus,
}

/// `given` is not the value expected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BadValue {
    pub given: String,
    pub expected: Expected,
}

impl BadValue {
    pub fn new(given: &str, expected: Expected) -> Self {
        BadValue {
            given: given.to_owned(),
            expected,
        }
    }

    /// The error of a deserializer that refuses the value. Serde carries only its text (in
    /// English), so the value is kept aside on this thread too, for the file's problem to say
    /// it in the reader's language: [`BadValue::told_as`] gives it back for that text alone.
    pub fn into_de<E: serde::de::Error>(self) -> E {
        let error = E::custom(&self);
        REFUSED.with(|refused| *refused.borrow_mut() = Some(self));
        error
    }

    /// The value a deserializer on this thread refused last, when `message` is its text.
    pub fn told_as(message: &str) -> Option<BadValue> {
        REFUSED.with(|refused| {
            refused
                .borrow()
                .as_ref()
                .filter(|bad| bad.to_string() == message)
                .cloned()
        })
    }

    pub fn phrase(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::bad_value(self),
            Lang::Fr => fr::bad_value(self),
        }
    }
}

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase(Lang::En))
    }
}

impl std::error::Error for BadValue {}

thread_local! {
    /// The last value a deserializer refused on this thread ([`BadValue::into_de`]).
    static REFUSED: RefCell<Option<BadValue>> = const { RefCell::new(None) };
}

/// `a, b or c` with the language's word for "or".
pub fn one_of(words: &[&str], or: &str) -> String {
    match words {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} {or} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_value_is_said_in_both_languages() {
        let kinds = [
            Kind::Severity,
            Kind::VectorSource,
            Kind::FindingStatus,
            Kind::AssetKind,
            Kind::Complexity,
            Kind::Owner,
            Kind::ActionStatus,
        ];
        let mut all: Vec<Expected> = kinds
            .into_iter()
            .map(|kind| Expected::OneOf(kind, &["low", "high"]))
            .collect();
        all.extend([
            Expected::Level,
            Expected::Amount,
            Expected::AmountMixed,
            Expected::Score,
            Expected::Date,
            Expected::Currency,
        ]);
        for expected in all {
            // The exhaustive list: a new variant fails to compile until it is above.
            match expected {
                Expected::Level
                | Expected::OneOf(
                    Kind::Severity
                    | Kind::VectorSource
                    | Kind::FindingStatus
                    | Kind::AssetKind
                    | Kind::Complexity
                    | Kind::Owner
                    | Kind::ActionStatus,
                    _,
                )
                | Expected::Amount
                | Expected::AmountMixed
                | Expected::Score
                | Expected::Date
                | Expected::Currency => {}
            }
            let bad = BadValue::new("x\u{1b}y", expected);
            let (english, french) = (bad.phrase(Lang::En), bad.phrase(Lang::Fr));
            assert!(english.starts_with("`x\u{fffd}y` "), "{english}");
            assert!(french.starts_with("`x\u{fffd}y` "), "{french}");
            assert_ne!(english, french);
            assert!(french.contains("\u{a0}:"), "{french}");
            assert!(
                !french.contains(" :") && !french.contains(" or "),
                "{french}"
            );
        }
    }
}
