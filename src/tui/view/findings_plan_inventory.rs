//! The findings, action-plan and assets screens: a list with its filters, and the selected
//! record in full.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, TableState, Wrap};

use super::super::app::App;
use super::super::findings_plan_inventory::{
    ACTION_STATUS, ASSET_KIND, CveLine, FINDING_STATUS, OWNER, RecordList, Removal,
    SEVERITY_AT_LEAST,
};
use super::super::form::{Editing, FieldKind, Form, Suggestion, suggest};
use super::super::strings::{Strings, field_label};
use super::super::theme::Theme;
use super::{block, detail_pane, popup};
use crate::assessment::{Finding, Severity, is_overdue};
use crate::field::{ActionField, AssetField, FindingField};
use crate::report::labels;
use crate::text::{one_line, sanitize};
use unicode_width::UnicodeWidthStr;

/// A filter's choice as the user reads it: the choices are the records' stable names.
fn choice(app: &App, name: &str) -> String {
    let lang = app.lang;
    let strings = app.strings();
    if name == "all" {
        return strings.all.to_owned();
    }
    if name == "pending" {
        return strings.pending.to_owned();
    }
    let firm = app.engagement.state().meta.firm.as_deref();
    name.parse()
        .map(|s| labels::severity(s, lang).to_owned())
        .or_else(|_| {
            name.parse()
                .map(|s| labels::finding_status(s, lang).to_owned())
        })
        .or_else(|_| {
            name.parse()
                .map(|s| labels::action_status(s, lang).to_owned())
        })
        .or_else(|_| name.parse().map(|o| labels::owner(o, firm, lang)))
        .or_else(|_| name.parse().map(|k| labels::asset_kind(k, lang).to_owned()))
        .or_else(|_| name.parse().map(|c| labels::complexity(c, lang).to_owned()))
        .or_else(|_| {
            name.parse()
                .map(|v| labels::vector_source(v, lang).to_owned())
        })
        .unwrap_or_else(|_| match name {
            "yes" => labels::labels(lang).yes.to_owned(),
            "no" => labels::labels(lang).no.to_owned(),
            _ => name.to_owned(),
        })
}

/// The filters in force, for the list's title.
fn filters(app: &App, list: &RecordList, status: &[&str], other: (&str, &[&str])) -> String {
    let strings = app.strings();
    let mut parts = Vec::new();
    if list.status > 0 {
        parts.push(format!(
            "{} {}",
            strings.status,
            choice(app, status.get(list.status).unwrap_or(&""))
        ));
    }
    if let Some(domain) = list
        .domain
        .checked_sub(1)
        .and_then(|i| app.engagement.state().grid.domains.get(i))
    {
        parts.push(one_line(&domain.id));
    }
    if list.other > 0 {
        parts.push(format!(
            "{} {}",
            other.0,
            choice(app, other.1.get(list.other).unwrap_or(&""))
        ));
    }
    if !app.filter.is_empty() {
        parts.push(match app.lang {
            crate::grid::Lang::Fr => format!("«\u{a0}{}\u{a0}»", one_line(&app.filter)),
            crate::grid::Lang::En => format!("\"{}\"", one_line(&app.filter)),
        });
    }
    if list.by_id {
        parts.push(strings.by_id.to_owned());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("· {} ", parts.join(" · "))
    }
}

fn split(area: Rect) -> [Rect; 2] {
    if area.width >= 110 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
    }
}

fn severity_span(
    severity: Option<Severity>,
    lang: crate::grid::Lang,
    theme: Theme,
) -> Span<'static> {
    let text = severity.map_or("-", |s| labels::severity(s, lang));
    let level = match severity {
        Some(Severity::Critical | Severity::High) => 0,
        Some(Severity::Medium) => 2,
        _ => 4,
    };
    Span::styled(text.to_owned(), theme.level(level, 4))
}

