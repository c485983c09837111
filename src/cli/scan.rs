//! `vmsaudit scan import|list|accept|dismiss` and `vmsaudit capture`: nmap's XML into the
//! inventory and the evidence, what the scans say per host and per control, the auditor's
//! decisions on their proposals, and a probe's output kept as evidence. The engagement reads,
//! decides and writes; this prints, sanitised.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use jiff::Timestamp;
use serde::Serialize;

use super::{auditor_override, load_engagement, write_json};
use crate::assessment::Level;
use crate::engagement::{Capture, shell_words, short_id};
use crate::error::ScanAsk;
use crate::scan::{self, Decision, Fact, Identity, Proposal};
use crate::text::{one_line, sanitize};

#[derive(Debug, Subcommand)]
pub enum ScanCommand {
    /// Import nmap's XML output (-oX): hosts into the inventory, the file kept as evidence.
    /// The same file again changes nothing
    Import {
        /// XML files written by `nmap -oX`
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// What the scans say: hosts with their ports and identity, and the proposals per control
    List {
        /// Print JSON for scripts instead of tables
        #[arg(long)]
        json: bool,
        /// Only the proposals on this control
        #[arg(long)]
        control: Option<String>,
    },
    /// Accept the pending proposals on a control into its observations, the scan linked as
    /// evidence (all of them, or those whose ids are given)
    Accept(AcceptArgs),
    /// Dismiss the pending proposals on a control (all, or those whose ids are given)
    Dismiss(DecideArgs),
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// Control id, e.g. ENC-04
    pub control: String,
    /// Proposal ids as `scan list` shows them (or facts, `telnet@10.20.0.12:23/tcp`)
    pub ids: Vec<String>,
}

// Only accepting may answer a control, so only `scan accept` takes a level: clap refuses
// one given to `scan dismiss`, and that command's help does not offer it.
#[derive(Debug, Args)]
pub struct AcceptArgs {
    #[command(flatten)]
    pub proposals: DecideArgs,
    /// The level to set, for a control not answered yet
    #[arg(long)]
    pub level: Option<Level>,
}

#[derive(Debug, Args)]
pub struct CaptureArgs {
    /// Control (ENC-04) or finding (F-K3X9Q2) the output is evidence of
    pub target: String,
    /// The level to set, for a control not answered yet
    #[arg(long)]
    pub level: Option<Level>,
    /// Stop the command after this many seconds
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    pub timeout: u64,
    /// The command and its arguments, after `--`; run as is, without a shell
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

/// Each stream's output kept up to this; beyond, counted and left out.
const MAX_CAPTURE_BYTES: usize = 4 * 1024 * 1024;

pub fn run(here: &Path, command: ScanCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    match command {
        ScanCommand::Import { files } => import(here, &files, now),
        ScanCommand::List { json, control } => list(here, json, control.as_deref()),
        ScanCommand::Accept(args) => {
            decide(here, args.proposals, Decision::Accepted, args.level, now)
        }
        ScanCommand::Dismiss(args) => decide(here, args, Decision::Dismissed, None, now),
    }
}

fn import(here: &Path, files: &[PathBuf], now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let lang = super::lang::of(&engagement);
    let words = super::words::words(lang);
    let mut out = std::io::stdout().lock();
    for file in files {
        let done = engagement.import_scan(file, &who, now)?;
        match done.saved.commit {
            Some(commit) => writeln!(
                out,
                "{} {} [{:.7}]",
                words.saved,
                one_line(&done.saved.message),
                commit
            )?,
            None => writeln!(out, "{}", one_line(&done.saved.message))?,
        }
        // A scan of hosts down, or of closed ports only, adds no host: no empty list.
        if !done.already && !done.assets.is_empty() {
            let hosts = done.assets.join(", ");
            writeln!(out, "{}", super::words::fill(words.scan_hosts, hosts))?;
        }
        for disagreement in &done.disagreements {
            let kept = super::words::fill(words.scan_kept, one_line(&disagreement.describe(lang)));
            writeln!(out, "{kept}")?;
        }
    }
    writeln!(out, "{}", words.scan_next)?;
    Ok(ExitCode::SUCCESS)
}

fn decide(
    here: &Path,
    args: DecideArgs,
    decision: Decision,
    level: Option<Level>,
    now: Timestamp,
) -> anyhow::Result<ExitCode> {
    let mut engagement = load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let saved = engagement.decide_scan(&args.control, &args.ids, decision, level, &who, now);
    said(&engagement, saved)
}

/// A host as `scan list --json` shows it.
#[derive(Serialize)]
struct HostView<'a> {
    scan: &'a str,
    address: &'a str,
    asset: Option<&'a str>,
    mac: Option<&'a str>,
    mac_vendor: Option<&'a str>,
    hostnames: &'a [String],
    identity: Identity,
    ports: Vec<PortView<'a>>,
    facts: Vec<Fact>,
    /// What the TLS ports presented, one line each.
    tls: Vec<String>,
}

#[derive(Serialize)]
struct PortView<'a> {
    port: u16,
    protocol: &'a str,
    state: &'a str,
    service: String,
    /// nmap matched the service's answer (otherwise the name is a guess from the port).
    probed: bool,
    product: Option<&'a str>,
    version: Option<&'a str>,
    scripts: Vec<ScriptView<'a>>,
}

