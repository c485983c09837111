//! The asset inventory: the cameras, recorders, servers and network gear in scope, as kept
//! in `assets.yaml` (one list, in the order the auditor or the client's spreadsheet gave).
//!
//! Findings name the assets they affect by id. This module owns the record, the id syntax and
//! the list's rules (unique ids, update by id on re-import); reading CSV and writing the file
//! are `engagement`'s.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::FieldProblem;
use super::finding::check_id;
use crate::field::AssetField;
use crate::messages::{Fix, Wrong};

/// The longest asset id: short enough for a table column of the report.
pub const ASSET_ID_MAX: usize = 32;

/// What an asset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AssetKind {
    Camera,
    Nvr,
    Dvr,
    Vms,
    Switch,
    Router,
    Firewall,
    Vpn,
    Workstation,
    Server,
    Storage,
    Other,
}

impl AssetKind {
    pub const ALL: [AssetKind; 12] = [
        AssetKind::Camera,
        AssetKind::Nvr,
        AssetKind::Dvr,
        AssetKind::Vms,
        AssetKind::Switch,
        AssetKind::Router,
        AssetKind::Firewall,
        AssetKind::Vpn,
        AssetKind::Workstation,
        AssetKind::Server,
        AssetKind::Storage,
        AssetKind::Other,
    ];

    /// The names of the values, in the order of `ALL`, as written in files and on the
    /// command line.
    pub const NAMES: [&'static str; 12] = crate::assessment::names!(AssetKind, 12);

    pub const fn as_str(self) -> &'static str {
        match self {
            AssetKind::Camera => "camera",
            AssetKind::Nvr => "nvr",
            AssetKind::Dvr => "dvr",
            AssetKind::Vms => "vms",
            AssetKind::Switch => "switch",
            AssetKind::Router => "router",
            AssetKind::Firewall => "firewall",
            AssetKind::Vpn => "vpn",
            AssetKind::Workstation => "workstation",
            AssetKind::Server => "server",
            AssetKind::Storage => "storage",
            AssetKind::Other => "other",
        }
    }
}

// Case-insensitive, for spreadsheets that write `NVR` or `Camera`.
super::text_enum!(AssetKind, AssetKind);

/// Whether `id` is a valid asset id: at most 32 ASCII letters, digits, `-`, `_` or `.`,
/// starting with a letter or digit (`CAM-012`, `nvr.quai3`).
pub fn check_asset_id(id: &str) -> Result<(), Wrong> {
    check_id(id, ASSET_ID_MAX)
}

/// One piece of equipment in scope. Everything but the id and the kind is optional: the
/// inventory fills in as the audit goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: String,
    pub kind: AssetKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firmware: Option<String>,
    /// IP or host name, as the auditor reached it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Where it is on site (`Quai 3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Its MAC address, `00:11:22:AA:BB:CC`: how a scan knows a device whose address DHCP
    /// changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Asset {
    pub fn new(id: impl Into<String>, kind: AssetKind) -> Self {
        Asset {
            id: id.into(),
            kind,
            vendor: None,
            model: None,
            firmware: None,
            address: None,
            location: None,
            mac: None,
            notes: None,
        }
    }

    /// The optional texts, each with its field, in the inventory's column order: what a
    /// scan fills when empty, a CSV row sets by column and a save (`rules::AssetPatch`) sets;
    /// the one list of them.
    pub fn texts_mut(&mut self) -> [(AssetField, &mut Option<String>); 7] {
        [
            (AssetField::Vendor, &mut self.vendor),
            (AssetField::Model, &mut self.model),
            (AssetField::Firmware, &mut self.firmware),
            (AssetField::Address, &mut self.address),
            (AssetField::Location, &mut self.location),
            (AssetField::Notes, &mut self.notes),
            (AssetField::Mac, &mut self.mac),
        ]
    }

    pub fn validate(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if let Err(wrong) = check_asset_id(&self.id) {
            problems.push(FieldProblem::new(
                AssetField::Id,
                wrong,
                Fix::IdLike("CAM-012"),
            ));
        }
        if let Some(mac) = &self.mac
            && normal_mac(mac).as_deref() != Some(mac.as_str())
        {
            problems.push(FieldProblem::new(
                AssetField::Mac,
                Wrong::NotAMac(mac.clone()),
                Fix::MacLike,
            ));
        }
        problems
    }
}

