//! The action plan's screen: the actions in the plan's order (or by id), filtered by
//! status, owner, domain and the text filter, and the selected one in full. Its keys open
//! an action's form, a new one, a removal, the plan as a spreadsheet.

use crate::field::ActionField;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::ctx::Ctx;
use super::form::Form;
use super::keys::Action as Key;
use super::message::{Effect, Removal};
use super::mode::Do;
use super::record_list::{
    RecordList, cycle, heading, open_form, pair, row_lookups, severity_span, table, text_lines,
    titled_columns,
};
use super::strings::field_label;
use super::theme::Theme;
use crate::assessment::{Action, ActionStatus, Due, Owner, PlanEntry, is_overdue, plan};
use crate::report::labels;
use crate::text::one_line;

/// The plan's status filter: pending is open or in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    Pending,
    Done,
    Dropped,
}

impl PlanStatus {
    const ALL: [PlanStatus; 3] = [PlanStatus::Pending, PlanStatus::Done, PlanStatus::Dropped];

    fn holds(self, status: ActionStatus) -> bool {
        match self {
            PlanStatus::Pending => status.is_pending(),
            PlanStatus::Done => status == ActionStatus::Done,
            PlanStatus::Dropped => status == ActionStatus::Dropped,
        }
    }

    fn label(self, ctx: &Ctx) -> String {
        match self {
            PlanStatus::Pending => ctx.strings().pending.to_owned(),
            PlanStatus::Done => labels::action_status(ActionStatus::Done, ctx.lang).to_owned(),
            PlanStatus::Dropped => {
                labels::action_status(ActionStatus::Dropped, ctx.lang).to_owned()
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct Plan {
    pub list: RecordList,
    pub status: Option<PlanStatus>,
    pub owner: Option<Owner>,
}

/// An action with nothing in it but what is given, as a new one's form starts.
pub fn blank_action(ctx: &Ctx, addresses: Vec<String>, title: String) -> Action {
    Action::blank(title, addresses, ctx.auditor.clone())
}

impl Plan {
    /// The action plan in its order (or by id), filtered by status, owner, domain and text.
    pub fn visible<'a>(&self, ctx: &Ctx<'a>) -> Vec<PlanEntry<'a>> {
        let state = ctx.state();
        let mut entries = plan(&state.actions, &state.findings, &state.grid);
        if self.list.by_id {
            entries.sort_by(|a, b| a.action.id.cmp(&b.action.id));
        }
        entries
            .into_iter()
            .filter(|entry| {
                self.status
                    .is_none_or(|status| status.holds(entry.action.status))
            })
            .filter(|entry| self.owner.is_none_or(|owner| entry.action.owner == owner))
            .filter(|entry| {
                self.list
                    .domain
                    .as_deref()
                    .is_none_or(|id| entry.domain == Some(id))
            })
            .filter(|entry| {
                ctx.matches_filter(&[entry.action.id.as_str(), entry.action.title.as_str()])
            })
            .collect()
    }

    row_lookups!(|e| e.action.id);

    pub fn clear_filters(&mut self) {
        self.list.clear_filters();
        (self.status, self.owner) = (None, None);
    }

    /// A key of the plan's screen; `None` leaves it to the keys common to all screens.
    pub fn update(&mut self, key: Key, ctx: &Ctx) -> Option<Vec<Do>> {
        let selected = self.selected_id(ctx);
        match key {
            Key::Edit => {
                let action = selected.and_then(|id| ctx.state().action(&id));
                return open_form(action.map(|a| Form::action(Some(a), a, ctx.lang)));
            }
            Key::New => {
                let blank = blank_action(ctx, Vec::new(), String::new());
                return open_form(Some(Form::action(None, &blank, ctx.lang)));
            }
            Key::ExportPlan => return Some(vec![Do::Effect(Effect::ExportPlan)]),
            Key::FilterStatus => self.status = cycle(self.status, &PlanStatus::ALL),
            Key::FilterOther => self.owner = cycle(self.owner, &Owner::ALL),
            _ => {
                let shown = (self.visible(ctx).len(), selected.map(Removal::Action));
                return self.list.update(key, ctx, shown);
            }
        }
        Some(Vec::new())
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let entries = self.visible(ctx);
        let firm = ctx.state().meta.firm.as_deref();
        let title = self.list.title(
            ctx,
            (strings.actions, entries.len(), ctx.state().actions.len()),
            self.status.map(|status| status.label(ctx)),
            self.owner
                .map(|owner| (strings.owner, labels::owner(owner, firm, ctx.lang))),
        );
        let rows = entries.iter().map(|e| plan_row(ctx, e, theme)).collect();
        let detail = entries.get(self.list.selected);
        let detail = detail.map(|entry| detail_lines(ctx, entry, theme));
        let table = (title, table(rows, titled_columns(&WIDTHS)));
        self.list.draw(ctx, table, detail, theme, frame, area);
    }
}

/// The columns' widths, but the title's, which takes the rest.
const WIDTHS: [u16; 6] = [3, 8, 8, 10, 12, 11];

fn plan_row(ctx: &Ctx, entry: &PlanEntry, theme: Theme) -> Row<'static> {
    let strings = ctx.strings();
    let action = entry.action;
    let firm = ctx.state().meta.firm.as_deref();
    let flag = if entry.immediate { "[!]" } else { "[ ]" };
    let due = if is_overdue(action, ctx.today) {
        Span::styled(strings.overdue, theme.error())
    } else {
        Span::raw(match entry.due {
            Due::Immediate => strings.immediate_short.to_owned(),
            Due::By(day) => ctx.lang.short_date(day),
            Due::Unscheduled | Due::Closed => "-".to_owned(),
        })
    };
    Row::new(vec![
        Cell::from(Span::styled(flag, theme.error())),
        Span::raw(action.id.clone()).into(),
        severity_span(entry.criticality.severity, ctx.lang, theme).into(),
        due.into(),
        Span::raw(labels::owner(action.owner, firm, ctx.lang)).into(),
        Span::styled(labels::action_status(action.status, ctx.lang), theme.dim()).into(),
        Span::raw(one_line(&action.title)).into(),
    ])
}

/// The selected action in full.
fn detail_lines(ctx: &Ctx, entry: &PlanEntry, theme: Theme) -> Vec<Line<'static>> {
    let (strings, lang) = (ctx.strings(), ctx.lang);
    let firm = ctx.state().meta.firm.as_deref();
    let action = entry.action;
    let mut lines = vec![Line::styled(
        format!("{} · {}", action.id, one_line(&action.title)),
        theme.heading(),
    )];
    if entry.immediate {
        lines.push(Line::styled(
            format!("[!] {}", strings.immediate),
            theme.error(),
        ));
    }
    let addressed: Vec<String> = action
        .addresses
        .iter()
        .map(|id| match ctx.state().finding(id) {
            Some(finding) => format!("{id} {}", one_line(&finding.title)),
            None => one_line(id),
        })
        .collect();
    lines.push(pair(
        strings,
        strings.addresses,
        addressed.join("; "),
        theme,
    ));
    lines.push(pair(
        strings,
        strings.complexity,
        labels::complexity(action.complexity, lang).to_owned(),
        theme,
    ));
    lines.push(pair(
        strings,
        strings.owner,
        one_line(&labels::owner(action.owner, firm, lang)),
        theme,
    ));
    when_lines(ctx, entry, theme, &mut lines);
    if !action.description.trim().is_empty() {
        heading(&mut lines, strings.description, theme);
        text_lines(&mut lines, &action.description);
    }
    lines
}

/// Cost, due date and status (with its reason).
fn when_lines(ctx: &Ctx, entry: &PlanEntry, theme: Theme, lines: &mut Vec<Line<'static>>) {
    let (strings, lang) = (ctx.strings(), ctx.lang);
    let action = entry.action;
    let (amount, currency) = (action.cost_amount, action.currency.as_deref());
    let cost = labels::cost(&action.cost, amount, currency, lang);
    if !cost.is_empty() {
        lines.push(pair(strings, strings.cost, cost, theme));
    }
    let due = match entry.due {
        Due::Immediate => strings.immediate.to_owned(),
        Due::By(day) => labels::date(day, lang),
        Due::Unscheduled | Due::Closed => "-".to_owned(),
    };
    lines.push(pair(strings, strings.due, due, theme));
    lines.push(pair(
        strings,
        strings.status,
        labels::action_status(action.status, lang).to_owned(),
        theme,
    ));
    if let Some(reason) = &action.status_reason {
        lines.push(pair(
            strings,
            field_label(lang, ActionField::StatusReason),
            one_line(reason),
            theme,
        ));
    }
}
