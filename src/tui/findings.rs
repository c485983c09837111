//! The findings screen: the findings critical first (or by id), filtered by status, domain,
//! lowest severity and the text filter, and the selected one in full. Its keys open the
//! finding's form, a new one, the plan's action for it, evidence to attach, a removal.

use crate::field::FindingField;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::ctx::Ctx;
use super::form::Form;
use super::keys::Action;
use super::message::{Attach, Notice, Removal};
use super::mode::{Do, Mode, Screen};
use super::popups::Confirm;
use super::prompt::{Prompt, PromptFor};
use super::record_list::{
    RecordList, cycle, heading, linked, open_form, pair, row_lookups, severity_span, table,
    text_lines, titled_columns,
};
use super::strings::field_label;
use super::theme::Theme;
use crate::assessment::{Finding, FindingStatus, Severity, findings_in_order};
use crate::report::labels;
use crate::text::one_line;

#[derive(Debug, Default)]
pub struct Findings {
    pub list: RecordList,
    pub status: Option<FindingStatus>,
    /// The lowest severity shown.
    pub at_least: Option<Severity>,
}

/// A finding with nothing in it but what is given, as a new one's form starts.
pub fn blank_finding(
    ctx: &Ctx,
    domain: String,
    controls: Vec<String>,
    recommendation: String,
) -> Finding {
    Finding::blank(domain, controls, recommendation, ctx.auditor.clone())
}

impl Findings {
    /// Findings shown: critical first, then severity and score, then grid order (or by
    /// id), filtered by status, domain, lowest severity and the text filter.
    pub fn visible<'a>(&self, ctx: &Ctx<'a>) -> Vec<&'a Finding> {
        let state = ctx.state();
        let mut findings = findings_in_order(&state.findings, &state.grid);
        if self.list.by_id {
            findings.sort_by(|a, b| a.id.cmp(&b.id));
        }
        findings
            .into_iter()
            .filter(|finding| self.status.is_none_or(|status| finding.status == status))
            .filter(|finding| {
                self.list
                    .domain
                    .as_ref()
                    .is_none_or(|id| finding.domain == *id)
            })
            .filter(|finding| {
                self.at_least
                    .is_none_or(|lowest| finding.severity().is_some_and(|s| s >= lowest))
            })
            .filter(|finding| {
                let cves: Vec<String> = finding.cves.iter().map(ToString::to_string).collect();
                let mut texts = vec![finding.id.as_str(), finding.title.as_str()];
                texts.extend(cves.iter().map(String::as_str));
                ctx.matches_filter(&texts)
            })
            .collect()
    }

    row_lookups!(|f| f.id);

    pub fn clear_filters(&mut self) {
        self.list.clear_filters();
        (self.status, self.at_least) = (None, None);
    }

    /// A key of the findings screen; `None` leaves it to the keys common to all screens.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Option<Vec<Do>> {
        let selected = self.selected_id(ctx);
        match action {
            Action::Edit => {
                let finding = selected.and_then(|id| ctx.state().finding(&id));
                return open_form(finding.map(|f| Form::finding(Some(f), f)));
            }
            Action::New => {
                let domain = ctx.state().grid.domains.first();
                let domain = domain.map(|d| d.id.clone()).unwrap_or_default();
                let blank = blank_finding(ctx, domain, Vec::new(), String::new());
                return open_form(Some(Form::finding(None, &blank)));
            }
            Action::PlanForFinding => return Some(plan_for(ctx, selected)),
            Action::AttachEvidence => {
                return Some(
                    selected
                        .map(|id| {
                            Do::Open(Mode::Prompt(Prompt::new(
                                PromptFor::Evidence(Attach::Finding(id)),
                                String::new(),
                            )))
                        })
                        .into_iter()
                        .collect(),
                );
            }
            Action::DetachEvidence => {
                let Some(finding) = selected.and_then(|id| ctx.state().finding(&id)) else {
                    return Some(Vec::new());
                };
                let listed = finding.evidence.iter().map(|e| e.path.clone()).collect();
                return Some(vec![match Removal::evidence(
                    Attach::Finding(finding.id.clone()),
                    listed,
                ) {
                    Some(removal) => Do::Open(Mode::Confirm(Confirm(removal))),
                    None => Do::Say(Notice::Info(ctx.strings().no_evidence.to_owned())),
                }]);
            }
            Action::FilterStatus => self.status = cycle(self.status, &FindingStatus::ALL),
            // `none` would be no filter at all.
            Action::FilterOther => self.at_least = cycle(self.at_least, &Severity::ALL[1..]),
            _ => {
                let shown = (self.visible(ctx).len(), selected.map(Removal::Finding));
                return self.list.update(action, ctx, shown);
            }
        }
        Some(Vec::new())
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let findings = self.visible(ctx);
        let title = self.list.title(
            ctx,
            (strings.findings, findings.len(), ctx.state().findings.len()),
            self.status
                .map(|status| labels::finding_status(status, ctx.lang).to_owned()),
            self.at_least.map(|severity| {
                (
                    strings.severity_at_least,
                    labels::severity(severity, ctx.lang).to_owned(),
                )
            }),
        );
        let rows = findings
            .iter()
            .map(|f| finding_row(ctx, f, theme))
            .collect();
        let detail = findings.get(self.list.selected);
        let detail = detail.map(|finding| detail_lines(ctx, finding, theme));
        let table = (title, table(rows, titled_columns(&WIDTHS)));
        self.list.draw(ctx, table, detail, theme, frame, area);
    }
}

