//! `vmsaudit scan` and `vmsaudit capture` through the real binary, on real nmap output: the
//! fixtures of `tests/fixtures/scans/` (see its README) and, where nmap is installed, a scan
//! of fake devices started on loopback addresses.

#![allow(clippy::unwrap_used, clippy::panic)]

use crate::common::*;
use crate::scan_devices;

fn scan_fixture(name: &str) -> String {
    fixture(&format!("scans/{name}"))
}

#[test]
fn a_scan_fills_the_inventory_keeps_its_xml_as_evidence_and_imports_once() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    // The inventory already knows the camera at 127.0.0.2, as an Axis: the scan's
    // Hikvision is reported, not written over it.
    acme.run(&[
        "asset",
        "add",
        "CAM-012",
        "--kind",
        "camera",
        "--vendor",
        "Axis",
        "--address",
        "127.0.0.2",
    ])
    .success();
    let xml = scan_fixture("devices.xml");
    let out = acme.run(&["scan", "import", &xml]).success();
    assert!(
        out.stdout.contains("devices.xml imported (3 hosts up"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "conservé, non écrasé\u{a0}: CAM-012\u{a0}: constructeur Axis à l'inventaire, Hikvision dans le scan"
        ),
        "{}",
        out.stdout
    );
    let assets = sandbox.read("acme/assets.yaml");
    assert!(
        assets.contains("- id: CAM-012\n  kind: camera\n  vendor: Axis\n"),
        "{assets}"
    );
    assert!(
        assets.contains("- id: CAM-127-0-0-4\n  kind: camera\n  vendor: Axis\n  model: P1346\n  firmware: \"5.40.9.2\"\n"),
        "{assets}"
    );
    assert!(assets.contains("- id: HOST-127-0-0-3\n"), "{assets}");

    // One commit: the inventory, the XML as evidence (its bytes, hashed), the record.
    let subjects = sandbox.subjects("acme");
    assert!(subjects[0].starts_with("scan S-"), "{subjects:?}");
    let files = sandbox.git("acme", &["show", "--name-only", "--format=", "HEAD"]);
    let id = subjects[0]["scan ".len()..]
        .split(':')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        files.lines().collect::<Vec<_>>(),
        [
            "assets.yaml",
            "evidence/scans/devices.xml",
            &format!("scans/{id}.yaml")
        ]
    );
    let original = std::fs::read(&xml).unwrap();
    assert_eq!(
        std::fs::read(sandbox.path("acme/evidence/scans/devices.xml")).unwrap(),
        original
    );
    let record = sandbox.read(&format!("acme/scans/{id}.yaml"));
    assert!(
        record.contains(&format!("sha256: {}", sha256_hex(&original))),
        "{record}"
    );
    assert!(record.contains("nmap: \"7.93\""), "{record}");
    assert!(
        record.contains("controls:\n- ACC-11\n- UPD-01\n- NET-06\n- ENC-01\n- ENC-02\n- ENC-04\n- ENC-05\n- REM-02\n- REM-05\n"),
        "{record}"
    );

    // The same file again: nothing written, nothing committed.
    let before = sandbox.snapshot("acme");
    let out = acme.run(&["scan", "import", &xml]).success();
    assert!(
        out.stdout
            .contains("devices.xml a déjà été importé\u{a0}; rien à modifier"),
        "{}",
        out.stdout
    );
    assert_eq!(sandbox.snapshot("acme"), before);

    // The CVE matching sees the vendors the banners gave: the recorder's Dahua RTSP server,
    // to confirm for a Dahua CVE that names no product.
    let matches = acme.run(&["cve", "match"]).success().stdout;
    assert!(
        matches.contains(
            "CVE-2025-31700  CVSS 8,1 (3.1, vendor)  [!] prise de contrôle à distance\n  \
             Débordement de tampon avant authentification dans un service réseau\n  \
             à confirmer  HOST-127-0-0-3, firmware non renseigné dans l'inventaire"
        ),
        "{matches}"
    );

    // The scan is evidence from its import on: the report's annex lists it with its hash and
    // its scan's id, before any of its facts is accepted.
    acme.run(&["report", "-o", "r.md"]).success();
    let report = sandbox.read("r.md");
    let row = report
        .lines()
        .find(|line| line.contains("evidence/scans/devices.xml"))
        .unwrap_or_else(|| panic!("the annex lists the scan: {report}"));
    assert!(row.contains(&id), "{row}");
}

