//! Why the CVE matcher (`cve::matching`) gives an asset its verdict, as data: the matcher
//! fills these values and never writes a sentence, so that `cve match --json`, or anything
//! else that shows the trace, says it in the reader's language (`en.rs`, `fr.rs`) while
//! scripts read the values themselves, serialised with stable English names.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

use super::{en, fr};
use crate::lang::Lang;

/// What the pack says about one asset and one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The firmware is in an affected range (or every firmware is).
    Affected,
    /// The model matches, but whether this firmware is affected cannot be told: the auditor
    /// checks it against the advisory.
    Unknown,
    /// The model matches and the firmware is outside every affected range.
    NotAffected,
}

impl Verdict {
    /// The English word, as the JSON's `verdict` spells it with `_`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Affected => "affected",
            Verdict::Unknown => "unknown",
            Verdict::NotAffected => "not affected",
        }
    }

    pub fn phrase(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => en::verdict(self),
            Lang::Fr => fr::verdict(self),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One end of a range as the pack writes it: the bound's text, and whether that version is
/// in the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RangeEnd {
    pub bound: String,
    pub included: bool,
}

/// Where the firmware stands against a bound: below, at or above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    Less,
    Equal,
    Greater,
}

impl From<Ordering> for Order {
    fn from(order: Ordering) -> Order {
        match order {
            Ordering::Less => Order::Less,
            Ordering::Equal => Order::Equal,
            Ordering::Greater => Order::Greater,
        }
    }
}

impl Order {
    /// `<`, `=`, `>`: the same in every language.
    pub fn sign(self) -> &'static str {
        match self {
            Order::Less => "<",
            Order::Equal => "=",
            Order::Greater => ">",
        }
    }
}

/// The firmware compared with one bound of a range: `< "1.65.1"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Against {
    pub firmware_is: Order,
    pub bound: String,
}

/// Why a firmware and a bound of the pack cannot be compared (catalog/README.md §3): the
/// verdict is then "unknown", for the auditor to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "because", rename_all = "snake_case")]
pub enum Uncomparable {
    /// The firmware is a year release (`2017 R3`), the bound is not.
    FirmwareYearRelease { firmware: String, bound: String },
    /// The bound is a year release, the firmware is not.
    BoundYearRelease { firmware: String, bound: String },
    /// Both start with their firmware line, and they differ (Uniview's `DIPC-B1213`).
    OtherLine {
        firmware: String,
        line: String,
        bound: String,
        bound_line: String,
    },
    /// A number in one where the other has letters: each as written.
    NumberedDifferently {
        firmware: String,
        bound: String,
        number: String,
        letters: String,
    },
    /// The firmware is the bound's release, but only the bound has a build date (`build`).
    NoBuildDate {
        firmware: String,
        bound: String,
        build: String,
    },
    /// The bound is a build date (`2022-04`) and the firmware has none.
    NoBuildDateForDate { firmware: String, bound: String },
    /// The firmware's build stamp is no date, and the bound is one.
    StampNotADate {
        firmware: String,
        stamp: String,
        bound: String,
    },
}

impl Uncomparable {
    pub fn phrase(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::uncomparable(self),
            Lang::Fr => fr::uncomparable(self),
        }
    }
}

/// In English: the version module's tests read it.
impl fmt::Display for Uncomparable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase(Lang::En))
    }
}

/// What one range of an entry says about a firmware, and on what grounds (catalog/README.md
/// §1.4 and §3); its verdict follows from it ([`RangeWhy::verdict`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RangeWhy {
    /// Every firmware of the models `pattern` matches is affected, and no fix exists.
    AllVersions { pattern: String },
    /// The range names no version: the advisory must be read.
    NoUpperBound { pattern: String },
    /// The inventory gives no firmware to compare with the range's ends.
    NoFirmware {
        lower: Option<RangeEnd>,
        upper: Option<RangeEnd>,
    },
    /// The inventory's firmware does not read as a version.
    NotAVersion { firmware: String },
    /// A bound of the range does not read as a version or a build date.
    BoundNotAVersion { bound: String },
    /// A bound and the firmware cannot be compared.
    Uncomparable(Uncomparable),
    /// The firmware compared with each bound, in order (lower first), up to the first it is
    /// outside of: `inside` the range or not; `no_fix` when inside a range without an upper
    /// bound.
    Compared {
        firmware: String,
        against: Vec<Against>,
        inside: bool,
        no_fix: bool,
    },
}

impl RangeWhy {
    pub fn verdict(&self) -> Verdict {
        match self {
            RangeWhy::AllVersions { .. } | RangeWhy::Compared { inside: true, .. } => {
                Verdict::Affected
            }
            RangeWhy::Compared { inside: false, .. } => Verdict::NotAffected,
            RangeWhy::NoUpperBound { .. }
            | RangeWhy::NoFirmware { .. }
            | RangeWhy::NotAVersion { .. }
            | RangeWhy::BoundNotAVersion { .. }
            | RangeWhy::Uncomparable(_) => Verdict::Unknown,
        }
    }

    pub fn phrase(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::range_why(self),
            Lang::Fr => fr::range_why(self),
        }
    }
}

/// In English: for logs and the library's tests.
impl fmt::Display for RangeWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase(Lang::En))
    }
}

/// The auditor's trace of one match: the vendor's key and the name the inventory gave it
/// by, the model as compared, and each deciding range's pattern and grounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchTrace<'a> {
    pub vendor: &'a str,
    pub alias: &'a str,
    pub model: &'a str,
    pub ranges: Vec<(&'a str, &'a RangeWhy)>,
}

impl MatchTrace<'_> {
    /// `dahua (alias "dahua"), model "DH-IPC-HFW3441E-AS" ~ "*IPC-H*W3*", firmware "…" <
    /// "2.800.0000000.29.r.210630" → affected`, in `lang`.
    pub fn phrase(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::match_trace(self),
            Lang::Fr => fr::match_trace(self),
        }
    }
}