#[derive(Serialize)]
struct ScriptView<'a> {
    id: &'a str,
    output: &'a str,
}

#[derive(Serialize)]
struct ProposalView<'a> {
    id: String,
    #[serde(flatten)]
    proposal: &'a Proposal,
}

#[derive(Serialize)]
struct ListView<'a> {
    scans: Vec<&'a scan::ScanRecord>,
    hosts: Vec<HostView<'a>>,
    proposals: Vec<ProposalView<'a>>,
}

fn list(here: &Path, json: bool, control: Option<&str>) -> anyhow::Result<ExitCode> {
    let engagement = load_engagement(here)?;
    let state = engagement.state();
    let control = control
        .map(|wanted| crate::rules::resolve::control(&state.grid, wanted))
        .transpose()?;
    let scans = engagement.scans()?;
    let proposals: Vec<Proposal> = engagement
        .scan_proposals()?
        .into_iter()
        .filter(|proposal| {
            control
                .as_ref()
                .is_none_or(|wanted| proposal.control == *wanted)
        })
        .collect();
    // JSON keeps English; the text follows the engagement's language.
    let lang = if json {
        crate::grid::Lang::En
    } else {
        super::lang::of(&engagement)
    };
    let hosts: Vec<HostView> = scans
        .iter()
        .flat_map(|loaded| {
            loaded
                .run
                .hosts
                .iter()
                .filter(|host| host.up)
                .map(|host| host_view(loaded, host, state.assets.as_slice(), lang))
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        let view = ListView {
            scans: scans.iter().map(|loaded| &loaded.record).collect(),
            hosts,
            proposals: proposals
                .iter()
                .map(|proposal| ProposalView {
                    id: short_id(proposal),
                    proposal,
                })
                .collect(),
        };
        write_json(&mut out, &view)?;
        return Ok(ExitCode::SUCCESS);
    }
    let words = super::words::words(lang);
    if scans.is_empty() {
        writeln!(out, "{}", words.scan_none)?;
        return Ok(ExitCode::SUCCESS);
    }
    if control.is_none() {
        print_scans(&mut out, &scans, lang)?;
        for host in &hosts {
            print_host(&mut out, host, lang)?;
        }
        writeln!(out)?;
    }
    print_proposals(&mut out, state, &proposals, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// A host that was up, as `scan list` shows it (its TLS lines in `lang`).
fn host_view<'a>(
    loaded: &'a scan::Loaded,
    host: &'a scan::Host,
    assets: &'a [crate::assessment::Asset],
    lang: crate::grid::Lang,
) -> HostView<'a> {
    HostView {
        scan: &loaded.record.id,
        address: &host.address,
        asset: scan::asset_for(assets, host).map(|asset| asset.id.as_str()),
        mac: host.mac.as_deref(),
        mac_vendor: host.mac_vendor.as_deref(),
        hostnames: &host.hostnames,
        identity: scan::identify(host),
        ports: host.ports.iter().map(port_view).collect(),
        facts: scan::facts(host, loaded.run.started),
        tls: host
            .ports
            .iter()
            .filter(|port| port.is_open())
            .filter_map(|port| tls_line(port, super::words::words(lang)))
            .collect(),
    }
}

fn port_view(port: &scan::Port) -> PortView<'_> {
    let service = port.service.as_ref();
    PortView {
        port: port.number,
        protocol: &port.protocol,
        state: &port.state,
        service: port.service_name(),
        probed: service.is_some_and(|s| s.probed),
        product: service.and_then(|s| s.product.as_deref()),
        version: service.and_then(|s| s.version.as_deref()),
        scripts: port
            .scripts
            .iter()
            .map(|script| ScriptView {
                id: &script.id,
                output: &script.output,
            })
            .collect(),
    }
}

