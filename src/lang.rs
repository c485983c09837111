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

    /// The language tag a document declares (Word proofs and hyphenates by it): British
    /// English, as the English report is spelt.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Fr => "fr-FR",
        }
    }

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

    /// `2026-12-31`, `31/12/2026`: a date in a column too narrow for [`Lang::date`] (the
    /// checklist's tables, the spreadsheets' CSV), as each language writes it there.
    pub fn short_date(self, date: jiff::civil::Date) -> String {
        match self {
            Lang::En => date.to_string(),
            Lang::Fr => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
        }
    }

    /// `2026-12-31 15:05`, `31/12/2026 15:05`: a moment already in the reader's zone, as
    /// [`crate::clock::moment`] shows every one (it turns a timestamp into it).
    pub fn moment(self, at: jiff::civil::DateTime) -> String {
        format!("{} {}", self.short_date(at.date()), at.strftime("%H:%M"))
    }

    /// A quotation: “…” in English, «\u{a0}…\u{a0}» in French.
    pub fn quote(self, text: &str) -> String {
        match self {
            Lang::En => format!("“{text}”"),
            Lang::Fr => format!("«\u{a0}{text}\u{a0}»"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dates_and_quotes_read_as_each_language_writes_them() {
        let day = jiff::civil::date(2026, 6, 9);
        assert_eq!(Lang::En.short_date(day), "2026-06-09");
        assert_eq!(Lang::Fr.short_date(day), "09/06/2026");
        assert_eq!(Lang::En.quote("ok"), "“ok”");
        assert_eq!(Lang::Fr.quote("ok"), "«\u{a0}ok\u{a0}»");
        assert_eq!(Lang::Fr.decimal("1.7"), "1,7");
    }
}
