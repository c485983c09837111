//! Starting an audit round: the answers carried over from a closed round marked to
//! re-verify, findings and actions kept as they are, the score overrides cleared, the round
//! named in `engagement.yaml`; and, when the round moves to a newer grid, every record moved
//! with it (see `regrid`). One change, so one commit.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::assessment::FindingStatus;
use crate::error::{Error, Result};
use crate::grid::Grid;
use crate::model::State;

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
        return Err(Error::usage(
            format!("round {label} is already the current round"),
            "carry on with it, or close it with `vmsaudit audit close LABEL`",
        ));
    }
    let mut more = Vec::new();
    let mut answers = state.answers.clone();
    let mut written = BTreeSet::new();
    let mut moved_to = None;
    if let Some(new) = grid {
        let map = crate::grid::versions::between(&state.grid, &new.grid, &new.file)?;
        if !map.is_identity() {
            let moved = regrid(state, &new.grid, &map, state.meta.language)?;
            for (id, answer) in &moved.answers {
                if state.answers.get(id) != Some(answer) {
                    written.insert(id.clone());
                }
            }
            more.extend(moved.gone.iter().cloned().map(Edit::RemoveAnswer));
            more.extend(
                moved
                    .findings
                    .into_iter()
                    .map(|finding| Edit::Finding(Box::new(finding))),
            );
            more.push(Edit::Grid(Box::new((new.text, new.grid.clone()))));
            let added = map
                .controls
                .values()
                .filter(|origin| origin.is_new())
                .count();
            moved_to = Some(format!(
                "; grid {} {} -> {}: {} answers changed to re-verify, {added} new controls, {} removed",
                new.grid.id,
                map.from,
                map.to,
                moved.changed,
                map.removed.len()
            ));
            answers = moved.answers;
        }
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
    let mut message = format!("{label}: audit round started ({})", parts.join(", "));
    message.push_str(moved_to.as_deref().unwrap_or_default());
    let mut applied = Applied::new(Edit::Meta(Box::new(meta)), message);
    applied.more = more;
    Ok(Kind::Done(applied))
}
