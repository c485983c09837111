//! The English words of the core's messages.

use super::matching::{MatchTrace, RangeEnd, RangeWhy, Uncomparable, Verdict};
use super::{
    Access, Act, AuditorFlaw, Blocked, Culprit, CveAsk, Doing, EvidenceFound, EvidenceOwner,
    FeedFlaw, FileFlaw, FileKind, FileRole, Fix, GridMapFlaw, GridPart, Holder, IncomingFlaw,
    JsonBreak, KeyPlace, LabelFlaw, Loaded, MetaFlaw, Namer, Output, PackFlaw, Pandoc, RangeFlaw,
    Remote, ReportFault, ScanAsk, ScanFlaw, Setting, Subject, TemplateFlaw, Thing, Unblock,
    Unchanged, Unknown, VendorFlaw, Wrong, YamlFlaw, list,
};
use crate::field::{
    ActionField, AnswerField, AssetField, Field, FindingField, OverrideField, ScanField, ScopeField,
};
use crate::text::{one_line, shell_path, shell_word};

fn thing(thing: Thing) -> &'static str {
    match thing {
        Thing::Finding => "finding",
        Thing::Action => "action",
        Thing::Asset => "asset",
        Thing::Control => "control",
        Thing::Domain => "domain",
        Thing::Scan => "scan",
    }
}

fn unknown(unknown: &Unknown) -> String {
    let given = one_line(&unknown.given);
    let what = thing(unknown.thing);
    match &unknown.grid {
        Some(grid) => format!("unknown {what} `{given}` in grid {}", one_line(grid)),
        None => format!("unknown {what} `{given}`"),
    }
}

/// The name a file most likely meant, for a key or an id it gave that is not known.
fn did_you_mean(near: &str) -> String {
    format!("did you mean `{}`?", one_line(near))
}

pub(super) fn wrong(wrong: &Wrong, name: Namer<'_>) -> String {
    match wrong {
        Wrong::BadId { .. }
        | Wrong::NotAChoice { .. }
        | Wrong::BadVector(_)
        | Wrong::OutsideScale { .. } => value_wrong(wrong),
        Wrong::NotACve(given) => not_a(given, "a CVE id"),
        Wrong::NotADate(given) => not_a(given, "a date"),
        Wrong::YearOutside { given, first, last } => format!(
            "{} is not a plausible deadline: its year is not between {first} and {last}",
            one_line(given)
        ),
        Wrong::NotAnAmount(given) => not_a(given, "an amount"),
        Wrong::NotACurrency(given) => not_a(given, "a currency code"),
        Wrong::NotAMac(given) => not_a(given, "a MAC address"),
        Wrong::AlreadyThere(_)
        | Wrong::NotYetThere(_)
        | Wrong::NotFileName { .. }
        | Wrong::AlreadyDecided { .. }
        | Wrong::NotAnEngagement(_)
        | Wrong::NotAFolder(_) => record_wrong(wrong),
        Wrong::NoBreakSpace {
            part,
            key,
            quoted,
            count,
        } => no_break_space(part, key, quoted, *count),
        Wrong::Empty => "empty".to_owned(),
        Wrong::Missing => "missing".to_owned(),
        Wrong::Twice(item) => format!("`{}` is listed twice", one_line(item)),
        Wrong::Unknown(found) => unknown(found),
        Wrong::SeverityWithVector { .. }
        | Wrong::NotWithVector
        | Wrong::WithoutVector
        | Wrong::NoSeverity
        | Wrong::Unjustified => severity_wrong(wrong),
        Wrong::AcceptedWithoutReason => "an accepted risk needs a reason".to_owned(),
        Wrong::DroppedWithoutReason => "a dropped action needs a reason".to_owned(),
        Wrong::NeededWith(other) => format!("needed with {}", name(*other)),
        Wrong::NoAnswerYet(control) => {
            format!("{control} has no answer yet, so it needs a level")
        }
        Wrong::NotApplicableUnjustified => "not applicable needs a justification".to_owned(),
        Wrong::AddressedBy { .. }
        | Wrong::NamedBy { .. }
        | Wrong::EvidenceNotListed { .. }
        | Wrong::ItemEmpty(_)
        | Wrong::NotOneLine { .. }
        | Wrong::BadAuditor { .. } => list_wrong(wrong),
        Wrong::ControlCharacters => "control characters in the text".to_owned(),
        Wrong::Blocked(blocked) => self::blocked(blocked),
        Wrong::Setting(setting) => self::setting(setting).0,
        Wrong::File(flaw) => self::file(flaw).0,
        Wrong::Remote(remote) => self::remote(remote).0,
        Wrong::Scan(ask) => self::scan(ask).0,
        Wrong::Cve(ask) => self::cve(ask).0,
        Wrong::Output(output) => self::output(output).0,
        Wrong::Template(flaw) => self::template(flaw).0,
        Wrong::ScanFile(flaw) => self::scan_file(flaw).0,
        Wrong::Bug(what) => format!("vmsaudit went wrong: {}", one_line(what)),
        Wrong::Meta(flaw) => self::meta(flaw).0,
        Wrong::Yaml(flaw) => self::yaml(flaw).0,
        Wrong::Feed(flaw) => self::feed(flaw).0,
        Wrong::Csv(flaw) => self::csv(flaw).0,
        Wrong::GridMap(flaw) => self::grid_map(flaw).0,
        Wrong::Pack { entry, flaw } => match entry {
            Some(id) => format!("{}: {}", one_line(id), self::pack(flaw).0),
            None => self::pack(flaw).0,
        },
        Wrong::Other(text) => one_line(text),
        Wrong::Grid(flaw) => self::grid(flaw).0,
    }
}

/// A value that does not read as its kind (only those variants).
fn value_wrong(wrong: &Wrong) -> String {
    match wrong {
        Wrong::BadId { given, max } => format!(
            "`{}` is not a valid id: use at most {max} letters, digits, `-`, `_` or `.`, starting with a letter or digit",
            one_line(given)
        ),
        Wrong::NotAChoice { given, choices } => {
            format!("`{}` is not one of {}", one_line(given), list(choices))
        }
        Wrong::BadVector(detail) => format!("not a CVSS vector: {}", one_line(detail)),
        Wrong::OutsideScale { given, max } => {
            format!("{given} is outside the grid's scale (0–{max})")
        }
        _ => String::new(),
    }
}

/// A text given where a value of `kind` was expected.
fn not_a(given: &str, kind: &str) -> String {
    format!("`{}` is not {kind}", one_line(given))
}

/// A record, a file or a folder that is not what the request takes it for (only those
/// variants).
fn record_wrong(wrong: &Wrong) -> String {
    match wrong {
        Wrong::AlreadyThere(id) => format!("{} is already in the inventory", one_line(id)),
        Wrong::NotYetThere(id) => format!(
            "{} is not in the inventory yet, so it needs a kind",
            one_line(id)
        ),
        Wrong::NotFileName { key, value } => {
            format!("`{key}: {}` does not match the file name", one_line(value))
        }
        Wrong::AlreadyDecided { fact, accepted } => format!(
            "{} was {} already",
            one_line(fact),
            if *accepted { "accepted" } else { "dismissed" }
        ),
        Wrong::NotAnEngagement(path) => format!(
            "{} is not an engagement (no engagement.yaml here or above)",
            one_line(path)
        ),
        Wrong::NotAFolder(path) => format!("{} is not a folder", one_line(path)),
        _ => String::new(),
    }
}

/// French text without its no-break spaces: where, and the first places quoted.
fn no_break_space(part: &GridPart, key: &str, quoted: &[String], count: usize) -> String {
    let part = match part {
        GridPart::Grid => "the grid".to_owned(),
        GridPart::Domain(id) => format!("domain {}", one_line(id)),
        GridPart::Control(id) => format!("control {}", one_line(id)),
    };
    let what = if key.is_empty() {
        part
    } else {
        format!("{part}, `{}`", one_line(key))
    };
    let mut shown: Vec<String> = quoted
        .iter()
        .map(|excerpt| format!("\"{}\"", one_line(excerpt)))
        .collect();
    if count > quoted.len() {
        shown.push(format!("and {} more", count - quoted.len()));
    }
    format!(
        "French text of {what}: no non-breaking space at {count} place(s): {}",
        shown.join(", ")
    )
}

/// What is wrong with a severity and its vector (only those variants).
fn severity_wrong(wrong: &Wrong) -> String {
    match wrong {
        Wrong::SeverityWithVector {
            severity,
            score,
            from_vector,
        } => format!(
            "the severity `{severity}` is set by hand, but the vector gives it ({score} → {from_vector})"
        ),
        Wrong::NotWithVector => "given, but the severity comes from the vector".to_owned(),
        Wrong::WithoutVector => "given without a vector".to_owned(),
        Wrong::NoSeverity => "the finding has neither a CVSS vector nor a severity".to_owned(),
        Wrong::Unjustified => "a severity set by hand needs a justification".to_owned(),
        _ => String::new(),
    }
}

/// What is wrong with a list or what names a record (only those variants).
fn list_wrong(wrong: &Wrong) -> String {
    match wrong {
        Wrong::AddressedBy { finding, actions } => format!(
            "finding {finding} is addressed by {} action(s): {}",
            actions.len(),
            list(actions)
        ),
        Wrong::EvidenceNotListed { given, listed } if listed.is_empty() => format!(
            "`{}` is not among its evidence: it lists none",
            one_line(given)
        ),
        Wrong::EvidenceNotListed { given, listed } => format!(
            "`{}` is not among its evidence, which lists: {}",
            one_line(given),
            list(listed)
        ),
        Wrong::NamedBy { asset, findings } => format!(
            "asset {asset} is named by {} finding(s): {}",
            findings.len(),
            list(findings)
        ),
        Wrong::ItemEmpty(place) => format!("item {place} is empty"),
        Wrong::NotOneLine {
            item: Some(place),
            text,
        } => format!(
            "item {place}, \"{}\", is not one line of plain text",
            one_line(text)
        ),
        Wrong::NotOneLine { item: None, text } => {
            format!("\"{}\" is not one line of plain text", one_line(text))
        }
        Wrong::BadAuditor { item, detail } => format!("auditor {item}: {}", auditor_flaw(detail)),
        _ => String::new(),
    }
}

pub(super) fn fix(fix: &Fix, name: Namer<'_>) -> String {
    match fix {
        Fix::Give(_)
        | Fix::Remove(_)
        | Fix::GiveOrRemove { .. }
        | Fix::VectorOrSeverity
        | Fix::SayWhy(_) => field_fix(fix, name),
        Fix::RestoreFile(_)
        | Fix::RemoveOrRestoreGrid(_)
        | Fix::EditOrRestore(_) => restore_fix(fix),
        Fix::Choose(choices) => format!("choose one of: {}", list(choices)),
        Fix::DidYouMean(near) => format!("did you mean {}?", one_line(near)),
        Fix::ListOnce => "list each once".to_owned(),
        Fix::KeepOne => "keep one entry per asset, or give the second its own id".to_owned(),
        Fix::RestoreId => "ids are given by vmsaudit; restore the file's original id".to_owned(),
        Fix::IdLike(_)
        | Fix::CurrencyCode
        | Fix::DateLike
        | Fix::VectorLike
        | Fix::CveLike
        | Fix::AmountLike
        | Fix::MacLike => example_fix(fix),
        Fix::Level { max } => {
            format!("give a level from 0 to {max}, or `na` when the control does not apply")
        }
        Fix::Score { max } => format!("give a score from 0 to {max}"),
        Fix::OtherIdOrEdit => "choose another id, or edit that asset".to_owned(),
        Fix::TakeOutOfActions(finding) => {
            format!("take {finding} out of those actions first, or remove the actions")
        }
        Fix::TakeOutOfFindings => "take it out of those findings first".to_owned(),
        Fix::GiveListedPath => "give one of the paths it lists, as it lists it".to_owned(),
        Fix::OneLine => "write it on one line, without control characters".to_owned(),
        Fix::AuditorForm => "write each auditor as `Name <email>`".to_owned(),
        Fix::PlainText => "write plain text (Markdown is fine)".to_owned(),
        Fix::DomainOrControl(_)
        | Fix::AddAsset(_)
        | Fix::CheckList(_)
        | Fix::ControlLike => known_fix(fix),
        Fix::FindEngagement => "run this inside an engagement folder, point at one with -C DIR, or create one with `vmsaudit init DIR --client NAME`".to_owned(),
        Fix::Unblock(unblock) => self::unblock(unblock),
        Fix::Setting(setting) => self::setting(setting).1,
        Fix::File(flaw) => self::file(flaw).1,
        Fix::Remote(remote) => self::remote(remote).1,
        Fix::Scan(ask) => self::scan(ask).1,
        Fix::Cve(ask) => self::cve(ask).1,
        Fix::Output(output) => self::output(output).1,
        Fix::Template(flaw) => self::template(flaw).1,
        Fix::ScanFile(flaw) => self::scan_file(flaw).1,
        Fix::ReportBug => "report this as a bug".to_owned(),
        Fix::Meta(flaw) => self::meta(flaw).1,
        Fix::Yaml(flaw) => self::yaml(flaw).1,
        Fix::Pack(flaw) => self::pack(flaw).1,
        Fix::Feed(flaw) => self::feed(flaw).1,
        Fix::Csv(flaw) => self::csv(flaw).1,
        Fix::GridMap(flaw) => self::grid_map(flaw).1,
        Fix::NoBreakSpace => {
            "French puts a non-breaking space (U+00A0) before : ; ? ! and inside « »".to_owned()
        }
        Fix::Nothing => String::new(),
        Fix::Grid(flaw) => self::grid(flaw).1,
    }
}

