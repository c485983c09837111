//! The built-in pack against the NVD records of its CVEs (tests/fixtures/nvd/, as NVD serves
//! them): every vulnerable CPE of a record is matched by the entry with the record's version
//! bounds, and the entry's vector, score and KEV date are the record's.

use std::path::Path;

use super::*;
use crate::assessment::AssetKind;
use crate::cve::matching::{Verdict, matches, matching_pattern};

const RECORDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/nvd");

/// A record file (`{"id": ..., ...}`, one CVE as the mirror keeps it) as a one-record feed.
pub(super) fn record_feed(path: &Path, pack: &Pack) -> Feed {
    let record = std::fs::read_to_string(path).unwrap();
    let feed = format!("{{\"vulnerabilities\": [{{\"cve\": {record}}}]}}");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    read_feed(&name, feed.as_bytes(), pack).unwrap()
}

fn records() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(RECORDS)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
}

/// Models a pattern read from NVD stands for: its `?` read as a digit (a placeholder of a
/// series), as a space or as a hyphen (CPE's `_`), its trailing `*` as nothing.
fn samples(pattern: &str) -> Vec<String> {
    let bare = pattern.trim_end_matches('*');
    ["0", " ", "-"]
        .iter()
        .map(|one| bare.replace('?', one))
        .collect()
}

fn verdict(pack: &Pack, entry: &Entry, model: &str, firmware: Option<String>) -> Option<Verdict> {
    let mut asset = Asset::new("A-1", AssetKind::Camera);
    asset.vendor = Some(entry.vendor.clone());
    asset.model = Some(model.to_owned());
    asset.firmware = firmware;
    let assets = [asset];
    matches(pack, &assets)
        .into_iter()
        .find(|one| one.entry.id == entry.id)
        .map(|one| one.verdict)
}

/// Whether the entry matches what one CPE of its record says, through the matcher itself: the
/// model NVD names is listed (at least "unknown, to confirm" for a CPE without a version),
/// affected for a firmware inside NVD's bounds, and not affected from NVD's first fixed
/// version on (unless the pack says every version is affected, a product without a fix, or
/// NVD's own CPEs read the same way say so: `m2026-le*`, fixed in 8.20.1, also names the
/// M2026-LE Mk II, fixed in 8.10.1.1).
fn covers(
    pack: &Pack,
    nvd: &Pack,
    entry: &Entry,
    pattern: &str,
    range: &Range,
) -> Result<(), String> {
    let model = samples(pattern)
        .into_iter()
        .find(|model| {
            entry
                .affected
                .iter()
                .any(|known| matching_pattern(known, &entry.vendor, model).is_some())
        })
        .ok_or("no range of the entry matches this model")?;
    let versionless = matches!(range.shape(), super::super::pack::Shape::Unbounded);
    if versionless || range.all_versions == Some(true) {
        let found = verdict(pack, entry, &model, None);
        let wanted = if versionless {
            found.is_some_and(|found| found != Verdict::NotAffected)
        } else {
            found == Some(Verdict::Affected)
        };
        return if wanted {
            Ok(())
        } else {
            Err(format!("{model:?} without a firmware: {found:?}"))
        };
    }
    if let Some(firmware) = firmware_inside(range) {
        let found = verdict(pack, entry, &model, Some(firmware.clone()));
        if found != Some(Verdict::Affected) {
            return Err(format!(
                "{model:?} {firmware:?} inside NVD's bounds: {found:?}"
            ));
        }
    }
    let every_version = entry.affected.iter().any(|known| {
        known.all_versions == Some(true) && matching_pattern(known, &entry.vendor, &model).is_some()
    });
    if let Some(fixed) = range.before.as_ref().filter(|_| !every_version) {
        let found = verdict(pack, entry, &model, Some(fixed.clone()));
        let nvd_says = verdict(nvd, entry, &model, Some(fixed.clone()));
        if found == Some(Verdict::Affected) && nvd_says != Some(Verdict::Affected) {
            return Err(format!(
                "{model:?} {fixed:?}, NVD's first fixed version: affected"
            ));
        }
    }
    Ok(())
}

