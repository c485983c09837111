//! The audit report: golden Markdown in both languages, the document's structure (tables,
//! headings, images) on ordinary and hostile text, pandoc's reading of it, the radar chart,
//! the HTML file, and template overrides.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use comrak::nodes::NodeValue;
use comrak::{Arena, Options};
use vmsaudit::assessment::{
    Action, ActionStatus, Amount, Answer, Asset, AssetKind, Assets, Complexity, EvidenceRef,
    Finding, FindingStatus, Level, Owner, Score, Severity, VectorSource,
};
use vmsaudit::compare;
use vmsaudit::engagement::{Meta, Scope, State};
use vmsaudit::grid::{Grid, Lang};
use vmsaudit::report::{self, Format, PreviousRound, ReportInput, Templates};

use crate::common::{fixture, installed, now};

/// The built-in CVE pack, loaded once for every test.
fn pack() -> &'static vmsaudit::cve::Pack {
    static PACK: std::sync::OnceLock<vmsaudit::cve::Pack> = std::sync::OnceLock::new();
    PACK.get_or_init(|| vmsaudit::cve::Pack::builtin().unwrap())
}

/// An engagement's records, owned, from which a [`ReportInput`] borrows.
struct Fixture {
    meta: Meta,
    grid: Grid,
    answers: BTreeMap<String, Answer>,
    findings: Vec<Finding>,
    actions: Vec<Action>,
    assets: Assets,
    round: Option<String>,
    previous: Option<PreviousRound>,
}

impl Fixture {
    fn input<'a>(&'a self, state: &'a State, lang: Lang) -> ReportInput<'a> {
        ReportInput {
            state,
            lang,
            round: self.round.as_deref(),
            generated: now(),
            time_zone: jiff::tz::TimeZone::UTC,
            previous: self.previous.clone(),
            cves: Some(pack()),
            evidence_faults: None,
        }
    }

    fn render(&self, lang: Lang) -> report::Rendered {
        let state = state_of(self);
        report::render(&self.input(&state, lang), &Templates::builtin().unwrap()).unwrap()
    }
}

fn grid() -> Grid {
    vmsaudit::grid::read(Path::new(&fixture("report-grid.yaml")))
        .unwrap()
        .0
}

fn sha(seed: char) -> String {
    seed.to_string().repeat(64)
}

fn answer(control: &str, level: Level, observations: &str, evidence: Vec<EvidenceRef>) -> Answer {
    Answer {
        control: control.into(),
        level,
        reverify: false,
        changed: None,
        observations: observations.into(),
        evidence,
        assessed_by: "Jeanne Martin <jm@example.org>".parse().unwrap(),
        assessed_at: "2026-02-02T09:00:00Z".parse().unwrap(),
    }
}

fn evidence(path: &str, seed: char, note: Option<&str>) -> EvidenceRef {
    EvidenceRef {
        path: path.into(),
        sha256: sha(seed),
        note: note.map(String::from),
    }
}

fn finding(id: &str, domain: &str, title: &str) -> Finding {
    Finding {
        id: id.into(),
        title: title.into(),
        domain: domain.into(),
        controls: vec![],
        description: String::new(),
        cves: vec![],
        cvss: None,
        cvss_source: None,
        remote_takeover: false,
        severity: None,
        severity_justification: None,
        assets: vec![],
        evidence: vec![],
        recommendation: String::new(),
        status: FindingStatus::Open,
        status_reason: None,
        created_by: "Jeanne Martin <jm@example.org>".parse().unwrap(),
        created_at: "2026-02-02T09:00:00Z".parse().unwrap(),
    }
}

fn action(id: &str, title: &str, addresses: &[&str], owner: Owner) -> Action {
    Action {
        id: id.into(),
        title: title.into(),
        description: String::new(),
        addresses: addresses.iter().map(|s| (*s).into()).collect(),
        complexity: Complexity::Moderate,
        cost: String::new(),
        cost_amount: None,
        currency: None,
        owner,
        deadline: None,
        status: ActionStatus::Open,
        status_reason: None,
        created_by: "Jeanne Martin <jm@example.org>".parse().unwrap(),
        created_at: "2026-02-02T09:00:00Z".parse().unwrap(),
    }
}

