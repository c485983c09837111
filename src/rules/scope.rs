//! The engagement's details and the audit's scope (template §01): the client, the site, the
//! contract and the auditors; the components included, what was excluded, the contractual
//! limits. Each part given replaces the one in `engagement.yaml`.

use super::{Applied, Kind, refuse};
use crate::assessment::{Auditor, FieldProblem};
use crate::error::{Fix, Result, Subject, Wrong};
use crate::field::ScopeField;
use crate::messages::Unchanged;
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

/// Puts `value` in `slot` and names the change, when it is one: an unchanged field is not
/// in the commit message.
fn set<T: PartialEq>(slot: &mut T, value: T, name: &'static str, changed: &mut Vec<&str>) {
    if *slot != value {
        changed.push(name);
        *slot = value;
    }
}

/// The auditors given, each read as `Name <email>`.
fn auditors(given: Vec<String>, problems: &mut Vec<FieldProblem>) -> Vec<Auditor> {
    let mut auditors = Vec::new();
    for (index, text) in items(ScopeField::Auditors, given, problems)
        .iter()
        .enumerate()
    {
        match text.parse::<Auditor>() {
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
    auditors
}

/// The scope's limits: free text, trimmed, with no control characters.
fn limits(given: Option<String>, problems: &mut Vec<FieldProblem>) -> Option<String> {
    let limits = given
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
    limits
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
            Some(client) => set(&mut meta.client, client, "client", &mut changed),
        }
    }
    if let Some(site) = patch.site {
        let site = site.and_then(|site| line(ScopeField::Site, site, &mut problems));
        set(&mut meta.site, site, "site", &mut changed);
    }
    if let Some(contract) = patch.contract {
        let contract =
            contract.and_then(|contract| line(ScopeField::Contract, contract, &mut problems));
        set(&mut meta.contract, contract, "contract", &mut changed);
    }
    if let Some(given) = patch.auditors {
        let auditors = auditors(given, &mut problems);
        set(&mut meta.auditors, auditors, "auditors", &mut changed);
    }
    for (field, given, list, name) in [
        (
            ScopeField::Included,
            patch.included,
            &mut meta.scope.included,
            "components",
        ),
        (
            ScopeField::Excluded,
            patch.excluded,
            &mut meta.scope.excluded,
            "exclusions",
        ),
    ] {
        if let Some(given) = given {
            let items = items(field, given, &mut problems);
            set(list, items, name, &mut changed);
        }
    }
    if let Some(limits) = patch.limits {
        let limits = self::limits(limits, &mut problems);
        set(&mut meta.scope.limits, limits, "limits", &mut changed);
    }
    if !problems.is_empty() {
        return Err(refuse(Subject::Scope, problems));
    }
    if changed.is_empty() {
        return Ok(Kind::Nothing(Unchanged::Engagement));
    }
    Ok(Kind::Done(Applied::new(
        super::Edit::Meta(Box::new(meta)),
        format!("engagement: {} set", changed.join(", ")),
    )))
}
