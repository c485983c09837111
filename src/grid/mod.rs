//! What is audited: a grid of domains and controls, the maturity scale, and their texts in
//! one or more languages.
//!
//! This module owns the validated, in-memory model. [`load`] turns YAML into it and reports
//! every problem with its place; [`builtin`] holds the grid shipped in the binary. Nothing
//! here touches the disk beyond reading a grid file, nor knows about answers.

pub mod builtin;
pub mod load;
mod shape;
pub mod typography;
pub mod versions;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use load::{parse, read, read_or_builtin};

pub use crate::lang::Lang;

/// A text of the grid: the same in every language, or one string per language code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    ByLang(Translations),
}

/// One string per language code, in code order. A grid holds thousands of these with two
/// languages each: a sorted vector, where a map's node was ten times the size of its texts'
/// handles (8 MB for a grid of 2,000 controls).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Translations(Vec<(String, String)>);

impl Translations {
    pub fn get(&self, lang: &str) -> Option<&String> {
        self.0
            .binary_search_by(|(code, _)| code.as_str().cmp(lang))
            .ok()
            .map(|index| &self.0[index].1)
    }

    /// Sets the text of `lang`, replacing the one it had.
    pub fn insert(&mut self, lang: String, text: String) {
        match self
            .0
            .binary_search_by(|(code, _)| code.as_str().cmp(&lang))
        {
            Ok(index) => self.0[index].1 = text,
            Err(index) => self.0.insert(index, (lang, text)),
        }
    }

    /// The texts a cache wrote, kept as they are when in code order without repeats (as
    /// written), sorted again otherwise: a binary search reads them, and the file may be
    /// damaged.
    fn from_written(texts: Vec<(String, String)>) -> Translations {
        if texts.windows(2).all(|pair| pair[0].0 < pair[1].0) {
            Translations(texts)
        } else {
            texts.into_iter().collect()
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(code, _)| code)
    }

    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, text)| text)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(code, text)| (code, text))
    }
}

impl<const N: usize> From<[(String, String); N]> for Translations {
    fn from(texts: [(String, String); N]) -> Self {
        texts.into_iter().collect()
    }
}

impl FromIterator<(String, String)> for Translations {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(texts: I) -> Self {
        let mut translations = Translations::default();
        for (lang, text) in texts {
            translations.insert(lang, text);
        }
        translations
    }
}

impl Serialize for Translations {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl Text {
    /// The text in `lang`, falling back to English, then to any language the grid has.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::ByLang(map) => map
                .get(lang.code())
                .or_else(|| map.get("en"))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }
}

