//! The action plan: the record of one remediation action (`actions/<id>.yaml`) and the pure
//! rules over it — an action's criticality from the findings it addresses, the order of the
//! plan, overdue actions, and cost totals.
//!
//! The plan opens with the critical actions, flagged for immediate treatment, then follows
//! criticality, then the grid's domain order, then deadline, then id, so that two runs over
//! the same records always print the same plan. Nothing here reads the clock: callers pass
//! `today`.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::finding::{blank, id_and_title};
use super::{Auditor, Criticality, FieldProblem, Finding};
use crate::field::ActionField;
use crate::grid::Grid;
use crate::messages::{Fix, Thing, Unknown, Wrong};

/// How hard an action is to carry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Complexity {
    Low,
    Moderate,
    High,
}

impl Complexity {
    pub const ALL: [Complexity; 3] = [Complexity::Low, Complexity::Moderate, Complexity::High];

    /// The names of the values, in the order of `ALL`, as written in files and on the
    /// command line.
    pub const NAMES: [&'static str; 3] = crate::assessment::names!(Complexity, 3);

    pub const fn as_str(self) -> &'static str {
        match self {
            Complexity::Low => "low",
            Complexity::Moderate => "moderate",
            Complexity::High => "high",
        }
    }
}

/// Who is suggested to carry out an action: the client, the auditing firm named in
/// `engagement.yaml`, or the equipment's manufacturer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Client,
    Firm,
    Manufacturer,
}

impl Owner {
    pub const ALL: [Owner; 3] = [Owner::Client, Owner::Firm, Owner::Manufacturer];

