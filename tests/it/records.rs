//! Findings, the action plan and the asset inventory through the real binary: the files they
//! write, the commits they make (checked with the `git` command line), the order of the
//! lists, CSV imports, two clones merged with git, and bad inputs that change nothing.

// Test helpers: a failure to run or to read is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;

use serde_json::Value;

use crate::common::{InDir, JEANNE, Sandbox, fixture, says};

/// CVE-2021-36260 (NVD): 9.8, critical.
const HIKVISION: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
/// Exactly 7.0: high, and not critical (critical is above 7.0).
const SEVEN: &str = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:L";
/// 3.9, low.
const LOW: &str = "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:L/A:L";
/// 5.3, medium.
const MEDIUM: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N";

fn finding(acme: &InDir, title: &str, domain: &str, vector: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "finding", "add", "--title", title, "--domain", domain, "--cvss", vector,
    ];
    args.extend_from_slice(extra);
    acme.run(&args).created()
}

fn action(acme: &InDir, title: &str, addresses: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "action",
        "add",
        "--title",
        title,
        "--addresses",
        addresses,
        "--complexity",
        "low",
        "--owner",
        "client",
    ];
    args.extend_from_slice(extra);
    acme.run(&args).created()
}

#[test]
fn asset_add_updates_a_known_id_and_says_so_and_rm_removes_it() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    let out = acme
        .run(&[
            "asset",
            "add",
            "CAM-012",
            "--kind",
            "camera",
            "--vendor",
            "Hikvision",
            "--model",
            "DS-2CD2143G0-I",
            "--firmware",
            "V5.5.0",
            "--address",
            "10.20.0.12",
            "--location",
            "Quai 3",
        ])
        .success();
    assert!(
        out.stdout.starts_with("enregistré assets: CAM-012 added ["),
        "{}",
        out.stdout
    );
    assert_eq!(
        sandbox.read("acme/assets.yaml"),
        "- id: CAM-012\n  kind: camera\n  vendor: Hikvision\n  model: DS-2CD2143G0-I\n  firmware: V5.5.0\n  address: \"10.20.0.12\"\n  location: Quai 3\n"
    );

    let out = acme
        .run(&["asset", "add", "cam-012", "--firmware", "V5.5.800"])
        .success();
    assert!(
        out.stdout
            .starts_with("enregistré assets: CAM-012 updated (firmware) ["),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("(l'équipement était déjà à l'inventaire\u{a0}: mis à jour)"),
        "{}",
        out.stdout
    );
    let out = acme
        .run(&["asset", "add", "CAM-012", "--firmware", "V5.5.800"])
        .success();
    assert_eq!(out.stdout.trim(), "inventaire\u{a0}: CAM-012 inchangé");

    acme.run(&["asset", "add", "NVR-01", "--kind", "nvr"])
        .success();
    let list = acme.json(&["asset", "list", "--json"]);
    assert_eq!(list["assets"][0]["firmware"], "V5.5.800");
    assert_eq!(list["assets"][0]["vendor"], "Hikvision", "kept");
    assert_eq!(list["assets"][1]["id"], "NVR-01");
    let table = acme.run(&["asset", "list"]).success().stdout;
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("CAM-012  caméra IP  Hikvision")),
        "{table}"
    );
    assert!(
        table.starts_with(
            "ID       TYPE       CONSTRUCTEUR  MODÈLE          FIRMWARE  ADRESSE     EMPLACEMENT  VULNÉRABILITÉS\n"
        ),
        "{table}"
    );
    assert!(table.ends_with("\n2 équipement(s).\n"), "{table}");

    acme.run(&["asset", "rm", "CAM-012"]).success();
    assert_eq!(
        sandbox.subjects("acme")[..4],
        [
            "assets: CAM-012 removed",
            "assets: NVR-01 added",
            "assets: CAM-012 updated (firmware)",
            "assets: CAM-012 added",
        ]
    );
    assert_eq!(
        sandbox.read("acme/assets.yaml"),
        "- id: NVR-01\n  kind: nvr\n"
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn csv_import_adds_assets_then_a_re_import_updates_them_by_id() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    let out = acme
        .run(&["asset", "import", &fixture("cameras.csv")])
        .success();
    assert!(
        out.stdout
            .starts_with("enregistré assets: imported cameras.csv (5 added, 0 updated) ["),
        "{}",
        out.stdout
    );
    let assets = acme.json(&["asset", "list", "--json"]);
    let ids: Vec<&str> = assets["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["CAM-001", "CAM-012", "CAM-040", "NVR-01", "VMS-SRV-01"]
    );
    assert_eq!(
        assets["assets"][2]["location"],
        "Entrée principale, côté nord"
    );
    assert_eq!(assets["assets"][3]["kind"], "nvr", "kinds in any case");

    // A French spreadsheet export: semicolons, no kind for known assets, a new switch.
    let out = acme
        .run(&["asset", "import", &fixture("cameras-update.csv")])
        .success();
    assert!(
        out.stdout
            .starts_with("enregistré assets: imported cameras-update.csv (1 added, 1 updated) ["),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("2 ligne(s) inchangée(s)"),
        "{}",
        out.stdout
    );
    let assets = acme.json(&["asset", "list", "--json"]);
    let cam = &assets["assets"][0];
    assert_eq!(cam["firmware"], "V5.5.800 build 230807");
    assert_eq!(cam["notes"], "Patched on 2026-02-10");
    assert_eq!(
        cam["vendor"], "Hikvision",
        "a column absent from the file is kept"
    );
    let ids: Vec<&str> = assets["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(
        ids, sorted,
        "the inventory stays in id order, new assets in their place"
    );
    assert!(ids.contains(&"SW-CORE"));

    let out = acme
        .run(&["asset", "import", &fixture("cameras-update.csv")])
        .success();
    assert_eq!(
        out.stdout.trim(),
        "inventaire\u{a0}: cameras-update.csv ne change rien (4 actif(s) inchangé(s))"
    );
    assert_eq!(
        sandbox.subjects("acme")[..2],
        [
            "assets: imported cameras-update.csv (1 added, 1 updated)",
            "assets: imported cameras.csv (5 added, 0 updated)",
        ]
    );
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn a_bad_csv_file_reports_every_bad_line_and_imports_nothing() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    acme.run(&["asset", "add", "CAM-001", "--kind", "camera"])
        .success();
    fs::write(
        sandbox.path("bad.csv"),
        "id,kind,vendor\nCAM-002,camera,Axis\nCAM-003,ptz,Axis\n,camera,Axis\nCAM-002,camera,Bosch\nCAM-004,,Axis\nCAM-001,,Hikvision\n",
    )
    .unwrap();
    let stderr = acme.refused(
        &["asset", "import", "bad.csv"],
        "erreur\u{a0}: 4 problèmes\u{a0}:",
    );
    let lines: Vec<&str> = stderr.lines().skip(1).collect();
    assert!(
        lines[0].starts_with(
            "bad.csv:3: `ptz` n'est pas un type d'équipement\u{a0}: donnez camera, nvr"
        ),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("bad.csv:4: l'identifiant est vide"),
        "{stderr}"
    );
    assert!(
        lines[2].starts_with("bad.csv:5: l'équipement `CAM-002` figure aussi ligne 2"),
        "{stderr}"
    );
    assert!(
        lines[3].starts_with(
            "bad.csv:6: `CAM-004` n'est pas encore dans l'inventaire et n'a pas de type"
        ),
        "{stderr}"
    );
    assert_eq!(
        lines.len(),
        4,
        "CAM-001 is known, so needs no kind: {stderr}"
    );

    fs::write(
        sandbox.path("columns.csv"),
        "ID,Kind,Serial,IP\nCAM-9,camera,x,y\n",
    )
    .unwrap();
    acme.refused(&["asset", "import", "columns.csv"],
        "columns.csv:1: colonne(s) inconnue(s)\u{a0}: `Serial` (colonne 3), `IP` (colonne 4) — les colonnes connues sont id, kind, vendor, model, firmware, address, location, notes",
    );
    fs::write(sandbox.path("noid.csv"), "kind,vendor\ncamera,Axis\n").unwrap();
    acme.refused(
        &["asset", "import", "noid.csv"],
        "noid.csv:1: l'en-tête n'a pas de colonne `id`",
    );
    fs::write(sandbox.path("ragged.csv"), "id,kind\nCAM-5,camera,extra\n").unwrap();
    acme.refused(
        &["asset", "import", "ragged.csv"],
        "ragged.csv:2: la ligne a 3\u{a0}cellule(s), l'en-tête 2",
    );
    fs::write(sandbox.path("empty.csv"), "").unwrap();
    acme.refused(
        &["asset", "import", "empty.csv"],
        "empty.csv:1: le fichier est vide",
    );
    acme.refused(
        &["asset", "import", "missing.csv"],
        "missing.csv: ce fichier n'existe pas",
    );
}