/// What to give or remove, each field named as the front end says it (only those variants).
fn field_fix(fix: &Fix, name: Namer<'_>) -> String {
    match fix {
        Fix::Give(field) => format!("give {}", name(*field)),
        Fix::Remove(field) => format!("remove {}", name(*field)),
        Fix::GiveOrRemove { give, remove } => {
            format!("give {}, or remove {}", name(*give), name(*remove))
        }
        Fix::VectorOrSeverity => format!(
            "give {}, or {} with {}",
            name(FindingField::Cvss.into()),
            name(FindingField::Severity.into()),
            name(FindingField::SeverityJustification.into())
        ),
        Fix::SayWhy(field) => format!("say why in {}", name(*field)),
        _ => String::new(),
    }
}

/// How to bring back a file as vmsaudit wrote it (only those variants).
fn restore_fix(fix: &Fix) -> String {
    match fix {
        Fix::RestoreFile(file) => format!(
            "restore it with `git checkout -- {shown}`{more}",
            shown = shell_word(file),
            more = committed_too(file)
        ),
        Fix::RemoveOrRestoreGrid(file) => format!(
            "remove {}, or restore the grid the engagement was started with",
            one_line(file)
        ),
        Fix::EditOrRestore(file) => format!(
            "fix the YAML by hand, or restore the last saved version with `git checkout -- {shown}`{more}",
            shown = shell_word(file),
            more = committed_too(file)
        ),
        _ => String::new(),
    }
}

/// For a fault already committed, which `git checkout -- FILE` brings back as it is.
fn committed_too(file: &str) -> String {
    format!(
        " (if the fault is committed: an earlier version, `git log -- {0}` then `git checkout COMMIT -- {0}`)",
        shell_word(file)
    )
}

/// Where the known records are, for an id that names none (only those variants).
fn known_fix(fix: &Fix) -> String {
    match fix {
        Fix::DomainOrControl(domains) => format!(
            "give one of {}, or a control to take its domain",
            list(domains)
        ),
        Fix::AddAsset(Some(near)) => format!(
            "did you mean {}? Otherwise add it to the inventory first",
            one_line(near)
        ),
        Fix::AddAsset(None) => "add it to the inventory first".to_owned(),
        Fix::CheckList(what) => format!("check the id: the list of {}s shows them", thing(*what)),
        Fix::ControlLike => "control ids look like ACC-01: the grid lists every control".to_owned(),
        _ => String::new(),
    }
}

/// How a value is written, by example (only those variants).
fn example_fix(fix: &Fix) -> String {
    match fix {
        Fix::IdLike(example) => format!("e.g. `{example}`"),
        Fix::CurrencyCode => {
            "use the three capital letters of ISO 4217: EUR, USD, CHF, GBP…".to_owned()
        }
        Fix::DateLike => "write it as YYYY-MM-DD, e.g. 2026-03-15".to_owned(),
        Fix::VectorLike => {
            "write a vector like CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".to_owned()
        }
        Fix::CveLike => "write CVE ids like CVE-2021-36260".to_owned(),
        Fix::AmountLike => "write an amount like 1200 or 1200.50".to_owned(),
        Fix::MacLike => "write six pairs of hexadecimal digits, e.g. 00:11:22:AA:BB:CC".to_owned(),
        _ => String::new(),
    }
}

pub(super) fn subject(subject: &Subject) -> String {
    match subject {
        Subject::NewFinding => "new finding".to_owned(),
        Subject::Finding(id) => format!("finding {id}"),
        Subject::NewAction => "new action".to_owned(),
        Subject::Action(id) => format!("action {id}"),
        Subject::Asset(id) => format!("asset {}", one_line(id)),
        Subject::File(file) => one_line(file),
        Subject::Answer(control) => format!("answer {control}"),
        Subject::Override(Some(domain)) => format!("override {domain}"),
        Subject::Override(None) => "override".to_owned(),
        Subject::Scope => "scope".to_owned(),
        Subject::ScanFacts(control) => format!("scan facts of {control}"),
    }
}

pub(super) fn locked(holder: Option<&Holder>) -> (String, String) {
    let holder = holder.map_or("another vmsaudit".to_owned(), |holder| {
        let doing = match &holder.doing {
            Doing::Checklist => "the interactive checklist".to_owned(),
            // What the holder is doing, named by vmsaudit itself (`answer ACC-01`): no
            // command to paste.
            Doing::Command(command) => format!("`vmsaudit {}`", one_line(command)),
        };
        format!(
            "{doing} (pid {}, user {} on {}{})",
            holder.pid,
            one_line(&holder.user),
            one_line(&holder.host),
            holder
                .since
                .map(|since| format!(", since {}", crate::lang::Lang::En.moment(since)))
                .unwrap_or_default()
        )
    });
    (
        format!("the engagement is in use: {holder}"),
        "wait for it to finish or close it; if that process was killed, the lock is already free and you can retry".to_owned(),
    )
}

pub(super) fn unchanged(unchanged: &Unchanged) -> String {
    match unchanged {
        Unchanged::Record(id) => format!("{}: nothing to change", one_line(id)),
        Unchanged::Engagement => "engagement: nothing to change".to_owned(),
        Unchanged::Asset(id) => format!("assets: {} unchanged", one_line(id)),
        Unchanged::AssetsFrom(source) => format!("assets: {} changes nothing", one_line(source)),
        Unchanged::Import { file, unchanged } => format!(
            "assets: {} changes nothing ({unchanged} unchanged)",
            one_line(file)
        ),
        Unchanged::NoOverride(id) => format!("{}: no override to remove", one_line(id)),
        Unchanged::ScanImported { id, file } => format!(
            "scan {}: {} was imported already; nothing to change",
            one_line(id),
            one_line(file)
        ),
    }
}

pub(super) fn exposed(root: &str, mode: u32) -> String {
    let root = one_line(root);
    format!(
        "{root} can be read by other users (mode {mode:o}): fix it with `chmod -R go-rwx -- {}`",
        shell_word(&root)
    )
}

pub(super) fn evidence_marked(count: usize) -> String {
    format!(
        "{count} evidence entry(ies) above whose file is not as attached: the report is written, and its evidence index marks them"
    )
}

pub(super) fn sync_undone() -> String {
    "a sync was interrupted while it wrote the other clones' changes: what it had written was undone, and this clone is as it was before it; run `vmsaudit sync` again".to_owned()
}

pub(super) fn git_lock(path: &str) -> (String, String) {
    (
        format!(
            "git's lock file `{}` is in the way: another git command is working in this repository, or one was killed",
            one_line(path)
        ),
        "if no git command is running, remove that file, then run the command again".to_owned(),
    )
}

pub(super) fn not_saved(cause: &str, undone: bool, paths: &[String]) -> (String, String) {
    match undone {
        true => (
            format!("the change was not saved: {cause}"),
            "nothing of it was kept; once that is fixed (space on the disk, a folder that can be written), make it again".to_owned(),
        ),
        false => (
            format!("the change could not be committed: {cause}"),
            format!(
                "its files are still in the working copy ({}): the next command that changes the engagement commits them; to drop them, restore or remove them first (`git status` lists them)",
                super::list(paths)
            ),
        ),
    }
}

pub(super) fn label(field: Field) -> &'static str {
    match field {
        Field::Finding(field) => match field {
            FindingField::Id => "Id",
            FindingField::Title => "Title",
            FindingField::Domain => "Domain",
            FindingField::Controls => "Controls",
            FindingField::Description => "Description",
            FindingField::Cves => "CVE ids",
            FindingField::Cvss => "CVSS vector",
            FindingField::CvssSource => "Vector source",
            FindingField::RemoteTakeover => "Remote takeover",
            FindingField::Severity => "Severity (no vector)",
            FindingField::SeverityJustification => "Severity justification",
            FindingField::Assets => "Assets",
            FindingField::Recommendation => "Recommendation",
            FindingField::Status => "Status",
            FindingField::StatusReason => "Status reason",
            FindingField::Actions => "Actions",
            FindingField::Evidence => "Evidence",
        },
        Field::Action(field) => match field {
            ActionField::Id => "Id",
            ActionField::Title => "Title",
            ActionField::Description => "Description",
            ActionField::Addresses => "Findings addressed",
            ActionField::Complexity => "Complexity",
            ActionField::Owner => "Owner",
            ActionField::Cost => "Cost",
            ActionField::CostAmount => "Amount",
            ActionField::Currency => "Currency",
            ActionField::Deadline => "Deadline (YYYY-MM-DD)",
            ActionField::Status => "Status",
            ActionField::StatusReason => "Status reason",
        },
        Field::Asset(field) => match field {
            AssetField::Id => "Id",
            AssetField::Kind => "Kind",
            AssetField::Vendor => "Vendor",
            AssetField::Model => "Model",
            AssetField::Firmware => "Firmware",
            AssetField::Address => "Address",
            AssetField::Location => "Location",
            AssetField::Mac => "MAC address",
            AssetField::Notes => "Notes",
            AssetField::Findings => "Findings",
        },
        Field::Answer(field) => match field {
            AnswerField::Control => "Control",
            AnswerField::Level => "Level",
            AnswerField::Observations => "Observations",
            AnswerField::Evidence => "Evidence",
        },
        Field::Override(field) => match field {
            OverrideField::Domain => "Domain",
            OverrideField::Score => "Score",
            OverrideField::Justification => "Justification",
        },
        Field::Scope(field) => match field {
            ScopeField::Client => "Client",
            ScopeField::Site => "Site",
            ScopeField::Contract => "Contract",
            ScopeField::Auditors => "Auditors",
            ScopeField::Included => "Components",
            ScopeField::Excluded => "Excluded",
            ScopeField::Limits => "Contractual limits",
        },
        Field::Scan(field) => match field {
            ScanField::Scan => "Scan",
            ScanField::Fact => "Fact",
        },
    }
}

fn act(act: &Act) -> String {
    match act {
        Act::CloseRound(label) => format!("cannot close round {}", one_line(label)),
        Act::StartRound(label) => format!("cannot start round {}", one_line(label)),
        Act::Sync => "cannot sync".to_owned(),
        Act::Save => "cannot save".to_owned(),
    }
}

fn label_flaw(flaw: LabelFlaw) -> String {
    match flaw {
        LabelFlaw::Empty => "it is empty".to_owned(),
        LabelFlaw::TooLong(max) => format!("it is longer than {max} characters"),
        LabelFlaw::Holds(c) => {
            let what = match c {
                ' ' => "a space".to_owned(),
                '/' => "a slash".to_owned(),
                c if c.is_control() => "a control character".to_owned(),
                c => format!("`{c}`"),
            };
            format!(
                "it holds {what}, which git refuses in a tag name or which vmsaudit keeps out of labels"
            )
        }
        LabelFlaw::StartsBadly => "it starts with `-` or `.`".to_owned(),
        LabelFlaw::DoubleDot => "it holds `..`".to_owned(),
        LabelFlaw::GitRefuses => "git refuses it as a tag name".to_owned(),
        LabelFlaw::Draft => "`reports/draft/` is where `vmsaudit report` writes drafts".to_owned(),
        LabelFlaw::EndsBadly => "it ends with `.` or `.lock`".to_owned(),
    }
}

fn blocked(blocked: &Blocked) -> String {
    match blocked {
        Blocked::NotALabel { given, flaw } => format!(
            "`{}` is not a round label: {}",
            one_line(given),
            label_flaw(*flaw)
        ),
        Blocked::AlreadyCurrent(label) => {
            format!("round {} is already the current round", one_line(label))
        }
        Blocked::OpenUnderOtherLabel(open) => {
            format!(
                "round {} is in progress (started with `vmsaudit audit start {}`)",
                one_line(open),
                shell_word(open)
            )
        }
        Blocked::StillOpen(open) => format!("round {} is still in progress", one_line(open)),
        Blocked::AlreadyClosed { label, on } => {
            let label = one_line(label);
            format!("round {label} was already closed on {on} (tag audit/{label})")
        }
        Blocked::GitBusy(what) => format!(
            "{}: a merge (or another git operation) is in progress in this clone",
            act(what)
        ),
        Blocked::DraftsUnsaved {
            act: what,
            controls,
        } => format!(
            "{}: observations typed but not saved for {}",
            act(what),
            list(controls)
        ),
        Blocked::Uncommitted {
            act: what,
            paths,
            more,
        } => {
            let mut shown = list(paths);
            if *more > 0 {
                shown.push_str(&format!(", and {more} more"));
            }
            format!("{}: changes not committed in {shown}", act(what))
        }
        Blocked::ClosedReportChanged { act: what, label } => format!(
            "{}: the report of round {} (reports/{}/), closed, was changed in a commit since its close; a closed round's deliverable is the one its close committed",
            act(what),
            one_line(label),
            one_line(label)
        ),
    }
}

fn unblock(unblock: &Unblock) -> String {
    match unblock {
        Unblock::LabelLike => "use letters, digits, `.`, `_` and `-`, e.g. 2026-02 or 2026-S1".to_owned(),
        Unblock::CarryOnOrClose => "carry on with it, or close it with `vmsaudit audit close LABEL`".to_owned(),
        Unblock::CloseUnderItsLabel(open) => format!(
            "close it under its own label: `vmsaudit audit close {}`",
            shell_word(open)
        ),
        Unblock::CloseFirst(open) => {
            format!("close it first: `vmsaudit audit close {}`", shell_word(open))
        }
        Unblock::OtherLabel => "choose another label; `vmsaudit audit list` shows the rounds".to_owned(),
        Unblock::FinishGit => "finish it: `git status` says what is left; edit the files it lists, `git add` them and `git commit`".to_owned(),
        Unblock::FinishOrAbortGit => "finish it first: `git status` says what is left; edit the files it lists, `git add` them and `git commit` (or `git merge --abort`)".to_owned(),
        Unblock::SaveDrafts => "open the checklist (`vmsaudit`), then save each draft (Enter, then Ctrl-S) or discard it (d)".to_owned(),
        Unblock::CommitOrUndo => "commit them (`git add` and `git commit`) or undo them (`git checkout -- FILE`); `git status` lists them".to_owned(),
        Unblock::RestoreClosedReport(label) => format!(
            "put it back as its close committed it: `git checkout {} -- {}`, then `git commit`",
            shell_word(&format!("audit/{label}")),
            shell_word(&format!("reports/{label}"))
        ),
    }
}

