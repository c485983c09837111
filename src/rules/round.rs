//! Starting an audit round: the answers carried over from a closed round marked to
//! re-verify, findings and actions kept as they are, the score overrides cleared, the round
//! named in `engagement.yaml`; and, when the round moves to a newer grid, every record moved
//! with it (see `regrid`). One change, so one commit.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::assessment::FindingStatus;
use crate::error::{Error, Result};
use crate::grid::Grid;
use crate::messages::{Blocked, Fix, Unblock, Wrong};
use crate::model::State;
use crate::text::one_line;

use super::{Applied, Edit, Kind, regrid};

/// A round to start.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundStart {
    pub label: String,
    /// The grid the round moves to, when it is another version of the engagement's.
    pub grid: Option<NewGrid>,
    /// A round was closed before: its answers are carried over, to re-verify.
    pub carried_over: bool,
}

/// A grid to move to: parsed, with its text (written as the engagement's `grid.yaml`) and
/// the file it came from (named in problems).
#[derive(Debug, Clone, PartialEq)]
pub struct NewGrid {
    pub grid: Arc<Grid>,
    pub text: String,
    pub file: String,
}

/// The round started on `state`; its label was checked by the caller (git says which
/// labels a tag can take, and which rounds were closed).
pub(super) fn prepare(state: &State, start: RoundStart) -> Result<Kind> {
    let RoundStart {
        label,
        grid,
        carried_over,
    } = start;
    if state.meta.round.as_deref() == Some(label.as_str()) {
        return Err(Error::said(
            Wrong::Blocked(Blocked::AlreadyCurrent(label)),
            Fix::Unblock(Unblock::CarryOnOrClose),
        ));
    }
    let mut more = Vec::new();
    let mut answers = state.answers.clone();
    let mut written = BTreeSet::new();
    let mut moved_to = None;
    if let Some(new) = grid
        && let Some(moved) = moved(state, new)?
    {
        written = moved.written;
        more = moved.edits;
        moved_to = Some(moved.said);
        answers = moved.answers;
    }
    if carried_over {
        for answer in answers.values_mut().filter(|answer| !answer.reverify) {
            answer.reverify = true;
            written.insert(answer.control.clone());
        }
    }
    let reverify = answers.values().filter(|answer| answer.reverify).count();
    more.extend(
        written
            .iter()
            .filter_map(|id| answers.remove(id))
            .map(|answer| Edit::Answer(Box::new(answer))),
    );
    let mut meta = state.meta.clone();
    let cleared: Vec<String> = meta.overrides.keys().cloned().collect();
    meta.overrides.clear();
    meta.round = Some(label.clone());
    // Kept for `status`, which says how many of them are left without reading history.
    meta.carried_over = (reverify > 0).then_some(reverify);
    let mut message = format!(
        "{label}: audit round started ({})",
        carried(state, reverify, &cleared)
    );
    message.push_str(moved_to.as_deref().unwrap_or_default());
    let mut applied = Applied::new(Edit::Meta(Box::new(meta)), message);
    applied.more = more;
    Ok(Kind::Done(applied))
}

/// What moving to a newer grid does: the answers after the move, those whose file
/// changes, the other records to write or remove, and the commit's words for it; `None`
/// when `new` is the engagement's own version.
struct Moved {
    answers: std::collections::BTreeMap<String, crate::assessment::Answer>,
    written: BTreeSet<String>,
    edits: Vec<Edit>,
    said: String,
}

fn moved(state: &State, new: NewGrid) -> Result<Option<Moved>> {
    let map = crate::grid::versions::between(&state.grid, &new.grid, &new.file)?;
    if map.is_identity() {
        return Ok(None);
    }
    refuse_stranded(state)?;
    let moved = regrid(state, &new.grid, &map, state.meta.language)?;
    let written = moved
        .answers
        .iter()
        .filter(|(id, answer)| state.answers.get(*id) != Some(*answer))
        .map(|(id, _)| id.clone())
        .collect();
    let mut edits: Vec<Edit> = moved.gone.iter().cloned().map(Edit::RemoveAnswer).collect();
    edits.extend(
        moved
            .findings
            .into_iter()
            .map(|finding| Edit::Finding(Box::new(finding))),
    );
    edits.push(Edit::Grid(Box::new((new.text, new.grid.clone()))));
    let added = map
        .controls
        .values()
        .filter(|origin| origin.is_new())
        .count();
    let mut said = format!(
        "; grid {} {} -> {}: {} answers changed to re-verify, {added} new controls, {} removed",
        one_line(&new.grid.id),
        one_line(&map.from),
        one_line(&map.to),
        moved.changed,
        map.removed.len()
    );
    if !moved.stranded.is_empty() {
        said.push_str(&format!(
            ", levels off the new scale (not assessed until given one): {}",
            moved.stranded.join(", ")
        ));
    }
    Ok(Some(Moved {
        answers: moved.answers,
        written,
        edits,
        said,
    }))
}

/// Refuses a move to a newer grid while an answer's level is off the current scale: the
/// move would leave its file behind, unread (see `State::stranded`). Each problem is the
/// warning the load gave, with its fix.
pub(crate) fn refuse_stranded(state: &State) -> Result<()> {
    let problems: Vec<crate::error::Problem> = state
        .stranded
        .values()
        .filter_map(|answer| {
            let crate::assessment::Level::Score(level) = answer.level else {
                return None;
            };
            let (wrong, fix) = super::outside_scale(&state.grid, level)?;
            let relative = format!("{}/{}.yaml", super::ANSWERS_DIR, answer.control);
            let at = state
                .warnings
                .iter()
                .find(|warning| warning.at.file == relative)
                .map_or_else(|| crate::error::Position::file(&relative), |w| w.at.clone());
            let problem =
                crate::assessment::FieldProblem::new(crate::field::AnswerField::Level, wrong, fix);
            Some(crate::error::Problem {
                at,
                ..crate::error::Problem::of_field(&relative, problem)
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(crate::error::Problems(problems)))
    }
}

/// `12 answers to re-verify, 3 open findings and 2 pending actions carried over, …`.
fn carried(state: &State, reverify: usize, cleared: &[String]) -> String {
    let open_findings = state
        .findings
        .iter()
        .filter(|finding| finding.status == FindingStatus::Open)
        .count();
    let pending_actions = state
        .actions
        .iter()
        .filter(|action| action.status.is_pending())
        .count();
    let mut parts = vec![
        format!("{reverify} answers to re-verify"),
        format!("{open_findings} open findings and {pending_actions} pending actions carried over"),
    ];
    if !cleared.is_empty() {
        parts.push(format!("score overrides of {} cleared", cleared.join(", ")));
    }
    parts.join(", ")
}
