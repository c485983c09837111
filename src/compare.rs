//! Two states of an engagement (two audit rounds, or a round and the working copy) → what
//! changed between them: each domain's score before and after, the controls whose level
//! changed (with the new observations), findings opened, resolved, accepted, still open or
//! removed, and actions done, dropped, still pending, new, removed and overdue.
//!
//! Pure: the states come loaded (from the working copy or from git objects, by
//! `engagement`), the day each side is judged at comes from the caller, and the result is
//! plain data that `vmsaudit diff` prints as a table, Markdown or JSON, that the report's
//! progress section shows, and that the TUI's history screen draws.

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use crate::assessment::{
    self, Action, ActionStatus, Answer, Finding, FindingStatus, Level, Owner, Score, Severity,
};
use crate::grid::Lang;
use crate::grid::versions::{self, Map};
use crate::model::State;

/// One side of a comparison.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// How the side is named: a round's label, a git revision, "working copy".
    pub label: &'a str,
    pub state: &'a State,
    /// The day this side stands for (a round's closing day, a commit's, today): what is
    /// overdue is judged against it.
    pub date: Date,
}

/// A difference of scores, in tenths: `+0.4`, `-1.2`, `0.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change(pub i32);

impl Change {
    pub fn between(before: Score, after: Score) -> Change {
        let tenths = |score: Score| i32::try_from(score.tenths()).unwrap_or(i32::MAX);
        Change(tenths(after) - tenths(before))
    }

    pub fn tenths(self) -> i32 {
        self.0
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = match self.0.signum() {
            1 => "+",
            -1 => "-",
            _ => "",
        };
        let magnitude = self.0.unsigned_abs();
        write!(f, "{sign}{}.{}", magnitude / 10, magnitude % 10)
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(f64::from(self.0) / 10.0)
    }
}

/// A score on both sides; `None` when the side has none (nothing assessed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    pub before: Option<Score>,
    pub after: Option<Score>,
    /// After minus before, when both sides have a score.
    pub change: Option<Change>,
}

