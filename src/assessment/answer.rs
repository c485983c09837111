use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Auditor;

/// The auditor's verdict on one control: a level of the scale, or not applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Score(u8),
    NotApplicable,
}

impl FromStr for Level {
    type Err = crate::messages::BadValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("na") || text.eq_ignore_ascii_case("n/a") {
            return Ok(Level::NotApplicable);
        }
        text.parse::<u8>()
            .map(Level::Score)
            .map_err(|_| crate::messages::BadValue::new(text, crate::messages::Expected::Level))
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Level::Score(level) => write!(f, "{level}"),
            Level::NotApplicable => f.write_str("na"),
        }
    }
}

impl Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Level::Score(level) => serializer.serialize_u8(*level),
            Level::NotApplicable => serializer.serialize_str("na"),
        }
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LevelVisitor;
        impl serde::de::Visitor<'_> for LevelVisitor {
            type Value = Level;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level of the scale (0–4) or `na`")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Level, E> {
                u8::try_from(v)
                    .map(Level::Score)
                    .map_err(|_| E::custom(format!("level {v} is not a level of the scale")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Level, E> {
                u8::try_from(v)
                    .map(Level::Score)
                    .map_err(|_| E::custom(format!("level {v} is not a level of the scale")))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Level, E> {
                v.parse().map_err(crate::messages::BadValue::into_de)
            }
        }
        deserializer.deserialize_any(LevelVisitor)
    }
}

/// A file kept as evidence, by its path inside the engagement and its content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRef {
    /// Relative to the engagement root, with `/` separators.
    pub path: String,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl EvidenceRef {
    /// Whether the reference names a file of the engagement (a path relative to its root,
    /// outside `.git`), as attaching one writes it (below `evidence/`, or in place), with a
    /// SHA-256. A record edited by hand or received through `sync` could name
    /// `/etc/passwd`, `../../.ssh/id_rsa` or `.git/config`, which the report's annex would
    /// list as evidence with a hash nobody checked.
    pub fn is_well_formed(&self) -> bool {
        let hex = self.sha256.len() == 64
            && self
                .sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        is_engagement_path(&self.path) && hex
    }
}

/// Whether `path` (with `/`) names a file of the engagement: relative to its root, every part
/// a plain name (no `..`, no backslash, no control character), outside `.git`. The rule of a
/// record's evidence, and of a file attached where it lies.
pub fn is_engagement_path(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.iter().all(|part| {
        !part.is_empty()
            && *part != "."
            && *part != ".."
            && !part.contains('\\')
            && !part.chars().any(char::is_control)
    }) && !parts[0].eq_ignore_ascii_case(".git")
}

/// The first evidence of `evidence` that is not well formed (see
/// [`EvidenceRef::is_well_formed`]).
pub fn ill_formed(evidence: &[EvidenceRef]) -> Option<&EvidenceRef> {
    evidence
        .iter()
        .find(|reference| !reference.is_well_formed())
}

/// The answer to one control, as stored in `answers/<CONTROL>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub control: String,
    pub level: Level,
    /// Carried over from the previous audit round and not yet confirmed: `vmsaudit audit
    /// start` sets it; setting the level or the observations again clears it. Written only
    /// when set, so answers of engagements without rounds read as before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverify: bool,
    /// The grid's control changed when the engagement moved to a newer version of the grid
    /// (`vmsaudit audit start --grid`): what changed, shown until the answer is re-verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<GridChange>,
    /// Markdown, kept as the auditor wrote it.
    #[serde(default)]
    pub observations: String,
    #[serde(default)]
    pub evidence: Vec<EvidenceRef>,
    pub assessed_by: Auditor,
    pub assessed_at: Timestamp,
}

/// How the control of a carried-over answer changed from the grid it was given under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridChange {
    /// The grid version the answer was given under.
    pub from: String,
    /// The control's ids in that version (two or more when merged).
    pub was: Vec<String>,
    /// What changed.
    pub parts: Vec<crate::grid::versions::Part>,
    /// The grid's note on the change, in the engagement's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl GridChange {
    /// `version 1.0.0 (ACC-04) — question, levels — the grid's note`, in `lang`.
    pub fn describe(&self, lang: crate::grid::Lang) -> String {
        let parts: Vec<&str> = self.parts.iter().map(|part| part.word(lang)).collect();
        let mut text = format!(
            "version {} ({}) — {}",
            self.from,
            self.was.join(", "),
            parts.join(", ")
        );
        if let Some(note) = &self.note {
            text.push_str(" — ");
            text.push_str(note);
        }
        text
    }
}

/// (tests only) An answer at each `(control, level)`, by control id, all by the same auditor
/// on the same day, with `observations` of each.
#[cfg(test)]
pub(crate) fn test_answers(
    levels: &[(&str, Level)],
    observations: impl Fn(&str) -> String,
) -> std::collections::BTreeMap<String, Answer> {
    levels
        .iter()
        .map(|(id, level)| {
            let answer = Answer {
                control: (*id).into(),
                level: *level,
                reverify: false,
                changed: None,
                observations: observations(id),
                evidence: vec![],
                assessed_by: "A <a@example.org>".parse().unwrap(),
                assessed_at: "2026-01-01T00:00:00Z".parse().unwrap(),
            };
            ((*id).to_owned(), answer)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_from_the_command_line() {
        assert_eq!("2".parse::<Level>(), Ok(Level::Score(2)));
        assert_eq!("NA".parse::<Level>(), Ok(Level::NotApplicable));
        assert!("high".parse::<Level>().is_err());
        assert!("-1".parse::<Level>().is_err());
    }

    #[test]
    fn answer_round_trips_through_yaml() {
        let answer = Answer {
            control: "ACC-01".into(),
            level: Level::NotApplicable,
            reverify: false,
            changed: None,
            observations: "No camera on site.\n\n- checked: | pipes | and `code`\n".into(),
            evidence: vec![EvidenceRef {
                path: "evidence/ACC-01/users.png".into(),
                sha256: "ab".repeat(32),
                note: Some("NVR users page".into()),
            }],
            assessed_by: "Jeanne Martin <jm@example.org>".parse().unwrap(),
            assessed_at: "2026-11-27T10:00:00Z".parse().unwrap(),
        };
        let text = crate::yaml::to_string(&answer).unwrap();
        assert!(text.contains("level: na"), "{text}");
        assert!(
            text.contains("observations: |"),
            "multi-line text as a block: {text}"
        );
        let back: Answer = crate::yaml::from_str(&text).unwrap();
        assert_eq!(back, answer);

        let scored = Answer {
            level: Level::Score(3),
            ..answer
        };
        let text = crate::yaml::to_string(&scored).unwrap();
        assert!(text.contains("level: 3"), "{text}");
        assert_eq!(crate::yaml::from_str::<Answer>(&text).unwrap(), scored);
        assert!(!text.contains("reverify"), "written only when set: {text}");

        let carried = Answer {
            reverify: true,
            changed: None,
            ..scored
        };
        let text = crate::yaml::to_string(&carried).unwrap();
        assert!(text.contains("level: 3\nreverify: true\n"), "{text}");
        assert_eq!(crate::yaml::from_str::<Answer>(&text).unwrap(), carried);
    }
}