/// A realistic engagement: three domains, answers at several levels, one not applicable and
/// one not assessed, a critical CVSS 3.1 finding, a CVSS 3.0 one and one rated by hand,
/// actions with amounts, an inventory, and a previous round.
fn acme() -> Fixture {
    let meta = Meta {
        format: 1,
        client: "ACME Logistique".into(),
        site: Some("Gennevilliers".into()),
        contract: Some("PO-2026-017".into()),
        firm: Some("Example Audit Firm".into()),
        auditors: vec![
            "Jeanne Martin <jm@example.org>".parse().unwrap(),
            "Karim Benali <kb@example.org>".parse().unwrap(),
        ],
        language: Lang::Fr,
        scope: Scope {
            included: [
                "vms",
                "nvr",
                "camera",
                "network",
                "remote_access",
                "Supervision room, dock 3",
            ]
            .map(String::from)
            .to_vec(),
            excluded: vec!["Building access control".into()],
            limits: Some(
                "No intrusive test on production cameras; *read-only* access to the VMS.".into(),
            ),
        },
        created: "2026-01-12".parse().unwrap(),
        round: None,
        carried_over: None,
        overrides: [(
            "NET".to_owned(),
            vmsaudit::assessment::ScoreOverride {
                score: "1.0".parse().unwrap(),
                justification:
                    "The VLAN exists on two switches of three; the third is planned for March"
                        .into(),
                by: "Jeanne Martin <jm@example.org>".parse().unwrap(),
                at: "2026-02-03T09:00:00Z".parse().unwrap(),
            },
        )]
        .into(),
    };
    let mut answers = BTreeMap::new();
    for answer in [
        answer(
            "ACC-01",
            Level::Score(1),
            "The NVR's `admin` account is renamed; **3 cameras** keep the factory password:\n\n- CAM-012\n- CAM-013\n- CAM-040",
            vec![evidence(
                "evidence/ACC-01/users.png",
                'a',
                Some("NVR users page"),
            )],
        ),
        answer(
            "ACC-02",
            Level::Score(3),
            "MFA on the VMS web client and the VPN.",
            vec![],
        ),
        answer("UPD-01", Level::Score(0), "", vec![]),
        answer(
            "UPD-02",
            Level::Score(2),
            "Firmware inventory exported from the VMS.",
            vec![evidence(
                "evidence/UPD-02/firmware-inventory.csv",
                'b',
                None,
            )],
        ),
        answer(
            "NET-01",
            Level::NotApplicable,
            "The site has a single *physical* video network, isolated by design.",
            vec![],
        ),
    ] {
        answers.insert(answer.control.clone(), answer);
    }
    let findings = vec![
        Finding {
            controls: vec!["UPD-02".into()],
            description: "Unauthenticated command injection in the web server of Hikvision cameras (`/SDK/webLanguage`).".into(),
            cves: vec!["CVE-2021-36260".parse().unwrap()],
            cvss: Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".parse().unwrap()),
            cvss_source: Some(VectorSource::Nvd),
            remote_takeover: true,
            assets: vec!["CAM-012".into(), "CAM-013".into()],
            evidence: vec![evidence("evidence/UPD-02/curl.txt", 'c', Some("proof of concept output"))],
            recommendation: "Update the cameras to firmware V5.5.800 or later.".into(),
            ..finding("F-1", "UPD", "Hikvision cameras open to remote command injection")
        },
        Finding {
            controls: vec!["ACC-01".into()],
            description: "The NVR's login page reveals whether a user name exists.".into(),
            cvss: Some("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N".parse().unwrap()),
            cvss_source: Some(VectorSource::Auditor),
            assets: vec!["NVR-01".into()],
            recommendation: "Return the same message for any failed login.".into(),
            ..finding("F-2", "ACC", "User enumeration on the NVR login page")
        },
        Finding {
            severity: Some(Severity::Low),
            severity_justification: Some("Reachable from the video VLAN only.".into()),
            description: "The switch's management interface answers on the video VLAN.".into(),
            status: FindingStatus::Accepted,
            status_reason: Some("Switch to be replaced in 2026.".into()),
            ..finding("F-3", "NET", "Switch administration reachable from the video VLAN")
        },
    ];
    let actions = vec![
        Action {
            description: "Apply the vendor's firmware on every affected camera, then check the version from the VMS.".into(),
            cost: "2 days of integrator time".into(),
            cost_amount: Some(Amount::from_hundredths(120_000)),
            currency: Some("EUR".into()),
            complexity: Complexity::Low,
            ..action("A-1", "Update the Hikvision cameras' firmware", &["F-1"], Owner::Client)
        },
        Action {
            cost_amount: Some(Amount::from_hundredths(250_050)),
            currency: Some("EUR".into()),
            deadline: Some("2026-01-15".parse().unwrap()),
            status: ActionStatus::InProgress,
            ..action("A-2", "Harden the NVR login page", &["F-2"], Owner::Firm)
        },
        Action {
            cost: "0 € (warranty)".into(),
            deadline: Some("2026-06-30".parse().unwrap()),
            complexity: Complexity::High,
            ..action("A-3", "Move switch administration to a management VLAN", &["F-3"], Owner::Manufacturer)
        },
        Action {
            cost_amount: Some(Amount::from_hundredths(99_900)),
            currency: Some("EUR".into()),
            status: ActionStatus::Dropped,
            status_reason: Some("Replaced by A-1.".into()),
            ..action("A-4", "Isolate the Hikvision cameras", &["F-1"], Owner::Client)
        },
    ];
    let assets = Assets::new(vec![
        Asset {
            vendor: Some("Hikvision".into()),
            model: Some("DS-2CD2143G0-I".into()),
            firmware: Some("V5.5.0".into()),
            address: Some("10.20.0.12".into()),
            location: Some("Dock 3".into()),
            ..Asset::new("CAM-012", AssetKind::Camera)
        },
        Asset {
            vendor: Some("Hikvision".into()),
            model: Some("DS-2CD2143G0-I".into()),
            firmware: Some("V5.5.0".into()),
            ..Asset::new("CAM-013", AssetKind::Camera)
        },
        Asset {
            vendor: Some("Dahua".into()),
            model: Some("NVR5216-16P-I".into()),
            firmware: Some("V4.001.0000000.3".into()),
            ..Asset::new("NVR-01", AssetKind::Nvr)
        },
    ]);
    Fixture {
        meta,
        grid: grid(),
        answers,
        findings,
        actions,
        assets,
        round: Some("2026-S1".into()),
        previous: Some(PreviousRound {
            label: "2025-S2".into(),
            scores: vec![
                ("ACC".into(), Some(Score::from_tenths(8))),
                ("UPD".into(), Some(Score::from_tenths(10))),
                ("NET".into(), None),
            ],
            same_scale: true,
            changes: None,
        }),
    }
}

/// Every field holds what could break a document: pipes, newlines, backticks, `#` at the
/// start of a line, raw HTML and scripts, pandoc-only syntax, escape sequences, bidi
/// overrides, emoji, right-to-left text and a 10,000-character word.
const LONG_WORD_LEN: usize = 10_000;

fn long_word() -> String {
    "A".repeat(LONG_WORD_LEN)
}

