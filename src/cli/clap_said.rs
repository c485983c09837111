//! What the command line says when its arguments do not parse, in the reader's language.
//!
//! clap phrases its own errors in English. An English reader gets clap's text as it is
//! (sanitised: it quotes what was typed); a French reader gets the same facts, taken from the
//! error's context (the option, the value, the possible values, the suggestion, the usage),
//! in French. A kind this module does not know is shown as clap phrased it.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::grid::Lang;

/// The language of a parse error: `--lang` as typed, else the engagement's (`-C DIR`, else
/// the current folder), else `VMSAUDIT_LANG`, else the locale, as for any other error.
pub fn language(args: &[OsString]) -> Lang {
    let mut flag = None;
    let mut dir = None;
    let mut words = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            flag = value.parse::<Lang>().ok().or(flag);
        } else if word == "--lang" {
            flag = words.next().and_then(|value| value.parse().ok()).or(flag);
        } else if word == "-C" {
            dir = words.next().map(|value| PathBuf::from(value.as_ref()));
        } else if let Some(value) = word.strip_prefix("-C")
            && !value.is_empty()
        {
            dir = Some(PathBuf::from(value));
        }
    }
    // What `run` would have settled: `VMSAUDIT_LANG` (a bad one is refused there, not here).
    let _ = super::lang::settle(flag);
    if let Some(lang) = flag {
        return lang;
    }
    super::lang::reader(&dir.unwrap_or_else(|| PathBuf::from(".")))
}

/// `error` as the reader of `lang` should read it, without colours, on one or more lines.
pub fn phrase(error: &clap::Error, lang: Lang) -> String {
    let text = match lang {
        Lang::En => None,
        Lang::Fr => french(error),
    };
    let text = text.unwrap_or_else(|| error.render().to_string());
    crate::text::sanitize(text.trim_end()).into_owned()
}

fn string(error: &clap::Error, kind: ContextKind) -> Option<&str> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text),
        _ => None,
    }
}

fn strings(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(text)) => vec![text.clone()],
        Some(ContextValue::Strings(texts)) => texts.clone(),
        _ => Vec::new(),
    }
}

/// `text` in the French catalogue's quotes, on one line (it is what was typed).
fn quoted(text: &str) -> String {
    super::words::fill(
        super::words::words(Lang::Fr).quoted,
        crate::text::one_line(text),
    )
}