fn empty(app: &App, title: String, theme: Theme, frame: &mut Frame, area: Rect) {
    let text = Paragraph::new(Line::styled(app.strings().none_yet, theme.dim()));
    frame.render_widget(text.block(block(title, true, theme)), area);
}

pub fn draw_findings(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let findings = app.visible_findings();
    let [list_area, detail_area] = split(area);
    let title = format!(
        " {} {}/{} {}",
        strings.findings,
        findings.len(),
        app.engagement.state().findings.len(),
        filters(
            app,
            &app.findings_list,
            &FINDING_STATUS,
            (strings.severity_at_least, &SEVERITY_AT_LEAST)
        )
    );
    if findings.is_empty() {
        empty(app, title, theme, frame, list_area);
        frame.render_widget(block(String::new(), false, theme), detail_area);
        return;
    }
    let rows: Vec<Row> = findings
        .iter()
        .map(|finding| {
            let flag = if finding.is_critical() { "[!]" } else { "[ ]" };
            let score = finding
                .base_score()
                .map(|s| s.to_string())
                .unwrap_or_default();
            Row::new(vec![
                Cell::from(Span::styled(flag, theme.error())),
                Span::raw(finding.id.clone()).into(),
                severity_span(finding.severity(), app.lang, theme).into(),
                Span::raw(labels::decimal(&score, app.lang)).into(),
                Span::raw(one_line(&finding.domain)).into(),
                Span::styled(
                    labels::finding_status(finding.status, app.lang),
                    theme.dim(),
                )
                .into(),
                Span::raw(one_line(&finding.title)).into(),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(3),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(14),
        Constraint::Min(10),
    ];
    let mut state = TableState::default().with_selected(Some(app.findings_list.selected));
    let table = Table::new(rows, widths)
        .column_spacing(1)
        .block(block(title, true, theme))
        .row_highlight_style(theme.selected(true));
    frame.render_stateful_widget(table, list_area, &mut state);
    if let Some(finding) = findings.get(app.findings_list.selected) {
        draw_finding(app, finding, theme, frame, detail_area);
    }
}

fn heading(lines: &mut Vec<Line<'static>>, text: &str, theme: Theme) {
    lines.push(Line::default());
    lines.push(Line::styled(text.to_owned(), theme.heading()));
}

fn text_lines(lines: &mut Vec<Line<'static>>, text: &str) {
    lines.extend(
        sanitize(text.trim_end())
            .lines()
            .map(|line| Line::raw(line.to_owned())),
    );
}

/// `label` with a capital, as a line of the detail starts (the same words are lower case in
/// the lists' titles).
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn pair(strings: &Strings, label: &str, value: String, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{}{}", capitalised(label), strings.colon),
            theme.key(),
        ),
        Span::raw(value),
    ])
}

