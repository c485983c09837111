//! The English words of the core's messages.

use super::{Act, Blocked, Fix, LabelFlaw, Namer, Subject, Thing, Unblock, Unknown, Wrong, list};
use crate::field::{
    ActionField, AnswerField, AssetField, Field, FindingField, OverrideField, ScanField, ScopeField,
};
use crate::text::one_line;

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
        Some(grid) => format!("unknown {what} `{given}` in grid {grid}"),
        None => format!("unknown {what} `{given}`"),
    }
}

pub(super) fn wrong(wrong: &Wrong, name: Namer<'_>) -> String {
    match wrong {
        Wrong::Empty => "empty".to_owned(),
        Wrong::Missing => "missing".to_owned(),
        Wrong::BadId { given, max } => format!(
            "`{}` is not a valid id: use at most {max} letters, digits, `-`, `_` or `.`, starting with a letter or digit",
            one_line(given)
        ),
        Wrong::Twice(item) => format!("`{}` is listed twice", one_line(item)),
        Wrong::Unknown(found) => unknown(found),
        Wrong::NotAChoice { given, choices } => {
            format!("`{}` is not one of {}", one_line(given), list(choices))
        }
        Wrong::BadVector(detail) => format!("not a CVSS vector: {}", one_line(detail)),
        Wrong::NotACve(given) => format!("`{}` is not a CVE id", one_line(given)),
        Wrong::NotADate(given) => format!("`{}` is not a date", one_line(given)),
        Wrong::NotAnAmount(given) => format!("`{}` is not an amount", one_line(given)),
        Wrong::NotACurrency(given) => format!("`{}` is not a currency code", one_line(given)),
        Wrong::NotAMac(given) => format!("`{}` is not a MAC address", one_line(given)),
        Wrong::SeverityWithVector { .. }
        | Wrong::NotWithVector
        | Wrong::WithoutVector
        | Wrong::NoSeverity
        | Wrong::Unjustified => severity_wrong(wrong),
        Wrong::AcceptedWithoutReason => "an accepted risk needs a reason".to_owned(),
        Wrong::DroppedWithoutReason => "a dropped action needs a reason".to_owned(),
        Wrong::NeededWith(other) => format!("needed with {}", name(*other)),
        Wrong::OutsideScale { given, max } => {
            format!("{given} is outside the grid's scale (0–{max})")
        }
        Wrong::NoAnswerYet(control) => {
            format!("{control} has no answer yet, so it needs a level")
        }
        Wrong::NotApplicableUnjustified => "not applicable needs a justification".to_owned(),
        Wrong::AlreadyThere(id) => format!("{} is already in the inventory", one_line(id)),
        Wrong::NotYetThere(id) => format!(
            "{} is not in the inventory yet, so it needs a kind",
            one_line(id)
        ),
        Wrong::AddressedBy { .. }
        | Wrong::NamedBy { .. }
        | Wrong::ItemEmpty(_)
        | Wrong::NotOneLine { .. }
        | Wrong::BadAuditor { .. } => list_wrong(wrong),
        Wrong::ControlCharacters => "control characters in the text".to_owned(),
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
        Wrong::Blocked(blocked) => self::blocked(blocked),
        Wrong::Other(text) => one_line(text),
    }
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
        Wrong::BadAuditor { item, detail } => format!("auditor {item}: {}", one_line(detail)),
        _ => String::new(),
    }
}

pub(super) fn fix(fix: &Fix, name: Namer<'_>) -> String {
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
        Fix::OneLine => "write it on one line, without control characters".to_owned(),
        Fix::AuditorForm => "write each auditor as `Name <email>`".to_owned(),
        Fix::PlainText => "write plain text (Markdown is fine)".to_owned(),
        Fix::RestoreFile(file) => format!(
            "restore it with `git checkout -- {}`",
            one_line(file)
        ),
        Fix::RemoveOrRestoreGrid(file) => format!(
            "remove {}, or restore the grid the engagement was started with",
            one_line(file)
        ),
        Fix::DomainOrControl(_)
        | Fix::AddAsset(_)
        | Fix::CheckList(_)
        | Fix::ControlLike => known_fix(fix),
        Fix::FindEngagement => "run this inside an engagement folder, point at one with -C DIR, or create one with `vmsaudit init DIR --client NAME`".to_owned(),
        Fix::Unblock(unblock) => self::unblock(unblock),
        Fix::Nothing => String::new(),
    }
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

pub(super) fn locked(holder: Option<&str>) -> (String, String) {
    (
        format!(
            "the engagement is in use: {}",
            holder.unwrap_or("another vmsaudit")
        ),
        "wait for it to finish or close it; if that process was killed, the lock is already free and you can retry".to_owned(),
    )
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
            let open = one_line(open);
            format!("round {open} is in progress (started with `vmsaudit audit start {open}`)")
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
    }
}

fn unblock(unblock: &Unblock) -> String {
    match unblock {
        Unblock::LabelLike => "use letters, digits, `.`, `_` and `-`, e.g. 2026-02 or 2026-S1".to_owned(),
        Unblock::CarryOnOrClose => "carry on with it, or close it with `vmsaudit audit close LABEL`".to_owned(),
        Unblock::CloseUnderItsLabel(open) => format!(
            "close it under its own label: `vmsaudit audit close {}`",
            one_line(open)
        ),
        Unblock::CloseFirst(open) => {
            format!("close it first: `vmsaudit audit close {}`", one_line(open))
        }
        Unblock::OtherLabel => "choose another label; `vmsaudit audit list` shows the rounds".to_owned(),
        Unblock::FinishGit => "finish it: `git status` says what is left; edit the files it lists, `git add` them and `git commit`".to_owned(),
        Unblock::SaveDrafts => "open the checklist (`vmsaudit`), then save each draft (Enter, then Ctrl-S) or discard it (d)".to_owned(),
        Unblock::CommitOrUndo => "commit them (`git add` and `git commit`) or undo them (`git checkout -- FILE`); `git status` lists them".to_owned(),
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
