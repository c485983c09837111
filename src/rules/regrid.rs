//! Moving an engagement to a newer version of its grid (`vmsaudit audit start LABEL --grid`):
//! the rule that says what becomes of each answer and of the controls findings name.
//!
//! - a control unchanged: its answer carries over as it is (the round's own rule marks it to
//!   re-verify);
//! - a control changed (reworded, renamed, split): its answer carries over, marked to
//!   re-verify, with what changed ([`GridChange`]);
//! - controls merged: the lowest of their levels, their observations one after the other,
//!   their evidence together, marked to re-verify;
//! - a new control: no answer;
//! - a removed control: its answer file goes; git and the closed rounds keep it;
//! - a level the newer scale does not have (a shorter scale): the answer carries over as it
//!   is, marked to re-verify, and counts as not assessed until given a level again
//!   (`State::stranded`), rather than the move being refused or the level guessed.
//!
//! Pure: the grids' map ([`crate::grid::versions::between`]) and the state in, the records
//! to write and the files to remove out. The round's one commit writes them.

use std::collections::BTreeMap;

use crate::assessment::{Answer, Finding, GridChange, Level};
use crate::error::{Error, Position, Problem, Problems, Result};
use crate::grid::versions::Map;
use crate::grid::{Grid, Lang};
use crate::messages::{Fix, GridMapFlaw, Wrong};
use crate::model::State;

/// What moving the engagement's records to the newer grid does.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// Every answer under the newer grid, by control id.
    pub answers: BTreeMap<String, Answer>,
    /// Answer files of the older grid's controls that the newer one does not have.
    pub gone: Vec<String>,
    /// Answers carried over with a change to re-verify.
    pub changed: usize,
    /// Answers carried over whose level the newer grid's scale does not have (a shorter
    /// scale), by control id: not assessed until given a level again (`State::stranded`).
    pub stranded: Vec<String>,
    /// Findings whose controls were renamed, split, merged or removed, as they become.
    pub findings: Vec<Finding>,
}

/// Moves `state`'s answers and findings from its grid onto `new`, through `map`.
pub fn regrid(state: &State, new: &Grid, map: &Map, lang: Lang) -> Result<Moved> {
    check_domains(state, new)?;
    let (answers, changed) = moved_answers(state, new, map, lang);
    let gone: Vec<String> = state
        .answers
        .keys()
        .filter(|id| new.control(id).is_none())
        .cloned()
        .collect();
    let stranded = answers
        .values()
        .filter(|answer| match answer.level {
            Level::Score(level) => new.scale_level(level).is_none(),
            Level::NotApplicable => false,
        })
        .map(|answer| answer.control.clone())
        .collect();
    Ok(Moved {
        answers,
        gone,
        changed,
        stranded,
        findings: moved_findings(state, map),
    })
}

