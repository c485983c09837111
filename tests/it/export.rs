//! What the client takes away, through the real binary: the plan and the findings as XLSX
//! (read back with calamine: cell types, order, totals, the language's headers, hostile text
//! kept as text) and as CSV (read back with the `csv` crate: separator, BOM and decimal mark
//! per language, formulas neutralised); the report as DOCX through the real pandoc; the HTML
//! report printed by a real headless Chromium and read back with `pdftotext`. Exports never
//! change the engagement and are private.

// Test helpers: a failure to run or to read is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::io::{Cursor, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::common::{InDir, Sandbox, installed};

/// CVE-2021-36260 (NVD): 9.8, critical; in CISA KEV since 2022-01-10.
const HIKVISION: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
/// 5.3, medium.
const MEDIUM: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N";
/// 3.9, low.
const LOW: &str = "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:L/A:L";

/// What a spreadsheet would run: the title of the critical finding.
const HOSTILE: &str = "=HYPERLINK(\"http://evil.example/x\",\"Cliquez\")";

/// An engagement with three findings and three actions whose plan order, totals and overdue
/// flag are known (today is 2026-02-03): the critical action first (immediate, the firm's),
/// then the medium one (overdue since 2026-01-15), then the low one.
struct Plan {
    critical: String,
    medium: String,
    low: String,
    immediate: String,
    overdue: String,
    later: String,
}

fn engagement<'s>(sandbox: &'s Sandbox, name: &'s str, lang: &'s str) -> (InDir<'s>, Plan) {
    let acme = sandbox.init(name).lang(lang).firm("Audit & Co").create();
    let finding = |title: &str, domain: &str, vector: &str, extra: &[&str]| {
        // `--title=...`: a title may start with `-`.
        let title = format!("--title={title}");
        let mut args = vec![
            "finding",
            "add",
            title.as_str(),
            "--domain",
            domain,
            "--cvss",
            vector,
        ];
        args.extend_from_slice(extra);
        acme.run(&args).created()
    };
    let medium = finding("-2+3 sous-réseau plat", "NET", MEDIUM, &[]);
    let low = finding("@SUM(A1) dans un nom", "LOG", LOW, &[]);
    let critical = finding(
        HOSTILE,
        "UPD",
        HIKVISION,
        &["--cve", "CVE-2021-36260", "--recommendation=+Mettre à jour"],
    );
    let action = |title: &str, addresses: &str, owner: &str, extra: &[&str]| {
        let mut args = vec![
            "action",
            "add",
            "--title",
            title,
            "--addresses",
            addresses,
            "--complexity",
            "moderate",
            "--owner",
            owner,
        ];
        args.extend_from_slice(extra);
        acme.run(&args).created()
    };
    let later = action(
        "Renommer les journaux",
        &low,
        "client",
        &[
            "--amount",
            "99.99",
            "--currency",
            "EUR",
            "--deadline",
            "2026-06-30",
        ],
    );
    let overdue = action(
        "Segmenter le réseau vidéo",
        &medium,
        "client",
        &[
            "--amount",
            "1250.50",
            "--currency",
            "EUR",
            "--deadline",
            "2026-01-15",
            "--cost=-1+1",
        ],
    );
    let immediate = action(
        "Mettre à jour les caméras",
        &critical,
        "firm",
        &["--amount", "800", "--currency", "EUR"],
    );
    let plan = Plan {
        critical,
        medium,
        low,
        immediate,
        overdue,
        later,
    };
    (acme, plan)
}

fn workbook(path: &Path) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(std::fs::read(path).unwrap())).unwrap()
}

/// A file of the XLSX zip, as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(std::fs::read(path).unwrap())).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn text(cell: &Data) -> &str {
    match cell {
        Data::String(text) => text,
        other => panic!("not a text cell: {other:?}"),
    }
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(value) => *value,
        Data::Int(value) => *value as f64,
        other => panic!("not a number cell: {other:?}"),
    }
}