fn hostile_markdown() -> String {
    format!(
        "# Pwned\n\nSetext heading\n===\n\n<script>alert(1)</script>\n\nInline <img src=x onerror=alert(2)> and <b>bold</b>\n\n\
         ```{{=html}}\n<script>alert(3)</script>\n```\n\n`<i>`{{=html}} \\input{{/etc/passwd}} $x^2$ @cite [^1] H~2~O\n\n\
         ---\ntitle: injected\nheader-includes: <script>alert(4)</script>\n---\n\n\
         | broken | table\n|---\n| a | b | c | d |\n\n\
         [click](javascript:alert(5)) ![track](http://evil.example/t.png) <!-- comment -->\n\n\
         ::: {{.warning}}\nfenced div\n:::\n\n\
         > quote\n# inside\n\n\
         - item | pipe\n  # heading in a list\n\n\
         Escapes \x1b[2J\x1b]0;pwned\x07 bidi \u{202E}txet desrever\u{202C} emoji 📹🔓 RTL שלום עולם مرحبا\n\n{}\n",
        long_word()
    )
}

fn hostile_line() -> String {
    "Title | with `pipes` <script>alert(1)</script> *stars* _under_ [x](y) &amp; $5 {=html} @cite\n# Pwned ##\n+ - 1. \x1b[31mred\x1b[0m \u{202E}evil 📹 שלום"
        .to_owned()
}

fn hostile() -> Fixture {
    let mut fixture = acme();
    let line = hostile_line();
    fixture.meta.client = format!("ACME {line}");
    fixture.meta.site = Some(format!("# {line}"));
    fixture.meta.contract = Some("PO|2026\n| x |".into());
    fixture.meta.firm = Some("Evil & Co <img src=x onerror=alert(1)>".into());
    fixture.meta.auditors = vec!["Jean | Pipe `x` # y <jp@example.org>".parse().unwrap()];
    fixture.meta.scope.included.push(format!("- {line}"));
    fixture.meta.scope.included.push(long_word());
    fixture.meta.scope.excluded = vec!["<script>alert(1)</script>".into(), "| a | b |".into()];
    fixture.meta.scope.limits = Some(hostile_markdown());
    for domain in &mut fixture.grid.domains {
        domain.title = vmsaudit::grid::Text::Plain(format!("{} {line}", domain.id));
        domain.description = Some(vmsaudit::grid::Text::Plain(line.clone()));
        for control in &mut domain.controls {
            control.title = vmsaudit::grid::Text::Plain(format!("# {line}"));
            control.recommendation = Some(vmsaudit::grid::Text::Plain(hostile_markdown()));
        }
    }
    for level in &mut fixture.grid.scale {
        level.label = vmsaudit::grid::Text::Plain(format!("L{} | {line}", level.level));
    }
    fixture.grid.title = vmsaudit::grid::Text::Plain(line.clone());
    for answer in fixture.answers.values_mut() {
        answer.observations = hostile_markdown();
        answer.evidence = vec![evidence("evidence/ACC-01/a|b`c.png", 'd', Some(&line))];
    }
    for finding in &mut fixture.findings {
        finding.title = format!("{} {line}", finding.id);
        finding.description = hostile_markdown();
        finding.recommendation = hostile_markdown();
        finding.status_reason = Some(line.clone());
        finding
            .evidence
            .push(evidence("evidence/x/<script>.txt", 'e', Some(&long_word())));
    }
    // A finding outside the grid's domains still shows.
    fixture.findings.push(Finding {
        severity: Some(Severity::High),
        severity_justification: Some(line.clone()),
        ..finding("F-9", "XYZ", &format!("Stray {line}"))
    });
    for action in &mut fixture.actions {
        action.title = format!("{} {line}", action.id);
        action.description = hostile_markdown();
        action.cost = format!("{line} {}", long_word());
        action.status_reason = Some(line.clone());
    }
    fixture.assets = Assets::new(vec![Asset {
        vendor: Some(line.clone()),
        model: Some(long_word()),
        firmware: Some("`1.0`|x".into()),
        address: Some("<10.0.0.1>".into()),
        location: Some("📹 مرحبا | quai".into()),
        notes: Some(hostile_markdown()),
        ..Asset::new("CAM-012", AssetKind::Camera)
    }]);
    fixture.round = Some(format!("2026|S1 {line}"));
    fixture.previous = Some(PreviousRound {
        label: format!("<b>prev</b> {line}"),
        scores: vec![("ACC".into(), Some(Score::from_tenths(40)))],
        same_scale: true,
        changes: None,
    });
    with_progress(fixture)
}

/// The records of `fixture` as an engagement state.
fn state_of(fixture: &Fixture) -> State {
    State {
        meta: fixture.meta.clone(),
        grid: fixture.grid.clone().into(),
        answers: fixture.answers.clone(),
        stranded: Default::default(),
        assets: fixture.assets.clone(),
        findings: fixture.findings.clone(),
        actions: fixture.actions.clone(),
        scans: vec![],
        warnings: Vec::new(),
    }
}

/// `fixture` with the progress since a previous round made from it: every level one lower
/// (or not assessed), the first finding open again, the plan without its last action and
/// its first one still open.
fn with_progress(mut fixture: Fixture) -> Fixture {
    let now = state_of(&fixture);
    let mut before = now.clone();
    for answer in before.answers.values_mut() {
        if let Level::Score(level) = answer.level {
            answer.level = Level::Score(level.saturating_sub(1));
        }
    }
    if let Some(first) = before.answers.keys().next().cloned() {
        before.answers.remove(&first);
    }
    if let Some(finding) = before.findings.first_mut() {
        finding.status = vmsaudit::assessment::FindingStatus::Open;
    }
    before.findings.pop();
    before.actions.pop();
    for action in &mut before.actions {
        action.status = vmsaudit::assessment::ActionStatus::Open;
    }
    let label = fixture
        .previous
        .as_ref()
        .map_or_else(|| "2025-S2".to_owned(), |previous| previous.label.clone());
    let changes = compare::compare(
        compare::Side {
            label: &label,
            state: &before,
            date: jiff::civil::date(2025, 8, 1),
        },
        compare::Side {
            label: "now",
            state: &now,
            date: jiff::civil::date(2026, 2, 3),
        },
        fixture.meta.language,
    );
    if let Some(previous) = &mut fixture.previous {
        previous.changes = Some(changes);
    }
    fixture
}

