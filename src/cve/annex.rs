//! What the report shows of the CVE pack: its version and date, and for each asset of the
//! inventory its firmware and the CVEs that affect it or may (to confirm). Built by
//! [`annex`] from the engagement's pack (`Engagement::cve_pack`) and inventory; serialisable
//! as it is for the report's templates. Pure.

use jiff::civil::Date;
use serde::Serialize;

use super::apply::priority;
use super::matching::{Verdict, matches, uncovered};
use super::pack::{CvssSource, Pack};
use crate::assessment::{Asset, CvssScore};
use crate::grid::Lang;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annex {
    /// The built-in pack's version and date (`2026.12.2`, 2026-12-07).
    pub pack_version: String,
    pub pack_date: Date,
    /// How many entries the engagement imported (NVD, KEV), which win over the pack's.
    pub imported: usize,
    /// Every asset of the inventory, in its order, with its CVEs.
    pub assets: Vec<AssetCves>,
    /// Ids of assets whose vendor the pack does not cover: nothing can be said of them.
    pub uncovered: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssetCves {
    pub asset: String,
    pub vendor: Option<String>,
    pub model: Option<String>,
    pub firmware: Option<String>,
    /// Affected first, then to confirm; within each, KEV-listed first, then by score.
    pub cves: Vec<AssetCve>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssetCve {
    pub id: String,
    /// `affected` or `unknown` (to confirm).
    pub verdict: Verdict,
    pub title: String,
    pub kev: Option<Date>,
    pub base_score: CvssScore,
    /// `3.0` or `3.1`.
    pub cvss_version: &'static str,
    pub source: CvssSource,
    pub remote_takeover: bool,
    /// Why it matched (vendor, model pattern, versions), for the auditor to confirm, in the
    /// annex's language.
    pub reason: String,
    /// The fixed release when the pack names it.
    pub fixed_in: Option<String>,
}

/// The annex for `assets` with `pack` (the engagement's: built-in plus imported entries), its
/// titles in `lang`.
pub fn annex(pack: &Pack, assets: &[Asset], lang: Lang) -> Annex {
    let found = matches(pack, assets);
    let rows = assets
        .iter()
        .map(|asset| {
            let mut mine: Vec<_> = found
                .iter()
                .filter(|m| std::ptr::eq(m.asset, asset) && m.verdict != Verdict::NotAffected)
                .collect();
            mine.sort_by(|a, b| {
                a.verdict
                    .cmp(&b.verdict)
                    .then_with(|| priority(a.entry, b.entry))
            });
            AssetCves {
                asset: asset.id.clone(),
                vendor: asset.vendor.clone(),
                model: asset.model.clone(),
                firmware: asset.firmware.clone(),
                cves: mine
                    .into_iter()
                    .map(|m| AssetCve {
                        id: m.entry.id.to_string(),
                        verdict: m.verdict,
                        title: m.entry.title(lang).trim().to_owned(),
                        kev: m.entry.kev,
                        base_score: m.entry.cvss.vector.base_score(),
                        cvss_version: m.entry.cvss.vector.version().as_str(),
                        source: m.entry.cvss.source,
                        remote_takeover: m.entry.remote_takeover,
                        reason: m.trace().phrase(lang),
                        fixed_in: m.ranges.iter().find_map(|range| range.fixed_in.clone()),
                    })
                    .collect(),
            }
        })
        .collect();
    Annex {
        pack_version: pack.pack.version.clone(),
        pack_date: pack.pack.date,
        imported: pack.entries.iter().filter(|e| e.is_imported()).count(),
        assets: rows,
        uncovered: uncovered(pack, assets)
            .into_iter()
            .map(|asset| asset.id.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AssetKind;

    #[test]
    fn each_asset_lists_its_firmware_and_cves_affected_first() {
        let pack = Pack::builtin().unwrap();
        let mut dahua = Asset::new("CAM-3", AssetKind::Camera);
        dahua.vendor = Some("Dahua".into());
        dahua.model = Some("DH-IPC-HFW3441E-AS".into());
        dahua.firmware = Some("V2.800.0000000.16.R, Build Date: 2021-03-10".into());
        let mut switch = Asset::new("SW-1", AssetKind::Switch);
        switch.vendor = Some("Cisco".into());
        let annex = annex(&pack, &[dahua, switch], Lang::En);
        assert_eq!(annex.pack_version, "2026.12.2");
        assert_eq!(annex.pack_date.to_string(), "2026-12-07");
        assert_eq!(annex.imported, 0);
        assert_eq!(annex.uncovered, ["SW-1"]);
        let cves: Vec<(&str, Verdict)> = annex.assets[0]
            .cves
            .iter()
            .map(|cve| (cve.id.as_str(), cve.verdict))
            .collect();
        assert_eq!(
            cves,
            [
                ("CVE-2021-33044", Verdict::Affected),
                ("CVE-2021-33045", Verdict::Affected),
                ("CVE-2025-31700", Verdict::Unknown)
            ]
        );
        assert!(annex.assets[1].cves.is_empty());
        let json = serde_json::to_value(&annex).unwrap();
        assert_eq!(json["assets"][0]["cves"][0]["kev"], "2024-08-21");
        assert_eq!(json["assets"][0]["cves"][0]["base_score"], 9.8);
    }
}