    /// The names of the values, in the order of `ALL`, as written in files and on the
    /// command line.
    pub const NAMES: [&'static str; 3] = crate::assessment::names!(Owner, 3);

    pub const fn as_str(self) -> &'static str {
        match self {
            Owner::Client => "client",
            Owner::Firm => "firm",
            Owner::Manufacturer => "manufacturer",
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    /// Given up; `status_reason` says why.
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    /// The names of the values, in the order of `ALL`, as written in files and on the
    /// command line.
    pub const NAMES: [&'static str; 4] = crate::assessment::names!(ActionStatus, 4);

    pub const fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    /// Still to be carried out.
    pub fn is_pending(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

text_enum!(Complexity, Complexity, spaced);
text_enum!(Owner, Owner, spaced);
text_enum!(ActionStatus, ActionStatus, spaced);

/// A sum of money with two decimals, kept in hundredths so totals are exact (no float
/// drift when adding 0.10 ten times). Written in YAML as a plain number (`1200`, `1250.5`);
/// read from a number or a text such as `1 250,50` (a comma for the decimals, spaces between
/// thousands). Never negative. The currency lives beside it, in the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount {
    hundredths: u64,
}

impl Amount {
    pub fn from_hundredths(hundredths: u64) -> Self {
        Amount { hundredths }
    }

    pub fn hundredths(self) -> u64 {
        self.hundredths
    }

    pub fn saturating_add(self, other: Amount) -> Amount {
        Amount {
            hundredths: self.hundredths.saturating_add(other.hundredths),
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.hundredths / 100, self.hundredths % 100)
    }
}

impl FromStr for Amount {
    type Err = crate::messages::BadValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        use crate::messages::{BadValue, Expected};
        let wrong = || BadValue::new(text, Expected::Amount);
        let compact: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '\u{a0}' | '\u{202f}'))
            .collect();
        if compact.contains(',') && compact.contains('.') {
            return Err(BadValue::new(text, Expected::AmountMixed));
        }
        let compact = compact.replace(',', ".");
        let (whole, decimals) = compact.split_once('.').unwrap_or((&compact, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(decimals) || decimals.len() > 2 {
            return Err(wrong());
        }
        if compact.ends_with('.') {
            return Err(wrong());
        }
        let whole: u64 = whole.parse().map_err(|_| wrong())?;
        let decimals: u64 = match decimals.len() {
            0 => 0,
            1 => decimals.parse::<u64>().map_err(|_| wrong())? * 10,
            _ => decimals.parse().map_err(|_| wrong())?,
        };
        whole
            .checked_mul(100)
            .and_then(|h| h.checked_add(decimals))
            .map(Amount::from_hundredths)
            .ok_or_else(wrong)
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.hundredths.is_multiple_of(100) {
            serializer.serialize_u64(self.hundredths / 100)
        } else {
            // Exact for any amount below 2^53 hundredths: f64's shortest form of a number
            // with two decimals is those decimals, and reading goes back through that text.
            serializer.serialize_f64(self.hundredths as f64 / 100.0)
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl serde::de::Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount: a positive number with at most two decimals")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                v.checked_mul(100)
                    .map(Amount::from_hundredths)
                    .ok_or_else(|| E::custom(format!("the amount {v} is too large")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                let v = u64::try_from(v)
                    .map_err(|_| E::custom(format!("the amount {v} is negative")))?;
                self.visit_u64(v)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
                // Through the shortest text that reads back as `v`: `1250.5`, never 1250.4999….
                format!("{v}")
                    .parse()
                    .map_err(crate::messages::BadValue::into_de)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                v.parse().map_err(crate::messages::BadValue::into_de)
            }
        }
        deserializer.deserialize_any(AmountVisitor)
    }
}

/// One action of the plan, as stored in `actions/<id>.yaml`, fields in this order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub title: String,
    /// Markdown: what to do, precisely.
    #[serde(default)]
    pub description: String,
    /// Ids of the findings this action treats.
    #[serde(default)]
    pub addresses: Vec<String>,
    pub complexity: Complexity,
    /// The estimate as the auditor words it (`0 € (warranty)`, `2 days of integrator time`).
    #[serde(default)]
    pub cost: String,
    /// The estimate as a number, for totals; with `currency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_amount: Option<Amount>,
    /// ISO 4217 code of `cost_amount` (`EUR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    pub owner: Owner,
    /// None on a critical action means "immediate"; on another, no deadline yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    #[serde(default)]
    pub status: ActionStatus,
    /// Why the action was dropped (required then), or any note on the status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    pub created_by: Auditor,
    pub created_at: Timestamp,
}

impl Action {
    /// An action with only a title, the findings it addresses and its author: what a new
    /// one starts from (open, for the client, of moderate complexity, no deadline).
    pub fn blank(title: String, addresses: Vec<String>, created_by: Auditor) -> Action {
        Action {
            id: String::new(),
            title,
            description: String::new(),
            addresses,
            complexity: Complexity::Moderate,
            cost: String::new(),
            cost_amount: None,
            currency: None,
            owner: Owner::Client,
            deadline: None,
            status: ActionStatus::Open,
            status_reason: None,
            created_by,
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    /// Every problem of the record on its own, in field order; empty when it is valid.
    /// Whether the findings it addresses exist is [`Action::check_references`]'s.
    pub fn validate(&self) -> Vec<FieldProblem> {
        use ActionField as F;
        let mut problems = id_and_title((&self.id, F::Id), (&self.title, F::Title));
        let mut push = |field: F, wrong: Wrong, fix: Fix| {
            problems.push(FieldProblem::new(field, wrong, fix));
        };
        if self.addresses.is_empty() {
            push(F::Addresses, Wrong::Empty, Fix::Give(F::Addresses.into()));
        }
        let mut seen = Vec::new();
        for id in &self.addresses {
            if seen.contains(&id) {
                push(F::Addresses, Wrong::Twice(id.clone()), Fix::ListOnce);
            }
            seen.push(id);
        }
        match (&self.cost_amount, &self.currency) {
            (Some(_), None) => push(
                F::Currency,
                Wrong::NeededWith(F::CostAmount.into()),
                Fix::Give(F::Currency.into()),
            ),
            (None, Some(_)) => push(
                F::CostAmount,
                Wrong::NeededWith(F::Currency.into()),
                Fix::GiveOrRemove {
                    give: F::CostAmount.into(),
                    remove: F::Currency.into(),
                },
            ),
            _ => {}
        }
        if let Some(currency) = &self.currency {
            let iso = currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase());
            if !iso {
                push(
                    F::Currency,
                    Wrong::NotACurrency(currency.clone()),
                    Fix::CurrencyCode,
                );
            }
        }
        if self.status == ActionStatus::Dropped && self.status_reason.as_deref().is_none_or(blank) {
            let fix = Fix::SayWhy(F::StatusReason.into());
            push(F::StatusReason, Wrong::DroppedWithoutReason, fix);
        }
        problems
    }

    /// Addressed findings that do not exist.
    pub fn check_references(&self, findings: &[Finding]) -> Vec<FieldProblem> {
        self.addresses
            .iter()
            .filter(|id| !findings.iter().any(|finding| &finding.id == *id))
            .map(|id| {
                FieldProblem::new(
                    ActionField::Addresses,
                    Wrong::Unknown(Unknown {
                        thing: Thing::Finding,
                        given: id.clone(),
                        grid: None,
                    }),
                    Fix::CheckList(Thing::Finding),
                )
            })
            .collect()
    }
}

/// The findings `action` addresses, in `findings`' order; unknown ids are skipped.
fn addressed<'a>(action: &Action, findings: &'a [Finding]) -> impl Iterator<Item = &'a Finding> {
    findings
        .iter()
        .filter(|finding| action.addresses.contains(&finding.id))
}

/// The criticality of the most critical finding `action` addresses; the lowest criticality
/// when it addresses none that exist.
pub fn action_criticality(action: &Action, findings: &[Finding]) -> Criticality {
    addressed(action, findings)
        .map(Finding::criticality)
        .max()
        .unwrap_or_default()
}

/// The actions that address the finding `finding_id`: a finding cannot be removed while
/// any remain.
pub fn actions_addressing<'a>(finding_id: &str, actions: &'a [Action]) -> Vec<&'a Action> {
    actions
        .iter()
        .filter(|action| action.addresses.iter().any(|id| id == finding_id))
        .collect()
}