impl ScoreChange {
    fn of(before: Option<Score>, after: Option<Score>) -> ScoreChange {
        ScoreChange {
            before,
            after,
            change: match (before, after) {
                (Some(before), Some(after)) => Some(Change::between(before, after)),
                _ => None,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainChange {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub score: ScoreChange,
}

/// A control whose level differs between the two sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlChange {
    pub id: String,
    pub title: String,
    pub domain: String,
    /// `None`: not assessed on that side.
    pub before: Option<Level>,
    pub after: Option<Level>,
    /// The observations on the later side (Markdown, as written).
    pub observations: String,
    /// Who assessed the later side's answer.
    pub assessed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingItem {
    pub id: String,
    pub title: String,
    pub domain: String,
    pub severity: Option<Severity>,
    pub critical: bool,
    /// The status on the later side (on the earlier one for a removed finding).
    pub status: FindingStatus,
    /// The status on the earlier side; none for a finding it did not have.
    pub was: Option<FindingStatus>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FindingChanges {
    /// Open on the later side and not on the earlier one (new, or reopened).
    pub opened: Vec<FindingItem>,
    /// Resolved on the later side and not on the earlier one.
    pub resolved: Vec<FindingItem>,
    /// Risk accepted on the later side and not on the earlier one.
    pub accepted: Vec<FindingItem>,
    /// Open on both sides.
    pub still_open: Vec<FindingItem>,
    /// On the earlier side only.
    pub removed: Vec<FindingItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionItem {
    pub id: String,
    pub title: String,
    pub owner: Owner,
    pub deadline: Option<Date>,
    pub critical: bool,
    /// The status on the later side (on the earlier one for a removed action).
    pub status: ActionStatus,
    pub was: Option<ActionStatus>,
    /// Pending on the later side with its deadline before that side's day.
    pub overdue: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ActionChanges {
    /// Done on the later side and not on the earlier one.
    pub done: Vec<ActionItem>,
    /// Dropped on the later side and not on the earlier one.
    pub dropped: Vec<ActionItem>,
    /// Pending (open or in progress) on both sides.
    pub still_open: Vec<ActionItem>,
    /// Pending on the later side, absent from the earlier one.
    pub new: Vec<ActionItem>,
    /// Pending on the later side and past their deadline (some of `still_open` and `new`).
    pub overdue: Vec<ActionItem>,
    /// On the earlier side only.
    pub removed: Vec<ActionItem>,
}

/// What changed from one side to the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub from: String,
    pub to: String,
    pub from_date: Date,
    pub to_date: Date,
    /// In the later side's grid order, then domains only the earlier side has.
    pub domains: Vec<DomainChange>,
    /// The mean of the domain scores on each side.
    pub overall: ScoreChange,
    /// Controls whose level changed, in grid order.
    pub controls: Vec<ControlChange>,
    /// Controls of the later side carried over from the previous round and not yet
    /// re-verified.
    pub to_reverify: Vec<String>,
    pub findings: FindingChanges,
    pub actions: ActionChanges,
    /// Answers of the later side carried over onto a changed control of a newer grid, with
    /// what changed, in grid order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grid_changed: Vec<(String, assessment::GridChange)>,
    /// When the two sides are on different versions of the grid: how their controls map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grid: Option<GridMove>,
}

/// The two sides are on different versions of the grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridMove {
    pub grid: String,
    pub from: String,
    pub to: String,
    /// Whether the later grid's `replaces:` maps the earlier one (otherwise controls are
    /// matched by id, and those whose text changed are not compared).
    pub mapped: bool,
    /// Whether both grids have the same scale; when not, no level or score compares.
    pub same_scale: bool,
    /// Controls whose levels before and after are not compared, in the later grid's order,
    /// then the removed ones.
    pub not_comparable: Vec<NotComparable>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotComparable {
    /// The later grid's id; the earlier grid's for a removed control.
    pub id: String,
    pub why: Why,
    /// The earlier grid's ids it comes from.
    pub was: Vec<String>,
}

/// Why a control's levels are not compared across grid versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    New,
    Removed,
    /// Its question changed (or its author said the levels do not compare).
    Reworded,
    Split,
    Merged,
    /// The grid's scale changed: no level reads the same under the other.
    Scale,
}

impl Why {
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Why::New, Lang::En) => "new",
            (Why::New, Lang::Fr) => "nouveau",
            (Why::Removed, Lang::En) => "removed",
            (Why::Removed, Lang::Fr) => "retiré",
            (Why::Reworded, Lang::En) => "reworded",
            (Why::Reworded, Lang::Fr) => "reformulé",
            (Why::Split, Lang::En) => "split",
            (Why::Split, Lang::Fr) => "scindé",
            (Why::Merged, Lang::En) => "merged",
            (Why::Merged, Lang::Fr) => "fusionné",
            (Why::Scale, Lang::En) => "other scale",
            (Why::Scale, Lang::Fr) => "autre échelle",
        }
    }
}

impl NotComparable {
    /// `REM-08 (reworded)`, `ACC-20 (split, was ACC-02)`, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let was = match (self.why, lang) {
            (Why::Split | Why::Merged, Lang::En) => format!(", was {}", self.was.join(", ")),
            (Why::Split | Why::Merged, Lang::Fr) => {
                format!(", auparavant {}", self.was.join(", "))
            }
            _ => String::new(),
        };
        format!("{} ({}{was})", self.id, self.why.word(lang))
    }
}

/// How the earlier grid's controls map onto the later's: through the later grid's
/// `replaces:` when it has an entry for the earlier version; else by id, a control whose text
/// changed not compared.
fn grid_map(from: &State, to: &State) -> (Map, Option<GridMove>) {
    if from.grid.version == to.grid.version && from.grid.id == to.grid.id {
        return (Map::same(&to.grid), None);
    }
    let (map, mapped) = match versions::between(&from.grid, &to.grid, "") {
        Ok(map) => (map, true),
        Err(_) => (by_id(from, to), false),
    };
    let mut not_comparable = Vec::new();
    for (_, control) in to.grid.controls() {
        let Some(origin) = map.controls.get(&control.id) else {
            continue;
        };
        let why = match origin.from.len() {
            0 => Why::New,
            1 if origin.parts.contains(&versions::Part::Split) => Why::Split,
            1 if origin.parts.contains(&versions::Part::Scale) => Why::Scale,
            1 if origin.comparable => continue,
            1 => Why::Reworded,
            _ => Why::Merged,
        };
        not_comparable.push(NotComparable {
            id: control.id.clone(),
            why,
            was: origin.from.clone(),
        });
    }
    for id in &map.removed {
        not_comparable.push(NotComparable {
            id: id.clone(),
            why: Why::Removed,
            was: vec![id.clone()],
        });
    }
    let moved = GridMove {
        grid: to.grid.id.clone(),
        from: from.grid.version.clone(),
        to: to.grid.version.clone(),
        mapped,
        same_scale: versions::same_scale(&from.grid, &to.grid),
        not_comparable,
    };
    (map, Some(moved))
}