/// What is wrong with the setting, and its fix.
fn setting(setting: &Setting) -> (String, String) {
    let (wrong, fix): (String, &str) = match setting {
        Setting::LangVar(given) => (
            format!(
                "VMSAUDIT_LANG is `{}`, which is not a language vmsaudit speaks",
                one_line(given)
            ),
            "set it to `en` or `fr`, or unset it",
        ),
        Setting::LangVarNotText => (
            "VMSAUDIT_LANG is not valid UTF-8 text".to_owned(),
            "set it to `en` or `fr`, or unset it",
        ),
        Setting::NowVar(given) => (
            format!("VMSAUDIT_NOW=`{}` is not a timestamp", one_line(given)),
            "write it like 2026-02-03T10:00:00Z, or unset it",
        ),
        Setting::AuditorVar(flaw) => (
            format!("VMSAUDIT_AUDITOR: {}", auditor_flaw(flaw)),
            "write it as \"Name <email>\"",
        ),
        Setting::AuditorVarNotText => (
            "VMSAUDIT_AUDITOR is not valid UTF-8 text".to_owned(),
            "write it as \"Name <email>\" in UTF-8, or unset it",
        ),
        Setting::NoTerminal => (
            "the interactive checklist needs a terminal".to_owned(),
            "run it in a terminal, or use `vmsaudit status` and `vmsaudit answer` from scripts",
        ),
        Setting::NoClient => (
            "the client's name is empty".to_owned(),
            "pass --client \"Client name\"",
        ),
        Setting::NoEmail(name) => (
            format!(
                "the auditor `{}` has no email, and every commit of the audit needs one",
                one_line(name)
            ),
            "write the auditor as \"Name <email>\" (`--auditor`, VMSAUDIT_AUDITOR or git's user.email)",
        ),
        Setting::NoIdentity(root) => {
            let root = shell_word(root);
            return (
                "who is doing this work? This clone has no git identity (user.name, user.email) and VMSAUDIT_AUDITOR is not set; it is not signed with another auditor's name".to_owned(),
                format!(
                    "set yours once for this clone: `git -C {root} config user.name \"First Last\"` then `git -C {root} config user.email first.last@example.org`; on an account shared by several auditors, `export VMSAUDIT_AUDITOR=\"First Last <first.last@example.org>\"` instead"
                ),
            );
        }
        Setting::NoAuditor => (
            "who is auditing? No auditor was given and git has no user.name".to_owned(),
            "pass --auditor \"Name <email>\"",
        ),
        Setting::NotEmpty(dir) => (
            format!("{} already exists and is not empty", one_line(dir)),
            "choose a new folder for the engagement",
        ),
        Setting::CForNew => (
            "-C names an engagement to work on; a new engagement is made in the folder given after the command".to_owned(),
            "leave -C out and give the new folder's path, e.g. `vmsaudit init audits/acme --client ACME`",
        ),
        Setting::GridLacks { lang, has } => (
            format!(
                "the grid is not written in `{}` (it has: {})",
                one_line(lang),
                list(has)
            ),
            "choose one of the grid's languages with --lang",
        ),
        Setting::NoRepository { root, detail } => (
            format!(
                "{} has no git repository: {}",
                one_line(root),
                one_line(detail)
            ),
            "an engagement is a git repository made by `vmsaudit init`; restore its `.git` folder or clone it again",
        ),
        Setting::NotOwned(access) => {
            let Access { root, owner, you } = access.as_ref();
            let shown = one_line(root);
            let (root, owner, you) = (shell_word(root), shell_word(owner), shell_word(you));
            return (
                format!(
                    "{shown} belongs to {owner}, not to you ({you}): git does not work in another user's repository (the repository itself is sound)"
                ),
                format!(
                    "run vmsaudit as its owner: `sudo -u {owner} vmsaudit -C {root} …`; or, if the engagement is yours now, take it over with `sudo chown -R -- {you} {root}`"
                ),
            );
        }
        Setting::Unreadable { path, mode, access } => {
            let Access { root, owner, you } = access.as_ref();
            let (root, owner, you) = (shell_word(root), shell_word(owner), shell_word(you));
            return (
                format!(
                    "{} cannot be read by you ({you}): it belongs to {owner} (mode {mode:o})",
                    one_line(path)
                ),
                format!(
                    "run vmsaudit as its owner: `sudo -u {owner} vmsaudit -C {root} …`; or, if the engagement is yours now, take it over with `sudo chown -R -- {you} {root}`"
                ),
            );
        }
        Setting::Bare => (
            "the engagement repository is bare".to_owned(),
            "use a clone with a working copy",
        ),
    };
    (wrong, fix.to_owned())
}

fn role(role: FileRole) -> &'static str {
    match role {
        FileRole::Evidence => "evidence file",
        FileRole::Scan => "scan file",
    }
}

pub(super) fn auditor_flaw(flaw: &AuditorFlaw) -> String {
    match flaw {
        AuditorFlaw::Unclosed(text) => format!("`{}`: the email must end with `>`", one_line(text)),
        AuditorFlaw::NoName(text) => {
            format!(
                "`{}`: the name is missing; write `Name <email>`",
                one_line(text)
            )
        }
        AuditorFlaw::Forbidden(text) => format!(
            "`{}`: a name or email cannot hold `<`, `>`, control characters or bidi overrides",
            one_line(text)
        ),
        AuditorFlaw::NotEmail(email) => format!("`{}` is not an email address", one_line(email)),
    }
}

/// What is wrong with a file given, and its fix.
fn file(flaw: &FileFlaw) -> (String, String) {
    match flaw {
        FileFlaw::NameNotText(_)
        | FileFlaw::Missing
        | FileFlaw::TooBig { .. }
        | FileFlaw::NotText
        | FileFlaw::Special { .. }
        | FileFlaw::NotRegular(_) => engagement_file(flaw),
        FileFlaw::Unreadable {
            role: r,
            path,
            detail,
        } => (
            format!("{} {}: {}", role(*r), one_line(path), one_line(detail)),
            match r {
                FileRole::Evidence => {
                    "check the path; it is relative to the folder you run vmsaudit from"
                }
                FileRole::Scan => "check the path",
            }
            .to_owned(),
        ),
        FileFlaw::Link(path) => (
            format!("evidence file {} is a symbolic link", one_line(path)),
            "attach the file it points to, after checking it is the one you mean".to_owned(),
        ),
        FileFlaw::NotAFile { role: r, path } => (
            format!("{} {} is not a regular file", role(*r), one_line(path)),
            match r {
                FileRole::Evidence => {
                    "attach files one by one; put a folder's content in an archive first"
                }
                FileRole::Scan => "give the XML file nmap wrote with -oX",
            }
            .to_owned(),
        ),
        FileFlaw::BadName { path, max } => (
            format!(
                "evidence file name {} cannot name a file of the engagement",
                one_line(path)
            ),
            format!(
                "rename it: printable characters only, not starting with `.`, at most {max} bytes"
            ),
        ),
        FileFlaw::InsideGit(path) => (
            format!("{} is inside the engagement's .git folder", one_line(path)),
            "attach the file itself, not git's internals".to_owned(),
        ),
        FileFlaw::NotEvidence(path) => (
            format!(
                "the evidence `{}` is not a file of the engagement with its SHA-256",
                one_line(path)
            ),
            "attach the file with `--evidence FILE` (copied below evidence/, or referenced in place inside the engagement, and hashed), and remove this entry from the record; `git log -p` on the record shows who wrote it".to_owned(),
        ),
        FileFlaw::PathNotText(path) => (
            format!("{} has a path vmsaudit cannot record", one_line(path)),
            "rename the folders on its path to UTF-8 names".to_owned(),
        ),
        FileFlaw::Changed(path) => (
            format!("{} changed while it was imported", one_line(path)),
            "wait for nmap to finish writing it, then import it again".to_owned(),
        ),
        FileFlaw::Evidence(flaw) => evidence(&flaw.path, &flaw.expected, &flaw.owner, &flaw.found),
        FileFlaw::WouldBeTooBig {
            file,
            bytes,
            max,
            inventory,
        } => (
            format!(
                "{} would be {} bytes, more than the {max} MiB vmsaudit reads back; nothing was saved",
                one_line(file),
                grouped(*bytes, ",")
            ),
            if *inventory {
                "keep the inventory smaller: import fewer rows or shorter notes, and attach the full list as an evidence file"
            } else {
                "shorten the text, and attach a long one (a log, a capture) as an evidence file instead"
            }
            .to_owned(),
        ),
    }
}

/// The first characters of a SHA-256, enough to tell two apart in a message.
pub(super) fn hash_prefix(sha256: &str) -> String {
    let shown: String = one_line(sha256).chars().take(12).collect();
    format!("{shown}…")
}

/// An evidence entry whose file is not as attached, and the ways back: the version attached
/// from git, or the file attached again with the command that attaches it to its record.
fn evidence(
    path: &str,
    expected: &str,
    owner: &EvidenceOwner,
    found: &EvidenceFound,
) -> (String, String) {
    let (quoted, path) = (shell_word(path), one_line(path));
    let again = |file: &str| match owner {
        EvidenceOwner::Answer(control) => {
            format!(
                "`vmsaudit answer {} --evidence {file}`",
                shell_word(control)
            )
        }
        EvidenceOwner::Finding(id) => {
            format!(
                "`vmsaudit finding edit {} --evidence {file}`",
                shell_word(id)
            )
        }
        EvidenceOwner::Scan(_) => format!("`vmsaudit scan import {file}`"),
    };
    let restore = format!(
        "restore the file attached from git: `git checkout -- {quoted}` when the change is not committed; otherwise `git log -- {quoted}` names the commit that changed it, and `git checkout COMMIT^ -- {quoted}` brings back the version before it"
    );
    match found {
        EvidenceFound::Missing => (
            format!("evidence file {path} is missing"),
            format!(
                "{restore}; or attach the file again from where you keep it: {}",
                again("FILE")
            ),
        ),
        EvidenceFound::Changed(sha256) => (
            format!(
                "evidence file {path} changed since it was attached: SHA-256 {} recorded, {} found",
                hash_prefix(expected),
                hash_prefix(sha256)
            ),
            format!(
                "{restore}; or, if its new content is the evidence, attach it again from the engagement's folder: {}",
                again(&shell_path(&path))
            ),
        ),
        EvidenceFound::NotAFile(kind) => (
            format!(
                "evidence file {path} is {}, not the regular file attached",
                file_kind(*kind)
            ),
            format!("remove what stands in its place, then {restore}"),
        ),
        EvidenceFound::Unreadable(detail) => (
            format!("evidence file {path} cannot be read: {}", one_line(detail)),
            format!(
                "give your account read access to it (`ls -l -- {quoted}`), then run the command again"
            ),
        ),
    }
}

/// A file of the engagement that cannot be read as one (only those variants).
fn engagement_file(flaw: &FileFlaw) -> (String, String) {
    match flaw {
        FileFlaw::Missing => ("no such file".to_owned(), "check the path".to_owned()),
        FileFlaw::TooBig { max, file } => {
            let file = shell_word(file);
            (
                format!("the file is larger than {max} MiB"),
                format!(
                    "if it is a record the engagement committed, go back to a version before it grew: find the commit with `git log -- {file}` and undo it with `git revert COMMIT`; if it is a file you gave, shorten it, or attach a long text as an evidence file"
                ),
            )
        }
        FileFlaw::NotText => (
            "the file is not valid UTF-8".to_owned(),
            "save it as UTF-8 text".to_owned(),
        ),
        FileFlaw::Special { kind, path } => {
            let path = shell_word(path);
            (
                format!(
                    "is {}: an engagement holds only plain files and folders, and vmsaudit does not follow links",
                    file_kind(*kind)
                ),
                format!(
                    "if it came from a co-auditor, remove it from history with `git rm --cached -- {path}`, delete it (`rm -- {path}`), commit, and check who committed it"
                ),
            )
        }
        FileFlaw::NotRegular(FileKind::Link) => (
            format!(
                "is {}, not a regular file: vmsaudit does not follow links",
                file_kind(FileKind::Link)
            ),
            "replace it with the file itself, or restore a record with `git checkout -- FILE`"
                .to_owned(),
        ),
        FileFlaw::NotRegular(kind) => (
            format!("is {}, not a regular file", file_kind(*kind)),
            "give the path of a regular file; for a record, remove what stands in its place and restore it with `git checkout -- FILE`"
                .to_owned(),
        ),
        FileFlaw::NameNotText(folder) => (
            "the file name is not valid UTF-8".to_owned(),
            match folder {
                Some(folder) => format!(
                    "rename it with a UTF-8 name, or remove it (`git rm` it if it is committed); `ls -b -- {}` shows its bytes",
                    shell_word(folder)
                ),
                None => {
                    "remove it (`git rm`) or rename it with a UTF-8 name, and commit".to_owned()
                }
            },
        ),
        _ => (String::new(), String::new()),
    }
}