/// Whether a pending action's deadline is past. An action due today is not yet overdue; one
/// without a deadline never is.
pub fn is_overdue(action: &Action, today: Date) -> bool {
    action.status.is_pending() && action.deadline.is_some_and(|deadline| deadline < today)
}

/// When an action is due, as the plan shows it. Orders immediate first, then by date, then
/// unscheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Due {
    /// A critical action without a deadline.
    Immediate,
    By(Date),
    /// Not critical and no deadline yet.
    Unscheduled,
    /// Done or dropped without a deadline: nothing is due any more, whatever its
    /// criticality, so no front end calls it immediate or still to schedule.
    Closed,
}

impl Due {
    pub fn of(action: &Action, critical: bool) -> Due {
        let pending = action.status.is_pending();
        match action.deadline {
            Some(date) => Due::By(date),
            None if immediate_treatment(critical, pending) => Due::Immediate,
            None if pending => Due::Unscheduled,
            None => Due::Closed,
        }
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::Immediate => f.write_str("immediate"),
            Due::By(date) => write!(f, "{date}"),
            Due::Unscheduled => f.write_str("unscheduled"),
            Due::Closed => f.write_str("closed"),
        }
    }
}

/// `"immediate"`, `"2026-03-15"`, or null (unscheduled, or closed without a deadline).
impl Serialize for Due {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Due::Immediate => serializer.serialize_str("immediate"),
            Due::By(date) => date.serialize(serializer),
            Due::Unscheduled | Due::Closed => serializer.serialize_none(),
        }
    }
}

/// One line of the action plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanEntry<'a> {
    pub action: &'a Action,
    pub criticality: Criticality,
    /// Critical and still pending: the plan flags it for immediate treatment.
    pub immediate: bool,
    /// The domain of the most critical finding addressed (the first in grid order among
    /// equals); what places the action among those of equal criticality.
    pub domain: Option<&'a str>,
    pub due: Due,
}

/// The one rule for "immediate treatment": a critical finding, or an action on one, calls
/// for it while it is still to be dealt with (a finding open, an action open or in
/// progress); once resolved, accepted, done or dropped it is history, not an urgency. The
/// plan, its exports, the report and the lists all ask this.
pub fn immediate_treatment(critical: bool, pending: bool) -> bool {
    critical && pending
}

/// The open critical findings that no action of the plan treats (done, in progress or to
/// do; a dropped action treats nothing): the template promises their immediate treatment,
/// so status, the summary and the report name them.
pub fn unplanned_critical<'a>(findings: &'a [Finding], actions: &[Action]) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|finding| finding.calls_for_immediate_treatment())
        .filter(|finding| {
            !actions.iter().any(|action| {
                action.status != ActionStatus::Dropped && action.addresses.contains(&finding.id)
            })
        })
        .collect()
}

