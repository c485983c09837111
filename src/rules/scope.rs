//! The engagement's details and the audit's scope (template §01): the client, the site, the
//! contract and the auditors; the components included, what was excluded, the contractual
//! limits. Each part given replaces the one in `engagement.yaml`.

use super::{Applied, Kind, refuse};
use crate::assessment::FieldProblem;
use crate::error::{Fix, Result, Subject, Wrong};
use crate::field::ScopeField;
use crate::model::State;
use crate::text::is_unsafe;

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
fn items(field: ScopeField, given: Vec<String>, problems: &mut Vec<FieldProblem>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for (index, item) in given.into_iter().enumerate() {
        let item = item.trim().to_owned();
        let place = index + 1;
        if item.is_empty() {
            problems.push(FieldProblem::new(
                field,
                Wrong::ItemEmpty(place),
                Fix::Give(field.into()),
            ));
        } else if item.contains('\n') || item.chars().any(is_unsafe) || item.contains('\t') {
            problems.push(FieldProblem::new(
                field,
                Wrong::NotOneLine {
                    item: Some(place),
                    text: item,
                },
                Fix::OneLine,
            ));
        } else if !kept.contains(&item) {
            kept.push(item);
        }
    }
    kept
}

/// One line of plain text, or a problem; an empty text is `None`.
fn line(field: ScopeField, text: String, problems: &mut Vec<FieldProblem>) -> Option<String> {
    let text = text.trim().to_owned();
    if text.contains('\n') || text.chars().any(is_unsafe) || text.contains('\t') {
        problems.push(FieldProblem::new(
            field,
            Wrong::NotOneLine {
                item: None,
                text: text.clone(),
            },
            Fix::OneLine,
        ));
    }
    (!text.is_empty()).then_some(text)
}

pub(super) fn prepare(state: &State, patch: ScopePatch) -> Result<Kind> {
    let mut problems = Vec::new();
    let mut meta = state.meta.clone();
    let mut changed = Vec::new();
    if let Some(client) = patch.client {
        match line(ScopeField::Client, client, &mut problems) {
            None => problems.push(FieldProblem::new(
                ScopeField::Client,
                Wrong::Empty,
                Fix::Give(ScopeField::Client.into()),
            )),
            Some(client) if client != meta.client => {
                changed.push("client");
                meta.client = client;
            }
            Some(_) => {}
        }
    }
    if let Some(site) = patch.site {
        let site = site.and_then(|site| line(ScopeField::Site, site, &mut problems));
        if site != meta.site {
            changed.push("site");
            meta.site = site;
        }
    }
    if let Some(contract) = patch.contract {
        let contract =
            contract.and_then(|contract| line(ScopeField::Contract, contract, &mut problems));
        if contract != meta.contract {
            changed.push("contract");
            meta.contract = contract;
        }
    }
    if let Some(given) = patch.auditors {
        let mut auditors = Vec::new();
        for (index, text) in items(ScopeField::Auditors, given, &mut problems)
            .iter()
            .enumerate()
        {
            match text.parse::<crate::assessment::Auditor>() {
                Ok(auditor) => auditors.push(auditor),
                Err(error) => problems.push(FieldProblem::new(
                    ScopeField::Auditors,
                    Wrong::BadAuditor {
                        item: index + 1,
                        detail: error,
                    },
                    Fix::AuditorForm,
                )),
            }
        }
        if auditors != meta.auditors {
            changed.push("auditors");
            meta.auditors = auditors;
        }
    }
    if let Some(given) = patch.included {
        let included = items(ScopeField::Included, given, &mut problems);
        if included != meta.scope.included {
            changed.push("components");
            meta.scope.included = included;
        }
    }
    if let Some(given) = patch.excluded {
        let excluded = items(ScopeField::Excluded, given, &mut problems);
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
                ScopeField::Limits,
                Wrong::ControlCharacters,
                Fix::PlainText,
            ));
        }
        if limits != meta.scope.limits {
            changed.push("limits");
            meta.scope.limits = limits;
        }
    }
    if !problems.is_empty() {
        return Err(refuse(Subject::Scope, problems));
    }
    if changed.is_empty() {
        return Ok(Kind::Nothing("engagement: nothing to change".to_owned()));
    }
    Ok(Kind::Done(Applied::new(
        super::Edit::Meta(Box::new(meta)),
        format!("engagement: {} set", changed.join(", ")),
    )))
}
