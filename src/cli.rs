//! The command line: clap definitions, dispatch, and the mapping of errors to exit codes.
//!
//! Exit codes are a contract: 0 success, 1 runtime failure (disk, git, lock), 2 bad usage
//! or bad input (unknown control, malformed file...). Errors go to stderr, name the file
//! and line, and say how to fix the problem. Commands call the engagement layer; none of
//! them writes a file or runs git itself.

mod cve;
mod cve_said;
mod export;
mod findings_plan_inventory;
mod report;
mod said;
mod scan;
mod scope;
// Audit rounds, history and several auditors.
mod clap_said;
mod diff;
mod help_fr;
pub mod lang;
mod rounds;
mod sync;
mod table;
mod templates;
mod words;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;

use crate::assessment::{self, Auditor, Level, Score, Status};
use crate::engagement::{AnswerChange, Engagement, InitOptions};
use crate::grid::{self, Lang};
use crate::text::one_line;

#[derive(Debug, Parser)]
#[command(
    name = "vmsaudit",
    version,
    about = "Cybersecurity audits of video-surveillance systems: a checklist in the terminal, an engagement in git",
    after_help = "Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad input."
)]
pub struct Cli {
    /// The engagement's folder (default: the current folder or the one above it that holds
    /// engagement.yaml). File arguments stay relative to where you run the command.
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// The language of the interface, the output and the report (en, fr): default the
    /// engagement's; outside one, VMSAUDIT_LANG, then the locale. For `init` and `demo`,
    /// the new engagement's language (default VMSAUDIT_LANG, else en)
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A hidden `-C` under the global one's id, for the commands that make an engagement and
/// refuse `-C` (`Setting::CForNew`): clap gives a global option to every subcommand that has
/// none of that id, so their help would offer what they refuse. What `-C` is given there
/// still reaches `Cli::dir` (clap carries a subcommand's value of a global id up), and is
/// refused with the same message.
fn refused_c() -> clap::Arg {
    clap::Arg::new("dir")
        .short('C')
        .value_name("DIR")
        .value_parser(clap::value_parser!(PathBuf))
        .hide(true)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive checklist on the engagement (also what `vmsaudit` alone does)
    Open,
    /// Create a sample engagement on the built-in grid and open it (or show its status
    /// when not on a terminal)
    #[command(arg(refused_c()))]
    Demo {
        /// Folder to create
        // Its own id: `dir` is `-C`'s, which every command takes.
        #[arg(id = "folder", value_name = "DIR", default_value = "vmsaudit-demo")]
        dir: PathBuf,
        /// Print the status instead of opening the checklist
        #[arg(long)]
        no_open: bool,
    },
    /// Start an engagement: a git repository with engagement.yaml and the pinned grid
    #[command(arg(refused_c()))]
    Init(InitArgs),
    /// Set the level of a control, its observations and evidence, and commit
    Answer(AnswerArgs),
    /// Findings: vulnerabilities and shortfalls, with CVSS, CVEs and the assets affected
    #[command(subcommand)]
    Finding(findings_plan_inventory::FindingCommand),
    /// The action plan: what to do about the findings, by whom, by when
    #[command(subcommand)]
    Action(findings_plan_inventory::ActionCommand),
    /// The asset inventory: cameras, recorders, servers, network gear
    #[command(subcommand)]
    Asset(findings_plan_inventory::AssetCommand),
    /// Known vulnerabilities: the CVE pack, its matches with the inventory, imports from NVD
    /// and CISA KEV files
    #[command(subcommand)]
    Cve(cve::CveCommand),
    /// Network scans: import nmap's XML (-oX) into the inventory and the evidence, list what
    /// they say per host and per control, accept or dismiss their proposals
    #[command(subcommand)]
    Scan(scan::ScanCommand),
    /// Run a command (no shell) and keep its output, exit status, times and host as evidence
    /// on a control or a finding: `vmsaudit capture ENC-04 -- openssl s_client -connect HOST:443`
    Capture(scan::CaptureArgs),
    /// Render the audit report: Markdown (with the radar chart as SVG and PNG), HTML, or
    /// Word (DOCX, through pandoc)
    Report(report::ReportArgs),
    /// Template overrides of the report in the engagement's templates/: list them, review
    /// one against the built-in template, accept them in this clone (a report uses only
    /// accepted ones)
    #[command(subcommand)]
    Template(templates::TemplateCommand),
    /// The action plan or the findings as a spreadsheet for the client (XLSX or CSV)
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Set a domain's score by hand in place of the computed one, with a justification (the
    /// report shows both), or remove that override
    Override {
        /// Domain id, e.g. NET
        domain: String,
        /// The score to show, e.g. 1.5
        #[arg(required_unless_present = "clear")]
        score: Option<Score>,
        /// Why the computed score does not reflect the domain
        #[arg(long, required_unless_present = "clear", allow_hyphen_values = true)]
        justification: Option<String>,
        /// Remove the override: the computed score is shown again
        #[arg(long, conflicts_with_all = ["score", "justification"])]
        clear: bool,
    },
    /// The audit's scope: the components included, the exclusions, the contractual limits.
    /// Each option given replaces its list; alone, prints the scope
    Scope(scope::ScopeArgs),
    /// Progress and score per domain
    Status {
        /// Print JSON for scripts instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print the shell completion script for SHELL (bash, zsh, fish, elvish, powershell)
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), e.g. `vmsaudit man > vmsaudit.1`
    Man,
    /// Check a grid file, or print the built-in grid
    #[command(subcommand)]
    Grid(GridCommand),
    /// Audit rounds: close one (report, commit, tag audit/LABEL), start the next, list them
    #[command(subcommand)]
    Audit(rounds::AuditCommand),
    /// What changed between two rounds (labels or any git revision; TO defaults to the
    /// working copy): scores, levels, findings, actions
    Diff(diff::DiffArgs),
    /// Who changed a control, when, and from what to what, across rounds
    Log(rounds::LogArgs),
    /// Fetch, merge and push with the engagement's git remote (several auditors); commits
    /// nothing by itself
    Sync(sync::SyncArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create (must be absent or empty)
    #[arg(id = "folder", value_name = "DIR")]
    pub dir: PathBuf,
    /// The audited client
    #[arg(long)]
    pub client: String,
    /// The audited site
    #[arg(long)]
    pub site: Option<String>,
    /// Contract or purchase-order reference
    #[arg(long)]
    pub contract: Option<String>,
    /// The auditing firm
    #[arg(long)]
    pub firm: Option<String>,
    /// An auditor, "Name <email>"; repeat for a team. The first one authors this clone's commits
    #[arg(long = "auditor", value_name = "NAME <EMAIL>")]
    pub auditors: Vec<Auditor>,
    /// A grid file to use instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub grid: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// Control id, e.g. ACC-01
    pub control: String,
    /// Level of the scale (0–4), or `na` when the control does not apply (say why with --note)
    #[arg(long)]
    pub level: Option<Level>,
    /// Observations in Markdown; replaces the current ones
    #[arg(long, conflicts_with = "note_file", allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Read the observations from a file
    #[arg(long, value_name = "FILE")]
    pub note_file: Option<PathBuf>,
    /// A file to keep as evidence (copied into the engagement and hashed); repeatable
    #[arg(long, value_name = "FILE")]
    pub evidence: Vec<PathBuf>,
    /// A note recorded with the evidence files of this command
    #[arg(long, requires = "evidence", allow_hyphen_values = true)]
    pub evidence_note: Option<String>,
    /// Detach an evidence file, by its path as the answer lists it (evidence/ACC-01/users.png); its file goes too when no other record lists it; repeatable
    #[arg(long, value_name = "PATH")]
    pub drop_evidence: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum GridCommand {
    /// Report every problem of a grid file, as file:line:column; exits 2 when there is any
    Check { file: PathBuf },
    /// Print the built-in grid, to copy and adapt
    Export,
    /// Print a grid's controls with their text hashes, as the `replaces:` entry a newer
    /// version of it starts from (FILE, or `builtin`)
    Hashes {
        #[arg(value_name = "FILE|builtin")]
        file: PathBuf,
    },
}

/// Runs the command line and turns the outcome into the process's exit code.
pub fn main() -> ExitCode {
    // Everything this process creates (records, evidence, git objects, temporary files) is
    // private to the user, whatever umask the jump host's shell has.
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    // Past a file-size limit (`ulimit -f`, a quota), a write then fails with an error that is
    // reported, instead of the signal killing the process half-way through a change.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => {
            let lang = clap_said::language(&args);
            let error = help_fr::in_language(error, &args, lang);
            // `--help`, `--version`: clap prints them.
            if !error.use_stderr() {
                error.exit();
            }
            let _ = writeln!(
                std::io::stderr().lock(),
                "{}",
                clap_said::phrase(&error, lang)
            );
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(code) => code,
        // `vmsaudit finding list | head`: the reader has what it wanted.
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|error| error.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            report(&error);
            exit_code(&error)
        }
    }
}

fn report(error: &anyhow::Error) {
    let lang = lang::outside();
    let words = words::words(lang);
    let counted = |count: usize| {
        let noun = if count == 1 {
            words.problem
        } else {
            words.problems
        };
        format!(
            "{}{} {count} {noun}{}",
            words.error, words.colon, words.colon
        )
    };
    let text = match error.downcast_ref::<crate::Error>() {
        Some(crate::Error::Invalid(problems)) => {
            format!("{}\n{}", counted(problems.0.len()), problems.phrase(lang))
        }
        Some(crate::Error::Refused(refusal)) => format!(
            "{}\n{}",
            counted(refusal.problems.len()),
            said::refusal(refusal, lang)
        ),
        _ => {
            // The core's errors in the reader's language; context added on the way (a
            // file's name) and others' errors (git's, the system's) as they are.
            let chain: Vec<String> = error
                .chain()
                .map(|cause| match cause.downcast_ref::<crate::Error>() {
                    Some(error) => said::error(error, lang),
                    None => cause.to_string(),
                })
                .collect();
            format!("{}{} {}", words.error, words.colon, chain.join(": "))
        }
    };
    // Whatever the error quotes (a file name, git's message, a template's text) may come
    // from a co-auditor: no escape sequence reaches the terminal.
    let _ = writeln!(std::io::stderr().lock(), "{}", crate::text::sanitize(&text));
}

fn exit_code(error: &anyhow::Error) -> ExitCode {
    let bad_input = error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<crate::Error>())
        .any(crate::Error::is_bad_input);
    ExitCode::from(if bad_input { 2 } else { 1 })
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    lang::settle(cli.lang)?;
    let here = cli.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let now = crate::clock::now()?;
    let warn = works_on_engagement(cli.command.as_ref());
    // `-C` names the engagement a command works on; a new one is made where its folder
    // says, from where the command runs, as any file argument.
    if cli.dir.is_some() && matches!(cli.command, Some(Command::Init(_) | Command::Demo { .. })) {
        return Err(crate::Error::from(crate::error::Setting::CForNew).into());
    }
    let result = match cli.command {
        None | Some(Command::Open) => open(&here, cli.lang),
        Some(Command::Demo { dir, no_open }) => demo(
            &dir,
            lang::new_engagement().unwrap_or(Lang::En),
            now,
            no_open,
        ),
        Some(Command::Init(args)) => init(args, now),
        Some(Command::Answer(args)) => answer(&here, args, now),
        Some(Command::Finding(command)) => findings_plan_inventory::finding(&here, command, now),
        Some(Command::Action(command)) => findings_plan_inventory::action(&here, command, now),
        Some(Command::Asset(command)) => findings_plan_inventory::asset(&here, command, now),
        Some(Command::Cve(command)) => cve::run(&here, command, now),
        Some(Command::Report(args)) => report::run(&here, args),
        Some(Command::Template(command)) => templates::run(&here, command),
        Some(Command::Scope(args)) => scope::run(&here, args, now),
        Some(Command::Export(command)) => export::run(&here, command, now),
        Some(Command::Scan(command)) => scan::run(&here, command, now),
        Some(Command::Capture(args)) => scan::capture(&here, args, now),
        Some(Command::Override {
            domain,
            score,
            justification,
            clear,
        }) => {
            let value = match (clear, score, justification) {
                (false, Some(score), Some(justification)) => Some((score, justification)),
                _ => None,
            };
            findings_plan_inventory::save(
                &here,
                crate::rules::Change::Override { domain, value },
                now,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            let mut command = help_fr::for_reader(lang::reader(&here));
            // Into memory first: clap_complete panics on a failed write (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "vmsaudit", &mut script);
            std::io::stdout().write_all(&script)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let lang = lang::reader(&here);
            let mut page = Vec::new();
            clap_mangen::Man::new(help_fr::for_reader(lang)).render(&mut page)?;
            std::io::stdout().write_all(&help_fr::man_sections(page, lang))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Status { json }) => status(&here, json),
        Some(Command::Grid(command)) => grid_command(command),
        Some(Command::Audit(command)) => rounds::audit(&here, command, now),
        Some(Command::Diff(args)) => diff::run(&here, args, now),
        Some(Command::Log(args)) => rounds::log(&here, args),
        Some(Command::Sync(args)) => sync::run(&here, args, now),
    };
    if warn {
        warn_dangling_references(&here, result.is_ok());
    }
    if result.is_err() {
        lang::seen_at(&here);
    }
    result
}

/// `vmsaudit status [--json]`.
fn status(here: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let engagement = load_engagement(here)?;
    if json {
        /// The status, and the evidence files missing beside it.
        #[derive(serde::Serialize)]
        struct WithEvidence {
            #[serde(flatten)]
            status: Status,
            missing_evidence: usize,
            /// Only in a round that has answers carried over to re-verify, or had some.
            #[serde(skip_serializing_if = "Option::is_none")]
            reverify: Option<crate::model::ReverifyProgress>,
        }
        let status = WithEvidence {
            status: engagement_status(&engagement),
            missing_evidence: engagement.missing_evidence(),
            reverify: engagement.state().reverify_progress(),
        };
        let mut stdout = std::io::stdout().lock();
        write_json(&mut stdout, &status)?;
    } else {
        print_status(&engagement)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `vmsaudit grid check|hashes|export`.
fn grid_command(command: GridCommand) -> anyhow::Result<ExitCode> {
    match command {
        GridCommand::Check { file } => {
            let (grid, text) = grid::read(&file)?;
            // Typography is advice, not an error: the grid is valid and the exit code says so.
            let warnings = grid::typography::warnings(&file.display().to_string(), &text);
            let lang = lang::outside();
            let words = words::words(lang);
            for warning in &warnings {
                warn(lang, &warning.phrase(lang));
            }
            let warned = match warnings.len() {
                0 => String::new(),
                count => words::fill(words.grid_typography, count),
            };
            writeln!(
                std::io::stdout().lock(),
                "{}",
                words::fill_all(
                    words.grid_ok,
                    // What the grid file says, however it says it, printed as one line.
                    &[
                        &one_line(&file.display().to_string()),
                        &one_line(&grid.id),
                        &one_line(&grid.version),
                        &grid.domains.len(),
                        &grid.control_count(),
                        &one_line(&grid.languages.join(", ")),
                        &warned
                    ]
                )
            )?;
        }
        GridCommand::Hashes { file } => {
            let grid = grid::read_or_builtin(&file)?.0;
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "replaces:\n  - version: {}\n    controls:",
                one_line(&grid.version)
            )?;
            for (_, control) in grid.controls() {
                writeln!(
                    out,
                    "      {}: {{hash: {}}}",
                    control.id,
                    grid::versions::text_hash(control)
                )?;
            }
        }
        GridCommand::Export => {
            std::io::stdout().write_all(grid::builtin::SOURCE.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether `command` works on an existing engagement from the command line (the checklist
/// shows warnings itself; `sync` reports what its merge left).
fn works_on_engagement(command: Option<&Command>) -> bool {
    !matches!(
        command,
        None | Some(
            Command::Open
                | Command::Demo { .. }
                | Command::Init(_)
                | Command::Grid(_)
                | Command::Sync(_)
        )
    )
}

/// References between records that do not hold (as a merge between clones can leave them)
/// do not stop commands: after each command that works on the engagement, they are listed
/// once on stderr, as the engagement stands then. Saving the record that holds one, or
/// closing a round, is refused.
///
/// Records change only through commits: when the records the command held in memory at its
/// end stand at HEAD (it changed nothing, or its changes went through `Engagement::change`,
/// which keeps the records and their warnings up to date), their warnings are right, and
/// the engagement is not read a second time. Otherwise (another command committed meanwhile,
/// the command failed, or it committed without keeping its records) it is read again.
fn warn_dangling_references(here: &Path, succeeded: bool) {
    let noted = NOTED.lock().ok().and_then(|mut noted| noted.take());
    let warnings = match noted {
        Some(noted)
            if succeeded
                && noted.at.is_some()
                && Engagement::head_of(&noted.root).ok() == Some(noted.at) =>
        {
            noted.warnings
        }
        _ => match Engagement::open(here) {
            Ok(engagement) => engagement.state().warnings.clone(),
            Err(_) => return,
        },
    };
    let lang = lang::outside();
    for warning in &warnings {
        warn(lang, &warning.phrase(lang));
    }
}

/// `warning: TEXT` on stderr, in `lang`, the text made safe for the terminal.
fn warn(lang: Lang, text: &str) {
    let words = words::words(lang);
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}{} {}",
        words.warning,
        words.colon,
        crate::text::sanitize(text)
    );
}

/// What the records a command held in memory said when it was done with them.
struct Noted {
    root: PathBuf,
    /// The commit they stood at ([`Engagement::loaded_at`]).
    at: Option<git2::Oid>,
    warnings: Vec<crate::error::Problem>,
}

/// Set when a command's [`Opened`] goes, read by [`warn_dangling_references`].
static NOTED: std::sync::Mutex<Option<Noted>> = std::sync::Mutex::new(None);

/// An engagement opened by a command ([`load_engagement`]): used as the [`Engagement`] it
/// holds; when the command is done with it, what its records say is noted for
/// [`warn_dangling_references`].
pub(crate) struct Opened(Engagement);

impl std::ops::Deref for Opened {
    type Target = Engagement;
    fn deref(&self) -> &Engagement {
        &self.0
    }
}

impl std::ops::DerefMut for Opened {
    fn deref_mut(&mut self) -> &mut Engagement {
        &mut self.0
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        if let Ok(mut noted) = NOTED.lock() {
            *noted = Some(Noted {
                root: self.0.root().to_owned(),
                at: self.0.loaded_at(),
                warnings: self.0.state().warnings.clone(),
            });
        }
    }
}

/// The auditor named by `VMSAUDIT_AUDITOR`, for shared accounts on a jump host.
fn auditor_override() -> anyhow::Result<Option<Auditor>> {
    match std::env::var("VMSAUDIT_AUDITOR") {
        Ok(text) => text
            .parse()
            .map(Some)
            .map_err(|flaw| crate::Error::from(crate::error::Setting::AuditorVar(flaw)))
            .map_err(anyhow::Error::from),
        // Not set is no override; set but not UTF-8 is a mistake to say, not to skip.
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(crate::Error::from(crate::error::Setting::AuditorVarNotText).into())
        }
    }
}

fn init(args: InitArgs, now: Timestamp) -> anyhow::Result<ExitCode> {
    let options = InitOptions {
        client: args.client,
        site: args.site,
        contract: args.contract,
        firm: args.firm,
        auditors: args.auditors,
        language: lang::new_engagement(),
        grid: args.grid,
    };
    let engagement = Engagement::init(&args.dir, options, now)?;
    let state = engagement.state();
    let words = words::words(lang::on(state.meta.language));
    let dir = one_line(&args.dir.display().to_string());
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        words::fill_all(
            words.created_engagement,
            &[
                &dir,
                &one_line(&state.meta.client),
                &one_line(&state.grid.id),
                &one_line(&state.grid.version.to_string()),
                &state.grid.control_count(),
                &state.meta.language,
            ]
        )
    )?;
    writeln!(
        out,
        "{}",
        words::fill_all(words.next_answer, &[&dir, &state.grid.max_level()])
    )?;
    Ok(ExitCode::SUCCESS)
}

fn answer(here: &Path, args: AnswerArgs, now: Timestamp) -> anyhow::Result<ExitCode> {
    let observations = match (&args.note, &args.note_file) {
        (Some(note), _) => Some(note.clone()),
        (None, Some(path)) => Some(crate::files::read_user_text(
            path,
            crate::files::MAX_RECORD_BYTES,
        )?),
        (None, None) => None,
    };
    let change = AnswerChange {
        control: args.control,
        level: args.level,
        observations,
        evidence: args
            .evidence
            .into_iter()
            .map(|path| (path, args.evidence_note.clone()))
            .collect(),
        drop_evidence: args.drop_evidence,
    };
    findings_plan_inventory::save(here, crate::rules::Change::Answer(change), now)?;
    Ok(ExitCode::SUCCESS)
}

fn open(here: &Path, lang: Option<Lang>) -> anyhow::Result<ExitCode> {
    // The checklist shows the warnings itself.
    let engagement = open_engagement(here)?;
    if !interactive() {
        anyhow::bail!(crate::Error::from(crate::error::Setting::NoTerminal));
    }
    let auditor = engagement.auditor(auditor_override()?)?;
    crate::tui::run(engagement, auditor, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the engagement at `here`, warning on stderr when other users can read it.
pub(crate) fn load_engagement(here: &Path) -> crate::Result<Opened> {
    open_engagement(here).map(Opened)
}

/// Opens the engagement at `here` to make `change` ([`Engagement::open_to_change`]).
pub(crate) fn load_engagement_to_change(
    here: &Path,
    change: &crate::rules::Change,
) -> crate::Result<Opened> {
    said_open(here, Engagement::open_to_change(here, change)).map(Opened)
}

/// Opens the engagement `here` is in, warning when other users can read it.
fn open_engagement(here: &Path) -> crate::Result<Engagement> {
    said_open(here, Engagement::open(here))
}

/// The engagement `here` is in, `opened`: a failure said in the engagement's language, and
/// a warning when other users can read it.
fn said_open(here: &Path, opened: crate::Result<Engagement>) -> crate::Result<Engagement> {
    let engagement = opened.inspect_err(|_| {
        // What is wrong is said in the engagement's language, when its own file says it.
        if let Some(language) = crate::engagement::language_of(here) {
            lang::seen(language);
        }
    })?;
    lang::seen(engagement.state().meta.language);
    if let Some(warning) = engagement.exposure_warning(lang::of(&engagement)) {
        warn(lang::of(&engagement), &warning);
    }
    if let Some(warning) = engagement.sync_undone_warning(lang::of(&engagement)) {
        warn(lang::of(&engagement), &warning);
    }
    Ok(engagement)
}

fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

fn demo(dir: &Path, lang: Lang, now: Timestamp, no_open: bool) -> anyhow::Result<ExitCode> {
    let engagement = if dir.join(crate::engagement::ENGAGEMENT_FILE).exists() {
        writeln!(
            std::io::stdout().lock(),
            "{}",
            words::fill(words::words(lang).demo_shown, dir.display())
        )?;
        open_engagement(dir)?
    } else {
        let engagement = crate::demo::create(dir, lang, now)?;
        eprintln!(
            "{}",
            words::fill_all(
                words::words(lang).demo_created,
                &[
                    &crate::text::one_line(&dir.display().to_string()),
                    &engagement.state().answers.len(),
                    &crate::text::shell_word(&dir.display().to_string())
                ]
            )
        );
        engagement
    };
    if no_open || !interactive() {
        print_status(&engagement)?;
        return Ok(ExitCode::SUCCESS);
    }
    let auditor = engagement.auditor(auditor_override()?)?;
    crate::tui::run(engagement, auditor, lang::flag())?;
    Ok(ExitCode::SUCCESS)
}

fn engagement_status(engagement: &Engagement) -> Status {
    assessment::status(
        &engagement.state().grid,
        &engagement.state().answers,
        &engagement.state().meta.overrides,
        lang::of(engagement),
    )
}

fn print_status(engagement: &Engagement) -> anyhow::Result<()> {
    let lang = lang::of(engagement);
    let status = engagement_status(engagement);
    let state = engagement.state();
    let meta = &state.meta;
    let mut out = std::io::stdout().lock();
    let site = meta
        .site
        .as_deref()
        .map(|site| format!(" — {}", one_line(site)))
        .unwrap_or_default();
    writeln!(out, "{}{site}", one_line(&meta.client))?;
    let words = words::words(lang);
    writeln!(
        out,
        "{} {} {} · {} {} · {}",
        words.grid,
        one_line(&state.grid.id),
        one_line(&state.grid.version),
        words.language,
        lang,
        engagement.root().display()
    )?;
    writeln!(out)?;
    print_scores(&mut out, state, &status, lang)?;
    if status.not_applicable > 0 {
        writeln!(
            out,
            "\n{}",
            words::fill(words.not_applicable_count, status.not_applicable)
        )?;
    }
    let unanswered = status.total - status.answered;
    if unanswered > 0 {
        writeln!(out, "{}", words::fill(words.not_assessed_count, unanswered))?;
    }
    // Existence only: hashing every file would make `status` as slow as the report.
    let missing = engagement.missing_evidence();
    if missing > 0 {
        writeln!(
            out,
            "{}",
            words::fill(words.evidence_missing_count, missing)
        )?;
    }
    if let Some(progress) = state.reverify_progress() {
        let line = match progress.carried_over {
            Some(total) => words::fill_all(words.reverify_left_of, &[&progress.left, &total]),
            None => words::fill(words.reverify_left, progress.left),
        };
        writeln!(out, "{line}")?;
    }
    print_grid_changes(&mut out, state, lang)?;
    print_unplanned(&mut out, state, lang)?;
    Ok(())
}

/// The table of each domain's answers, score and level, then the total.
fn print_scores(
    out: &mut impl Write,
    state: &crate::model::State,
    status: &assessment::Status,
    lang: Lang,
) -> anyhow::Result<()> {
    let words = words::words(lang);
    let decimal = |score: Option<assessment::Score>| {
        score.map_or_else(
            || "—".to_owned(),
            |score| crate::report::labels::decimal(&score.to_string(), lang),
        )
    };
    let rows = status.domains.iter().map(|domain| {
        let mut label = domain
            .score
            .and_then(|score| state.grid.scale_level(score.level()))
            .map(|level| level.label.get(lang).to_owned())
            .unwrap_or_else(|| words.not_assessed.to_owned());
        if domain.override_justification.is_some() {
            let computed = domain.computed.map_or_else(
                || words.none.to_owned(),
                |score| crate::report::labels::decimal(&score.to_string(), lang),
            );
            label = format!("{label} ({})", words::fill(words.set_by_auditor, computed));
        }
        if let Some(cap) = &domain.cap {
            let capped = words::fill(words.capped, cap.controls.join(", "));
            let mean = lang.decimal(&cap.mean.to_string());
            label = format!("{label} ({})", words::fill(&capped, mean));
        }
        vec![
            format!("{}  {}", domain.id, one_line(&domain.title)),
            format!("{}/{}", domain.answered, domain.total),
            decimal(domain.score),
            one_line(&label),
        ]
    });
    let total = vec![
        words.total.to_owned(),
        format!("{}/{}", status.answered, status.total),
        decimal(status.score),
        String::new(),
    ];
    let header = [words.domain, words.answered, words.score, words.level];
    let body: Vec<Vec<String>> = rows.chain([total]).collect();
    table::print(out, &header, &body, &[1, 2])?;
    Ok(())
}

/// The answers carried over onto a control the newer grid changed, with what changed.
fn print_grid_changes(
    out: &mut impl Write,
    state: &crate::model::State,
    lang: Lang,
) -> anyhow::Result<()> {
    let words = words::words(lang);
    let changed: Vec<(&str, &assessment::GridChange)> = state
        .grid
        .controls()
        .filter_map(|(_, control)| {
            let answer = state.answers.get(&control.id)?;
            Some((control.id.as_str(), answer.changed.as_ref()?))
        })
        .collect();
    if !changed.is_empty() {
        writeln!(out, "\n{}", words::fill(words.grid_changed, changed.len()))?;
        for (id, change) in changed {
            writeln!(
                out,
                "  {:<7} {}",
                one_line(id),
                crate::text::excerpt(&change.describe(lang), 100)
            )?;
        }
    }
    Ok(())
}

/// The critical findings no action of the plan addresses, and what to do about them.
fn print_unplanned(
    out: &mut impl Write,
    state: &crate::model::State,
    lang: Lang,
) -> anyhow::Result<()> {
    let words = words::words(lang);
    let unplanned = assessment::unplanned_critical(&state.findings, &state.actions);
    for finding in &unplanned {
        let named = match lang {
            Lang::Fr => format!("{} «\u{a0}{}\u{a0}»", finding.id, one_line(&finding.title)),
            Lang::En => format!("{} \"{}\"", finding.id, one_line(&finding.title)),
        };
        writeln!(out, "\n{}", words::fill(words.unplanned, named))?;
    }
    if !unplanned.is_empty() {
        writeln!(out, "{}", words.unplanned_hint)?;
    }
    Ok(())
}

/// Writes `value` as pretty JSON and a newline, with every control character and bidi
/// override escaped as `\uXXXX`: JSON allows U+202E and C1 controls (U+009B opens an escape
/// sequence on many terminals) raw in strings, and `| jq` or a plain `cat` would show them.
pub(crate) fn write_json<T: serde::Serialize + ?Sized>(
    out: &mut impl Write,
    value: &T,
) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, SafeJson::default());
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::from)?;
    writeln!(out)
}

/// Methods of `SafeJson` handed to the pretty formatter it wraps: first those that take the
/// writer only, then those that also take whether the value or key is the first.
macro_rules! pretty {
    ($($plain:ident),*; $($with_first:ident),*) => {
        $(fn $plain<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
            self.0.$plain(w)
        })*
        $(fn $with_first<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
            self.0.$with_first(w, first)
        })*
    };
}

/// serde_json's pretty output, with the strings' unsafe characters escaped.
#[derive(Default)]
struct SafeJson(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest
            .char_indices()
            .find(|&(_, c)| crate::text::is_unsafe(c))
        {
            writer.write_all(&rest.as_bytes()[..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
    // The layout is the pretty formatter's, method for method.
    pretty! {
        begin_array, end_array, end_array_value, begin_object, end_object,
        begin_object_value, end_object_value;
        begin_array_value, begin_object_key
    }
}

#[cfg(test)]
mod json_tests {
    #[test]
    fn json_output_escapes_controls_and_bidi_overrides() {
        let mut out = Vec::new();
        super::write_json(
            &mut out,
            &serde_json::json!({"t": "a\u{202e}b\u{9b}c\u{1b}d é"}),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r"a\u202eb\u009bc\u001bd é"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["t"], "a\u{202e}b\u{9b}c\u{1b}d é");
    }
}
