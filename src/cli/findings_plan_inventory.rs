//! `vmsaudit finding|action|asset ...`: the findings, the action plan and the inventory on the
//! command line. Each command builds the record from its options, checks it with the
//! engagement (problems are worded with the options to fix, `--justification` rather than
//! the file's `severity_justification`), then asks the engagement to save it; lists print
//! the records in the model's order, as a table or as JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::auditor_override;
use super::words::{fill_all, words};
use crate::assessment::{
    ActionStatus, Amount, AssetKind, Complexity, CostTotal, Criticality, CveId, CvssScore,
    CvssVector, Due, Finding, FindingStatus, Owner, PlanEntry, Severity, Upsert, VectorSource,
    cost_totals, findings_in_order, is_overdue, plan,
};
use crate::engagement::Saved;
use crate::grid::Lang;
use crate::messages::{BadValue, Expected};
use crate::report::labels;
use crate::rules::{ActionPatch, AssetChange, AssetPatch, Change, DetachedFile, FindingPatch};
use crate::text::one_line;

#[derive(Debug, Subcommand)]
pub enum FindingCommand {
    /// Record a finding (a vulnerability or a shortfall) and commit it
    Add(FindingAdd),
    /// Change a finding; a repeatable option given replaces its whole list
    Edit(FindingEdit),
    /// The findings, most critical first, then by domain in grid order
    List {
        /// Print JSON for scripts instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Remove a finding (refused while actions address it)
    Rm {
        /// The finding's id, e.g. F-K3X9Q2
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct FindingAdd {
    /// One-line title
    #[arg(long, allow_hyphen_values = true)]
    pub title: String,
    #[command(flatten)]
    pub fields: FindingFields,
}

#[derive(Debug, Args)]
pub struct FindingEdit {
    /// The finding's id, e.g. F-K3X9Q2
    pub id: String,
    /// One-line title
    #[arg(long, allow_hyphen_values = true)]
    pub title: Option<String>,
    #[command(flatten)]
    pub fields: FindingFields,
    /// Remove the CVSS vector (then give --severity and --justification)
    #[arg(long, conflicts_with_all = ["cvss", "cvss_source"])]
    pub no_cvss: bool,
    /// The flaw does not allow remote takeover after all
    #[arg(long, conflicts_with = "remote_takeover")]
    pub no_remote_takeover: bool,
    /// Remove every control from the finding
    #[arg(long, conflicts_with = "controls")]
    pub no_controls: bool,
    /// Remove every CVE id from the finding
    #[arg(long, conflicts_with = "cves")]
    pub no_cves: bool,
    /// Remove every asset from the finding
    #[arg(long, conflicts_with = "assets")]
    pub no_assets: bool,
    /// open, resolved, or accepted (a risk the client accepts: say why with --reason)
    #[arg(long)]
    pub status: Option<FindingStatus>,
    /// Why the status (required for accepted)
    #[arg(long, allow_hyphen_values = true)]
    pub reason: Option<String>,
    /// Detach an evidence file, by its path as the finding lists it (evidence/F-K3X9Q2/x.png); its file goes too when no other record lists it; repeatable
    #[arg(long, value_name = "PATH")]
    pub drop_evidence: Vec<String>,
}

#[derive(Debug, Args)]
pub struct FindingFields {
    /// Domain of the grid (ACC, UPD...); on add, defaults to the domain of the first --control
    #[arg(long)]
    pub domain: Option<String>,
    /// A control of the grid the finding relates to; repeatable
    #[arg(long = "control", value_name = "CONTROL")]
    pub controls: Vec<String>,
    /// What was found, in Markdown
    #[arg(long, allow_hyphen_values = true)]
    pub description: Option<String>,
    /// A CVE id, CVE-YYYY-NNNN; repeatable
    #[arg(long = "cve", value_name = "CVE")]
    pub cves: Vec<CveId>,
    /// CVSS 3.1 (or 3.0) vector, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
    #[arg(long, value_name = "VECTOR")]
    pub cvss: Option<CvssVector>,
    /// Who published the vector: nvd, vendor, third-party (a CNA such as CISA ICS-CERT, or CISA-ADP) or auditor (default: auditor)
    #[arg(long, value_name = "SOURCE")]
    pub cvss_source: Option<VectorSource>,
    /// The flaw lets an attacker take control of the equipment remotely: critical whatever the score
    #[arg(long)]
    pub remote_takeover: bool,
    /// Without a vector: none, low, medium, high or critical (with --justification)
    #[arg(long)]
    pub severity: Option<Severity>,
    /// Why this severity, when it is set by hand
    #[arg(long, allow_hyphen_values = true)]
    pub justification: Option<String>,
    /// An asset of the inventory the finding affects; repeatable
    #[arg(long = "asset", value_name = "ASSET")]
    pub assets: Vec<String>,
    /// What to do, in Markdown (on add, default: the grid's recommendation for the controls)
    #[arg(long, allow_hyphen_values = true)]
    pub recommendation: Option<String>,
    /// A file to keep as evidence (copied into evidence/<ID>/ and hashed); repeatable
    #[arg(long, value_name = "FILE")]
    pub evidence: Vec<PathBuf>,
    /// A note recorded with the evidence files of this command
    #[arg(long, requires = "evidence", allow_hyphen_values = true)]
    pub evidence_note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action to the plan and commit it
    Add(ActionAdd),
    /// Change an action; --addresses given replaces the list
    Edit(ActionEdit),
    /// The action plan: critical actions first, then by criticality, then by domain
    List {
        /// Print JSON for scripts instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Remove an action from the plan
    Rm {
        /// The action's id, e.g. A-7QH2MZ
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct ActionAdd {
    /// One-line title: what to do
    #[arg(long, allow_hyphen_values = true)]
    pub title: String,
    /// The findings the action treats (their ids)
    #[arg(long, value_name = "FINDING", num_args = 1.., required = true)]
    pub addresses: Vec<String>,
    /// low, moderate or high
    #[arg(long)]
    pub complexity: Complexity,
    /// Who should carry it out: client, firm (the auditing firm) or manufacturer
    #[arg(long)]
    pub owner: Owner,
    #[command(flatten)]
    pub fields: ActionFields,
}

#[derive(Debug, Args)]
pub struct ActionEdit {
    /// The action's id, e.g. A-7QH2MZ
    pub id: String,
    /// One-line title: what to do
    #[arg(long, allow_hyphen_values = true)]
    pub title: Option<String>,
    /// The findings the action treats; replaces the list
    #[arg(long, value_name = "FINDING", num_args = 1..)]
    pub addresses: Vec<String>,
    /// low, moderate or high
    #[arg(long)]
    pub complexity: Option<Complexity>,
    /// client, firm or manufacturer
    #[arg(long)]
    pub owner: Option<Owner>,
    #[command(flatten)]
    pub fields: ActionFields,
    /// Remove the deadline (a critical action is then due immediately)
    #[arg(long, conflicts_with = "deadline")]
    pub no_deadline: bool,
    /// Remove the cost amount and its currency
    #[arg(long, conflicts_with_all = ["amount", "currency"])]
    pub no_amount: bool,
    /// open, in_progress, done, or dropped (say why with --reason)
    #[arg(long)]
    pub status: Option<ActionStatus>,
    /// Why the status (required for dropped)
    #[arg(long, allow_hyphen_values = true)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActionFields {
    /// What to do, precisely, in Markdown
    #[arg(long, allow_hyphen_values = true)]
    pub description: Option<String>,
    /// The cost estimate in words, e.g. "0 € (warranty)" or "2 days of integrator time"
    #[arg(long, allow_hyphen_values = true)]
    pub cost: Option<String>,
    /// The cost as a number for the plan's totals, e.g. 1250.50 (with --currency)
    #[arg(long, allow_negative_numbers = true)]
    pub amount: Option<Amount>,
    /// ISO 4217 code of the amount, e.g. EUR
    #[arg(long, value_parser = parse_currency)]
    pub currency: Option<String>,
    /// YYYY-MM-DD; without one, a critical action is due immediately
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub deadline: Option<Date>,
}

#[derive(Debug, Subcommand)]
pub enum AssetCommand {
    /// Add an asset to the inventory, or update the asset with this id: the options given
    /// replace its values, an empty value ("") clears one
    Add(AssetAdd),
    /// Import assets from a CSV file with a header row (all rows or none; updates by id)
    Import {
        /// CSV file: columns id, kind, vendor, model, firmware, address, location, notes, mac
        file: PathBuf,
    },
    /// The inventory
    List {
        /// Print JSON for scripts instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Remove an asset (refused while findings name it)
    Rm {
        /// The asset's id, e.g. CAM-012
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct AssetAdd {
    /// The asset's id, e.g. CAM-012
    pub id: String,
    /// camera, nvr, dvr, vms, switch, router, firewall, vpn, workstation, server, storage or other
    #[arg(long)]
    pub kind: Option<AssetKind>,
    /// The vendor, e.g. Hikvision
    #[arg(long, allow_hyphen_values = true)]
    pub vendor: Option<String>,
    /// The model as its label writes it, e.g. DS-2CD2121G0-I (what CVE matching reads)
    #[arg(long, allow_hyphen_values = true)]
    pub model: Option<String>,
    /// The firmware version, e.g. V5.5.0 build 170725
    #[arg(long, allow_hyphen_values = true)]
    pub firmware: Option<String>,
    /// IP address or host name
    #[arg(long, allow_hyphen_values = true)]
    pub address: Option<String>,
    /// Where it is on site
    #[arg(long, allow_hyphen_values = true)]
    pub location: Option<String>,
    /// MAC address, e.g. 00:11:22:AA:BB:CC (how a scan knows it when its address changed)
    #[arg(long, allow_hyphen_values = true)]
    pub mac: Option<String>,
    /// Free notes on the asset
    #[arg(long, allow_hyphen_values = true)]
    pub notes: Option<String>,
}

fn parse_date(text: &str) -> Result<Date, BadValue> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| BadValue::new(text, Expected::Date))
}

fn parse_currency(text: &str) -> Result<String, BadValue> {
    let code = text.trim().to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(BadValue::new(text, Expected::Currency))
    }
}

/// Makes `change` in the engagement at `here` and prints what it did.
pub(super) fn save(here: &Path, change: Change, now: Timestamp) -> anyhow::Result<Saved> {
    save_in(here, change, now).map(|(saved, _)| saved)
}

/// [`save`], with the engagement's language for what the command prints next.
fn save_in(here: &Path, change: Change, now: Timestamp) -> anyhow::Result<(Saved, Lang)> {
    let mut engagement = super::load_engagement_to_change(here, &change)?;
    let who = engagement.auditor(auditor_override()?)?;
    let lang = super::lang::of(&engagement);
    let saved = engagement.change(change, &who, now)?;
    // Written, not printed: a reader that closed the pipe after the commit is no failure.
    write_saved(&mut std::io::stdout().lock(), &saved, lang)?;
    Ok((saved, lang))
}

/// The commit message stays English (README, "Languages"); the word before it follows the
/// engagement's language.
pub(super) fn write_saved(out: &mut impl Write, saved: &Saved, lang: Lang) -> std::io::Result<()> {
    match saved.commit {
        Some(commit) => writeln!(
            out,
            "{} {} [{:.7}]",
            words(lang).saved,
            one_line(&saved.message),
            commit
        )?,
        None => writeln!(out, "{}", one_line(&saved.message))?,
    }
    // What became of each detached file, in the reader's language: the commit says it in
    // English for the history.
    for gone in &saved.detached {
        let said = match gone.file {
            DetachedFile::Removed => words(lang).detached_removed,
            DetachedFile::KeptListed => words(lang).detached_kept_listed,
            DetachedFile::KeptOutside => words(lang).detached_kept,
        };
        writeln!(out, "{}", super::words::fill(said, one_line(&gone.path)))?;
    }
    Ok(())
}

fn today(now: Timestamp) -> Date {
    crate::clock::day(now)
}

pub fn finding(here: &Path, command: FindingCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    let change = match command {
        FindingCommand::Add(args) => Change::NewFinding(FindingPatch {
            title: Some(args.title),
            ..args.fields.patch()
        }),
        FindingCommand::Edit(args) => Change::EditFinding(args.id.clone(), args.patch()),
        FindingCommand::List { json } => return finding_list(here, json),
        FindingCommand::Rm { id } => Change::RemoveFinding(id),
    };
    save(here, change, now)?;
    Ok(ExitCode::SUCCESS)
}

/// A list option: given, it replaces the list; `--no-...` empties it.
fn list<T>(given: Vec<T>, clear: bool) -> Option<Vec<T>> {
    if !given.is_empty() {
        Some(given)
    } else {
        clear.then(Vec::new)
    }
}

impl FindingFields {
    fn patch(self) -> FindingPatch {
        let evidence = self
            .evidence
            .iter()
            .map(|path| (path.clone(), self.evidence_note.clone()))
            .collect();
        FindingPatch {
            title: None,
            domain: self.domain,
            controls: list(self.controls, false),
            description: self.description,
            cves: list(self.cves, false),
            cvss: self.cvss.map(Some),
            cvss_source: self.cvss_source,
            remote_takeover: self.remote_takeover.then_some(true),
            severity: self.severity.map(Some),
            severity_justification: self.justification.map(Some),
            assets: list(self.assets, false),
            recommendation: self.recommendation,
            status: None,
            status_reason: None,
            evidence,
            drop_evidence: Vec::new(),
        }
    }
}

impl FindingEdit {
    fn patch(self) -> FindingPatch {
        let mut patch = FindingPatch {
            title: self.title,
            status: self.status,
            status_reason: self.reason.map(Some),
            drop_evidence: self.drop_evidence,
            ..self.fields.patch()
        };
        if self.no_cvss {
            patch.cvss = Some(None);
        }
        if self.no_remote_takeover {
            patch.remote_takeover = Some(false);
        }
        if self.no_controls {
            patch.controls = Some(Vec::new());
        }
        if self.no_cves {
            patch.cves = Some(Vec::new());
        }
        if self.no_assets {
            patch.assets = Some(Vec::new());
        }
        patch
    }
}

/// A finding as `finding list --json` prints it: the record, and what the rules derive.
#[derive(Serialize)]
struct FindingView<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    criticality: Criticality,
    cvss_version: Option<&'static str>,
    temporal_score: Option<CvssScore>,
    environmental_score: Option<CvssScore>,
}

fn finding_list(here: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let ordered = findings_in_order(&engagement.state().findings, &engagement.state().grid);
    let mut out = std::io::stdout().lock();
    if json {
        let views: Vec<FindingView> = ordered
            .iter()
            .map(|finding| FindingView {
                finding,
                criticality: finding.criticality(),
                cvss_version: finding.cvss.as_ref().map(|v| v.version().as_str()),
                temporal_score: finding.cvss.as_ref().and_then(CvssVector::temporal_score),
                environmental_score: finding
                    .cvss
                    .as_ref()
                    .and_then(CvssVector::environmental_score),
            })
            .collect();
        super::write_json(&mut out, &serde_json::json!({ "findings": views }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let lang = super::lang::of(&engagement);
    let words = words(lang);
    if ordered.is_empty() {
        writeln!(out, "{}", words.no_findings)?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = [
        "ID",
        "!",
        words.col_severity,
        "CVSS",
        words.col_domain,
        words.col_status,
        words.col_cves,
        words.col_title,
    ];
    let rows: Vec<Vec<String>> = ordered
        .iter()
        .map(|finding| {
            let cves: Vec<String> = finding.cves.iter().map(ToString::to_string).collect();
            vec![
                finding.id.clone(),
                flag(finding.is_critical()),
                finding.severity().map_or_else(
                    || "—".to_owned(),
                    |severity| labels::severity(severity, lang).to_owned(),
                ),
                finding
                    .cvss
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |vector| score_label(vector, lang)),
                one_line(&finding.domain),
                labels::finding_status(finding.status, lang).to_owned(),
                if cves.is_empty() {
                    "—".to_owned()
                } else {
                    cves.join(",")
                },
                one_line(&finding.title),
            ]
        })
        .collect();
    super::table::print(&mut out, &header, &rows, &[3])?;
    let critical = ordered.iter().filter(|f| f.is_critical()).count();
    writeln!(
        out,
        "\n{}",
        fill_all(words.findings_summary, &[&ordered.len(), &critical])
    )?;
    Ok(ExitCode::SUCCESS)
}

fn flag(critical: bool) -> String {
    if critical { "[!]" } else { "" }.to_owned()
}

/// `9.8`, or `7.5 (3.0)` for a CVSS 3.0 vector and `9.3 (4.0)` for a 4.0 one: 3.1, the
/// template's scale, is the one left unmarked. The version is written as one in both
/// languages: `9,3 (4.0)`.
fn score_label(vector: &CvssVector, lang: Lang) -> String {
    let score = labels::decimal(&vector.base_score().to_string(), lang);
    match vector.version() {
        crate::assessment::CvssVersion::V3_1 => score,
        other => format!("{score} ({})", other.as_str()),
    }
}

pub fn action(here: &Path, command: ActionCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    let change = match command {
        ActionCommand::Add(args) => Change::NewAction(ActionPatch {
            title: Some(args.title),
            addresses: Some(args.addresses),
            complexity: Some(args.complexity),
            owner: Some(args.owner),
            ..args.fields.patch()
        }),
        ActionCommand::Edit(args) => Change::EditAction(args.id.clone(), args.patch()),
        ActionCommand::List { json } => return action_list(here, json, today(now)),
        ActionCommand::Rm { id } => Change::RemoveAction(id),
    };
    save(here, change, now)?;
    Ok(ExitCode::SUCCESS)
}

impl ActionFields {
    fn patch(self) -> ActionPatch {
        ActionPatch {
            description: self.description,
            cost: self.cost,
            cost_amount: self.amount.map(Some),
            currency: self.currency.map(Some),
            deadline: self.deadline.map(Some),
            ..ActionPatch::default()
        }
    }
}

impl ActionEdit {
    fn patch(self) -> ActionPatch {
        let mut patch = ActionPatch {
            title: self.title,
            addresses: list(self.addresses, false),
            complexity: self.complexity,
            owner: self.owner,
            status: self.status,
            status_reason: self.reason.map(Some),
            ..self.fields.patch()
        };
        if self.no_amount {
            patch.cost_amount = Some(None);
        }
        if self.no_deadline {
            patch.deadline = Some(None);
        }
        patch
    }
}

/// One line of `action list --json`: the plan's entry and whether it is overdue.
#[derive(Serialize)]
struct PlanView<'a> {
    #[serde(flatten)]
    entry: &'a PlanEntry<'a>,
    overdue: bool,
}

#[derive(Serialize)]
struct PlanJson<'a> {
    today: Date,
    actions: Vec<PlanView<'a>>,
    totals: Vec<CostTotal>,
}

fn action_list(here: &Path, json: bool, today: Date) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let entries = plan(
        &engagement.state().actions,
        &engagement.state().findings,
        &engagement.state().grid,
    );
    let totals = cost_totals(&engagement.state().actions);
    let mut out = std::io::stdout().lock();
    if json {
        let plan = PlanJson {
            today,
            actions: entries
                .iter()
                .map(|entry| PlanView {
                    entry,
                    overdue: is_overdue(entry.action, today),
                })
                .collect(),
            totals,
        };
        super::write_json(&mut out, &plan)?;
        return Ok(ExitCode::SUCCESS);
    }
    let lang = super::lang::of(&engagement);
    let words = words(lang);
    let firm = engagement.state().meta.firm.as_deref().map(one_line);
    if entries.is_empty() {
        writeln!(out, "{}", words.no_actions)?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = [
        "ID",
        "!",
        words.col_criticality,
        words.col_due,
        words.col_owner,
        words.col_status,
        words.col_title,
    ];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|entry| action_row(entry, today, firm.as_deref(), lang))
        .collect();
    super::table::print(&mut out, &header, &rows, &[])?;
    let immediate = entries.iter().filter(|e| e.immediate).count();
    let overdue = entries
        .iter()
        .filter(|e| is_overdue(e.action, today))
        .count();
    writeln!(
        out,
        "\n{}",
        fill_all(
            words.actions_summary,
            &[
                &entries.len(),
                &immediate,
                &overdue,
                &labels::date(today, lang)
            ]
        )
    )?;
    print_costs(&mut out, &totals, firm.as_deref(), lang)?;
    Ok(ExitCode::SUCCESS)
}

/// An action's row in `action list`: when it is due says whether it is overdue.
fn action_row(entry: &PlanEntry, today: Date, firm: Option<&str>, lang: Lang) -> Vec<String> {
    let words = words(lang);
    let due = match entry.due {
        Due::Immediate => words.immediate.to_owned(),
        Due::By(date) => labels::date(date, lang),
        Due::Unscheduled | Due::Closed => "—".to_owned(),
    };
    let due = if is_overdue(entry.action, today) {
        format!("{due} {}", words.overdue)
    } else {
        due
    };
    vec![
        entry.action.id.clone(),
        flag(entry.immediate),
        criticality_label(&entry.criticality, lang),
        due,
        labels::owner(entry.action.owner, firm, lang),
        labels::action_status(entry.action.status, lang).to_owned(),
        one_line(&entry.action.title),
    ]
}

/// The plan's costs per owner and currency, under `action list`'s table.
fn print_costs(
    out: &mut impl Write,
    totals: &[CostTotal],
    firm: Option<&str>,
    lang: Lang,
) -> std::io::Result<()> {
    if totals.is_empty() {
        return Ok(());
    }
    let words = words(lang);
    writeln!(out, "{}", words.cost_heading)?;
    for total in totals {
        let owner = labels::owner(total.owner, firm, lang);
        let amount = labels::amount(total.amount, &total.currency, lang);
        writeln!(
            out,
            "{}",
            fill_all(words.cost_line, &[&owner, &amount, &total.actions])
        )?;
    }
    Ok(())
}

/// `critical 9.8`, `high 7.0`, `low (by hand)`, `critical (low 3.9)` for a low score made
/// critical by remote takeover.
fn criticality_label(criticality: &Criticality, lang: Lang) -> String {
    let words = words(lang);
    let severity = criticality
        .severity
        .map_or(words.unrated, |severity| labels::severity(severity, lang));
    let score = criticality.base_score.map_or_else(
        || format!(" ({})", words.by_hand),
        |score| format!(" {}", labels::decimal(&score.to_string(), lang)),
    );
    match (criticality.critical, criticality.severity) {
        (true, Some(Severity::Critical)) | (false, _) => format!("{severity}{score}"),
        (true, _) => format!(
            "{} ({severity}{score})",
            labels::severity(Severity::Critical, lang)
        ),
    }
}

pub fn asset(here: &Path, command: AssetCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    let change = match command {
        AssetCommand::Add(args) => AssetChange::Save(AssetPatch {
            id: args.id,
            kind: args.kind,
            vendor: args.vendor,
            model: args.model,
            firmware: args.firmware,
            address: args.address,
            location: args.location,
            mac: args.mac,
            notes: args.notes,
            only_new: false,
        }),
        AssetCommand::Import { file } => AssetChange::Import {
            file: file.display().to_string(),
            text: crate::files::read_text(&file, crate::files::MAX_RECORD_BYTES)?,
        },
        AssetCommand::List { json } => return asset_list(here, json),
        AssetCommand::Rm { id } => AssetChange::Remove(id),
    };
    let import = matches!(change, AssetChange::Import { .. });
    let (saved, lang) = save_in(here, Change::Asset(change), now)?;
    let words = words(lang);
    let mut out = std::io::stdout().lock();
    if saved.upsert == Some(Upsert::Updated) {
        writeln!(out, "{}", words.asset_updated)?;
    }
    if import && saved.commit.is_some() && saved.unchanged > 0 {
        writeln!(
            out,
            "{}",
            fill_all(words.rows_unchanged, &[&saved.unchanged])
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn asset_list(here: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let mut out = std::io::stdout().lock();
    if json {
        super::write_json(
            &mut out,
            &serde_json::json!({ "assets": engagement.state().assets.as_slice() }),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let lang = super::lang::of(&engagement);
    let words = words(lang);
    if engagement.state().assets.is_empty() {
        writeln!(out, "{}", words.inventory_empty)?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = [
        "ID",
        words.col_kind,
        words.col_vendor,
        words.col_model,
        words.col_firmware,
        words.col_address,
        words.col_location,
        words.col_findings,
    ];
    let cell = |value: &Option<String>| value.as_deref().map_or_else(|| "—".to_owned(), one_line);
    let rows: Vec<Vec<String>> = engagement
        .state()
        .assets
        .iter()
        .map(|asset| {
            let findings = engagement
                .state()
                .findings
                .iter()
                .filter(|finding| finding.assets.contains(&asset.id))
                .count();
            vec![
                asset.id.clone(),
                labels::asset_kind(asset.kind, lang).to_owned(),
                cell(&asset.vendor),
                cell(&asset.model),
                cell(&asset.firmware),
                cell(&asset.address),
                cell(&asset.location),
                findings.to_string(),
            ]
        })
        .collect();
    super::table::print(&mut out, &header, &rows, &[])?;
    writeln!(
        out,
        "\n{}",
        fill_all(words.assets_summary, &[&engagement.state().assets.len()])
    )?;
    Ok(ExitCode::SUCCESS)
}
