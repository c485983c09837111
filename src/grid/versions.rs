//! Grid versions: what a grid says changed since the versions it replaces, and the map from
//! an older grid's controls to a newer one's that moving an engagement, `diff` and the
//! report's progress section read.
//!
//! A grid's `replaces:` lists, for each older version, every control of that version with
//! the hash of its text (question and level descriptions) and the controls it became: itself
//! (unchanged or reworded), another id (renamed), several (split), one shared with other old
//! controls (merged), or none (removed); new controls are listed under `added`. The hash is
//! what makes a reworded question noticed: the map is refused for an older grid whose text is
//! not the one the mapping was written for. Pure: both grids are given, nothing is read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Control, Grid, Lang, Text};
use crate::error::{Error, GridMapFlaw, Position, Problem, Problems, Result};

/// Hex digits of a control's text hash: enough to tell texts apart, short enough to read.
pub const HASH_LEN: usize = 16;

/// One older version a grid replaces, as its `replaces:` entry says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replaces {
    pub version: String,
    /// Line of the entry in the grid file, for messages (0 when unknown).
    #[serde(default)]
    pub line: u64,
    /// Every control of the older version, by its id there.
    pub controls: BTreeMap<String, Mapping>,
    /// Controls new in this version.
    #[serde(default)]
    pub added: Vec<String>,
}

/// What became of one control of the older version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// The hash of its text in the older version ([`text_hash`]).
    pub hash: String,
    /// The controls it became; empty when removed.
    pub to: Vec<String>,
    /// Set by the grid's author: whether levels given before and after compare, when the
    /// text changed (a wording fix: yes; a new meaning: no). Unset: compare when the
    /// question is the same, whatever the levels' descriptions say.
    #[serde(default)]
    pub comparable: Option<bool>,
    /// What changed, for the auditor who re-verifies.
    #[serde(default)]
    pub note: Option<Text>,
    #[serde(default)]
    pub line: u64,
}

/// The hash of what an answer answers to: the question and the description of each level,
/// in every language, whitespace and non-breaking spaces folded so that a typography pass
/// is not a rewording.
pub fn text_hash(control: &Control) -> String {
    let mut hasher = Sha256::new();
    let mut feed = |part: &str, text: &Text| match text {
        Text::Plain(plain) => hasher.update(format!("{part}\u{0}*\u{0}{}\n", fold(plain))),
        Text::ByLang(texts) => {
            for (lang, text) in texts.iter() {
                hasher.update(format!("{part}\u{0}{lang}\u{0}{}\n", fold(text)));
            }
        }
    };
    feed("question", &control.question);
    for (level, text) in &control.levels {
        feed(&format!("level {level}"), text);
    }
    let digest = hasher.finalize();
    digest
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect::<String>()[..HASH_LEN]
        .to_owned()
}