/// Controls matched by id, when no mapping says better: the same text hash compares.
fn by_id(from: &State, to: &State) -> Map {
    let mut map = Map::same(&to.grid);
    map.from = from.grid.version.clone();
    let same_scale = versions::same_scale(&from.grid, &to.grid);
    for (_, control) in to.grid.controls() {
        let Some(origin) = map.controls.get_mut(&control.id) else {
            continue;
        };
        match from.grid.control(&control.id) {
            None => origin.from.clear(),
            Some((_, before)) => {
                origin.comparable =
                    same_scale && versions::text_hash(before) == versions::text_hash(control);
                if !same_scale {
                    origin.parts.push(versions::Part::Scale);
                }
            }
        }
    }
    map.removed = from
        .grid
        .controls()
        .filter(|(_, c)| to.grid.control(&c.id).is_none())
        .map(|(_, c)| c.id.clone())
        .collect();
    map
}

impl Comparison {
    /// Whether nothing at all changed.
    pub fn is_empty(&self) -> bool {
        let f = &self.findings;
        let a = &self.actions;
        self.domains.iter().all(|d| d.score.before == d.score.after)
            && self.controls.is_empty()
            && f.opened.is_empty()
            && f.resolved.is_empty()
            && f.accepted.is_empty()
            && f.removed.is_empty()
            && a.done.is_empty()
            && a.dropped.is_empty()
            && a.new.is_empty()
            && a.removed.is_empty()
    }
}

/// One thing that changed in a control's answer from one version to the next (its file's
/// history, in `vmsaudit log` and the checklist's history of a control).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum AnswerDelta {
    /// The first answer.
    Answered {
        level: Level,
    },
    Level {
        from: Level,
        to: Level,
    },
    /// Set again at the same level, after it was carried over from the previous round.
    Confirmed {
        level: Level,
    },
    /// Carried over into a new round, to re-verify.
    MarkedToReverify,
    Observations,
    EvidenceAdded {
        name: String,
    },
    EvidenceRemoved {
        name: String,
    },
    Removed,
    /// The level and observations did not change (a note on evidence, a re-formatting).
    Other,
}

/// A level as the comparison tables show it: the number, `n/a`, or a dash when there was
/// no answer.
pub fn level_text(level: Option<Level>) -> String {
    match level {
        Some(Level::Score(level)) => level.to_string(),
        Some(Level::NotApplicable) => "n/a".to_owned(),
        None => "—".to_owned(),
    }
}

/// What changed from `before` to `after` (`None`: no answer then).
pub fn answer_deltas(before: Option<&Answer>, after: Option<&Answer>) -> Vec<AnswerDelta> {
    let Some(after) = after else {
        return vec![AnswerDelta::Removed];
    };
    let mut deltas = Vec::new();
    match before {
        None => deltas.push(AnswerDelta::Answered { level: after.level }),
        Some(before) => {
            if before.level != after.level {
                deltas.push(AnswerDelta::Level {
                    from: before.level,
                    to: after.level,
                });
            } else if before.reverify && !after.reverify {
                deltas.push(AnswerDelta::Confirmed { level: after.level });
            }
            if !before.reverify && after.reverify {
                deltas.push(AnswerDelta::MarkedToReverify);
            }
            if before.observations != after.observations {
                deltas.push(AnswerDelta::Observations);
            }
        }
    }
    // Evidence given with the first answer is as much a change as evidence added later.
    let known = before.map_or(&[][..], |before| before.evidence.as_slice());
    for evidence in &after.evidence {
        if !known.iter().any(|known| known.path == evidence.path) {
            let name = evidence.path.rsplit('/').next().unwrap_or(&evidence.path);
            deltas.push(AnswerDelta::EvidenceAdded {
                name: name.to_owned(),
            });
        }
    }
    for evidence in known {
        if !after
            .evidence
            .iter()
            .any(|known| known.path == evidence.path)
        {
            let name = evidence.path.rsplit('/').next().unwrap_or(&evidence.path);
            deltas.push(AnswerDelta::EvidenceRemoved {
                name: name.to_owned(),
            });
        }
    }
    if deltas.is_empty() {
        deltas.push(AnswerDelta::Other);
    }
    deltas
}