#[test]
fn finding_add_writes_one_file_and_commits_its_severity_and_score() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    acme.run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    fs::write(sandbox.path("poc.txt"), "uid=0(root)").unwrap();
    let out = acme
        .run(&[
            "finding",
            "add",
            "--title",
            "Unauthenticated command injection on cameras",
            "--domain",
            "upd",
            "--control",
            "UPD-02",
            "--cve",
            "CVE-2021-36260",
            "--cvss",
            HIKVISION,
            "--cvss-source",
            "nvd",
            "--remote-takeover",
            "--asset",
            "CAM-012",
            "--description",
            "The web server runs commands sent to `/SDK/webLanguage`.",
            "--evidence",
            "poc.txt",
            "--evidence-note",
            "PoC output",
        ])
        .success();
    let id = out.stdout["enregistré ".len()..][..8].to_owned();
    assert!(
        id.starts_with("F-")
            && id[2..]
                .chars()
                .all(|c| "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c)),
        "{id}"
    );
    let subject = format!(
        "{id}: new finding \"Unauthenticated command injection on cameras\" (critical, CVSS 9.8)"
    );
    assert!(
        out.stdout.starts_with(&format!("enregistré {subject} [")),
        "{}",
        out.stdout
    );

    let record = sandbox.read(&format!("acme/findings/{id}.yaml"));
    assert!(
        record.starts_with(&format!(
            "id: {id}\ntitle: Unauthenticated command injection on cameras\ndomain: UPD\ncontrols:\n- UPD-02\n"
        )),
        "{record}"
    );
    for line in [
        "- CVE-2021-36260\n",
        &format!("cvss: {HIKVISION}\n"),
        "cvss_source: nvd\n",
        "remote_takeover: true\n",
        "assets:\n- CAM-012\n",
        &format!("- path: evidence/{id}/poc.txt\n"),
        "  note: PoC output\n",
        "status: open\n",
        "created_by: Jeanne Martin <jm@example.org>\n",
        "created_at: \"2026-02-03T10:00:00Z\"\n",
    ] {
        assert!(record.contains(line), "{line:?} in {record}");
    }
    // The grid's recommendation for UPD-02, in the engagement's language (French).
    let grid = vmsaudit::grid::builtin::grid().unwrap();
    let (_, control) = grid.control("UPD-02").unwrap();
    let expected = control
        .recommendation
        .as_ref()
        .unwrap()
        .get(vmsaudit::grid::Lang::Fr)
        .trim();
    let list = acme.json(&["finding", "list", "--json"]);
    assert_eq!(list["findings"][0]["recommendation"], expected);
    assert_eq!(
        fs::read_to_string(sandbox.path(&format!("acme/evidence/{id}/poc.txt"))).unwrap(),
        "uid=0(root)"
    );

    assert_eq!(sandbox.subjects("acme")[0], subject);
    let files = sandbox.git("acme", &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(
        files.trim(),
        format!("evidence/{id}/poc.txt\nfindings/{id}.yaml")
    );
    assert_eq!(
        sandbox
            .git("acme", &["log", "-1", "--format=%an <%ae>"])
            .trim(),
        JEANNE
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    sandbox.git("acme", &["fsck", "--strict"]);

    // Rated by hand, its domain taken from its control; the default source is the auditor.
    let by_hand = acme
        .run(&[
            "finding",
            "add",
            "--title",
            "Shared operator account",
            "--control",
            "acc-01",
            "--severity",
            "medium",
            "--justification",
            "Only reachable from the video VLAN",
            "--recommendation",
            "Give each operator an account.",
        ])
        .created();
    assert!(
        sandbox.subjects("acme")[0]
            .ends_with("new finding \"Shared operator account\" (medium, rated by hand)"),
        "{:?}",
        sandbox.subjects("acme")
    );
    let record = sandbox.read(&format!("acme/findings/{by_hand}.yaml"));
    assert!(
        record.contains("domain: ACC\ncontrols:\n- ACC-01\n"),
        "{record}"
    );
    assert!(record.contains("severity: medium\n"), "{record}");
    assert!(
        record.contains("recommendation: Give each operator an account.\n"),
        "{record}"
    );
    let auditor = finding(&acme, "Telnet open", "NET", MEDIUM, &[]);
    let record = sandbox.read(&format!("acme/findings/{auditor}.yaml"));
    assert!(record.contains("cvss_source: auditor\n"), "{record}");
}

#[test]
fn finding_edit_commits_what_changed_and_nothing_when_nothing_did() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    let id = finding(&acme, "Telnet open on the NVR", "NET", MEDIUM, &[]);
    acme.run(&[
        "finding",
        "edit",
        &id,
        "--cvss",
        SEVEN,
        "--cvss-source",
        "vendor",
        "--cve",
        "CVE-2017-7921",
    ])
    .success();
    acme.run(&["finding", "edit", &id.to_lowercase(), "--remote-takeover"])
        .success();
    acme.run(&[
        "finding",
        "edit",
        &id,
        "--status",
        "accepted",
        "--reason",
        "NVR replaced in March",
    ])
    .success();
    let out = acme
        .run(&["finding", "edit", &id, "--status", "accepted"])
        .success();
    assert_eq!(out.stdout.trim(), format!("{id}\u{a0}: rien à modifier"));
    acme.run(&[
        "finding",
        "edit",
        &id,
        "--no-cvss",
        "--severity",
        "low",
        "--justification",
        "Isolated VLAN",
        "--status",
        "open",
    ])
    .success();
    assert_eq!(
        sandbox.subjects("acme")[..4],
        [
            // Still critical: the remote takeover stays.
            format!(
                "{id}: CVSS removed (was 7.0), severity low by hand, status open (was accepted)"
            ),
            format!("{id}: status accepted (was open)"),
            format!("{id}: remote takeover set, now critical"),
            format!(
                "{id}: CVE-2017-7921 added, CVSS 7.0 (was 5.3), CVSS source vendor (was auditor)"
            ),
        ]
    );
    let record = sandbox.read(&format!("acme/findings/{id}.yaml"));
    assert!(!record.contains("cvss"), "{record}");
    assert!(
        !record.contains("status_reason"),
        "the old reason went with the old status: {record}"
    );
    assert!(
        record.contains("severity_justification: Isolated VLAN\n"),
        "{record}"
    );
}

#[test]
fn a_finding_is_removed_only_once_no_action_addresses_it() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    acme.run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    let id = finding(
        &acme,
        "Default password",
        "ACC",
        HIKVISION,
        &["--asset", "CAM-012"],
    );
    let first = action(&acme, "Change passwords", &id, &[]);
    let second = action(&acme, "Disable the account", &id, &[]);
    let stderr = acme.refused(
        &["finding", "rm", &id],
        &format!("la vulnérabilité {id} est traitée par 2 action(s)\u{a0}: "),
    );
    assert!(
        stderr.contains(&first) && stderr.contains(&second),
        "{stderr}"
    );
    let stderr = acme.refused(
        &["asset", "rm", "CAM-012"],
        &format!(
            "l'équipement CAM-012 est cité par 1 vulnérabilité(s)\u{a0}: {id} \"Default password\""
        ),
    );
    assert!(stderr.contains("--no-assets"), "{stderr}");

    acme.run(&["action", "rm", &first]).success();
    acme.run(&["action", "rm", &second]).success();
    acme.run(&["finding", "rm", &id]).success();
    acme.run(&["asset", "rm", "CAM-012"]).success();
    assert_eq!(
        sandbox.subjects("acme")[..4],
        [
            "assets: CAM-012 removed".to_owned(),
            format!("{id}: finding removed (\"Default password\")"),
            format!("{second}: action removed (\"Disable the account\")"),
            format!("{first}: action removed (\"Change passwords\")"),
        ]
    );
    assert!(!sandbox.path(&format!("acme/findings/{id}.yaml")).exists());
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn action_add_and_edit_write_the_plan_and_say_what_changed() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    let rce = finding(
        &acme,
        "Command injection",
        "UPD",
        HIKVISION,
        &["--remote-takeover"],
    );
    let out = acme
        .run(&[
            "action",
            "add",
            "--title",
            "Update camera firmware to V5.5.800",
            "--addresses",
            &rce.to_lowercase(),
            "--complexity",
            "low",
            "--owner",
            "manufacturer",
            "--cost",
            "0 € (warranty)",
            "--amount",
            "1 250,50",
            "--currency",
            "eur",
        ])
        .success();
    let id = out.stdout["enregistré ".len()..][..8].to_owned();
    assert!(id.starts_with("A-"), "{}", out.stdout);
    assert!(
        out.stdout.starts_with(&format!(
            "enregistré {id}: new action \"Update camera firmware to V5.5.800\" for {rce} (critical, due immediately) ["
        )),
        "{}",
        out.stdout
    );
    let record = sandbox.read(&format!("acme/actions/{id}.yaml"));
    assert_eq!(
        record,
        format!(
            "id: {id}\ntitle: Update camera firmware to V5.5.800\ndescription: \"\"\naddresses:\n- {rce}\ncomplexity: low\ncost: 0 € (warranty)\ncost_amount: 1250.5\ncurrency: EUR\nowner: manufacturer\nstatus: open\ncreated_by: Jeanne Martin <jm@example.org>\ncreated_at: \"2026-02-03T10:00:00Z\"\n"
        )
    );

    acme.run(&[
        "action",
        "edit",
        &id,
        "--deadline",
        "2026-03-15",
        "--owner",
        "firm",
    ])
    .success();
    acme.run(&["action", "edit", &id, "--status", "in-progress"])
        .success();
    acme.run(&["action", "edit", &id, "--status", "done"])
        .success();
    let out = acme
        .run(&["action", "edit", &id, "--status", "done"])
        .success();
    assert_eq!(out.stdout.trim(), format!("{id}\u{a0}: rien à modifier"));
    acme.run(&["action", "edit", &id, "--no-amount", "--no-deadline"])
        .success();
    assert_eq!(
        sandbox.subjects("acme")[..4],
        [
            format!("{id}: amount none (was 1250.50 EUR), deadline removed (was 2026-03-15)"),
            format!("{id}: status done (was in_progress)"),
            format!("{id}: status in_progress (was open)"),
            format!("{id}: owner firm (was manufacturer), deadline 2026-03-15 (was none)"),
        ]
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn lists_put_critical_findings_and_actions_first_then_grid_domain_order() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    let net_seven = finding(
        &acme,
        "Video VLAN reachable from the office",
        "NET",
        SEVEN,
        &[],
    );
    let takeover = finding(
        &acme,
        "VPN appliance takeover",
        "REM",
        LOW,
        &["--remote-takeover"],
    );
    let rce = finding(
        &acme,
        "Command injection",
        "UPD",
        HIKVISION,
        &["--cve", "CVE-2021-36260"],
    );
    let medium = finding(&acme, "Verbose banner", "ACC", MEDIUM, &[]);
    let acc_seven = finding(&acme, "Weak admin password", "ACC", SEVEN, &[]);

    let list = acme.json(&["finding", "list", "--json"]);
    let findings = list["findings"].as_array().unwrap();
    let order: Vec<&str> = findings.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(order, [&rce, &takeover, &acc_seven, &net_seven, &medium]);
    let critical: Vec<bool> = findings
        .iter()
        .map(|f| f["criticality"]["critical"].as_bool().unwrap())
        .collect();
    assert_eq!(
        critical,
        [true, true, false, false, false],
        "7.0 is not critical, a low takeover is"
    );
    assert_eq!(findings[2]["criticality"]["base_score"], 7.0);
    assert_eq!(findings[2]["criticality"]["severity"], "high");
    assert_eq!(findings[1]["criticality"]["severity"], "low");
    assert_eq!(findings[0]["cvss_version"], "3.1");
    assert_eq!(findings[0]["cves"][0], "CVE-2021-36260");

    let table = acme.run(&["finding", "list"]).success().stdout;
    assert!(
        table.starts_with(
            "ID        !    CRITICITÉ  CVSS  DOMAINE  STATUT  CVE             TITRE\n"
        ),
        "{table}"
    );
    let rows: Vec<&str> = table.lines().skip(1).take(5).collect();
    assert!(
        rows[0].starts_with(&format!("{rce}  [!]  Critique    9,8  UPD      ouvert  ")),
        "{table}"
    );
    assert!(
        rows[0].contains("CVE-2021-36260  Command injection"),
        "{table}"
    );
    assert!(
        rows[1].starts_with(&format!("{takeover}  [!]  Faible      3,9  REM")),
        "{table}"
    );
    assert!(
        rows[2].starts_with(&format!("{acc_seven}       Élevée      7,0  ACC")),
        "{table}"
    );
    assert!(
        table.contains(
            "5 vulnérabilité(s) ou écart(s), dont 2 critique(s) ([!]\u{a0}: CVSS supérieur à 7,0"
        ),
        "{table}"
    );

    let a_net = action(
        &acme,
        "Filter the video VLAN",
        &net_seven,
        &["--amount", "800.50", "--currency", "EUR"],
    );
    let a_takeover = action(&acme, "Patch the VPN", &takeover, &[]);
    let a_rce = action(
        &acme,
        "Update firmware",
        &rce,
        &["--deadline", "2026-01-10"],
    );
    let a_acc = action(
        &acme,
        "Rotate passwords",
        &acc_seven,
        &["--amount", "1200", "--currency", "EUR"],
    );
    let a_medium = acme
        .run(&[
            "action",
            "add",
            "--title",
            "Hide the banner",
            "--addresses",
            &medium,
            "--complexity",
            "moderate",
            "--owner",
            "firm",
            "--amount",
            "300",
            "--currency",
            "EUR",
            "--deadline",
            "2026-06-30",
        ])
        .created();

    let plan = acme.json(&["action", "list", "--json"]);
    assert_eq!(plan["today"], "2026-02-03");
    let actions = plan["actions"].as_array().unwrap();
    let order: Vec<&str> = actions
        .iter()
        .map(|a| a["action"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, [&a_rce, &a_takeover, &a_acc, &a_net, &a_medium]);
    let immediate: Vec<bool> = actions
        .iter()
        .map(|a| a["immediate"].as_bool().unwrap())
        .collect();
    assert_eq!(immediate, [true, true, false, false, false]);
    let due: Vec<&Value> = actions.iter().map(|a| &a["due"]).collect();
    assert_eq!(
        due,
        [
            &Value::from("2026-01-10"),
            &Value::from("immediate"),
            &Value::Null,
            &Value::Null,
            &Value::from("2026-06-30")
        ]
    );
    let overdue: Vec<bool> = actions
        .iter()
        .map(|a| a["overdue"].as_bool().unwrap())
        .collect();
    assert_eq!(overdue, [true, false, false, false, false]);
    assert_eq!(actions[1]["criticality"]["severity"], "low");
    assert_eq!(actions[2]["domain"], "ACC");
    let totals: Vec<String> = plan["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{} {} {} {}",
                t["owner"], t["currency"], t["amount"], t["actions"]
            )
        })
        .collect();
    assert_eq!(
        totals,
        ["\"client\" \"EUR\" 2000.5 2", "\"firm\" \"EUR\" 300 1"]
    );

    // The engagement is French: headers, values, dates and amounts read French.
    let table = acme.run(&["action", "list"]).success().stdout;
    assert!(
        table.starts_with("ID        !    CRITICITÉ              ÉCHÉANCE "),
        "{table}"
    );
    let first = table.lines().nth(1).unwrap();
    assert!(
        first.starts_with(&format!("{a_rce}  [!]  Critique 9,8")),
        "{table}"
    );
    assert!(
        first.contains("10 janvier 2026 EN RETARD  Client       à faire"),
        "{table}"
    );
    let second = table.lines().nth(2).unwrap();
    assert!(
        second.contains("Critique (Faible 3,9)") && second.contains("immédiate"),
        "{table}"
    );
    assert!(
        table.contains(
            "5 action(s)\u{a0}: 2 en traitement immédiat ([!]), 1 en retard (nous sommes le 3 février 2026)."
        ),
        "{table}"
    );
    assert!(
        table.contains("Coût estimé (hors actions abandonnées)\u{a0}:\n"),
        "{table}"
    );
    assert!(
        table.contains("  Client\u{a0}: 2\u{202f}000,50 EUR (2 action(s))"),
        "{table}"
    );
    assert!(
        table.contains("  Audit & Co\u{a0}: 300,00 EUR (1 action(s))"),
        "{table}"
    );

    // Done, the critical action keeps its place but loses its flag, and is no longer overdue.
    acme.run(&["action", "edit", &a_rce, "--status", "done"])
        .success();
    let plan = acme.json(&["action", "list", "--json"]);
    assert_eq!(plan["actions"][0]["action"]["id"], a_rce.as_str());
    assert_eq!(plan["actions"][0]["immediate"], false);
    assert_eq!(plan["actions"][0]["overdue"], false);
}

