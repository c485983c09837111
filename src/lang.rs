//! The languages a person reads vmsaudit in (the interface, the messages, the report), and
//! how each writes a date and a number. Below everything that speaks, so that the messages'
//! catalogues can be chosen by it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Languages the interface and the report are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// `3 February 2026`, `3 février 2026` (`1er` in French): how every date a person
    /// reads is written, in the report, the checklist and the findings made from the pack.
    pub fn date(self, date: jiff::civil::Date) -> String {
        let month = usize::try_from(date.month() - 1).unwrap_or(0).min(11);
        match self {
            Lang::En => format!("{} {} {}", date.day(), MONTHS_EN[month], date.year()),
            Lang::Fr if date.day() == 1 => format!("1er {} {}", MONTHS_FR[month], date.year()),
            Lang::Fr => format!("{} {} {}", date.day(), MONTHS_FR[month], date.year()),
        }
    }

    /// A number with the language's decimal mark: `2.3`, `2,3`.
    pub fn decimal(self, text: &str) -> String {
        match self {
            Lang::En => text.to_owned(),
            Lang::Fr => text.replace('.', ","),
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(code: &str) -> Result<Lang, String> {
        Lang::from_code(&code.to_ascii_lowercase())
            .ok_or_else(|| format!("unknown language `{code}`: use `en` or `fr`"))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