/// One line per imported scan.
fn print_scans(
    out: &mut impl Write,
    scans: &[scan::Loaded],
    lang: crate::lang::Lang,
) -> anyhow::Result<()> {
    let words = super::words::words(lang);
    let rows: Vec<Vec<String>> = scans
        .iter()
        .map(|loaded| {
            let record = &loaded.record;
            vec![
                record.id.clone(),
                one_line(&record.file),
                format!("nmap {}", one_line(&record.nmap)),
                record
                    .started
                    .map_or_else(|| "—".to_owned(), |at| crate::clock::moment(lang, at)),
                record.hosts.to_string(),
                one_line(&record.evidence.path),
            ]
        })
        .collect();
    let titles: Vec<&str> = words.scan_columns.split('|').collect();
    super::table::print(out, &titles, &rows, &[4])?;
    Ok(())
}

/// A host: who it is, its open ports, what its TLS ports presented.
fn print_host(
    out: &mut impl Write,
    host: &HostView,
    lang: crate::grid::Lang,
) -> anyhow::Result<()> {
    let words = super::words::words(lang);
    writeln!(out)?;
    let name = host.asset.map_or_else(String::new, |id| format!("{id}  "));
    let identity = &host.identity;
    let mut what: Vec<String> = [&identity.vendor, &identity.model]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if let Some(firmware) = &identity.firmware {
        what.push(super::words::fill(words.scan_firmware, firmware));
    }
    let mac = host.mac.map_or_else(String::new, |mac| {
        let vendor = host
            .mac_vendor
            .map(|v| format!(" ({v})"))
            .unwrap_or_default();
        format!("  MAC {mac}{vendor}")
    });
    let what = if what.is_empty() {
        String::new()
    } else {
        format!("  {}", one_line(&what.join(" ")))
    };
    writeln!(
        out,
        "{}{}{}{what}",
        one_line(&name),
        one_line(host.address),
        one_line(&mac)
    )?;
    if let Some(clue) = identity.clues.first() {
        writeln!(
            out,
            "{}",
            super::words::fill(words.scan_identified, one_line(&clue.describe(lang)))
        )?;
    }
    if !identity.other_vendors.is_empty() {
        let names = one_line(&identity.other_vendors.join(", "));
        writeln!(out, "{}", super::words::fill(words.scan_also_named, names))?;
    }
    let rows: Vec<Vec<String>> = host
        .ports
        .iter()
        .filter(|port| port.state == "open")
        .map(|port| {
            let service = if port.probed {
                port.service.clone()
            } else {
                format!("{}?", port.service)
            };
            let product: Vec<&str> = [port.product, port.version].into_iter().flatten().collect();
            vec![
                format!("  {}/{}", port.port, port.protocol),
                one_line(&service),
                crate::text::excerpt(&one_line(&product.join(" ")), 60),
            ]
        })
        .collect();
    if !rows.is_empty() {
        let titles: Vec<&str> = words.scan_port_columns.split('|').collect();
        super::table::print(out, &titles, &rows, &[])?;
    }
    for line in &host.tls {
        writeln!(out, "  {}", sanitize(&one_line(line)))?;
    }
    Ok(())
}

