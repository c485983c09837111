//! Answers: a control's level, observations and evidence, and when an answer carried over
//! from the previous round counts as re-verified.

use std::path::PathBuf;

use crate::assessment::{Answer, EvidenceRef, FieldProblem, Level};
use crate::error::{Fix, Result, Subject, Wrong};
use crate::field::AnswerField;
use crate::grid::Grid;
use crate::messages::Unchanged;
use crate::model::State;

use super::{
    Applied, Context, Detached, Edit, Holder, Kind, Outcome, detach, detached_files,
    evidence_added, evidence_detached, merge_evidence, refuse, resolve,
};

/// A change to the answer of one control.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerChange {
    /// As typed: the rule resolves it against the grid.
    pub control: String,
    /// Keeps the current level when `None`.
    pub level: Option<Level>,
    /// Replaces the observations when set.
    pub observations: Option<String>,
    /// Files to attach, each with an optional note.
    pub evidence: Vec<(PathBuf, Option<String>)>,
    /// Evidence to detach, by its path as the answer lists it (`evidence/ACC-01/users.png`).
    pub drop_evidence: Vec<String>,
}

/// An answer checked, waiting for its evidence.
#[derive(Debug)]
pub(super) struct Prepared {
    previous: Option<Answer>,
    answer: Answer,
    /// The answer was carried over and this change confirms it.
    reverified: bool,
    detached: Vec<Detached>,
}

impl Prepared {
    pub(super) fn control(&self) -> &str {
        &self.answer.control
    }

    pub(super) fn finish(self, evidence: Vec<EvidenceRef>) -> Outcome {
        let Prepared {
            previous,
            mut answer,
            reverified,
            mut detached,
        } = self;
        let added = merge_evidence(&mut answer.evidence, evidence);
        let files = detached_files(&mut detached, &answer.evidence);
        let control = answer.control.clone();
        match message(&answer, previous.as_ref(), &added, &detached, reverified) {
            None => Outcome::Nothing(Unchanged::Record(control.clone())),
            Some(message) => {
                let mut applied = Applied::new(Edit::Answer(Box::new(answer)), message);
                applied.more = files;
                applied.detached = detached;
                Outcome::Write(applied)
            }
        }
    }
}

pub(super) fn prepare(state: &State, change: AnswerChange, context: &Context) -> Result<Kind> {
    let grid = &state.grid;
    let control = match grid.control(&change.control) {
        Some((_, control)) => control.id.clone(),
        None => return Err(resolve::unknown_control(grid, &change.control)),
    };
    // A stranded answer (its level off the scale) is mended by giving it a level: its
    // observations and evidence stay.
    let previous = state
        .answers
        .get(&control)
        .or_else(|| state.stranded.get(&control))
        .cloned();
    let level = level(grid, change.level, previous.as_ref(), &control)?;
    let observations_given = change.observations.is_some();
    let observations = change
        .observations
        .or_else(|| previous.as_ref().map(|answer| answer.observations.clone()))
        .unwrap_or_default();
    if level == Level::NotApplicable && observations.trim().is_empty() {
        return Err(refuse(
            Subject::Answer(control.clone()),
            vec![FieldProblem::new(
                AnswerField::Observations,
                Wrong::NotApplicableUnjustified,
                Fix::SayWhy(AnswerField::Observations.into()),
            )],
        ));
    }
    // Setting the level or the observations again confirms an answer carried over from the
    // previous round; attaching or detaching evidence alone does not.
    let carried = previous.as_ref().is_some_and(|answer| answer.reverify);
    let reverify = carried && change.level.is_none() && !observations_given;
    let mut evidence = previous
        .as_ref()
        .map(|answer| answer.evidence.clone())
        .unwrap_or_default();
    let detached = detach(
        state,
        Holder::Answer(&control),
        &mut evidence,
        &change.drop_evidence,
        AnswerField::Evidence.into(),
        Subject::Answer(control.clone()),
    )?;
    let answer = Answer {
        control,
        level,
        reverify,
        // What changed in the grid is said until the answer is confirmed under the new one.
        changed: previous
            .as_ref()
            .filter(|_| reverify)
            .and_then(|answer| answer.changed.clone()),
        observations,
        evidence,
        assessed_by: context.who.clone(),
        assessed_at: context.now,
    };
    Ok(Kind::Answer(Box::new(Prepared {
        previous,
        answer,
        reverified: carried && !reverify,
        detached,
    })))
}

/// The level the answer takes: the one given, when the scale has it, or the one it had.
fn level(
    grid: &Grid,
    given: Option<Level>,
    previous: Option<&Answer>,
    control: &str,
) -> Result<Level> {
    let refused = |wrong, fix| {
        Err(refuse(
            Subject::Answer(control.to_owned()),
            vec![FieldProblem::new(AnswerField::Level, wrong, fix)],
        ))
    };
    // The level kept when none is given must be on the scale too: a stranded answer's is not.
    let kept = previous.map(|answer| answer.level);
    if let Some(Level::Score(value)) = given.or(kept)
        && let Some((wrong, fix)) = outside_scale(grid, value)
    {
        return refused(wrong, fix);
    }
    match (given, previous) {
        (Some(level), _) => Ok(level),
        (None, Some(previous)) => Ok(previous.level),
        (None, None) => refused(
            Wrong::NoAnswerYet(control.to_owned()),
            Fix::Level {
                max: grid.max_level(),
            },
        ),
    }
}

/// What is wrong with the level `value` on `grid`'s scale, and its fix; `None` when the
/// scale has it. The checklist asks it before a key saves, so as to say it at once.
pub fn outside_scale(grid: &Grid, value: u8) -> Option<(Wrong, Fix)> {
    let max = grid.max_level();
    grid.scale_level(value).is_none().then(|| {
        (
            Wrong::OutsideScale {
                given: value.to_string(),
                max,
            },
            Fix::Level { max },
        )
    })
}

/// The subject line of an answer's commit, or `None` when nothing changed.
fn message(
    answer: &Answer,
    previous: Option<&Answer>,
    added: &[String],
    detached: &[Detached],
    reverified: bool,
) -> Option<String> {
    let level = answer.level;
    let mut parts = Vec::new();
    match previous {
        None => parts.push(format!("level {level}")),
        Some(previous) if previous.level != level => {
            parts.push(format!("level {level} (was {})", previous.level))
        }
        // Re-verified at the same level: the message says so once.
        Some(_) if reverified => parts.push(format!("level {level} confirmed")),
        Some(_) => {}
    }
    let confirmed = reverified && previous.is_some_and(|previous| previous.level == level);
    if previous.is_some_and(|previous| previous.observations != answer.observations) {
        parts.push("observations updated".to_owned());
    }
    parts.extend(evidence_added(added));
    parts.extend(evidence_detached(detached));
    if reverified && !confirmed {
        parts.push("re-verified".to_owned());
    }
    (!parts.is_empty()).then(|| format!("{}: {}", answer.control, parts.join(", ")))
}