// ---------------------------------------------------------------------------------------
// Reading the Markdown back

/// As a reader that knows front matter reads the report: its metadata block (the language,
/// for pandoc) is no part of the text.
fn comrak_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.front_matter_delimiter = Some("---".to_owned());
    options
}

fn text_of<'a>(node: &'a comrak::nodes::AstNode<'a>) -> String {
    let mut text = String::new();
    for child in node.descendants() {
        match &child.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(code) => text.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// The headings of the document, as (level, text).
fn headings(markdown: &str) -> Vec<(u8, String)> {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, markdown, &comrak_options());
    root.descendants()
        .filter_map(|node| match &node.data().value {
            NodeValue::Heading(heading) => Some((heading.level, text_of(node))),
            _ => None,
        })
        .collect()
}

/// Cells of a table line, split on pipes that are not escaped (GFM's rule, which applies
/// inside code spans too).
fn cell_count(line: &str) -> usize {
    let mut pipes = 0;
    let mut backslashes = 0;
    for c in line.trim().chars() {
        if c == '|' && backslashes % 2 == 0 {
            pipes += 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    pipes - 1
}

/// Checks every table: each source line has the header's number of cells, and every line
/// of the table's block became a row (none fell out into a paragraph). Returns the number of
/// tables.
#[track_caller]
fn check_tables(markdown: &str) -> usize {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, markdown, &comrak_options());
    let lines: Vec<&str> = markdown.lines().collect();
    let mut tables = 0;
    for node in root.descendants() {
        let (columns, start, end) = match &node.data().value {
            NodeValue::Table(table) => (
                table.num_columns,
                node.data().sourcepos.start.line,
                node.data().sourcepos.end.line,
            ),
            _ => continue,
        };
        tables += 1;
        let rows = node.children().count();
        assert_eq!(rows, end - start, "rows of the table at line {start}");
        for number in start..=end {
            let line = lines[number - 1];
            assert_eq!(
                cell_count(line),
                columns,
                "line {number} has {} cells, its table {columns}: {line:.300}",
                cell_count(line)
            );
        }
        // The line after a table is blank: nothing else was meant to be a row.
        if let Some(next) = lines.get(end) {
            assert!(
                next.trim().is_empty(),
                "after the table at line {start}: {next:.200}"
            );
        }
    }
    // No paragraph starts with a pipe: a row that fell out of its table.
    for node in root.descendants() {
        if matches!(node.data().value, NodeValue::Paragraph) {
            let line = lines[node.data().sourcepos.start.line - 1];
            assert!(!line.starts_with('|'), "a stray row: {line:.200}");
        }
    }
    tables
}

fn image_urls(markdown: &str) -> Vec<String> {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, markdown, &comrak_options());
    root.descendants()
        .filter_map(|node| match &node.data().value {
            NodeValue::Image(link) => Some(link.url.clone()),
            _ => None,
        })
        .collect()
}

/// The headings the report of `fixture` must have, and no other.
fn expected_headings(fixture: &Fixture, lang: Lang) -> Vec<(u8, String)> {
    let one = |text: &str| vmsaudit::text::one_line(text).trim().to_owned();
    let fr = lang == Lang::Fr;
    let pick = |en: &str, fr_text: &str| {
        if fr {
            fr_text.to_owned()
        } else {
            en.to_owned()
        }
    };
    let title = if fr {
        "Rapport d'audit de cybersécurité du système de vidéoprotection"
    } else {
        "Cybersecurity audit report of the video-surveillance system"
    };
    let mut expected = vec![
        (1, format!("{title} — {}", one(&fixture.meta.client))),
        (
            2,
            pick("01. Scope of the audit", "01. Périmètre de l'audit"),
        ),
        (
            2,
            pick(
                "02. Control points and methodology",
                "02. Points de contrôle et méthodologie",
            ),
        ),
        (
            2,
            pick(
                "03. Scoring and results by domain",
                "03. Scoring et résultats par domaine",
            ),
        ),
        (3, pick("Summary", "Synthèse")),
    ];
    if fixture
        .previous
        .as_ref()
        .is_some_and(|previous| previous.changes.is_some())
    {
        expected.push((
            3,
            pick(
                "Progress since the previous audit",
                "Évolution depuis l'audit précédent",
            ),
        ));
    }
    let grid = &fixture.grid;
    let sorted = |domain: &str| {
        let mut found: Vec<&Finding> = fixture
            .findings
            .iter()
            .filter(|f| f.domain == domain)
            .collect();
        found.sort_by(|a, b| {
            b.criticality()
                .cmp(&a.criticality())
                .then_with(|| a.id.cmp(&b.id))
        });
        found
    };
    for domain in &grid.domains {
        expected.push((
            3,
            format!("{} — {}", domain.id, one(domain.title.get(lang))),
        ));
        expected.push((4, pick("Findings", "Vulnérabilités et écarts")));
        let findings = sorted(&domain.id);
        for finding in &findings {
            expected.push((5, format!("{} — {}", finding.id, one(&finding.title))));
        }
        if findings
            .iter()
            .any(|f| f.cvss.is_some() || !f.cves.is_empty())
        {
            expected.push((4, pick("Vulnerabilities", "Vulnérabilités")));
        }
        expected.push((
            4,
            pick(
                "Observations by control",
                "Observations par point de contrôle",
            ),
        ));
        for control in &domain.controls {
            if fixture.answers.contains_key(&control.id) {
                expected.push((
                    5,
                    format!("{} — {}", control.id, one(control.title.get(lang))),
                ));
            }
        }
        expected.push((
            4,
            pick("First recommendations", "Premières recommandations"),
        ));
    }
    let known: Vec<&str> = grid.domains.iter().map(|d| d.id.as_str()).collect();
    let strays: Vec<&Finding> = fixture
        .findings
        .iter()
        .filter(|f| !known.contains(&f.domain.as_str()))
        .collect();
    if !strays.is_empty() {
        expected.push((
            3,
            pick(
                "Findings outside the grid's domains",
                "Vulnérabilités et écarts hors des domaines de la grille",
            ),
        ));
        for finding in strays {
            expected.push((5, format!("{} — {}", finding.id, one(&finding.title))));
        }
    }
    expected.push((
        2,
        pick(
            "04. Action plan with owners and deadlines",
            "04. Plan d'action avec responsables et échéances",
        ),
    ));
    expected.push((
        3,
        pick(
            "Critical actions: immediate treatment recommended",
            "Actions critiques\u{a0}: traitement immédiat recommandé",
        ),
    ));
    expected.push((3, pick("All actions", "Ensemble des actions")));
    for entry in vmsaudit::assessment::plan(&fixture.actions, &fixture.findings, grid) {
        expected.push((
            4,
            format!("{} — {}", entry.action.id, one(&entry.action.title)),
        ));
    }
    expected.push((
        3,
        pick("Estimated cost by owner", "Coût estimatif par responsable"),
    ));
    expected.push((3, pick("Next audit", "Prochain audit")));
    expected.push((2, "Annexes".to_owned()));
    expected.push((3, pick("A. Evidence index", "A. Index des preuves")));
    expected.push((
        3,
        pick("B. Asset inventory", "B. Inventaire des équipements"),
    ));
    expected.push((
        3,
        pick(
            "C. Control points not assessed",
            "C. Points de contrôle non évalués",
        ),
    ));
    expected.push((
        3,
        pick(
            "D. Control points not applicable",
            "D. Points de contrôle non applicables",
        ),
    ));
    expected
}