#[test]
fn two_clones_add_records_independently_and_merge_without_collision() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    acme.run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    let bob = sandbox.clone_for_bob("acme");

    let mut mine = Vec::new();
    let mut theirs = Vec::new();
    for n in 0..3 {
        let f = finding(
            &acme,
            &format!("Jeanne's finding {n}"),
            "ACC",
            MEDIUM,
            &["--asset", "CAM-012"],
        );
        mine.push(action(&acme, &format!("Jeanne's action {n}"), &f, &[]));
        mine.push(f);
        let f = bob
            .run(&[
                "finding",
                "add",
                "--title",
                &format!("Bob's finding {n}"),
                "--domain",
                "NET",
                "--severity",
                "high",
                "--justification",
                "flat network",
            ])
            .created();
        theirs.push(
            bob.run(&[
                "action",
                "add",
                "--title",
                &format!("Bob's action {n}"),
                "--addresses",
                &f,
                "--complexity",
                "high",
                "--owner",
                "firm",
            ])
            .created(),
        );
        theirs.push(f);
    }
    assert_eq!(
        sandbox.git("bob", &["log", "-1", "--format=%an"]).trim(),
        "Bob Durand"
    );
    sandbox.git(
        "acme",
        &["pull", "-q", "--no-rebase", "--no-edit", "../bob", "main"],
    );
    sandbox.git("acme", &["fsck", "--strict"]);
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");

    acme.run(&["status"]).success();
    let findings = acme.json(&["finding", "list", "--json"]);
    assert_eq!(findings["findings"].as_array().unwrap().len(), 6);
    let plan = acme.json(&["action", "list", "--json"]);
    let mut ids: Vec<String> = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"]["id"].as_str().unwrap().to_owned())
        .chain(
            findings["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_str().unwrap().to_owned()),
        )
        .collect();
    ids.sort();
    let mut expected: Vec<String> = mine.into_iter().chain(theirs).collect();
    expected.sort();
    assert_eq!(
        ids, expected,
        "every record of both clones, none lost or overwritten"
    );
    // And the merged engagement still takes changes.
    let f = finding(&acme, "After the merge", "LOG", LOW, &[]);
    acme.run(&["finding", "rm", &f]).success();
}