fn fold(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two grids have the same scale: the same levels, each with the same name in every
/// language a report is written in (whitespace folded). The text hash is the control's own
/// and leaves the scale out, so that mappings written before a scale changed still hold;
/// this is what says that the levels given under one scale do not read under the other.
pub fn same_scale(a: &Grid, b: &Grid) -> bool {
    a.scale.len() == b.scale.len()
        && a.scale.iter().zip(&b.scale).all(|(x, y)| {
            x.level == y.level
                && Lang::ALL
                    .iter()
                    .all(|lang| fold(x.label.get(*lang)) == fold(y.label.get(*lang)))
        })
}

/// Whether two texts read the same once whitespace is folded.
fn same_text(a: &Text, b: &Text) -> bool {
    let folded = |text: &Text| -> Vec<(String, String)> {
        match text {
            Text::Plain(plain) => vec![("*".to_owned(), fold(plain))],
            Text::ByLang(texts) => texts.iter().map(|(l, t)| (l.clone(), fold(t))).collect(),
        }
    };
    folded(a) == folded(b)
}

fn same_optional(a: Option<&Text>, b: Option<&Text>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_text(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// One part of a control that changed from one version to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Renamed,
    Split,
    Merged,
    Question,
    Levels,
    Guidance,
    Evidence,
    Recommendation,
    Weight,
    Critical,
    /// The grid's scale: its levels or their names.
    Scale,
}

impl Part {
    /// How the part is named to the auditor.
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Part::Renamed, Lang::En) => "renamed",
            (Part::Renamed, Lang::Fr) => "renommé",
            (Part::Split, Lang::En) => "split",
            (Part::Split, Lang::Fr) => "scindé",
            (Part::Merged, Lang::En) => "merged",
            (Part::Merged, Lang::Fr) => "fusionné",
            (Part::Question, Lang::En) => "question",
            (Part::Question, Lang::Fr) => "question",
            (Part::Levels, Lang::En) => "levels",
            (Part::Levels, Lang::Fr) => "niveaux",
            (Part::Guidance, Lang::En) => "guidance",
            (Part::Guidance, Lang::Fr) => "conseils",
            (Part::Evidence, Lang::En) => "evidence",
            (Part::Evidence, Lang::Fr) => "preuves",
            (Part::Recommendation, Lang::En) => "recommendation",
            (Part::Recommendation, Lang::Fr) => "recommandation",
            (Part::Weight, Lang::En) => "weight",
            (Part::Weight, Lang::Fr) => "poids",
            (Part::Critical, Lang::En) => "critical",
            (Part::Critical, Lang::Fr) => "critique",
            (Part::Scale, Lang::En) => "scale",
            (Part::Scale, Lang::Fr) => "échelle",
        }
    }
}

/// Where one control of the newer grid comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// Its ids in the older grid; empty for a new control.
    pub from: Vec<String>,
    /// What changed; empty when nothing did.
    pub parts: Vec<Part>,
    /// Whether its levels before and after compare.
    pub comparable: bool,
    pub note: Option<Text>,
}

impl Origin {
    pub fn is_new(&self) -> bool {
        self.from.is_empty()
    }
}

/// How the controls of an older grid map onto a newer one.
#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    pub from: String,
    pub to: String,
    /// Every control of the newer grid, by id.
    pub controls: BTreeMap<String, Origin>,
    /// Controls of the older grid that the newer one removed.
    pub removed: Vec<String>,
}

impl Map {
    /// The identity map of a grid onto itself.
    pub fn same(grid: &Grid) -> Map {
        Map {
            from: grid.version.clone(),
            to: grid.version.clone(),
            controls: grid
                .controls()
                .map(|(_, c)| {
                    let origin = Origin {
                        from: vec![c.id.clone()],
                        parts: Vec::new(),
                        comparable: true,
                        note: None,
                    };
                    (c.id.clone(), origin)
                })
                .collect(),
            removed: Vec::new(),
        }
    }

    /// Whether the map is the same grid's (nothing to move).
    pub fn is_identity(&self) -> bool {
        self.from == self.to && self.removed.is_empty()
    }
}

/// How `old` (an engagement's grid) maps onto `new`, from `new`'s `replaces:` (`file` names
/// `new` in messages). Refused, naming every problem, when `new` does not say what became of
/// each of `old`'s controls or was written for another text of that version.
pub fn between(old: &Grid, new: &Grid, file: &str) -> Result<Map> {
    if old.id == new.id && old.version == new.version {
        if old == new {
            return Ok(Map::same(new));
        }
        return Err(Error::at(
            Position::file(file),
            GridMapFlaw::SameVersionDiffers {
                id: new.id.clone(),
                version: new.version.clone(),
            },
        ));
    }
    if old.id != new.id {
        return Err(Error::at(
            Position::file(file),
            GridMapFlaw::OtherGrid {
                new: new.id.clone(),
                old: old.id.clone(),
            },
        ));
    }
    let entry = entry_for(old, new, file)?;
    let problems = mapping_problems(old, entry, file);
    let scale_changed = !same_scale(old, new);
    if !problems.is_empty() {
        return Err(Error::Invalid(Problems(problems)));
    }
    // Which old controls each new one comes from.
    let mut sources: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut removed = Vec::new();
    for (_, control) in old.controls() {
        let mapping = &entry.controls[&control.id];
        if mapping.to.is_empty() {
            removed.push(control.id.clone());
        }
        for target in &mapping.to {
            sources
                .entry(target.as_str())
                .or_default()
                .push(control.id.as_str());
        }
    }
    let controls = new
        .controls()
        .filter_map(|(_, control)| {
            let from = sources
                .get(control.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            origin(old, entry, control, from).map(|mut origin| {
                // A level of one scale is not a level of another: every answer carried
                // over changes meaning, whatever its control's text says.
                if scale_changed && !origin.is_new() {
                    origin.parts.push(Part::Scale);
                    origin.comparable = false;
                }
                (control.id.clone(), origin)
            })
        })
        .collect();
    Ok(Map {
        from: old.version.clone(),
        to: new.version.clone(),
        controls,
        removed,
    })
}

/// `new`'s `replaces:` entry for `old`'s version.
fn entry_for<'a>(old: &Grid, new: &'a Grid, file: &str) -> Result<&'a Replaces> {
    new.replaces
        .iter()
        .find(|r| r.version == old.version)
        .ok_or_else(|| {
            Error::at(
                Position::file(file),
                GridMapFlaw::NoEntry {
                    id: new.id.clone(),
                    version: new.version.clone(),
                    old: old.version.clone(),
                    known: new.replaces.iter().map(|r| r.version.clone()).collect(),
                },
            )
        })
}