#[track_caller]
fn check_structure(fixture: &Fixture, lang: Lang) -> (report::Rendered, tempfile::TempDir) {
    let rendered = fixture.render(lang);
    let markdown = &rendered.markdown;
    let found = headings(markdown);
    let expected = expected_headings(fixture, lang);
    for (index, (f, e)) in found.iter().zip(&expected).enumerate() {
        assert_eq!(f, e, "heading {index}");
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    assert!(check_tables(markdown) >= 3);
    // Nothing that acts on a terminal or reorders text, anywhere.
    assert!(
        !markdown
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
    );
    assert!(!markdown.contains('\u{202E}'));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports/draft");
    let written = vmsaudit::engagement::write_report(&out, &rendered, Format::Markdown).unwrap();
    assert_eq!(written[0], out.join("report.md"));
    let images = image_urls(markdown);
    assert_eq!(images, ["radar.png"]);
    for url in images {
        assert!(out.join(&url).is_file(), "{url} is not beside the report");
    }
    (rendered, dir)
}

// ---------------------------------------------------------------------------------------
// Golden reports

#[test]
fn golden_report_in_french() {
    let rendered = acme().render(Lang::Fr);
    insta::assert_snapshot!("report_fr", rendered.markdown);
}

#[test]
fn the_french_report_s_own_sentences_set_no_break_spaces() {
    // The report's own words, as the README promises them (`grid check`'s rule): the French
    // template's text outside its comments, and every French label.
    let template = include_str!("../../templates/report.fr.md.tera");
    let mut text = String::new();
    for part in template
        .split("{#")
        .map(|part| part.split_once("#}").map_or(part, |(_, after)| after))
    {
        text.push_str(part);
        text.push('\n');
    }
    let labels = serde_json::to_value(report::labels::labels(Lang::Fr)).unwrap();
    for label in labels.as_object().unwrap().values() {
        text.push_str(label.as_str().unwrap());
        text.push('\n');
    }
    for kind in vmsaudit::grid::COMPONENTS {
        text.push_str(report::labels::component(kind, Lang::Fr).unwrap());
        text.push('\n');
    }
    let faults = vmsaudit::grid::typography::faults(&text);
    assert!(faults.is_empty(), "{faults:#?}");
}

#[test]
fn golden_report_in_english() {
    let rendered = acme().render(Lang::En);
    insta::assert_snapshot!("report_en", rendered.markdown);
}

/// The section of `markdown` under the heading `title`, up to the next heading of its level.
fn section(markdown: &str, title: &str) -> String {
    let start = markdown
        .find(title)
        .unwrap_or_else(|| panic!("no {title:?} in:\n{markdown}"));
    let rest = &markdown[start + title.len()..];
    let end = rest.find("\n### ").map_or(rest.len(), |end| end + 1);
    format!("{title}{}", &rest[..end])
}

#[test]
fn the_progress_section_says_what_changed_since_the_previous_round() {
    let fixture = with_progress(acme());
    for lang in Lang::ALL {
        check_structure(&fixture, lang);
    }
    let en = section(
        &fixture.render(Lang::En).markdown,
        "### Progress since the previous audit",
    );
    insta::assert_snapshot!("progress_en", en);
    let fr = section(
        &fixture.render(Lang::Fr).markdown,
        "### Évolution depuis l'audit précédent",
    );
    insta::assert_snapshot!("progress_fr", fr);
    // The radar draws both rounds.
    assert!(fixture.render(Lang::En).svg.contains("id=\"previous\""));
}

#[test]
fn a_draft_without_previous_round_findings_or_actions_still_has_every_section() {
    let mut fixture = acme();
    fixture.round = None;
    fixture.previous = None;
    fixture.findings.clear();
    fixture.actions.clear();
    fixture.answers.clear();
    fixture.assets = Assets::default();
    fixture.meta.firm = None;
    for lang in Lang::ALL {
        let (rendered, _dir) = check_structure(&fixture, lang);
        let markdown = &rendered.markdown;
        assert!(
            markdown.contains(if lang == Lang::En {
                "**Audit round:** draft"
            } else {
                "**Campagne d'audit\u{a0}:** brouillon"
            }),
            "{markdown}"
        );
        assert!(!markdown.contains("2025-S2"));
        assert!(!rendered.svg.contains("id=\"previous\""));
    }
}

// ---------------------------------------------------------------------------------------
// Structure

#[test]
fn the_report_has_the_expected_headings_consistent_tables_and_its_images() {
    for lang in Lang::ALL {
        check_structure(&acme(), lang);
    }
}

#[test]
fn hostile_text_cannot_break_the_document() {
    let fixture = hostile();
    for lang in Lang::ALL {
        let (rendered, _dir) = check_structure(&fixture, lang);
        let markdown = &rendered.markdown;
        // Kept whole, never truncated, and shown as text.
        assert!(markdown.contains(&long_word()));
        assert!(markdown.contains("📹"));
        assert!(markdown.contains("שלום עולם"));
        assert!(markdown.contains("\\<script\\>alert(1)\\</script\\>"));
        // No raw HTML at all: the observation's <script> block is fenced code, shown as text.
        let arena = Arena::new();
        let root = comrak::parse_document(&arena, markdown, &comrak_options());
        for node in root.descendants() {
            let value = &node.data().value;
            assert!(
                !matches!(value, NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_)),
                "raw HTML at line {}: {value:?}",
                node.data().sourcepos.start.line
            );
        }
        // Links only to the web or relative files; the only image is the radar.
        for node in root.descendants() {
            if let NodeValue::Link(link) = &node.data().value {
                assert!(
                    !link.url.to_lowercase().starts_with("javascript"),
                    "{}",
                    link.url
                );
            }
        }
        assert_eq!(image_urls(markdown), ["radar.png"]);
        // The report's own block, its language, and no other one a user's text could open.
        let body = markdown
            .strip_prefix(&report::metadata_block(rendered.lang))
            .expect("the report opens with its metadata block");
        assert!(
            !body.lines().any(|line| line == "---"),
            "a YAML metadata block for pandoc"
        );
        assert!(!markdown.contains("```{=html}"));
        assert!(!markdown.contains("`{=html}"));

        let html = report::to_html(markdown, &rendered.svg, &rendered.title, rendered.lang);
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "a script in the HTML");
        assert!(!lower.contains("<img"), "an image in the HTML");
        assert!(
            !lower.contains("href=\"javascript"),
            "a script link in the HTML"
        );
    }
}