/// A MAC address as vmsaudit keeps it, `00:11:22:AA:BB:CC`, from the ways people and tools
/// write one (`00-11-22-aa-bb-cc`, `0011.22aa.bbcc`, `001122aabbcc`); `None` when it is not one.
pub fn normal_mac(text: &str) -> Option<String> {
    let digits: Vec<char> = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ':' | '-' | '.'))
        .collect();
    if digits.len() != 12 || !digits.iter().all(char::is_ascii_hexdigit) {
        return None;
    }
    let pairs: Vec<String> = digits
        .chunks(2)
        .map(|pair| pair.iter().collect::<String>().to_ascii_uppercase())
        .collect();
    Some(pairs.join(":"))
}

/// What [`Assets::upsert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Added,
    Updated,
    Unchanged,
}

/// The inventory, `assets.yaml`: a plain YAML list of assets.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Assets(Vec<Asset>);

impl Assets {
    pub fn new(assets: Vec<Asset>) -> Self {
        Assets(assets)
    }

    pub fn as_slice(&self) -> &[Asset] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<Asset> {
        self.0
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Asset> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Asset> {
        self.0.iter().find(|asset| asset.id == id)
    }

    /// Adds `asset`, or replaces the asset with the same id where it stands, so a re-import
    /// updates the inventory without reordering it.
    pub fn upsert(&mut self, asset: Asset) -> Upsert {
        match self.0.iter_mut().find(|known| known.id == asset.id) {
            Some(known) if *known == asset => Upsert::Unchanged,
            Some(known) => {
                *known = asset;
                Upsert::Updated
            }
            None => {
                // In id order, while the inventory is in id order (as vmsaudit keeps it), rather
                // than at the end: two clones adding assets then touch different places of
                // `assets.yaml`, and git merges them without a conflict. An inventory put in
                // another order by hand keeps it, new assets last.
                let sorted = self.0.windows(2).all(|pair| pair[0].id <= pair[1].id);
                let at = if sorted {
                    self.0.partition_point(|known| known.id < asset.id)
                } else {
                    self.0.len()
                };
                self.0.insert(at, asset);
                Upsert::Added
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Asset> {
        let index = self.0.iter().position(|asset| asset.id == id)?;
        Some(self.0.remove(index))
    }

    /// Every problem of every asset, and ids given twice, as `[index].field`.
    pub fn validate(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        for (index, asset) in self.0.iter().enumerate() {
            for problem in asset.validate() {
                problems.push(FieldProblem {
                    item: Some(index),
                    ..problem
                });
            }
            if !seen.insert(asset.id.as_str()) {
                problems.push(FieldProblem {
                    item: Some(index),
                    ..FieldProblem::new(
                        AssetField::Id,
                        Wrong::Twice(asset.id.clone()),
                        Fix::KeepOne,
                    )
                });
            }
        }
        problems
    }
}

impl From<Vec<Asset>> for Assets {
    fn from(assets: Vec<Asset>) -> Self {
        Assets(assets)
    }
}

impl<'a> IntoIterator for &'a Assets {
    type Item = &'a Asset;
    type IntoIter = std::slice::Iter<'a, Asset>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mac_address_is_kept_in_one_spelling_and_anything_else_is_refused() {
        for written in [
            "00:11:22:aa:bb:cc",
            "00-11-22-AA-BB-CC",
            "0011.22aa.bbcc",
            " 001122AABBCC ",
        ] {
            assert_eq!(
                normal_mac(written).as_deref(),
                Some("00:11:22:AA:BB:CC"),
                "{written}"
            );
        }
        for wrong in [
            "",
            "00:11",
            "00:11:22:AA:BB:CC:DD",
            "GG:11:22:AA:BB:CC",
            "é0:11:22:AA:BB:C",
        ] {
            assert_eq!(normal_mac(wrong), None, "{wrong}");
        }
        let mut asset = Asset::new("CAM-1", AssetKind::Camera);
        asset.mac = Some("00:11".into());
        let problems = asset.validate();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].field,
            crate::field::Field::Asset(AssetField::Mac)
        );
        asset.mac = Some("00:11:22:AA:BB:CC".into());
        assert!(asset.validate().is_empty());
    }

    fn camera() -> Asset {
        Asset {
            vendor: Some("Hikvision".into()),
            model: Some("DS-2CD2143G0-I".into()),
            firmware: Some("V5.5.0".into()),
            address: Some("10.20.0.12".into()),
            location: Some("Quai 3".into()),
            notes: Some("Facing the gate: « entrée nord ».".into()),
            ..Asset::new("CAM-012", AssetKind::Camera)
        }
    }

    #[test]
    fn asset_ids_follow_the_inventory_syntax() {
        for good in ["CAM-012", "nvr.quai3", "SW_1", "0", &"x".repeat(32)] {
            assert!(check_asset_id(good).is_ok(), "{good:?}");
        }
        for bad in [
            "",
            "-CAM",
            ".hidden",
            "CAM 012",
            "CAM/012",
            "CAMÉRA",
            &"x".repeat(33),
        ] {
            assert!(check_asset_id(bad).is_err(), "{bad:?}");
        }
        assert!(
            check_asset_id("CAM 012")
                .unwrap_err()
                .to_string()
                .contains("at most 32 letters, digits, `-`, `_` or `.`")
        );
    }

    #[test]
    fn kinds_read_case_insensitively_and_list_the_choices_when_wrong() {
        assert_eq!("NVR".parse::<AssetKind>(), Ok(AssetKind::Nvr));
        assert_eq!(" Camera ".parse::<AssetKind>(), Ok(AssetKind::Camera));
        let error = "ptz".parse::<AssetKind>().unwrap_err();
        assert!(
            error.to_string().contains("camera, nvr, dvr, vms"),
            "{error}"
        );
    }

    #[test]
    fn upsert_adds_new_ids_and_updates_known_ones_in_place() {
        let mut assets = Assets::new(vec![
            Asset::new("NVR-01", AssetKind::Nvr),
            Asset::new("CAM-001", AssetKind::Camera),
        ]);
        assert_eq!(assets.upsert(camera()), Upsert::Added);
        assert_eq!(assets.upsert(camera()), Upsert::Unchanged);
        let patched = Asset {
            firmware: Some("V5.5.800".into()),
            ..Asset::new("NVR-01", AssetKind::Nvr)
        };
        assert_eq!(assets.upsert(patched), Upsert::Updated);
        let ids: Vec<&str> = assets.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["NVR-01", "CAM-001", "CAM-012"]);
        assert_eq!(
            assets.get("NVR-01").and_then(|a| a.firmware.as_deref()),
            Some("V5.5.800")
        );
        assert_eq!(
            assets.remove("CAM-001").map(|a| a.id),
            Some("CAM-001".into())
        );
        assert_eq!(assets.remove("CAM-001"), None);
        assert_eq!(assets.len(), 2);
    }