#[test]
fn bad_record_commands_are_refused_and_change_nothing() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    acme.run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    let f = finding(&acme, "Kept", "ACC", MEDIUM, &[]);
    let a = action(&acme, "Kept", &f, &[]);
    let add = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = ["finding", "add", "--title", "New", "--domain", "ACC"]
            .map(String::from)
            .to_vec();
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        args
    };
    let refuse = |args: Vec<String>, message: &str| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        acme.refused(&args, message);
    };
    // The parsers' English words (their French is checked by
    // `cli::a_command_line_that_does_not_parse_is_refused_in_the_engagements_language`).
    let refuse_by_clap = |args: Vec<String>, message: &str| {
        let mut all = vec!["--lang", "en"];
        all.extend(args.iter().map(String::as_str));
        acme.refused_by_clap(&all, message);
    };

    // CVSS vectors and CVE ids
    refuse_by_clap(
        add(&["--cvss", "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"]),
        "`AV:Q` is not a valid value for Attack Vector (use N, A, L or P)",
    );
    refuse_by_clap(
        add(&["--cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H"]),
        "metric `A` is missing",
    );
    refuse_by_clap(
        add(&["--cvss", "AV:N/AC:L/Au:N/C:P/I:P/A:P"]),
        "is a CVSS 2 vector",
    );
    refuse_by_clap(
        add(&["--cvss", "CVSS:4.0/AV:N"]),
        "metric `AC` (Attack Complexity) is missing: a CVSS 4.0 vector needs all eleven base metrics",
    );
    refuse_by_clap(
        add(&[
            "--cvss",
            "CVSS:4.0/AV:N/AC:L/AT:X/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        ]),
        "`AT:X` is not a valid value for Attack Requirements (use N or P)",
    );
    refuse_by_clap(
        add(&["--cvss", "CVSS:2.0/AV:N"]),
        "is not a supported CVSS version",
    );
    refuse_by_clap(
        add(&["--cvss", HIKVISION, "--cvss-source", "shodan"]),
        "`shodan` is not a vector source: use nvd, vendor, third-party or auditor",
    );
    refuse_by_clap(
        add(&["--cvss", HIKVISION, "--cve", "CVE-21-36260"]),
        "`CVE-21-36260` is not a CVE id",
    );
    // Severity by hand
    refuse(
        add(&[]),
        "`--severity`\u{a0}: la vulnérabilité n'a ni vecteur CVSS ni criticité",
    );
    refuse(
        add(&["--severity", "high"]),
        "`--justification`\u{a0}: une criticité fixée à la main doit être justifiée",
    );
    refuse_by_clap(add(&["--severity", "urgent"]), "`urgent` is not a severity");
    refuse(
        add(&["--cvss", HIKVISION, "--severity", "low"]),
        "`--severity`\u{a0}: la criticité `low` est fixée à la main, mais le vecteur la donne (9.8 → critical)",
    );
    // What a finding names
    refuse(
        add(&["--cvss", MEDIUM, "--control", "UPD-2"]),
        "vouliez-vous dire UPD-02\u{a0}?",
    );
    refuse(
        vec![
            "finding".into(),
            "add".into(),
            "--title".into(),
            "x".into(),
            "--domain".into(),
            "UDP".into(),
            "--cvss".into(),
            MEDIUM.into(),
        ],
        "domaine `UDP` inconnu",
    );
    refuse(
        vec![
            "finding".into(),
            "add".into(),
            "--title".into(),
            "x".into(),
            "--cvss".into(),
            MEDIUM.into(),
        ],
        "`--domain`\u{a0}: manquant — donnez l'un de",
    );
    refuse(
        add(&["--cvss", MEDIUM, "--asset", "CAM-013"]),
        "équipement `CAM-013` inconnu",
    );
    refuse(
        add(&["--cvss", MEDIUM, "--asset", "CAM-013"]),
        "vouliez-vous dire CAM-012\u{a0}?",
    );
    refuse(
        add(&["--cvss", MEDIUM, "--asset", "CAM-012", "--asset", "CAM-012"]),
        "`CAM-012` figure deux fois",
    );
    refuse(
        add(&["--cvss", MEDIUM, "--evidence", "missing.png"]),
        "missing.png",
    );
    refuse(
        vec![
            "finding".into(),
            "add".into(),
            "--title".into(),
            "  ".into(),
            "--domain".into(),
            "ACC".into(),
            "--cvss".into(),
            MEDIUM.into(),
        ],
        "`--title`\u{a0}: vide",
    );
    // Finding edits and removals
    refuse(
        vec![
            "finding".into(),
            "edit".into(),
            "F-NOPE99".into(),
            "--title".into(),
            "x".into(),
        ],
        "vulnérabilité `F-NOPE99` inconnue",
    );
    refuse(
        vec![
            "finding".into(),
            "edit".into(),
            f.clone(),
            "--status".into(),
            "accepted".into(),
        ],
        "`--reason`\u{a0}: un risque accepté doit être motivé",
    );
    refuse_by_clap(
        vec![
            "finding".into(),
            "edit".into(),
            f.clone(),
            "--status".into(),
            "fixed".into(),
        ],
        "is not a finding status",
    );
    refuse(
        vec![
            "finding".into(),
            "edit".into(),
            f.clone(),
            "--severity".into(),
            "high".into(),
        ],
        "la criticité `high` est fixée à la main, mais le vecteur la donne",
    );
    refuse(
        vec![
            "finding".into(),
            "edit".into(),
            f.clone(),
            "--no-cvss".into(),
        ],
        "`--severity`\u{a0}: la vulnérabilité n'a ni vecteur CVSS ni criticité",
    );
    refuse(
        vec!["finding".into(), "rm".into(), f.clone()],
        "est traitée par 1 action(s)",
    );
    refuse(
        vec!["finding".into(), "rm".into(), "F-NOPE99".into()],
        "vulnérabilité `F-NOPE99` inconnue",
    );

    // Actions
    let act = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = [
            "action",
            "add",
            "--title",
            "New",
            "--complexity",
            "low",
            "--owner",
            "client",
        ]
        .map(String::from)
        .to_vec();
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        args
    };
    refuse_by_clap(act(&[]), "--addresses");
    refuse(
        act(&["--addresses", "F-NOPE99"]),
        "vulnérabilité `F-NOPE99` inconnue",
    );
    // Ids are random: the typo must differ from the real id even when it ends in the letter
    // we would have put there.
    let typo = if f.ends_with('X') { 'Y' } else { 'X' };
    let near = format!("{}{typo}", &f[..f.len() - 1]);
    refuse(
        act(&["--addresses", &near]),
        &format!("vouliez-vous dire {f}\u{a0}?"),
    );
    refuse_by_clap(
        act(&["--addresses", &f, "--deadline", "2026-13-01"]),
        "`2026-13-01` is not a date: write it as YYYY-MM-DD",
    );
    refuse_by_clap(
        act(&["--addresses", &f, "--deadline", "15/03/2026"]),
        "is not a date",
    );
    refuse(
        act(&["--addresses", &f, "--amount", "12"]),
        "`--currency`\u{a0}: requis avec `--amount`",
    );
    refuse_by_clap(
        act(&["--addresses", &f, "--amount", "-5", "--currency", "EUR"]),
        "is not an amount",
    );
    refuse_by_clap(
        act(&["--addresses", &f, "--amount", "5", "--currency", "€"]),
        "is not a currency code",
    );
    refuse(act(&["--addresses", &f, &f]), "figure deux fois");
    refuse_by_clap(
        vec![
            "action".into(),
            "add".into(),
            "--title".into(),
            "x".into(),
            "--addresses".into(),
            f.clone(),
            "--complexity".into(),
            "easy".into(),
            "--owner".into(),
            "client".into(),
        ],
        "`easy` is not a complexity",
    );
    refuse_by_clap(
        vec![
            "action".into(),
            "add".into(),
            "--title".into(),
            "x".into(),
            "--addresses".into(),
            f.clone(),
            "--complexity".into(),
            "low".into(),
            "--owner".into(),
            "vendor".into(),
        ],
        "`vendor` is not an owner: use client, firm or manufacturer",
    );
    refuse(
        vec![
            "action".into(),
            "edit".into(),
            a.clone(),
            "--status".into(),
            "dropped".into(),
        ],
        "`--reason`\u{a0}: une action abandonnée doit être motivée",
    );
    refuse(
        vec![
            "action".into(),
            "edit".into(),
            "A-NOPE99".into(),
            "--status".into(),
            "done".into(),
        ],
        "action `A-NOPE99` inconnue",
    );
    refuse(
        vec!["action".into(), "rm".into(), "A-NOPE99".into()],
        "action `A-NOPE99` inconnue",
    );

    // Assets
    refuse(
        vec!["asset".into(), "add".into(), "CAM-099".into()],
        "CAM-099 n'est pas encore dans l'inventaire, il lui faut donc un type",
    );
    refuse(
        vec![
            "asset".into(),
            "add".into(),
            "CAM 099".into(),
            "--kind".into(),
            "camera".into(),
        ],
        "`CAM 099` n'est pas un identifiant valide",
    );
    refuse_by_clap(
        vec![
            "asset".into(),
            "add".into(),
            "CAM-099".into(),
            "--kind".into(),
            "ptz".into(),
        ],
        "`ptz` is not an asset kind",
    );
    refuse(
        vec!["asset".into(), "rm".into(), "CAM-099".into()],
        "équipement `CAM-099` inconnu",
    );
}