impl fmt::Display for AnswerDelta {
    /// In English, as `vmsaudit log` prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerDelta::Answered { level } => write!(f, "level {level}"),
            AnswerDelta::Level { from, to } => write!(f, "level {to} (was {from})"),
            AnswerDelta::Confirmed { level } => write!(f, "level {level} confirmed"),
            AnswerDelta::MarkedToReverify => f.write_str("marked to re-verify"),
            AnswerDelta::Observations => f.write_str("observations changed"),
            AnswerDelta::EvidenceAdded { name } => write!(f, "evidence {name} added"),
            AnswerDelta::EvidenceRemoved { name } => write!(f, "evidence {name} detached"),
            AnswerDelta::Removed => f.write_str("answer removed"),
            AnswerDelta::Other => f.write_str("no change to the level or observations"),
        }
    }
}

/// Compares `from` (the earlier side) with `to`, with titles in `lang`.
pub fn compare(from: Side, to: Side, lang: Lang) -> Comparison {
    let (map, moved) = grid_map(from.state, to.state);
    let before = assessment::status(
        &from.state.grid,
        &from.state.answers,
        &from.state.meta.overrides,
        lang,
    );
    let after = assessment::status(
        &to.state.grid,
        &to.state.answers,
        &to.state.meta.overrides,
        lang,
    );
    let before_scores: BTreeMap<&str, Option<Score>> = before
        .domains
        .iter()
        .map(|d| (d.id.as_str(), d.score))
        .collect();
    let mut domains: Vec<DomainChange> = after
        .domains
        .iter()
        .map(|d| DomainChange {
            id: d.id.clone(),
            title: d.title.clone(),
            score: ScoreChange::of(before_scores.get(d.id.as_str()).copied().flatten(), d.score),
        })
        .collect();
    domains.extend(
        before
            .domains
            .iter()
            .filter(|d| !after.domains.iter().any(|known| known.id == d.id))
            .map(|d| DomainChange {
                id: d.id.clone(),
                title: d.title.clone(),
                score: ScoreChange::of(d.score, None),
            }),
    );

    let mut overall = ScoreChange::of(before.score, after.score);
    // Scores on two scales do not subtract: both are shown, without a change.
    if moved.as_ref().is_some_and(|moved| !moved.same_scale) {
        for score in domains
            .iter_mut()
            .map(|domain| &mut domain.score)
            .chain([&mut overall])
        {
            score.change = None;
        }
    }
    Comparison {
        from: from.label.to_owned(),
        to: to.label.to_owned(),
        from_date: from.date,
        to_date: to.date,
        domains,
        overall,
        controls: controls(from.state, to.state, &map, lang),
        to_reverify: to
            .state
            .grid
            .controls()
            .filter(|(_, c)| to.state.answers.get(&c.id).is_some_and(|a| a.reverify))
            .map(|(_, c)| c.id.clone())
            .collect(),
        findings: findings(from.state, to.state),
        actions: actions(from, to),
        grid_changed: to
            .state
            .grid
            .controls()
            .filter_map(|(_, c)| {
                let change = to.state.answers.get(&c.id)?.changed.clone()?;
                Some((c.id.clone(), change))
            })
            .collect(),
        grid: moved,
    }
}