/// What is wrong with the remote, and its fix.
fn remote(remote: &Remote) -> (String, String) {
    match remote {
        Remote::None => (
            "this clone has no remote to sync with".to_owned(),
            "add the shared repository: `git remote add origin /path/to/engagement.git` (make it with `git clone --bare <engagement> /path/to/engagement.git`)".to_owned(),
        ),
        Remote::NoSuch { wanted, known } => (
            format!("this clone has no remote `{}`", one_line(wanted)),
            format!("its remotes are {}", list(known)),
        ),
        Remote::Which(known) => (
            format!(
                "this clone has several remotes and none is `origin`: {}",
                list(known)
            ),
            "say which one: `vmsaudit sync REMOTE`".to_owned(),
        ),
        Remote::Dash(name) => (
            format!(
                "`{}` is not a remote vmsaudit syncs with: its name starts with `-`",
                one_line(name)
            ),
            "rename the remote (`git remote rename -- OLD NEW`) to a name that starts with a letter".to_owned(),
        ),
        Remote::Unreadable { url, detail } => (
            format!(
                "cannot read the remote at {}: {}",
                one_line(url),
                one_line(detail)
            ),
            "check the path (`git remote -v` shows it); a shared engagement is a bare repository made with `git init --bare` or `git clone --bare`".to_owned(),
        ),
        Remote::MergeAttribute { pattern, word } => (
            format!(
                "`{} {}` chooses how git merges files: sync does not let a committed attribute decide how records merge",
                one_line(pattern),
                one_line(word)
            ),
            "remove the line in a commit (on the side that has it: ask whoever committed it), then sync again".to_owned(),
        ),
        Remote::CheckoutAttribute { pattern, word } => (
            format!(
                "`{} {}` changes the bytes git writes into the working copy or reads back from it (line endings, filters, encodings): sync does not let a committed attribute change the records and evidence of this clone",
                one_line(pattern),
                one_line(word)
            ),
            "ask whoever committed it to remove the line in a commit, then sync again".to_owned(),
        ),
        Remote::Unsafe(flaw) => (
            format!(
                "the remote's commits hold {}: nothing of them was written here",
                match flaw {
                    IncomingFlaw::NameTooLong(max) => format!("a name longer than {max} bytes"),
                    IncomingFlaw::Reserved => "a name git keeps for itself".to_owned(),
                    IncomingFlaw::Link => "a symbolic link".to_owned(),
                    IncomingFlaw::Submodule => "a submodule".to_owned(),
                    IncomingFlaw::Twice => "two entries of the same name".to_owned(),
                    IncomingFlaw::TooLarge(max) => format!(
                        "a file larger than {max} MiB, which a sync would hold whole in memory (evidence that large is kept out of git)"
                    ),
                }
            ),
            "ask whoever committed it to remove it in a new commit and push it, then sync again (`git log --stat origin/main` shows who)".to_owned(),
        ),
        Remote::ClosedReport(label) => (
            format!(
                "the remote's commits change the report of round {}, closed: a closed round's deliverable is what its close committed",
                one_line(label)
            ),
            format!(
                "ask whoever changed it to restore it (`git checkout {} -- {}` in their clone, then a commit and a push), then sync again",
                shell_word(&format!("audit/{label}")),
                shell_word(&format!("reports/{label}"))
            ),
        ),
        Remote::InTheWay => (
            "a file of this clone that is not committed (or that git ignores) stands where the remote's commits put one: nothing was changed".to_owned(),
            "move the file aside, or commit it under another name, then sync again".to_owned(),
        ),
        Remote::Unrelated => (
            "the remote's main shares no commit with this clone's: it is another engagement, or its history was rewritten (a forced push); nothing was merged".to_owned(),
            "check the remote's URL (`git remote -v`); if its history was rewritten on purpose, agree with the other auditors on which history to keep".to_owned(),
        ),
    }
}

/// What a scan command cannot do, and its fix.
fn scan(ask: &ScanAsk) -> (String, String) {
    match ask {
        ScanAsk::ImportedAlready(id) => (
            format!("scan {} was imported already", one_line(id)),
            "nothing to do: `vmsaudit scan list` shows it".to_owned(),
        ),
        ScanAsk::NothingPending(control) => (
            format!("no pending proposal of the scans on {}", one_line(control)),
            "`vmsaudit scan list` shows what the scans propose, and where".to_owned(),
        ),
        ScanAsk::NotPending { given, control } => (
            format!(
                "{} is not a pending proposal of the scans on {}",
                one_line(given),
                one_line(control)
            ),
            format!(
                "`vmsaudit scan list --control {}` shows them with their ids",
                shell_word(control)
            ),
        ),
        ScanAsk::CannotRun { command, detail } => (
            format!("cannot run {}: {}", one_line(command), one_line(detail)),
            "check the command's name and that it is installed on this host".to_owned(),
        ),
        ScanAsk::NeedsLevel(control) => {
            let control = one_line(control);
            (
                format!("{control} has no answer yet, so it needs a level"),
                format!("give one with `--level 0..4|na`, or answer {control} first"),
            )
        }
        ScanAsk::XmlMissing { id, path } => (
            format!("scan {} is missing its XML", one_line(id)),
            format!("restore it with `git checkout -- {}`", shell_word(path)),
        ),
        ScanAsk::XmlChanged { id, path } => (
            format!(
                "the XML of scan {} changed since it was imported",
                one_line(id)
            ),
            format!("restore it with `git checkout -- {}`", shell_word(path)),
        ),
        ScanAsk::TooLarge(max) => (
            format!("the scan file is larger than {max} MiB"),
            "split the scan by address range (one nmap run per /24) and import each file"
                .to_owned(),
        ),
    }
}

/// What a CVE command cannot do, and its fix.
fn cve(ask: &CveAsk) -> (String, String) {
    match ask {
        CveAsk::NoFiles => (
            "no file to import".to_owned(),
            "give NVD feeds (nvdcve-2.0-*.json) and/or the KEV catalogue (known_exploited_vulnerabilities.json or .csv)".to_owned(),
        ),
        CveAsk::AffectsNoAsset(cve) => (
            format!("{} affects no asset of the inventory", one_line(cve)),
            "`vmsaudit cve match` lists the CVEs that do".to_owned(),
        ),
        CveAsk::NoUpdDomain(domains) => (
            format!(
                "the engagement's grid has no UPD domain (it has {}), so findings of known vulnerabilities have nowhere to go",
                list(domains)
            ),
            "add them with `vmsaudit finding add --domain ... --cve ...`, or use a grid with the UPD domain (updates and firmware), such as the built-in one".to_owned(),
        ),
        CveAsk::EmptyDomain(domain) => (
            format!("the grid's {} domain has no control", one_line(domain)),
            "use a grid with the UPD domain (updates and firmware), such as the built-in one".to_owned(),
        ),
        CveAsk::UnknownVendor { given, known } => (
            format!("the pack knows no vendor `{}`", one_line(given)),
            format!("its vendors are {}", list(known)),
        ),
        CveAsk::FeedMissing => ("no such file".to_owned(), "check the path".to_owned()),
        CveAsk::FeedNotAFile => (
            "not a file".to_owned(),
            "give the feed files themselves".to_owned(),
        ),
        CveAsk::NotImported => (
            "read in full, but not imported either: an import is all or nothing".to_owned(),
            "fix or replace the file(s) above, then import again".to_owned(),
        ),
    }
}

/// What an output cannot be, and its fix.
fn output(output: &Output) -> (String, String) {
    match output {
        Output::BinaryToTerminal => (
            "an XLSX file is binary and standard output is a terminal".to_owned(),
            "give a file with `-o plan.xlsx`, or redirect the output: `-o - > plan.xlsx`"
                .to_owned(),
        ),
        Output::IsAFolder(path) => (
            format!("{} is a folder", one_line(path)),
            "give the file to write, e.g. `-o plan-action.xlsx`".to_owned(),
        ),
        Output::DocxNeedsFile => (
            "a Word report is one file: name it".to_owned(),
            "give the file with `-o`, e.g. `vmsaudit report --format docx -o rapport.docx`"
                .to_owned(),
        ),
        Output::NotAnOverride(name) => (
            format!(
                "templates/{} is not a template override of this engagement",
                one_line(name)
            ),
            "see the overrides with `vmsaudit template list`".to_owned(),
        ),
        Output::NoSuchRound => (
            "no such round".to_owned(),
            "choose a round of the list".to_owned(),
        ),
        Output::NotARevision { given, rounds } => {
            let rounds = if rounds.is_empty() {
                "no round is closed yet".to_owned()
            } else {
                format!("the rounds are {}", list(rounds))
            };
            (
                format!(
                    "`{}` is neither an audit round nor a git revision",
                    one_line(given)
                ),
                format!(
                    "{rounds} (`vmsaudit audit list`); any git revision works too, such as HEAD~3 or a commit hash from `git log`"
                ),
            )
        }
        Output::UnknownOverride => (
            "is not a template override of this engagement".to_owned(),
            "see the overrides with `vmsaudit template list`".to_owned(),
        ),
        Output::NotAccepted { name, changed } => (
            if *changed {
                "this template override changed since it was accepted in this clone: it is not used until it is accepted again"
            } else {
                "this template override (from the shared repository) has not been accepted in this clone: a template writes the client's report, review it first"
            }
            .to_owned(),
            {
                let name = shell_word(name);
                format!(
                    "review it with `vmsaudit template show {name}`, then `vmsaudit template accept {name}`; or remove it to use the built-in template"
                )
            },
        ),
        Output::ReferenceNotPlain => (
            "is not a plain file: vmsaudit does not follow links".to_owned(),
            "replace it with the Word document itself".to_owned(),
        ),
        Output::DraftCommitted(count) => (
            format!(
                "the draft report is committed ({count} file(s) under reports/draft/): drafts are kept out of history, and each report would change them"
            ),
            "untrack it, keeping the files: `git rm -r --cached -- reports/draft && git commit -m 'Untrack the draft report'`".to_owned(),
        ),
        Output::NotAtRevision => (
            "no such file at this revision".to_owned(),
            "give a revision made after the engagement was started (`git log` lists them)".to_owned(),
        ),
    }
}

/// What is wrong with the report's templates, and its fix.
fn template(flaw: &TemplateFlaw) -> (String, String) {
    let report_it = "this is a fault of vmsaudit's built-in templates: report it";
    let loops = |culprit: &Culprit| match culprit {
        Culprit::BuiltIn => report_it.to_owned(),
        Culprit::Override(file) => format!(
            "check its loops, or remove {} from the engagement to use the built-in template",
            one_line(file)
        ),
    };
    match flaw {
        TemplateFlaw::FolderNotAFolder => (
            "the templates folder must be a folder of the engagement (this is a link or a file)".to_owned(),
            "remove the link (`git rm --cached templates && rm templates`) and copy the templates into a folder".to_owned(),
        ),
        TemplateFlaw::NotAFile => (
            "a template override must be a regular file (this is a link, a folder or a device)".to_owned(),
            "copy the template into the engagement's templates/ folder instead of linking it".to_owned(),
        ),
        TemplateFlaw::Gone => ("no such file".to_owned(), "check the templates folder".to_owned()),
        TemplateFlaw::TooLong { millis, culprit } => (
            format!(
                "the report's templates ran for {} s without finishing: rendering stopped",
                *millis as f64 / 1000.0
            ),
            loops(culprit),
        ),
        TemplateFlaw::TooLarge { mb, culprit } => (
            format!("the report's templates wrote more than {mb} MB: rendering stopped"),
            loops(culprit),
        ),
        TemplateFlaw::Loads {
            what,
            target,
            line,
            culprit,
        } => (
            format!(
                "the rendered report has {} to `{}` (line {line} of the report): a converter such as pandoc would load it into the client's document",
                loaded(*what),
                one_line(target)
            ),
            match culprit {
                Culprit::BuiltIn => report_it.to_owned(),
                Culprit::Override(files) => format!(
                    "a report may show only its radar chart (radar.png, radar.svg) and link to the web or below its folder: fix the template, or remove {} to use the built-in one",
                    one_line(files)
                ),
            },
        ),
        TemplateFlaw::Tera { detail, culprit } => (
            one_line(detail),
            match culprit {
                Culprit::BuiltIn => "this is a fault of vmsaudit's built-in template; override it in the engagement's templates/ folder".to_owned(),
                Culprit::Override(file) => format!(
                    "fix the template, or remove {} from the engagement to use the built-in one",
                    one_line(file)
                ),
            },
        ),
    }
}

fn loaded(what: Loaded) -> &'static str {
    match what {
        Loaded::Image => "an image",
        Loaded::Link => "a link",
        Loaded::RawHtml => "raw HTML",
        Loaded::YamlBlock => "a YAML metadata block",
    }
}

/// What is wrong with a scanner's file, and its fix.
fn scan_file(flaw: &ScanFlaw) -> (String, String) {
    let nmap = "give the XML nmap writes with `-oX FILE` (not `-oN` or `-oG`), complete: a scan interrupted before its end leaves a truncated file, run it again";
    let unchanged = "import the XML file nmap wrote, unchanged";
    let (wrong, fix) = match flaw {
        ScanFlaw::Truncated => (
            "not readable as XML: the file ends before its XML does (truncated)".to_owned(),
            nmap,
        ),
        ScanFlaw::NotXml(detail) => (format!("not readable as XML: {}", one_line(detail)), nmap),
        ScanFlaw::NotNmap(root) => (
            format!(
                "not nmap's XML output: the document is <{}>, nmap's is <nmaprun scanner=\"nmap\">",
                one_line(root)
            ),
            nmap,
        ),
        ScanFlaw::HostWithoutAddress => ("a <host> without an IP address".to_owned(), nmap),
        ScanFlaw::Interrupted => (
            "the scan has no <runstats>: nmap writes them when it finishes, so it was interrupted"
                .to_owned(),
            nmap,
        ),
        ScanFlaw::Entities => (
            "the file declares XML entities, which nmap never writes".to_owned(),
            unchanged,
        ),
        ScanFlaw::OtherDoctype => (
            "the file has a document type other than nmap's `<!DOCTYPE nmaprun>`".to_owned(),
            unchanged,
        ),
        ScanFlaw::NotAMapping { detail, kinds } => {
            return (
                format!("not a scan mapping: {}", one_line(detail)),
                format!(
                    "write `facts:` with one list of control ids per fact: {}",
                    kinds.join(", ")
                ),
            );
        }
    };
    (wrong, fix.to_owned())
}