/// The action plan in its reading order: critical actions first, then by criticality
/// (severity, then base score), then by the domain of their most critical finding in
/// `grid` order (unknown domains last), then by due date (immediate first, unscheduled
/// last), then by id. Every action is listed, done and dropped ones included; a view that
/// hides them filters the result.
pub fn plan<'a>(actions: &'a [Action], findings: &'a [Finding], grid: &Grid) -> Vec<PlanEntry<'a>> {
    let mut entries: Vec<(usize, PlanEntry<'a>)> = actions
        .iter()
        .map(|action| {
            let criticality = action_criticality(action, findings);
            let lead = addressed(action, findings).max_by_key(|finding| {
                (
                    finding.criticality(),
                    Reverse(grid.domain_rank(&finding.domain)),
                )
            });
            let domain = lead.map(|finding| finding.domain.as_str());
            let entry = PlanEntry {
                action,
                criticality,
                immediate: immediate_treatment(criticality.critical, action.status.is_pending()),
                domain,
                due: Due::of(action, criticality.critical),
            };
            (domain.map_or(usize::MAX, |id| grid.domain_rank(id)), entry)
        })
        .collect();
    entries.sort_by(|(rank_a, a), (rank_b, b)| {
        (Reverse(a.criticality), rank_a, a.due, &a.action.id).cmp(&(
            Reverse(b.criticality),
            rank_b,
            b.due,
            &b.action.id,
        ))
    });
    entries.into_iter().map(|(_, entry)| entry).collect()
}

/// The estimated cost of the plan for one owner in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostTotal {
    pub owner: Owner,
    pub currency: String,
    pub amount: Amount,
    /// How many actions the total adds up.
    pub actions: usize,
}