#[test]
fn a_corrupt_record_is_named_with_its_file_and_line() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    acme.run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    let f = finding(&acme, "Kept", "ACC", MEDIUM, &["--asset", "CAM-012"]);
    let a = action(&acme, "Kept", &f, &[]);
    let path = sandbox.path(&format!("acme/findings/{f}.yaml"));
    let good = fs::read_to_string(&path).unwrap();

    fs::write(&path, good.replace("domain: ACC", "domain: XYZ")).unwrap();
    let stderr = acme.refused(
        &["status"],
        &format!("findings/{f}.yaml:3:9: `domain`\u{a0}: domaine `XYZ` inconnu dans la grille"),
    );
    assert!(
        stderr.contains("choisissez parmi\u{a0}: ACC, UPD, NET"),
        "{stderr}"
    );
    acme.refused(&["finding", "list"], &format!("findings/{f}.yaml:3:9"));
    acme.refused(
        &["answer", "ACC-01", "--level", "1"],
        &format!("findings/{f}.yaml:3:9"),
    );

    fs::write(&path, good.replace(&format!("id: {f}"), "id: F-OTHER1")).unwrap();
    acme.refused(
        &["action", "list"],
        "`id`\u{a0}: `id: F-OTHER1` ne correspond pas au nom du fichier",
    );

    fs::write(
        &path,
        good.replace("cvss: CVSS:3.1/AV:N", "cvss: CVSS:3.1/AV:Q"),
    )
    .unwrap();
    acme.refused(&["status"], "`AV:Q` is not a valid value for Attack Vector");

    // A finding removed by hand (as a merge between clones can) leaves its action
    // dangling: every command says where, with the action's line, but only saving that
    // action is refused; the rest of the engagement goes on.
    let kept = sandbox.git("acme", &["rev-parse", "HEAD"]);
    fs::remove_file(&path).unwrap();
    let line = sandbox
        .read(&format!("acme/actions/{a}.yaml"))
        .lines()
        .position(|l| l.starts_with(&format!("- {f}")))
        .unwrap()
        + 1;
    let warning = format!(
        "attention\u{a0}: actions/{a}.yaml:{line}:3: `addresses`\u{a0}: vulnérabilité `{f}` inconnue"
    );
    let out = acme.run(&["action", "list"]).success();
    assert!(out.stderr.contains(&warning), "{}", out.stderr);
    assert!(out.stdout.contains(&a), "{}", out.stdout);
    acme.refused(
        &["action", "edit", &a, "--title", "Renamed"],
        &format!("`--addresses`\u{a0}: vulnérabilité `{f}` inconnue"),
    );
    let out = acme
        .run(&["asset", "add", "CAM-013", "--kind", "camera"])
        .success();
    assert!(out.stderr.contains(&warning), "{}", out.stderr);
    // (That write first committed the removal it found, as after an interrupted command.)
    sandbox.git("acme", &["reset", "-q", "--hard", kept.trim()]);

    fs::write(
        sandbox.path("acme/assets.yaml"),
        "- id: CAM-012\n  kind: camera\n- id: CAM-012\n  kind: nvr\n",
    )
    .unwrap();
    acme.refused(
        &["asset", "list"],
        "assets.yaml:3:7: `id`\u{a0}: `CAM-012` figure deux fois",
    );
    fs::write(
        sandbox.path("acme/assets.yaml"),
        "- id: CAM-012\n  kind: camera\n  serial: 12\n",
    )
    .unwrap();
    let stderr = acme.refused(&["asset", "list"], "assets.yaml:3:");
    assert!(stderr.contains("serial"), "{stderr}");
}