/// What could not be made while drawing a report or an export.
pub(super) fn report_fault(fault: &ReportFault) -> String {
    let said = match fault {
        ReportFault::StartRendering(detail) => {
            format!("could not start rendering: {}", one_line(detail))
        }
        ReportFault::NotUtf8 => "the templates wrote text that is not UTF-8".to_owned(),
        ReportFault::ReportData(detail) => format!("the report's data: {}", one_line(detail)),
        ReportFault::RadarSvg(detail) => {
            format!("the radar chart's SVG is invalid: {}", one_line(detail))
        }
        ReportFault::RadarNoSize => "the radar chart has no size".to_owned(),
        ReportFault::RadarTooLarge => "the radar chart is too large to draw".to_owned(),
        ReportFault::RadarPng(detail) => format!("the radar chart's PNG: {}", one_line(detail)),
        ReportFault::Csv(detail) => format!("the CSV could not be made: {}", one_line(detail)),
        ReportFault::Spreadsheet(detail) => {
            format!("the spreadsheet could not be made: {}", one_line(detail))
        }
    };
    format!("report: {said}")
}

/// What is wrong in `engagement.yaml`, and its fix.
fn meta(flaw: &MetaFlaw) -> (String, String) {
    match flaw {
        MetaFlaw::Newer { format, known } => (
            format!(
                "the engagement uses format {format}, newer than this vmsaudit understands ({known})"
            ),
            "update vmsaudit".to_owned(),
        ),
        MetaFlaw::NoClient => (
            "`client` is empty".to_owned(),
            "write the client's name".to_owned(),
        ),
        MetaFlaw::NotADomain(domain) => (
            format!(
                "`overrides` names `{}`, which is not a domain of the grid",
                one_line(domain)
            ),
            "use a domain id of the grid, or remove the entry".to_owned(),
        ),
        MetaFlaw::AboveScale { domain, score, max } => (
            format!(
                "the override of {} ({}) is above the scale's top ({max})",
                one_line(domain),
                one_line(score)
            ),
            format!("set a score from 0 to {max}"),
        ),
        MetaFlaw::Unjustified(domain) => (
            format!("the override of {} has no justification", one_line(domain)),
            "say why the computed score does not reflect the domain".to_owned(),
        ),
        MetaFlaw::Language { lang, has } => (
            format!(
                "`language: {}` is not one of the grid's languages ({})",
                one_line(lang),
                list(has)
            ),
            "set `language` to one of them".to_owned(),
        ),
    }
}

/// Keys or words as a list, each in code.
fn known_keys(known: &[String]) -> String {
    let known: Vec<String> = known
        .iter()
        .map(|key| crate::text::code_span(&one_line(key)))
        .collect();
    known.join(", ")
}

/// Why a YAML file does not parse, and its fix.
fn yaml(flaw: &YamlFlaw) -> (String, String) {
    match flaw {
        YamlFlaw::TooLarge(detail) => (
            format!(
                "the document is too large once its aliases are expanded ({})",
                one_line(detail)
            ),
            "remove the repeated aliases (`&anchor` / `*alias`): vmsaudit files never need them"
                .to_owned(),
        ),
        YamlFlaw::TooDeep(detail) => (
            format!("the document is nested too deeply ({})", one_line(detail)),
            "a grid or a record is a few levels deep: check the brackets and the indentation"
                .to_owned(),
        ),
        YamlFlaw::Tab => (
            "a tab character where YAML allows only spaces (indentation)".to_owned(),
            "replace the tab with spaces (your editor may show it as spaces): YAML indents with spaces only".to_owned(),
        ),
        YamlFlaw::KeyTwice(key) => (
            format!("the key `{}` is given twice here", one_line(key)),
            "keep one of them: YAML reads one value per key".to_owned(),
        ),
        YamlFlaw::ColonInText => (
            "a `: ` that YAML reads as a new key here: inside a text that is not in quotes, or after a key indented under a value".to_owned(),
            "put the text in double quotes (`title: \"Note: ...\"`), or indent the key as the keys above it".to_owned(),
        ),
        YamlFlaw::Unclosed => (
            "a quote or a bracket opened here is not closed".to_owned(),
            "close it on the same value: `\"...\"`, `[...]`, `{...}`".to_owned(),
        ),
        YamlFlaw::ControlCharacter => (
            "a control character (such as a NUL byte): this is not a text file, or it is damaged".to_owned(),
            "remove the character, or give the right file (restore it from git when it is a record)".to_owned(),
        ),
        YamlFlaw::NotAWholeNumber => (
            "a whole number is expected here".to_owned(),
            "write a whole number, without quotes".to_owned(),
        ),
        YamlFlaw::NotANumber => (
            "a number is expected here".to_owned(),
            "write a number such as `1.5` (a point before the decimals), without quotes".to_owned(),
        ),
        YamlFlaw::NotYesNo => (
            "`true` or `false` is expected here".to_owned(),
            "write `true` or `false`, without quotes".to_owned(),
        ),
        YamlFlaw::Empty => (
            "the file is empty: it holds nothing but blank lines or comments".to_owned(),
            "write its keys back, or restore it from git".to_owned(),
        ),
        YamlFlaw::NotKeys => (
            "the file is not a set of `key: value` lines".to_owned(),
            "write one `key: value` per line, each key at the start of its line".to_owned(),
        ),
        YamlFlaw::UnknownKey { key, known } => (
            format!(
                "unknown key `{}` here; the keys here are {}",
                one_line(key),
                known_keys(known)
            ),
            "correct the key's spelling, or remove it with its value".to_owned(),
        ),
        YamlFlaw::MissingKey(key) => (
            format!("the key `{}` is missing", one_line(key)),
            format!(
                "add `{}: ...` with the keys at its level, or restore the file from git",
                one_line(key)
            ),
        ),
        YamlFlaw::NotOneOf { given, known } => (
            format!(
                "{} is not one of the values this key takes: {}",
                crate::text::code_span(&one_line(given)),
                known_keys(known)
            ),
            "write one of them, as it is written here (without quotes)".to_owned(),
        ),
        YamlFlaw::Shape {
            key,
            part,
            expected,
            found,
        } => shape("", key, *part, *expected, found),
        YamlFlaw::Indentation => (
            "this line is not indented as YAML expects: a key or an item further left or right than the ones at its level".to_owned(),
            "indent the line with as many spaces as the keys (or the `- ` items) at its level; a text that goes on from the line above goes in quotes or as `key: |` with its lines indented".to_owned(),
        ),
        YamlFlaw::BlockIndent => (
            "a line of a block text (after `|` or `>`) is indented less than its first line".to_owned(),
            "indent every line of the text at least as much as its first line".to_owned(),
        ),
        YamlFlaw::BlockHeader => (
            "after `|` or `>`, YAML allows only `-`, `+` or a digit before the end of the line".to_owned(),
            "start the text on the next line, indented: `key: |`, then its lines below".to_owned(),
        ),
        YamlFlaw::Brackets => (
            "the brackets do not pair up here: a `[` or `{` opened on this line or above is not closed, or a `,` between items is missing".to_owned(),
            "close each `[` with `]` and each `{` with `}` on the value it opens, items separated by `, `; put a text holding `,`, `:`, `[` or `{` in quotes".to_owned(),
        ),
        YamlFlaw::AfterQuote => (
            "a quoted text ends here but more follows it: its quote is closed too early, or a quote opened above is not closed".to_owned(),
            "put the whole value inside one pair of quotes (`\\\"` for a double quote inside double quotes, `''` for a single quote inside single quotes)".to_owned(),
        ),
        YamlFlaw::Escape => (
            "a `\\` in double quotes starts an escape YAML does not know".to_owned(),
            "write `\\\\` for a backslash, or put the text in single quotes (`'C:\\path'`)".to_owned(),
        ),
        YamlFlaw::Alias => (
            "a value starting with `*` or `&` is read by YAML as an alias or an anchor, and none by this name is defined".to_owned(),
            "put the value in quotes (`\"*...\"`): vmsaudit files never need aliases".to_owned(),
        ),
        YamlFlaw::Tag => (
            "a value starting with `!` is read by YAML as a tag it does not know".to_owned(),
            "put the value in quotes (`\"!...\"`)".to_owned(),
        ),
        YamlFlaw::Directive => (
            "a line starting with `%` is read by YAML as a directive".to_owned(),
            "remove the line: vmsaudit files have no directives".to_owned(),
        ),
        YamlFlaw::Documents => (
            "a `---` or `...` line here ends the document, and a file holds only one".to_owned(),
            "remove the line; inside a text, indent it under its key (`key: |`) or put the text in quotes".to_owned(),
        ),
        YamlFlaw::Comment => (
            "a `#` right after a value: YAML reads a comment only after a space".to_owned(),
            "put a space before the `#` to start a comment, or put the whole value in quotes".to_owned(),
        ),
        YamlFlaw::Space => (
            "a space is missing after a `:` or a `-` here".to_owned(),
            "write `key: value` and `- item`, with a space after the `:` and the `-`".to_owned(),
        ),
        YamlFlaw::ByteOrderMark => (
            "an invisible byte order mark (U+FEFF) inside the text".to_owned(),
            "remove it (save the file as UTF-8 without a byte order mark)".to_owned(),
        ),
        YamlFlaw::Reserved(character) => (
            format!(
                "a value cannot start with {} in YAML",
                crate::text::code_span(&one_line(&character.to_string()))
            ),
            "put the value in quotes".to_owned(),
        ),
        YamlFlaw::Bad(bad) => (bad_value(bad), "correct the value at this place".to_owned()),
        YamlFlaw::Value(detail) => (
            format!("the value here cannot be read ({})", one_line(detail)),
            "write the value as the other files of its kind write it".to_owned(),
        ),
        YamlFlaw::Syntax(detail) => (
            one_line(detail),
            "fix the YAML at this place (indentation, quoting of `: ` inside texts, a missing or extra key)".to_owned(),
        ),
    }
}

fn key_place(place: &KeyPlace) -> String {
    match place {
        KeyPlace::File => "the pack file".to_owned(),
        KeyPlace::Pack => "`pack`".to_owned(),
        KeyPlace::Entry => "an entry".to_owned(),
        KeyPlace::Text(text) => format!("`{}`", one_line(text)),
        KeyPlace::Cvss => "`cvss`".to_owned(),
        KeyPlace::Range => "a range of `affected`".to_owned(),
    }
}

/// What is wrong in a CVE pack, and its fix.
fn pack(flaw: &PackFlaw) -> (String, String) {
    let (wrong, fix): (String, String) = match flaw {
        PackFlaw::ScoreMismatch { .. }
        | PackFlaw::KevAfter { .. }
        | PackFlaw::PublishedAfter { .. } => against_others(flaw),
        PackFlaw::UnknownKey {
            key,
            place,
            near,
            known,
        } => unknown_pack_key(key, place, near.as_deref(), known),
        PackFlaw::Version(version) => (
            format!(
                "pack version `{}` is not calendar versioning",
                one_line(version)
            ),
            "write it as YYYY.MM.N, e.g. \"2026.11.1\"".to_owned(),
        ),
        PackFlaw::Twice { id, line } => (
            format!("{} is listed twice (also at line {line})", one_line(id)),
            "keep one entry per CVE".to_owned(),
        ),
        PackFlaw::KevMissing => (
            "`kev` is missing".to_owned(),
            "write the CISA KEV dateAdded, or `kev: null` when the CVE is not listed".to_owned(),
        ),
        PackFlaw::NotAVendor { vendor, known } => (
            format!("vendor `{}` is not a key of `vendors`", one_line(vendor)),
            format!("use one of {}", list(known)),
        ),
        PackFlaw::NoAffected => (
            "no affected range".to_owned(),
            "list at least one range with its `products`".to_owned(),
        ),
        PackFlaw::TextIncomplete(field) => (
            format!(
                "`{}` is empty or not written in both English and French",
                one_line(field)
            ),
            "write it as {en: ..., fr: ...}".to_owned(),
        ),
        PackFlaw::NotACwe(cwe) => (
            format!("`{}` is not a CWE id", one_line(cwe)),
            "write it CWE-N, or leave `cwe` out".to_owned(),
        ),
        PackFlaw::NvdPageFirst(page) => (
            "the first reference is not the NVD page".to_owned(),
            format!("start the list with {}", one_line(page)),
        ),
        PackFlaw::NotAUrl(url) => (
            format!("`{}` is not a web address", one_line(url)),
            "give an http(s) URL".to_owned(),
        ),
        PackFlaw::ImportedFromInBuiltin => (
            "`imported_from` belongs to an engagement's imported entries".to_owned(),
            "remove it from the built-in pack".to_owned(),
        ),
        PackFlaw::Vendor(flaw) => vendor(flaw),
        PackFlaw::Range(flaw) => range(flaw),
        PackFlaw::Yaml(flaw) => self::yaml(flaw),
    };
    (wrong, fix)
}

/// A date or a score that disagrees with the pack's date or the entry's vector (only those
/// variants).
fn against_others(flaw: &PackFlaw) -> (String, String) {
    let later = "check the date, or date the pack later";
    match flaw {
        PackFlaw::ScoreMismatch { stated, computed } => (
            format!("base score {stated} does not match its vector, which scores {computed}"),
            format!("set `base_score: {computed}`, or correct the vector"),
        ),
        PackFlaw::KevAfter { kev, pack } => (
            format!("KEV date {kev} is after the pack's date {pack}"),
            later.to_owned(),
        ),
        PackFlaw::PublishedAfter { published, pack } => (
            format!("published {published} is after the pack's date {pack}"),
            later.to_owned(),
        ),
        _ => (String::new(), String::new()),
    }
}

/// A key a pack does not have at that place, with the near one.
fn unknown_pack_key(
    key: &str,
    place: &KeyPlace,
    near: Option<&str>,
    known: &[String],
) -> (String, String) {
    let what = key_place(place);
    (
        format!("unknown key `{}` in {what}", one_line(key)),
        match near {
            Some(near) => format!(
                "{} The keys of {what} are {}",
                did_you_mean(near),
                list(known)
            ),
            None => format!("the keys of {what} are {}", list(known)),
        },
    )
}

