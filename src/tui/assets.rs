//! The assets screen: the inventory filtered by kind and the text filter, with the known
//! CVEs of each asset, and the selected one in full. Its keys open an asset's form, a new
//! one, a removal, a CSV to import, the CVE pack's matches. Counting the CVEs reads the
//! pack: an effect, whose counts this screen keeps.

use crate::field::AssetField;
use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::ctx::Ctx;
use super::form::Form;
use super::keys::Action;
use super::message::{Effect, Removal};
use super::mode::{Do, Mode};
use super::prompt::{Prompt, PromptFor};
use super::record_list::{
    RecordList, cycle, heading, linked, open_form, pair, row_lookups, table, text_lines,
};
use super::strings::field_label;
use super::theme::Theme;
use crate::assessment::{Asset, AssetKind};
use crate::report::labels;
use crate::text::one_line;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Default)]
pub struct Assets {
    pub list: RecordList,
    pub kind: Option<AssetKind>,
    /// Known CVEs affecting each asset (by asset id), from the engagement's CVE pack.
    /// Counted when the screen is shown (matching 2,000 assets against the pack is a
    /// noticeable part of a start), again after a change while it is shown.
    pub cve_counts: BTreeMap<String, crate::cve::Counts>,
    /// Whether `cve_counts` holds the counts of the inventory as it is.
    pub cve_counted: bool,
}

impl Assets {
    pub fn visible<'a>(&self, ctx: &Ctx<'a>) -> Vec<&'a Asset> {
        ctx.state()
            .assets
            .iter()
            .filter(|asset| self.kind.is_none_or(|kind| asset.kind == kind))
            .filter(|asset| {
                ctx.matches_filter(&[
                    asset.id.as_str(),
                    asset.vendor.as_deref().unwrap_or_default(),
                    asset.model.as_deref().unwrap_or_default(),
                    asset.firmware.as_deref().unwrap_or_default(),
                    asset.address.as_deref().unwrap_or_default(),
                    asset.location.as_deref().unwrap_or_default(),
                ])
            })
            .collect()
    }

    row_lookups!(|a| a.id);

    pub fn clear_filters(&mut self) {
        self.list.clear_filters();
        self.kind = None;
    }

    /// A key of the assets screen; `None` leaves it to the keys common to all screens.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Option<Vec<Do>> {
        let selected = self.selected_id(ctx);
        match action {
            Action::Edit => {
                let asset = selected.and_then(|id| ctx.state().asset(&id));
                return open_form(asset.map(|a| Form::asset(Some(a))));
            }
            Action::New => return open_form(Some(Form::asset(None))),
            Action::ImportAssets => {
                let prompt = Prompt::new(PromptFor::ImportAssets, String::new());
                return Some(vec![Do::Open(Mode::Prompt(prompt))]);
            }
            Action::CveMatches => return Some(vec![Do::Effect(Effect::LoadCveMatches)]),
            Action::FilterOther => self.kind = cycle(self.kind, &AssetKind::ALL),
            _ => {
                let shown = (self.visible(ctx).len(), selected.map(Removal::Asset));
                return self.list.update(action, ctx, shown);
            }
        }
        Some(Vec::new())
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let (strings, lang) = (ctx.strings(), ctx.lang);
        let assets = self.visible(ctx);
        let title = self.list.title(
            ctx,
            (
                strings.assets,
                assets.len(),
                ctx.state().assets.iter().count(),
            ),
            None,
            self.kind
                .map(|kind| (strings.kind, labels::asset_kind(kind, lang).to_owned())),
        );
        // The columns in the order they give way on a narrow terminal: the location and
        // the vendor (both in the detail below) go first; the address is never cut.
        let [list_area, _] = super::record_list::split(area);
        let wide = usize::from(list_area.width.saturating_sub(2)) >= 100;
        let rows: Vec<Row> = assets
            .iter()
            .map(|asset| self.asset_row(ctx, asset, wide, theme))
            .collect();
        let (titles, widths) = columns(ctx, &assets, wide);
        let header = Row::new(titles).style(theme.heading());
        let table = table(rows, widths).map(|table| table.header(header));
        let detail = assets.get(self.list.selected);
        let detail = detail.map(|asset| self.detail_lines(ctx, asset, theme));
        self.list
            .draw(ctx, (title, table), detail, theme, frame, area);
    }

    fn asset_row(&self, ctx: &Ctx, asset: &Asset, wide: bool, theme: Theme) -> Row<'static> {
        let text = |value: &Option<String>| one_line(value.as_deref().unwrap_or("-"));
        let mut cells = vec![
            Cell::from(one_line(&asset.id)),
            Cell::from(labels::asset_kind(asset.kind, ctx.lang)),
        ];
        if wide {
            cells.push(Cell::from(text(&asset.vendor)));
        }
        cells.extend([
            Cell::from(text(&asset.model)),
            Cell::from(text(&asset.firmware)),
            self.cve_cell(&asset.id, theme),
            Cell::from(text(&asset.address)),
        ]);
        if wide {
            cells.push(Cell::from(text(&asset.location)));
        }
        Row::new(cells)
    }

    /// Known CVEs: how many affect the asset, and how many more to confirm by hand.
    fn cve_cell(&self, asset: &str, theme: Theme) -> Cell<'static> {
        match self.cve_counts.get(asset) {
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

    fn detail_lines(&self, ctx: &Ctx, asset: &Asset, theme: Theme) -> Vec<Line<'static>> {
        let (strings, lang) = (ctx.strings(), ctx.lang);
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
        if let Some(counts) = self.cve_counts.get(&asset.id)
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
        let findings = ctx.state().findings.iter();
        let naming = findings.filter(|finding| finding.assets.contains(&asset.id));
        let naming = naming.map(|finding| (finding.id.as_str(), finding.title.as_str()));
        linked(&mut lines, strings.findings, naming, theme);
        if let Some(notes) = asset
            .notes
            .as_deref()
            .filter(|notes| !notes.trim().is_empty())
        {
            heading(&mut lines, field_label(lang, AssetField::Notes), theme);
            text_lines(&mut lines, notes);
        }
        lines
    }
}

/// The columns' titles and widths: the vendor and the location only on a wide list; the
/// address as wide as the longest (within reason).
fn columns(ctx: &Ctx, assets: &[&Asset], wide: bool) -> (Vec<&'static str>, Vec<Constraint>) {
    let lang = ctx.lang;
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
        ctx.strings().cve_column,
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
    (titles, widths)
}