#[test]
fn commands_wait_for_or_respect_the_interactive_sessions_lock() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    let mut engagement = vmsaudit::engagement::Engagement::open(&sandbox.path("acme")).unwrap();
    engagement.lock_session().unwrap();
    let before = sandbox.snapshot("acme");
    let out = acme
        .run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .failure(1);
    assert!(
        out.stderr.contains(
            "l'audit est en cours d'utilisation\u{a0}: la liste de contrôle interactive (pid "
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("aide\u{a0}: attendez"),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.snapshot("acme"), before);
    // An answer waits for the session as well; one that cannot be made is refused at once,
    // for what is wrong with it, not for the session.
    let out = acme.run(&["answer", "ACC-01", "--level", "2"]).failure(1);
    says(&out.stderr, &["en cours d'utilisation", "(pid "]);
    let started = std::time::Instant::now();
    let stderr = acme.refused(&["answer", "ACC-99", "--level", "2"], "ACC-99");
    assert!(!stderr.contains("en cours d'utilisation"), "{stderr}");
    assert!(started.elapsed() < std::time::Duration::from_secs(4));
    assert_eq!(sandbox.snapshot("acme"), before);
    drop(engagement);
    acme.run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
}

/// The same lists in an English engagement read English: headers, values, dates, amounts and
/// the word before a saved change (the French ones are checked above).
#[test]
fn lists_and_saves_read_english_in_an_english_engagement() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    let out = acme
        .run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    assert!(
        out.stdout.starts_with("saved assets: CAM-012 added ["),
        "{}",
        out.stdout
    );
    let rce = finding(&acme, "Command injection", "UPD", HIKVISION, &[]);
    acme.run(&[
        "action",
        "add",
        "--title",
        "Update firmware",
        "--addresses",
        &rce,
        "--complexity",
        "low",
        "--owner",
        "firm",
        "--deadline",
        "2026-06-30",
        "--amount",
        "1250.5",
        "--currency",
        "EUR",
    ])
    .created();

    let assets = acme.run(&["asset", "list"]).success().stdout;
    assert!(
        assets.starts_with(
            "ID       KIND       VENDOR  MODEL  FIRMWARE  ADDRESS  LOCATION  FINDINGS\n"
        ),
        "{assets}"
    );
    assert!(assets.contains("CAM-012  IP camera  —"), "{assets}");
    assert!(assets.ends_with("\n1 asset(s).\n"), "{assets}");

    let findings = acme.run(&["finding", "list"]).success().stdout;
    assert!(
        findings.starts_with("ID        !    SEVERITY  CVSS  DOMAIN  STATUS  CVES  TITLE\n"),
        "{findings}"
    );
    assert!(
        findings.contains(&format!(
            "{rce}  [!]  Critical   9.8  UPD     open    —     Command injection"
        )),
        "{findings}"
    );
    assert!(findings.contains("1 finding(s), 1 critical"), "{findings}");

    let plan = acme.run(&["action", "list"]).success().stdout;
    assert!(
        plan.starts_with("ID        !    CRITICALITY   DUE "),
        "{plan}"
    );
    assert!(
        plan.contains("Critical 9.8  30 June 2026  Auditing firm  open    Update firmware"),
        "{plan}"
    );
    assert!(
        plan.contains("Estimated cost (dropped actions excluded):\n"),
        "{plan}"
    );
    assert!(
        plan.contains("  Auditing firm: 1,250.50 EUR (1 action(s))"),
        "{plan}"
    );
}