/// Excel's serial number of `date` (days since 1899-12-30).
fn serial(date: &str) -> f64 {
    let date: jiff::civil::Date = date.parse().unwrap();
    let epoch = jiff::civil::date(1899, 12, 30);
    (date - epoch).get_days() as f64
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_plan_as_xlsx_is_typed_in_the_plans_order_with_totals_and_french_headers() {
    let sandbox = Sandbox::new().with_umask("000");
    let (acme, plan) = engagement(&sandbox, "acme", "fr");
    let before = sandbox.snapshot("acme");
    let out = acme
        .run(&[
            "export",
            "plan",
            "--format",
            "xlsx",
            "-o",
            "plan-action.xlsx",
        ])
        .success();
    assert!(out.stdout.contains("plan-action.xlsx"), "{}", out.stdout);
    assert_eq!(
        sandbox.snapshot("acme"),
        before,
        "the export changed the engagement"
    );
    let path = sandbox.path("plan-action.xlsx");
    assert_eq!(
        mode(&path),
        0o600,
        "the export is private whatever the umask"
    );

    let mut book = workbook(&path);
    assert_eq!(
        book.sheet_names(),
        ["Plan d'action", "Coût estimatif par responsable"]
    );
    let sheet = book.worksheet_range("Plan d'action").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header: Vec<&str> = rows[0].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "Identifiant",
            "Traitement immédiat",
            "Criticité",
            "Risque traité",
            "Domaine",
            "Action",
            "Description",
            "Complexité",
            "Coût estimatif",
            "Montant",
            "Devise",
            "Responsable",
            "Échéance",
            "En retard",
            "Statut",
        ]
    );
    // The order of `action list`.
    let listed: Vec<String> = acme.json(&["action", "list", "--json"])["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["action"]["id"].as_str().unwrap().to_owned())
        .collect();
    let ids: Vec<&str> = rows[1..].iter().map(|row| text(&row[0])).collect();
    assert_eq!(ids, listed);
    assert_eq!(ids, [&plan.immediate, &plan.overdue, &plan.later]);

    let first = rows[1];
    assert_eq!(text(&first[1]), "oui");
    assert_eq!(text(&first[2]), "Critique");
    assert_eq!(text(&first[3]), format!("{} (9,8)", plan.critical));
    assert_eq!(text(&first[4]), "UPD");
    assert_eq!(text(&first[7]), "modérée");
    assert_eq!(number(&first[9]), 800.0);
    assert_eq!(text(&first[10]), "EUR");
    assert_eq!(text(&first[11]), "Audit & Co", "the firm's name for `firm`");
    assert_eq!(first[12], Data::Empty, "immediate: no deadline");
    assert_eq!(text(&first[13]), "non");
    assert_eq!(text(&first[14]), "à faire");

    let second = rows[2];
    assert_eq!(text(&second[2]), "Moyenne");
    assert_eq!(text(&second[3]), format!("{} (5,3)", plan.medium));
    // `-1+1` from the cost, a text cell, not a formula.
    assert_eq!(text(&second[8]), "-1+1");
    assert_eq!(number(&second[9]), 1250.5);
    match &second[12] {
        Data::DateTime(date) => assert_eq!(date.as_f64(), serial("2026-01-15")),
        other => panic!("the deadline is not a date cell: {other:?}"),
    }
    assert_eq!(text(&second[13]), "oui", "overdue on 2026-02-03");
    assert_eq!(text(&rows[3][13]), "non");

    // No formula anywhere; the header frozen and filtered; the criticality coloured.
    let formulas = book.worksheet_formula("Plan d'action").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("state=\"frozen\"") && xml.contains("ySplit=\"1\""),
        "{xml}"
    );
    assert!(xml.contains("<autoFilter ref=\"A1:O4\""), "{xml}");
    let styles = part(&path, "xl/styles.xml");
    assert!(styles.contains("FF9C0006"), "the critical colour: {styles}");

    // Totals by owner and currency: the firm's 800, the client's 1250.50 + 99.99.
    let totals = book
        .worksheet_range("Coût estimatif par responsable")
        .unwrap();
    let totals: Vec<&[Data]> = totals.rows().collect();
    assert_eq!(
        totals[0].iter().map(text).collect::<Vec<_>>(),
        ["Responsable", "Devise", "Montant", "Actions"]
    );
    assert_eq!(text(&totals[1][0]), "Client");
    assert_eq!(text(&totals[1][1]), "EUR");
    assert!((number(&totals[1][2]) - 1350.49).abs() < 1e-9);
    assert_eq!(number(&totals[1][3]), 2.0);
    assert_eq!(text(&totals[2][0]), "Audit & Co");
    assert_eq!(number(&totals[2][2]), 800.0);
    assert_eq!(totals.len(), 3);
}

