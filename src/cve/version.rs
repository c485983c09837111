//! Firmware versions as vendors write them, compared only when the comparison means
//! something.
//!
//! Camera and recorder firmware strings are irregular: `V5.5.0 build 170725` (Hikvision),
//! `2.800.0000000.16.R` (Dahua), `10.12.114` (Axis), `V1.1.2.0-191030`, `22.2a`. A version is
//! read as its release numbers (`5.5.0`), an optional build (`170725`) and an optional
//! suffix (`R`, `a`). Two versions compare when their release numbers differ, or when they
//! are equal and their builds and suffixes can be ordered; anything else is "cannot tell",
//! which a caller reports as unknown rather than guessing affected or not.

use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    text: String,
    release: Vec<u64>,
    build: Option<u64>,
    suffix: String,
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
        Some(Version {
            text: trimmed.to_owned(),
            release,
            build,
            suffix,
        })
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
}