/// CVE-2025-1316 (Edimax IC-7100) as its CNA, CISA ICS-CERT, scored it with CVSS 4.0: 9.3.
const EDIMAX_4: &str = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
/// A CVSS 4.0 vector below 7.0 on the 4.0 scale.
const LOW_4: &str = "CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N";

/// A finding with only a CVSS 4.0 vector: kept as given, scored on the 4.0 scale, shown with
/// its version, and critical by the template's threshold read on that scale (above 7.0).
#[test]
fn a_cvss_4_0_finding_is_scored_labelled_and_judged_on_its_own_scale() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").firm("Audit & Co").create();
    let out = acme
        .run(&[
            "finding",
            "add",
            "--title",
            "Command injection on the IC-7100",
            "--domain",
            "UPD",
            "--cve",
            "CVE-2025-1316",
            "--cvss",
            EDIMAX_4,
            "--cvss-source",
            "third-party",
        ])
        .success();
    let edimax = out.stdout["enregistré ".len()..][..8].to_owned();
    assert!(out.stdout.contains("CVSS 4.0 9.3"), "{}", out.stdout);
    let low = finding(
        &acme,
        "Weak cipher on the VMS",
        "UPD",
        LOW_4,
        &["--cvss-source", "auditor"],
    );

    let file = sandbox.read(&format!("acme/findings/{edimax}.yaml"));
    assert!(file.contains(EDIMAX_4), "{file}");

    let list = acme.json(&["finding", "list", "--json"]);
    let findings = list["findings"].as_array().unwrap();
    assert_eq!(findings[0]["id"], edimax.as_str());
    assert_eq!(findings[0]["cvss_version"], "4.0");
    assert_eq!(findings[0]["criticality"]["base_score"], 9.3);
    assert_eq!(findings[0]["criticality"]["severity"], "critical");
    assert_eq!(findings[0]["criticality"]["critical"], true);
    assert_eq!(findings[1]["id"], low.as_str());
    let score = findings[1]["criticality"]["base_score"].as_f64().unwrap();
    assert!(score < 7.0, "{score}");
    assert_eq!(findings[1]["criticality"]["critical"], false);

    let table = acme.run(&["finding", "list"]).success().stdout;
    let row = table
        .lines()
        .find(|line| line.starts_with(&edimax))
        .unwrap();
    assert!(row.contains("[!]") && row.contains("9,3 (4.0)"), "{table}");

    // Back to the 3.1 vector NVD gives: the score and the label follow.
    acme.run(&[
        "finding",
        "edit",
        &edimax,
        "--cvss",
        HIKVISION,
        "--cvss-source",
        "nvd",
    ])
    .success();
    let list = acme.json(&["finding", "list", "--json"]);
    assert_eq!(list["findings"][0]["cvss_version"], "3.1");
    assert_eq!(list["findings"][0]["criticality"]["base_score"], 9.8);
}

