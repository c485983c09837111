//! The CVE pack through the real binary: what it knows (`cve list`, `cve check`), how it
//! matches a fixture inventory (the worked examples of catalog/README.md §3.5), findings made
//! from the matches (`--apply`, twice), imports of a real NVD 2.0 record and KEV excerpts
//! (JSON and CSV) and of truncated files — with the files, commits and history checked with
//! the `git` command line, and refused commands leaving the engagement as it was.

// Test helpers: a failure to run or to read is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fs;

use serde_json::Value;

use crate::common::{InDir, Sandbox, fixture, says};

const PACK: &str = include_str!("../../catalog/cves.yaml");

/// An engagement in English (titles and findings in the pack's English) with the fixture
/// inventory: the worked examples of catalog/README.md §3.5, a Cisco switch and a workstation
/// without a vendor.
fn acme_with_inventory(sandbox: &Sandbox) -> InDir<'_> {
    let acme = sandbox.init("acme").lang("en").create();
    acme.run(&["asset", "import", &fixture("cve-inventory.csv")])
        .success();
    acme
}

#[test]
fn the_builtin_pack_checks_and_is_listed_with_its_version_first() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["cve", "check"]).success();
    assert_eq!(
        out.stdout.trim(),
        "catalog/cves.yaml: ok — 2026.12.2 (2026-12-07): 60 entries, 20 KEV-listed"
    );

    // Outside an engagement: the built-in pack, in English.
    let out = sandbox.run(&["cve", "list"]).success();
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("CVE pack 2026.12.2 (2026-12-07): 60 entries, 20 KEV-listed")
    );
    let hik = out
        .stdout
        .lines()
        .find(|line| line.starts_with("CVE-2021-36260"))
        .unwrap();
    let cells: Vec<&str> = hik
        .split("  ")
        .filter(|c| !c.trim().is_empty())
        .map(str::trim)
        .collect();
    assert_eq!(
        cells,
        [
            "CVE-2021-36260",
            "hikvision",
            "9.8 (3.1, nvd)",
            "2022-01-10",
            "[!]",
            "Unauthenticated command injection in the web server"
        ]
    );
    assert!(
        out.stdout
            .contains("CVE-2024-7029   avtech     8.8 (3.1, cna)"),
        "{}",
        out.stdout
    );

    // A vendor by any of its names, as JSON.
    let listed: Value = serde_json::from_str(
        &sandbox
            .run(&["cve", "list", "--vendor", "Hangzhou Hikvision", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(listed["pack"]["version"], "2026.12.2");
    assert_eq!(listed["pack"]["date"], "2026-12-07");
    let entries = listed["entries"].as_array().unwrap();
    // CVE-2021-36260, CVE-2017-7921, CVE-2017-7923, CVE-2023-28808, and the three VMS ones
    // of pack 2026.12.2 (the platform, HikCentral Professional and Master Lite).
    assert_eq!(entries.len(), 7);
    assert!(entries.iter().all(|e| e["vendor"] == "hikvision"));
    assert_eq!(entries[0]["cvss"]["base_score"], 9.8);
    assert_eq!(entries[0]["cvss"]["source"], "nvd");
    assert_eq!(entries[0]["kev"], "2022-01-10");
    assert_eq!(entries[0]["remote_takeover"], true);

    let kev: Value = serde_json::from_str(
        &sandbox
            .run(&["cve", "list", "--kev", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    let kev = kev["entries"].as_array().unwrap();
    assert_eq!(kev.len(), 20);
    assert!(kev.iter().all(|e| e["kev"].is_string()));

    // In a French engagement, the titles are French.
    sandbox.init("fr").client("X").lang("fr").create();
    let out = sandbox
        .run(&["-C", "fr", "cve", "list", "--vendor", "edimax"])
        .success();
    assert!(
        out.stdout
            .contains("Injection de commandes sans authentification dans la caméra IC-7100")
    );
    // Its scores and dates as French writes them, as `cve match` does.
    let out = sandbox
        .run(&["-C", "fr", "cve", "list", "--vendor", "hikvision"])
        .success();
    let hik = out
        .stdout
        .lines()
        .find(|line| line.starts_with("CVE-2021-36260"))
        .unwrap();
    assert!(
        hik.contains("9,8 (3.1, nvd)") && hik.contains("10 janvier 2022"),
        "{hik}"
    );

    let out = sandbox.run(&["cve", "list", "--vendor", "acme"]).failure(2);
    assert!(
        out.stderr.contains("the pack knows no vendor `acme`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("amcrest, annke, avtech, axis"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_broken_copy_of_the_pack_is_refused_with_the_entry_named() {
    let sandbox = Sandbox::new();
    // CVE-2025-1316 (Edimax) with an unknown vendor and a score that is not its vector's.
    let at = PACK.find("- id: CVE-2025-1316").unwrap();
    let (head, tail) = PACK.split_at(at);
    let tail = tail
        .replacen("vendor: edimax\n", "vendor: edimaxx\n", 1)
        .replacen("base_score: 9.8", "base_score: 9.1", 1);
    let broken = format!("{head}{tail}");
    fs::write(sandbox.path("broken.yaml"), &broken).unwrap();
    let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;

    let out = sandbox.run(&["cve", "check", "broken.yaml"]).failure(2);
    assert!(
        out.stderr.starts_with("error: 2 problems:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!(
            "broken.yaml:{}:5: CVE-2025-1316: vendor `edimaxx` is not a key of `vendors` — use one of abus, amcrest, annke",
            line("vendor: edimaxx")
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!(
            "broken.yaml:{}:7: CVE-2025-1316: base score 9.1 does not match its vector, which scores 9.8 — set `base_score: 9.8`",
            line("base_score: 9.1")
        )),
        "{}",
        out.stderr
    );
}

/// `(CVE, asset, verdict)` of `cve match --json`.
fn matched(report: &Value) -> BTreeSet<(String, String, String)> {
    let mut found = BTreeSet::new();
    for cve in report["cves"].as_array().unwrap() {
        for list in ["affected", "unknown"] {
            for m in cve[list].as_array().unwrap() {
                assert_eq!(m["verdict"], list, "{m}");
                found.insert((
                    cve["id"].as_str().unwrap().to_owned(),
                    m["asset"].as_str().unwrap().to_owned(),
                    list.to_owned(),
                ));
            }
        }
    }
    found
}

#[test]
fn matching_the_fixture_inventory_gives_the_worked_examples_of_the_pack() {
    let sandbox = Sandbox::new();
    let acme = acme_with_inventory(&sandbox);
    let before = sandbox.snapshot("acme");
    let report = acme.json(&["cve", "match", "--json"]);
    assert_eq!(report["pack"]["version"], "2026.12.2");

    // catalog/README.md §3.5, row by row; anything not listed is not shown: the firmware of
    // CAM-HIK-2, DOOR-AXIS-1, CAM-DL-1, CAM-AMC-1, CAM-DAH-2 (for 33044/33045) and the
    // Reolink cameras (for CVE-2019-11001) is outside every affected range.
    let expected: BTreeSet<(String, String, String)> = [
        ("CVE-2017-7921", "CAM-HIK-1", "affected"),
        ("CVE-2017-7923", "CAM-HIK-1", "affected"),
        ("CVE-2021-36260", "CAM-HIK-3", "unknown"),
        ("CVE-2021-36260", "NVR-HIK-1", "affected"),
        ("CVE-2021-33044", "CAM-DAH-1", "affected"),
        ("CVE-2021-33045", "CAM-DAH-1", "affected"),
        ("CVE-2025-31700", "CAM-DAH-1", "unknown"),
        ("CVE-2025-31700", "CAM-DAH-2", "unknown"),
        ("CVE-2021-33044", "CAM-DAH-3", "unknown"),
        ("CVE-2021-33045", "CAM-DAH-3", "unknown"),
        ("CVE-2025-31700", "CAM-DAH-3", "unknown"),
        ("CVE-2021-33045", "NVR-DAH-1", "affected"),
        ("CVE-2025-31700", "NVR-DAH-1", "unknown"),
        ("CVE-2018-10660", "DOOR-AXIS-2", "affected"),
        ("CVE-2025-30023", "VMS-AXIS", "affected"),
        ("CVE-2025-30025", "VMS-AXIS", "affected"),
        // No version in the record of CVE-2025-30026: every Camera Station, to confirm.
        ("CVE-2025-30026", "VMS-AXIS", "unknown"),
        ("CVE-2018-7891", "VMS-MS-1", "affected"),
        ("CVE-2018-7891", "VMS-MS-2", "unknown"),
        ("CVE-2022-40799", "NVR-DL-1", "affected"),
        ("CVE-2025-1316", "CAM-EDI-1", "affected"),
        ("CVE-2021-40407", "CAM-REO-1", "affected"),
        ("CVE-2021-40407", "CAM-REO-2", "unknown"),
        ("CVE-2023-47565", "NVR-QNAP-1", "affected"),
        ("CVE-2017-9828", "CAM-VIV-1", "affected"),
        ("CVE-2017-9828", "CAM-VIV-2", "unknown"),
        // NVD names every Vivotek camera for CVE-2018-14770, without a version.
        ("CVE-2018-14770", "CAM-VIV-1", "unknown"),
        ("CVE-2018-14770", "CAM-VIV-2", "unknown"),
        ("CVE-2019-6957", "SRV-BOSCH", "affected"),
        ("CVE-2025-43027", "VMS-GEN", "unknown"),
        ("CVE-2017-16524", "NVR-SAM", "unknown"),
    ]
    .into_iter()
    .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    .collect();
    let found = matched(&report);
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
    assert_eq!(report["vendor_not_covered"], serde_json::json!(["SW-01"]));
    assert_eq!(report["without_vendor"], serde_json::json!(["WS-01"]));

    // KEV-listed CVEs first.
    let cves = report["cves"].as_array().unwrap();
    let listed = cves.iter().take_while(|cve| cve["kev"].is_string()).count();
    assert_eq!(listed, 8);
    assert!(cves[listed..].iter().all(|cve| cve["kev"].is_null()));

    // Each match says why.
    let dahua = cves.iter().find(|c| c["id"] == "CVE-2021-33044").unwrap();
    assert_eq!(
        dahua["affected"][0]["reason"],
        "dahua (alias \"dahua\"), model \"DH-IPC-HFW3441E-AS\" ~ \"*IPC-H*W3*\", firmware \"V2.800.0000000.16.R, Build Date: 2021-03-10\" < \"2.800.0000000.29.r.210630\" → affected"
    );
    let out = acme.run(&["cve", "match"]).success();
    assert!(
        out.stdout
            .contains("27 asset(s): 13 affected by 15 CVE(s), 8 more to confirm."),
        "{}",
        out.stdout
    );
    // The reason is the sentence the report gives (the JSON keeps the detailed trace).
    assert!(
        out.stdout.contains(
            "\n  unknown   VMS-MS-2: XProtect Corporate, firmware 2017 R3; affected versions: "
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("1 asset(s) with a vendor the pack does not cover: SW-01 (Cisco)")
    );
    assert!(
        out.stdout.find("CVE-2021-40407").unwrap() < out.stdout.find("CVE-2017-9828").unwrap(),
        "KEV first"
    );
    assert_eq!(sandbox.snapshot("acme"), before, "matching writes nothing");
}

fn finding_of(acme: &InDir, cve: &str) -> Value {
    let listed = acme.json(&["finding", "list", "--json"]);
    let found: Vec<&Value> = listed["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["cves"].as_array().unwrap().iter().any(|c| c == cve))
        .collect();
    assert_eq!(found.len(), 1, "one finding of {cve}");
    found[0].clone()
}

#[test]
fn apply_makes_one_finding_per_affected_cve_and_nothing_new_the_second_time() {
    let sandbox = Sandbox::new();
    let acme = acme_with_inventory(&sandbox);
    let out = acme.run(&["cve", "match", "--apply"]).success();
    assert!(
        out.stdout
            .contains("15 finding(s) created, 0 updated, 0 already up to date."),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(
        "CVE-2025-31700: no finding, no asset known to be affected; 4 asset(s) to confirm: CAM-DAH-1, CAM-DAH-2, CAM-DAH-3, NVR-DAH-1"
    ), "{}", out.stdout);
    let commits = sandbox.subjects("acme");
    assert_eq!(commits.len(), 2 + 15);
    assert!(
        commits[..15].iter().all(|s| s.contains(": new finding \"")),
        "{commits:#?}"
    );

    let hik = finding_of(&acme, "CVE-2021-36260");
    assert_eq!(
        hik["title"],
        "Unauthenticated command injection in the web server"
    );
    assert_eq!(hik["domain"], "UPD");
    assert_eq!(hik["controls"], serde_json::json!(["UPD-02"]));
    assert_eq!(hik["cvss"], "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assert_eq!(hik["cvss_source"], "nvd");
    assert_eq!(hik["remote_takeover"], true);
    assert_eq!(
        hik["assets"],
        serde_json::json!(["NVR-HIK-1"]),
        "affected only"
    );
    assert!(
        hik["recommendation"]
            .as_str()
            .unwrap()
            .starts_with("Install the firmware release that Hikvision notice HSRC-202109-01 lists")
    );
    let description = hik["description"].as_str().unwrap();
    assert!(description.contains(
        "Listed by CISA as exploited in the wild (KEV catalogue) since 10 January 2022."
    ));
    assert!(description.contains("To confirm"), "{description}");
    assert!(
        description.contains(
            "- CAM-HIK-3: DS-2CD2043G2-I, firmware V5.7.3 build 220112; \
             affected versions: not published, see the vendor's advisory."
        ),
        "unknown ones listed: {description}"
    );
    let edimax = finding_of(&acme, "CVE-2025-1316");
    assert_eq!(
        edimax["assets"],
        serde_json::json!(["CAM-EDI-1"]),
        "all_versions: affected without a firmware"
    );
    let bosch = finding_of(&acme, "CVE-2019-6957");
    assert_eq!(bosch["criticality"]["critical"], true);

    // Twice: nothing new, no commit.
    let before = sandbox.snapshot("acme");
    let out = acme.run(&["cve", "match", "--apply"]).success();
    assert!(
        out.stdout
            .contains("0 finding(s) created, 0 updated, 15 already up to date."),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("already lists every affected asset, nothing to change")
    );
    assert_eq!(
        sandbox.snapshot("acme"),
        before,
        "the second --apply writes nothing"
    );

    // A newly affected asset joins the CVE's finding, which says so.
    acme.run(&[
        "asset",
        "add",
        "NVR-HIK-2",
        "--kind",
        "nvr",
        "--vendor",
        "Hikvision",
        "--model",
        "DS-7108NI-Q1/M",
        "--firmware",
        "V4.31.100",
    ])
    .success();
    let out = acme.run(&["cve", "match", "--apply"]).success();
    let id = hik["id"].as_str().unwrap();
    assert!(out.stdout.contains(&format!(
        "CVE-2021-36260: existing finding {id} of this CVE updated: saved {id}: asset NVR-HIK-2 added"
    )), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("0 finding(s) created, 1 updated, 14 already up to date.")
    );
    assert_eq!(
        sandbox.subjects("acme")[0],
        format!("{id}: asset NVR-HIK-2 added")
    );
    let hik = finding_of(&acme, "CVE-2021-36260");
    assert_eq!(hik["assets"], serde_json::json!(["NVR-HIK-1", "NVR-HIK-2"]));
    assert_eq!(
        acme.json(&["finding", "list", "--json"])["findings"]
            .as_array()
            .unwrap()
            .len(),
        15
    );
}

#[test]
fn apply_on_a_grid_without_upd_02_uses_the_domain_first_control_and_refuses_without_upd() {
    let sandbox = Sandbox::new();
    let mini = fs::read_to_string(fixture("mini-grid.yaml")).unwrap();
    // The mini grid has no UPD domain; renamed, its NET domain is an UPD without UPD-02.
    let upd = mini
        .replace("id: NET\n", "id: UPD\n")
        .replace("NET-0", "UPD-1");
    fs::write(sandbox.path("upd-grid.yaml"), upd).unwrap();
    for (dir, grid) in [
        ("upd", "upd-grid.yaml".to_owned()),
        ("mini", fixture("mini-grid.yaml")),
    ] {
        sandbox.init(dir).client("X").grid(&grid).create();
        sandbox
            .run(&[
                "-C", dir, "asset", "add", "CAM-1", "--kind", "camera", "--vendor", "Edimax",
                "--model", "IC-7100",
            ])
            .success();
    }
    let out = sandbox
        .run(&["-C", "upd", "cve", "match", "--apply"])
        .success();
    assert!(
        out.stdout.contains("1 finding(s) created"),
        "{}",
        out.stdout
    );
    let listed: Value = serde_json::from_str(
        &sandbox
            .run(&["-C", "upd", "finding", "list", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(listed["findings"][0]["domain"], "UPD");
    assert_eq!(
        listed["findings"][0]["controls"],
        serde_json::json!(["UPD-11"])
    );

    let before = sandbox.snapshot("mini");
    let out = sandbox
        .run(&["-C", "mini", "cve", "match", "--apply"])
        .failure(2);
    assert!(
        out.stderr
            .contains("the engagement's grid has no UPD domain (it has ACC, NET)"),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.snapshot("mini"), before);
}

#[test]
fn importing_a_real_nvd_record_and_the_kev_catalogue_extends_the_pack() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    let out = acme
        .run(&[
            "cve",
            "import",
            &fixture("nvd-excerpt.json"),
            &fixture("kev-excerpt.json"),
        ])
        .success();
    // CVE-2021-36260 (NVD's CPE ranges replace the pack's), CVE-2024-7029 and CVE-2024-3721
    // (same data as the pack: nothing written; the latter has no CPE data yet, and is kept
    // because the pack has its id), CVE-2021-33046 (a Dahua CVE the pack lacks); the KEV
    // dates are the pack's already, CVE-2024-12356 is not a video product.
    assert!(
        out.stdout
            .contains("nvd-excerpt.json: NVD CVE JSON 2.0 feed, 4 record(s) read, 4 kept"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("left out"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("kev-excerpt.json: CISA KEV catalogue (JSON), 5 entr(ies) read"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("CVE-2021-36260: replaces the built-in entry"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("CVE-2021-33046: new — dahua"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("1 KEV entr(ies) name CVEs the pack does not have"),
        "{}",
        out.stdout
    );
    assert_eq!(
        sandbox.subjects("acme")[0],
        "cves: imported nvd-excerpt.json, kev-excerpt.json (1 new, 1 updated)"
    );
    let files = sandbox.git("acme", &["ls-files", "cves"]);
    assert_eq!(
        files,
        "cves/CVE-2021-33046.yaml\ncves/CVE-2021-36260.yaml\n"
    );

    let dahua = sandbox.read("acme/cves/CVE-2021-33046.yaml");
    for line in [
        "id: CVE-2021-33046\n",
        "vendor: dahua\n",
        "  - sd22*\n",
        "  from: 2017-07\n",
        "  last_affected: 2021-07\n",
        "  vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n  source: nvd\n  base_score: 9.8\n",
        "kev: null\n",
        "cwe: CWE-287\n",
        "- https://nvd.nist.gov/vuln/detail/CVE-2021-33046\n",
        "imported_from:\n- nvd-excerpt.json\n",
    ] {
        assert!(dahua.contains(line), "{line:?} in\n{dahua}");
    }
    let hik = sandbox.read("acme/cves/CVE-2021-36260.yaml");
    assert!(
        hik.contains("  - ds-7108ni-q1/m*\n  from: \"4.30.300\"\n  last_affected: \"4.31.100\"\n"),
        "{hik}"
    );
    assert!(
        hik.contains("  en: Unauthenticated command injection in the web server"),
        "the pack's texts stay: {hik}"
    );

    let listed = acme.json(&["cve", "list", "--json"]);
    assert_eq!(listed["pack"]["entries"], 61);
    assert_eq!(listed["pack"]["imported"], 2);
    let out = acme.run(&["cve", "list", "--vendor", "dahua"]).success();
    assert!(out.stdout.contains("CVE-2021-33046*"), "{}", out.stdout);

    // The imported entry matches: a Dahua dome of that family, built in March 2021.
    acme.run(&[
        "asset",
        "add",
        "PTZ-1",
        "--kind",
        "camera",
        "--vendor",
        "Dahua",
        "--model",
        "SD22204T-GN",
        "--firmware",
        "V2.800.0000000.16.R, Build Date: 2021-03-10",
    ])
    .success();
    let report = acme.json(&["cve", "match", "--json"]);
    let found = matched(&report);
    assert!(
        found.contains(&("CVE-2021-33046".into(), "PTZ-1".into(), "affected".into())),
        "{found:?}"
    );

    // The same files again (the KEV catalogue as CSV this time): nothing changes.
    let before = sandbox.snapshot("acme");
    let out = acme
        .run(&[
            "cve",
            "import",
            &fixture("nvd-excerpt.json"),
            &fixture("kev-excerpt.csv"),
        ])
        .success();
    assert!(
        out.stdout
            .contains("kev-excerpt.csv: CISA KEV catalogue (CSV), 5 entr(ies) read"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("cves: nvd-excerpt.json, kev-excerpt.csv change nothing"),
        "{}",
        out.stdout
    );
    assert_eq!(sandbox.snapshot("acme"), before);
}

#[test]
fn a_later_kev_date_is_merged_onto_the_pack_entry_and_lists_it_first() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    acme.run(&[
        "asset", "add", "CAM-1", "--kind", "camera", "--vendor", "AVTECH", "--model", "AVM1203",
    ])
    .success();
    // A catalogue in CISA's CSV format, made for this test: the header of the real one, and
    // a row listing CVE-2024-7029 — which the pack's sources did not show as listed — with a
    // date the pack cannot already have.
    let header = fs::read_to_string(fixture("kev-excerpt.csv")).unwrap();
    let header = header.lines().next().unwrap();
    fs::write(
        sandbox.path("kev-later.csv"),
        format!("{header}\nCVE-2024-7029,AVTECH,\"AVM1203 IP Camera\",\"AVTECH AVM1203 IP Camera OS Command Injection (test row)\",2026-01-15,\"test row\",\"test row\",2026-02-05,Unknown,\"test row\",CWE-77\n"),
    )
    .unwrap();
    let out = sandbox
        .run(&["-C", "acme", "cve", "import", "kev-later.csv"])
        .success();
    assert!(
        out.stdout
            .contains("CVE-2024-7029: replaces the built-in entry — KEV 2026-01-15"),
        "{}",
        out.stdout
    );
    assert_eq!(
        sandbox.subjects("acme")[0],
        "cves: imported kev-later.csv (0 new, 1 updated)"
    );
    let entry = sandbox.read("acme/cves/CVE-2024-7029.yaml");
    assert!(
        entry.contains("kev: 2026-01-15\n") || entry.contains("kev: \"2026-01-15\"\n"),
        "{entry}"
    );
    assert!(
        entry.contains("all_versions: true"),
        "the pack's ranges stay: {entry}"
    );
    let report = acme.json(&["cve", "match", "--json"]);
    assert_eq!(report["cves"][0]["id"], "CVE-2024-7029");
    assert_eq!(report["cves"][0]["kev"], "2026-01-15");
}

#[test]
fn a_truncated_or_wrong_feed_is_refused_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    // The NVD excerpt cut in the middle of its third record, as a download cut short.
    let feed = fs::read_to_string(fixture("nvd-excerpt.json")).unwrap();
    let cut = feed.find("\"CVE-2021-33046\"").unwrap() + 400;
    fs::write(sandbox.path("nvd-truncated.json"), &feed[..cut]).unwrap();
    let stderr = acme.refused(
        &[
            "cve",
            "import",
            &fixture("kev-excerpt.json"),
            "nvd-truncated.json",
        ],
        "nvd-truncated.json:",
    );
    assert!(stderr.contains("the file ends in the middle of the JSON (a truncated download or copy?); 2 complete records were read before that point, the last CVE-2024-7029, the rest of the file cannot be read — nothing was imported"), "{stderr}");
    assert!(
        stderr.contains("kev-excerpt.json (5 read): read in full, but not imported either"),
        "{stderr}"
    );
    assert!(!sandbox.path("acme/cves").exists());

    // The KEV CSV cut inside its fifth row.
    let csv = fs::read_to_string(fixture("kev-excerpt.csv")).unwrap();
    let cut = csv.find("CVE-2022-23227").unwrap() + 60;
    fs::write(sandbox.path("kev-truncated.csv"), &csv[..cut]).unwrap();
    let stderr = acme.refused(
        &["cve", "import", "kev-truncated.csv"],
        "kev-truncated.csv:5:",
    );
    assert!(
        stderr.contains("3 complete row(s) were read before it (a truncated file?)"),
        "{stderr}"
    );

    // Not a feed at all; no file.
    acme.refused(
        &["cve", "import", &fixture("cameras.csv")],
        "not the CISA KEV catalogue: the header has no `cveID` and `dateAdded` columns",
    );
    acme.refused(
        &["cve", "import", "nowhere.json"],
        "nowhere.json: no such file",
    );
    fs::write(sandbox.path("other.json"), "{\"resultsPerPage\": 0}").unwrap();
    acme.refused(
        &["cve", "import", "other.json"],
        "no `vulnerabilities` list",
    );
    assert_eq!(sandbox.subjects("acme").len(), 1, "nothing committed");
}

#[test]
fn a_hand_edited_imported_entry_is_named_at_its_line() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    acme.run(&["cve", "import", &fixture("nvd-excerpt.json")])
        .success();
    let path = sandbox.path("acme/cves/CVE-2021-33046.yaml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("vendor: dahua", "vendor: acme");
    fs::write(&path, text).unwrap();
    let out = acme.run(&["cve", "match"]).failure(2);
    assert!(
        out.stderr.contains(
            "cves/CVE-2021-33046.yaml:2:1: CVE-2021-33046: vendor `acme` is not a key of `vendors`"
        ),
        "{}",
        out.stderr
    );
}

/// The case through the binary: the NVD records of CVE-2021-33044 and -33045 as NVD
/// distributes a feed (gzip), imported into an engagement with the three Dahua devices the
/// built-in pack finds affected; after the import they still are. A truncated copy of the
/// same feed, and a zip holding no JSON, are refused with nothing written.
#[test]
fn a_gzipped_feed_of_the_dahua_records_keeps_every_match() {
    use std::io::Write;
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    for (id, model, firmware) in [
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
    ] {
        acme.run(&[
            "asset",
            "add",
            id,
            "--kind",
            "camera",
            "--vendor",
            "Dahua",
            "--model",
            model,
            "--firmware",
            firmware,
        ])
        .success();
    }
    let affected = |acme: &InDir| -> BTreeSet<(String, String, String)> {
        matched(&acme.json(&["cve", "match", "--json"]))
            .into_iter()
            .filter(|(cve, _, verdict)| cve.starts_with("CVE-2021-3304") && verdict == "affected")
            .collect()
    };
    let before = affected(&acme);
    assert_eq!(before.len(), 4, "{before:?}");
    let records: Vec<String> = ["CVE-2021-33044", "CVE-2021-33045"]
        .iter()
        .map(|id| fixture(&format!("nvd/{id}.json")))
        .map(|path| format!("{{\"cve\": {}}}", fs::read_to_string(path).unwrap()))
        .collect();
    let feed = format!(
        "{{\"format\": \"NVD_CVE\", \"version\": \"2.0\", \"vulnerabilities\": [{}]}}",
        records.join(",")
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(feed.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    fs::write(sandbox.path("nvdcve-2.0-2021.json.gz"), &gz).unwrap();
    fs::write(sandbox.path("cut.json.gz"), &gz[..gz.len() / 2]).unwrap();

    acme.refused(&["cve", "import", "cut.json.gz"], "cut.json.gz:");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("README.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"no feed here").unwrap();
    fs::write(
        sandbox.path("readme.zip"),
        zip.finish().unwrap().into_inner(),
    )
    .unwrap();
    acme.refused(
        &["cve", "import", "readme.zip"],
        "the zip archive holds no .json file (it holds README.txt)",
    );

    let out = acme
        .run(&["cve", "import", "nvdcve-2.0-2021.json.gz"])
        .success();
    assert!(
        out.stdout
            .contains("nvdcve-2.0-2021.json.gz: NVD CVE JSON 2.0 feed, 2 record(s) read, 2 kept"),
        "{}",
        out.stdout
    );
    let line = out
        .stdout
        .lines()
        .find(|line| line.starts_with("CVE-2021-33044: replaces the built-in entry"))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(
        line.contains("patterns added: ") && line.contains("\"sd22*\""),
        "the summary says which patterns changed: {line}"
    );
    assert!(line.contains("patterns removed: "), "{line}");
    assert!(out.stderr.is_empty(), "piped: no progress: {}", out.stderr);
    assert_eq!(affected(&acme), before);
}

/// CAM-01, a Dahua camera on a firmware CVE-2021-33044 affects.
fn add_dahua_camera(acme: &InDir) {
    acme.run(&[
        "asset",
        "add",
        "CAM-01",
        "--kind",
        "camera",
        "--vendor",
        "Dahua",
        "--model",
        "DH-IPC-HFW3441E-AS",
        "--firmware",
        "V2.800.0000000.16.R, Build Date: 2021-03-10",
    ])
    .success();
}

/// In a French engagement, `cve match` reads French; the reasons quote the pack's own words.
#[test]
fn match_reads_french_in_a_french_engagement() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    add_dahua_camera(&acme);
    acme.run(&[
        "asset", "add", "SW-01", "--kind", "switch", "--vendor", "Cisco",
    ])
    .success();
    let out = acme.run(&["cve", "match"]).success().stdout;
    assert!(out.starts_with("Base CVE "), "{out}");
    assert!(
        out.contains("\n2 équipement(s)\u{a0}: 1 concerné(s) par "),
        "{out}"
    );
    // The reason: the sentence the report gives, in French.
    assert!(
        out.contains(
            "\n  concerné     CAM-01\u{a0}: DH-IPC-HFW3441E-AS, firmware V2.800.0000000.16.R, Build Date: 2021-03-10\u{a0}; versions concernées\u{a0}: "
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "1 équipement(s) d'un constructeur que la base ne couvre pas\u{a0}: SW-01 (Cisco)"
        ),
        "{out}"
    );
    assert!(
        out.contains("Ensuite\u{a0}: `vmsaudit cve match --apply`"),
        "{out}"
    );
    assert!(!out.contains("asset(s)"), "{out}");
}

/// A French engagement reads the import's summary and `cve list` in French; piped (as here),
/// standard error stays empty: the progress line is for a terminal only.
#[test]
fn import_and_list_speak_the_engagements_language() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let out = acme
        .run(&[
            "cve",
            "import",
            &fixture("nvd-excerpt.json"),
            &fixture("kev-excerpt.csv"),
        ])
        .success();
    for line in [
        "nvd-excerpt.json\u{a0}: flux NVD CVE JSON 2.0, 4 fiche(s) lu(e)s, 4 retenu(e)s",
        "kev-excerpt.csv\u{a0}: catalogue CISA KEV (CSV), 5 entrée(s) lu(e)s",
        "CVE-2021-36260\u{a0}: remplace l'entrée intégrée — 3 plage(s) de la NVD, auparavant 3\u{a0}; motifs ajoutés\u{a0}: «\u{a0}ds-2cd2026g2-iu/sl*\u{a0}», ",
        " et 106 autre(s)\u{a0}; 1 référence(s) ajoutée(s)\n",
        "CVE-2021-33046\u{a0}: nouvelle — dahua\u{a0}: «\u{a0}Some Dahua products have access control vulnerability in the password reset process\u{a0}»\u{a0}; CVSS 9,8 (nvd)\u{a0}; 1 plage(s)\n",
        // The KEV file is older than the pack's own KEV dates.
        "kev-excerpt.csv\u{a0}: ce catalogue KEV (dernière entrée ajoutée le 19 décembre 2024) est plus ancien que les dates KEV de la base (CVE-2017-7921 listée le 5 mars 2026)\u{a0}: les CVE listées depuis y manquent\u{a0}; télécharger le catalogue à jour sur le site de la CISA\n",
        "1 entrée(s) KEV désignent des CVE absentes de la base",
    ] {
        assert!(out.stdout.contains(line), "{line:?} in {}", out.stdout);
    }
    assert_eq!(
        out.stderr, "",
        "no progress line when standard error is not a terminal"
    );

    let out = acme.run(&["cve", "list", "--vendor", "dahua"]).success();
    let header = out.stdout.lines().nth(2).unwrap_or_default();
    assert!(
        header.starts_with("ID ")
            && header.contains(" CONSTRUCTEUR ")
            && header.ends_with(" TITRE"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("6 CVE, dont 2 au catalogue CISA KEV. CVSS\u{a0}: score de base"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("*\u{a0}: importée dans cet audit (cves/)"),
        "{}",
        out.stdout
    );
    let none = acme
        .run(&["cve", "list", "--vendor", "dahua", "--kev"])
        .success();
    assert!(!none.stdout.contains("Aucune entrée ne correspond."));
}

/// `cve check` outside an engagement speaks the command line's language (`--lang`,
/// `VMSAUDIT_LANG`, the locale).
#[test]
fn check_speaks_the_command_lines_language() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["--lang", "fr", "cve", "check"]).success();
    assert_eq!(
        out.stdout.trim(),
        "catalog/cves.yaml\u{a0}: conforme — 2026.12.2 (7 décembre 2026)\u{a0}: 60 entrée(s), dont 20 listée(s) KEV"
    );
    let out = sandbox.run(&["--lang", "en", "cve", "check"]).success();
    assert_eq!(
        out.stdout.trim(),
        "catalog/cves.yaml: ok — 2026.12.2 (2026-12-07): 60 entries, 20 KEV-listed"
    );
}

/// `cve match --apply` in a French engagement: every line French, with French typography;
/// in an English one, the same lines in English.
#[test]
fn apply_speaks_the_engagements_language() {
    let sandbox = Sandbox::new();
    for (dir, lang) in [("fr", "fr"), ("en", "en")] {
        let acme = sandbox.init(dir).lang(lang).create();
        add_dahua_camera(&acme);
    }
    let fr = sandbox.in_dir("fr");
    let out = fr.run(&["cve", "match", "--apply"]).success().stdout;
    let id = finding_of(&fr, "CVE-2021-33044")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for line in [
        "CVE-2021-33044\u{a0}: enregistré ".to_owned(),
        format!("\n  {id}\u{a0}: 1 équipement(s) concerné(s)\u{a0}: CAM-01\n"),
        "CVE-2025-31700\u{a0}: aucune vulnérabilité, aucun équipement concerné avéré\u{a0}; 1 équipement(s) à confirmer\u{a0}: CAM-01 (créer la vulnérabilité à la main une fois confirmée)".to_owned(),
        "\n2 vulnérabilité(s) créée(s), 0 mise(s) à jour, 0 déjà à jour.\n".to_owned(),
    ] {
        assert!(out.contains(&line), "{line:?} in {out}");
    }
    // The commit messages quoted after « enregistré » stay English, by design (README).
    assert!(
        !out.contains("asset(s)") && !out.contains("already"),
        "{out}"
    );
    let again = fr.run(&["cve", "match", "--apply"]).success().stdout;
    assert!(
        again.contains(&format!(
            "CVE-2021-33044\u{a0}: {id} liste déjà tous les équipements concernés, rien à changer\n"
        )),
        "{again}"
    );
    assert!(
        again.contains("0 vulnérabilité(s) créée(s), 0 mise(s) à jour, 2 déjà à jour."),
        "{again}"
    );

    let en = sandbox.in_dir("en");
    let out = en.run(&["cve", "match", "--apply"]).success().stdout;
    assert!(
        out.contains("CVE-2025-31700: no finding, no asset known to be affected; 1 asset(s) to confirm: CAM-01 (add a finding by hand once confirmed)"),
        "{out}"
    );
    assert!(
        out.contains("2 finding(s) created, 0 updated, 0 already up to date."),
        "{out}"
    );
    assert!(!out.contains('\u{a0}'), "{out}");

    // An engagement without assets has nothing to apply, in its language.
    let empty = sandbox.init("empty").lang("fr").create();
    let out = empty.run(&["cve", "match", "--apply"]).success().stdout;
    assert_eq!(
        out.trim(),
        "Aucun équipement ne correspond à une CVE de la base\u{a0}: rien à appliquer."
    );
}

/// A KEV catalogue older than the pack's own KEV dates is flagged, in English here (the
/// French line is checked by `import_and_list_speak_the_engagements_language`).
#[test]
fn an_old_kev_catalogue_is_flagged_in_english() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    let out = acme
        .run(&["cve", "import", &fixture("kev-excerpt.json")])
        .success()
        .stdout;
    assert!(
        out.contains("warning: ")
            && out.contains("kev-excerpt.json: this KEV catalogue (released 2025-02-25) is older than the pack's own KEV dates (CVE-2017-7921 listed 2026-03-05): CVEs listed since are missing from it; download the current catalogue from CISA\n"),
        "{out}"
    );
}

#[test]
fn a_value_the_pack_cannot_read_names_its_entry_in_the_readers_language() {
    let sandbox = Sandbox::new();
    let at = PACK.find("- id: CVE-2025-1316").unwrap();
    let (head, tail) = PACK.split_at(at);
    let tail = tail.replacen("published: ", "published: not-a-date # ", 1);
    fs::write(sandbox.path("broken.yaml"), format!("{head}{tail}")).unwrap();
    let english = sandbox.run(&["cve", "check", "broken.yaml"]).failure(2);
    let french = sandbox
        .run(&["--lang", "fr", "cve", "check", "broken.yaml"])
        .failure(2);
    says(
        &english.stderr,
        &[
            ": CVE-2025-1316: the value here cannot be read (",
            "write the value as the other files of its kind write it",
        ],
    );
    says(
        &french.stderr,
        &[
            ": CVE-2025-1316\u{a0}: la valeur à cet endroit ne peut pas être lue (",
            "écrivez la valeur comme l'écrivent les autres fichiers de son genre",
        ],
    );
}

/// A feed file `name` in the sandbox holding the NVD records `records` (`nvd/CVE-...` under
/// tests/fixtures, without `.json`).
fn nvd_feed(sandbox: &Sandbox, name: &str, records: &[&str]) {
    let records: Vec<String> = records
        .iter()
        .map(|record| fixture(&format!("{record}.json")))
        .map(|path| format!("{{\"cve\": {}}}", fs::read_to_string(path).unwrap()))
        .collect();
    let feed = format!(
        "{{\"format\": \"NVD_CVE\", \"version\": \"2.0\", \"vulnerabilities\": [{}]}}",
        records.join(",")
    );
    fs::write(sandbox.path(name), feed).unwrap();
}

/// The verdicts of `cve` on each asset `cve match --json` lists, as `(asset, verdict)`.
fn verdicts_of(acme: &InDir, cve: &str) -> BTreeSet<(String, String)> {
    matched(&acme.json(&["cve", "match", "--json"]))
        .into_iter()
        .filter(|(id, _, _)| id == cve)
        .map(|(_, asset, verdict)| (asset, verdict))
        .collect()
}

fn add_assets(acme: &InDir, vendor: &str, model: &str, firmware: &[(&str, &str)]) {
    for (id, firmware) in firmware {
        acme.run(&[
            "asset",
            "add",
            id,
            "--kind",
            "camera",
            "--vendor",
            vendor,
            "--model",
            model,
            "--firmware",
            firmware,
        ])
        .success();
    }
}

/// CVE-2023-0773 as NVD publishes it bounds eleven Uniview firmware lines, each with its
/// own last affected build and no lower bound: a camera is judged by its own line's bound
/// (built-in pack and imported record alike), and one whose line NVD does not name is to
/// confirm, never affected by another line's bound.
#[test]
fn uniview_firmware_is_judged_by_the_bound_of_its_own_line() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    add_assets(
        &acme,
        "Uniview",
        "IPC322LB-SF28-A",
        &[
            ("U1", "DIPC-B1229.1.70.240101"),
            ("U2", "DIPC-B1213.6.6.240101"),
            ("U3", "CIPC-B2303.2.9.240101"),
            ("U4", "DIPC-B1213.6.5.230215"),
            ("U5", "DIPC-B1299.1.1.230101"),
        ],
    );
    let expected = BTreeSet::from([
        ("U4".to_owned(), "affected".to_owned()),
        ("U5".to_owned(), "unknown".to_owned()),
    ]);
    assert_eq!(verdicts_of(&acme, "CVE-2023-0773"), expected);
    let out = acme.run(&["cve", "match"]).success();
    let (_, group) = out.stdout.split_once("CVE-2023-0773").unwrap();
    let u4 = group
        .lines()
        .find(|line| line.contains("U4:"))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(
        u4.contains("up to dipc-b1213.6.5.230215 included") && !u4.contains("b1216"),
        "the bound of its own line: {u4}"
    );

    nvd_feed(&sandbox, "uniview.json", &["nvd/CVE-2023-0773"]);
    acme.run(&["cve", "import", "uniview.json"]).success();
    assert_eq!(verdicts_of(&acme, "CVE-2023-0773"), expected);
    let applied = acme.run(&["cve", "match", "--apply"]).success();
    let finding = finding_of(&acme, "CVE-2023-0773");
    assert_eq!(
        finding["assets"],
        serde_json::json!(["U4"]),
        "{}",
        applied.stdout
    );
}

/// A Tapo C200 reports `1.1.15 Build 211130 Rel.63627n(4555)`: the release NVD names as the
/// last affected one (CVE-2021-4045), whatever its build says after.
#[test]
fn a_tapo_build_tail_is_the_release_it_follows() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    add_assets(
        &acme,
        "TP-Link",
        "Tapo C200",
        &[
            ("T1", "1.1.15"),
            ("T2", "1.1.15 Build 211130 Rel.63627n(4555)"),
            ("T3", "1.1.14 Build 210809 Rel.53112n(4555)"),
            ("T4", "1.1.16 Build 211209 Rel.37726n(4555)"),
        ],
    );
    let expected =
        BTreeSet::from(["T1", "T2", "T3"].map(|id| (id.to_owned(), "affected".to_owned())));
    assert_eq!(verdicts_of(&acme, "CVE-2021-4045"), expected);
    nvd_feed(&sandbox, "tapo.json", &["nvd/CVE-2021-4045"]);
    acme.run(&["cve", "import", "tapo.json"]).success();
    assert_eq!(verdicts_of(&acme, "CVE-2021-4045"), expected);
}

/// CVE-2023-6895 (tests/fixtures/nvd-more, NVD's configurations as published): a system
/// vulnerable from 3.0.3 to before 4.1.0, running on a list of Hikvision intercoms that its
/// name does not mention. The intercoms' models are kept, to confirm (the system's versions
/// are not their firmware's), and the summary says so.
#[test]
fn a_system_running_on_listed_devices_matches_those_devices_to_confirm() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    add_assets(
        &acme,
        "Hikvision",
        "DS-KH6320-WTE1",
        &[("INT-1", "V2.1.42 build 230220")],
    );
    nvd_feed(&sandbox, "intercoms.json", &["nvd-more/CVE-2023-6895"]);
    let out = acme.run(&["cve", "import", "intercoms.json"]).success();
    assert!(
        out.stdout.contains(
            "\"intercom_broadcast_system\" names no device: matched on the 18 device model(s) \
             it runs on, its versions not compared with their firmware (to confirm)"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(
        verdicts_of(&acme, "CVE-2023-6895"),
        BTreeSet::from([("INT-1".to_owned(), "unknown".to_owned())])
    );
    let entry = sandbox.read("acme/cves/CVE-2023-6895.yaml");
    assert!(entry.contains("  - ds-kh6320-wte1*\n"), "{entry}");
}

/// `args` run with a standard output whose reader is gone (`| head -1` once it has read):
/// the change is committed, and the command ends quietly with 0, no panic.
pub(crate) fn into_a_closed_pipe(sandbox: &Sandbox, args: &[&str]) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = sandbox.command(args).stdout(writer).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{args:?}: {stderr}"
    );
    assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
}

#[test]
fn import_and_apply_into_a_closed_pipe_end_quietly_after_their_commit() {
    let sandbox = Sandbox::new();
    let acme = acme_with_inventory(&sandbox);
    let before = sandbox.subjects("acme").len();
    into_a_closed_pipe(
        &sandbox,
        &["-C", "acme", "cve", "import", &fixture("nvd-excerpt.json")],
    );
    into_a_closed_pipe(&sandbox, &["-C", "acme", "cve", "match", "--apply"]);
    into_a_closed_pipe(&sandbox, &["cve", "check"]);
    let subjects = sandbox.subjects("acme");
    assert!(subjects.len() > before + 1, "{subjects:?}");
    assert!(
        subjects
            .iter()
            .any(|s| s.starts_with("cves: imported nvd-excerpt.json")),
        "{subjects:?}"
    );
    // Nothing left to do: both were done.
    let out = acme.run(&["cve", "match", "--apply"]).success();
    assert!(!out.stdout.contains("new finding"), "{}", out.stdout);
}

/// Words of the matcher's English reasons (its trace and the report's sentence): a French
/// reader meets none of them.
const MATCHER_ENGLISH: &[&str] = &[
    "affected",
    "unknown",
    "model \"",
    "firmware \"",
    "(alias \"",
    "every firmware",
    "no upper bound",
    "no firmware",
    "is not a version",
    "no fixed version",
    "from \"",
    "after \"",
    "up to",
    "before",
    "\" and ",
    "of the line",
    "year release",
    "numbered differently",
    "no build date",
    "build stamp",
    "compare with",
    "not published",
    "advisory",
];

#[track_caller]
pub(crate) fn assert_no_english(text: &str) {
    for word in MATCHER_ENGLISH {
        assert!(!text.contains(word), "English {word:?} in {text:?}");
    }
}

/// The matches of `cve` in `cve match --json`, affected ones then the ones to confirm.
fn matches_of(acme: &InDir, cve: &str) -> Vec<Value> {
    let report = acme.json(&["cve", "match", "--json"]);
    let entry = report["cves"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["id"] == cve)
        .unwrap_or_else(|| panic!("{cve} in {report}"))
        .clone();
    ["affected", "unknown"]
        .iter()
        .flat_map(|list| entry[list].as_array().unwrap().clone())
        .collect()
}

/// CVE-2021-33044 as NVD publishes it (tests/fixtures/nvd, a copy of the record NVD serves),
/// imported into a French and an English engagement, against two Dahua cameras as their
/// web pages report themselves: one in NVD's range, one of the fixed release without a
/// build date (to confirm). Whatever a person reads of the match is in the engagement's
/// language — `cve match`, the sentences of its JSON, the finding `--apply` writes — and the
/// JSON's grounds are the same values in both. Where the camera to confirm is read without
/// the JSON (`cve match`'s line, the finding's list of assets to confirm), it says why: its
/// firmware has no build date to compare with the bound's.
#[test]
fn match_reasons_speak_the_engagements_language_on_a_real_nvd_record() {
    let sandbox = Sandbox::new();
    nvd_feed(&sandbox, "nvdcve.json", &["nvd/CVE-2021-33044"]);
    let mut grounds = Vec::new();
    for (lang, expected) in [
        (
            "fr",
            [
                "dahua (alias «\u{a0}dahua\u{a0}»), modèle «\u{a0}DH-IPC-HFW3441E-AS\u{a0}» ~ \
                 «\u{a0}ipc-h??3???*\u{a0}», version de firmware «\u{a0}V2.800.0000000.16.R, \
                 Build Date: 2021-03-10\u{a0}» < «\u{a0}2.800.0000000.29.r.210630\u{a0}» → \
                 concerné",
                "dahua (alias «\u{a0}dahua\u{a0}»), modèle «\u{a0}IPC-HDW3441TM-AS\u{a0}» ~ \
                 «\u{a0}ipc-h??3???*\u{a0}», la version de firmware «\u{a0}2.800.0000000.29.R\u{a0}» \
                 est celle de la borne «\u{a0}2.800.0000000.29.r.210630\u{a0}», mais n'a pas de \
                 date de compilation à comparer avec 2021-06-30 → à confirmer",
                "\n  concerné     CAM-01\u{a0}: DH-IPC-HFW3441E-AS, firmware V2.800.0000000.16.R, \
                 Build Date: 2021-03-10\u{a0}; versions concernées\u{a0}: antérieures à \
                 2.800.0000000.29.r.210630.\n",
                "- CAM-01\u{a0}: DH-IPC-HFW3441E-AS, firmware V2.800.0000000.16.R, Build Date: \
                 2021-03-10\u{a0}; versions concernées\u{a0}: antérieures à \
                 2.800.0000000.29.r.210630.",
                "\n  à confirmer  CAM-02\u{a0}: IPC-HDW3441TM-AS, firmware 2.800.0000000.29.R\u{a0}; \
                 versions concernées\u{a0}: antérieures à 2.800.0000000.29.r.210630\u{a0}; \
                 impossible de conclure\u{a0}: la version de firmware «\u{a0}2.800.0000000.29.R\u{a0}» \
                 est celle de la borne «\u{a0}2.800.0000000.29.r.210630\u{a0}», mais n'a pas de date \
                 de compilation à comparer avec 2021-06-30.\n",
                "- CAM-02\u{a0}: IPC-HDW3441TM-AS, firmware 2.800.0000000.29.R\u{a0}; versions \
                 concernées\u{a0}: antérieures à 2.800.0000000.29.r.210630\u{a0}; impossible de \
                 conclure\u{a0}: la version de firmware «\u{a0}2.800.0000000.29.R\u{a0}» est celle \
                 de la borne «\u{a0}2.800.0000000.29.r.210630\u{a0}», mais n'a pas de date de \
                 compilation à comparer avec 2021-06-30.",
            ],
        ),
        (
            "en",
            [
                "dahua (alias \"dahua\"), model \"DH-IPC-HFW3441E-AS\" ~ \"ipc-h??3???*\", firmware \
                 \"V2.800.0000000.16.R, Build Date: 2021-03-10\" < \"2.800.0000000.29.r.210630\" → \
                 affected",
                "dahua (alias \"dahua\"), model \"IPC-HDW3441TM-AS\" ~ \"ipc-h??3???*\", firmware \
                 \"2.800.0000000.29.R\" is the release of bound \"2.800.0000000.29.r.210630\" but \
                 has no build date to compare with 2021-06-30 → unknown",
                "\n  affected  CAM-01: DH-IPC-HFW3441E-AS, firmware V2.800.0000000.16.R, Build \
                 Date: 2021-03-10; affected versions: before 2.800.0000000.29.r.210630.\n",
                "- CAM-01: DH-IPC-HFW3441E-AS, firmware V2.800.0000000.16.R, Build Date: \
                 2021-03-10; affected versions: before 2.800.0000000.29.r.210630.",
                "\n  unknown   CAM-02: IPC-HDW3441TM-AS, firmware 2.800.0000000.29.R; affected \
                 versions: before 2.800.0000000.29.r.210630; cannot tell: firmware \
                 \"2.800.0000000.29.R\" is the release of bound \"2.800.0000000.29.r.210630\" but \
                 has no build date to compare with 2021-06-30.\n",
                "- CAM-02: IPC-HDW3441TM-AS, firmware 2.800.0000000.29.R; affected versions: before \
                 2.800.0000000.29.r.210630; cannot tell: firmware \"2.800.0000000.29.R\" is the \
                 release of bound \"2.800.0000000.29.r.210630\" but has no build date to compare \
                 with 2021-06-30.",
            ],
        ),
    ] {
        let name = format!("acme-{lang}");
        let acme = sandbox.init(&name).lang(lang).create();
        add_assets(
            &acme,
            "Dahua",
            "DH-IPC-HFW3441E-AS",
            &[("CAM-01", "V2.800.0000000.16.R, Build Date: 2021-03-10")],
        );
        add_assets(
            &acme,
            "Dahua",
            "IPC-HDW3441TM-AS",
            &[("CAM-02", "2.800.0000000.29.R")],
        );
        acme.run(&["cve", "import", "nvdcve.json"]).success();
        let [
            affected,
            unknown,
            line,
            sentence,
            confirm_line,
            confirm_sentence,
        ] = expected;

        let found = matches_of(&acme, "CVE-2021-33044");
        let reasons: Vec<&str> = found
            .iter()
            .map(|m| m["reason"].as_str().unwrap())
            .collect();
        assert_eq!(reasons, [affected, unknown], "{lang}");
        for m in &found {
            let range = &m["ranges"][0];
            let detail = range["detail"].as_str().unwrap();
            assert!(m["reason"].as_str().unwrap().contains(detail), "{m}");
            if lang == "fr" {
                assert_no_english(detail);
            }
        }
        // Scripts read the grounds, the same in every language.
        grounds.push(
            found
                .iter()
                .map(|m| m["ranges"][0]["why"].clone())
                .collect::<Vec<_>>(),
        );

        let out = acme.run(&["cve", "match"]).success().stdout;
        assert!(out.contains(line), "{out}");
        // The one to confirm says why the pack cannot decide: what to check on site.
        assert!(out.contains(confirm_line), "{out}");

        acme.run(&["cve", "match", "--apply"]).success();
        let finding = finding_of(&acme, "CVE-2021-33044");
        let id = finding["id"].as_str().unwrap();
        let file = sandbox.read(&format!("{name}/findings/{id}.yaml"));
        assert!(file.contains(sentence), "{file}");
        let description = finding["description"].as_str().unwrap();
        assert!(description.contains(confirm_sentence), "{description}");
        assert_eq!(finding["assets"], serde_json::json!(["CAM-01"]));
        if lang == "fr" {
            for reason in &reasons {
                assert_no_english(reason);
            }
            assert_no_english(&out);
            let description = file.split("\ncves:").next().unwrap();
            assert_no_english(description);
        }
    }
    assert_eq!(grounds[0], grounds[1]);
    assert_eq!(
        grounds[0][1],
        serde_json::json!({
            "kind": "uncomparable",
            "because": "no_build_date",
            "firmware": "2.800.0000000.29.R",
            "bound": "2.800.0000000.29.r.210630",
            "build": "2021-06-30",
        })
    );
}