/// The columns' widths, but the title's, which takes the rest.
const WIDTHS: [u16; 6] = [3, 8, 8, 4, 4, 14];

/// `A`: an action addressing the selected finding, on the plan's screen.
fn plan_for(ctx: &Ctx, selected: Option<String>) -> Vec<Do> {
    let Some(finding) = selected.and_then(|id| ctx.state().finding(&id)) else {
        return Vec::new();
    };
    let prefill = super::plan::blank_action(
        ctx,
        vec![finding.id.clone()],
        finding
            .recommendation
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
    );
    vec![
        Do::Show(Screen::Actions),
        Do::Open(Mode::Form(Box::new(Form::action(None, &prefill, ctx.lang)))),
    ]
}

fn finding_row(ctx: &Ctx, finding: &Finding, theme: Theme) -> Row<'static> {
    let flag = if finding.is_critical() { "[!]" } else { "[ ]" };
    let score = finding
        .base_score()
        .map(|s| s.to_string())
        .unwrap_or_default();
    Row::new(vec![
        Cell::from(Span::styled(flag, theme.error())),
        Span::raw(finding.id.clone()).into(),
        severity_span(finding.severity(), ctx.lang, theme).into(),
        Span::raw(labels::decimal(&score, ctx.lang)).into(),
        Span::raw(one_line(&finding.domain)).into(),
        Span::styled(
            labels::finding_status(finding.status, ctx.lang),
            theme.dim(),
        )
        .into(),
        Span::raw(one_line(&finding.title)).into(),
    ])
}

/// The selected finding in full: what it is and what to do come before the lists, so that
/// they show in a short pane without scrolling.
fn detail_lines(ctx: &Ctx, finding: &Finding, theme: Theme) -> Vec<Line<'static>> {
    let strings = ctx.strings();
    let mut lines = head_lines(ctx, finding, theme);
    if !finding.description.trim().is_empty() {
        heading(&mut lines, strings.description, theme);
        text_lines(&mut lines, &finding.description);
    }
    if !finding.recommendation.trim().is_empty() {
        heading(&mut lines, strings.recommendation_label, theme);
        text_lines(&mut lines, &finding.recommendation);
    }
    list_lines(ctx, finding, theme, &mut lines);
    lines
}

/// Title, severity, vector, takeover, place and status.
fn head_lines(ctx: &Ctx, finding: &Finding, theme: Theme) -> Vec<Line<'static>> {
    let (strings, lang) = (ctx.strings(), ctx.lang);
    let mut lines = vec![Line::styled(
        format!("{} · {}", finding.id, one_line(&finding.title)),
        theme.heading(),
    )];
    let mut flags = vec![
        Span::styled(
            format!(
                "{}{}",
                super::record_list::capitalised(strings.severity),
                strings.colon
            ),
            theme.key(),
        ),
        severity_span(finding.severity(), lang, theme),
    ];
    if finding.is_critical() {
        flags.push(Span::styled(
            format!("  [!] {}", strings.critical),
            theme.error(),
        ));
    }
    lines.push(Line::from(flags));
    if let Some(vector) = &finding.cvss {
        let source = finding
            .cvss_source
            .map(|s| labels::vector_source(s, lang))
            .unwrap_or_default();
        lines.push(pair(
            strings,
            strings.cvss,
            format!(
                "{} = {} (CVSS {}, {source})",
                vector,
                labels::decimal(&vector.base_score().to_string(), lang),
                vector.version()
            ),
            theme,
        ));
    }
    if finding.remote_takeover {
        lines.push(Line::styled(
            field_label(lang, FindingField::RemoteTakeover).to_owned(),
            theme.error(),
        ));
    }
    // The domain apart from the controls: it is not one of them.
    let mut place = one_line(&finding.domain);
    if !finding.controls.is_empty() {
        let ids: Vec<String> = finding.controls.iter().map(|c| one_line(c)).collect();
        place = format!(
            "{place} · {}{}{}",
            field_label(lang, FindingField::Controls),
            strings.colon,
            ids.join(", ")
        );
    }
    lines.push(pair(strings, strings.domain, place, theme));
    lines.push(pair(
        strings,
        strings.status,
        labels::finding_status(finding.status, lang).to_owned(),
        theme,
    ));
    lines
}