/// Where `entry` does not map `old` as it is: a control missing, one whose text is not the
/// one the mapping was written for, an id `old` does not have.
fn mapping_problems(old: &Grid, entry: &Replaces, file: &str) -> Vec<Problem> {
    let at = |line: u64| Position::new(file, line, 0);
    let mut problems = Vec::new();
    for (_, control) in old.controls() {
        let Some(mapping) = entry.controls.get(&control.id) else {
            problems.push(Problem::at(
                at(entry.line),
                GridMapFlaw::NotMapped {
                    control: control.id.clone(),
                    version: old.version.clone(),
                    hash: text_hash(control),
                },
            ));
            continue;
        };
        let hash = text_hash(control);
        if mapping.hash != hash {
            problems.push(Problem::at(
                at(mapping.line),
                GridMapFlaw::HashDiffers {
                    control: control.id.clone(),
                    version: old.version.clone(),
                    hash,
                    said: mapping.hash.clone(),
                },
            ));
        }
    }
    for id in entry.controls.keys() {
        if old.control(id).is_none() {
            problems.push(Problem::at(
                at(entry.controls[id].line),
                GridMapFlaw::NotInOld {
                    id: id.clone(),
                    version: old.version.clone(),
                },
            ));
        }
    }
    problems
}

/// Where the new grid's `control` comes from: the older controls `from` (none: new).
fn origin(old: &Grid, entry: &Replaces, control: &Control, from: &[&str]) -> Option<Origin> {
    Some(match from {
        [] => Origin {
            from: Vec::new(),
            parts: Vec::new(),
            comparable: false,
            note: None,
        },
        [one] => {
            // Sources are the older grid's controls (collected from it).
            let (_, before) = old.control(one)?;
            let mapping = &entry.controls[*one];
            let mut parts = Vec::new();
            if *one != control.id {
                parts.push(Part::Renamed);
            }
            if mapping.to.len() > 1 {
                parts.push(Part::Split);
            }
            parts.extend(differences(before, control));
            let same_question = same_text(&before.question, &control.question);
            Origin {
                from: vec![(*one).to_owned()],
                comparable: mapping
                    .comparable
                    .unwrap_or(same_question && mapping.to.len() == 1),
                parts,
                note: mapping.note.clone(),
            }
        }
        several => Origin {
            from: several.iter().map(|id| (*id).to_owned()).collect(),
            parts: vec![Part::Merged],
            comparable: false,
            note: several
                .iter()
                .find_map(|id| entry.controls[*id].note.clone()),
        },
    })
}

