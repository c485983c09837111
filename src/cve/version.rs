//! Firmware versions as vendors write them, compared only when the comparison means
//! something.
//!
//! Camera and recorder firmware strings are irregular: `V5.5.0 build 170725` (Hikvision),
//! `2.800.0000000.16.R` (Dahua), `10.12.114` (Axis), `V1.1.2.0-191030`, `22.2a`. A version is
//! read as its release numbers (`5.5.0`), an optional build (`170725`) and an optional
//! suffix (`R`, `a`). Two versions compare when their release numbers differ, or when they
//! are equal and their builds and suffixes can be ordered; anything else is "cannot tell",
//! which a caller reports as unknown rather than guessing affected or not.
//!
//! Two comparisons live here, for two questions:
//! - [`Version::compare`] puts two firmware strings *as found on devices* side by side
//!   (which one is newer?). It is symmetric and conservative: a build on one side only, or
//!   `22.2` against `22.2a`, cannot be told.
//! - [`Version::compare_to_bound`] and [`Bound`] answer the CVE pack's question, "is this
//!   firmware below the bound the advisory gives?", with the rules of catalog/README.md §3:
//!   the string is read as tokens (runs of digits compared as numbers, runs of letters
//!   compared alphabetically) plus a build stamp (`build 170725`, `.r.210630`,
//!   `_20121102`, `Build Date: 2021-03-10`); a bound without a stamp names its whole release;
//!   year releases (`2017 R3`) are another numbering scheme; a bound such as `2022-04` is a
//!   build date. It is not symmetric, since the bound and the firmware play different parts.

use std::cmp::Ordering;
use std::fmt;

use jiff::civil::Date;

use crate::messages::Uncomparable;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    text: String,
    release: Vec<u64>,
    build: Option<u64>,
    suffix: String,
    /// The release as the pack's rules read it (catalog/README.md §3.2), build stamp removed.
    tokens: Vec<Token>,
    stamp: Option<Stamp>,
    /// How many of `tokens` name the firmware line (see [`Version::line`]).
    line: usize,
}

/// A firmware line: the platform a vendor names before the release numbers, such as
/// Uniview's `DIPC-B1213` in `DIPC-B1213.6.5.230215`. Two versions of different lines are
/// not in the same numbering, however their letters or numbers sort: an auditor reads a
/// vendor's fix for one line as saying nothing about another.
#[derive(Debug, Clone)]
pub struct Line {
    /// The line's tokens, lowercase, for comparing.
    key: String,
    /// The line as written in the string, for saying it.
    text: String,
}

impl PartialEq for Line {
    fn eq(&self, other: &Line) -> bool {
        self.key == other.key
    }
}

impl Eq for Line {}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// How many leading tokens name the firmware line: the letters a release starts with and
/// the number after them (`dipc`, `b`, `1213`); none when it starts with a number, as most
/// vendors' releases do (`5.4.0`, after a `V`).
fn line_length(tokens: &[Token]) -> usize {
    if !matches!(tokens.first(), Some(Token::Letters(_))) {
        return 0;
    }
    tokens
        .iter()
        .position(|token| matches!(token, Token::Number(_)))
        .map_or(tokens.len(), |at| at + 1)
}

/// One piece of a release: a run of digits or a run of letters.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// The digits without their leading zeros (`0000000` is `0`, `040` is `40`), so any
    /// length compares exactly: by length, then digit by digit.
    Number(String),
    Letters(String),
}

impl Token {
    fn number(digits: &str) -> Token {
        let trimmed = digits.trim_start_matches('0');
        Token::Number(if trimmed.is_empty() { "0" } else { trimmed }.to_owned())
    }

    fn is_zero(&self) -> bool {
        matches!(self, Token::Number(digits) if digits == "0")
    }
}

/// Two runs of digits, as numbers.
fn compare_digits(a: &str, b: &str) -> Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// A build stamp: `170725` (`build 170725`), `210630` (`.r.210630`), `20121102`
/// (`_20121102`), `2021-03-10` (`Build Date: 2021-03-10`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    digits: String,
    /// What the digits read as when they are a date: `YYMMDD` as 20YY-MM-DD, `YYYYMMDD`,
    /// `YYYY-MM-DD`.
    date: Option<Date>,
}

impl Stamp {
    fn new(text: &str) -> Stamp {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let date = read_date(text);
        Stamp { digits, date }
    }

    /// As dates when both read as dates, else as whole numbers.
    fn compare(&self, other: &Stamp) -> Ordering {
        match (self.date, other.date) {
            (Some(mine), Some(theirs)) => mine.cmp(&theirs),
            _ => compare_digits(&self.digits, &other.digits),
        }
    }