/// A firmware inside the range's bounds, when one can be written without knowing the
/// vendor's scheme: an inclusive bound itself, or, with only an exclusive upper bound, an early
/// version (a build date for date bounds).
fn firmware_inside(range: &Range) -> Option<String> {
    if let Some(from) = &range.from {
        return Some(from.clone());
    }
    if range.after.is_some() {
        return None;
    }
    // An inclusive upper bound is itself inside, whatever the vendor's scheme
    // (`dipc-b1213.6.5.230215`).
    if let Some(last) = &range.last_affected {
        return Some(last.clone());
    }
    let upper = range.before.as_ref()?;
    match Bound::parse(upper) {
        Some(Bound::Date { .. }) => Some("V1.000.0000000.0.R, Build Date: 2015-01-01".to_owned()),
        _ => Some("0.1".to_owned()),
    }
}

/// The record of every entry of the built-in pack is kept, and every record kept is an entry:
/// the two tests below then cover the whole pack.
fn every_entry_has_its_record(pack: &Pack, paths: &[std::path::PathBuf]) {
    let kept: BTreeSet<String> = paths
        .iter()
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let entries: BTreeSet<String> = pack
        .entries
        .iter()
        .filter(|entry| entry.imported_from.is_empty())
        .map(|entry| entry.id.to_string())
        .collect();
    let without: Vec<&String> = entries.difference(&kept).collect();
    assert!(
        without.is_empty(),
        "entries without their NVD record in tests/fixtures/nvd: {without:?}"
    );
    let stray: Vec<&String> = kept.difference(&entries).collect();
    assert!(stray.is_empty(), "records of no entry: {stray:?}");
}

