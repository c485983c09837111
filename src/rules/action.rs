//! Actions of the plan: how a new one is made, how an edit changes one, and the words of
//! their commit messages.

use jiff::civil::Date;

use crate::assessment::{
    Action, ActionStatus, Amount, Complexity, Due, FieldProblem, Owner, action_criticality,
};
use crate::error::{Fix, Result, Subject, Wrong};
use crate::field::ActionField;
use crate::messages::{Thing, Unchanged};
use crate::model::State;

use super::{
    Applied, Context, Edit, Kind, each_of, edit_message, given, list_changes, non_empty, or_none,
    quoted, refuse, removal, resolve, set_status, status_change, unless_new,
};

/// A change to an action's fields: each `Some` sets its field, each `None` leaves it as it
/// is. Finding ids are as typed: the rule resolves them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub addresses: Option<Vec<String>>,
    pub complexity: Option<Complexity>,
    pub cost: Option<String>,
    /// `Some(None)` removes the amount and its currency.
    pub cost_amount: Option<Option<Amount>>,
    pub currency: Option<Option<String>>,
    pub owner: Option<Owner>,
    /// `Some(None)` removes the deadline.
    pub deadline: Option<Option<Date>>,
    pub status: Option<ActionStatus>,
    /// `Some(None)` (or an empty text) removes the reason.
    pub status_reason: Option<Option<String>>,
}

impl ActionPatch {
    /// Every field of `action`: a new action made whole elsewhere.
    pub fn from_action(action: &Action) -> ActionPatch {
        ActionPatch {
            title: Some(action.title.clone()),
            description: Some(action.description.clone()),
            addresses: Some(action.addresses.clone()),
            complexity: Some(action.complexity),
            cost: Some(action.cost.clone()),
            cost_amount: Some(action.cost_amount),
            currency: Some(action.currency.clone()),
            owner: Some(action.owner),
            deadline: Some(action.deadline),
            status: Some(action.status),
            status_reason: Some(action.status_reason.clone()),
        }
    }
}

fn resolve_addresses(
    state: &State,
    patch: &ActionPatch,
    subject: Subject,
) -> Result<Option<Vec<String>>> {
    let mut problems = Vec::new();
    let addresses = each_of(
        ActionField::Addresses,
        patch.addresses.as_ref(),
        |id| resolve::finding(state, id),
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(refuse(subject, problems));
    }
    Ok(addresses)
}

pub(super) fn prepare_new(state: &State, patch: ActionPatch, context: &Context) -> Result<Kind> {
    let addresses = resolve_addresses(state, &patch, Subject::NewAction)?.unwrap_or_default();
    let missing = |field: ActionField, names: &[&str]| {
        let names = names.iter().map(|name| name.to_string()).collect();
        FieldProblem::new(field, Wrong::Missing, Fix::Choose(names))
    };
    let mut problems = Vec::new();
    if patch.complexity.is_none() {
        problems.push(missing(ActionField::Complexity, &Complexity::NAMES));
    }
    if patch.owner.is_none() {
        problems.push(missing(ActionField::Owner, &Owner::NAMES));
    }
    problems.extend(deadline_outside(patch.deadline.flatten()));
    let action = Action {
        id: context.new_id.clone().unwrap_or_default(),
        title: patch.title.unwrap_or_default().trim().to_owned(),
        description: patch.description.unwrap_or_default(),
        addresses,
        complexity: patch.complexity.unwrap_or(Complexity::Moderate),
        cost: patch.cost.unwrap_or_default().trim().to_owned(),
        cost_amount: patch.cost_amount.flatten(),
        currency: patch
            .currency
            .flatten()
            .map(|code| code.trim().to_uppercase()),
        owner: patch.owner.unwrap_or(Owner::Client),
        deadline: patch.deadline.flatten(),
        status: patch.status.unwrap_or(ActionStatus::Open),
        status_reason: non_empty(patch.status_reason.flatten()),
        created_by: context.who.clone(),
        created_at: context.now,
    };
    problems.extend(check(state, &action));
    if !problems.is_empty() {
        return Err(refuse(Subject::NewAction, problems));
    }
    let criticality = action_criticality(&action, &state.findings);
    let severity = match (criticality.critical, criticality.severity) {
        (true, _) => "critical".to_owned(),
        (false, severity) => or_none(severity),
    };
    let due = match Due::of(&action, criticality.critical) {
        Due::Immediate => "due immediately".to_owned(),
        Due::By(date) => format!("due {date}"),
        Due::Unscheduled | Due::Closed => "no deadline".to_owned(),
    };
    let message = format!(
        "{}: new action {} for {} ({severity}, {due})",
        action.id,
        quoted(&action.title),
        action.addresses.join(", "),
    );
    let id = action.id.clone();
    Ok(Kind::Done(
        Applied::new(Edit::Action(Box::new(action)), message).created(Some(id)),
    ))
}