#[test]
fn the_findings_as_xlsx_keep_a_hostile_title_as_text_with_scores_and_kev_dates() {
    let sandbox = Sandbox::new();
    let (acme, plan) = engagement(&sandbox, "acme", "en");
    let before = sandbox.snapshot("acme");
    acme.run(&[
        "export",
        "findings",
        "--format",
        "xlsx",
        "-o",
        "out/vulnerabilities.xlsx",
    ])
    .success();
    assert_eq!(sandbox.snapshot("acme"), before);
    let path = sandbox.path("out/vulnerabilities.xlsx");
    assert_eq!(mode(&path), 0o600);
    let mut book = workbook(&path);
    assert_eq!(book.sheet_names(), ["Findings"]);
    let sheet = book.worksheet_range("Findings").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        [
            "Id",
            "Critical",
            "Severity",
            "Title",
            "CVSS vector",
            "Version",
            "Base score",
            "CVE",
            "Exploited (CISA KEV)",
            "Domain",
            "Controls",
            "Assets",
            "Status",
            "Recommendation",
        ]
    );
    let ids: Vec<&str> = rows[1..].iter().map(|row| text(&row[0])).collect();
    assert_eq!(
        ids,
        [&plan.critical, &plan.medium, &plan.low],
        "critical first"
    );
    let critical = rows[1];
    assert_eq!(text(&critical[1]), "yes");
    assert_eq!(text(&critical[2]), "Critical");
    assert_eq!(text(&critical[3]), HOSTILE, "kept as text, never a formula");
    assert_eq!(text(&critical[4]), HIKVISION);
    assert_eq!(text(&critical[5]), "3.1");
    assert_eq!(number(&critical[6]), 9.8);
    assert_eq!(text(&critical[7]), "CVE-2021-36260");
    match &critical[8] {
        Data::DateTime(date) => assert_eq!(date.as_f64(), serial("2022-01-10")),
        other => panic!("the KEV date is not a date cell: {other:?}"),
    }
    assert_eq!(text(&critical[12]), "open");
    assert_eq!(text(&critical[13]), "+Mettre à jour");
    assert_eq!(number(&rows[3][6]), 3.9);
    assert_eq!(rows[3][8], Data::Empty, "no KEV date without a listed CVE");
    let formulas = book.worksheet_formula("Findings").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));

    // `-o -` on a pipe: the same workbook on standard output.
    let piped = sandbox
        .command(&[
            "-C", "acme", "export", "findings", "--format", "xlsx", "-o", "-",
        ])
        .output()
        .unwrap();
    assert!(piped.status.success());
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(piped.stdout)).unwrap();
    let again = book.worksheet_range("Findings").unwrap();
    assert_eq!(again, sheet);
}

#[test]
fn an_engagement_without_actions_exports_the_headers_alone() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    acme.run(&["export", "plan", "--format", "xlsx", "-o", "plan.xlsx"])
        .success();
    let mut book = workbook(&sandbox.path("plan.xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["Action plan", "Estimated cost by owner"]
    );
    let sheet = book.worksheet_range("Action plan").unwrap();
    assert_eq!(sheet.height(), 1);
    assert_eq!(text(&sheet.rows().next().unwrap()[14]), "Status");
    let out = acme
        .run(&["export", "findings", "--format", "csv", "-o", "-"])
        .success();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
}

/// The fields of a CSV export, its BOM removed (and reported).
fn read_csv(bytes: &[u8], delimiter: u8) -> (bool, Vec<Vec<String>>) {
    let bom = bytes.starts_with("\u{FEFF}".as_bytes());
    let body = if bom { &bytes[3..] } else { bytes };
    let rows = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (bom, rows)
}

