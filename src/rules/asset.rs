//! The inventory (`assets.yaml`) and the engagement's own settings (`engagement.yaml`): an
//! asset added, updated, imported or removed; a domain's score overridden.

use crate::assessment::{
    Asset, AssetKind, FieldProblem, Score, ScoreOverride, Upsert, domain_score, normal_mac,
};
use crate::error::{Fix, Result, Subject, Wrong};
use crate::field::{AssetField, OverrideField};
use crate::messages::Unchanged;
use crate::model::State;
use crate::text::one_line;

use super::{Applied, Context, Edit, Kind, field_of, quoted, refuse, resolve};

/// A change to the inventory.
#[derive(Debug, Clone, PartialEq)]
pub enum AssetChange {
    /// Adds the asset, or updates the fields given of the asset with this id.
    Save(AssetPatch),
    Remove(String),
    /// A CSV file's text (see [`read_csv`](super::read_csv)), all rows or none; `file` names
    /// it in messages and in the commit.
    Import {
        file: String,
        text: String,
    },
    /// Assets seen by a scan (`source` names it): each added, or, when its id is already in
    /// the inventory, only the fields the inventory leaves empty are filled; the kind of a
    /// known asset and every field it has are kept.
    Fill {
        source: String,
        assets: Vec<Asset>,
    },
}

impl AssetChange {
    pub(super) fn purpose(&self) -> String {
        match self {
            AssetChange::Save(patch) => format!("asset add {}", one_line(&patch.id)),
            AssetChange::Remove(id) => format!("asset rm {}", one_line(id)),
            AssetChange::Import { file, .. } => format!("asset import {}", one_line(file)),
            AssetChange::Fill { source, .. } => format!("scan import {}", one_line(source)),
        }
    }
}

/// An asset's fields to set: each `Some` sets its field (an empty text clears it), each
/// `None` keeps it. A new asset needs its kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssetPatch {
    /// As typed: an asset already there is found whatever the case.
    pub id: String,
    pub kind: Option<AssetKind>,
    pub vendor: Option<String>,
    pub model: Option<String>,
    pub firmware: Option<String>,
    pub address: Option<String>,
    pub location: Option<String>,
    /// Any usual spelling (`00-11-22-aa-bb-cc`): kept as `00:11:22:AA:BB:CC`.
    pub mac: Option<String>,
    pub notes: Option<String>,
    /// Refused when the id is already in the inventory (a form that adds, not edits).
    pub only_new: bool,
}

impl AssetPatch {
    /// Every field of `asset`: added, or set in full on the asset with its id.
    pub fn from_asset(asset: &Asset) -> AssetPatch {
        let mut patch = AssetPatch {
            id: asset.id.clone(),
            kind: Some(asset.kind),
            ..AssetPatch::default()
        };
        for (field, value) in asset.clone().texts_mut() {
            if let Some(slot) = patch.text_mut(field) {
                *slot = Some(value.take().unwrap_or_default());
            }
        }
        patch
    }

    /// Where the patch holds a text of `Asset::texts_mut` (none for the id, the kind and the
    /// findings): every field matched, so that a text an asset gains has its place here too,
    /// and the save, which walks that one list, sets it.
    fn text_mut(&mut self, field: AssetField) -> Option<&mut Option<String>> {
        match field {
            AssetField::Vendor => Some(&mut self.vendor),
            AssetField::Model => Some(&mut self.model),
            AssetField::Firmware => Some(&mut self.firmware),
            AssetField::Address => Some(&mut self.address),
            AssetField::Location => Some(&mut self.location),
            AssetField::Mac => Some(&mut self.mac),
            AssetField::Notes => Some(&mut self.notes),
            AssetField::Id | AssetField::Kind | AssetField::Findings => None,
        }
    }
}

pub(super) fn prepare(state: &State, change: AssetChange) -> Result<Kind> {
    match change {
        AssetChange::Save(patch) => save(state, patch),
        AssetChange::Remove(wanted) => remove(state, &wanted),
        AssetChange::Import { file, text } => import(state, &file, &text),
        AssetChange::Fill { source, assets } => fill(state, &source, assets),
    }
}

fn fill(state: &State, source: &str, seen: Vec<Asset>) -> Result<Kind> {
    let mut assets = state.assets.clone();
    let (mut added, mut updated) = (0, 0);
    for mut asset in seen {
        let merged = match assets.get(&asset.id) {
            Some(known) => {
                let mut merged = known.clone();
                for ((_, value), (_, field)) in
                    asset.texts_mut().into_iter().zip(merged.texts_mut())
                {
                    if field.is_none() {
                        *field = value.take();
                    }
                }
                merged
            }
            None => asset,
        };
        match assets.upsert(merged) {
            Upsert::Added => added += 1,
            Upsert::Updated => updated += 1,
            Upsert::Unchanged => {}
        }
    }
    let shown = one_line(source);
    if added == 0 && updated == 0 {
        return Ok(Kind::Nothing(Unchanged::AssetsFrom(shown)));
    }
    let problems = assets.validate();
    if !problems.is_empty() {
        return Err(refuse(Subject::File(shown), problems));
    }
    Ok(Kind::Done(Applied::new(
        Edit::Assets(assets),
        format!("assets from {shown}: {added} added, {updated} updated"),
    )))
}