/// The parts of `before` that `after` words differently.
fn differences(before: &Control, after: &Control) -> Vec<Part> {
    let mut parts = Vec::new();
    if !same_text(&before.question, &after.question) {
        parts.push(Part::Question);
    }
    let levels_same = before.levels.len() == after.levels.len()
        && before
            .levels
            .iter()
            .zip(&after.levels)
            .all(|((a, ta), (b, tb))| a == b && same_text(ta, tb));
    if !levels_same {
        parts.push(Part::Levels);
    }
    if !same_optional(before.guidance.as_ref(), after.guidance.as_ref()) {
        parts.push(Part::Guidance);
    }
    if !same_optional(before.evidence.as_ref(), after.evidence.as_ref()) {
        parts.push(Part::Evidence);
    }
    if !same_optional(
        before.recommendation.as_ref(),
        after.recommendation.as_ref(),
    ) {
        parts.push(Part::Recommendation);
    }
    if before.weight != after.weight {
        parts.push(Part::Weight);
    }
    if before.critical != after.critical {
        parts.push(Part::Critical);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::builtin;

    fn older() -> Grid {
        crate::grid::parse("vms-1.0.0.yaml", builtin::history("1.0.0").unwrap()).unwrap()
    }

    #[test]
    fn the_built_in_grid_maps_its_version_1_0_0() {
        let (old, new) = (older(), builtin::grid().unwrap());
        assert_eq!(
            (old.version.as_str(), new.version.as_str()),
            ("1.0.0", "1.1.0")
        );
        let map = between(&old, &new, "vms.yaml").unwrap();
        let new_ones: Vec<&str> = map
            .controls
            .iter()
            .filter(|(_, o)| o.is_new())
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(new_ones, ["ACC-12", "ACC-13"]);
        assert!(map.removed.is_empty());
        let rem08 = &map.controls["REM-08"];
        assert!(!rem08.comparable, "its question changed");
        assert!(rem08.parts.contains(&Part::Question), "{:?}", rem08.parts);
        // A French wording fix, declared comparable by the grid's author.
        let rem02 = &map.controls["REM-02"];
        assert!(rem02.comparable && rem02.parts.contains(&Part::Question));
        // Levels 1 and 3 were described for every control: a change, not a new question.
        let acc01 = &map.controls["ACC-01"];
        assert!(acc01.comparable && acc01.parts.contains(&Part::Levels));
        assert!(!acc01.parts.contains(&Part::Question));
    }

    #[test]
    fn a_typography_pass_is_not_a_rewording() {
        let old = older();
        let (_, control) = old.control("ACC-01").unwrap();
        let mut spaced = control.clone();
        if let Text::ByLang(texts) = &mut spaced.question {
            let fr = texts.get("fr").unwrap().replace(" ?", "\u{a0}?");
            texts.insert("fr".into(), format!("{fr}  "));
        }
        assert_eq!(text_hash(control), text_hash(&spaced));
        let mut reworded = control.clone();
        reworded.question = Text::Plain("Another question?".into());
        assert_ne!(text_hash(control), text_hash(&reworded));
        assert_eq!(text_hash(control).len(), HASH_LEN);
    }

    #[test]
    fn a_grid_without_a_mapping_or_with_a_wrong_hash_is_refused() {
        let old = older();
        // The newer grid without its `replaces:` section.
        let source = builtin::SOURCE;
        let bare = &source[..source.find("\nreplaces:").unwrap()];
        let bare = crate::grid::parse("new.yaml", bare).unwrap();
        let unmapped = between(&old, &bare, "new.yaml").unwrap_err().to_string();
        assert!(
            unmapped.contains("grid vms 1.1.0 does not say how to map the engagement's version 1.0.0 (it has no `replaces:`)"),
            "{unmapped}"
        );
        // The engagement's 1.0.0 edited: its hash no longer matches the mapping's.
        let mut edited = old.clone();
        edited.domains[0].controls[0].question = Text::Plain("Edited?".into());
        let error = between(&edited, &builtin::grid().unwrap(), "vms.yaml")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("control ACC-01 of the engagement's grid 1.0.0 is not the text"),
            "{error}"
        );
        assert!(error.contains("vms.yaml:"), "{error}");
        // Another version nobody mapped.
        let mut other = old.clone();
        other.version = "0.9.0".into();
        let error = between(&other, &builtin::grid().unwrap(), "vms.yaml")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("does not say how to map the engagement's version 0.9.0"),
            "{error}"
        );
        assert!(error.contains("grid hashes"), "{error}");
    }
}
