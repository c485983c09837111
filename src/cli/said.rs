//! The core's refusals and errors as the command line says them: in the engagement's
//! language (`crate::messages`' catalogues), each field named by the option that sets it
//! (`--justification` rather than the file's `severity_justification`), and the commands
//! that fix what a removal leaves behind.

use crate::error::Refusal;
use crate::field::{
    ActionField, AnswerField, AssetField, Field, FindingField, OverrideField, ScanField, ScopeField,
};
use crate::grid::Lang;

/// The option (or argument) that sets `field`; the record's key for what no option sets.
pub fn flag(field: Field) -> &'static str {
    match field {
        Field::Finding(field) => match field {
            FindingField::Id => "ID",
            FindingField::Title => "--title",
            FindingField::Domain => "--domain",
            FindingField::Controls => "--control",
            FindingField::Description => "--description",
            FindingField::Cves => "--cve",
            FindingField::Cvss => "--cvss",
            FindingField::CvssSource => "--cvss-source",
            FindingField::RemoteTakeover => "--remote-takeover",
            FindingField::Severity => "--severity",
            FindingField::SeverityJustification => "--justification",
            FindingField::Assets => "--asset",
            FindingField::Recommendation => "--recommendation",
            FindingField::Status => "--status",
            FindingField::StatusReason => "--reason",
            FindingField::Actions => "actions",
            // Refused only when a reference to detach is not listed.
            FindingField::Evidence => "--drop-evidence",
        },
        Field::Action(field) => match field {
            ActionField::Id => "ID",
            ActionField::Title => "--title",
            ActionField::Description => "--description",
            ActionField::Addresses => "--addresses",
            ActionField::Complexity => "--complexity",
            ActionField::Owner => "--owner",
            ActionField::Cost => "--cost",
            ActionField::CostAmount => "--amount",
            ActionField::Currency => "--currency",
            ActionField::Deadline => "--deadline",
            ActionField::Status => "--status",
            ActionField::StatusReason => "--reason",
        },
        Field::Asset(field) => match field {
            AssetField::Id => "ID",
            AssetField::Kind => "--kind",
            AssetField::Vendor => "--vendor",
            AssetField::Model => "--model",
            AssetField::Firmware => "--firmware",
            AssetField::Address => "--address",
            AssetField::Location => "--location",
            AssetField::Mac => "--mac",
            AssetField::Notes => "--notes",
            AssetField::Findings => "findings",
        },
        Field::Answer(field) => match field {
            AnswerField::Control => "CONTROL",
            AnswerField::Level => "--level",
            AnswerField::Observations => "--note",
            AnswerField::Evidence => "--drop-evidence",
        },
        Field::Override(field) => match field {
            OverrideField::Domain => "DOMAIN",
            OverrideField::Score => "SCORE",
            OverrideField::Justification => "--justification",
        },
        Field::Scope(field) => match field {
            ScopeField::Client => "--client",
            ScopeField::Site => "--site",
            ScopeField::Contract => "--contract",
            ScopeField::Auditors => "--auditor",
            ScopeField::Included => "--component",
            ScopeField::Excluded => "--exclude",
            ScopeField::Limits => "--limits",
        },
        Field::Scan(field) => match field {
            ScanField::Scan => "SCAN",
            ScanField::Fact => "FACT",
        },
    }
}

/// `field` in a message: `` `--title` ``, or an argument as `--help` names it in `lang`
/// (`` `DOMAINE` `` in French).
pub fn name(field: Field, lang: Lang) -> String {
    let flag = flag(field);
    let placeholder = match lang {
        Lang::Fr if !flag.starts_with("--") => super::help_fr::value_name(flag),
        _ => None,
    };
    format!("`{}`", placeholder.unwrap_or(flag))
}

/// The commands that fix what keeps a record from being removed.
fn advice(field: Field, lang: Lang) -> Option<&'static str> {
    let words = super::words::words(lang);
    match field {
        Field::Asset(AssetField::Findings) => Some(words.advice_asset_findings),
        Field::Finding(FindingField::Actions) => Some(words.advice_finding_actions),
        _ => None,
    }
}

/// A refusal, one line per problem, with the commands that fix it.
pub fn refusal(refusal: &Refusal, lang: Lang) -> String {
    let colon = match lang {
        Lang::En => ":",
        Lang::Fr => "\u{a0}:",
    };
    refusal
        .phrase(lang, &|field| name(field, lang))
        .lines()
        .zip(&refusal.problems)
        .map(|(line, problem)| match advice(problem.field, lang) {
            Some(advice) => format!("{line}{colon} {advice}"),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Any error of the library, in `lang`, fields named by their options.
pub fn error(error: &crate::Error, lang: Lang) -> String {
    match error {
        crate::Error::Refused(found) => refusal(found, lang),
        other => other.phrase(lang, &|field| name(field, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_a_command_sets_has_its_option() {
        for field in Field::all() {
            let flag = flag(field);
            assert!(!flag.is_empty());
            if let Some(name) = flag.strip_prefix("--") {
                assert!(
                    name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                    "{flag}"
                );
            }
        }
    }
}