/// The asset a save starts from: the one with the patch's id, or a new one of the patch's
/// kind.
fn saved_from(state: &State, patch: &AssetPatch) -> Result<Asset> {
    let existing = resolve::asset(state, &patch.id)
        .ok()
        .and_then(|id| state.asset(&id).cloned());
    let refused = |problem| {
        Err(refuse(
            Subject::Asset(patch.id.trim().to_owned()),
            vec![problem],
        ))
    };
    match (existing, patch.kind) {
        (Some(asset), _) if patch.only_new => refused(FieldProblem::new(
            AssetField::Id,
            Wrong::AlreadyThere(asset.id),
            Fix::OtherIdOrEdit,
        )),
        (Some(asset), _) => Ok(asset),
        (None, Some(kind)) => Ok(Asset::new(patch.id.trim(), kind)),
        (None, None) => {
            let kinds = AssetKind::NAMES
                .iter()
                .map(|kind| kind.to_string())
                .collect();
            refused(FieldProblem::new(
                AssetField::Kind,
                Wrong::NotYetThere(patch.id.trim().to_owned()),
                Fix::Choose(kinds),
            ))
        }
    }
}

fn save(state: &State, mut patch: AssetPatch) -> Result<Kind> {
    let mut asset = saved_from(state, &patch)?;
    if let Some(kind) = patch.kind {
        asset.kind = kind;
    }
    for (field, slot) in asset.texts_mut() {
        if let Some(value) = patch.text_mut(field).and_then(Option::take) {
            let value = value.trim();
            *slot = (!value.is_empty()).then(|| match field {
                // Kept as written when it is not a MAC address, so that the refusal quotes it.
                AssetField::Mac => normal_mac(value).unwrap_or_else(|| value.to_owned()),
                _ => value.to_owned(),
            });
        }
    }
    let subject = || Subject::Asset(patch.id.trim().to_owned());
    let problems = asset.validate();
    if !problems.is_empty() {
        return Err(refuse(subject(), problems));
    }
    let mut assets = state.assets.clone();
    let previous = assets.get(&asset.id).cloned();
    let id = asset.id.clone();
    let upsert = assets.upsert(asset);
    let message = match (upsert, &previous) {
        (Upsert::Unchanged, _) => {
            return Ok(Kind::Nothing(Unchanged::Asset(id)));
        }
        (Upsert::Updated, Some(previous)) => {
            let fields = assets
                .get(&id)
                .map(|new| changed_fields(previous, new))
                .unwrap_or_default();
            format!("assets: {id} updated ({})", fields.join(", "))
        }
        _ => format!("assets: {id} added"),
    };
    let problems = assets.validate();
    if !problems.is_empty() {
        return Err(refuse(subject(), problems));
    }
    Ok(Kind::Done(
        Applied::new(Edit::Assets(assets), message)
            .created(Some(id))
            .upsert(Some(upsert)),
    ))
}

fn import(state: &State, file_path: &str, text: &str) -> Result<Kind> {
    let rows = super::read_csv(file_path, text, &state.assets)?;
    let mut assets = state.assets.clone();
    let (mut added, mut updated, mut unchanged) = (0, 0, 0);
    for asset in rows {
        match assets.upsert(asset) {
            Upsert::Added => added += 1,
            Upsert::Updated => updated += 1,
            Upsert::Unchanged => unchanged += 1,
        }
    }
    let shown = file_path.rsplit('/').next().unwrap_or(file_path);
    let file = one_line(shown);
    if added == 0 && updated == 0 {
        return Ok(Kind::Nothing(Unchanged::Import { file, unchanged }));
    }
    let problems = assets.validate();
    if !problems.is_empty() {
        return Err(refuse(Subject::File(one_line(file_path)), problems));
    }
    let mut applied = Applied::new(
        Edit::Assets(assets),
        format!("assets: imported {file} ({added} added, {updated} updated)"),
    );
    applied.unchanged = unchanged;
    Ok(Kind::Done(applied))
}

fn remove(state: &State, wanted: &str) -> Result<Kind> {
    let id = resolve::asset(state, wanted)?;
    let naming: Vec<String> = state
        .findings
        .iter()
        .filter(|finding| finding.assets.contains(&id))
        .map(|finding| format!("{} {}", finding.id, quoted(&finding.title)))
        .collect();
    if !naming.is_empty() {
        return Err(refuse(
            Subject::Asset(id.clone()),
            vec![FieldProblem::new(
                AssetField::Findings,
                Wrong::NamedBy {
                    asset: id.clone(),
                    findings: naming,
                },
                Fix::TakeOutOfFindings,
            )],
        ));
    }
    let mut assets = state.assets.clone();
    assets.remove(&id);
    Ok(Kind::Done(Applied::new(
        Edit::Assets(assets),
        format!("assets: {id} removed"),
    )))
}