    #[test]
    fn the_list_reports_bad_and_repeated_ids_by_position() {
        let assets = Assets::from(vec![
            camera(),
            Asset::new("bad id", AssetKind::Other),
            camera(),
        ]);
        let problems: Vec<String> = assets.validate().iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("`[1].id`: `bad id` is not a valid id"));
        assert!(problems[1].starts_with("`[2].id`: `CAM-012` is listed twice"));
        assert!(Assets::new(vec![camera()]).validate().is_empty());
    }

    #[test]
    fn the_inventory_round_trips_through_yaml_as_a_list() {
        let assets = Assets::new(vec![
            camera(),
            Asset::new("SW-CORE", AssetKind::Switch),
            Asset {
                notes: Some("Two lines:\n- port 24 mirrors the video VLAN\n".into()),
                ..Asset::new("VMS-01", AssetKind::Vms)
            },
        ]);
        let text = crate::yaml::to_string(&assets).unwrap();
        assert!(
            text.starts_with("- id: CAM-012\n  kind: camera\n  vendor: Hikvision\n"),
            "{text}"
        );
        assert!(
            !text.contains("vendor: null"),
            "absent fields are left out: {text}"
        );
        let back: Assets = crate::yaml::from_str(&text).unwrap();
        assert_eq!(back, assets);
        assert_eq!(
            crate::yaml::from_str::<Assets>("[]").unwrap(),
            Assets::default()
        );
    }

    #[test]
    fn an_inventory_with_an_unknown_key_or_kind_is_refused() {
        let unknown = "- id: CAM-012\n  kind: camera\n  serial: 123\n";
        let error = crate::yaml::from_str::<Assets>(unknown)
            .unwrap_err()
            .to_string();
        assert!(error.contains("serial"), "{error}");
        let kind = "- id: CAM-012\n  kind: ptz\n";
        let error = crate::yaml::from_str::<Assets>(kind)
            .unwrap_err()
            .to_string();
        assert!(error.contains("ptz"), "{error}");
    }
}