    pub fn date(&self) -> Option<Date> {
        self.date
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.date {
            Some(date) => write!(f, "{date}"),
            None => f.write_str(&self.digits),
        }
    }
}

/// `2021-03-10`, `20210310` or `210310` as a date; `None` when it is not a real date.
fn read_date(text: &str) -> Option<Date> {
    let number = |digits: &str| digits.parse::<i16>().ok();
    let (year, month, day) = match text.len() {
        10 if text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' => (
            number(&text[..4])?,
            number(&text[5..7])?,
            number(&text[8..])?,
        ),
        8 if text.bytes().all(|b| b.is_ascii_digit()) => (
            number(&text[..4])?,
            number(&text[4..6])?,
            number(&text[6..])?,
        ),
        6 if text.bytes().all(|b| b.is_ascii_digit()) => (
            2000 + number(&text[..2])?,
            number(&text[2..4])?,
            number(&text[4..])?,
        ),
        _ => return None,
    };
    if !(1990..=2099).contains(&year) {
        return None;
    }
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

impl Version {
    /// Reads `text`; `None` when it holds no release number at all (`unknown`, `N/A`, a
    /// product name).
    pub fn parse(text: &str) -> Option<Version> {
        let trimmed = text.trim();
        // The release starts at the first digit, after a `V`, `v`, `ver.` or a product word.
        let start = trimmed.find(|c: char| c.is_ascii_digit())?;
        let rest = &trimmed[start..];
        let mut release = Vec::new();
        let mut end = 0;
        for (index, part) in rest.split('.').enumerate() {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                break;
            }
            // Long runs of digits (Dahua's `0000000`) are still numbers; beyond u64 they
            // are not versions anyone ships.
            release.push(digits.parse().ok()?);
            end += if index == 0 { 0 } else { 1 } + digits.len();
            if digits.len() != part.len() {
                break;
            }
        }
        let tail = rest[end..].trim_start_matches('.');
        let (suffix, build) = split_tail(tail);
        let (tokens, stamp) = tokens_of(trimmed);
        if tokens.is_empty() {
            return None;
        }
        let line = line_length(&tokens);
        Some(Version {
            text: trimmed.to_owned(),
            release,
            build,
            suffix,
            tokens,
            stamp,
            line,
        })
    }

    /// The firmware line the release is numbered in, when the string starts with one
    /// (`DIPC-B1213` in `DIPC-B1213.6.5.230215`, `M2` in Zavio's `M2.1.6.05`).
    pub fn line(&self) -> Option<Line> {
        if self.line == 0 {
            return None;
        }
        let key = self.tokens[..self.line]
            .iter()
            .map(|token| match token {
                Token::Number(digits) => digits.as_str(),
                Token::Letters(letters) => letters.as_str(),
            })
            .collect::<Vec<_>>()
            .join("-");
        // As written: up to the end of the first run of digits.
        let start = self.text.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        let end = self.text[start..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(self.text.len(), |at| start + at);
        Some(Line {
            key,
            text: self.text[..end].to_owned(),
        })
    }

    /// The build stamp, when the string has one (`build 170725`, `.r.210630`, ...).
    pub fn stamp(&self) -> Option<&Stamp> {
        self.stamp.as_ref()
    }

    /// A year release (`2017 R3`, Milestone's scheme): a year, then `R`.
    pub fn is_year_release(&self) -> bool {
        matches!(
            self.tokens.as_slice(),
            [Token::Number(year), Token::Letters(r), ..]
                if r == "r" && year.parse::<u16>().is_ok_and(|year| (1990..=2099).contains(&year))
        )
    }

    /// Where this firmware stands against a version bound of the pack (catalog/README.md
    /// §3.3), or why that cannot be told.
    pub fn compare_to_bound(&self, bound: &Version) -> Result<Ordering, Uncomparable> {
        match (self.is_year_release(), bound.is_year_release()) {
            (true, false) => {
                return Err(Uncomparable::FirmwareYearRelease {
                    firmware: self.text.clone(),
                    bound: bound.text.clone(),
                });
            }
            (false, true) => {
                return Err(Uncomparable::BoundYearRelease {
                    firmware: self.text.clone(),
                    bound: bound.text.clone(),
                });
            }
            _ => {}
        }
        if let (Some(mine), Some(theirs)) = (self.line(), bound.line())
            && mine != theirs
        {
            return Err(Uncomparable::OtherLine {
                firmware: self.text.clone(),
                line: mine.to_string(),
                bound: bound.text.clone(),
                bound_line: theirs.to_string(),
            });
        }
        for (mine, theirs) in self.tokens.iter().zip(&bound.tokens) {
            let order = match (mine, theirs) {
                (Token::Number(a), Token::Number(b)) => compare_digits(a, b),
                (Token::Letters(a), Token::Letters(b)) => a.cmp(b),
                (Token::Number(a), Token::Letters(b)) | (Token::Letters(b), Token::Number(a)) => {
                    return Err(Uncomparable::NumberedDifferently {
                        firmware: self.text.clone(),
                        bound: bound.text.clone(),
                        number: a.clone(),
                        letters: b.clone(),
                    });
                }
            };
            if order != Ordering::Equal {
                return Ok(order);
            }
        }
        let shared = self.tokens.len().min(bound.tokens.len());
        let release = if self.tokens[shared..].iter().any(|t| !t.is_zero()) {
            Ordering::Greater
        } else if bound.tokens[shared..].iter().any(|t| !t.is_zero()) {
            Ordering::Less
        } else {
            Ordering::Equal
        };
        if release != Ordering::Equal {
            return Ok(release);
        }
        match (&self.stamp, &bound.stamp) {
            // The bound names the whole release, whatever its builds.
            (_, None) => Ok(Ordering::Equal),
            (None, Some(stamp)) => Err(Uncomparable::NoBuildDate {
                firmware: self.text.clone(),
                bound: bound.text.clone(),
                build: stamp.to_string(),
            }),
            (Some(mine), Some(theirs)) => Ok(mine.compare(theirs)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `Some(ordering)` when the two can be ordered, `None` when it cannot be told.
    pub fn compare(&self, other: &Version) -> Option<Ordering> {
        let width = self.release.len().max(other.release.len());
        let at = |release: &[u64], index: usize| release.get(index).copied().unwrap_or(0);
        for index in 0..width {
            match at(&self.release, index).cmp(&at(&other.release, index)) {
                Ordering::Equal => {}
                unequal => return Some(unequal),
            }
        }
        // Same release: the suffix, then the build, decide when both sides have them.
        let suffix = match (self.suffix.is_empty(), other.suffix.is_empty()) {
            (true, true) => Ordering::Equal,
            (false, false) if is_letter(&self.suffix) && is_letter(&other.suffix) => {
                self.suffix.to_lowercase().cmp(&other.suffix.to_lowercase())
            }
            (false, false) if self.suffix.eq_ignore_ascii_case(&other.suffix) => Ordering::Equal,
            // `22.2` against `22.2a`, or `R` against `beta`: vendors disagree on what comes first.
            _ => return None,
        };
        if suffix != Ordering::Equal {
            return Some(suffix);
        }
        match (self.build, other.build) {
            (Some(mine), Some(theirs)) => Some(mine.cmp(&theirs)),
            (None, None) => Some(Ordering::Equal),
            // One side names a build and the other does not: the same release, builds unknown.
            _ => None,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn is_letter(suffix: &str) -> bool {
    suffix.len() == 1 && suffix.chars().all(|c| c.is_ascii_alphabetic())
}

/// What follows the release numbers: a build number (`build 170725`, `-191030`,
/// `_build210628`, `(210628)`) and a suffix (`R`, `a`, `beta`).
fn split_tail(tail: &str) -> (String, Option<u64>) {
    let lower = tail.to_ascii_lowercase();
    let cleaned = lower.trim_start_matches(['-', '_', ' ', '(']);
    let after_build = cleaned
        .strip_prefix("build")
        .map(|rest| rest.trim_start_matches([' ', '-', '_', '.']));
    let digits_at = |text: &str| -> Option<u64> {
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        (digits.len() >= 4).then(|| digits.parse().ok()).flatten()
    };
    if let Some(rest) = after_build {
        return (String::new(), digits_at(rest));
    }
    if let Some(build) = digits_at(cleaned) {
        return (String::new(), Some(build));
    }
    // A suffix word, possibly followed by a build: `R`, `a`, `beta build 2001`.
    let word: String = cleaned
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let rest = cleaned[word.len()..].trim_start_matches([' ', '-', '_', '.', '(']);
    let build = rest
        .strip_prefix("build")
        .map(|rest| rest.trim_start_matches([' ', '-', '_', '.']))
        .map_or_else(|| digits_at(rest), digits_at);
    (word, build)
}

/// A bound of an affected range: a version, or a build date (`2022-04`: built before April
/// 2022, catalog/README.md §3.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    Version(Version),
    /// `YYYY-MM` is the first day of that month.
    Date {
        text: String,
        date: Date,
    },
}

impl Bound {
    /// `None` when `text` is neither a build date nor a version.
    pub fn parse(text: &str) -> Option<Bound> {
        let trimmed = text.trim();
        if let Some(date) = date_bound(trimmed) {
            // `2022-13` has the shape of a date bound but is no date: not a bound at all.
            return date.map(|date| Bound::Date {
                text: trimmed.to_owned(),
                date,
            });
        }
        Version::parse(trimmed).map(Bound::Version)
    }

    pub fn as_str(&self) -> &str {
        match self {
            Bound::Version(version) => version.as_str(),
            Bound::Date { text, .. } => text,
        }
    }

    /// Where `firmware` stands against this bound, or why that cannot be told.
    pub fn compare(&self, firmware: &Version) -> Result<Ordering, Uncomparable> {
        match self {
            Bound::Version(bound) => firmware.compare_to_bound(bound),
            Bound::Date { text, date } => match &firmware.stamp {
                None => Err(Uncomparable::NoBuildDateForDate {
                    firmware: firmware.text.clone(),
                    bound: text.clone(),
                }),
                Some(stamp) => match stamp.date {
                    Some(built) => Ok(built.cmp(date)),
                    None => Err(Uncomparable::StampNotADate {
                        firmware: firmware.text.clone(),
                        stamp: stamp.digits.clone(),
                        bound: text.clone(),
                    }),
                },
            },
        }
    }
}

crate::assessment::display_as_str!(Bound);

/// `2022-04` (the first of the month) or `2021-09-15`: `^\d{4}-\d{2}(-\d{2})?$`; `None`
/// when `text` has another shape, `Some(None)` when it has this one but is no real date.
fn date_bound(text: &str) -> Option<Option<Date>> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let shaped = match bytes.len() {
        7 => digits(0..4) && bytes[4] == b'-' && digits(5..7),
        10 => digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10),
        _ => false,
    };
    if !shaped {
        return None;
    }
    let full = if bytes.len() == 7 {
        format!("{text}-01")
    } else {
        text.to_owned()
    };
    Some(read_date(&full))
}

/// The tokens and build stamp of `text` by catalog/README.md §3.2.
fn tokens_of(text: &str) -> (Vec<Token>, Option<Stamp>) {
    let lower = text.trim().to_lowercase();
    // Vivotek writes the model before its version: `fd8164-vvtk-0200b`.
    let rest = match lower.find("vvtk-") {
        Some(at) => &lower[at + "vvtk-".len()..],
        None => lower.as_str(),
    };
    let (release, stamp) = split_stamp(rest);
    // Product words before the number: `qvr firmware 5.0.0`, `firmware ver. 4.001...`.
    let mut release = release.trim();
    while let Some((word, tail)) = release.split_once(' ') {
        if word.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        release = tail.trim_start();
    }
    if let Some(after_v) = release.strip_prefix('v')
        && after_v.starts_with(|c: char| c.is_ascii_digit())
    {
        release = after_v;
    }
    let mut tokens = Vec::new();
    let mut chars = release.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let same_kind = |other: char| {
            if c.is_ascii_digit() {
                other.is_ascii_digit()
            } else {
                other.is_alphabetic()
            }
        };
        if !c.is_ascii_digit() && !c.is_alphabetic() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            if !same_kind(next) {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        let run = &release[start..end];
        tokens.push(if c.is_ascii_digit() {
            Token::number(run)
        } else {
            Token::Letters(run.to_owned())
        });
    }
    (tokens, stamp)
}

/// The release and the build stamp of a lowercase firmware string: the first of these that
/// applies — `build date[:] YYYY-MM-DD` or `build[:] NNNNNN(NN)` anywhere, a trailing
/// `.r.NNNNNN(NN)` (the `r` stays in the release), a trailing `_NNNNNN(NN)` or `-NNNNNN(NN)`
/// (but not a short group such as `2.3.8-8`).
fn split_stamp(text: &str) -> (String, Option<Stamp>) {
    let is_stamp =
        |digits: &str| matches!(digits.len(), 6 | 8) && digits.bytes().all(|b| b.is_ascii_digit());
    for (start, _) in text.match_indices("build") {
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let mut rest = text[start + "build".len()..].trim_start();
        if let Some(after) = rest.strip_prefix("date") {
            rest = after;
        }
        rest = rest.trim_start_matches([':', ' ']);
        let digits_end = rest
            .find(|c: char| !c.is_ascii_digit() && c != '-')
            .unwrap_or(rest.len());
        let candidate = rest[..digits_end].trim_end_matches('-');
        let dated = candidate.len() == 10 && read_date(candidate).is_some();
        if dated || is_stamp(candidate) {
            let end = text.len() - rest.len() + candidate.len();
            // What follows the stamp belongs to the build (TP-Link's `1.1.15 Build 211130
            // Rel.63627n(4555)`): read as release numbers, it would put the firmware after
            // its own release. Kept only when the release comes after the build.
            let head = &text[..start];
            let release = if head.chars().any(|c| c.is_ascii_digit()) {
                head.to_owned()
            } else {
                format!("{head}{}", &text[end..])
            };
            return (release, Some(Stamp::new(candidate)));
        }
    }
    if let Some((head, digits)) = text.rsplit_once(".r.")
        && is_stamp(digits)
    {
        return (format!("{head}.r"), Some(Stamp::new(digits)));
    }
    if let Some(at) = text.rfind(['_', '-']) {
        let (head, digits) = (&text[..at], &text[at + 1..]);
        if is_stamp(digits) && head.chars().any(|c| c.is_ascii_digit()) {
            return (head.to_owned(), Some(Stamp::new(digits)));
        }
    }
    (text.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};

    fn compare(a: &str, b: &str) -> Option<Ordering> {
        Version::parse(a)
            .unwrap()
            .compare(&Version::parse(b).unwrap())
    }

    #[test]
    fn reads_real_firmware_strings() {
        let hik = Version::parse("V5.5.0 build 170725").unwrap();
        assert_eq!(
            (hik.release.as_slice(), hik.build, hik.suffix.as_str()),
            (&[5, 5, 0][..], Some(170725), "")
        );
        let dahua = Version::parse("2.800.0000000.16.R").unwrap();
        assert_eq!(
            (dahua.release.as_slice(), dahua.suffix.as_str()),
            (&[2, 800, 0, 16][..], "r")
        );
        let axis = Version::parse("10.12.114").unwrap();
        assert_eq!(axis.release, [10, 12, 114]);
        let dated = Version::parse("V1.1.2.0-191030").unwrap();
        assert_eq!(
            (dated.release.as_slice(), dated.build),
            (&[1, 1, 2, 0][..], Some(191030))
        );
        let milestone = Version::parse("22.2a").unwrap();
        assert_eq!(
            (milestone.release.as_slice(), milestone.suffix.as_str()),
            (&[22, 2][..], "a")
        );
        let worded = Version::parse("firmware ver. 4.001.0000000.5.R, build 2022-03-01").unwrap();
        assert_eq!(worded.release, [4, 1, 0, 5]);
        assert_eq!(Version::parse("unknown"), None);
        assert_eq!(Version::parse(""), None);
    }

    #[test]
    fn compares_on_a_table_of_real_strings() {
        let table = [
            ("V5.5.0 build 170725", "V5.5.800", Some(Less)),
            ("V5.5.800 build 210628", "V5.5.800", None),
            (
                "V5.5.800 build 210628",
                "V5.5.800 build 210628",
                Some(Equal),
            ),
            ("V5.6.5 build 190729", "V5.5.800", Some(Greater)),
            ("V5.4.0", "V5.4.0 build 160530", None),
            ("2.800.0000000.16.R", "2.800.0000000.23.R", Some(Less)),
            ("4.001.0000000.5.R", "4.001.0000000.5.R", Some(Equal)),
            ("10.12.114", "10.12.1", Some(Greater)),
            ("10.12", "10.12.0", Some(Equal)),
            ("9.80.3.8", "10.0", Some(Less)),
            ("V1.1.2.0-191030", "V1.1.2.0-200101", Some(Less)),
            ("22.2a", "22.2b", Some(Less)),
            ("22.2a", "22.2", None),
            ("1.0 beta", "1.0 R", None),
        ];
        for (a, b, expected) in table {
            assert_eq!(compare(a, b), expected, "{a} vs {b}");
            let reversed = expected.map(Ordering::reverse);
            assert_eq!(compare(b, a), reversed, "{b} vs {a}");
        }
    }

    /// The pack's reading of a string: tokens joined by `.`, then ` + ` and the stamp.
    fn shape(text: &str) -> String {
        let version = Version::parse(text).unwrap_or_else(|| panic!("{text} does not parse"));
        let tokens: Vec<String> = version
            .tokens
            .iter()
            .map(|token| match token {
                Token::Number(digits) => digits.clone(),
                Token::Letters(letters) => letters.clone(),
            })
            .collect();
        match &version.stamp {
            Some(stamp) => format!("{} + {stamp}", tokens.join(".")),
            None => tokens.join("."),
        }
    }

    // Every shape of catalog/README.md §3.1, as the pack's rules (§3.2) read it.
    #[test]
    fn reads_every_firmware_shape_of_the_pack() {
        let table = [
            // Hikvision cameras: `V`, `build`/`Build` + yymmdd
            ("V5.2.0 build 140721", "5.2.0 + 2014-07-21"),
            ("V5.4.0 Build 160401", "5.4.0 + 2016-04-01"),
            ("V5.5.0 build 170725", "5.5.0 + 2017-07-25"),
            // Hikvision NVR as NVD writes it, and storage: a hyphenated sub-build is no date
            ("4.30.300", "4.30.300"),
            ("2.3.8-8", "2.3.8.8"),
            ("1.1.4", "1.1.4"),
            // Dahua (NVD): lowercase r + yymmdd glued on
            ("2.800.0000000.29.r.210630", "2.800.0.29.r + 2021-06-30"),
            ("4.001.0000005.1.r.210709", "4.1.5.1.r + 2021-07-09"),
            ("4.500.0000002.0.r.210715", "4.500.2.0.r + 2021-07-15"),
            // Dahua (device UI): no build date, or a `Build Date:` beside it
            ("2.800.0000000.16.R", "2.800.0.16.r"),
            (
                "V2.800.0000000.16.R, Build Date: 2021-03-10",
                "2.800.0.16.r + 2021-03-10",
            ),
            // Amcrest: letters inside segments, 8- or 6-digit stamps
            ("v2.420.ac00.18.r.20200217", "2.420.ac.0.18.r + 2020-02-17"),
            ("v2.623.00ac004.0.r.200316", "2.623.0.ac.4.0.r + 2020-03-16"),
            ("v2.800.00ac000.0.r.200330", "2.800.0.ac.0.0.r + 2020-03-30"),
            // Axis, Axis Camera Station: leading zeros
            ("1.65.1", "1.65.1"),
            ("1.81.040.1", "1.81.40.1"),
            ("10.12.1", "10.12.1"),
            ("5.58.47195", "5.58.47195"),
            // Milestone: a letter with or without a dot; year releases
            ("10.0.a", "10.0.a"),
            ("12.1a", "12.1.a"),
            ("2016 R1", "2016.r.1"),
            ("10.2b", "10.2.b"),
            // Bosch (DIVAR strings parse, though the pack does not use them as bounds)
            ("3.71.0032", "3.71.32"),
            ("1.7.6.079", "1.7.6.79"),
            ("0380.037", "380.37"),
            // Reolink: `_` + 8 digits, a date or not
            ("v3.0.0.136_20121102", "3.0.0.136 + 2012-11-02"),
            ("v3.0.0.494_21073000", "3.0.0.494 + 21073000"),
            ("1.0.227", "1.0.227"),
            // D-Link: `b` = beta/build number
            ("1.06.01 Hotfix", "1.6.1.hotfix"),
            ("2.60b15", "2.60.b.15"),
            ("2.60B15", "2.60.b.15"),
            // NUUO, QNAP: a year-like single number, product words before the number
            ("2016", "2016"),
            ("QVR Firmware 5.0.0", "5.0.0"),
            ("6.3.40", "6.3.40"),
            // Vivotek: model + `VVTK-` + version
            ("ib8369-vvtk-0102a", "102.a"),
            ("fd8164-_vvtk-0200b", "200.b"),
            ("fd816ba-vvtk-010101", "10101"),
            // Zavio, Uniview, AVTECH, the issue's example
            ("M2.1.6.05", "m.2.1.6.5"),
            ("B6103.16.10.B25.201218", "b.6103.16.10.b.25.201218"),
            ("FullImg-1023-1007-1011-1009", "fullimg.1023.1007.1011.1009"),
            ("V1.1.2.0-191030", "1.1.2.0 + 2019-10-30"),
        ];
        for (text, expected) in table {
            assert_eq!(shape(text), expected, "{text}");
        }
        assert!(Version::parse("2017 R3").unwrap().is_year_release());
        assert!(!Version::parse("2016").unwrap().is_year_release());
        assert!(!Version::parse("12.1a").unwrap().is_year_release());
        assert_eq!(Version::parse("build 170725"), None, "a stamp alone");
    }

    /// Why it cannot be told as the English reader reads it.
    fn against(firmware: &str, bound: &str) -> Result<Ordering, String> {
        Bound::parse(bound)
            .unwrap()
            .compare(&Version::parse(firmware).unwrap())
            .map_err(|why| why.to_string())
    }

    /// Each row: a firmware string met on a real device against a pack bound, and the order
    /// the comparison gives (`None`: cannot tell).
    fn assert_against(table: &[(&str, &str, Option<Ordering>)]) {
        for (firmware, bound, expected) in table {
            let found = against(firmware, bound);
            assert_eq!(
                found.clone().ok(),
                *expected,
                "{firmware} vs {bound}: {found:?}"
            );
        }
    }

    // Firmware strings met on real devices against the pack's bounds (catalog/README.md §3.3
    // and §3.4): Hikvision, Dahua and Amcrest builds.
    #[test]
    fn compares_hikvision_and_dahua_firmware_with_pack_bounds() {
        assert_against(&[
            // Hikvision: the bound's build decides inside a release
            ("V5.3.0 build 150513", "V5.4.0 build 160530", Some(Less)),
            ("V5.4.0 build 160601", "V5.4.0 build 160530", Some(Greater)),
            ("V5.4.5 build 170123", "V5.4.0 build 160530", Some(Greater)),
            // a bound without a build names its whole release
            ("V4.30.300 build 200624", "4.30.300", Some(Equal)),
            ("V4.30.300 build 200624", "4.31.100", Some(Less)),
            // Dahua: device strings against NVD bounds
            (
                "V2.800.0000000.16.R, Build Date: 2021-03-10",
                "2.800.0000000.29.r.210630",
                Some(Less),
            ),
            (
                "V2.800.0000000.29.R, Build Date: 2021-06-30",
                "2.800.0000000.29.r.210630",
                Some(Equal),
            ),
            ("2.800.0000000.29.R", "2.800.0000000.29.r.210630", None),
            (
                "V4.001.0000000.1.R, Build Date: 2021-01-05",
                "4.001.0000005.1.r.210713",
                Some(Less),
            ),
            // Amcrest: 8-digit stamp against a build date
            (
                "V2.800.0000000.6.R, Build Date: 2020-03-14",
                "v2.800.0000000.6.r.200314",
                Some(Equal),
            ),
            (
                "V2.800.0000000.6.R, Build Date: 2020-03-14",
                "v2.420.ac00.18.r.20200217",
                Some(Greater),
            ),
        ]);
    }

    // The same for Axis, Bosch, Milestone, D-Link, Reolink, QNAP, Vivotek and Zavio.
    #[test]
    fn compares_other_vendors_firmware_with_pack_bounds() {
        assert_against(&[
            // Axis: trailing zeros, leading zeros
            ("1.65.1", "1.65.1", Some(Equal)),
            ("1.60.2", "1.65.1", Some(Less)),
            ("1.65", "1.65.0", Some(Equal)),
            ("1.81.40.1", "1.81.040.1", Some(Equal)),
            ("10.12.114", "10.12.1", Some(Greater)),
            // Bosch: a longer release is later unless its extra numbers are zeros
            ("3.81.0030", "3.81", Some(Greater)),
            ("3.81.0030", "3.81.0048", Some(Less)),
            // Milestone: letter suffixes, and year releases that compare with nothing else
            ("11.3a", "12.1a", Some(Less)),
            ("11.3a", "10.0.a", Some(Greater)),
            ("12.1", "12.1a", Some(Less)),
            ("2017 R3", "12.1a", None),
            ("12.1a", "2018 R1", None),
            ("2017 R3", "2018 R1", Some(Less)),
            // D-Link: beta builds
            ("2.60B15", "2.60b15", Some(Equal)),
            ("1.06.01", "1.05.05", Some(Greater)),
            // Reolink: `_` stamps that are not dates compare as numbers
            ("v3.0.0.136_20121102", "v3.0.0.136_20121102", Some(Equal)),
            ("v3.0.0.494_21073000", "v3.0.0.136_20121102", Some(Greater)),
            // QNAP: product words
            ("4.1.3", "QVR Firmware 5.0.0", Some(Less)),
            // Vivotek: the model before the version
            ("FD8164-VVTK-0200b", "fd8164-vvtk-0200b", Some(Equal)),
            // Zavio: the letter is part of the version
            ("M2.1.6.05", "M2.1.6.05", Some(Equal)),
            ("2.1.6.05", "M2.1.6.05", None),
        ]);
    }

    // Uniview numbers each platform's firmware on its own (CVE-2023-0773 bounds eleven
    // lines): a firmware is compared only with a bound of its own line.
    #[test]
    fn firmware_lines_compare_only_with_their_own_line() {
        assert_against(&[
            (
                "DIPC-B1213.6.6.240101",
                "dipc-b1213.6.5.230215",
                Some(Greater),
            ),
            (
                "DIPC-B1213.6.5.230215",
                "dipc-b1213.6.5.230215",
                Some(Equal),
            ),
            (
                "CIPC-B2303.2.9.240101",
                "cipc-b2303.2.8.230105",
                Some(Greater),
            ),
            // B1213 < B1216 and cipc < dipc say nothing about the fix of either line
            ("DIPC-B1213.6.6.240101", "dipc-b1216.5.7.230109", None),
            ("CIPC-B2303.2.9.240101", "dipc-b1213.6.5.230215", None),
            ("B6103.16.10.B25.201218", "dipc-b1213.6.5.230215", None),
            // Zavio's letter and first number are a line too
            ("M2.1.4.05", "M2.1.6.05", Some(Less)),
            ("M3.0.0", "M2.1.6.05", None),
        ]);
        let why = against("CIPC-B2303.2.9.240101", "dipc-b1213.6.5.230215").unwrap_err();
        assert!(
            why.contains("line CIPC-B2303") && why.contains("line dipc-b1213"),
            "{why}"
        );
        let line = |text: &str| Version::parse(text).unwrap().line();
        assert_eq!(line("DIPC-B1213.6.6.240101"), line("dipc-b1213.6.5.230215"));
        assert_eq!(line("V5.4.0 build 160530"), None);
        assert_eq!(line("fd8164-vvtk-0200b"), None);
    }

    // TP-Link's cameras report `1.1.15 Build 211130 Rel.63627n(4555)`: what follows the
    // build is the build's, so the firmware is the release NVD names (CVE-2021-4045).
    #[test]
    fn what_follows_a_build_belongs_to_the_build() {
        assert_against(&[
            (
                "1.1.15 Build 211130 Rel.63627n(4555)",
                "1.1.15",
                Some(Equal),
            ),
            ("1.1.14 Build 210809 Rel.53112n(4555)", "1.1.15", Some(Less)),
            (
                "1.1.16 Build 211209 Rel.37726n(4555)",
                "1.1.15",
                Some(Greater),
            ),
            ("1.1.15 Build 211130", "1.1.15", Some(Equal)),
            (
                "1.1.15 Build 211130 Rel.63627n(4555)",
                "1.1.15 build 211201",
                Some(Less),
            ),
        ]);
        assert_eq!(
            shape("1.1.15 Build 211130 Rel.63627n(4555)"),
            "1.1.15 + 2021-11-30"
        );
    }

    #[test]
    fn date_bounds_compare_the_build_stamp() {
        assert_against(&[
            // Date bounds read the build stamp
            (
                "V2.800.0000000.16.R, Build Date: 2022-03-10",
                "2022-04",
                Some(Less),
            ),
            (
                "V2.820.0000000.3.R, Build Date: 2022-04-01",
                "2022-04",
                Some(Equal),
            ),
            ("V2.800.0000000.16.R", "2022-04", None),
            ("v3.0.0.494_21073000", "2021-09", None),
            ("V5.5.0 build 170725", "2021-09-15", Some(Less)),
        ]);
    }

    #[test]
    fn what_cannot_be_told_says_why() {
        // Why it cannot be told, in words an auditor can check.
        let why = |firmware, bound| against(firmware, bound).unwrap_err();
        assert!(why("2017 R3", "12.1a").contains("year release"));
        assert!(why("2.800.0000000.29.R", "2.800.0000000.29.r.210630").contains("no build date"));
        assert!(why("V2.800.0000000.16.R", "2022-04").contains("no build date"));
        assert!(why("2.1.6.05", "M2.1.6.05").contains("numbered differently"));
    }

    #[test]
    fn date_bounds_have_the_pack_shape_only() {
        assert!(matches!(Bound::parse("2022-04"), Some(Bound::Date { .. })));
        assert!(matches!(
            Bound::parse("2021-09-15"),
            Some(Bound::Date { .. })
        ));
        // NVD's `2021-7` is not the shape: it reads as a version (the importer rewrites it).
        assert!(matches!(Bound::parse("2021-7"), Some(Bound::Version(_))));
        assert_eq!(Bound::parse("2022-13"), None);
        assert_eq!(Bound::parse("end of life"), None);
    }
}