#[test]
fn the_list_says_per_host_and_per_control_what_the_scan_saw_in_the_engagements_language() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.run(&["scan", "import", &scan_fixture("devices.xml")])
        .success();
    let text = acme.run(&["scan", "list"]).success().stdout;
    for expected in [
        "ENC-04  Certificats valides émis par une autorité maîtrisée  (preuve\u{a0}: evidence/scans/devices.xml)",
        "certificat RSA-1024 auto-signé, valide 10 ans, expiré le 2025-01-01 sur HOST-127-0-0-3 (127.0.0.3:443)",
        "telnet ouvert sur CAM-127-0-0-2 (127.0.0.2:23) — BusyBox telnetd",
        "administration en HTTP sans HTTPS sur CAM-127-0-0-2 (127.0.0.2:80)",
        "port 37777 ouvert sur HOST-127-0-0-3 (127.0.0.3:37777) (protocole propriétaire Dahua)",
        "port 8000 ouvert sur CAM-127-0-0-2",
        "caméra Axis P1346, firmware 5.40.9.2 identifiée sur CAM-127-0-0-4",
        "  identifié par le service du port 21/tcp\u{a0}: Axis P1346 Network Camera ftpd",
        "443/tcp certificat\u{a0}: sujet commonName=nvr-01.video.example.lan/organizationName=Hikvision, émetteur commonName=nvr-01.video.example.lan/organizationName=Hikvision, du 2015-01-01 au 2025-01-01, RSA-1024, auto-signé\u{a0}; TLSv1.0, TLSv1.1, TLSv1.2",
        "SCAN          FICHIER      PAR        DÉBUT             HÔTES  PREUVE",
        "[ ] en attente  [x] accepté  [-] écarté.",
    ] {
        assert!(text.contains(expected), "lacks {expected:?}:\n{text}");
    }
    // The device's hostile title and server header never reach the terminal raw.
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );

    let json = acme.json(&["scan", "list", "--json"]);
    let proposals = json["proposals"].as_array().unwrap();
    let enc04: Vec<&serde_json::Value> = proposals
        .iter()
        .filter(|p| p["control"] == "ENC-04")
        .collect();
    assert_eq!(enc04.len(), 1, "{enc04:?}");
    assert_eq!(enc04[0]["fact"], "tls-certificate@127.0.0.3:443/tcp");
    assert_eq!(enc04[0]["evidence"], "evidence/scans/devices.xml");
    assert!(enc04[0]["decision"].is_null());
    // Open ports are facts: nothing was answered, no finding was made.
    assert!(!sandbox.path("acme/answers").exists());
    assert!(!sandbox.path("acme/findings").exists());
    // Script output is kept, hostile bytes escaped by the JSON writer.
    let hosts = json["hosts"].as_array().unwrap();
    let axis = hosts.iter().find(|h| h["address"] == "127.0.0.4").unwrap();
    let scripts = axis["ports"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["scripts"].as_array().unwrap().clone())
        .collect::<Vec<_>>();
    assert!(
        scripts.iter().any(|s| s["id"] == "http-title"),
        "{scripts:?}"
    );
    let raw = acme.run(&["scan", "list", "--json"]).success().stdout;
    assert!(!raw.contains('\u{1b}'), "JSON escapes control characters");

    // English engagement, English words.
    let other = sandbox.init("other").create();
    other
        .run(&["scan", "import", &scan_fixture("devices.xml")])
        .success();
    let text = other
        .run(&["scan", "list", "--control", "enc-04"])
        .success()
        .stdout;
    assert!(
        text.contains("self-signed RSA-1024 certificate, valid 10 years, expired on 2025-01-01 on HOST-127-0-0-3 (127.0.0.3:443)"),
        "{text}"
    );
    assert!(
        text.contains("(evidence: evidence/scans/devices.xml)") && text.contains("[ ] pending"),
        "{text}"
    );
    assert!(!text.contains("NET-06"), "only ENC-04: {text}");
    let full = other.run(&["scan", "list"]).success().stdout;
    assert!(
        full.contains("443/tcp certificate: subject commonName=nvr-01")
            && full.contains("self-signed; TLSv1.0"),
        "{full}"
    );
}