#[test]
fn every_vulnerable_cpe_of_the_records_is_matched_by_its_entry() {
    let pack = Pack::builtin().unwrap();
    let paths = records();
    every_entry_has_its_record(&pack, &paths);
    let mut missing = Vec::new();
    let mut checked = 0;
    for path in &paths {
        let feed = record_feed(path, &pack);
        let record = &feed.records[0];
        let entry = pack
            .entry(&record.id)
            .unwrap_or_else(|| panic!("{} is not an entry of the pack", record.id));
        // The entry with the record's own ranges, as an import would make it.
        let mut imported = entry.clone();
        imported.affected = record.ranges.clone();
        let as_nvd_reads_it = pack.clone().with_imported(vec![imported]);
        for range in &record.ranges {
            for pattern in &range.products {
                checked += 1;
                if let Err(why) = covers(&pack, &as_nvd_reads_it, entry, pattern, range) {
                    missing.push(format!(
                        "{}: {pattern} {:?}: {why}",
                        record.id,
                        (
                            &range.from,
                            &range.after,
                            &range.before,
                            &range.last_affected,
                            range.all_versions
                        )
                    ));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "CPEs the pack does not cover:\n{}",
        missing.join("\n")
    );
    assert!(checked > 300, "{checked} CPE patterns checked");
}

#[test]
fn vector_score_and_kev_date_are_the_records() {
    let pack = Pack::builtin().unwrap();
    let excerpt = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/kev-excerpt.csv"
    );
    let bytes = std::fs::read(excerpt).unwrap();
    let catalogue = read_feed("kev-excerpt.csv", bytes.as_slice(), &pack)
        .unwrap()
        .kev;
    assert!(!catalogue.is_empty());
    for path in records() {
        let feed = record_feed(&path, &pack);
        let record = &feed.records[0];
        let entry = pack.entry(&record.id).unwrap();
        let (vector, source) = choose_vector(record, &entry.vendor, &pack)
            .unwrap_or_else(|| panic!("{}: no vector", record.id));
        assert_eq!(entry.cvss.vector, vector, "{}", record.id);
        assert_eq!(entry.cvss.source, source, "{}", record.id);
        assert!(
            (entry.cvss.base_score - vector.base_score().as_f64()).abs() < 1e-9,
            "{}",
            record.id
        );
        // The record's KEV date when it has one. A record last modified before CISA listed
        // its CVE has none: the date is then the one of the KEV catalogue itself (a real
        // excerpt in tests/fixtures), and none in the pack when neither lists it.
        let kev = record.kev.or_else(|| {
            catalogue
                .iter()
                .find(|(id, _)| *id == record.id)
                .map(|(_, date)| *date)
        });
        assert_eq!(entry.kev, kev, "{}", record.id);
        assert_eq!(Some(entry.published), record.published, "{}", record.id);
    }
}

/// Each case of the issue on the built-in pack: vendor, model and firmware as an inventory
/// writes them, the CVE, and the verdict it must give.
fn assert_cases(cases: &[(&str, &str, &str, &str, Verdict)]) {
    let pack = Pack::builtin().unwrap();
    for (vendor, model, firmware, cve, expected) in cases {
        let mut asset = Asset::new("A-1", AssetKind::Camera);
        asset.vendor = Some((*vendor).to_owned());
        asset.model = Some((*model).to_owned());
        asset.firmware = Some((*firmware).to_owned()).filter(|text| !text.is_empty());
        let assets = [asset];
        let found: Vec<Verdict> = matches(&pack, &assets)
            .into_iter()
            .filter(|one| one.entry.id.to_string() == *cve)
            .map(|one| one.verdict)
            .collect();
        assert_eq!(found, vec![*expected], "{model} {firmware} {cve}");
    }
}

/// The Hikvision cases: NVR ranges, models in no series, option letters.
#[test]
fn the_hikvision_models_nvd_lists_are_matched_by_the_builtin_pack() {
    assert_cases(&[
        (
            "Hikvision",
            "DS-7608NI-Q2",
            "V4.30.210 build 200101",
            "CVE-2021-36260",
            Verdict::Affected,
        ),
        (
            "Hikvision",
            "DS-7608NI-Q2",
            "V4.31.100 build 210101",
            "CVE-2021-36260",
            Verdict::NotAffected,
        ),
        (
            "Hikvision",
            "DS-2CD6412FWD",
            "",
            "CVE-2017-7921",
            Verdict::Unknown,
        ),
        (
            "Hikvision",
            "DS-2CD2143G2-IS",
            "",
            "CVE-2021-36260",
            Verdict::Unknown,
        ),
        (
            "Hikvision",
            "DS-2CD2066G2-IU",
            "",
            "CVE-2021-36260",
            Verdict::Unknown,
        ),
        (
            "Hikvision",
            "DS-2DF5232X-AE3(T3)",
            "",
            "CVE-2021-36260",
            Verdict::Unknown,
        ),
        (
            "Hikvision",
            "DS-A72072R",
            "",
            "CVE-2023-28808",
            Verdict::Unknown,
        ),
    ]);
}

/// The other cases: Dahua prefixes, Axis bounds, GeoVision and the rest.
#[test]
fn the_other_models_nvd_lists_are_matched_by_the_builtin_pack() {
    assert_cases(&[
        (
            "Dahua",
            "DH-XVR4104HS-X1",
            "",
            "CVE-2021-33045",
            Verdict::Unknown,
        ),
        (
            "Dahua",
            "DHI-NVR4208-8P-4KS2/L",
            "V4.001.0000000.1.R, Build Date: 2021-01-05",
            "CVE-2021-33045",
            Verdict::Affected,
        ),
        // The Axis case: below NVD's 8.20.1, and from it on.
        (
            "Axis",
            "AXIS P5514-E",
            "8.10.1",
            "CVE-2018-10660",
            Verdict::Affected,
        ),
        (
            "Axis",
            "AXIS P5514-E",
            "8.20.1",
            "CVE-2018-10660",
            Verdict::NotAffected,
        ),
        (
            "Axis communications",
            "AXIS Q6055-E",
            "6.50.1",
            "CVE-2018-10660",
            Verdict::Affected,
        ),
        ("Edimax", "IC-7100", "", "CVE-2025-1316", Verdict::Affected),
        (
            "GeoVision",
            "GV-FE420",
            "",
            "CVE-2024-6047",
            Verdict::Affected,
        ),
    ]);
}

fn dahua_inventory() -> Vec<Asset> {
    [
        (
            "CAM-1",
            "DH-IPC-HFW3441E-AS",
            "V2.800.0000000.16.R, Build Date: 2021-03-10",
        ),
        (
            "PTZ-1",
            "DH-SD22204DB-GNY",
            "V2.800.0000000.16.R, Build Date: 2021-03-10",
        ),
        (
            "NVR-1",
            "DHI-NVR4208-8P-4KS2/L",
            "V4.001.0000000.1.R, Build Date: 2021-01-05",
        ),
    ]
    .into_iter()
    .map(|(id, model, firmware)| {
        let mut asset = Asset::new(id, AssetKind::Camera);
        asset.vendor = Some("Dahua".to_owned());
        asset.model = Some(model.to_owned());
        asset.firmware = Some(firmware.to_owned());
        asset
    })
    .collect()
}

fn affected(pack: &Pack, assets: &[Asset], cve: &str) -> Vec<String> {
    matches(pack, assets)
        .into_iter()
        .filter(|one| one.entry.id.to_string() == cve && one.verdict == Verdict::Affected)
        .map(|one| one.asset.id.clone())
        .collect()
}

/// The first case: importing the NVD records of CVE-2021-33044 and -33045 kept every
/// Dahua match the built-in pack had.
#[test]
fn importing_the_dahua_records_loses_no_match() {
    let pack = Pack::builtin().unwrap();
    let assets = dahua_inventory();
    let before_44 = affected(&pack, &assets, "CVE-2021-33044");
    let before_45 = affected(&pack, &assets, "CVE-2021-33045");
    assert_eq!(before_44, ["CAM-1", "PTZ-1"]);
    assert_eq!(before_45, ["CAM-1", "NVR-1"]);
    let feeds: Vec<Feed> = ["CVE-2021-33044.json", "CVE-2021-33045.json"]
        .iter()
        .map(|name| record_feed(&Path::new(RECORDS).join(name), &pack))
        .collect();
    let merged = merge(&pack, &feeds, &assets);
    let imported = pack.clone().with_imported(merged.entries.clone());
    assert_eq!(affected(&imported, &assets, "CVE-2021-33044"), before_44);
    assert_eq!(affected(&imported, &assets, "CVE-2021-33045"), before_45);
    // NVD's names, as read, match these models by themselves: nothing had to be kept.
    let entry = imported.entry(&"CVE-2021-33044".parse().unwrap()).unwrap();
    assert!(
        entry
            .affected
            .iter()
            .any(|range| range.products.contains(&"ipc-h??3???*".to_owned())),
        "{:?}",
        entry.affected
    );
    for change in &merged.changes {
        assert!(
            !change
                .what
                .iter()
                .any(|what| matches!(what, Detail::KeptRanges { .. })),
            "{:?}",
            change.what
        );
    }
}

/// When NVD's names do not match an asset the pack's entry matched, the entry's range stays
/// and the change names the asset; the summary lists the patterns that changed.
#[test]
fn an_asset_nvd_names_miss_keeps_the_packs_range() {
    let pack = Pack::builtin().unwrap();
    let mut assets = dahua_inventory();
    // A model the pack's `*IPC-H*W3*` matches but NVD's `ipc-hx3xxx` does not: a four-letter
    // form factor.
    assets[0].model = Some("DH-IPC-HDBWW3441R".to_owned());
    let feed = record_feed(&Path::new(RECORDS).join("CVE-2021-33044.json"), &pack);
    let before = affected(&pack, &assets, "CVE-2021-33044");
    assert_eq!(before, ["CAM-1", "PTZ-1"]);
    let merged = merge(&pack, &[feed], &assets);
    let imported = pack.clone().with_imported(merged.entries.clone());
    assert_eq!(affected(&imported, &assets, "CVE-2021-33044"), before);
    let what: Vec<String> = merged.changes[0]
        .what
        .iter()
        .map(ToString::to_string)
        .collect();
    let kept = what
        .iter()
        .find(|what| what.starts_with("kept"))
        .unwrap_or_else(|| panic!("{what:?}"));
    assert!(kept.contains("\"*IPC-H*W3*\""), "{kept}");
    assert!(
        kept.contains("CAM-1 \"DH-IPC-HDBWW3441R\" (affected) would drop out"),
        "{kept}"
    );
    // The patterns that changed: NVD's spellings in, the pack's leading-`*` ones out (but
    // the one kept for CAM-1).
    assert!(
        what.iter()
            .any(|what| what.starts_with("patterns added:") && what.contains("\"sd22*\"")),
        "{what:?}"
    );
    let removed = what
        .iter()
        .find(|what| what.starts_with("patterns removed:"))
        .unwrap_or_else(|| panic!("{what:?}"));
    assert!(removed.contains("\"*sd22*\""), "{removed}");
    assert!(!removed.contains("\"*ipc-h*w3*\""), "{removed}");
}

/// NVD names one tested build of the RLC-410W for CVE-2021-40407; the pack adds that later
/// builds are unknown (no fix published). Importing the record would make a later build "not
/// affected" and drop it from the matches: the pack's range stays, and the change says so.
#[test]
fn a_narrower_nvd_range_does_not_silently_clear_an_asset_to_confirm() {
    let pack = Pack::builtin().unwrap();
    let mut later = Asset::new("CAM-REO-2", AssetKind::Camera);
    later.vendor = Some("Reolink".to_owned());
    later.model = Some("RLC-410W".to_owned());
    later.firmware = Some("v3.0.0.494_21073000".to_owned());
    let assets = [later];
    let verdicts = |pack: &Pack| -> Vec<Verdict> {
        matches(pack, &assets)
            .into_iter()
            .filter(|one| one.entry.id.to_string() == "CVE-2021-40407")
            .map(|one| one.verdict)
            .collect()
    };
    assert_eq!(verdicts(&pack), [Verdict::Unknown]);
    let feed = record_feed(&Path::new(RECORDS).join("CVE-2021-40407.json"), &pack);
    // Without the inventory, NVD's exact version alone would say "not affected".
    let blind = merge(&pack, std::slice::from_ref(&feed), &[]);
    let blind = pack.clone().with_imported(blind.entries);
    assert_eq!(verdicts(&blind), [Verdict::NotAffected]);
    let merged = merge(&pack, &[feed], &assets);
    let imported = pack.clone().with_imported(merged.entries.clone());
    assert_eq!(verdicts(&imported), [Verdict::Unknown]);
    let what: Vec<String> = merged.changes[0]
        .what
        .iter()
        .map(ToString::to_string)
        .collect();
    let what = what.join("; ");
    assert!(
        what.contains("kept the previous range(s) of \"RLC-410W*\" beside NVD's, without which CAM-REO-2 \"RLC-410W\" (unknown) would drop out of the matches"),
        "{what}"
    );
}

/// A record as NVD serves it when its CNA scored it only with CVSS 4.0: the real record of
/// CVE-2025-1316 without its 3.x metric lists (ICS-CERT published both).
fn only_cvss_4(pack: &Pack) -> Feed {
    let path = Path::new(RECORDS).join("CVE-2025-1316.json");
    let mut record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let metrics = record["metrics"].as_object_mut().unwrap();
    assert!(metrics.remove("cvssMetricV31").is_some());
    metrics.remove("cvssMetricV30");
    assert!(metrics.contains_key("cvssMetricV40"));
    let feed = format!("{{\"vulnerabilities\": [{{\"cve\": {record}}}]}}");
    read_feed("CVE-2025-1316.json", feed.as_bytes(), pack).unwrap()
}

/// The template's rule is stated on CVSS 3.1: a record with a 3.1 and a 4.0 vector gives the
/// 3.1 one; a record with only a 4.0 vector gives it, scored on the 4.0 scale, and an entry
/// made from it keeps it with its version.
#[test]
fn cvss_3_1_is_kept_when_the_record_has_it_and_4_0_otherwise() {
    let pack = Pack::builtin().unwrap();
    let both = record_feed(&Path::new(RECORDS).join("CVE-2025-1316.json"), &pack);
    let (vector, _) = choose_vector(&both.records[0], "edimax", &pack).unwrap();
    assert_eq!(vector.version().as_str(), "3.1");
    assert_eq!(vector.base_score().to_string(), "9.8");

    let four = only_cvss_4(&pack);
    let record = &four.records[0];
    let (vector, source) = choose_vector(record, "edimax", &pack).unwrap();
    assert_eq!(vector.version().as_str(), "4.0");
    assert_eq!(vector.base_score().to_string(), "9.3");
    assert_eq!(source, CvssSource::Cna);
    // As a new CVE (the pack's own entry set aside), it is kept, not left out.
    let mut without = pack.clone();
    without.entries.retain(|entry| entry.id != record.id);
    let entry = new_entry(record, "CVE-2025-1316.json", &without).unwrap();
    assert_eq!(entry.cvss.vector.to_string().get(..9), Some("CVSS:4.0/"));
    assert!((entry.cvss.base_score - 9.3).abs() < 1e-9);
    assert!(entry.remote_takeover, "network, no account, VC:H and VI:H");
    assert!(
        without.check_imported(&entry).is_empty(),
        "{:?}",
        without.check_imported(&entry)
    );
}