/// What is wrong in a CVE pack's `vendors`, and its fix.
fn vendor(flaw: &VendorFlaw) -> (String, String) {
    match flaw {
        VendorFlaw::Key(key) => (
            format!(
                "vendor key `{}` is not lowercase letters, digits and `-`",
                one_line(key)
            ),
            "rename the key, e.g. `dlink`".to_owned(),
        ),
        VendorFlaw::NotOwnName(key) => {
            let key = one_line(key);
            (
                format!("vendor `{key}` is not in its own list of names"),
                format!("add `{key}` to its list"),
            )
        }
        VendorFlaw::AliasForm {
            alias,
            vendor,
            normal,
        } => (
            format!(
                "the name \"{}\" of vendor `{}` is not lowercase with single spaces",
                one_line(alias),
                one_line(vendor)
            ),
            format!("write it \"{}\"", one_line(normal)),
        ),
        VendorFlaw::AliasTwice {
            alias,
            first,
            second,
        } => (
            format!(
                "the name \"{}\" belongs to `{}` and `{}`",
                one_line(alias),
                one_line(first),
                one_line(second)
            ),
            "an alias names exactly one vendor: remove it from one of them".to_owned(),
        ),
    }
}

/// What is wrong in a range of an entry's `affected`, and its fix.
fn range(flaw: &RangeFlaw) -> (String, String) {
    match flaw {
        RangeFlaw::BeforeAndLastAffected => (
            "the range has both `before` and `last_affected`".to_owned(),
            "keep one upper bound: `before` (first fixed version) or `last_affected`".to_owned(),
        ),
        RangeFlaw::FromAndAfter => (
            "the range has both `from` and `after`".to_owned(),
            "keep one lower bound".to_owned(),
        ),
        RangeFlaw::AfterInBuiltin => (
            "`after` is only for entries imported into an engagement".to_owned(),
            "use `from` (inclusive) in the built-in pack".to_owned(),
        ),
        RangeFlaw::FromUnbounded => (
            "`from` without an upper bound".to_owned(),
            "add `before` or `last_affected`, or remove `from` to leave the range unbounded"
                .to_owned(),
        ),
        RangeFlaw::FixedInUnbounded => (
            "`fixed_in` without an upper bound".to_owned(),
            "add `before` or `last_affected`, or remove `fixed_in`".to_owned(),
        ),
        RangeFlaw::AllVersionsFalse => (
            "`all_versions: false`".to_owned(),
            "leave `all_versions` out unless it is true".to_owned(),
        ),
        RangeFlaw::AllVersionsWithBounds => (
            "`all_versions` with version bounds".to_owned(),
            "a range affects every version or has bounds, not both".to_owned(),
        ),
        RangeFlaw::NoProducts => (
            "the range names no product".to_owned(),
            "give at least one model pattern, or `\"*\"` for every model of the vendor".to_owned(),
        ),
        RangeFlaw::EmptyPattern => (
            "a model pattern is empty".to_owned(),
            "remove it, or write `\"*\"` for every model".to_owned(),
        ),
        RangeFlaw::NotABound(text) => (
            format!("`{}` is not a version nor a build date", one_line(text)),
            "write the version as the vendor does (with a digit), or a date as YYYY-MM or YYYY-MM-DD".to_owned(),
        ),
    }
}

fn file_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Link => "a symbolic link",
        FileKind::Fifo => "a named pipe (FIFO)",
        FileKind::Socket => "a socket",
        FileKind::Device => "a device",
        FileKind::Folder => "a folder",
    }
}

/// What went wrong with pandoc, and what to do.
pub(super) fn pandoc(pandoc: &Pandoc) -> (String, String) {
    let install = "install pandoc (`apt-get install pandoc`, or https://pandoc.org/installing.html) and run the command again; or write the report as Markdown or HTML (`--format md|html`)";
    let needed = |why: String| {
        (
            format!("pandoc is needed to write Word (DOCX) files: {why}"),
            install.to_owned(),
        )
    };
    match pandoc {
        Pandoc::Missing => needed("it is not installed, or not on the PATH".to_owned()),
        Pandoc::CannotRun(detail) => needed(format!("it could not be run ({})", one_line(detail))),
        Pandoc::TooOld { has, needs } => needed(format!(
            "pandoc {}.{} is installed, and {}.{} or later is needed",
            has.0, has.1, needs.0, needs.1
        )),
        Pandoc::NoVersion(program) => needed(format!(
            "`{} --version` did not say which version it is",
            one_line(program)
        )),
        Pandoc::Failed { said, reference } => (
            format!("pandoc could not convert the report: {}", one_line(said)),
            match reference {
                Some(reference) => format!(
                    "check that {} is a Word document made from pandoc's own (`pandoc -o templates/reference.docx --print-default-data-file reference.docx`), or move it away to use pandoc's default styles",
                    one_line(reference)
                ),
                None => "convert the Markdown by hand to see pandoc's full message: `vmsaudit report -o out/` then `pandoc --resource-path=out out/report.md -o report.docx`".to_owned(),
            },
        ),
    }
}

/// What is wrong with a file given to `cve import`, and its fix.
fn feed(flaw: &FeedFlaw) -> (String, String) {
    let what = "give an NVD CVE JSON 2.0 feed (.json, .json.gz or .zip) or the CISA KEV catalogue (.json or .csv)";
    let (wrong, fix): (String, &str) = match flaw {
        FeedFlaw::ZipIncomplete(_)
        | FeedFlaw::ZipEntry { .. }
        | FeedFlaw::ZipNoJson(_)
        | FeedFlaw::Bomb { .. } => zip_feed(flaw),
        FeedFlaw::Broken { how, read, last } => broken_feed(how, *read, last.as_deref()),
        FeedFlaw::CountMismatch { .. }
        | FeedFlaw::NotCsv(_)
        | FeedFlaw::NoColumns(_)
        | FeedFlaw::BadRow { .. }
        | FeedFlaw::BadValues { .. } => kev_feed(flaw),
        FeedFlaw::Empty => (
            "the file is empty".to_owned(),
            "give an NVD CVE JSON 2.0 feed (nvdcve-2.0-*.json) or the CISA KEV catalogue (known_exploited_vulnerabilities.json or .csv)",
        ),
        FeedFlaw::Binary => (
            "not an NVD feed nor the KEV catalogue: a binary file, not JSON or CSV text".to_owned(),
            what,
        ),
        FeedFlaw::Unreadable(detail) => (
            format!("cannot be read: {}", one_line(detail)),
            "check the file and its permissions",
        ),
        FeedFlaw::NotAFeed => (
            "not an NVD CVE JSON 2.0 feed nor the CISA KEV catalogue: no `vulnerabilities` list"
                .to_owned(),
            "give an NVD feed ({\"vulnerabilities\": [{\"cve\": ...}]}) or known_exploited_vulnerabilities.json",
        ),
    };
    (wrong, fix.to_owned())
}

/// A feed whose zip archive cannot be read, or is too large for what it holds (only those
/// variants).
fn zip_feed(flaw: &FeedFlaw) -> (String, &'static str) {
    let again = "nothing was imported: download the feed again, then rerun the import";
    match flaw {
        FeedFlaw::ZipIncomplete(detail) => (
            format!(
                "not a complete zip archive ({}): a truncated download or copy?",
                one_line(detail)
            ),
            again,
        ),
        FeedFlaw::ZipEntry { index, detail } => (
            format!(
                "file {} of the zip archive cannot be read ({})",
                index + 1,
                one_line(detail)
            ),
            again,
        ),
        FeedFlaw::ZipNoJson(held) => (
            format!(
                "the zip archive holds no .json file (it holds {})",
                if held.is_empty() {
                    "nothing".to_owned()
                } else {
                    list(held)
                }
            ),
            "give NVD's nvdcve-2.0-*.json.zip, or the .json or .json.gz feed",
        ),
        FeedFlaw::Bomb { mib, kib } => (
            format!(
                "decompresses to more than {mib} MiB from {kib} KiB: refused, this is not a feed NVD distributes (a zip bomb?)"
            ),
            "nothing was imported: give the feeds as NVD publishes them (nvdcve-2.0-*.json.gz or .zip)",
        ),
        _ => (String::new(), ""),
    }
}

/// A feed whose JSON breaks off, with how far it was read.
fn broken_feed(how: &JsonBreak, read: usize, last: Option<&str>) -> (String, &'static str) {
    let how = match how {
        JsonBreak::Eof => {
            "the file ends in the middle of the JSON (a truncated download or copy?)".to_owned()
        }
        JsonBreak::CompressedEof => {
            "the compressed data ends early (a truncated download or copy?)".to_owned()
        }
        JsonBreak::Io(detail) => format!("cannot be read: {}", one_line(detail)),
        JsonBreak::Invalid(detail) => format!("not valid here: {}", one_line(detail)),
        JsonBreak::WrongKind => {
            "a value of a kind no NVD record or KEV entry holds here (a number or a list where a record or a text belongs)".to_owned()
        }
    };
    let so_far = match (read, last) {
        (0, _) => "no complete record was read before that point".to_owned(),
        (1, Some(last)) => format!(
            "1 complete record ({}) was read before that point",
            one_line(last)
        ),
        (n, Some(last)) => format!(
            "{n} complete records were read before that point, the last {}",
            one_line(last)
        ),
        (n, None) => format!("{n} complete records were read before that point"),
    };
    (
        format!("{how}; {so_far}, the rest of the file cannot be read"),
        "nothing was imported, from this file or any other given: copy or download the file again, then rerun the import",
    )
}

/// The CISA KEV catalogue that cannot be read as one (only those variants).
fn kev_feed(flaw: &FeedFlaw) -> (String, &'static str) {
    match flaw {
        FeedFlaw::CountMismatch { said, has } => (
            format!("the catalogue says it holds {said} entries, the file has {has}"),
            "nothing was imported: copy or download the catalogue again",
        ),
        FeedFlaw::NotCsv(detail) => (
            format!("not a CSV file: {}", one_line(detail)),
            "give an NVD CVE JSON 2.0 feed, or the CISA KEV catalogue as JSON or CSV (known_exploited_vulnerabilities.csv)",
        ),
        FeedFlaw::NoColumns(missing) => (
            format!(
                "not the CISA KEV catalogue: the header has {}",
                match missing.as_slice() {
                    [one] => format!("no `{}` column", one_line(one)),
                    _ => "no `cveID` and `dateAdded` columns".to_owned(),
                }
            ),
            "give an NVD CVE JSON 2.0 feed, or the CISA KEV catalogue as JSON or CSV (known_exploited_vulnerabilities.csv)",
        ),
        FeedFlaw::BadRow { detail, read } => (
            format!(
                "this row cannot be read ({}); {read} complete row(s) were read before it (a truncated file?)",
                one_line(detail)
            ),
            "nothing was imported, from this file or any other given: copy or download the catalogue again",
        ),
        FeedFlaw::BadValues { id, date } => (
            format!(
                "`{}` / `{}` is not a CVE id and a YYYY-MM-DD date",
                one_line(id),
                one_line(date)
            ),
            "nothing was imported: check the file is the KEV catalogue as CISA publishes it",
        ),
        _ => (String::new(), ""),
    }
}

/// Why a newer grid does not map the engagement's, and its fix.
fn grid_map(flaw: &GridMapFlaw) -> (String, String) {
    match flaw {
        GridMapFlaw::NotMapped { .. }
        | GridMapFlaw::HashDiffers { .. }
        | GridMapFlaw::NotInOld { .. } => mapped_control(flaw),
        GridMapFlaw::SameVersionDiffers { id, version } => (
            format!(
                "this grid is version {} of `{}`, as the engagement's is, but its text differs",
                one_line(version),
                one_line(id)
            ),
            "give the new grid a version of its own, with a `replaces:` entry for the engagement's".to_owned(),
        ),
        GridMapFlaw::OtherGrid { new, old } => (
            format!(
                "this grid is `{}`, the engagement's is `{}`",
                one_line(new),
                one_line(old)
            ),
            format!(
                "move to a version of `{}`, or start a new engagement with this grid (`vmsaudit init --grid`)",
                one_line(old)
            ),
        ),
        GridMapFlaw::NoEntry {
            id,
            version,
            old,
            known,
        } => {
            let listed = if known.is_empty() {
                "it has no `replaces:`".to_owned()
            } else {
                format!("it replaces only {}", list(known))
            };
            (
                format!(
                    "grid {} {} does not say how to map the engagement's version {} ({listed})",
                    one_line(id),
                    one_line(version),
                    one_line(old)
                ),
                format!(
                    "add a `replaces:` entry for version {}: `vmsaudit grid hashes` prints the controls of the engagement's grid with their hashes (see the README, \"Grid versions\")",
                    one_line(old)
                ),
            )
        }
        GridMapFlaw::DomainGone {
            finding,
            domain,
            grid,
        } => (
            format!(
                "finding {} is in domain {}, which grid {} does not have",
                one_line(finding),
                one_line(domain),
                one_line(grid)
            ),
            "move the finding to a domain of the new grid (`vmsaudit finding edit ID --domain D`) before moving".to_owned(),
        ),
    }
}

/// A control of the engagement's grid that the mapping leaves out, or names for another
/// text or a control it does not have (only those variants).
fn mapped_control(flaw: &GridMapFlaw) -> (String, String) {
    match flaw {
        GridMapFlaw::NotMapped {
            control,
            version,
            hash,
        } => (
            format!(
                "control {} of version {} is not in `replaces` {}",
                one_line(control),
                one_line(version),
                one_line(version)
            ),
            format!(
                "say what it became under `controls:`: `{}: {{hash: {}, to: [ID]}}`, or `to: []` if it is removed",
                one_line(control),
                one_line(hash)
            ),
        ),
        GridMapFlaw::HashDiffers {
            control,
            version,
            hash,
            said,
        } => (
            format!(
                "control {} of the engagement's grid {} is not the text this mapping was written for (its hash is {}, the mapping says {})",
                one_line(control),
                one_line(version),
                one_line(hash),
                one_line(said)
            ),
            "the engagement's grid was edited, or the mapping is for another text: compare them, then set the hash `vmsaudit grid hashes` prints for the engagement's grid".to_owned(),
        ),
        GridMapFlaw::NotInOld { id, version } => (
            format!(
                "`replaces` {} names {}, which is not a control of the engagement's grid {}",
                one_line(version),
                one_line(id),
                one_line(version)
            ),
            "remove it, or fix the id".to_owned(),
        ),
        _ => (String::new(), String::new()),
    }
}