/// The proposals per control, each with its decision, and how to decide.
fn print_proposals(
    out: &mut impl Write,
    state: &crate::model::State,
    proposals: &[Proposal],
    lang: crate::grid::Lang,
) -> anyhow::Result<()> {
    let words = super::words::words(lang);
    let mut current = "";
    for proposal in proposals {
        if proposal.control != current {
            current = &proposal.control;
            let title = state
                .grid
                .control(current)
                .map(|(_, control)| one_line(control.title.get(lang)))
                .unwrap_or_default();
            let mut evidence: Vec<&str> = proposals
                .iter()
                .filter(|other| other.control == *current)
                .map(|other| other.evidence.as_str())
                .collect();
            evidence.sort_unstable();
            evidence.dedup();
            let evidence =
                super::words::fill(words.scan_control_evidence, one_line(&evidence.join(", ")));
            // The control comes from a scan record, which a co-auditor may have committed.
            writeln!(out, "{}  {title}  {evidence}", one_line(current))?;
        }
        let mark = match proposal.decision {
            None => "[ ]",
            Some(Decision::Accepted) => "[x]",
            Some(Decision::Dismissed) => "[-]",
        };
        writeln!(
            out,
            "  {mark} {}  {}",
            short_id(proposal),
            one_line(&proposal.text)
        )?;
    }
    if proposals.is_empty() {
        writeln!(out, "{}", words.scan_no_proposal)?;
    } else {
        writeln!(out, "\n{}", words.scan_legend)?;
    }
    Ok(())
}

/// `vmsaudit capture TARGET -- COMMAND...`: runs the command (no shell), keeps its output.
pub fn capture(here: &Path, args: CaptureArgs, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    // Refused before the command runs: nothing is lost to a typo in the control.
    engagement.capture_target(&args.target, args.level)?;
    let (capture, end) = run_captured(&args, now)?;
    show_capture(
        &capture,
        &end,
        super::words::words(super::lang::of(&engagement)),
    )?;
    let saved = engagement.save_capture(&args.target, &capture, args.level, &who, now);
    said(&engagement, saved)
}

/// Runs the command of `args` (started at `started`), at most its timeout, and keeps what it
/// wrote, how it ended, when and where.
fn run_captured(args: &CaptureArgs, started: Timestamp) -> anyhow::Result<(Capture, End)> {
    let clock = Instant::now();
    let mut child = std::process::Command::new(&args.command[0])
        .args(&args.command[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| {
            crate::Error::from(ScanAsk::CannotRun {
                command: args.command[0].clone(),
                detail: error.to_string(),
            })
        })?;
    let stdout = child.stdout.take().map(bounded_reader);
    let stderr = child.stderr.take().map(bounded_reader);
    let limit = Duration::from_secs(args.timeout);
    let end = loop {
        if let Some(status) = child.try_wait()? {
            break End::of(status);
        }
        if clock.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            break End::Timeout(args.timeout);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let until = Instant::now() + Duration::from_secs(1);
    let (stdout, stdout_dropped) = collected(stdout, until);
    let (stderr, stderr_dropped) = collected(stderr, until);
    let elapsed = jiff::SignedDuration::try_from(clock.elapsed()).unwrap_or_default();
    // Whole seconds, as every time vmsaudit records.
    let ended = started
        .checked_add(elapsed)
        .ok()
        .and_then(|ended| Timestamp::from_second(ended.as_second()).ok())
        .unwrap_or(started);
    let host = rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned();
    let capture = Capture {
        command: args.command.clone(),
        stdout,
        stderr,
        stdout_dropped,
        stderr_dropped,
        // The evidence keeps English words, as the records' values do.
        status: end.said(super::words::words(crate::grid::Lang::En)),
        started,
        ended,
        host,
    };
    Ok((capture, end))
}

/// The first lines of what the command wrote, sanitised (the evidence keeps the bytes),
/// then the command and how it ended, in `words`.
fn show_capture(capture: &Capture, end: &End, words: &super::words::Words) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let shown = String::from_utf8_lossy(&capture.stdout);
    let lines: Vec<&str> = shown.lines().collect();
    for line in lines.iter().take(20) {
        writeln!(out, "| {}", sanitize(line))?;
    }
    if lines.len() > 20 {
        let more = lines.len() - 20;
        writeln!(
            out,
            "{}",
            super::words::fill(words.capture_more_lines, more)
        )?;
    }
    writeln!(
        out,
        "{}{} {}",
        one_line(&shell_words(&capture.command)),
        words.colon,
        end.said(words)
    )?;
    Ok(())
}

/// `443/tcp certificate: subject ..., issuer ..., 2015-01-01 to 2025-01-01, RSA-1024,
/// self-signed; TLSv1.0, TLSv1.2 (weakest grade C)`, in the words given.
fn tls_line(port: &scan::Port, words: &super::words::Words) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(cert) = &port.certificate {
        let day = |at: Option<Timestamp>| {
            at.map_or_else(|| "?".to_owned(), |at| at.strftime("%Y-%m-%d").to_string())
        };
        let mut said = super::words::fill_all(
            words.scan_certificate,
            &[
                &cert.subject,
                &cert.issuer,
                &day(cert.not_before),
                &day(cert.not_after),
            ],
        );
        if let (Some(kind), Some(bits)) = (&cert.key_type, cert.key_bits) {
            said.push_str(&format!(", {}-{bits}", kind.to_uppercase()));
        }
        if cert.self_signed() {
            said.push_str(&format!(", {}", words.scan_self_signed));
        }
        parts.push(said);
    }
    if let Some(tls) = &port.tls {
        let mut said = tls.versions.join(", ");
        if let Some(grade) = &tls.least_strength {
            said.push_str(&format!(
                " ({})",
                super::words::fill(words.scan_weakest, grade)
            ));
        }
        parts.push(said);
    }
    (!parts.is_empty()).then(|| {
        format!(
            "{}/{} {}",
            port.number,
            port.protocol,
            parts.join(words.scan_tls_sep)
        )
    })
}