fn controls(from: &State, to: &State, map: &Map, lang: Lang) -> Vec<ControlChange> {
    let level = |answer: Option<&Answer>| answer.map(|a| a.level);
    let mut changes: Vec<ControlChange> = to
        .grid
        .controls()
        .filter_map(|(domain, control)| {
            // Compared only through a one-to-one mapping that keeps what the levels mean.
            let origin = map.controls.get(&control.id)?;
            let before = match origin.from.as_slice() {
                [one] if origin.comparable && !origin.parts.contains(&versions::Part::Split) => {
                    from.answers.get(one)
                }
                _ => return None,
            };
            let after = to.answers.get(&control.id);
            (level(before) != level(after)).then(|| ControlChange {
                id: control.id.clone(),
                title: control.title.get(lang).to_owned(),
                domain: domain.id.clone(),
                before: level(before),
                after: level(after),
                observations: after.map(|a| a.observations.clone()).unwrap_or_default(),
                assessed_by: after.map(|a| a.assessed_by.to_string()),
            })
        })
        .collect();
    // Answers to controls the later grid no longer has, when the grid did not change (on a
    // new version, they are listed as not comparable).
    if map.from != map.to {
        return changes;
    }
    changes.extend(
        from.grid
            .controls()
            .filter(|(_, c)| to.grid.control(&c.id).is_none())
            .filter_map(|(domain, control)| {
                let before = from.answers.get(&control.id)?;
                Some(ControlChange {
                    id: control.id.clone(),
                    title: control.title.get(lang).to_owned(),
                    domain: domain.id.clone(),
                    before: Some(before.level),
                    after: None,
                    observations: String::new(),
                    assessed_by: None,
                })
            }),
    );
    changes
}

fn finding_item(finding: &Finding, was: Option<FindingStatus>) -> FindingItem {
    FindingItem {
        id: finding.id.clone(),
        title: finding.title.clone(),
        domain: finding.domain.clone(),
        severity: finding.severity(),
        critical: finding.is_critical(),
        status: finding.status,
        was,
    }
}

fn findings(from: &State, to: &State) -> FindingChanges {
    let mut changes = FindingChanges::default();
    for finding in assessment::findings_in_order(&to.findings, &to.grid) {
        let was = from
            .findings
            .iter()
            .find(|f| f.id == finding.id)
            .map(|f| f.status);
        let item = finding_item(finding, was);
        match (finding.status, was) {
            (FindingStatus::Open, Some(FindingStatus::Open)) => changes.still_open.push(item),
            (FindingStatus::Open, _) => changes.opened.push(item),
            (FindingStatus::Resolved, Some(FindingStatus::Resolved)) => {}
            (FindingStatus::Resolved, _) => changes.resolved.push(item),
            (FindingStatus::Accepted, Some(FindingStatus::Accepted)) => {}
            (FindingStatus::Accepted, _) => changes.accepted.push(item),
        }
    }
    for finding in assessment::findings_in_order(&from.findings, &from.grid) {
        if !to.findings.iter().any(|f| f.id == finding.id) {
            changes
                .removed
                .push(finding_item(finding, Some(finding.status)));
        }
    }
    changes
}

