//! Which language the command line speaks. On an engagement, the engagement's; `--lang`
//! (global, before or after the subcommand) overrides it. Outside an engagement (`init`,
//! `grid check`, an error before any engagement is read): `--lang`, then `VMSAUDIT_LANG`,
//! then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: French when it starts with `fr`), then
//! English. A new engagement (`init`, `demo`) is in `--lang`, else `VMSAUDIT_LANG`, else
//! English: the locale of a jump host says little about the client's language, and the
//! README's `demo` gives the same engagement everywhere.

use std::sync::OnceLock;

use crate::error::Setting;
use crate::grid::Lang;

/// What the process was told: `--lang`, then `VMSAUDIT_LANG`.
#[derive(Debug, Clone, Copy, Default)]
struct Told {
    flag: Option<Lang>,
    env: Option<Lang>,
}

static TOLD: OnceLock<Told> = OnceLock::new();
/// The language of the engagement the command read, for the messages that follow it (an
/// error after the engagement was read is in its language).
static SEEN: OnceLock<Lang> = OnceLock::new();

/// Reads `VMSAUDIT_LANG` and keeps `--lang`; refuses a variable that names no language, as
/// a bad `--lang` is refused.
pub fn settle(flag: Option<Lang>) -> crate::Result<()> {
    let env = match std::env::var("VMSAUDIT_LANG") {
        Ok(text) if text.trim().is_empty() => None,
        Ok(text) => Some(
            text.trim()
                .parse::<Lang>()
                .map_err(|_| crate::Error::from(Setting::LangVar(text.clone())))?,
        ),
        Err(std::env::VarError::NotPresent) => None,
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(Setting::LangVarNotText.into());
        }
    };
    let _ = TOLD.set(Told { flag, env });
    Ok(())
}

fn told() -> Told {
    TOLD.get().copied().unwrap_or_default()
}

/// The locale's language, when it is one vmsaudit speaks.
fn locale() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| value.get(..2).map(str::to_ascii_lowercase))
        .and_then(|code| match code.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        })
}

/// The language of what is printed about an engagement in `language`.
pub fn on(language: Lang) -> Lang {
    seen(language);
    told().flag.unwrap_or(language)
}

/// The language of what is printed about `engagement`.
pub fn of(engagement: &crate::engagement::Engagement) -> Lang {
    on(engagement.state().meta.language)
}

/// Notes that the command works on an engagement in `language`, for the errors that follow.
pub fn seen(language: Lang) {
    let _ = SEEN.set(language);
}

/// Notes the language of the engagement `here` is in, when no engagement was read yet: an
/// error raised before it was opened (a file argument that is not there, a command line that
/// does not parse) is said in its language too.
pub fn seen_at(here: &std::path::Path) {
    if SEEN.get().is_none()
        && let Some(language) = crate::engagement::language_of(here)
    {
        seen(language);
    }
}

/// The language of a page about the command line itself (help, manual, completions) or of a
/// command line that does not parse: the engagement's `here` is in, else the reader's outside
/// one.
pub fn reader(here: &std::path::Path) -> Lang {
    seen_at(here);
    outside()
}

/// The language of what is printed when no engagement has been read, or of an error.
pub fn outside() -> Lang {
    let told = told();
    told.flag
        .or(SEEN.get().copied())
        .or(told.env)
        .or_else(locale)
        .unwrap_or(Lang::En)
}

/// The language of an engagement being created.
pub fn new_engagement() -> Option<Lang> {
    let told = told();
    told.flag.or(told.env)
}

/// `--lang`, when it was given.
pub fn flag() -> Option<Lang> {
    told().flag
}
