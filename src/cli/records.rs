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

use super::{auditor_override, pad_left, pad_right};
use crate::assessment::{
    Action, ActionStatus, Amount, Asset, AssetKind, Complexity, CostTotal, Criticality, CveId,
    CvssScore, CvssVector, Due, FieldProblem, Finding, FindingStatus, Owner, PlanEntry, Severity,
    Upsert, VectorSource, cost_totals, findings_in_order, is_overdue, plan,
};
use crate::engagement::Saved;
use crate::error::{Error, Problems};
use crate::text::one_line;
use unicode_width::UnicodeWidthStr;

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
    /// Add an asset to the inventory, or update the asset with this id
    Add(AssetAdd),
    /// Import assets from a CSV file with a header row (all rows or none; updates by id)
    Import {
        /// CSV file: columns id, kind, vendor, model, firmware, address, location, notes
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
    /// Options given replace the asset's values; an empty value ("") clears one
    #[arg(long, allow_hyphen_values = true)]
    pub vendor: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub model: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub firmware: Option<String>,
    /// IP address or host name
    #[arg(long, allow_hyphen_values = true)]
    pub address: Option<String>,
    /// Where it is on site
    #[arg(long, allow_hyphen_values = true)]
    pub location: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub notes: Option<String>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-03-15"))
}

fn parse_currency(text: &str) -> Result<String, String> {
    let code = text.trim().to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(format!(
            "`{text}` is not a currency code: use the three letters of ISO 4217, e.g. EUR, USD, CHF"
        ))
    }
}

/// Record fields and the options that set them, so a problem says what to type.
const FINDING_OPTIONS: &[(&str, &str)] = &[
    ("title", "--title"),
    ("domain", "--domain"),
    ("controls", "--control"),
    ("description", "--description"),
    ("cves", "--cve"),
    ("cvss", "--cvss"),
    ("cvss_source", "--cvss-source"),
    ("remote_takeover", "--remote-takeover"),
    ("severity", "--severity"),
    ("severity_justification", "--justification"),
    ("assets", "--asset"),
    ("recommendation", "--recommendation"),
    ("status", "--status"),
    ("status_reason", "--reason"),
];

const ACTION_OPTIONS: &[(&str, &str)] = &[
    ("title", "--title"),
    ("description", "--description"),
    ("addresses", "--addresses"),
    ("complexity", "--complexity"),
    ("cost", "--cost"),
    ("cost_amount", "--amount"),
    ("currency", "--currency"),
    ("owner", "--owner"),
    ("deadline", "--deadline"),
    ("status", "--status"),
    ("status_reason", "--reason"),
];

/// Refuses a record whose problems are not empty, naming the options rather than the
/// record's keys.
fn check(label: &str, problems: Vec<FieldProblem>, options: &[(&str, &str)]) -> anyhow::Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    let rename = |text: &str| {
        options
            .iter()
            .fold(text.to_owned(), |text, (field, option)| {
                text.replace(&format!("`{field}`"), &format!("`{option}`"))
            })
    };
    let problems = problems
        .into_iter()
        .map(|problem| {
            let field = options
                .iter()
                .find(|(field, _)| *field == problem.field)
                .map_or(problem.field.clone(), |(_, option)| (*option).to_owned());
            FieldProblem::new(field, rename(&problem.message), rename(&problem.hint)).at(label)
        })
        .collect();
    Err(Error::Invalid(Problems(problems)).into())
}

pub(super) fn print_saved(saved: &Saved) {
    match saved.commit {
        Some(commit) => println!("saved {} [{:.7}]", one_line(&saved.message), commit),
        None => println!("{}", one_line(&saved.message)),
    }
}

fn today(now: Timestamp) -> Date {
    now.to_zoned_datetime(jiff::tz::TimeZone::system()).date()
}

fn non_empty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