pub(super) fn prepare_edit(state: &State, wanted: &str, patch: ActionPatch) -> Result<Kind> {
    let id = resolve::action(state, wanted)?;
    let Some(previous) = state.action(&id) else {
        return Err(resolve::gone(Thing::Action, &id));
    };
    let addresses = resolve_addresses(state, &patch, Subject::Action(id.clone()))?;
    let mut new = previous.clone();
    given(
        &mut new.title,
        patch.title.map(|title| title.trim().to_owned()),
    );
    given(&mut new.description, patch.description);
    given(&mut new.addresses, addresses);
    given(&mut new.complexity, patch.complexity);
    given(&mut new.owner, patch.owner);
    given(&mut new.cost, patch.cost.map(|cost| cost.trim().to_owned()));
    match patch.cost_amount {
        // Without an amount, its currency means nothing.
        Some(None) => {
            new.cost_amount = None;
            new.currency = None;
        }
        Some(amount) => new.cost_amount = amount,
        None => {}
    }
    given(
        &mut new.currency,
        patch
            .currency
            .map(|currency| currency.map(|code| code.trim().to_uppercase())),
    );
    // Only a deadline given now: a record written before the rule can still be edited.
    let mut problems: Vec<FieldProblem> = match patch.deadline {
        Some(given) if given != previous.deadline => deadline_outside(given).into_iter().collect(),
        _ => Vec::new(),
    };
    given(&mut new.deadline, patch.deadline);
    set_status(
        &mut new.status,
        &mut new.status_reason,
        patch.status,
        patch.status_reason,
    );
    problems.extend(check(state, &new));
    if !problems.is_empty() {
        return Err(refuse(Subject::Action(id), problems));
    }
    if new == *previous {
        return Ok(Kind::Nothing(Unchanged::Record(id.clone())));
    }
    let changes = action_changes(previous, &new);
    Ok(Kind::Done(Applied::new(
        Edit::Action(Box::new(new)),
        edit_message(&id, &changes),
    )))
}

pub(super) fn prepare_remove(state: &State, wanted: &str) -> Result<Kind> {
    let id = resolve::action(state, wanted)?;
    let title = state.action(&id).map(|action| action.title.as_str());
    Ok(removal(id, "action", title, Edit::RemoveAction))
}

/// The years a deadline given may fall in. Fixed rather than relative to today: a plan's dates
/// stay valid as years pass (an old engagement is edited again, a round carried over), and
/// these bounds still catch what a slip of the keyboard gives (`0026` for `2026`, `20260`),
/// which no spreadsheet can hold (Excel starts in 1900).
pub const DEADLINE_YEARS: (i16, i16) = (2000, 2100);

/// The problem of a deadline given outside [`DEADLINE_YEARS`].
fn deadline_outside(deadline: Option<jiff::civil::Date>) -> Option<FieldProblem> {
    let (first, last) = DEADLINE_YEARS;
    let date = deadline?;
    (date.year() < first || date.year() > last).then(|| {
        FieldProblem::new(
            ActionField::Deadline,
            Wrong::YearOutside {
                given: date.to_string(),
                first,
                last,
            },
            Fix::DateLike,
        )
    })
}

/// Every problem of `action` on its own and with the findings it addresses.
pub fn check(state: &State, action: &Action) -> Vec<FieldProblem> {
    let mut problems = unless_new(action.validate(), &action.id);
    problems.extend(action.check_references(&state.findings));
    problems
}

fn action_changes(old: &Action, new: &Action) -> Vec<String> {
    let mut parts = Vec::new();
    if old.title != new.title {
        parts.push(format!("title {}", quoted(&new.title)));
    }
    if old.description != new.description {
        parts.push("description updated".to_owned());
    }
    parts.extend(list_changes("finding", &old.addresses, &new.addresses));
    if old.complexity != new.complexity {
        parts.push(format!(
            "complexity {} (was {})",
            new.complexity, old.complexity
        ));
    }
    if old.cost != new.cost {
        parts.push("cost updated".to_owned());
    }
    let amount = |action: &Action| match (action.cost_amount, &action.currency) {
        (Some(amount), Some(currency)) => Some(format!("{amount} {currency}")),
        (Some(amount), None) => Some(amount.to_string()),
        _ => None,
    };
    if amount(old) != amount(new) {
        parts.push(format!(
            "amount {} (was {})",
            or_none(amount(new)),
            or_none(amount(old))
        ));
    }
    if old.owner != new.owner {
        parts.push(format!("owner {} (was {})", new.owner, old.owner));
    }
    if old.deadline != new.deadline {
        parts.push(match new.deadline {
            Some(date) => format!("deadline {date} (was {})", or_none(old.deadline)),
            None => format!("deadline removed (was {})", or_none(old.deadline)),
        });
    }
    parts.extend(status_change(
        (old.status, &old.status_reason),
        (new.status, &new.status_reason),
    ));
    parts
}