#[test]
fn proposals_are_accepted_into_the_observations_with_the_scan_linked_or_dismissed() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").create();
    acme.run(&["scan", "import", &scan_fixture("devices.xml")])
        .success();
    // A control without an answer needs a level: refused, nothing changed.
    acme.refused(
        &["scan", "accept", "ENC-04"],
        "ENC-04 has no answer yet, so it needs a level",
    );
    let out = acme
        .run(&["scan", "accept", "ENC-04", "--level", "1"])
        .success();
    assert!(
        out.stdout
            .contains("ENC-04: level 1, evidence devices.xml added, 1 scan fact(s) accepted"),
        "{}",
        out.stdout
    );
    let answer = sandbox.read("acme/answers/ENC-04.yaml");
    assert!(
        answer.contains("self-signed RSA-1024 certificate"),
        "{answer}"
    );
    assert!(
        answer.contains("path: evidence/scans/devices.xml"),
        "{answer}"
    );
    // The answer and the decision in one commit.
    let files = sandbox.git("acme", &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.lines().count(), 2, "{files}");
    assert!(
        files.contains("answers/ENC-04.yaml") && files.contains("scans/S-"),
        "{files}"
    );
    // Nothing left to accept there.
    acme.refused(
        &["scan", "accept", "ENC-04"],
        "no pending proposal of the scans on ENC-04",
    );

    // Dismiss two of NET-06's by their ids; the others stay pending.
    let json = acme.json(&["scan", "list", "--json", "--control", "NET-06"]);
    let ids: Vec<String> = json["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.len() > 3, "{ids:?}");
    acme.run(&["scan", "dismiss", "NET-06", &ids[0], &ids[1]])
        .success();
    assert_eq!(
        sandbox.subjects("acme")[0],
        "NET-06: 2 scan fact(s) dismissed"
    );
    let json = acme.json(&["scan", "list", "--json", "--control", "NET-06"]);
    let decisions: Vec<&serde_json::Value> = json["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["decision"])
        .collect();
    assert_eq!(decisions.iter().filter(|d| **d == "dismissed").count(), 2);
    assert!(
        !sandbox.path("acme/answers/NET-06.yaml").exists(),
        "dismissing writes no observation"
    );
    acme.refused(
        &["scan", "dismiss", "NET-06", "zzzzzz"],
        "is not a pending proposal",
    );
    // Dismissing sets no level: `--level` is accept's alone, and only its help offers it.
    acme.refused_by_clap(
        &["scan", "dismiss", "NET-06", "--level", "2"],
        "unexpected argument '--level'",
    );
    assert!(
        !acme
            .run(&["scan", "dismiss", "--help"])
            .success()
            .stdout
            .contains("--level")
    );
    assert!(
        acme.run(&["scan", "accept", "--help"])
            .success()
            .stdout
            .contains("--level <LEVEL>")
    );
    acme.refused(&["scan", "accept", "XYZ-99"], "XYZ-99");

    // A later scan of the same network: no asset twice, the decisions hold, the ids too.
    let later = std::fs::read_to_string(scan_fixture("devices.xml"))
        .unwrap()
        .replace("scanned in 146.10 seconds", "scanned in 146.11 seconds");
    std::fs::write(sandbox.path("devices.xml"), later).unwrap();
    let out = acme
        .at("2026-02-03T11:00:00Z")
        .run(&["scan", "import", "devices.xml"])
        .success();
    assert!(
        out.stdout
            .contains("imported (3 hosts up; inventory unchanged)"),
        "{}",
        out.stdout
    );
    let files = sandbox.git("acme", &["show", "--name-only", "--format=", "HEAD"]);
    assert!(files.contains("evidence/scans/devices-2.xml"), "{files}");
    let again = acme.json(&["scan", "list", "--json", "--control", "NET-06"]);
    let pairs = |json: &serde_json::Value| -> Vec<(String, String)> {
        json["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["id"].to_string(), p["decision"].to_string()))
            .collect()
    };
    assert_eq!(pairs(&again), pairs(&json));
    assert_eq!(
        pairs(&again)
            .iter()
            .filter(|(_, d)| d == "\"dismissed\"")
            .count(),
        2
    );
    assert!(
        again["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["evidence"] == "evidence/scans/devices-2.xml")
    );
    assert_eq!(sandbox.read("acme/assets.yaml").matches("- id:").count(), 3);

    // The report's evidence annex lists the scan and a capture like any other evidence.
    acme.run(&[
        "capture",
        "ENC-04",
        "--",
        "echo",
        "Verify return code: 18 (self-signed certificate)",
    ])
    .success();
    acme.run(&["report", "-o", "r.md"]).success();
    let report = sandbox.read("r.md");
    assert!(report.contains("evidence/scans/devices.xml"), "{report}");
    assert!(
        report.contains("capture-20260203T100000Z-echo.txt"),
        "{report}"
    );

    // A scan record broken by hand (or by a co-auditor's commit) is named with its line, as
    // any record is, since the rule book reads the decisions it keeps.
    let listed = sandbox.git("acme", &["ls-files", "scans"]);
    let record = listed.lines().next().unwrap();
    let text = sandbox.read(&format!("acme/{record}"));
    std::fs::write(
        sandbox.path(&format!("acme/{record}")),
        text.replace("imported_by:", "imported_bye:"),
    )
    .unwrap();
    acme.refused(&["status"], &format!("{record}:"));
}

#[test]
fn truncated_foreign_hostile_and_huge_files_are_refused_and_change_nothing() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").create();
    let real = std::fs::read_to_string(scan_fixture("devices.xml")).unwrap();
    let cut = real[..real.len() * 2 / 3].to_owned();
    std::fs::write(sandbox.path("cut.xml"), &cut).unwrap();
    let stderr = acme.refused(&["scan", "import", "cut.xml"], "not readable as XML");
    assert!(
        stderr.contains(&format!("cut.xml:{}", cut.lines().count())),
        "names the line: {stderr}"
    );

    std::fs::write(
        sandbox.path("other.xml"),
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    )
    .unwrap();
    acme.refused(
        &["scan", "import", "other.xml"],
        "other.xml:2: not nmap's XML output",
    );

    let xxe = real.replacen(
        "<!DOCTYPE nmaprun>",
        "<!DOCTYPE nmaprun [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
        1,
    );
    std::fs::write(sandbox.path("xxe.xml"), xxe).unwrap();
    acme.refused(&["scan", "import", "xxe.xml"], "declares XML entities");

    let file = std::fs::File::create(sandbox.path("huge.xml")).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    acme.refused(&["scan", "import", "huge.xml"], "larger than 64 MiB");

    acme.refused(&["scan", "import", "missing.xml"], "missing.xml");

    // An imported XML changed by hand afterwards is named, not read.
    acme.run(&["scan", "import", &scan_fixture("devices.xml")])
        .success();
    let kept = sandbox.path("acme/evidence/scans/devices.xml");
    let changed = std::fs::read_to_string(&kept)
        .unwrap()
        .replace("Hikvision", "Axis");
    std::fs::write(&kept, changed).unwrap();
    let out = acme.run(&["scan", "list"]).failure(2);
    assert!(
        out.stderr.contains("changed since it was imported"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("git checkout -- evidence/scans/devices.xml"),
        "{}",
        out.stderr
    );
    // Only the good import committed.
    assert_eq!(sandbox.subjects("acme").len(), 2);
}

#[test]
fn capture_keeps_a_commands_output_as_evidence_bytes_as_they_came() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").create();
    // Refused before the command runs.
    acme.refused(
        &["capture", "ENC-01", "--", "touch", "ran"],
        "ENC-01 has no answer yet, so it needs a level",
    );
    assert!(!sandbox.path("ran").exists(), "the command did not run");
    let out = acme
        .run(&[
            "capture",
            "ENC-01",
            "--level",
            "2",
            "--",
            "sh",
            "-c",
            "printf 'subject=CN=nvr\\033]0;owned\\007\\n'; echo 'verify error' >&2; exit 3",
        ])
        .success();
    assert!(
        !out.stdout.contains('\u{1b}'),
        "sanitised on the terminal: {:?}",
        out.stdout
    );
    assert!(out.stdout.contains("exit 3"), "{}", out.stdout);
    let answer = sandbox.read("acme/answers/ENC-01.yaml");
    let path = answer
        .lines()
        .find_map(|l| l.strip_prefix("- path: "))
        .unwrap()
        .to_owned();
    assert!(
        path.starts_with("evidence/ENC-01/capture-20260203T100000Z-sh"),
        "{path}"
    );
    let bytes = std::fs::read(sandbox.path(&format!("acme/{path}"))).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    // Quoted as every command vmsaudit prints is (`text::shell_word`): in double quotes,
    // which keep the backslashes for `sh` as single quotes would, and for fish too.
    assert!(
        text.starts_with(
            "command: sh -c \"printf 'subject=CN=nvr\\\\033]0;owned\\\\007\\\\n'; echo 'verify error' >&2; exit 3\"\n"
        ),
        "{text}"
    );
    assert!(text.contains("status: exit 3\n"), "{text}");
    assert!(
        text.contains("\n----- stdout (25 bytes) -----\nsubject=CN=nvr\u{1b}]0;owned\u{7}\n"),
        "the bytes as they came: {text:?}"
    );
    assert!(
        text.contains("----- stderr (13 bytes) -----\nverify error\n"),
        "{text}"
    );
    assert!(answer.contains(&sha256_hex(&bytes)), "{answer}");

    // A finding too; output past the bound is counted, not kept.
    let finding = acme
        .run(&[
            "finding",
            "add",
            "--title",
            "Weak TLS",
            "--domain",
            "ENC",
            "--cvss",
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N",
        ])
        .created();
    acme.run(&[
        "capture",
        &finding,
        "--",
        "head",
        "-c",
        "5000000",
        "/dev/zero",
    ])
    .success();
    let record = sandbox.read(&format!("acme/findings/{finding}.yaml"));
    let path = record
        .lines()
        .find_map(|l| l.trim().strip_prefix("- path: "))
        .unwrap()
        .to_owned();
    let bytes = std::fs::read(sandbox.path(&format!("acme/{path}"))).unwrap();
    assert!(bytes.len() < 4_200_000, "bounded: {}", bytes.len());
    assert!(
        String::from_utf8_lossy(&bytes[..400])
            .contains("(4194304 bytes, 805696 more bytes left out)")
    );

    // A probe that hangs is stopped at the timeout, and what it said is kept.
    let out = acme
        .run(&[
            "capture",
            "ENC-01",
            "--timeout",
            "1",
            "--",
            "sh",
            "-c",
            "echo waiting; sleep 30",
        ])
        .success();
    assert!(
        out.stdout.contains("killed after 1 s (--timeout)"),
        "{}",
        out.stdout
    );

    acme.refused(
        &["capture", "ENC-01", "--", "no-such-program-here"],
        "cannot run no-such-program-here",
    );
}

/// Scans the fake devices with the real nmap and imports the result; with
/// `VMSAUDIT_WRITE_SCAN_FIXTURES=1`, keeps the XML as `tests/fixtures/scans/devices.xml`.
#[test]
fn real_nmap_on_fake_devices() {
    if !installed("nmap", "--version") {
        return;
    }
    let fixtures = fixture("scans");
    let Some(devices) = scan_devices::start(&fixtures) else {
        return;
    };
    let sandbox = Sandbox::new();
    let xml = sandbox.path("devices.xml");
    assert!(scan_devices::nmap(&devices, &xml));
    if std::env::var_os("VMSAUDIT_WRITE_SCAN_FIXTURES").is_some() {
        std::fs::copy(&xml, format!("{fixtures}/devices.xml")).unwrap();
    }
    let acme = sandbox.init("acme").create();
    acme.run(&["scan", "import", "devices.xml"]).success();
    let json = acme.json(&["scan", "list", "--json"]);
    let facts: Vec<&str> = json["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["fact"].as_str().unwrap())
        .collect();
    let port = |port| devices.port(port);
    for expected in [
        format!("telnet@127.0.0.2:{}/tcp", port(23)),
        format!("http-cleartext@127.0.0.2:{}/tcp", port(80)),
        "vendor-port@127.0.0.2:8000/tcp".to_owned(),
        format!("tls-certificate@127.0.0.3:{}/tcp", port(443)),
        "vendor-port@127.0.0.3:37777/tcp".to_owned(),
        format!("ftp@127.0.0.4:{}/tcp", port(21)),
        format!("rtsp@127.0.0.4:{}/tcp", port(554)),
    ] {
        assert!(
            facts.contains(&expected.as_str()),
            "lacks {expected}: {facts:?}"
        );
    }
    let assets = sandbox.read("acme/assets.yaml");
    assert!(assets.contains("vendor: Hikvision"), "{assets}");
    assert!(assets.contains("model: P1346"), "{assets}");
}

mod checklist {
    //! The scan popup of the checklist, through `App::update` on a real engagement.

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use vmsaudit::engagement::{Engagement, InitOptions};
    use vmsaudit::grid::Lang;
    use vmsaudit::scan::Decision;
    use vmsaudit::tui::app::{App, Message, Mode};
    use vmsaudit::tui::theme::Theme;
    use vmsaudit::tui::view;

    use crate::common::{JEANNE, fixture, now};

    fn press(app: &mut App, keys: &[KeyCode]) {
        for code in keys {
            for effect in app.update(Message::Key(KeyEvent::new(*code, KeyModifiers::NONE))) {
                app.perform(effect, now());
            }
        }
    }

    fn select(app: &mut App, control: &str) {
        // Typed as the auditor would: `/`, the id, Enter.
        let mut keys = vec![KeyCode::Char('/')];
        keys.extend(control.chars().map(KeyCode::Char));
        keys.push(KeyCode::Enter);
        press(app, &keys);
        assert_eq!(app.current_id().as_deref(), Some(control));
    }

    fn screen(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| view::draw(app, Theme::plain(), frame))
            .unwrap();
        terminal.backend().to_string()
    }

    #[test]
    fn s_shows_the_scans_facts_on_a_control_enter_accepts_x_dismisses() {
        let dir = tempfile::tempdir().unwrap();
        let options = InitOptions {
            client: "ACME".into(),
            auditors: vec![JEANNE.parse().unwrap()],
            language: Some(Lang::Fr),
            ..InitOptions::default()
        };
        let mut engagement = Engagement::init(&dir.path().join("acme"), options, now()).unwrap();
        let auditor = engagement.auditor(None).unwrap();
        let xml = fixture("scans/devices.xml");
        engagement
            .import_scan(xml.as_ref(), &auditor, now())
            .unwrap();
        let mut app = App::new(engagement, auditor, Lang::Fr);

        select(&mut app, "ENC-04");
        // The control's detail says that the scans have something to decide on it.
        let drawn = screen(&app);
        assert!(
            drawn.contains("Faits de scan en attente\u{a0}: 1 (S)"),
            "{drawn}"
        );
        press(&mut app, &[KeyCode::Char('S')]);
        let Mode::ScanFacts(facts) = app.mode() else {
            panic!("no scan popup");
        };
        assert_eq!(facts.proposals.len(), 1);
        let drawn = screen(&app);
        assert!(drawn.contains("Faits des scans sur ENC-04"), "{drawn}");
        assert!(drawn.contains("certificat RSA-1024 auto-signé"), "{drawn}");
        // No answer yet: accepting needs a level first; the popup stays, saying so.
        press(&mut app, &[KeyCode::Enter]);
        assert!(matches!(app.mode(), Mode::ScanFacts(_)));
        let notice = format!("{:?}", app.notice().cloned());
        assert!(notice.contains("il lui faut donc un niveau"), "{notice}");
        press(
            &mut app,
            &[
                KeyCode::Esc,
                KeyCode::Char('1'),
                KeyCode::Char('S'),
                KeyCode::Enter,
            ],
        );
        let Mode::ScanFacts(facts) = app.mode() else {
            panic!("no scan popup");
        };
        assert_eq!(facts.proposals[0].decision, Some(Decision::Accepted));
        let answer = &app.engagement().state().answers["ENC-04"];
        assert!(
            answer
                .observations
                .contains("certificat RSA-1024 auto-signé"),
            "{answer:?}"
        );
        assert_eq!(answer.evidence[0].path, "evidence/scans/devices.xml");
        assert!(screen(&app).contains("[x] certificat"));
        insta::assert_snapshot!("scan_popup_fr_80x24", screen(&app));
        press(&mut app, &[KeyCode::Esc]);
        assert!(
            !screen(&app).contains("Faits de scan en attente"),
            "decided: no longer counted"
        );

        // Dismissing writes no observation.
        press(&mut app, &[KeyCode::Esc]);
        select(&mut app, "NET-06");
        press(
            &mut app,
            &[KeyCode::Char('S'), KeyCode::Char('j'), KeyCode::Char('x')],
        );
        let Mode::ScanFacts(facts) = app.mode() else {
            panic!("no scan popup");
        };
        assert_eq!(facts.proposals[1].decision, Some(Decision::Dismissed));
        assert!(
            facts
                .proposals
                .iter()
                .filter(|p| p.decision.is_some())
                .count()
                == 1
        );
        assert!(!app.engagement().state().answers.contains_key("NET-06"));
        press(&mut app, &[KeyCode::Char('q')]);
        assert!(matches!(app.mode(), Mode::Normal));
        assert!(!app.quit(), "q closes the popup, not the checklist");
    }
}

#[test]
fn a_custom_grid_carries_its_own_mapping_of_facts_to_controls() {
    let sandbox = Sandbox::new();
    let grid = fixture("mini-grid.yaml");
    let mini = sandbox.init("mini").grid(&grid).create();
    mini.run(&["scan", "import", &scan_fixture("devices.xml")])
        .success();
    // The built-in mapping names the built-in grid's controls: none here.
    let text = mini.run(&["scan", "list"]).success().stdout;
    assert!(text.contains("No proposal"), "{text}");
    assert!(
        text.contains("127.0.0.3"),
        "the hosts are listed all the same: {text}"
    );

    std::fs::write(
        sandbox.path("mini/scan-map.yaml"),
        "grid: mini\nfacts:\n  telnet: [NET-02, XYZ-01]\n  tls-certificate: [NET-01]\n",
    )
    .unwrap();
    let json = mini.json(&["scan", "list", "--json"]);
    let mut found: Vec<(String, String)> = json["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["control"].as_str().unwrap().to_owned(),
                p["fact"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "NET-01".to_owned(),
                "tls-certificate@127.0.0.3:443/tcp".to_owned()
            ),
            ("NET-02".to_owned(), "telnet@127.0.0.2:23/tcp".to_owned()),
        ],
        "controls the grid lacks are left out"
    );

    std::fs::write(
        sandbox.path("mini/scan-map.yaml"),
        "facts:\n  smtp: [NET-01]\n",
    )
    .unwrap();
    let out = mini.run(&["scan", "list"]).failure(2);
    assert!(
        out.stderr.contains("scan-map.yaml: not a scan mapping"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("telnet, ftp, http-cleartext"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_mac_address_is_an_assets_field_and_finds_a_device_whose_address_changed() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.run(&[
        "asset",
        "add",
        "CAM-012",
        "--kind",
        "camera",
        "--address",
        "10.20.0.12",
        "--mac",
        "00-11-22-aa-bb-cc",
    ])
    .success();
    let assets = sandbox.read("acme/assets.yaml");
    assert!(
        assets.contains("mac: 00:11:22:AA:BB:CC") || assets.contains("mac: \"00:11:22:AA:BB:CC\""),
        "{assets}"
    );

    // Not a MAC address: refused, the option named, nothing written.
    let refused = acme.refused(
        &[
            "asset", "add", "CAM-013", "--kind", "camera", "--mac", "00:11",
        ],
        "`00:11` n'est pas une adresse MAC",
    );
    assert!(refused.contains("--mac"), "{refused}");
    assert_eq!(sandbox.read("acme/assets.yaml"), assets);

    // A spreadsheet's `mac` column, in any usual spelling.
    std::fs::write(
        sandbox.path("cams.csv"),
        "id;kind;mac\nCAM-020;camera;0011.2233.4455\n",
    )
    .unwrap();
    acme.run(&["asset", "import", "cams.csv"]).success();
    let list = acme.json(&["asset", "list", "--json"]);
    assert_eq!(list["assets"][1]["mac"], "00:11:22:33:44:55");

    // The camera took another address from DHCP: the scan knows it by its MAC address.
    let moved = std::fs::read_to_string(scan_fixture("devices.xml"))
        .unwrap()
        .replacen(
            "<address addr=\"127.0.0.2\" addrtype=\"ipv4\"/>",
            "<address addr=\"127.0.0.2\" addrtype=\"ipv4\"/>\n<address addr=\"00:11:22:AA:BB:CC\" addrtype=\"mac\" vendor=\"Hangzhou Hikvision\"/>",
            1,
        );
    std::fs::write(sandbox.path("moved.xml"), moved).unwrap();
    let out = acme.run(&["scan", "import", "moved.xml"]).success();
    assert!(out.stdout.contains("CAM-012"), "{}", out.stdout);
    assert!(!out.stdout.contains("CAM-127-0-0-2"), "{}", out.stdout);
    let assets = sandbox.read("acme/assets.yaml");
    assert_eq!(assets.matches("00:11:22:AA:BB:CC").count(), 1, "{assets}");
    // Known by its MAC address, it keeps the address the inventory gave it.
    assert!(assets.contains("10.20.0.12"), "{assets}");
}

#[test]
fn a_scan_record_left_uncommitted_by_a_kill_is_committed_by_the_next_command() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    acme.run(&["scan", "import", &scan_fixture("devices.xml")])
        .success();
    let record = sandbox.git("acme", &["ls-files", "scans"]);
    let record = record.trim();
    // As a `scan dismiss` killed between its write and its commit leaves it.
    let path = sandbox.path(&format!("acme/{record}"));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}# written, not committed\n")).unwrap();
    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    assert_eq!(
        sandbox.subjects("acme")[1],
        format!("Recover changes left uncommitted by an interrupted command: {record}")
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

/// A device decides what its banner says: `hostile.xml` (nmap's XML as the tester made it,
/// see the fixtures' README) gives a product holding a right-to-left override, raw HTML,
/// a Markdown link, bold text and table pipes. Accepted into an answer, it is written as the
/// device sent it: no bidi character committed, nothing the report's Markdown reads as
/// syntax.
#[test]
fn a_hostile_banner_is_written_inert_into_the_observations_and_the_report() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.run(&["scan", "import", &scan_fixture("hostile.xml")])
        .success();
    acme.run(&["scan", "accept", "ENC-01", "--level", "1"])
        .success();
    let answer = sandbox.read("acme/answers/ENC-01.yaml");
    assert!(!answer.contains('\u{202e}'), "{answer}");
    assert!(
        answer.contains(
            "— `Boa\u{fffd}ptth <img src=x onerror=alert(1)> [link](http://evil.example/) \
             **bold** | col |` (nmap"
        ),
        "{answer}"
    );
    acme.run(&["report", "--format", "html", "-o", "report.html"])
        .success();
    let html = sandbox.read("report.html");
    assert!(!html.contains("href=\"http://evil"), "a live link");
    assert!(!html.contains("<strong>bold"), "bold text");
    assert!(html.contains("[link](http://evil.example/) **bold** | col |"));
}

#[test]
fn accept_into_a_closed_pipe_ends_quietly_after_its_commit() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").create();
    acme.run(&["scan", "import", &scan_fixture("devices.xml")])
        .success();
    crate::cve::into_a_closed_pipe(
        &sandbox,
        &["-C", "acme", "scan", "accept", "ENC-04", "--level", "1"],
    );
    assert!(
        sandbox
            .read("acme/answers/ENC-04.yaml")
            .contains("RSA-1024")
    );
}

/// A scan that adds no host (nmap on `::1`, every port closed) says no empty list of hosts;
/// `Hikvision 7513 POE IP camera rtspd` names no model: the asset is added without one.
#[test]
fn a_scan_without_hosts_lists_none_and_a_number_alone_is_no_model() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    let out = acme
        .run(&["scan", "import", &scan_fixture("v6-closed.xml")])
        .success();
    assert!(!out.stdout.contains("hosts:"), "{}", out.stdout);
    let out = acme
        .run(&["scan", "import", &scan_fixture("hostile.xml")])
        .success();
    assert!(
        out.stdout.contains("  hosts: CAM-AXIS-1, "),
        "{}",
        out.stdout
    );
    let listed = acme.json(&["asset", "list", "--json"]);
    let hikvision = listed["assets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|asset| asset["id"] == "CAM-HIK")
        .unwrap();
    assert_eq!(hikvision["vendor"], "Hikvision");
    assert!(hikvision["model"].is_null(), "{hikvision}");
}