#[test]
fn the_plan_as_csv_follows_each_languages_spreadsheet_and_neutralises_formulas() {
    let sandbox = Sandbox::new();
    let (fr, plan) = engagement(&sandbox, "fr", "fr");
    let before = sandbox.snapshot("fr");
    fr.run(&["export", "plan", "--format", "csv", "-o", "plan-action.csv"])
        .success();
    assert_eq!(sandbox.snapshot("fr"), before);
    let path = sandbox.path("plan-action.csv");
    assert_eq!(mode(&path), 0o600);
    let bytes = std::fs::read(&path).unwrap();
    let (bom, rows) = read_csv(&bytes, b';');
    assert!(bom, "French Excel needs the BOM to read UTF-8");
    assert!(String::from_utf8_lossy(&bytes).contains("\r\n"));
    // The XLSX's columns, in the same order.
    fr.run(&["export", "plan", "--format", "xlsx", "-o", "plan.xlsx"])
        .success();
    let mut book = workbook(&sandbox.path("plan.xlsx"));
    let sheet = book.worksheet_range("Plan d'action").unwrap();
    let xlsx_header: Vec<&str> = sheet.rows().next().unwrap().iter().map(text).collect();
    assert_eq!(rows[0], xlsx_header);
    let ids: Vec<&str> = rows[1..].iter().map(|row| row[0].as_str()).collect();
    assert_eq!(ids, [&plan.immediate, &plan.overdue, &plan.later]);
    let overdue = &rows[2];
    assert_eq!(overdue[8], "'-1+1", "a formula behind a quote");
    assert_eq!(overdue[9], "1250,50", "a decimal comma");
    assert_eq!(overdue[12], "15/01/2026");
    assert_eq!(overdue[13], "oui");
    assert_eq!(rows[1][3], format!("{} (9,8)", plan.critical));
    assert_eq!(rows[1][12], "");

    // English: commas, no BOM, decimal points, ISO dates; `-o -` to standard output.
    let (en, _) = engagement(&sandbox, "en", "en");
    let out = en
        .run(&["export", "plan", "--format", "csv", "-o", "-"])
        .success();
    let (bom, rows) = read_csv(out.stdout.as_bytes(), b',');
    assert!(!bom);
    assert_eq!(rows[0][0], "Id");
    assert_eq!(rows[0][1], "Immediate treatment");
    assert_eq!(rows[2][9], "1250.50");
    assert_eq!(rows[2][12], "2026-01-15");
    assert_eq!(rows[2][13], "yes");
}

#[test]
fn the_findings_as_csv_neutralise_every_formula_a_spreadsheet_would_run() {
    let sandbox = Sandbox::new();
    let (acme, _) = engagement(&sandbox, "acme", "fr");
    let out = acme
        .run(&["export", "findings", "--format", "csv", "-o", "-"])
        .success();
    let (bom, rows) = read_csv(out.stdout.as_bytes(), b';');
    assert!(bom);
    let titles: Vec<&str> = rows[1..].iter().map(|row| row[3].as_str()).collect();
    assert_eq!(
        titles,
        [
            format!("'{HOSTILE}").as_str(),
            "'-2+3 sous-réseau plat",
            "'@SUM(A1) dans un nom",
        ]
    );
    assert_eq!(rows[1][6], "9,8");
    assert_eq!(rows[1][8], "10/01/2022");
    assert_eq!(rows[1][13], "'+Mettre à jour");
    for row in &rows {
        for field in row {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula left in {field:?}"
            );
        }
    }
}

#[test]
fn bad_export_requests_are_refused_and_change_nothing() {
    let sandbox = Sandbox::new();
    let (acme, _) = engagement(&sandbox, "acme", "en");
    std::fs::create_dir(sandbox.path("folder")).unwrap();
    acme.refused(
        &["export", "plan", "--format", "xlsx", "-o", "folder"],
        "is a folder",
    );
    acme.refused_by_clap(&["export", "plan", "--format", "pdf", "-o", "x"], "pdf");
    acme.refused_by_clap(&["export", "plan", "--format", "csv"], "--output");
    acme.refused(&["report", "--format", "docx"], "a Word report is one file");
    assert!(!sandbox.path("x").exists());
    // Outside an engagement.
    let out = sandbox
        .run(&["export", "plan", "--format", "csv", "-o", "x.csv"])
        .failure(2);
    assert!(out.stderr.contains("engagement"), "{}", out.stderr);
    assert!(!sandbox.path("x.csv").exists());
}

/// The `<w:tbl>` elements of a DOCX's document.
fn docx_part(path: &Path, name: &str) -> String {
    part(path, name)
}