pub fn finding(here: &Path, command: FindingCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    match command {
        FindingCommand::Add(args) => finding_add(here, args, now),
        FindingCommand::Edit(args) => finding_edit(here, args, now),
        FindingCommand::List { json } => finding_list(here, json),
        FindingCommand::Rm { id } => {
            let mut engagement = super::load_engagement(here)?;
            let who = engagement.auditor(auditor_override()?)?;
            print_saved(&engagement.remove_finding(&id, &who, now)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn resolve_all(
    wanted: &[String],
    resolve: impl Fn(&str) -> crate::Result<String>,
) -> crate::Result<Vec<String>> {
    wanted.iter().map(|id| resolve(id)).collect()
}

fn evidence_of(fields: &FindingFields) -> Vec<(PathBuf, Option<String>)> {
    fields
        .evidence
        .iter()
        .map(|path| (path.clone(), fields.evidence_note.clone()))
        .collect()
}

fn finding_add(here: &Path, args: FindingAdd, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let fields = args.fields;
    let controls = resolve_all(&fields.controls, |id| engagement.resolve_control(id))?;
    let domain = match &fields.domain {
        Some(domain) => engagement.resolve_domain(domain)?,
        None => match controls
            .first()
            .and_then(|control| engagement.grid.control(control))
        {
            Some((domain, _)) => domain.id.clone(),
            None => {
                let ids: Vec<&str> = engagement
                    .grid
                    .domains
                    .iter()
                    .map(|d| d.id.as_str())
                    .collect();
                return Err(Error::usage(
                    "a finding needs a domain",
                    format!(
                        "add --domain with one of {}, or --control CONTROL to take its domain",
                        ids.join(", ")
                    ),
                )
                .into());
            }
        },
    };
    let assets = resolve_all(&fields.assets, |id| engagement.resolve_asset(id))?;
    let recommendation = fields
        .recommendation
        .clone()
        .unwrap_or_else(|| engagement.default_recommendation(&controls));
    let cvss_source = match &fields.cvss {
        Some(_) => Some(fields.cvss_source.unwrap_or(VectorSource::Auditor)),
        None => fields.cvss_source,
    };
    let finding = Finding {
        id: String::new(),
        title: args.title,
        domain,
        controls,
        description: fields.description.clone().unwrap_or_default(),
        cves: fields.cves.clone(),
        cvss: fields.cvss.clone(),
        cvss_source,
        remote_takeover: fields.remote_takeover,
        severity: fields.severity,
        severity_justification: fields.justification.clone(),
        assets,
        evidence: Vec::new(),
        recommendation,
        status: FindingStatus::Open,
        status_reason: None,
        created_by: who.clone(),
        created_at: now,
    };
    check(
        "finding add",
        engagement.check_finding(&finding),
        FINDING_OPTIONS,
    )?;
    let (_, saved) = engagement.add_finding(finding, &evidence_of(&fields), &who, now)?;
    print_saved(&saved);
    Ok(ExitCode::SUCCESS)
}

fn finding_edit(here: &Path, args: FindingEdit, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let id = engagement.resolve_finding(&args.id)?;
    let Some(old) = engagement.finding(&id).cloned() else {
        return Err(Error::usage(
            format!("unknown finding `{id}`"),
            "`vmsaudit finding list` shows them",
        )
        .into());
    };
    let fields = args.fields;
    let mut new = old.clone();
    if let Some(title) = args.title {
        new.title = title;
    }
    if let Some(domain) = &fields.domain {
        new.domain = engagement.resolve_domain(domain)?;
    }
    if !fields.controls.is_empty() {
        new.controls = resolve_all(&fields.controls, |id| engagement.resolve_control(id))?;
    } else if args.no_controls {
        new.controls.clear();
    }
    if let Some(description) = &fields.description {
        new.description = description.clone();
    }
    if !fields.cves.is_empty() {
        new.cves = fields.cves.clone();
    } else if args.no_cves {
        new.cves.clear();
    }
    if let Some(vector) = &fields.cvss {
        // A new vector is the auditor's unless said otherwise; the same one keeps its source.
        let kept = (old.cvss.as_ref() == Some(vector))
            .then_some(old.cvss_source)
            .flatten();
        new.cvss_source = Some(fields.cvss_source.or(kept).unwrap_or(VectorSource::Auditor));
        new.cvss = Some(vector.clone());
        new.severity = fields.severity;
        new.severity_justification = fields.justification.clone();
    } else {
        if args.no_cvss {
            new.cvss = None;
            new.cvss_source = None;
        }
        if let Some(source) = fields.cvss_source {
            new.cvss_source = Some(source);
        }
        if let Some(severity) = fields.severity {
            new.severity = Some(severity);
        }
        if let Some(justification) = &fields.justification {
            new.severity_justification = Some(justification.clone());
        }
    }
    if fields.remote_takeover {
        new.remote_takeover = true;
    }
    if args.no_remote_takeover {
        new.remote_takeover = false;
    }
    if !fields.assets.is_empty() {
        new.assets = resolve_all(&fields.assets, |id| engagement.resolve_asset(id))?;
    } else if args.no_assets {
        new.assets.clear();
    }
    if let Some(recommendation) = &fields.recommendation {
        new.recommendation = recommendation.clone();
    }
    if let Some(status) = args.status {
        if status != old.status && args.reason.is_none() {
            // The old reason explained the old status.
            new.status_reason = None;
        }
        new.status = status;
    }
    if let Some(reason) = args.reason {
        new.status_reason = non_empty(reason);
    }
    check(
        &format!("finding edit {id}"),
        engagement.check_finding(&new),
        FINDING_OPTIONS,
    )?;
    let saved = engagement.update_finding(new, &evidence_of(&fields), &who, now)?;
    print_saved(&saved);
    Ok(ExitCode::SUCCESS)
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
    let ordered = findings_in_order(&engagement.findings, &engagement.grid);
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
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "findings": views }))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if ordered.is_empty() {
        writeln!(
            out,
            "No findings yet. Add one with `vmsaudit finding add --title \"...\" --domain DOMAIN ...`."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = [
        "ID", "!", "SEVERITY", "CVSS", "DOMAIN", "STATUS", "CVES", "TITLE",
    ];
    let rows: Vec<Vec<String>> = ordered
        .iter()
        .map(|finding| {
            let cves: Vec<String> = finding.cves.iter().map(ToString::to_string).collect();
            vec![
                finding.id.clone(),
                flag(finding.is_critical()),
                crate::text::or_dash(finding.severity()),
                finding
                    .cvss
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), score_label),
                one_line(&finding.domain),
                finding.status.to_string(),
                if cves.is_empty() {
                    "—".to_owned()
                } else {
                    cves.join(",")
                },
                one_line(&finding.title),
            ]
        })
        .collect();
    print_table(&mut out, &header, &rows, &[3])?;
    let critical = ordered.iter().filter(|f| f.is_critical()).count();
    writeln!(
        out,
        "\n{} finding(s), {critical} critical ([!]: CVSS above 7.0 or remote takeover).",
        ordered.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn flag(critical: bool) -> String {
    if critical { "[!]" } else { "" }.to_owned()
}

/// `9.8`, or `7.5 (3.0)` for a CVSS 3.0 vector.
fn score_label(vector: &CvssVector) -> String {
    match vector.version() {
        crate::assessment::CvssVersion::V3_0 => format!("{} (3.0)", vector.base_score()),
        crate::assessment::CvssVersion::V3_1 => vector.base_score().to_string(),
    }
}

/// Prints `rows` under `header` in aligned columns; the columns in `right` are aligned to the
/// right, the last one is not padded.
pub(super) fn print_table(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<String>],
    right: &[usize],
) -> std::io::Result<()> {
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let mut widths = vec![0; header.len()];
    for row in std::iter::once(&header).chain(rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let last = header.len().saturating_sub(1);
    for row in std::iter::once(&header).chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(index, cell)| {
                if index == last {
                    cell.clone()
                } else if right.contains(&index) {
                    pad_left(cell, widths[index])
                } else {
                    pad_right(cell, widths[index])
                }
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

pub fn action(here: &Path, command: ActionCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    match command {
        ActionCommand::Add(args) => action_add(here, args, now),
        ActionCommand::Edit(args) => action_edit(here, args, now),
        ActionCommand::List { json } => action_list(here, json, today(now)),
        ActionCommand::Rm { id } => {
            let mut engagement = super::load_engagement(here)?;
            let who = engagement.auditor(auditor_override()?)?;
            print_saved(&engagement.remove_action(&id, &who, now)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn action_add(here: &Path, args: ActionAdd, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let addresses = resolve_all(&args.addresses, |id| engagement.resolve_finding(id))?;
    let fields = args.fields;
    let action = Action {
        id: String::new(),
        title: args.title,
        description: fields.description.unwrap_or_default(),
        addresses,
        complexity: args.complexity,
        cost: fields.cost.unwrap_or_default(),
        cost_amount: fields.amount,
        currency: fields.currency,
        owner: args.owner,
        deadline: fields.deadline,
        status: ActionStatus::Open,
        status_reason: None,
        created_by: who.clone(),
        created_at: now,
    };
    check(
        "action add",
        engagement.check_action(&action),
        ACTION_OPTIONS,
    )?;
    let (_, saved) = engagement.add_action(action, &who, now)?;
    print_saved(&saved);
    Ok(ExitCode::SUCCESS)
}

fn action_edit(here: &Path, args: ActionEdit, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let id = engagement.resolve_action(&args.id)?;
    let Some(old) = engagement.action(&id).cloned() else {
        return Err(Error::usage(
            format!("unknown action `{id}`"),
            "`vmsaudit action list` shows them",
        )
        .into());
    };
    let fields = args.fields;
    let mut new = old.clone();
    if let Some(title) = args.title {
        new.title = title;
    }
    if let Some(description) = fields.description {
        new.description = description;
    }
    if !args.addresses.is_empty() {
        new.addresses = resolve_all(&args.addresses, |id| engagement.resolve_finding(id))?;
    }
    if let Some(complexity) = args.complexity {
        new.complexity = complexity;
    }
    if let Some(owner) = args.owner {
        new.owner = owner;
    }
    if let Some(cost) = fields.cost {
        new.cost = cost;
    }
    if args.no_amount {
        new.cost_amount = None;
        new.currency = None;
    }
    if let Some(amount) = fields.amount {
        new.cost_amount = Some(amount);
    }
    if let Some(currency) = fields.currency {
        new.currency = Some(currency);
    }
    if let Some(deadline) = fields.deadline {
        new.deadline = Some(deadline);
    }
    if args.no_deadline {
        new.deadline = None;
    }
    if let Some(status) = args.status {
        if status != old.status && args.reason.is_none() {
            new.status_reason = None;
        }
        new.status = status;
    }
    if let Some(reason) = args.reason {
        new.status_reason = non_empty(reason);
    }
    check(
        &format!("action edit {id}"),
        engagement.check_action(&new),
        ACTION_OPTIONS,
    )?;
    print_saved(&engagement.update_action(new, &who, now)?);
    Ok(ExitCode::SUCCESS)
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
    let entries = plan(&engagement.actions, &engagement.findings, &engagement.grid);
    let totals = cost_totals(&engagement.actions);
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
        serde_json::to_writer_pretty(&mut out, &plan)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if entries.is_empty() {
        writeln!(
            out,
            "No actions yet. Add one with `vmsaudit action add --title \"...\" --addresses FINDING --complexity low --owner client`."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = ["ID", "!", "CRITICALITY", "DUE", "OWNER", "STATUS", "TITLE"];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|entry| {
            let due = match entry.due {
                Due::Immediate => "immediate".to_owned(),
                Due::By(date) => date.to_string(),
                Due::Unscheduled => "—".to_owned(),
            };
            let due = if is_overdue(entry.action, today) {
                format!("{due} OVERDUE")
            } else {
                due
            };
            vec![
                entry.action.id.clone(),
                flag(entry.immediate),
                criticality_label(&entry.criticality),
                due,
                entry.action.owner.to_string(),
                entry.action.status.to_string(),
                one_line(&entry.action.title),
            ]
        })
        .collect();
    print_table(&mut out, &header, &rows, &[])?;
    let immediate = entries.iter().filter(|e| e.immediate).count();
    let overdue = entries
        .iter()
        .filter(|e| is_overdue(e.action, today))
        .count();
    writeln!(
        out,
        "\n{} action(s): {immediate} for immediate treatment ([!]), {overdue} overdue (today is {today}).",
        entries.len()
    )?;
    if !totals.is_empty() {
        writeln!(out, "Estimated cost (dropped actions excluded):")?;
        for total in &totals {
            let owner = match (total.owner, &engagement.meta.firm) {
                (Owner::Firm, Some(firm)) => format!("firm ({})", one_line(firm)),
                (owner, _) => owner.to_string(),
            };
            writeln!(
                out,
                "  {owner}: {} {} ({} action(s))",
                total.amount, total.currency, total.actions
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `critical 9.8`, `high 7.0`, `low (by hand)`, `critical (low 3.9)` for a low score made
/// critical by remote takeover.
fn criticality_label(criticality: &Criticality) -> String {
    let severity = criticality
        .severity
        .map_or_else(|| "unrated".to_owned(), |s| s.to_string());
    let score = criticality
        .base_score
        .map_or_else(|| " (by hand)".to_owned(), |s| format!(" {s}"));
    match (criticality.critical, criticality.severity) {
        (true, Some(Severity::Critical)) | (false, _) => format!("{severity}{score}"),
        (true, _) => format!("critical ({severity}{score})"),
    }
}

pub fn asset(here: &Path, command: AssetCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    match command {
        AssetCommand::Add(args) => asset_add(here, args, now),
        AssetCommand::Import { file } => {
            let mut engagement = super::load_engagement(here)?;
            let who = engagement.auditor(auditor_override()?)?;
            let imported = engagement.import_assets(&file, &who, now)?;
            print_saved(&imported.saved);
            if imported.saved.commit.is_some() && imported.unchanged > 0 {
                println!("{} row(s) unchanged", imported.unchanged);
            }
            Ok(ExitCode::SUCCESS)
        }
        AssetCommand::List { json } => asset_list(here, json),
        AssetCommand::Rm { id } => {
            let mut engagement = super::load_engagement(here)?;
            let who = engagement.auditor(auditor_override()?)?;
            print_saved(&engagement.remove_asset(&id, &who, now)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn asset_add(here: &Path, args: AssetAdd, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    // The same asset whatever the case it is typed in.
    let existing = engagement
        .resolve_asset(&args.id)
        .ok()
        .and_then(|id| engagement.asset(&id).cloned());
    let mut asset = match (existing, args.kind) {
        (Some(asset), _) => asset,
        (None, Some(kind)) => Asset::new(args.id.trim(), kind),
        (None, None) => {
            let kinds: Vec<&str> = AssetKind::ALL.iter().map(|k| k.as_str()).collect();
            return Err(Error::usage(
                format!(
                    "{} is not in the inventory yet, so it needs a kind",
                    one_line(&args.id)
                ),
                format!("add --kind with one of {}", kinds.join(", ")),
            )
            .into());
        }
    };
    if let Some(kind) = args.kind {
        asset.kind = kind;
    }
    for (value, field) in [
        (args.vendor, &mut asset.vendor),
        (args.model, &mut asset.model),
        (args.firmware, &mut asset.firmware),
        (args.address, &mut asset.address),
        (args.location, &mut asset.location),
        (args.notes, &mut asset.notes),
    ] {
        if let Some(value) = value {
            *field = non_empty(value.trim().to_owned());
        }
    }
    let (upsert, saved) = engagement.save_asset(asset, &who, now)?;
    print_saved(&saved);
    if upsert == Upsert::Updated {
        println!("(the asset was already in the inventory: updated)");
    }
    Ok(ExitCode::SUCCESS)
}

fn asset_list(here: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({ "assets": engagement.assets.as_slice() }),
        )?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if engagement.assets.is_empty() {
        writeln!(
            out,
            "The inventory is empty. Add assets with `vmsaudit asset add ID --kind KIND` or `vmsaudit asset import FILE.csv`."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = [
        "ID", "KIND", "VENDOR", "MODEL", "FIRMWARE", "ADDRESS", "LOCATION", "FINDINGS",
    ];
    let cell = |value: &Option<String>| value.as_deref().map_or_else(|| "—".to_owned(), one_line);
    let rows: Vec<Vec<String>> = engagement
        .assets
        .iter()
        .map(|asset| {
            let findings = engagement
                .findings
                .iter()
                .filter(|finding| finding.assets.contains(&asset.id))
                .count();
            vec![
                asset.id.clone(),
                asset.kind.to_string(),
                cell(&asset.vendor),
                cell(&asset.model),
                cell(&asset.firmware),
                cell(&asset.address),
                cell(&asset.location),
                findings.to_string(),
            ]
        })
        .collect();
    print_table(&mut out, &header, &rows, &[])?;
    writeln!(out, "\n{} asset(s).", engagement.assets.len())?;
    Ok(ExitCode::SUCCESS)
}
