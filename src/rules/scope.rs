//! The audit's scope (template §01): the components included, what was excluded, the
//! contractual limits. Each list given replaces the one in `engagement.yaml`.

use super::{Applied, Kind, refuse};
use crate::assessment::FieldProblem;
use crate::error::Result;
use crate::model::State;
use crate::text::{is_unsafe, one_line};

/// The parts of the scope a change replaces; `None` leaves that part as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopePatch {
    /// The grid's component kinds (`vms`, `camera`...) or free text, one item each.
    pub included: Option<Vec<String>>,
    pub excluded: Option<Vec<String>>,
    /// `Some(None)` removes the limits.
    pub limits: Option<Option<String>>,
}

/// A list's items trimmed, each checked: not empty, one line, no control character.
fn items(field: &str, given: Vec<String>, problems: &mut Vec<FieldProblem>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for (index, item) in given.into_iter().enumerate() {
        let item = item.trim().to_owned();
        let at = field.to_owned();
        let place = index + 1;
        if item.is_empty() {
            problems.push(FieldProblem::new(
                at,
                format!("item {place} is empty"),
                "give a component kind (vms, nvr, camera...) or a few words",
            ));
        } else if item.contains('\n') || item.chars().any(is_unsafe) || item.contains('\t') {
            problems.push(FieldProblem::new(
                at,
                format!(
                    "item {place}, \"{}\", is not one line of plain text",
                    one_line(&item)
                ),
                "one item per option, on one line",
            ));
        } else if !kept.contains(&item) {
            kept.push(item);
        }
    }
    kept
}

pub(super) fn prepare(state: &State, patch: ScopePatch) -> Result<Kind> {
    let mut problems = Vec::new();
    let mut meta = state.meta.clone();
    let mut changed = Vec::new();
    if let Some(given) = patch.included {
        let included = items("included", given, &mut problems);
        if included != meta.scope.included {
            changed.push("components");
            meta.scope.included = included;
        }
    }
    if let Some(given) = patch.excluded {
        let excluded = items("excluded", given, &mut problems);
        if excluded != meta.scope.excluded {
            changed.push("exclusions");
            meta.scope.excluded = excluded;
        }
    }
    if let Some(limits) = patch.limits {
        let limits = limits
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        if limits
            .as_deref()
            .is_some_and(|text| text.chars().any(is_unsafe))
        {
            problems.push(FieldProblem::new(
                "limits",
                "control characters in the limits".to_owned(),
                "write the limits as plain text (Markdown is fine)",
            ));
        }
        if limits != meta.scope.limits {
            changed.push("limits");
            meta.scope.limits = limits;
        }
    }
    if !problems.is_empty() {
        return Err(refuse("scope", problems));
    }
    if changed.is_empty() {
        return Ok(Kind::Nothing("scope: nothing to change".to_owned()));
    }
    Ok(Kind::Done(Applied::new(
        super::Edit::Meta(Box::new(meta)),
        format!("scope: {} set", changed.join(", ")),
    )))
}