#[test]
fn the_report_as_docx_holds_the_radar_and_every_table_through_pandoc() {
    if !installed("pandoc", "--version") {
        return;
    }
    let sandbox = Sandbox::new();
    let (acme, _) = engagement(&sandbox, "acme", "fr");
    let before = sandbox.snapshot("acme");
    let out = acme
        .run(&["report", "--format", "docx", "-o", "rapport.docx"])
        .success();
    assert!(out.stdout.contains("rapport.docx"), "{}", out.stdout);
    assert_eq!(sandbox.snapshot("acme"), before);
    let path = sandbox.path("rapport.docx");
    assert_eq!(mode(&path), 0o600);
    let document = docx_part(&path, "word/document.xml");
    // Every table of the Markdown (a header line then a delimiter line) is a Word table.
    acme.run(&["report", "-o", "md/"]).success();
    let markdown = std::fs::read_to_string(sandbox.path("md/report.md")).unwrap();
    let lines: Vec<&str> = markdown.lines().collect();
    let tables = lines
        .windows(2)
        .filter(|pair| {
            pair[0].starts_with('|') && pair[1].starts_with('|') && pair[1].contains("---")
        })
        .count();
    assert!(tables > 5, "{tables} tables");
    assert_eq!(document.matches("<w:tbl>").count(), tables);
    assert!(document.contains("Plan d"), "the plan's heading");
    // The radar, embedded.
    let mut zip = zip::ZipArchive::new(Cursor::new(std::fs::read(&path).unwrap())).unwrap();
    let media: Vec<String> = zip
        .file_names()
        .map(|name| name.unwrap().into_owned())
        .filter(|name| name.starts_with("word/media/"))
        .collect();
    assert_eq!(media.len(), 1, "{media:?}");
    let mut png = Vec::new();
    zip.by_name(&media[0])
        .unwrap()
        .read_to_end(&mut png)
        .unwrap();
    assert!(png.starts_with(b"\x89PNG"), "the radar is a PNG");

    // The firm's styles, from the engagement's templates/reference.docx.
    let reference = sandbox.path("acme/templates/reference.docx");
    std::fs::create_dir_all(reference.parent().unwrap()).unwrap();
    let default = Command::new("pandoc")
        .args(["--print-default-data-file", "reference.docx"])
        .output()
        .unwrap();
    assert!(default.status.success());
    std::fs::write(&reference, &default.stdout).unwrap();
    let out = acme
        .run(&["report", "--format", "docx", "-o", "styled.docx"])
        .success();
    assert!(
        out.stderr.contains("templates/reference.docx"),
        "{}",
        out.stderr
    );
    assert!(docx_part(&sandbox.path("styled.docx"), "word/document.xml").contains("<w:tbl>"));

    // A reference that is not a Word document: pandoc's refusal, and what to do.
    std::fs::write(&reference, b"not a docx").unwrap();
    let out = acme
        .run(&["report", "--format", "docx", "-o", "broken.docx"])
        .failure(1);
    assert!(
        out.stderr
            .contains("pandoc n'a pas pu convertir le rapport\u{a0}: "),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("--print-default-data-file"),
        "{}",
        out.stderr
    );
    assert!(!sandbox.path("broken.docx").exists());
}

#[test]
fn without_pandoc_the_docx_report_says_what_to_do_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let (acme, _) = engagement(&sandbox, "acme", "en");
    // A PATH with a shell (the sandbox runs the binary through `sh`) and no pandoc.
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.path().join("sh")).unwrap();
    let before = sandbox.snapshot("acme");
    let out = acme.env("PATH", bin.path().to_str().unwrap()).run(&[
        "report",
        "--format",
        "docx",
        "-o",
        "report.docx",
    ]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("pandoc"), "{}", out.stderr);
    assert!(out.stderr.contains("not installed"), "{}", out.stderr);
    assert!(out.stderr.contains("help:"), "{}", out.stderr);
    assert!(!sandbox.path("report.docx").exists());
    assert_eq!(sandbox.snapshot("acme"), before);

    // A pandoc too old for `--resource-path`.
    let old = bin.path().join("pandoc");
    std::fs::write(&old, "#!/bin/sh\necho 'pandoc 1.19.2.4'\n").unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = acme.env("PATH", bin.path().to_str().unwrap()).run(&[
        "report",
        "--format",
        "docx",
        "-o",
        "report.docx",
    ]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr
            .contains("pandoc 1.19 is installed, and 2.0 or later is needed"),
        "{}",
        out.stderr
    );
    assert!(!sandbox.path("report.docx").exists());
}