/// Refuses the move while a finding is in a domain the newer grid does not have.
fn check_domains(state: &State, new: &Grid) -> Result<()> {
    let mut problems = Vec::new();
    for finding in &state.findings {
        if new.domain(&finding.domain).is_none() {
            let flaw = GridMapFlaw::DomainGone {
                finding: finding.id.clone(),
                domain: finding.domain.clone(),
                grid: format!("{} {}", new.id, new.version),
            };
            problems.push(Problem::told(
                Position::file(format!("findings/{}.yaml", finding.id)),
                Wrong::GridMap(Box::new(flaw.clone())),
                Fix::GridMap(Box::new(flaw)),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// Every answer under the newer grid, and how many carry a change to re-verify.
fn moved_answers(
    state: &State,
    new: &Grid,
    map: &Map,
    lang: Lang,
) -> (BTreeMap<String, Answer>, usize) {
    let mut answers = BTreeMap::new();
    let mut changed = 0;
    for (_, control) in new.controls() {
        let Some(origin) = map.controls.get(&control.id) else {
            continue;
        };
        let sources: Vec<&Answer> = origin
            .from
            .iter()
            .filter_map(|id| state.answers.get(id))
            .collect();
        let Some(mut answer) = merge(&sources) else {
            continue;
        };
        answer.control = control.id.clone();
        if !origin.parts.is_empty() {
            answer.reverify = true;
            answer.changed = Some(GridChange {
                from: map.from.clone(),
                was: origin.from.clone(),
                parts: origin.parts.clone(),
                note: origin.note.as_ref().map(|note| note.get(lang).to_owned()),
            });
            changed += 1;
        }
        answers.insert(control.id.clone(), answer);
    }
    (answers, changed)
}

/// The findings whose controls were renamed, split, merged or removed, naming the newer
/// grid's controls.
fn moved_findings(state: &State, map: &Map) -> Vec<Finding> {
    // Where each older control went.
    let mut targets: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, origin) in &map.controls {
        for old in &origin.from {
            targets.entry(old.as_str()).or_default().push(id.as_str());
        }
    }
    let mut findings = Vec::new();
    for finding in &state.findings {
        let mut controls: Vec<String> = Vec::new();
        for old in &finding.controls {
            for target in targets.get(old.as_str()).into_iter().flatten() {
                if !controls.iter().any(|known| known == target) {
                    controls.push((*target).to_owned());
                }
            }
        }
        if controls != finding.controls {
            let mut moved = finding.clone();
            moved.controls = controls;
            findings.push(moved);
        }
    }
    findings
}

/// One answer from the answers of the controls merged into one: the lowest level (the
/// weakest part decides), observations one after the other, every evidence file.
fn merge(sources: &[&Answer]) -> Option<Answer> {
    let (first, rest) = sources.split_first()?;
    if rest.is_empty() {
        return Some((*first).clone());
    }
    let mut answer = (*first).clone();
    let rank = |level: Level| match level {
        Level::Score(score) => u16::from(score),
        Level::NotApplicable => u16::MAX,
    };
    answer.observations = format!("**{}**\n\n{}", first.control, first.observations);
    for other in rest {
        if rank(other.level) < rank(answer.level) {
            answer.level = other.level;
        }
        answer.observations.push_str(&format!(
            "\n\n**{}**\n\n{}",
            other.control, other.observations
        ));
        for evidence in &other.evidence {
            if !answer
                .evidence
                .iter()
                .any(|known| known.path == evidence.path)
            {
                answer.evidence.push(evidence.clone());
            }
        }
        if other.assessed_at > answer.assessed_at {
            answer.assessed_at = other.assessed_at;
            answer.assessed_by = other.assessed_by.clone();
        }
    }
    answer.reverify = true;
    Some(answer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::versions::{Part, between};

    const HEAD: &str = "id: t\nlanguages: [en]\ntitle: T\nscale:\n  - {level: 0, label: Zero}\n  - {level: 1, label: One}\n  - {level: 2, label: Two}\ndomains:\n  - id: D\n    title: D\n    controls:\n";

    fn grid(version: &str, controls: &[(&str, &str)], tail: &str) -> Grid {
        let mut text = format!("version: {version}\n{HEAD}");
        for (id, question) in controls {
            text.push_str(&format!(
                "      - {{id: {id}, title: {id}, question: \"{question}\"}}\n"
            ));
        }
        text.push_str(tail);
        crate::grid::parse("t.yaml", &text).unwrap()
    }

    fn hash(grid: &Grid, id: &str) -> String {
        crate::grid::versions::text_hash(grid.control(id).unwrap().1)
    }

    fn state(grid: Grid, levels: &[(&str, u8)]) -> State {
        let levels: Vec<(&str, Level)> = levels
            .iter()
            .map(|(id, level)| (*id, Level::Score(*level)))
            .collect();
        crate::model::test_state(grid, &levels)
    }

    /// Six controls of grid 1 answered, moved onto grid 2, where one is the same, one
    /// renamed, one split in two, two merged into one, one removed and one new.
    fn moved_onto_grid_2() -> (Map, Moved) {
        let old = grid(
            "1",
            &[
                ("A-01", "Same?"),
                ("A-02", "Renamed?"),
                ("A-03", "Split?"),
                ("A-04", "Merged one?"),
                ("A-05", "Merged two?"),
                ("A-06", "Removed?"),
            ],
            "",
        );
        let mapping = format!(
            "replaces:\n  - version: 1\n    added: [N-01]\n    controls:\n      A-01: {{hash: {}}}\n      A-02: {{hash: {}, to: [B-02]}}\n      A-03: {{hash: {}, to: [A-31, A-32]}}\n      A-04: {{hash: {}, to: [A-45]}}\n      A-05: {{hash: {}, to: [A-45]}}\n      A-06: {{hash: {}, to: []}}\n",
            hash(&old, "A-01"),
            hash(&old, "A-02"),
            hash(&old, "A-03"),
            hash(&old, "A-04"),
            hash(&old, "A-05"),
            hash(&old, "A-06"),
        );
        let new = grid(
            "2",
            &[
                ("A-01", "Same?"),
                ("B-02", "Renamed?"),
                ("A-31", "Split one?"),
                ("A-32", "Split two?"),
                ("A-45", "Merged?"),
                ("N-01", "New?"),
            ],
            &mapping,
        );
        let state = state(
            old.clone(),
            &[
                ("A-01", 2),
                ("A-02", 1),
                ("A-03", 2),
                ("A-04", 2),
                ("A-05", 0),
                ("A-06", 1),
            ],
        );
        let map = between(&old, &new, "t.yaml").unwrap();
        let moved = regrid(&state, &new, &map, Lang::En).unwrap();
        (map, moved)
    }

    #[test]
    fn a_finding_in_a_domain_the_newer_grid_lacks_stops_the_move_in_the_readers_language() {
        let old = grid("1", &[("A-01", "Same?")], "");
        let mapping = format!(
            "replaces:\n  - version: 1\n    controls:\n      A-01: {{hash: {}}}\n",
            hash(&old, "A-01")
        );
        let new = grid("2", &[("A-01", "Same?")], &mapping);
        let mut state = state(old.clone(), &[("A-01", 1)]);
        let mut finding = Finding::blank(
            "PHY".into(),
            Vec::new(),
            String::new(),
            "Jeanne Martin <jm@example.org>".parse().unwrap(),
        );
        finding.id = "F-1".into();
        state.findings.push(finding);
        let map = between(&old, &new, "t.yaml").unwrap();
        let Err(Error::Invalid(problems)) = regrid(&state, &new, &map, Lang::En) else {
            panic!("the move went ahead");
        };
        assert_eq!(
            problems.phrase(Lang::Fr),
            "findings/F-1.yaml: la vulnérabilité F-1 est dans le domaine PHY, que la grille t 2 n'a pas — rattachez la vulnérabilité à un domaine de la nouvelle grille (`vmsaudit finding edit ID --domain D`) avant de changer de grille"
        );
        assert!(
            problems
                .phrase(Lang::En)
                .contains("finding F-1 is in domain PHY, which grid t 2 does not have")
        );
    }

    #[test]
    fn an_unchanged_control_keeps_its_answer_and_a_renamed_one_says_so() {
        let (_, moved) = moved_onto_grid_2();
        let a01 = &moved.answers["A-01"];
        assert_eq!((a01.changed.as_ref(), a01.reverify), (None, false));
        let b02 = &moved.answers["B-02"];
        assert_eq!(b02.level, Level::Score(1));
        assert_eq!(b02.changed.as_ref().unwrap().parts, [Part::Renamed]);
        assert_eq!(b02.changed.as_ref().unwrap().was, ["A-02"]);
    }

    #[test]
    fn each_part_of_a_split_control_gets_its_answer_to_reverify() {
        let (_, moved) = moved_onto_grid_2();
        for split in ["A-31", "A-32"] {
            let answer = &moved.answers[split];
            assert_eq!(answer.level, Level::Score(2));
            assert!(answer.reverify);
            assert!(
                answer
                    .changed
                    .as_ref()
                    .unwrap()
                    .parts
                    .contains(&Part::Split)
            );
        }
    }

    #[test]
    fn merged_controls_take_the_weakest_level_and_every_observation() {
        let (_, moved) = moved_onto_grid_2();
        let merged = &moved.answers["A-45"];
        assert_eq!(merged.level, Level::Score(0), "the weakest part decides");
        assert!(
            merged.observations.contains("A-04 seen") && merged.observations.contains("A-05 seen")
        );
        assert_eq!(merged.changed.as_ref().unwrap().parts, [Part::Merged]);
    }

    #[test]
    fn a_new_control_has_no_answer_and_old_answer_files_go() {
        let (map, moved) = moved_onto_grid_2();
        assert!(
            !moved.answers.contains_key("N-01"),
            "a new control is not assessed"
        );
        assert_eq!(moved.gone, ["A-02", "A-03", "A-04", "A-05", "A-06"]);
        assert_eq!(moved.changed, 4);
        assert_eq!(map.removed, ["A-06"]);
    }
}