fn actions(from: Side, to: Side) -> ActionChanges {
    let mut changes = ActionChanges::default();
    let item = |action: &Action, state: &State, was: Option<ActionStatus>, day: Date| ActionItem {
        id: action.id.clone(),
        title: action.title.clone(),
        owner: action.owner,
        deadline: action.deadline,
        critical: assessment::action_criticality(action, &state.findings).critical,
        status: action.status,
        was,
        overdue: assessment::is_overdue(action, day),
    };
    for entry in assessment::plan(&to.state.actions, &to.state.findings, &to.state.grid) {
        let action = entry.action;
        let was = from
            .state
            .actions
            .iter()
            .find(|a| a.id == action.id)
            .map(|a| a.status);
        let listed = item(action, to.state, was, to.date);
        if listed.overdue {
            changes.overdue.push(listed.clone());
        }
        match (action.status, was) {
            (ActionStatus::Done, Some(ActionStatus::Done)) => {}
            (ActionStatus::Done, _) => changes.done.push(listed),
            (ActionStatus::Dropped, Some(ActionStatus::Dropped)) => {}
            (ActionStatus::Dropped, _) => changes.dropped.push(listed),
            (_, Some(was)) if was.is_pending() => changes.still_open.push(listed),
            (_, _) => changes.new.push(listed),
        }
    }
    for entry in assessment::plan(&from.state.actions, &from.state.findings, &from.state.grid) {
        let action = entry.action;
        if !to.state.actions.iter().any(|a| a.id == action.id) {
            changes
                .removed
                .push(item(action, from.state, Some(action.status), from.date));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Complexity;

    fn grid() -> crate::grid::Grid {
        crate::grid::builtin::grid().unwrap()
    }

    fn state(levels: &[(&str, Level)], findings: Vec<Finding>, actions: Vec<Action>) -> State {
        State {
            findings,
            actions,
            ..crate::model::test_state(grid(), levels)
        }
    }

    fn finding(id: &str, status: FindingStatus) -> Finding {
        let text = format!(
            "id: {id}\ntitle: T {id}\ndomain: ACC\nseverity: high\nseverity_justification: x\nstatus: {status}\nstatus_reason: because\ncreated_by: A <a@example.org>\ncreated_at: 2026-01-01T00:00:00Z\n"
        );
        crate::yaml::from_str(&text).unwrap()
    }

    fn action(id: &str, status: ActionStatus, deadline: Option<Date>) -> Action {
        Action {
            id: id.into(),
            title: format!("Do {id}"),
            description: String::new(),
            addresses: vec![],
            complexity: Complexity::Low,
            cost: String::new(),
            cost_amount: None,
            currency: None,
            owner: Owner::Client,
            deadline,
            status,
            status_reason: None,
            created_by: "A <a@example.org>".parse().unwrap(),
            created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
        }
    }

    const DAY: jiff::civil::Date = jiff::civil::date(2026, 8, 3);

    /// Two rounds six months apart: controls raised, lowered and newly answered; findings
    /// resolved, still open, new and removed; actions done, dropped, overdue and new.
    fn two_rounds() -> (State, State) {
        let from = state(
            &[
                ("ACC-01", Level::Score(1)),
                ("ACC-02", Level::Score(3)),
                ("UPD-01", Level::Score(2)),
            ],
            vec![
                finding("F-000001", FindingStatus::Open),
                finding("F-000002", FindingStatus::Open),
                finding("F-000003", FindingStatus::Open),
            ],
            vec![
                action(
                    "A-000001",
                    ActionStatus::Open,
                    Some(jiff::civil::date(2026, 3, 1)),
                ),
                action("A-000002", ActionStatus::Open, None),
                action("A-000003", ActionStatus::InProgress, None),
            ],
        );
        let mut to = state(
            &[
                ("ACC-01", Level::Score(3)),
                ("ACC-02", Level::Score(2)),
                ("UPD-01", Level::Score(2)),
                ("NET-01", Level::NotApplicable),
            ],
            vec![
                finding("F-000001", FindingStatus::Resolved),
                finding("F-000002", FindingStatus::Open),
                finding("F-000004", FindingStatus::Open),
            ],
            vec![
                action(
                    "A-000001",
                    ActionStatus::Open,
                    Some(jiff::civil::date(2026, 3, 1)),
                ),
                action("A-000002", ActionStatus::Done, None),
                action("A-000003", ActionStatus::Dropped, None),
                action(
                    "A-000004",
                    ActionStatus::Open,
                    Some(jiff::civil::date(2026, 9, 1)),
                ),
            ],
        );
        to.answers.get_mut("UPD-01").unwrap().reverify = true;
        (from, to)
    }

    fn between(from: &State, to: &State) -> Comparison {
        compare(
            Side {
                label: "2026-02",
                state: from,
                date: jiff::civil::date(2026, 2, 3),
            },
            Side {
                label: "2026-08",
                state: to,
                date: DAY,
            },
            Lang::En,
        )
    }

    #[test]
    fn domain_scores_between_two_sides() {
        let (from, to) = two_rounds();
        let c = between(&from, &to);
        let acc = &c.domains[0];
        assert_eq!(acc.id, "ACC");
        assert_eq!(acc.score.before, Some(Score::from_tenths(20)));
        assert_eq!(acc.score.after, Some(Score::from_tenths(25)));
        assert_eq!(acc.score.change.unwrap().to_string(), "+0.5");
        let net = c.domains.iter().find(|d| d.id == "NET").unwrap();
        assert_eq!(net.score.change, None, "not applicable scores nothing");
    }

    #[test]
    fn controls_whose_level_changed_and_those_to_reverify() {
        let (from, to) = two_rounds();
        let c = between(&from, &to);
        let ids: Vec<(&str, Option<Level>, Option<Level>)> = c
            .controls
            .iter()
            .map(|c| (c.id.as_str(), c.before, c.after))
            .collect();
        assert_eq!(
            ids,
            [
                ("ACC-01", Some(Level::Score(1)), Some(Level::Score(3))),
                ("ACC-02", Some(Level::Score(3)), Some(Level::Score(2))),
                ("NET-01", None, Some(Level::NotApplicable)),
            ]
        );
        assert_eq!(c.controls[0].observations, "ACC-01 seen");
        assert_eq!(c.to_reverify, ["UPD-01"]);
    }

    #[test]
    fn findings_grouped_by_what_became_of_them() {
        let (from, to) = two_rounds();
        let c = between(&from, &to);
        let ids = |items: &[FindingItem]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&c.findings.resolved), ["F-000001"]);
        assert_eq!(ids(&c.findings.still_open), ["F-000002"]);
        assert_eq!(ids(&c.findings.opened), ["F-000004"]);
        assert_eq!(ids(&c.findings.removed), ["F-000003"]);
    }

    #[test]
    fn actions_grouped_by_what_became_of_them() {
        let (from, to) = two_rounds();
        let c = between(&from, &to);
        let ids = |items: &[ActionItem]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&c.actions.done), ["A-000002"]);
        assert_eq!(ids(&c.actions.dropped), ["A-000003"]);
        assert_eq!(ids(&c.actions.still_open), ["A-000001"]);
        assert_eq!(ids(&c.actions.new), ["A-000004"]);
        assert_eq!(ids(&c.actions.overdue), ["A-000001"]);
        assert!(!c.is_empty());
    }

    #[test]
    fn a_side_compared_with_itself_changes_nothing() {
        let (_, to) = two_rounds();
        let same = compare(
            Side {
                label: "a",
                state: &to,
                date: DAY,
            },
            Side {
                label: "b",
                state: &to,
                date: DAY,
            },
            Lang::En,
        );
        assert!(same.is_empty(), "{same:?}");
    }

    #[test]
    fn a_control_s_versions_say_what_changed() {
        let state = state(&[("ACC-01", Level::Score(1))], vec![], vec![]);
        let first = state.answers["ACC-01"].clone();
        assert_eq!(
            answer_deltas(None, Some(&first)),
            [AnswerDelta::Answered {
                level: Level::Score(1)
            }]
        );
        let carried = Answer {
            reverify: true,
            changed: None,
            ..first.clone()
        };
        assert_eq!(
            answer_deltas(Some(&first), Some(&carried)),
            [AnswerDelta::MarkedToReverify]
        );
        let confirmed = Answer {
            reverify: false,
            changed: None,
            ..carried.clone()
        };
        assert_eq!(
            answer_deltas(Some(&carried), Some(&confirmed))[0].to_string(),
            "level 1 confirmed"
        );
        let changed = Answer {
            level: Level::Score(3),
            observations: "better".into(),
            ..confirmed.clone()
        };
        let said: Vec<String> = answer_deltas(Some(&confirmed), Some(&changed))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(said, ["level 3 (was 1)", "observations changed"]);
        assert_eq!(answer_deltas(Some(&changed), None), [AnswerDelta::Removed]);
        assert_eq!(
            answer_deltas(Some(&changed), Some(&changed)),
            [AnswerDelta::Other]
        );
    }

    #[test]
    fn evidence_given_with_the_first_answer_is_said_as_later_evidence_is() {
        let state = state(&[("ACC-01", Level::Score(2))], vec![], vec![]);
        let evidence = |path: &str| crate::assessment::EvidenceRef {
            path: path.into(),
            sha256: "0".repeat(64),
            note: None,
        };
        let first = Answer {
            evidence: vec![evidence("evidence/ACC-01/f.png")],
            ..state.answers["ACC-01"].clone()
        };
        let said: Vec<String> = answer_deltas(None, Some(&first))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(said, ["level 2", "evidence f.png added"]);
        let more = Answer {
            evidence: vec![
                evidence("evidence/ACC-01/f.png"),
                evidence("evidence/ACC-01/g.png"),
            ],
            ..first.clone()
        };
        assert_eq!(
            answer_deltas(Some(&first), Some(&more)),
            [AnswerDelta::EvidenceAdded {
                name: "g.png".into()
            }]
        );
    }

    #[test]
    fn changes_read_with_their_sign() {
        assert_eq!(Change(4).to_string(), "+0.4");
        assert_eq!(Change(-12).to_string(), "-1.2");
        assert_eq!(Change(0).to_string(), "0.0");
        assert_eq!(serde_json::to_string(&Change(-12)).unwrap(), "-1.2");
    }
}