/// The text of `pdf`, by `pdftotext` in reading order (a table cell's lines one after the
/// other).
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{a0}', " ")
}

/// Prints `html` to `pdf` with headless Chromium, as a firm would from a browser: with the
/// browser's own header and footer on, as a print dialog has them (the stylesheet's margin
/// boxes take their place).
fn print_to_pdf(html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("timeout")
        .arg("180")
        .arg("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(html)
        .output()
        .unwrap();
    assert!(
        out.status.success() && pdf.is_file(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The words of the report's short cells that must print whole: every table header, the
/// finding ids, the scale's level labels, and the statuses of the plan.
fn words_to_keep_whole(markdown: &str, ids: &[String]) -> Vec<String> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut words: Vec<String> = ids.to_vec();
    for pair in lines.windows(2) {
        if pair[0].starts_with('|') && pair[1].starts_with('|') && pair[1].contains("---") {
            for cell in pair[0].split('|') {
                words.extend(cell.split_whitespace().map(str::to_owned));
            }
        }
    }
    for label in [
        "Inexistant",
        "Initial",
        "Défini",
        "Maîtrisé",
        "Optimisé",
        "Non-existent",
        "Defined",
        "Managed",
        "Optimised",
    ] {
        if markdown.contains(label) {
            words.push(label.to_owned());
        }
    }
    words.retain(|word| word.chars().count() >= 4 && !word.starts_with('*'));
    words.sort();
    words.dedup();
    words
}

#[test]
fn the_printed_report_keeps_headers_ids_and_levels_whole_on_a4() {
    if !installed("chromium", "--version") || !installed("pdftotext", "-v") {
        return;
    }
    let sandbox = Sandbox::new();
    for lang in ["fr", "en"] {
        let dir = format!("demo-{lang}");
        sandbox
            .run(&["demo", "--lang", lang, "--no-open", &dir])
            .success();
        let demo = sandbox.in_dir(&dir);
        demo.run(&["report", "--format", "html", "-o", "print/report.html"])
            .success();
        demo.run(&["report", "-o", "print/"]).success();
        let ids: Vec<String> = demo.json(&["finding", "list", "--json"])["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|finding| finding["id"].as_str().unwrap().to_owned())
            .collect();
        let markdown = std::fs::read_to_string(sandbox.path("print/report.md")).unwrap();
        let pdf = sandbox.path(&format!("print/report-{lang}.pdf"));
        print_to_pdf(&sandbox.path("print/report.html"), &pdf);
        let text = pdf_text(&pdf);
        let tokens: Vec<&str> = text
            .split_whitespace()
            .map(|token| token.trim_matches(|c: char| ",;:()«»\"'".contains(c)))
            .collect();
        let words = words_to_keep_whole(&markdown, &ids);
        assert!(words.len() > 30, "{words:?}");
        // A word cut across two lines: one line ends with its start, the next begins with
        // the rest (`Nive` / `au`, `F-` / `3DMHRN`).
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            let (Some(end), Some(start)) = (
                pair[0].split_whitespace().last(),
                pair[1].split_whitespace().next(),
            ) else {
                continue;
            };
            let joined = format!("{end}{start}");
            assert!(
                !words.contains(&joined),
                "{lang}: `{joined}` printed cut as `{end}` / `{start}`"
            );
        }
        for id in &ids {
            assert!(
                tokens.contains(&id.as_str()),
                "{lang}: {id} not printed whole"
            );
        }
        for label in ["Inexistant", "Initial / ad hoc", "Défini"] {
            if lang == "fr" {
                assert!(text.contains(label), "{lang}: {label} not printed whole");
            }
        }
        // The running footer: the title (with the client) and the page numbers.
        let client = if lang == "fr" {
            "Logistique Exemple SA"
        } else {
            "Example Logistics Ltd"
        };
        let pages = text.matches(client).count();
        assert!(
            pages > 10,
            "{lang}: the footer names the client on each page ({pages})"
        );
        assert!(text.contains("1 / "), "{lang}: page numbers");
        // No browser header: its date and time (`12/7/26, 9:11 PM`) on no page.
        for line in text.lines() {
            let clock = line.contains(" AM") || line.contains(" PM");
            assert!(
                !(clock && line.contains('/') && line.contains(':')),
                "{lang}: the browser's header is printed: {line}"
            );
        }
        // No page ends with what introduces the next one: a control's level line (under
        // its heading) or a label such as `Recommandation :`.
        for (number, page) in text.split('\u{c}').enumerate() {
            let body: Vec<&str> = page
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.contains(client) && !line.contains(" / "))
                .collect();
            let Some(last) = body.last() else {
                continue;
            };
            assert!(
                !(last.starts_with("Niveau :")
                    || last.starts_with("Level:")
                    || last.ends_with(':')),
                "{lang}: page {} ends with `{last}`",
                number + 1
            );
        }
    }
}

#[test]
fn a_deadline_outside_2000_to_2100_is_refused_and_one_committed_before_still_exports() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    let finding = acme
        .run(&[
            "finding",
            "add",
            "--title",
            "t",
            "--domain",
            "ACC",
            "--severity",
            "high",
            "--justification",
            "j",
        ])
        .created();
    let add = |deadline: &'static str| {
        [
            "action",
            "add",
            "--title",
            "a",
            "--addresses",
            finding.as_str(),
            "--complexity",
            "low",
            "--owner",
            "client",
            "--deadline",
            deadline,
        ]
    };
    // `0026` for `2026`: a slip of the keyboard no spreadsheet can hold.
    for deadline in ["0026-03-15", "0000-01-01", "2101-01-01"] {
        let told = acme.refused(
            &add(deadline),
            &format!("{deadline} is not a plausible deadline"),
        );
        crate::common::says(&told, &["--deadline", "between 2000 and 2100"]);
    }
    let action = acme.run(&add("2026-03-15")).created();
    acme.refused(
        &["action", "edit", &action, "--deadline", "0026-03-15"],
        "--deadline",
    );
    // One committed before the rule (by hand here): the workbook is still written, the date
    // as its text in the action's row, and the action's other fields can still be edited.
    let file = format!("actions/{action}.yaml");
    let text = sandbox
        .read(&format!("acme/{file}"))
        .replace("2026-03-15", "0026-03-15");
    sandbox.commit_by_hand("acme", &file, &text, "a typo");
    acme.run(&["export", "plan", "--format", "xlsx", "-o", "plan.xlsx"])
        .success();
    let mut book = workbook(&sandbox.path("plan.xlsx"));
    let sheet = book.worksheet_range("Action plan").unwrap();
    let row = sheet
        .rows()
        .find(|row| row.iter().any(|cell| cell.to_string().contains(&action)))
        .unwrap();
    assert!(
        row.iter()
            .any(|cell| *cell == Data::String("0026-03-15".into())),
        "{row:?}"
    );
    acme.run(&["action", "edit", &action, "--title", "b"])
        .success();
}

/// `-o` onto a FIFO writes into it, and onto a link writes where it points, the link kept:
/// a rename would put a plain file in their place (as root, `-o /dev/null` replaced the
/// system's own).
#[test]
fn an_output_that_is_a_fifo_or_a_link_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let sandbox = Sandbox::new();
    let (acme, _) = engagement(&sandbox, "acme", "en");
    let fifo = sandbox.path("plan.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    acme.run(&[
        "export",
        "plan",
        "--format",
        "csv",
        "-o",
        &fifo.display().to_string(),
    ])
    .success();
    let read = reader.join().unwrap();
    assert!(
        String::from_utf8_lossy(&read).contains("A-"),
        "the plan went in"
    );
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    std::fs::write(sandbox.path("real.csv"), "old\n").unwrap();
    std::os::unix::fs::symlink(sandbox.path("real.csv"), sandbox.path("link.csv")).unwrap();
    let link = sandbox.path("link.csv").display().to_string();
    acme.run(&["export", "plan", "--format", "csv", "-o", &link])
        .success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(sandbox.path("real.csv")).unwrap();
    assert!(written.contains("A-"), "{written}");
}