fn draw_finding(app: &App, finding: &Finding, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let lang = app.lang;
    let mut lines = vec![Line::styled(
        format!("{} · {}", finding.id, one_line(&finding.title)),
        theme.heading(),
    )];
    let mut flags = vec![
        Span::styled(
            format!("{}{}", capitalised(strings.severity), strings.colon),
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
    // What the finding is and what to do come before the lists, so that they show in a
    // short pane without scrolling.
    if !finding.description.trim().is_empty() {
        heading(&mut lines, strings.description, theme);
        text_lines(&mut lines, &finding.description);
    }
    if !finding.recommendation.trim().is_empty() {
        heading(&mut lines, strings.recommendation_label, theme);
        text_lines(&mut lines, &finding.recommendation);
    }
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
    let actions: Vec<String> = app
        .engagement
        .state()
        .actions
        .iter()
        .filter(|action| action.addresses.contains(&finding.id))
        .map(|action| format!("{} {}", action.id, one_line(&action.title)))
        .collect();
    if !actions.is_empty() {
        heading(&mut lines, strings.addressed_by, theme);
        lines.extend(actions.into_iter().map(Line::raw));
    }
    detail_pane(app, lines, false, theme, frame, area);
}

pub fn draw_actions(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let entries = app.visible_actions();
    let [list_area, detail_area] = split(area);
    let title = format!(
        " {} {}/{} {}",
        strings.actions,
        entries.len(),
        app.engagement.state().actions.len(),
        filters(
            app,
            &app.actions_list,
            &ACTION_STATUS,
            (strings.owner, &OWNER)
        )
    );
    if entries.is_empty() {
        empty(app, title, theme, frame, list_area);
        frame.render_widget(block(String::new(), false, theme), detail_area);
        return;
    }
    let today = app.today;
    let firm = app.engagement.state().meta.firm.as_deref();
    let rows: Vec<Row> = entries
        .iter()
        .map(|entry| {
            let action = entry.action;
            let flag = if entry.immediate { "[!]" } else { "[ ]" };
            let overdue = is_overdue(action, today);
            let due = if overdue {
                Span::styled(strings.overdue, theme.error())
            } else {
                Span::raw(action.deadline.map(|d| d.to_string()).unwrap_or_else(|| {
                    if entry.immediate {
                        strings.immediate.to_owned()
                    } else {
                        "-".to_owned()
                    }
                }))
            };
            Row::new(vec![
                Cell::from(Span::styled(flag, theme.error())),
                Span::raw(action.id.clone()).into(),
                severity_span(entry.criticality.severity, app.lang, theme).into(),
                due.into(),
                Span::raw(labels::owner(action.owner, firm, app.lang)).into(),
                Span::styled(labels::action_status(action.status, app.lang), theme.dim()).into(),
                Span::raw(one_line(&action.title)).into(),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(3),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(10),
        Constraint::Length(12),
        Constraint::Length(11),
        Constraint::Min(10),
    ];
    let mut state = TableState::default().with_selected(Some(app.actions_list.selected));
    let table = Table::new(rows, widths)
        .column_spacing(1)
        .block(block(title, true, theme))
        .row_highlight_style(theme.selected(true));
    frame.render_stateful_widget(table, list_area, &mut state);

    let Some(entry) = entries.get(app.actions_list.selected) else {
        return;
    };
    let action = entry.action;
    let lang = app.lang;
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
        .map(|id| match app.engagement.state().finding(id) {
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
    let cost = labels::cost(
        &action.cost,
        action.cost_amount,
        action.currency.as_deref(),
        lang,
    );
    if !cost.is_empty() {
        lines.push(pair(strings, strings.cost, cost, theme));
    }
    let due = action.deadline.map_or_else(
        || {
            if entry.immediate {
                strings.immediate.to_owned()
            } else {
                "-".to_owned()
            }
        },
        |d| labels::date(d, lang),
    );
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
    if !action.description.trim().is_empty() {
        heading(&mut lines, strings.description, theme);
        text_lines(&mut lines, &action.description);
    }
    detail_pane(app, lines, false, theme, frame, detail_area);
}

pub fn draw_assets(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let lang = app.lang;
    let assets = app.visible_assets();
    let [list_area, detail_area] = split(area);
    let title = format!(
        " {} {}/{} {}",
        strings.assets,
        assets.len(),
        app.engagement.state().assets.iter().count(),
        filters(app, &app.assets_list, &[], (strings.kind, &ASSET_KIND))
    );
    if assets.is_empty() {
        empty(app, title, theme, frame, list_area);
        frame.render_widget(block(String::new(), false, theme), detail_area);
        return;
    }
    // The columns in the order they give way on a narrow terminal: the location and the
    // vendor (both in the detail below) go first; the address is never cut.
    let inner = usize::from(list_area.width.saturating_sub(2));
    let wide = inner >= 100;
    let text = |value: &Option<String>| one_line(value.as_deref().unwrap_or("-"));
    let rows: Vec<Row> = assets
        .iter()
        .map(|asset| {
            let mut cells = vec![
                Cell::from(one_line(&asset.id)),
                Cell::from(labels::asset_kind(asset.kind, lang)),
            ];
            if wide {
                cells.push(Cell::from(text(&asset.vendor)));
            }
            cells.extend([
                Cell::from(text(&asset.model)),
                Cell::from(text(&asset.firmware)),
                cve_cell(app, &asset.id, theme),
                Cell::from(text(&asset.address)),
            ]);
            if wide {
                cells.push(Cell::from(text(&asset.location)));
            }
            Row::new(cells)
        })
        .collect();
    let address_width = assets
        .iter()
        .filter_map(|asset| asset.address.as_deref())
        .map(|address| one_line(address).width())
        .max()
        .unwrap_or(1)
        .clamp(7, 39);
    let mut titles = vec![
        field_label(lang, AssetField::Id),
        field_label(lang, AssetField::Kind),
    ];
    let mut widths = vec![Constraint::Length(10), Constraint::Length(11)];
    if wide {
        titles.push(field_label(lang, AssetField::Vendor));
        widths.push(Constraint::Length(10));
    }
    titles.extend([
        field_label(lang, AssetField::Model),
        field_label(lang, AssetField::Firmware),
        strings.cve_column,
        field_label(lang, AssetField::Address),
    ]);
    widths.extend([
        Constraint::Min(8),
        Constraint::Min(8),
        Constraint::Length(5),
        Constraint::Length(u16::try_from(address_width).unwrap_or(15)),
    ]);
    if wide {
        titles.push(field_label(lang, AssetField::Location));
        widths.push(Constraint::Min(8));
    }
    let header = Row::new(titles).style(theme.heading());
    let mut state = TableState::default().with_selected(Some(app.assets_list.selected));
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(block(title, true, theme))
        .row_highlight_style(theme.selected(true));
    frame.render_stateful_widget(table, list_area, &mut state);
    if let Some(asset) = assets.get(app.assets_list.selected) {
        draw_asset(app, asset, theme, frame, detail_area);
    }
}

/// Known CVEs: how many affect the asset, and how many more to confirm by hand.
fn cve_cell(app: &App, asset: &str, theme: Theme) -> Cell<'static> {
    match app.cve_counts.get(asset) {
        Some(counts) if counts.affected + counts.unknown > 0 => {
            let style = if counts.affected > 0 {
                theme.error()
            } else {
                theme.key()
            };
            let text = match (counts.affected, counts.unknown) {
                (affected, 0) => affected.to_string(),
                (0, unknown) => format!("{unknown}?"),
                (affected, unknown) => format!("{affected}+{unknown}?"),
            };
            Cell::from(Span::styled(text, style))
        }
        _ => Cell::from(Span::styled("-", theme.dim())),
    }
}

fn draw_asset(
    app: &App,
    asset: &crate::assessment::Asset,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = app.lang;
    let strings = app.strings();
    let mut lines = vec![Line::styled(
        format!(
            "{} · {}",
            one_line(&asset.id),
            labels::asset_kind(asset.kind, lang)
        ),
        theme.heading(),
    )];
    let fields = [
        (AssetField::Vendor, &asset.vendor),
        (AssetField::Model, &asset.model),
        (AssetField::Firmware, &asset.firmware),
        (AssetField::Address, &asset.address),
        (AssetField::Location, &asset.location),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            lines.push(pair(
                strings,
                field_label(lang, key),
                one_line(value),
                theme,
            ));
        }
    }
    if let Some(counts) = app.cve_counts.get(&asset.id)
        && counts.affected + counts.unknown > 0
    {
        lines.push(pair(
            strings,
            strings.cve_column,
            format!(
                "{} {} · {} {}",
                counts.affected, strings.cve_affected, counts.unknown, strings.cve_to_confirm
            ),
            theme,
        ));
    }
    let findings: Vec<String> = app
        .engagement
        .state()
        .findings
        .iter()
        .filter(|finding| finding.assets.contains(&asset.id))
        .map(|finding| format!("{} {}", finding.id, one_line(&finding.title)))
        .collect();
    if !findings.is_empty() {
        heading(&mut lines, strings.findings, theme);
        lines.extend(findings.into_iter().map(Line::raw));
    }
    if let Some(notes) = asset
        .notes
        .as_deref()
        .filter(|notes| !notes.trim().is_empty())
    {
        heading(&mut lines, field_label(lang, AssetField::Notes), theme);
        text_lines(&mut lines, notes);
    }
    detail_pane(app, lines, false, theme, frame, area);
}

pub fn draw_form(app: &App, form: &Form, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let what = match &form.record {
        super::super::form::Record::Finding(id) => Some((strings.findings, id)),
        super::super::form::Record::Action(id) => Some((strings.actions, id)),
        super::super::form::Record::Asset(id) => Some((strings.assets, id)),
        super::super::form::Record::Details => None,
    };
    let title = match what {
        Some((what, id)) => format!(
            " {what} — {} ",
            id.as_deref().map_or(strings.form_new.to_owned(), one_line)
        ),
        None => format!(" {} ", strings.details_title),
    };
    let keys: Vec<Span> = super::super::keys::FORM
        .iter()
        .filter_map(|binding| {
            binding
                .footer
                .map(|label| format!(" {} {} ", binding.shown_in(app.lang), label(strings)))
        })
        .map(|text| Span::styled(text, theme.key()))
        .collect();
    let frame_block = block(title, true, theme).title_bottom(Line::from(keys));
    let inner = frame_block.inner(popup);
    frame.render_widget(frame_block, popup);

    let label_width = form
        .fields
        .iter()
        .map(|field| field_label(app.lang, field.key).chars().count())
        .max()
        .unwrap_or(10) as u16
        + 4;
    let mut lines: Vec<Line> = Vec::new();
    let mut editor_at = None;
    for (index, field) in form.fields.iter().enumerate() {
        let selected = index == form.selected;
        let marker = if field.problem.is_some() {
            "[!] "
        } else {
            "    "
        };
        let label = format!(
            "{marker}{:<width$}",
            field_label(app.lang, field.key),
            width = usize::from(label_width) - 4
        );
        let label_style = if selected {
            theme.selected(true)
        } else {
            theme.key()
        };
        let value = match (&form.editing, selected) {
            (Some(Editing::Line(line)), true) => format!("{}▏", one_line(line)),
            (Some(Editing::Text(_)), true) => {
                editor_at = Some(lines.len());
                String::new()
            }
            _ => match field.kind {
                FieldKind::Choice(_) | FieldKind::Optional(_) if field.value.is_empty() => {
                    "‹ - ›".to_owned()
                }
                FieldKind::Choice(_) | FieldKind::Optional(_) => {
                    format!("‹ {} ›", one_line(&choice(app, &field.value)))
                }
                FieldKind::Text => {
                    one_line(field.value.lines().next().unwrap_or_default())
                        + if field.value.lines().count() > 1 {
                            " …"
                        } else {
                            ""
                        }
                }
                _ => one_line(&field.value),
            },
        };
        let mut spans = vec![
            Span::styled(label, label_style),
            Span::raw(" "),
            Span::raw(value),
        ];
        if let Some(note) = &field.note {
            spans.push(Span::styled(format!("  {}", one_line(note)), theme.info()));
        }
        lines.push(Line::from(spans));
        // The text editor gets rows of its own: the fields below move down rather than
        // being drawn over.
        if let (Some(Editing::Text(area)), true) = (&form.editing, selected) {
            let rows = (area.lines().len() + 1).clamp(3, 8);
            lines.extend(std::iter::repeat_n(Line::default(), rows - 1));
        }
        if selected {
            picker(app, form, usize::from(label_width) + 1, theme, &mut lines);
        }
        if let Some(problem) = &field.problem {
            lines.push(Line::styled(
                format!(
                    "{:width$}{}",
                    "",
                    one_line(problem),
                    width = usize::from(label_width) + 1
                ),
                theme.error(),
            ));
        }
    }
    // One line per field, cut at the edge: a long value is read in full while editing it.
    frame.render_widget(Paragraph::new(lines), inner);
    if let (Some(Editing::Text(area)), Some(row)) = (&form.editing, editor_at) {
        let top = inner.y + u16::try_from(row).unwrap_or(0);
        let rows = u16::try_from((area.lines().len() + 1).clamp(3, 8)).unwrap_or(3);
        let height = inner.bottom().saturating_sub(top).min(rows);
        let editor = Rect {
            x: inner.x + label_width,
            y: top,
            width: inner.width.saturating_sub(label_width),
            height,
        };
        frame.render_widget(Clear, editor);
        frame.render_widget(&**area, editor);
    }
}

/// Under a field that names records, while its word is typed: the records it may name
/// (Tab completes), or the closest one.
fn picker(app: &App, form: &Form, indent: usize, theme: Theme, lines: &mut Vec<Line<'static>>) {
    const SHOWN: usize = 5;
    let Some((field, word)) = form.typed_word() else {
        return;
    };
    let known = app.known_for(field);
    if known.iter().any(|k| k.id.eq_ignore_ascii_case(word)) {
        return;
    }
    match suggest(&known, word) {
        Suggestion::Matches(found) => {
            for k in found.iter().take(SHOWN) {
                lines.push(Line::from(vec![
                    Span::raw(format!("{:indent$}", "")),
                    Span::styled(one_line(&k.id), theme.key()),
                    Span::styled(format!("  {}", one_line(&k.hint)), theme.dim()),
                ]));
            }
            if found.len() > SHOWN {
                lines.push(Line::styled(
                    format!("{:indent$}… (+{})", "", found.len() - SHOWN),
                    theme.dim(),
                ));
            }
        }
        Suggestion::Near(k) => lines.push(Line::styled(
            format!(
                "{:indent$}{} {}{}",
                "",
                app.strings().did_you_mean,
                one_line(&k.id),
                app.strings().question_mark
            ),
            theme.key(),
        )),
        Suggestion::None => {}
    }
}

pub fn draw_confirm(app: &App, removal: &Removal, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let id = match removal {
        Removal::Finding(id) | Removal::Action(id) | Removal::Asset(id) => one_line(id),
    };
    let popup = super::centered(area, 60, 5);
    frame.render_widget(Clear, popup);
    let lines = vec![
        Line::styled(format!("{} {id}?", strings.remove), theme.error()),
        Line::styled(strings.confirm_remove, theme.key()),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(block(String::new(), true, theme)),
        popup,
    );
}

pub fn draw_cves(app: &App, lines: &[CveLine], theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let mut text: Vec<Line> = Vec::new();
    if lines.is_empty() {
        text.push(Line::styled(strings.cve_none, theme.dim()));
    }
    for line in lines {
        let mut head = vec![
            Span::styled(format!("{} ", line.id), theme.heading()),
            Span::raw(format!("{} ", line.score)),
        ];
        if line.kev {
            head.push(Span::styled("KEV ", theme.error()));
        }
        head.push(Span::raw(one_line(&line.title)));
        text.push(Line::from(head));
        if !line.affected.is_empty() {
            text.push(Line::from(vec![
                Span::styled(
                    format!("  {}{}", strings.cve_affected, strings.colon),
                    theme.error(),
                ),
                Span::raw(one_line(&line.affected.join(", "))),
            ]));
        }
        if !line.unknown.is_empty() {
            text.push(Line::from(vec![
                Span::styled(
                    format!("  {}{}", strings.cve_to_confirm, strings.colon),
                    theme.key(),
                ),
                Span::raw(one_line(&line.unknown.join(", "))),
            ]));
        }
        for reason in &line.reasons {
            text.push(Line::styled(
                format!("    · {}", one_line(reason)),
                theme.dim(),
            ));
        }
    }
    let frame_block = block(format!(" {} ", strings.cve_title), true, theme)
        .title_bottom(Line::styled(format!(" {} ", strings.cve_keys), theme.key()));
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(frame_block),
        popup,
    );
}
