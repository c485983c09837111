//! The engagement's details and the audit's scope (template §01): the client, the site, the
//! contract and the auditors; the components included, what was excluded, the contractual
//! limits. Each part given replaces the one in `engagement.yaml`.

use super::{Applied, Kind, refuse};
use crate::assessment::FieldProblem;
use crate::error::Result;
use crate::model::State;
use crate::text::{is_unsafe, one_line};

/// The parts of the details and the scope a change replaces; `None` leaves that part as it
/// is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopePatch {
    pub client: Option<String>,
    /// `Some(None)` removes the site; so for the contract.
    pub site: Option<Option<String>>,
    pub contract: Option<Option<String>>,
    /// `Name <email>` each, as `init --auditor` takes them.
    pub auditors: Option<Vec<String>>,
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

/// One line of plain text, or a problem; an empty text is `None`.
fn line(field: &str, text: String, problems: &mut Vec<FieldProblem>) -> Option<String> {
    let text = text.trim().to_owned();
    if text.contains('\n') || text.chars().any(is_unsafe) || text.contains('\t') {
        problems.push(FieldProblem::new(
            field,
            format!("\"{}\" is not one line of plain text", one_line(&text)),
            "write it on one line, without control characters",
        ));
    }
    (!text.is_empty()).then_some(text)
}

pub(super) fn prepare(state: &State, patch: ScopePatch) -> Result<Kind> {
    let mut problems = Vec::new();
    let mut meta = state.meta.clone();
    let mut changed = Vec::new();
    if let Some(client) = patch.client {
        match line("client", client, &mut problems) {
            None => problems.push(FieldProblem::new(
                "client",
                "the client is empty".to_owned(),
                "give the client's name, as the report's cover shows it",
            )),
            Some(client) if client != meta.client => {
                changed.push("client");
                meta.client = client;
            }
            Some(_) => {}
        }
    }
    if let Some(site) = patch.site {
        let site = site.and_then(|site| line("site", site, &mut problems));
        if site != meta.site {
            changed.push("site");
            meta.site = site;
        }
    }
    if let Some(contract) = patch.contract {
        let contract = contract.and_then(|contract| line("contract", contract, &mut problems));
        if contract != meta.contract {
            changed.push("contract");
            meta.contract = contract;
        }
    }
    if let Some(given) = patch.auditors {
        let mut auditors = Vec::new();
        for (index, text) in items("auditors", given, &mut problems).iter().enumerate() {
            match text.parse::<crate::assessment::Auditor>() {
                Ok(auditor) => auditors.push(auditor),
                Err(error) => problems.push(FieldProblem::new(
                    "auditors",
                    format!("auditor {}: {}", index + 1, one_line(&error)),
                    "write each auditor as `Name <email>`",
                )),
            }
        }
        if auditors != meta.auditors {
            changed.push("auditors");
            meta.auditors = auditors;
        }
    }
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
        return Ok(Kind::Nothing("engagement: nothing to change".to_owned()));
    }
    Ok(Kind::Done(Applied::new(
        super::Edit::Meta(Box::new(meta)),
        format!("engagement: {} set", changed.join(", ")),
    )))
}