/// A value its type does not read.
pub(super) fn bad_value(bad: &super::BadValue) -> String {
    use super::value::one_of;
    use super::{Expected, Kind};
    let given = one_line(&bad.given);
    match bad.expected {
        Expected::Level => {
            format!("`{given}` is not a level: use a number of the scale (0–4) or `na`")
        }
        Expected::OneOf(kind, words) => {
            let what = match kind {
                Kind::Severity => "a severity",
                Kind::VectorSource => "a vector source",
                Kind::FindingStatus => "a finding status",
                Kind::AssetKind => "an asset kind",
                Kind::Complexity => "a complexity",
                Kind::Owner => "an owner",
                Kind::ActionStatus => "an action status",
            };
            format!("`{given}` is not {what}: use {}", one_of(words, "or"))
        }
        Expected::Amount => format!(
            "`{given}` is not an amount: write a positive number with at most two decimals, e.g. `1250` or `1250.50`"
        ),
        Expected::AmountMixed => format!(
            "`{given}` mixes `,` and `.`: write the amount without thousands separators, e.g. `1250.50`"
        ),
        Expected::Score => format!(
            "`{given}` is not a score: write a number with at most one decimal, such as 2.5"
        ),
        Expected::Date => {
            format!("`{given}` is not a date: write it as YYYY-MM-DD, e.g. 2026-03-15")
        }
        Expected::Currency => format!(
            "`{given}` is not a currency code: use the three letters of ISO 4217, e.g. EUR, USD, CHF"
        ),
    }
}

/// An inventory spreadsheet's problem and its fix.
fn csv(flaw: &super::CsvFlaw) -> (String, String) {
    use super::CsvFlaw;
    match flaw {
        CsvFlaw::Empty(columns) => (
            "the file is empty".to_owned(),
            format!(
                "export the inventory with a header row: {}",
                columns.join(",")
            ),
        ),
        CsvFlaw::NotCsv(detail) => (
            format!("the file is not readable as CSV: {}", one_line(detail)),
            "save it as CSV (comma- or semicolon-separated, UTF-8) from the spreadsheet".to_owned(),
        ),
        CsvFlaw::Cells { row, header } => (
            format!("the row has {row} cells, the header {header}"),
            "quote cells that contain the separator, and give every row the header's columns"
                .to_owned(),
        ),
        CsvFlaw::ColumnTwice(name) => (
            format!("column `{}` is given twice", one_line(name)),
            "keep one column of each name".to_owned(),
        ),
        CsvFlaw::UnknownColumns { unknown, known } => (
            format!(
                "unknown column(s): {}",
                unknown
                    .iter()
                    .map(|(name, at)| format!("`{}` (column {at})", one_line(name)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            format!(
                "the known columns are {} (any order, any case); rename or remove the others",
                known.join(", ")
            ),
        ),
        CsvFlaw::NoIdColumn => (
            "the header has no `id` column".to_owned(),
            "add an `id` column: each row updates the asset with that id, or adds it".to_owned(),
        ),
        CsvFlaw::NoHeader(column) => (
            format!("a value in column {column}, which has no header"),
            "name the column in the header row, or empty it".to_owned(),
        ),
        CsvFlaw::IdEmpty => (
            "the id is empty".to_owned(),
            "give every asset an id, e.g. CAM-012".to_owned(),
        ),
        CsvFlaw::BadId(wrong) => (self::wrong(wrong, &super::key), "e.g. CAM-012".to_owned()),
        CsvFlaw::IdTwice { id, line } => (
            format!("asset `{}` is also on line {line}", one_line(id)),
            "keep one row per asset".to_owned(),
        ),
        CsvFlaw::Kind(bad) => (bad_value(bad), "fix the kind column of this row".to_owned()),
        CsvFlaw::NoKind { id, kinds } => (
            format!(
                "`{}` is not in the inventory yet and has no kind",
                one_line(id)
            ),
            format!("fill its `kind` column with one of {}", kinds.join(", ")),
        ),
    }
}

/// Where a grid's key is unknown.
fn grid_key_place(place: super::GridKeyPlace) -> &'static str {
    use super::GridKeyPlace;
    match place {
        GridKeyPlace::Grid => "the grid",
        GridKeyPlace::Level => "a scale level",
        GridKeyPlace::Domain => "a domain",
        GridKeyPlace::Control => "a control",
        GridKeyPlace::Replaces => "a `replaces` entry",
        GridKeyPlace::Mapping => "a control's mapping",
    }
}

fn grid_id_of(of: super::GridIdOf) -> &'static str {
    match of {
        super::GridIdOf::Domain => "domain",
        super::GridIdOf::Control => "control",
    }
}

/// What holds a grid's text.
fn text_owner(owner: &super::TextOwner) -> String {
    use super::TextOwner;
    match owner {
        TextOwner::Grid => "the grid".to_owned(),
        TextOwner::Level(level) => format!("scale level {level}"),
        TextOwner::Domain(id) => format!("domain {}", one_line(id)),
        TextOwner::Control(id) => format!("control {}", one_line(id)),
        TextOwner::Mapping { version, old } => {
            format!("`replaces` {}: {}", one_line(version), one_line(old))
        }
        TextOwner::Replaces(Some(version)) => {
            format!("the `replaces` entry of version {}", one_line(version))
        }
        TextOwner::Replaces(None) => "a `replaces` entry".to_owned(),
    }
}

/// What a grid's value should have been.
fn grid_expect(expected: super::GridExpect) -> String {
    use super::GridExpect;
    match expected {
        GridExpect::Text => {
            "a text (one string, or one per language: `{en: ..., fr: ...}`)".to_owned()
        }
        GridExpect::TextIn => "one string".to_owned(),
        GridExpect::Word => "one value (a word or a number)".to_owned(),
        GridExpect::List => "a list".to_owned(),
        GridExpect::Entry => "an entry with keys of its own (`key: value` lines)".to_owned(),
        GridExpect::Mappings => "the older controls, each with its mapping".to_owned(),
        GridExpect::LevelTexts => "a text per level (`0: ...`, `1: ...`)".to_owned(),
        GridExpect::Level { max } => format!("a whole number from 0 to {max}"),
        GridExpect::Weight => "a whole number from 1 to 100".to_owned(),
        GridExpect::YesNo => "`true` or `false`".to_owned(),
        GridExpect::OneText => "a text".to_owned(),
        GridExpect::LevelOrNa => "a level of the scale (a whole number) or `na`".to_owned(),
    }
}

/// What a grid file has where something else was expected.
fn grid_found(found: &super::GridFound) -> String {
    use super::GridFound;
    match found {
        GridFound::Text(text) => format!("the text {}", crate::text::code_span(&one_line(text))),
        GridFound::Number(number) => format!("the number `{}`", one_line(number)),
        GridFound::YesNo(yes) => format!("`{yes}`"),
        GridFound::Nothing => "empty".to_owned(),
        GridFound::List => "a list".to_owned(),
        GridFound::Entry => "a set of keys (`key: value`)".to_owned(),
    }
}

/// How to write the value a grid expects under `key`.
fn grid_expect_fix(expected: super::GridExpect, key: &str, part: super::ShapePart) -> String {
    use super::{GridExpect, ShapePart};
    let key = one_line(key);
    match (expected, part) {
        (GridExpect::Text, _) => format!(
            "write the text after `{key}:`, or one per language: `{key}: {{en: ..., fr: ...}}`"
        ),
        (GridExpect::TextIn, _) => "write one string after the language code (`en: Default accounts`), in quotes if it holds `: ` or starts with `[` or `{`".to_owned(),
        (GridExpect::Word, ShapePart::Item) => format!(
            "write one value per item of `{key}`: `{key}: [a, b]`, or one `- value` per line"
        ),
        (GridExpect::Word, _) => format!(
            "write one value after `{key}:`, in quotes if it holds `: ` or starts with `[` or `{{`"
        ),
        (GridExpect::List, _) => format!(
            "write the list in brackets (`{key}: [a, b]`) or one `- item` per line below `{key}:`; remove `{key}:` when the list has nothing"
        ),
        (GridExpect::Entry, _) => "write the entry's keys below its dash, indented alike: `- id: ...`, then `title: ...` on the next line".to_owned(),
        (GridExpect::Mappings, _) => "below `controls:`, write each older control id followed by `:`, then its `hash:` and `to:` indented below it".to_owned(),
        (GridExpect::LevelTexts, _) => format!(
            "below `{key}:`, write each level's number followed by its text, one per line: `0: ...`, `4: ...`"
        ),
        (GridExpect::Level { max }, ShapePart::Key) => format!(
            "number each text with its level, a whole number from 0 to {max}, without quotes: `2: ...`"
        ),
        (GridExpect::Level { max }, _) => format!(
            "write the level's number, from 0 to {max}, without quotes: `{key}: 2`"
        ),
        (GridExpect::Weight, _) => format!(
            "write `{key}: 1` for an ordinary control, 2 or more for one that weighs more in its domain's score (without quotes)"
        ),
        (GridExpect::YesNo, _) => {
            format!("write `{key}: true` or `{key}: false` (without quotes), or remove the key")
        }
        (GridExpect::OneText, _) => format!(
            "write the text after `{key}:`, in quotes if it holds `: ` or starts with `[`, `{{` or `-`; a text of several lines as `{key}: |` with its lines indented below"
        ),
        (GridExpect::LevelOrNa, _) => format!(
            "write the level's number without quotes (`{key}: 2`), or `{key}: na` when the control does not apply"
        ),
    }
}

/// A value of the wrong kind under `key` (`of_owner`: ` of control X`, or nothing in a
/// record's file), and its fix: the one wording of grids and records.
fn shape(
    of_owner: &str,
    key: &str,
    part: super::ShapePart,
    expected: super::GridExpect,
    found: &super::GridFound,
) -> (String, String) {
    let key_ = one_line(key);
    let found_ = grid_found(found);
    let expected_ = grid_expect(expected);
    let what = match part {
        super::ShapePart::Value => format!("`{key_}`{of_owner} is {found_}"),
        super::ShapePart::Item => format!("an item of `{key_}`{of_owner} is {found_}"),
        super::ShapePart::Key => format!("a key of `{key_}`{of_owner} is {found_}"),
    };
    (
        format!("{what}, where {expected_} is expected"),
        grid_expect_fix(expected, key, part),
    )
}

/// A grid file's problem, and its fix.
fn grid(flaw: &super::GridFlaw) -> (String, String) {
    use super::GridFlaw;
    match flaw {
        GridFlaw::Empty => (
            "the grid file is empty".to_owned(),
            "start from `vmsaudit grid export`, which prints the built-in grid".to_owned(),
        ),
        GridFlaw::NotAMap => (
            "the grid is not a set of YAML keys and their values (`id: ...`, `domains: ...`)"
                .to_owned(),
            "start from `vmsaudit grid export`, which prints the built-in grid".to_owned(),
        ),
        GridFlaw::Shape {
            owner,
            key,
            part,
            expected,
            found,
        } => {
            let owner = format!(" of {}", text_owner(owner));
            shape(&owner, key, *part, *expected, found)
        }
        GridFlaw::UnknownKey {
            key,
            place,
            near,
            known,
        } => {
            let what = grid_key_place(*place);
            (
                format!("unknown key `{}` in {what}", one_line(key)),
                match near {
                    Some(near) => did_you_mean(near),
                    None => format!("the keys of {what} are: {}", known.join(", ")),
                },
            )
        }
        GridFlaw::NoId(of) => {
            let what = grid_id_of(*of);
            (
                format!("{what} has no `id`"),
                format!("add `id:` to the {what}"),
            )
        }
        GridFlaw::BadId { id, of } => (
            format!("`{}` is not a valid {} id", one_line(id), grid_id_of(*of)),
            "use 1 to 32 letters, digits, `-`, `_` or `.`, starting with a letter or digit (the id names files)".to_owned(),
        ),
        GridFlaw::IdTwice { id, line } => (
            format!("duplicate id `{}` (first used on line {line})", one_line(id)),
            "give every domain and control an id of its own".to_owned(),
        ),
        GridFlaw::IdCase { id, other, line } => (
            format!(
                "id `{}` differs from `{}` (line {line}) only by case",
                one_line(id),
                one_line(other)
            ),
            "give ids that differ by more than case: each control's answer is a file, and on a disk that ignores case (macOS, Windows) the two would be one".to_owned(),
        ),
        GridFlaw::Text(flaw) => grid_text(flaw),
        GridFlaw::Header(flaw) => grid_header(flaw),
        GridFlaw::Control(flaw) => grid_control(flaw),
        GridFlaw::Replaces(flaw) => grid_replaces(flaw),
        GridFlaw::Mapping(flaw) => grid_mapping(flaw),
    }
}

/// What is wrong with a text of the grid, and its fix.
fn grid_text(flaw: &super::TextFlaw) -> (String, String) {
    use super::TextFlaw;
    match flaw {
        TextFlaw::NoText { owner, key } => {
            let key = one_line(key);
            (
                format!("{} has no `{key}`", text_owner(owner)),
                format!("add `{key}:` with a text in each of the grid's languages"),
            )
        }
        TextFlaw::EmptyText { owner, key } => (
            format!("`{}` of {} is empty", one_line(key), text_owner(owner)),
            "write the text, or remove the key when it is optional".to_owned(),
        ),
        TextFlaw::NoTextIn { owner, key, lang } => {
            let lang = one_line(lang);
            (
                format!(
                    "`{}` of {} has no `{lang}` text",
                    one_line(key),
                    text_owner(owner)
                ),
                format!("add `{lang}: ...`, or remove `{lang}` from the grid's `languages`"),
            )
        }
        TextFlaw::EmptyIn { owner, key, lang } => (
            format!(
                "`{}` of {} is empty in `{}`",
                one_line(key),
                text_owner(owner),
                one_line(lang)
            ),
            "write the text".to_owned(),
        ),
        TextFlaw::OtherLanguage {
            owner,
            key,
            lang,
            languages,
        } => {
            let lang = one_line(lang);
            (
                format!(
                    "`{}` of {} has a text in `{lang}`, which is not one of the grid's languages ({})",
                    one_line(key),
                    text_owner(owner),
                    list(languages)
                ),
                format!("add `{lang}` to `languages`, or fix the language code"),
            )
        }
    }
}

/// What is wrong with the grid's id, version, languages or scale, and its fix.
fn grid_header(flaw: &super::HeaderFlaw) -> (String, String) {
    use super::HeaderFlaw;
    match flaw {
        HeaderFlaw::BadGridId(id) => (
            format!("`{}` is not a valid grid id", one_line(id)),
            "use 1 to 32 letters, digits, `-`, `_` or `.`".to_owned(),
        ),
        HeaderFlaw::NoGridId => (
            "the grid has no `id`".to_owned(),
            "add `id:` at the top, e.g. `id: vms`".to_owned(),
        ),
        HeaderFlaw::NoVersion => (
            "the grid has no `version`".to_owned(),
            "add `version:` at the top, e.g. `version: 1.0.0`; engagements pin it".to_owned(),
        ),
        HeaderFlaw::BadVersion(version) => (
            format!("`{}` is not a valid version", one_line(version)),
            "use 1 to 32 letters, digits, `.`, `-` or `+`, starting with a letter or digit, e.g. `1.2.0`".to_owned(),
        ),
        HeaderFlaw::NoLanguages => (
            "the grid has no `languages`".to_owned(),
            "add `languages: [en, fr]` (the language codes its texts are written in)".to_owned(),
        ),
        HeaderFlaw::LanguagesEmpty => (
            "`languages` is empty".to_owned(),
            "list the language codes the grid's texts are written in, e.g. `[en, fr]`".to_owned(),
        ),
        HeaderFlaw::NotALanguage(code) => (
            format!("`{}` is not a language code", one_line(code)),
            "use a two-letter lowercase code such as `en` or `fr`".to_owned(),
        ),
        HeaderFlaw::LanguageTwice(code) => (
            format!("language `{}` is listed twice", one_line(code)),
            "list each language once".to_owned(),
        ),
        HeaderFlaw::NoScale => (
            "the grid has no `scale`".to_owned(),
            "add `scale:` with the maturity levels, from `level: 0` up".to_owned(),
        ),
        HeaderFlaw::ScaleSize { count, max } => (
            format!("the scale has {count} levels"),
            format!("give the scale 2 to {max} levels, numbered from 0"),
        ),
        HeaderFlaw::LevelOutOfOrder { level, expected } => (
            format!("scale level {level} is out of order"),
            format!("number the scale levels 0, 1, 2... in order; this one should be {expected}"),
        ),
        HeaderFlaw::NoLevel { expected } => (
            "a scale level has no `level`".to_owned(),
            format!("add `level: {expected}`"),
        ),
    }
}

/// What is wrong with the grid's domains and controls, and its fix.
fn grid_control(flaw: &super::ControlFlaw) -> (String, String) {
    use super::ControlFlaw;
    match flaw {
        ControlFlaw::NoDomain => (
            "the grid has no domain".to_owned(),
            "list at least one domain under `domains:`".to_owned(),
        ),
        ControlFlaw::NoDomains => (
            "the grid has no `domains`".to_owned(),
            "add `domains:` with the domains and their controls".to_owned(),
        ),
        ControlFlaw::NoControl { domain, listed } => (
            format!("domain {} has no control", one_line(domain)),
            if *listed {
                "add at least one control under `controls:`, or remove the domain"
            } else {
                "add `controls:` with at least one control, or remove the domain"
            }
            .to_owned(),
        ),
        ControlFlaw::LevelOutsideScale {
            control,
            level,
            top,
        } => (
            format!(
                "control {}: level {level} is outside the scale (0–{top})",
                one_line(control)
            ),
            "describe only levels that the grid's `scale` defines".to_owned(),
        ),
        ControlFlaw::UnknownComponent {
            control,
            component,
            near,
            known,
        } => (
            format!(
                "control {}: unknown component `{}` in `applies_to`",
                one_line(control),
                one_line(component)
            ),
            match near {
                Some(near) => did_you_mean(near),
                None => format!("use one of: {}", known.join(", ")),
            },
        ),
        ControlFlaw::EmptyReference { control } => (
            format!("control {}: empty reference", one_line(control)),
            "write the reference (guide, section, recommendation number) or remove the line"
                .to_owned(),
        ),
        ControlFlaw::BadWeight { control, weight } => (
            format!(
                "control {}: weight {} is not a whole number from 1 to 100",
                one_line(control),
                one_line(weight)
            ),
            "use 1 for an ordinary control and 2 or more for one that weighs more in its domain's score".to_owned(),
        ),
    }
}

/// What is wrong with the grid's `replaces`, and its fix.
fn grid_replaces(flaw: &super::ReplacesFlaw) -> (String, String) {
    use super::ReplacesFlaw;
    match flaw {
        ReplacesFlaw::ReplacesItself(version) => (
            format!("the grid replaces its own version {}", one_line(version)),
            "list the older versions it replaces, and give this one a version of its own"
                .to_owned(),
        ),
        ReplacesFlaw::ReplacedTwice(version) => (
            format!("version {} is replaced twice", one_line(version)),
            "keep one `replaces` entry per older version".to_owned(),
        ),
        ReplacesFlaw::NoReplacedVersion => (
            "a `replaces` entry has no `version`".to_owned(),
            "add `version:`, the older version this entry maps, e.g. `version: 1.0.0`".to_owned(),
        ),
        ReplacesFlaw::NoMappings { version } => (
            format!("`replaces` {} has no `controls`", one_line(version)),
            "list every control of that version under `controls:`, with its hash (`vmsaudit grid hashes FILE` prints them)".to_owned(),
        ),
    }
}

/// What is wrong with a mapping of `replaces` (an older version's controls to this one's), and its fix.
fn grid_mapping(flaw: &super::MappingFlaw) -> (String, String) {
    use super::MappingFlaw;
    match flaw {
        MappingFlaw::AddedUnknown { .. }
        | MappingFlaw::AddedAndMapped { .. }
        | MappingFlaw::NotAccountedFor { .. } => added_control(flaw),
        MappingFlaw::BadOldId { version, old } => (
            format!(
                "{} `{}` is not a valid control id",
                replaces(version),
                one_line(old)
            ),
            "use the control's id in the older version".to_owned(),
        ),
        MappingFlaw::BadHash {
            version,
            old,
            digits,
        } => (
            format!(
                "{} the hash of {} is not {digits} lowercase hexadecimal digits",
                replaces(version),
                one_line(old)
            ),
            "copy it from `vmsaudit grid hashes FILE`, run on the older grid".to_owned(),
        ),
        MappingFlaw::NoHash { version, old } => (
            format!(
                "{} {} has no `hash`",
                replaces(version),
                one_line(old)
            ),
            "add `hash:` from `vmsaudit grid hashes FILE`, run on the older grid: it tells a reworded control from an unchanged one".to_owned(),
        ),
        MappingFlaw::NoTarget { version, old } => (
            format!(
                "{} {} is not a control of this grid, and no `to` says what it became",
                replaces(version),
                one_line(old)
            ),
            "add `to: [ID]` (renamed), `to: [ID1, ID2]` (split) or `to: []` (removed)".to_owned(),
        ),
        MappingFlaw::NotATarget {
            version,
            old,
            target,
            near,
        } => (
            format!(
                "{} {} becomes {}, which is not a control of this grid",
                replaces(version),
                one_line(old),
                one_line(target)
            ),
            match near {
                Some(near) => did_you_mean(near),
                None => "name a control of this grid, or use `to: []` when the control is removed"
                    .to_owned(),
            },
        ),
    }
}

/// What opens each problem of a mapping of `replaces`.
fn replaces(version: &str) -> String {
    format!("`replaces` {}:", one_line(version))
}

/// A control of this grid that `added` and the older controls' `to` account for wrongly
/// (only those variants).
fn added_control(flaw: &super::MappingFlaw) -> (String, String) {
    use super::MappingFlaw;
    match flaw {
        MappingFlaw::AddedUnknown { version, id } => (
            format!(
                "{} `added` lists {}, which is not a control of this grid",
                replaces(version),
                one_line(id)
            ),
            "list only controls new in this version".to_owned(),
        ),
        MappingFlaw::AddedAndMapped { version, id, line } => (
            format!(
                "{} {} is listed as `added`, but line {line} maps an older control to it",
                replaces(version),
                one_line(id)
            ),
            "a control is either new (`added`) or what an older control became, not both"
                .to_owned(),
        ),
        MappingFlaw::NotAccountedFor { version, control } => {
            let control = one_line(control);
            (
                format!(
                    "{} control {control} is neither what an older control became nor `added`",
                    replaces(version)
                ),
                format!(
                    "list {control} under `added`, or as the `to` of the older control it comes from"
                ),
            )
        }
        _ => (String::new(), String::new()),
    }
}

/// `4,200,115`: digits in groups of three, `separator` between them.
pub(super) fn grouped(number: u64, separator: &str) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

pub(super) fn verdict(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Affected => "affected",
        Verdict::Unknown => "unknown",
        Verdict::NotAffected => "not affected",
    }
}