fn quoted_list(texts: &[String]) -> String {
    texts
        .iter()
        .map(|text| quoted(text))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The French of `error`, when its kind and context are known here: what is wrong, the
/// suggestion and the usage clap found, and where to read more.
fn french(error: &clap::Error) -> Option<String> {
    let text = french_wrong(error)?;
    let suggestions = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(|kind| strings(error, kind))
    .collect::<Vec<_>>();
    let mut lines = vec![format!("erreur\u{a0}: {text}")];
    if !suggestions.is_empty() {
        lines.push(format!(
            "aide\u{a0}: vouliez-vous dire {}\u{a0}?",
            quoted_list(&suggestions)
        ));
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        lines.push(format!("utilisation\u{a0}: {usage}"));
    }
    lines.push("Pour en savoir plus\u{a0}: --help.".to_owned());
    Some(lines.join("\n"))
}

/// What is wrong, in French, by the kind of `error`.
fn french_wrong(error: &clap::Error) -> Option<String> {
    let arg = string(error, ContextKind::InvalidArg);
    let value = string(error, ContextKind::InvalidValue);
    Some(match error.kind() {
        ErrorKind::InvalidValue if value.is_some_and(str::is_empty) => {
            format!("{} attend une valeur", quoted(arg?))
        }
        ErrorKind::InvalidValue => {
            let mut text = format!("valeur {} invalide pour {}", quoted(value?), quoted(arg?));
            let valid = strings(error, ContextKind::ValidValue);
            if !valid.is_empty() {
                text.push_str(&format!(" (valeurs possibles\u{a0}: {})", valid.join(", ")));
            }
            text
        }
        ErrorKind::ValueValidation => {
            let mut text = format!("valeur {} invalide pour {}", quoted(value?), quoted(arg?));
            if let Some(source) = std::error::Error::source(error) {
                text.push_str(&format!("\u{a0}: {}", validation(source)));
            }
            text
        }
        ErrorKind::UnknownArgument => format!("option {} inconnue", quoted(arg?)),
        ErrorKind::InvalidSubcommand => format!(
            "sous-commande {} inconnue",
            quoted(string(error, ContextKind::InvalidSubcommand)?)
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(error, ContextKind::InvalidArg);
            format!("il manque {}", quoted_list(&missing))
        }
        ErrorKind::MissingSubcommand => {
            let valid = strings(error, ContextKind::ValidSubcommand);
            format!(
                "{} attend une sous-commande\u{a0}: {}",
                quoted(string(error, ContextKind::InvalidSubcommand)?),
                valid.join(", ")
            )
        }
        ErrorKind::ArgumentConflict => {
            let prior = strings(error, ContextKind::PriorArg);
            match arg {
                Some(arg) if prior.iter().any(|prior| prior == arg) => {
                    format!("{} ne peut être donnée qu'une fois", quoted(arg))
                }
                Some(arg) if !prior.is_empty() => format!(
                    "{} ne peut pas être donnée avec {}",
                    quoted(arg),
                    quoted_list(&prior)
                ),
                Some(arg) => format!("{} ne peut pas être donnée avec ces options", quoted(arg)),
                None => return None,
            }
        }
        ErrorKind::TooManyValues => {
            format!("valeur {} en trop pour {}", quoted(value?), quoted(arg?))
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs incorrect pour {}", quoted(arg?))
        }
        ErrorKind::NoEquals => format!("écrivez {}=VALEUR", arg?),
        ErrorKind::InvalidUtf8 => "un argument n'est pas du texte UTF-8 valide".to_owned(),
        _ => return None,
    })
}

/// What a value parser said, in French: a CVSS vector's problem, a value its type does not
/// read (a level, a severity, a date...); anything else as it was said.
fn validation(source: &(dyn std::error::Error + 'static)) -> String {
    if let Some(error) = source.downcast_ref::<crate::assessment::CvssError>() {
        return error.phrase(Lang::Fr);
    }
    if let Some(error) = source.downcast_ref::<crate::assessment::CveIdError>() {
        return error.phrase(Lang::Fr);
    }
    if let Some(flaw) = source.downcast_ref::<crate::messages::AuditorFlaw>() {
        return flaw.phrase(Lang::Fr);
    }
    match source.downcast_ref::<crate::messages::BadValue>() {
        Some(bad) => bad.phrase(Lang::Fr),
        None => source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn error_of(args: &[&str]) -> clap::Error {
        let mut all = vec!["vmsaudit"];
        all.extend_from_slice(args);
        super::super::Cli::try_parse_from(all).unwrap_err()
    }

    #[test]
    fn a_french_reader_reads_the_parse_errors_in_french() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["evidence"],
                "erreur\u{a0}: sous-commande «\u{a0}evidence\u{a0}» inconnue",
            ),
            (
                &["finding", "add", "--titel", "x"],
                "erreur\u{a0}: option «\u{a0}--titel\u{a0}» inconnue\naide\u{a0}: vouliez-vous dire «\u{a0}--title\u{a0}»\u{a0}?",
            ),
            (
                &["export", "plan"],
                "erreur\u{a0}: il manque «\u{a0}--format <FORMAT>\u{a0}», «\u{a0}--output <FILE>\u{a0}»",
            ),
            (
                &["export", "plan", "--format", "pdf", "-o", "x"],
                "erreur\u{a0}: valeur «\u{a0}pdf\u{a0}» invalide pour «\u{a0}--format <FORMAT>\u{a0}» (valeurs possibles\u{a0}: ",
            ),
            (
                &["answer", "ACC-01", "--level"],
                "erreur\u{a0}: «\u{a0}--level <LEVEL>\u{a0}» attend une valeur",
            ),
        ];
        for (args, start) in cases {
            let text = phrase(&error_of(args), Lang::Fr);
            assert!(text.starts_with(start), "{args:?}:\n{text}");
            for english in ["error:", "Usage:", "For more information", "tip:"] {
                assert!(!text.contains(english), "{args:?}:\n{text}");
            }
        }
    }

    #[test]
    fn the_usage_clap_gives_is_said_in_french_too() {
        let text = phrase(&error_of(&["export", "plan"]), Lang::Fr);
        assert!(
            text.contains(
                "\nutilisation\u{a0}: vmsaudit export plan --format <FORMAT> --output <FILE>\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn an_english_reader_reads_clap_as_it_is_without_escapes() {
        let error = error_of(&["finding", "add", "--title", "x", "--cvss", "\u{1b}[2J"]);
        let text = phrase(&error, Lang::En);
        assert!(text.starts_with("error: invalid value"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
    }

    #[test]
    fn the_language_of_a_parse_error_comes_from_the_flag_first() {
        let args = |words: &[&str]| -> Vec<OsString> {
            std::iter::once("vmsaudit")
                .chain(words.iter().copied())
                .map(OsString::from)
                .collect()
        };
        assert_eq!(language(&args(&["--lang", "fr", "nope"])), Lang::Fr);
        assert_eq!(language(&args(&["nope", "--lang=en"])), Lang::En);
        // After `--`, words are values, not options.
        let dir = tempfile::tempdir().unwrap();
        let here = dir.path().to_str().unwrap();
        assert_eq!(
            language(&args(&["-C", here, "nope", "--", "--lang", "fr"])),
            super::super::lang::outside()
        );
    }
}