/// How a captured command ended.
#[derive(Debug, Clone, Copy)]
enum End {
    Exit(i32),
    Signal(i32),
    /// Stopped after this many seconds.
    Timeout(u64),
    Ended,
}

impl End {
    fn of(status: std::process::ExitStatus) -> End {
        use std::os::unix::process::ExitStatusExt;
        match (status.code(), status.signal()) {
            (Some(code), _) => End::Exit(code),
            (None, Some(signal)) => End::Signal(signal),
            (None, None) => End::Ended,
        }
    }

    fn said(self, words: &super::words::Words) -> String {
        use super::words::fill;
        match self {
            End::Exit(code) => fill(words.capture_exit, code),
            End::Signal(signal) => fill(words.capture_signal, signal),
            End::Timeout(seconds) => fill(words.capture_timeout, seconds),
            End::Ended => words.capture_ended.to_owned(),
        }
    }
}

/// What a reader thread has read so far: the kept bytes, the count of those left out, and
/// whether the stream ended.
type Stream = std::sync::Arc<std::sync::Mutex<(Vec<u8>, u64, bool)>>;

/// Reads a stream to its end on a thread of its own, keeping the first bytes up to the bound
/// and counting the rest (read and dropped, so the command never blocks on a full pipe).
fn bounded_reader(mut stream: impl Read + Send + 'static) -> Stream {
    let shared: Stream = Default::default();
    let filled = std::sync::Arc::clone(&shared);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 64 * 1024];
        loop {
            let read = match stream.read(&mut buffer) {
                Ok(0) => break,
                Ok(read) => read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            let Ok(mut state) = filled.lock() else { break };
            let room = MAX_CAPTURE_BYTES.saturating_sub(state.0.len()).min(read);
            state.0.extend_from_slice(&buffer[..room]);
            state.1 += (read - room) as u64;
        }
        if let Ok(mut state) = filled.lock() {
            state.2 = true;
        }
    });
    shared
}

/// What a reader kept, once its stream ended or `until` passed: a command's own child may
/// keep the pipe open after the command was killed (`sh -c 'sleep 60'`).
fn collected(stream: Option<Stream>, until: Instant) -> (Vec<u8>, u64) {
    let Some(stream) = stream else {
        return (Vec::new(), 0);
    };
    loop {
        let ended = stream.lock().map_or(true, |state| state.2);
        if ended || Instant::now() >= until {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    stream
        .lock()
        .map(|state| (state.0.clone(), state.1))
        .unwrap_or_default()
}

/// What a change to an answer did, as every save says it (scan decisions and captures
/// share it).
fn said(
    engagement: &crate::engagement::Engagement,
    saved: crate::Result<crate::engagement::Saved>,
) -> anyhow::Result<ExitCode> {
    let saved = saved?;
    // Written, not printed: a reader that closed the pipe after the commit is no failure.
    super::findings_plan_inventory::write_saved(
        &mut std::io::stdout().lock(),
        &saved,
        super::lang::of(engagement),
    )?;
    Ok(ExitCode::SUCCESS)
}
