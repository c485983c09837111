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
//! - a removed control: its answer file goes; git and the closed rounds keep it.
//!
//! Pure: the grids' map ([`crate::grid::versions::between`]) and the state in, the records
//! to write and the files to remove out. The round's one commit writes them.

use std::collections::BTreeMap;

use crate::assessment::{Answer, Finding, GridChange, Level};
use crate::error::{Error, Position, Problem, Problems, Result};
use crate::grid::versions::Map;
use crate::grid::{Grid, Lang};
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
    /// Findings whose controls were renamed, split, merged or removed, as they become.
    pub findings: Vec<Finding>,
}

/// Moves `state`'s answers and findings from its grid onto `new`, through `map`.
pub fn regrid(state: &State, new: &Grid, map: &Map, lang: Lang) -> Result<Moved> {
    let mut problems = Vec::new();
    for finding in &state.findings {
        if new.domain(&finding.domain).is_none() {
            problems.push(Problem::new(
                Position::file(format!("findings/{}.yaml", finding.id)),
                format!(
                    "finding {} is in domain {}, which grid {} {} does not have",
                    finding.id, finding.domain, new.id, new.version
                ),
                "move the finding to a domain of the new grid (`vmsaudit finding edit ID --domain D`) before moving",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(Problems(problems)));
    }

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
    let gone: Vec<String> = state
        .answers
        .keys()
        .filter(|id| new.control(id).is_none())
        .cloned()
        .collect();

    // Where each older control went, for the findings that name it.
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
    Ok(Moved {
        answers,
        gone,
        changed,
        findings,
    })
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
            if !answer.evidence.iter().any(|known| known.path == evidence.path) {
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
