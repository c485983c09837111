//! Text that came from a file or a user, made safe to show.
//!
//! Observations, grid texts and file names may carry escape sequences (`\x1b]0;...\x07`
//! retitles a terminal, `\x1b[2J` clears it). Anything drawn or printed goes through
//! [`sanitize`] first.

use std::borrow::Cow;

/// Replaces control characters other than newline and tab with U+FFFD, so the text can be
/// printed to a terminal without acting on it.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// Like [`sanitize`], and folds newlines and tabs to spaces, for one-line fields.
pub fn one_line(text: &str) -> String {
    sanitize(text)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

/// The first line of `text`, at most `max` characters, made safe as [`one_line`] does; `…`
/// says it was cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = one_line(text.trim());
    let short: String = line.chars().take(max).collect();
    if short.chars().count() < line.chars().count() {
        format!("{}…", short.trim_end())
    } else {
        short
    }
}

/// `text` with its CR LF and lone CR line ends made LF, as pasted text from a terminal needs.
pub fn unix_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A text as a user's editor saved it, as records keep text: a leading UTF-8 byte order
/// mark dropped and CR LF (or lone CR) line ends made LF. Windows Notepad writes both, and
/// neither belongs in a record: the mark would start the observations with an invisible
/// character, the CRs would show in every diff and the report.
pub fn from_editor(text: &str) -> String {
    unix_line_ends(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// `flat` (one line) as a Markdown code span that no backtick in it can end: fenced by one
/// backtick more than its longest run of them, padded with a space when it starts or ends
/// with one (CommonMark and pandoc both strip it). The report's user text and a device's
/// text in a scan's sentence are both written so.
pub fn code_span(flat: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// `word` as a shell reads it back: as it is when plain, else in single quotes; for the
/// commands a message gives to copy (a folder's path may hold spaces or quotes).
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// A table cell: the value, or a dash when there is none.
pub fn or_dash<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "—".to_owned(), |value| value.to_string())
}

/// Whether `c` would act on a terminal or reorder what is shown: what [`sanitize`] replaces,
/// newline and tab aside.
pub fn is_unsafe(c: char) -> bool {
    // C0 and C1 controls and DEL; also the bidi overrides, which can reorder what a
    // reader sees on screen (the "Trojan Source" trick).
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralised() {
        let hostile = "ok\x1b]0;pwned\x07 then \x1b[2J\r\u{9b}31m";
        let safe = sanitize(hostile);
        assert!(!safe.chars().any(|c| c.is_control()));
        assert_eq!(
            safe,
            "ok\u{FFFD}]0;pwned\u{FFFD} then \u{FFFD}[2J\u{FFFD}\u{FFFD}31m"
        );
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let text = "Caméras: 3 comptes « admin »\n- CAM-012\tquai 3";
        assert!(matches!(sanitize(text), Cow::Borrowed(_)));
        assert_eq!(
            one_line(text),
            "Caméras: 3 comptes « admin » - CAM-012 quai 3"
        );
    }
}