/// `"text"`, made one line.
fn quoted(text: &str) -> String {
    format!("\"{}\"", one_line(text))
}

pub(super) fn uncomparable(why: &Uncomparable) -> String {
    match why {
        Uncomparable::FirmwareYearRelease { firmware, bound } => format!(
            "firmware {} is a year release, bound {} is not",
            quoted(firmware),
            quoted(bound)
        ),
        Uncomparable::BoundYearRelease { firmware, bound } => format!(
            "bound {} is a year release, firmware {} is not",
            quoted(bound),
            quoted(firmware)
        ),
        Uncomparable::OtherLine {
            firmware,
            line,
            bound,
            bound_line,
        } => format!(
            "firmware {} is of the line {}, bound {} of the line {}: no bound of its own line to \
             compare with",
            quoted(firmware),
            one_line(line),
            quoted(bound),
            one_line(bound_line)
        ),
        Uncomparable::NumberedDifferently {
            firmware,
            bound,
            number,
            letters,
        } => format!(
            "firmware {} and bound {} are numbered differently (`{}` against `{}`)",
            quoted(firmware),
            quoted(bound),
            one_line(number),
            one_line(letters)
        ),
        Uncomparable::NoBuildDate {
            firmware,
            bound,
            build,
        } => format!(
            "firmware {} is the release of bound {} but has no build date to compare with {}",
            quoted(firmware),
            quoted(bound),
            one_line(build)
        ),
        Uncomparable::NoBuildDateForDate { firmware, bound } => format!(
            "firmware {} has no build date to compare with the date bound {}",
            quoted(firmware),
            one_line(bound)
        ),
        Uncomparable::StampNotADate {
            firmware,
            stamp,
            bound,
        } => format!(
            "the build stamp {} of firmware {} is not a date, the bound {} is",
            one_line(stamp),
            quoted(firmware),
            one_line(bound)
        ),
    }
}

/// `from "4.30.300" up to "4.31.100"`: a range's ends in words.
fn range_ends(lower: Option<&RangeEnd>, upper: Option<&RangeEnd>) -> String {
    let lower = lower.map(|end| {
        let word = if end.included { "from" } else { "after" };
        format!("{word} {}", quoted(&end.bound))
    });
    let upper = upper.map(|end| {
        let word = if end.included { "up to" } else { "before" };
        format!("{word} {}", quoted(&end.bound))
    });
    [lower, upper]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn range_why(why: &RangeWhy) -> String {
    match why {
        RangeWhy::AllVersions { pattern } => {
            format!("every firmware of {} is affected (no fix)", quoted(pattern))
        }
        RangeWhy::NoUpperBound { pattern } => {
            format!("no upper bound published for {}", quoted(pattern))
        }
        RangeWhy::NoFirmware { lower, upper } => format!(
            "no firmware in the inventory to compare with {}",
            range_ends(lower.as_ref(), upper.as_ref())
        ),
        RangeWhy::NotAVersion { firmware } => {
            format!("firmware {} is not a version", quoted(firmware))
        }
        RangeWhy::BoundNotAVersion { bound } => {
            format!("bound {} is not a version", quoted(bound))
        }
        RangeWhy::Uncomparable(why) => uncomparable(why),
        RangeWhy::Compared {
            firmware,
            against,
            no_fix,
            ..
        } => {
            let steps: Vec<String> = against
                .iter()
                .map(|step| format!("{} {}", step.firmware_is.sign(), quoted(&step.bound)))
                .collect();
            let compared = format!("firmware {} {}", quoted(firmware), steps.join(" and "));
            if *no_fix {
                format!("{compared}, no fixed version published")
            } else {
                compared
            }
        }
    }
}

pub(super) fn match_trace(trace: &MatchTrace) -> String {
    let ranges: Vec<String> = trace
        .ranges
        .iter()
        .map(|(pattern, why)| {
            format!(
                "model {} ~ {}, {} → {}",
                quoted(trace.model),
                quoted(pattern),
                range_why(why),
                verdict(why.verdict())
            )
        })
        .collect();
    format!(
        "{} (alias {}), {}",
        one_line(trace.vendor),
        quoted(trace.alias),
        ranges.join("; ")
    )
}