/// Totals of the cost amounts by owner, then currency (amounts in different currencies are
/// never added). Dropped actions and actions without an amount and a currency do not count.
pub fn cost_totals(actions: &[Action]) -> Vec<CostTotal> {
    let mut totals: BTreeMap<(Owner, &str), (Amount, usize)> = BTreeMap::new();
    for action in actions {
        if action.status == ActionStatus::Dropped {
            continue;
        }
        if let (Some(amount), Some(currency)) = (action.cost_amount, &action.currency) {
            let total = totals.entry((action.owner, currency.as_str())).or_default();
            total.0 = total.0.saturating_add(amount);
            total.1 += 1;
        }
    }
    totals
        .into_iter()
        .map(|((owner, currency), (amount, actions))| CostTotal {
            owner,
            currency: currency.to_owned(),
            amount,
            actions,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Severity;
    use crate::assessment::finding::tests::{HIKVISION, MEDIUM, SEVEN, SEVEN_ONE, finding, scored};
    use crate::grid::{Domain, Text};

    fn grid(domains: &[&str]) -> Grid {
        Grid {
            id: "test".into(),
            version: "1".into(),
            languages: vec!["en".into()],
            title: Text::Plain("Test".into()),
            description: None,
            scale: vec![],
            domains: domains
                .iter()
                .map(|id| Domain {
                    id: (*id).into(),
                    title: Text::Plain((*id).into()),
                    description: None,
                    controls: vec![],
                })
                .collect(),
            replaces: vec![],
        }
    }

    fn action(id: &str, addresses: &[&str]) -> Action {
        let addresses = addresses.iter().map(|s| (*s).into()).collect();
        let who = "Jeanne Martin <jm@example.org>".parse().unwrap();
        Action {
            id: id.into(),
            complexity: Complexity::Low,
            created_at: "2026-11-27T10:00:00Z".parse().unwrap(),
            ..Action::blank(format!("Action {id}"), addresses, who)
        }
    }

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn an_action_is_as_critical_as_its_most_critical_finding() {
        let findings = vec![
            scored("F-low", "NET", MEDIUM),
            scored("F-seven-one", "NET", SEVEN_ONE),
            scored("F-seven", "NET", SEVEN),
        ];
        let both = action("A-1", &["F-low", "F-seven"]);
        let criticality = action_criticality(&both, &findings);
        assert!(!criticality.critical, "7.0 is not critical");
        assert_eq!(criticality.severity, Some(Severity::High));
        assert_eq!(criticality, findings[2].criticality());

        let with_critical = action("A-2", &["F-low", "F-seven-one"]);
        assert!(action_criticality(&with_critical, &findings).critical);

        let dangling = action("A-3", &["F-gone"]);
        assert_eq!(
            action_criticality(&dangling, &findings),
            Criticality::default()
        );
    }

    #[test]
    fn the_plan_puts_critical_actions_first_then_severity_then_grid_domain_order() {
        let grid = grid(&["ACC", "UPD", "NET"]);
        let findings = vec![
            // critical by remote takeover despite a medium score, in the last domain
            Finding {
                remote_takeover: true,
                ..scored("F-rce", "NET", MEDIUM)
            },
            scored("F-98", "UPD", HIKVISION),      // critical, 9.8
            scored("F-70-net", "NET", SEVEN),      // high, not critical
            scored("F-70-acc", "ACC", SEVEN),      // high, not critical, first domain
            scored("F-53", "ACC", MEDIUM),         // medium
            finding("F-low", "ACC"),               // low by hand
            scored("F-53-unknown", "XYZ", MEDIUM), // medium, domain not in the grid
        ];
        let actions = vec![
            action("a-low", &["F-low"]),
            action("a-medium-unknown", &["F-53-unknown"]),
            action("a-medium", &["F-53"]),
            action("a-high-net", &["F-70-net"]),
            action("a-high-acc", &["F-70-acc"]),
            action("a-takeover", &["F-rce"]),
            action("a-critical", &["F-98", "F-low"]),
        ];
        let plan = plan(&actions, &findings, &grid);
        let order: Vec<&str> = plan.iter().map(|e| e.action.id.as_str()).collect();
        assert_eq!(
            order,
            [
                "a-critical", // critical, critical severity (9.8)
                "a-takeover", // critical, medium severity
                "a-high-acc", // high: ACC before NET
                "a-high-net",
                "a-medium", // medium: ACC before a domain outside the grid
                "a-medium-unknown",
                "a-low",
            ]
        );
        let flags: Vec<bool> = plan.iter().map(|e| e.immediate).collect();
        assert_eq!(flags, [true, true, false, false, false, false, false]);
        assert_eq!(plan[0].domain, Some("UPD"));
        assert_eq!(plan[0].due, Due::Immediate);
        assert_eq!(plan[2].due, Due::Unscheduled);
    }

    #[test]
    fn among_equals_the_plan_orders_by_deadline_then_id() {
        let grid = grid(&["ACC"]);
        let findings = vec![scored("F-1", "ACC", HIKVISION)];
        let actions = vec![
            Action {
                deadline: Some(date("2026-03-15")),
                ..action("b", &["F-1"])
            },
            Action {
                deadline: Some(date("2026-01-10")),
                ..action("c", &["F-1"])
            },
            action("z-immediate", &["F-1"]),
            Action {
                deadline: Some(date("2026-03-15")),
                ..action("a", &["F-1"])
            },
        ];
        let plan = plan(&actions, &findings, &grid);
        let order: Vec<String> = plan
            .iter()
            .map(|e| format!("{} {}", e.action.id, e.due))
            .collect();
        assert_eq!(
            order,
            [
                "z-immediate immediate",
                "c 2026-01-10",
                "a 2026-03-15",
                "b 2026-03-15"
            ]
        );
    }

    #[test]
    fn the_domain_of_an_action_is_that_of_its_most_critical_finding() {
        let grid = grid(&["ACC", "UPD", "NET"]);
        let findings = vec![
            scored("F-net", "NET", HIKVISION),
            scored("F-acc", "ACC", MEDIUM),
            scored("F-upd", "UPD", HIKVISION),
        ];
        let actions = vec![action("A", &["F-acc", "F-net", "F-upd"])];
        let plan = plan(&actions, &findings, &grid);
        // NET and UPD tie at 9.8; UPD comes first in the grid.
        assert_eq!(plan[0].domain, Some("UPD"));
    }

    #[test]
    fn finished_critical_actions_keep_their_place_but_lose_the_flag() {
        let grid = grid(&["UPD"]);
        let findings = vec![scored("F-1", "UPD", HIKVISION)];
        let actions = vec![
            Action {
                status: ActionStatus::Done,
                ..action("A", &["F-1"])
            },
            Action {
                status: ActionStatus::Dropped,
                ..action("B", &["F-1"])
            },
            action("C", &["F-1"]),
        ];
        let plan = plan(&actions, &findings, &grid);
        let done = plan.iter().find(|entry| entry.action.id == "A").unwrap();
        assert!(done.criticality.critical);
        assert!(!done.immediate);
        // Closed, they are due no more: neither immediately nor to be scheduled.
        let due: Vec<(&str, Due)> = plan
            .iter()
            .map(|entry| (entry.action.id.as_str(), entry.due))
            .collect();
        assert_eq!(
            due,
            [
                ("C", Due::Immediate),
                ("A", Due::Closed),
                ("B", Due::Closed)
            ]
        );
        let json = serde_json::to_value(&plan[1]).unwrap();
        assert_eq!(json["due"], serde_json::Value::Null);
    }

    #[test]
    fn only_pending_actions_past_their_deadline_are_overdue() {
        let today = date("2026-06-01");
        let due = |deadline: &str, status| Action {
            deadline: Some(date(deadline)),
            status,
            ..action("A", &["F"])
        };
        assert!(is_overdue(&due("2026-05-31", ActionStatus::Open), today));
        assert!(is_overdue(
            &due("2026-05-31", ActionStatus::InProgress),
            today
        ));
        assert!(
            !is_overdue(&due("2026-06-01", ActionStatus::Open), today),
            "due today"
        );
        assert!(!is_overdue(&due("2026-05-31", ActionStatus::Done), today));
        assert!(!is_overdue(
            &due("2026-05-31", ActionStatus::Dropped),
            today
        ));
        assert!(!is_overdue(&action("A", &["F"]), today), "no deadline");
    }

    #[test]
    fn amounts_read_exactly_and_total_by_owner_and_currency() {
        assert_eq!(
            "1250".parse::<Amount>().map(|a| a.hundredths()),
            Ok(125_000)
        );
        assert_eq!(
            "1 250,5".parse::<Amount>().map(|a| a.to_string()),
            Ok("1250.50".into())
        );
        assert_eq!("0.10".parse::<Amount>().map(|a| a.hundredths()), Ok(10));
        for bad in ["", "-5", "1.234", "1,250.50", "12e3", "abc", "1.", ".5"] {
            assert!(bad.parse::<Amount>().is_err(), "{bad:?}");
        }
        let priced = |id: &str, owner, amount: &str, currency: &str| Action {
            owner,
            cost_amount: Some(amount.parse().unwrap()),
            currency: Some(currency.into()),
            ..action(id, &["F"])
        };
        let mut actions: Vec<Action> = (0..10)
            .map(|i| priced(&format!("dime-{i}"), Owner::Client, "0.10", "EUR"))
            .collect();
        actions.push(priced("big", Owner::Client, "1 200", "EUR"));
        actions.push(priced("usd", Owner::Client, "99.99", "USD"));
        actions.push(priced("firm", Owner::Firm, "800", "EUR"));
        actions.push(Action {
            status: ActionStatus::Dropped,
            status_reason: Some("Out of budget".into()),
            ..priced("dropped", Owner::Firm, "5000", "EUR")
        });
        actions.push(action("free-text-only", &["F"]));
        let totals: Vec<String> = cost_totals(&actions)
            .iter()
            .map(|t| format!("{} {} {} ({})", t.owner, t.currency, t.amount, t.actions))
            .collect();
        assert_eq!(
            totals,
            [
                "client EUR 1201.00 (11)",
                "client USD 99.99 (1)",
                "firm EUR 800.00 (1)"
            ]
        );
    }

    #[test]
    fn amounts_are_written_as_numbers_and_read_from_numbers_or_text() {
        let whole: Amount = "1200".parse().unwrap();
        let cents: Amount = "1250.5".parse().unwrap();
        assert_eq!(serde_json::to_string(&whole).unwrap(), "1200");
        assert_eq!(serde_json::to_string(&cents).unwrap(), "1250.5");
        for (yaml, hundredths) in [
            ("1200", 120_000),
            ("1250.5", 125_050),
            ("0.1", 10),
            ("'1 250,50'", 125_050),
        ] {
            let amount: Amount = crate::yaml::from_str(yaml).unwrap();
            assert_eq!(amount.hundredths(), hundredths, "{yaml}");
        }
        assert!(crate::yaml::from_str::<Amount>("-3").is_err());
        assert!(crate::yaml::from_str::<Amount>("0.125").is_err());
    }

    #[test]
    fn a_valid_action_has_no_problems_and_a_bad_one_reports_each() {
        assert_eq!(action("A-1", &["F-1"]).validate(), vec![]);
        let bad = Action {
            id: "a b".into(),
            title: String::new(),
            addresses: vec![],
            cost_amount: Some("10".parse().unwrap()),
            status: ActionStatus::Dropped,
            ..action("A-1", &[])
        };
        let fields: Vec<&str> = bad.validate().iter().map(|p| p.field.key()).collect();
        assert_eq!(
            fields,
            ["id", "title", "addresses", "currency", "status_reason"]
        );
        let euro = Action {
            addresses: vec!["F-1".into(), "F-1".into()],
            currency: Some("€".into()),
            ..action("A-2", &[])
        };
        let problems: Vec<String> = euro.validate().iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("`addresses`: `F-1` is listed twice"));
        assert!(problems[1].contains("`cost_amount`: needed with `currency`"));
        assert!(problems[2].contains("`€` is not a currency code"));
    }

    #[test]
    fn references_to_missing_findings_are_reported_and_removal_is_checked() {
        let findings = vec![finding("F-1", "ACC")];
        let actions = vec![action("A-1", &["F-1", "F-2"]), action("A-2", &["F-3"])];
        let problems = actions[0].check_references(&findings);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].wrong.to_string(), "unknown finding `F-2`");
        let blocking: Vec<&str> = actions_addressing("F-1", &actions)
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(blocking, ["A-1"]);
        assert!(actions_addressing("F-9", &actions).is_empty());
    }

    #[test]
    fn enums_read_from_the_command_line() {
        assert_eq!("Moderate".parse::<Complexity>(), Ok(Complexity::Moderate));
        assert_eq!("manufacturer".parse::<Owner>(), Ok(Owner::Manufacturer));
        assert_eq!(
            "in progress".parse::<ActionStatus>(),
            Ok(ActionStatus::InProgress)
        );
        assert_eq!(
            "in-progress".parse::<ActionStatus>(),
            Ok(ActionStatus::InProgress)
        );
        let error = "vendor".parse::<Owner>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "`vendor` is not an owner: use client, firm or manufacturer"
        );
        assert_eq!(
            error.phrase(crate::lang::Lang::Fr),
            "`vendor` n'est pas un responsable\u{a0}: donnez client, firm ou manufacturer"
        );
    }

    #[test]
    fn action_round_trips_through_yaml_and_refuses_unknown_keys() {
        let original = Action {
            description: "Flash V5.5.800 on every DS-2CD2143G0-I.\n\nThen check `/ISAPI/System/deviceInfo`.\n".into(),
            addresses: vec!["F-1".into(), "F-2".into()],
            complexity: Complexity::Moderate,
            cost: "0 € (warranty)".into(),
            cost_amount: Some("1250.5".parse().unwrap()),
            currency: Some("EUR".into()),
            owner: Owner::Manufacturer,
            deadline: Some(date("2026-03-15")),
            status: ActionStatus::InProgress,
            status_reason: Some("Waiting for the maintenance window.".into()),
            ..action("A-1", &[])
        };
        let text = crate::yaml::to_string(&original).unwrap();
        assert_eq!(
            crate::assessment::top_level_keys(&text),
            [
                "id",
                "title",
                "description",
                "addresses",
                "complexity",
                "cost",
                "cost_amount",
                "currency",
                "owner",
                "deadline",
                "status",
                "status_reason",
                "created_by",
                "created_at"
            ],
            "{text}"
        );
        assert!(text.contains("status: in_progress"), "{text}");
        assert!(text.contains("cost_amount: 1250.5"), "{text}");
        let back: Action = crate::yaml::from_str(&text).unwrap();
        assert_eq!(back, original);

        let unknown = text.replace("owner:", "budget: 3\nowner:");
        let error = crate::yaml::from_str::<Action>(&unknown)
            .unwrap_err()
            .to_string();
        assert!(error.contains("budget"), "{error}");
        let bad_owner = text.replace("owner: manufacturer", "owner: vendor");
        assert!(crate::yaml::from_str::<Action>(&bad_owner).is_err());
    }

    #[test]
    fn plan_entries_serialise_for_json_lists() {
        let grid = grid(&["UPD"]);
        let findings = vec![scored("F-1", "UPD", HIKVISION)];
        let actions = vec![action("A-1", &["F-1"])];
        let plan = plan(&actions, &findings, &grid);
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(json[0]["immediate"], true);
        assert_eq!(json[0]["due"], "immediate");
        assert_eq!(json[0]["domain"], "UPD");
        assert_eq!(json[0]["criticality"]["severity"], "critical");
        assert_eq!(json[0]["criticality"]["base_score"], 9.8);
        assert_eq!(json[0]["action"]["id"], "A-1");
    }
}