// ---------------------------------------------------------------------------------------
// pandoc

#[track_caller]
fn run_pandoc(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = Command::new("pandoc")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "pandoc {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// What pandoc's own Markdown reader makes of the report: its headers (level, text),
/// its table count, and whether any raw HTML or TeX got through.
fn pandoc_reading(json: &serde_json::Value) -> (Vec<(u64, String)>, usize, Vec<String>) {
    fn stringify(inlines: &serde_json::Value, out: &mut String) {
        for inline in inlines.as_array().into_iter().flatten() {
            match inline["t"].as_str() {
                Some("Str") => out.push_str(inline["c"].as_str().unwrap_or("")),
                Some("Space" | "SoftBreak" | "LineBreak") => out.push(' '),
                Some("Code") => out.push_str(inline["c"][1].as_str().unwrap_or("")),
                Some("Quoted") => {
                    out.push('"');
                    stringify(&inline["c"][1], out);
                    out.push('"');
                }
                Some(_) => {
                    // Emph, Strong, Span...: their last field holds the inlines.
                    let c = &inline["c"];
                    let content = if c.is_array()
                        && c.as_array()
                            .is_some_and(|a| a.iter().all(|x| x.is_object()))
                    {
                        c
                    } else {
                        c.as_array().and_then(|a| a.last()).unwrap_or(c)
                    };
                    stringify(content, out);
                }
                None => {}
            }
        }
    }
    fn walk(
        value: &serde_json::Value,
        headers: &mut Vec<(u64, String)>,
        tables: &mut usize,
        raw: &mut Vec<String>,
    ) {
        match value {
            serde_json::Value::Object(map) => {
                match map.get("t").and_then(|t| t.as_str()) {
                    Some("Header") => {
                        let mut text = String::new();
                        stringify(&value["c"][2], &mut text);
                        headers.push((value["c"][0].as_u64().unwrap_or(0), text));
                    }
                    Some("Table") => *tables += 1,
                    Some(kind @ ("RawBlock" | "RawInline")) => {
                        raw.push(format!("{kind}: {}", value["c"]))
                    }
                    _ => {}
                }
                for child in map.values() {
                    walk(child, headers, tables, raw);
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    walk(item, headers, tables, raw);
                }
            }
            _ => {}
        }
    }
    let mut headers = Vec::new();
    let mut tables = 0;
    let mut raw = Vec::new();
    walk(&json["blocks"], &mut headers, &mut tables, &mut raw);
    (headers, tables, raw)
}

#[track_caller]
fn check_with_pandoc(fixture: &Fixture, lang: Lang) {
    if !installed("pandoc", "--version") {
        return;
    }
    let (rendered, dir) = check_structure(fixture, lang);
    let out = dir.path().join("reports/draft");
    // pandoc reads the same headings and tables, with no raw HTML or TeX.
    let json: serde_json::Value =
        serde_json::from_slice(&run_pandoc(&out, &["report.md", "-t", "json"])).unwrap();
    let (headers, tables, raw) = pandoc_reading(&json);
    assert_eq!(raw, Vec::<String>::new(), "raw content reaches pandoc");
    let ours: Vec<u64> = headings(&rendered.markdown)
        .iter()
        .map(|(level, _)| u64::from(*level))
        .collect();
    let theirs: Vec<u64> = headers.iter().map(|(level, _)| *level).collect();
    assert_eq!(theirs, ours, "pandoc's headers: {headers:#?}");
    assert_eq!(tables, check_tables(&rendered.markdown), "pandoc's tables");

    // To DOCX (a zip with the document and the radar PNG), from the engagement's folder with
    // the command the README gives, and to HTML.
    run_pandoc(
        dir.path(),
        &[
            "--resource-path=reports/draft",
            "reports/draft/report.md",
            "-o",
            "report.docx",
        ],
    );
    let docx = std::fs::read(dir.path().join("report.docx")).unwrap();
    assert!(docx.starts_with(b"PK\x03\x04"), "not a zip");
    assert!(docx.windows(17).any(|w| w == b"word/document.xml"));
    assert!(
        docx.windows(10).any(|w| w == b"word/media"),
        "the radar is not embedded"
    );
    run_pandoc(
        &out,
        &[
            "report.md",
            "--standalone",
            "--metadata",
            "title=Report",
            "-o",
            "report.html",
        ],
    );
    let html = std::fs::read_to_string(out.join("report.html"))
        .unwrap()
        .to_lowercase();
    assert!(!html.contains("<script"), "a script in pandoc's HTML");
    assert!(
        !html.contains("href=\"javascript"),
        "a script link in pandoc's HTML"
    );
    assert!(
        !html.contains("<img src=\"http"),
        "a remote image in pandoc's HTML"
    );
    assert!(
        !html.contains("onerror=\""),
        "an event handler in pandoc's HTML"
    );
}

#[test]
fn pandoc_converts_the_report_to_docx_and_html() {
    for lang in Lang::ALL {
        check_with_pandoc(&acme(), lang);
    }
}

#[test]
fn pandoc_converts_the_hostile_report_without_raw_html() {
    for lang in Lang::ALL {
        check_with_pandoc(&hostile(), lang);
    }
}

// ---------------------------------------------------------------------------------------
// Radar, HTML, files

fn polygon_points(tree: &resvg::usvg::Tree, id: &str) -> Vec<(f32, f32)> {
    let Some(resvg::usvg::Node::Path(path)) = tree.node_by_id(id) else {
        panic!("no polygon `{id}`");
    };
    path.data().points().iter().map(|p| (p.x, p.y)).collect()
}

#[test]
fn the_radar_svg_draws_the_scores_of_both_rounds() {
    let fixture = acme();
    let rendered = fixture.render(Lang::Fr);
    let tree = resvg::usvg::Tree::from_str(&rendered.svg, &report::radar::usvg_options()).unwrap();
    // ACC 1.7, UPD 1.0, NET not scored but set to 1.0 by the auditors; previous: 0.8, 1.0, none.
    for (id, scores) in [
        ("current", [Some(1.7), Some(1.0), Some(1.0)]),
        ("previous", [Some(0.8), Some(1.0), None]),
    ] {
        let expected: Vec<(f64, f64)> = vmsaudit::radar::polygon(&scores, 4.0)
            .into_iter()
            .map(report::radar::to_svg)
            .collect();
        let points = polygon_points(&tree, id);
        assert_eq!(points.len(), expected.len(), "{id}");
        for ((x, y), (ex, ey)) in points.iter().zip(&expected) {
            assert!(
                (f64::from(*x) - ex).abs() < 0.01 && (f64::from(*y) - ey).abs() < 0.01,
                "{id}: {x},{y} vs {ex},{ey}"
            );
        }
    }
    for label in ["ACC", "UPD", "NET", "1,7", "Cet audit (2026-S1)", "2025-S2"] {
        assert!(rendered.svg.contains(&format!(">{label}<")), "{label}");
    }
}

#[test]
fn the_radar_png_decodes_at_twice_the_svg_size() {
    let rendered = acme().render(Lang::En);
    assert!(rendered.png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let image = resvg::tiny_skia::Pixmap::decode_png(&rendered.png).unwrap();
    assert_eq!((image.width(), image.height()), (1280, 1120));
}

#[test]
fn the_html_report_is_one_standalone_file_with_the_chart_inline() {
    let rendered = acme().render(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let written = vmsaudit::engagement::write_report(dir.path(), &rendered, Format::Html).unwrap();
    assert_eq!(written, [dir.path().join("report.html")]);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.html"]);
    let html = std::fs::read_to_string(&written[0]).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(!html.contains("<img"));
    assert!(html.contains("<table>"));
    assert!(html.contains("<title>Cybersecurity audit report of the video-surveillance system — ACME Logistique</title>"));
    assert!(html.contains("<h2>04. Action plan with owners and deadlines</h2>"));
}

#[test]
fn written_files_are_private_and_replace_the_previous_report() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports/2026-S1");
    let rendered = acme().render(Lang::En);
    vmsaudit::engagement::write_report(&out, &rendered, Format::Markdown).unwrap();
    let again = acme().render(Lang::Fr);
    let written = vmsaudit::engagement::write_report(&out, &again, Format::Markdown).unwrap();
    for path in &written {
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", path.display());
    }
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    assert_eq!(
        std::fs::read_to_string(out.join("report.md")).unwrap(),
        again.markdown
    );
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["radar.png", "radar.svg", "report.md"],
        "no temporary file left"
    );

    // Under another name, as `report --lang en -o report-en.md` writes it.
    let named = dir.path().join("out/report-en.md");
    let written = vmsaudit::engagement::write_report_markdown(&named, &rendered).unwrap();
    assert_eq!(
        written,
        [
            named.clone(),
            dir.path().join("out/radar.svg"),
            dir.path().join("out/radar.png")
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Templates

fn engagement_with_template(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates").join(name), text).unwrap();
    dir
}

#[test]
fn an_engagement_template_overrides_the_built_in_one() {
    let dir = engagement_with_template(
        "finding.md.tera",
        "##### {{ finding.id }} (house style)\n\n{{ finding.title }} — {{ finding.severity }}\n",
    );
    let templates = Templates::load(dir.path()).unwrap();
    let overridden: Vec<&str> = templates.overrides().map(|(name, _)| name).collect();
    assert_eq!(overridden, ["finding.md.tera"]);
    let rendered = report::render(&acme().input(&state_of(&acme()), Lang::En), &templates).unwrap();
    assert!(rendered.markdown.contains("##### F-1 (house style)\n\nHikvision cameras open to remote command injection — Critical"), "{}", rendered.markdown);
    // The rest is built in.
    assert!(
        rendered
            .markdown
            .contains("## 04. Action plan with owners and deadlines")
    );
    // Without a templates folder, the built-in ones.
    let plain = tempfile::tempdir().unwrap();
    assert_eq!(
        Templates::load(plain.path()).unwrap().overrides().count(),
        0
    );
}

#[test]
fn a_broken_template_names_its_file_and_line() {
    // A syntax error, found when the templates are loaded.
    let dir = engagement_with_template("scores.md.tera", "| a |\n|---|\n{% for x in %}\n");
    let error = Templates::load(dir.path()).unwrap_err();
    assert!(error.is_bad_input());
    let message = error.to_string();
    assert!(
        message.starts_with("templates/scores.md.tera:3:"),
        "{message}"
    );
    assert!(
        message.contains("remove templates/scores.md.tera"),
        "{message}"
    );

    // An unknown variable, found while rendering an included template.
    let dir = engagement_with_template("plan.md.tera", "Plan\n\n{{ actions_list }}\n");
    let templates = Templates::load(dir.path()).unwrap();
    let error =
        report::render(&acme().input(&state_of(&acme()), Lang::Fr), &templates).unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("templates/plan.md.tera:3:"),
        "{message}"
    );

    // A filter given the wrong kind of value.
    let dir =
        engagement_with_template("report.en.md.tera", "# Title\n\n{{ domains | markdown }}\n");
    let templates = Templates::load(dir.path()).unwrap();
    let error =
        report::render(&acme().input(&state_of(&acme()), Lang::En), &templates).unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("templates/report.en.md.tera:3:"),
        "{message}"
    );
}

#[test]
fn the_demo_engagement_on_the_built_in_grid_renders_in_both_languages() {
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let engagement = vmsaudit::demo::create(&dir.path().join("demo"), lang, now()).unwrap();
        let fixture = Fixture {
            meta: engagement.state().meta.clone(),
            grid: (*engagement.state().grid).clone(),
            answers: engagement.state().answers.clone(),
            findings: vec![],
            actions: vec![],
            assets: Assets::default(),
            round: None,
            previous: None,
        };
        assert_eq!(fixture.grid.domains.len(), 6);
        let (rendered, _out) = check_structure(&fixture, lang);
        check_with_pandoc(&fixture, lang);
        // Six axes, six labels.
        for id in ["ACC", "UPD", "NET", "ENC", "LOG", "REM"] {
            assert!(rendered.svg.contains(&format!(">{id}<")), "{id}");
        }
        if std::env::var_os("VMSAUDIT_DUMP_REPORT").is_some() {
            let out = Path::new("/tmp/vmsaudit-demo-report").join(lang.code());
            vmsaudit::engagement::write_report(&out, &rendered, Format::Markdown).unwrap();
        }
    }
}

#[test]
fn exploited_vulnerabilities_come_first_and_the_inventory_shows_known_cves() {
    let mut fixture = acme();
    // A second UPD finding whose CVE is not in CISA's catalogue, listed before the KEV one
    // in the findings' own order (a higher score).
    fixture.findings.push(Finding {
        cves: vec!["CVE-2018-10660".parse().unwrap()],
        cvss: Some(
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"
                .parse()
                .unwrap(),
        ),
        cvss_source: Some(VectorSource::Auditor),
        ..finding("F-9", "UPD", "Shell command injection on an Axis camera")
    });
    fixture.assets.upsert(Asset {
        vendor: Some("HIKVISION".into()),
        model: Some("DS-2CD2032-I".into()),
        firmware: Some("V5.3.0 build 150513".into()),
        ..Asset::new("CAM-OLD", vmsaudit::assessment::AssetKind::Camera)
    });
    let markdown = fixture.render(Lang::En).markdown;
    let upd = &markdown[markdown.find("### UPD").unwrap()..];
    let table: Vec<&str> = upd
        .lines()
        .skip_while(|line| !line.starts_with("| Finding | CVE"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .collect();
    assert_eq!(table.len(), 2, "{table:?}");
    assert!(
        table[0].starts_with("| F-1 | CVE-2021-36260") && table[0].ends_with("| 10 January 2022 |"),
        "KEV-listed first: {table:?}"
    );
    assert!(
        table[1].starts_with("| F-9 | CVE-2018-10660") && table[1].ends_with("|  |"),
        "{table:?}"
    );

    let row = markdown
        .lines()
        .find(|line| line.starts_with("| CAM-OLD |"))
        .unwrap();
    assert!(
        row.contains("CVE-2017-7921"),
        "an old Hikvision firmware is affected: {row}"
    );
    let axis = markdown
        .lines()
        .find(|line| line.starts_with("| CAM-012 |"))
        .unwrap();
    assert!(!axis.contains("CVE-2017-7921"), "{axis}");
    assert!(
        markdown.contains("Pack 2026.12.2"),
        "the pack's version is named"
    );
}