/// CVEs, assets, the severity's justification and the actions that address it.
fn list_lines(ctx: &Ctx, finding: &Finding, theme: Theme, lines: &mut Vec<Line<'static>>) {
    let (strings, lang) = (ctx.strings(), ctx.lang);
    if !finding.cves.is_empty() || !finding.assets.is_empty() {
        lines.push(Line::default());
    }
    if !finding.cves.is_empty() {
        let cves: Vec<String> = finding.cves.iter().map(ToString::to_string).collect();
        lines.push(pair(strings, "CVE", cves.join(", "), theme));
    }
    if !finding.assets.is_empty() {
        lines.push(pair(
            strings,
            field_label(lang, FindingField::Assets),
            one_line(&finding.assets.join(", ")),
            theme,
        ));
    }
    if let Some(justification) = &finding.severity_justification {
        lines.push(pair(
            strings,
            field_label(lang, FindingField::SeverityJustification),
            one_line(justification),
            theme,
        ));
    }
    let actions = ctx.state().actions.iter();
    let addressing = actions.filter(|action| action.addresses.contains(&finding.id));
    let addressing = addressing.map(|action| (action.id.as_str(), action.title.as_str()));
    linked(lines, strings.addressed_by, addressing, theme);
}

#[cfg(test)]
mod tests {
    //! The findings screen's typed filters on a `State` in memory.

    #![allow(clippy::unwrap_used, clippy::panic)]

    use super::*;
    use crate::tui::ctx::fake::Held;

    fn finding(held: &Held, id: &str, status: FindingStatus, severity: Severity) -> Finding {
        let domain = held.state.grid.domains[0].id.clone();
        let mut finding = blank_finding(&held.ctx(), domain, vec![], String::new());
        finding.id = id.into();
        finding.title = format!("Finding {id}");
        finding.status = status;
        finding.severity = Some(severity);
        finding.severity_justification = Some("judged".into());
        finding
    }

    fn shown(findings: &Findings, held: &Held) -> Vec<String> {
        let ctx = held.ctx();
        findings
            .visible(&ctx)
            .iter()
            .map(|f| f.id.clone())
            .collect()
    }

    #[test]
    fn s_and_v_cycle_typed_filters_back_to_none() {
        let mut held = Held::new();
        held.state.findings = vec![
            finding(&held, "F-1", FindingStatus::Open, Severity::Low),
            finding(&held, "F-2", FindingStatus::Resolved, Severity::High),
        ];
        let mut findings = Findings::default();
        let press = |findings: &mut Findings, action| {
            let ctx = held.ctx();
            assert!(findings.update(action, &ctx).unwrap().is_empty());
        };
        press(&mut findings, Action::FilterStatus);
        assert_eq!(findings.status, Some(FindingStatus::ALL[0]));
        for _ in 1..FindingStatus::ALL.len() {
            press(&mut findings, Action::FilterStatus);
        }
        press(&mut findings, Action::FilterStatus);
        assert_eq!(findings.status, None, "after the last status, all again");
        press(&mut findings, Action::FilterOther);
        assert_eq!(findings.at_least, Some(Severity::Low), "no `none` severity");
        press(&mut findings, Action::FilterOther);
        press(&mut findings, Action::FilterOther);
        assert_eq!(findings.at_least, Some(Severity::High));
        assert_eq!(shown(&findings, &held), ["F-2"]);
        findings.at_least = None;
        findings.status = Some(FindingStatus::Open);
        assert_eq!(shown(&findings, &held), ["F-1"]);
    }

    #[test]
    fn x_asks_to_confirm_the_removal_of_the_selected_finding() {
        let mut held = Held::new();
        held.state.findings = vec![finding(&held, "F-1", FindingStatus::Open, Severity::Low)];
        let ctx = held.ctx();
        let asked = Findings::default().update(Action::Delete, &ctx).unwrap();
        assert!(matches!(
            &asked[..],
            [Do::Open(Mode::Confirm(super::super::popups::Confirm(Removal::Finding(id))))] if id == "F-1"
        ));
    }
}