/// The fields of an asset that differ between two versions, for the commit message.
fn changed_fields(old: &Asset, new: &Asset) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if old.kind != new.kind {
        fields.push("kind");
    }
    for (name, a, b) in [
        ("vendor", &old.vendor, &new.vendor),
        ("model", &old.model, &new.model),
        ("firmware", &old.firmware, &new.firmware),
        ("address", &old.address, &new.address),
        ("location", &old.location, &new.location),
        ("mac", &old.mac, &new.mac),
        ("notes", &old.notes, &new.notes),
    ] {
        if a != b {
            fields.push(name);
        }
    }
    fields
}

pub(super) fn prepare_override(
    state: &State,
    domain: &str,
    value: Option<(Score, String)>,
    context: &Context,
) -> Result<Kind> {
    let grid = &state.grid;
    let mut problems = Vec::new();
    let Some(id) = field_of(
        OverrideField::Domain,
        resolve::domain(grid, domain),
        &mut problems,
    ) else {
        return Err(refuse(Subject::Override(None), problems));
    };
    let max = grid.max_level();
    if let Some((score, justification)) = &value {
        let subject = || Subject::Override(Some(id.clone()));
        if score.tenths() > u32::from(max) * 10 {
            return Err(refuse(
                subject(),
                vec![FieldProblem::new(
                    OverrideField::Score,
                    Wrong::OutsideScale {
                        given: score.to_string(),
                        max,
                    },
                    Fix::Score { max },
                )],
            ));
        }
        if justification.trim().is_empty() {
            return Err(refuse(
                subject(),
                vec![FieldProblem::new(
                    OverrideField::Justification,
                    Wrong::Empty,
                    Fix::SayWhy(OverrideField::Justification.into()),
                )],
            ));
        }
    }
    let mut meta = state.meta.clone();
    let computed = grid
        .domain(&id)
        .and_then(|d| domain_score(d, &state.answers))
        .map_or_else(|| "none".to_owned(), |score| score.to_string());
    let message = match value {
        Some((score, justification)) => {
            let same = meta
                .overrides
                .get(&id)
                .is_some_and(|entry| entry.score == score && entry.justification == justification);
            if same {
                return Ok(Kind::Nothing(Unchanged::Record(id)));
            }
            meta.overrides.insert(
                id.clone(),
                ScoreOverride {
                    score,
                    justification: justification.trim().to_owned(),
                    by: context.who.clone(),
                    at: context.now,
                },
            );
            format!("{id}: score set to {score} by the auditor (computed {computed})")
        }
        None => {
            if meta.overrides.remove(&id).is_none() {
                return Ok(Kind::Nothing(Unchanged::NoOverride(id)));
            }
            format!("{id}: score override removed (computed {computed})")
        }
    };
    Ok(Kind::Done(Applied::new(
        Edit::Meta(Box::new(meta)),
        message,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Auditor;
    use crate::rules::{Change, Context, Outcome, apply};

    /// What a save of `patch` writes for its asset.
    fn saved(state: &State, patch: AssetPatch) -> Asset {
        let who: Auditor = "A <a@example.org>".parse().unwrap();
        let context = Context {
            who: &who,
            now: "2026-01-03T00:00:00Z".parse().unwrap(),
            new_id: None,
        };
        let id = patch.id.clone();
        match apply(state, Change::Asset(AssetChange::Save(patch)), &context).unwrap() {
            Outcome::Write(Applied {
                edit: Edit::Assets(assets),
                ..
            }) => assets.get(&id).unwrap().clone(),
            other => panic!("{other:?}"),
        }
    }

    /// Every text an asset has (`Asset::texts_mut`, the one list) goes through a save the
    /// same way: set trimmed, cleared by an empty text, the MAC address in its usual spelling.
    #[test]
    fn a_save_sets_and_clears_every_text_of_an_asset_trimmed() {
        let grid = crate::grid::builtin::grid().unwrap();
        let mut state = crate::model::test_state(grid, &[]);
        let typed = |field: AssetField| match field {
            AssetField::Mac => "00-11-22-aa-bb-cc".to_owned(),
            other => format!("{} typed", other.key()),
        };
        let mut asset = Asset::new("CAM-01", AssetKind::Camera);
        for (field, slot) in asset.texts_mut() {
            *slot = Some(format!("  {}\n", typed(field)));
        }
        let mut written = saved(&state, AssetPatch::from_asset(&asset));
        for (field, slot) in written.texts_mut() {
            let expected = match field {
                AssetField::Mac => "00:11:22:AA:BB:CC".to_owned(),
                other => typed(other),
            };
            assert_eq!(slot.as_deref(), Some(expected.as_str()), "{field:?}");
        }

        state.assets.upsert(written);
        let blank = Asset::new("CAM-01", AssetKind::Camera);
        let mut cleared = saved(&state, AssetPatch::from_asset(&blank));
        for (field, slot) in cleared.texts_mut() {
            assert_eq!(*slot, None, "{field:?} cleared");
        }
    }
}