/// A text in a binary format (the grid's cache): the format cannot tell a string from a map
/// by looking, so the kind is written first.
#[derive(Serialize)]
enum CompactRef<'a> {
    Plain(&'a str),
    ByLang(&'a [(String, String)]),
}

/// What [`CompactRef`] wrote, read back.
#[derive(Deserialize)]
enum Compact {
    Plain(String),
    ByLang(Vec<(String, String)>),
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return match self {
                Text::Plain(text) => CompactRef::Plain(text),
                Text::ByLang(map) => CompactRef::ByLang(&map.0),
            }
            .serialize(serializer);
        }
        match self {
            Text::Plain(text) => serializer.serialize_str(text),
            Text::ByLang(map) => map.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: a string, or a map of language code to string such as {en: ..., fr: ...}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::Plain(v))
            }
            // `title: 2024` is a text too.
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut access: A,
            ) -> Result<Text, A::Error> {
                let mut texts = Translations::default();
                while let Some((lang, text)) = access.next_entry::<String, String>()? {
                    texts.insert(lang, text);
                }
                Ok(Text::ByLang(texts))
            }
        }
        if !deserializer.is_human_readable() {
            return Ok(match Compact::deserialize(deserializer)? {
                Compact::Plain(text) => Text::Plain(text),
                Compact::ByLang(texts) => Text::ByLang(Translations::from_written(texts)),
            });
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A maturity level of the scale (0–4 in the built-in grid).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLevel {
    pub level: u8,
    pub label: Text,
    pub description: Option<Text>,
}

/// The kinds of components a control applies to, from the template's scope list.
pub const COMPONENTS: &[&str] = &[
    "vms",
    "nvr",
    "dvr",
    "camera",
    "network",
    "workstation",
    "remote_access",
    "interconnection",
    "backup",
    "mobile_app",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Control {
    pub id: String,
    pub title: Text,
    pub question: Text,
    pub guidance: Option<Text>,
    pub evidence: Option<Text>,
    pub applies_to: Vec<String>,
    pub references: Vec<String>,
    pub recommendation: Option<Text>,
    /// What some levels of the scale look like for this control.
    pub levels: BTreeMap<u8, Text>,
    /// Relative weight in its domain's score; a whole number so scores are exact.
    pub weight: u32,
    /// A failure the weighted mean must not hide: at level 0 it caps its domain's score
    /// (see `assessment::score`). Absent from grids and caches written before it existed.
    #[serde(default)]
    pub critical: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    pub controls: Vec<Control>,
}

/// Serialisable so that a checked grid can be kept in the engagement's cache (see
/// `engagement::cache`); YAML in, the cache's JSON out and back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    pub id: String,
    pub version: String,
    /// Language codes every text of the grid is written in.
    pub languages: Vec<String>,
    pub title: Text,
    pub description: Option<Text>,
    /// Levels in ascending order, contiguous from 0.
    pub scale: Vec<ScaleLevel>,
    pub domains: Vec<Domain>,
    /// The older versions this one replaces, and what became of their controls.
    #[serde(default)]
    pub replaces: Vec<versions::Replaces>,
}

impl Grid {
    pub fn controls(&self) -> impl Iterator<Item = (&Domain, &Control)> {
        self.domains
            .iter()
            .flat_map(|domain| domain.controls.iter().map(move |control| (domain, control)))
    }

    pub fn control(&self, id: &str) -> Option<(&Domain, &Control)> {
        self.controls().find(|(_, control)| control.id == id)
    }

    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|domain| domain.id == id)
    }

    /// Where the domain `id` stands in the grid's order, for sorting records by domain; a
    /// domain outside the grid after every other.
    pub fn domain_rank(&self, id: &str) -> usize {
        self.domains
            .iter()
            .position(|domain| domain.id == id)
            .unwrap_or(usize::MAX)
    }

    pub fn control_count(&self) -> usize {
        self.domains
            .iter()
            .map(|domain| domain.controls.len())
            .sum()
    }

    /// The highest level of the scale.
    pub fn max_level(&self) -> u8 {
        self.scale.last().map_or(0, |level| level.level)
    }

    pub fn scale_level(&self, level: u8) -> Option<&ScaleLevel> {
        self.scale.iter().find(|entry| entry.level == level)
    }

    pub fn speaks(&self, lang: Lang) -> bool {
        self.languages.iter().any(|code| code == lang.code())
    }

    /// The grid without the texts an answer's rule does not read (a control's question,
    /// guidance, evidence, recommendation and level descriptions; domains' descriptions):
    /// ids, titles, scale, weights and languages, for a command that changes one answer
    /// and shows none of them. A tenth of the grid's size.
    pub fn skeleton(&self) -> Grid {
        let domains = self
            .domains
            .iter()
            .map(|domain| Domain {
                id: domain.id.clone(),
                title: domain.title.clone(),
                description: None,
                controls: domain
                    .controls
                    .iter()
                    .map(|control| Control {
                        id: control.id.clone(),
                        title: control.title.clone(),
                        question: Text::Plain(String::new()),
                        guidance: None,
                        evidence: None,
                        applies_to: control.applies_to.clone(),
                        references: Vec::new(),
                        recommendation: None,
                        levels: BTreeMap::new(),
                        weight: control.weight,
                        critical: control.critical,
                    })
                    .collect(),
            })
            .collect();
        Grid {
            id: self.id.clone(),
            version: self.version.clone(),
            languages: self.languages.clone(),
            title: self.title.clone(),
            description: None,
            scale: self.scale.clone(),
            domains,
            replaces: self.replaces.clone(),
        }
    }

    /// The known control ids closest to `id`, for "did you mean" hints.
    pub fn suggest_control(&self, id: &str) -> Option<&str> {
        suggest(id, self.controls().map(|(_, control)| control.id.as_str()))
    }
}

/// The known id closest to `wanted`, for "did you mean" hints: the most similar one (by
/// Jaro-Winkler, ignoring case) when it is similar enough. The one rule for any name a file
/// or a command gives: record ids, a grid's or a CVE pack's keys, a control's components.
pub fn suggest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_uppercase();
    known
        .map(|candidate| {
            (
                strsim::jaro_winkler(&wanted, &candidate.to_uppercase()),
                candidate,
            )
        })
        .filter(|(similarity, _)| *similarity > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(lang: &str, text: &str) -> (String, String) {
        (lang.to_owned(), text.to_owned())
    }

    #[test]
    fn texts_read_back_from_a_cache_are_found_by_language_even_out_of_order() {
        let written = Translations::from_written(vec![pair("en", "Access"), pair("fr", "Accès")]);
        assert_eq!(written.get("fr").map(String::as_str), Some("Accès"));
        // A damaged cache: out of order, a language twice (the last one stays).
        let damaged = Translations::from_written(vec![
            pair("fr", "Accès"),
            pair("en", "Access"),
            pair("fr", "Accès aux sites"),
        ]);
        assert_eq!(damaged.keys().collect::<Vec<_>>(), ["en", "fr"]);
        assert_eq!(
            damaged.get("fr").map(String::as_str),
            Some("Accès aux sites")
        );
        assert_eq!(damaged.get("en").map(String::as_str), Some("Access"));
    }
}