/// A record edited by hand (or received through `sync`) whose evidence names a file outside
/// the engagement: every command refuses it, at the line that names it, in the engagement's
/// language, and the report never lists it as evidence.
#[test]
fn evidence_outside_the_engagement_is_refused_where_the_record_names_it() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.run(&["answer", "ACC-02", "--level", "2"]).success();
    let text = fs::read_to_string(sandbox.path("acme/answers/ACC-02.yaml")).unwrap();
    let hash = "a".repeat(64);
    for path in [
        "/etc/passwd",
        "../../home/x/.ssh/id_rsa",
        "evidence/../.git/config",
        ".git/config",
        "evidence/",
    ] {
        let forged = text.replace(
            "evidence: []",
            &format!("evidence:\n- path: {path}\n  sha256: {hash}"),
        );
        assert_ne!(forged, text, "{text}");
        sandbox.commit_by_hand("acme", "answers/ACC-02.yaml", &forged, "by hand");
        let line = forged
            .lines()
            .position(|line| line.contains("path:"))
            .unwrap()
            + 1;
        let err = acme.refused(&["status"], &format!("answers/ACC-02.yaml:{line}"));
        assert!(
            err.contains("n'est pas un fichier de la mission"),
            "{path}: {err}"
        );
        acme.refused(&["report"], "n'est pas un fichier de la mission");
    }
    // Well-formed references, as attaching writes them (a copy, a file in place), load.
    let fine = text.replace(
        "evidence: []",
        &format!("evidence:\n- path: evidence/ACC-02/users.png\n  sha256: {hash}\n- path: scans/video-vlan.xml\n  sha256: {hash}"),
    );
    sandbox.commit_by_hand("acme", "answers/ACC-02.yaml", &fine, "by hand");
    acme.run(&["status"]).success();
}
