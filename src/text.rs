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

/// `value` as one word of a command printed for a person to paste (a path, a remote's name,
/// a folder, a label): shown as [`one_line`] shows it, then quoted for POSIX shells by
/// `shlex`, so that the pasted command hands the program that word and nothing more. A file
/// name or an evidence path comes from a record a co-auditor wrote and `sync` brought: its
/// `'`, `$(...)`, backticks or `;` must never run in the auditor's shell.
///
/// The one rule for every command vmsaudit prints: each value in it goes through here, and
/// only words the message itself writes (`FILE`, `COMMIT`, `LABEL`) stand bare. Ids and
/// labels (control ids, finding ids, round labels) go through here too although they are
/// held to letters, digits, `-`, `_` and `.`: they come out as they went in. A value that a
/// leading `-` would turn into an option stands after `--` (`git checkout -- PATH`) or
/// starts with `./` (a path given to an option).
///
/// A control character shows as U+FFFD and a newline as a space: such a command names a
/// file that is not there, and does nothing else.
pub fn shell_word(value: &str) -> String {
    let shown = one_line(value);
    // `one_line` leaves no NUL, the one byte `shlex` refuses to quote.
    match shlex::try_quote(&shown) {
        Ok(quoted) => quoted.into_owned(),
        Err(_) => "''".to_owned(),
    }
}

/// A path relative to the folder a command runs from, as [`shell_word`] quotes it, made
/// `./PATH` when it starts with `-`: given to an option (`--evidence PATH`) or as an operand
/// without `--`, it would be read as an option.
pub fn shell_path(path: &str) -> String {
    if path.starts_with('-') {
        shell_word(&format!("./{path}"))
    } else {
        shell_word(path)
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

/// The words `sh` makes of `command`, the command itself not run: it only sets them as the
/// arguments (`set --`), which runs any substitution they hold. For the tests of every text
/// that prints a command to paste.
#[cfg(test)]
pub(crate) fn words_of(command: &str, dir: &std::path::Path) -> Vec<String> {
    let script = format!("set -- {command}\nprintf '%s\\0' \"$@\"");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir)
        .output()
        .expect("sh runs");
    assert!(out.status.success(), "{command}: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .split_terminator('\0')
        .map(str::to_owned)
        .collect()
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

    /// The words `sh` reads back from `quoted`. A `$(id>PWNED)` that ran would leave its
    /// file.
    fn read_back(quoted: &str) -> Vec<String> {
        let dir = tempfile::tempdir().expect("a folder for sh");
        let words = words_of(quoted, dir.path());
        assert!(!dir.path().join("PWNED").exists(), "{quoted} ran a command");
        words
    }

    #[test]
    fn a_shell_reads_back_each_word_as_it_is_shown() {
        for value in [
            "evidence/ACC-02/x'$(id>PWNED)'.png",
            "answers/ACC-09$(id>PWNED).yaml",
            "evidence/`id>PWNED`.png",
            "evidence/a b/c\\d.png",
            "it's \"quoted\" ; echo hi & | > < * ? ~ # ! ^ % = , { }",
            "-rf",
            "--help",
            "^caret",
            "évidence/Caméra 1.png",
            "",
            "ACC-01",
        ] {
            let quoted = shell_word(value);
            assert!(!quoted.contains('\n'), "{quoted}");
            assert_eq!(read_back(&quoted), [value], "{value} as {quoted}");
        }
    }

    #[test]
    fn ids_and_plain_paths_stay_bare() {
        for value in [
            "ACC-01",
            "F-DKZTBJ",
            "2026-S1",
            "answers/ACC-01.yaml",
            "origin",
        ] {
            assert_eq!(shell_word(value), value);
        }
    }

    #[test]
    fn control_characters_are_shown_safe_before_quoting() {
        // A newline would end the pasted command and start another: it shows as a space,
        // an escape sequence as U+FFFD, both inside the quotes.
        let quoted = shell_word("x\n$(id>PWNED)\u{1b}]0;t\u{7}.png");
        assert!(!quoted.chars().any(|c| c.is_control()), "{quoted:?}");
        assert_eq!(
            read_back(&quoted),
            ["x $(id>PWNED)\u{FFFD}]0;t\u{FFFD}.png"]
        );
        assert_eq!(shell_word("a\0b"), "'a\u{FFFD}b'");
    }

    #[test]
    fn a_path_that_starts_with_a_dash_is_no_option() {
        assert_eq!(shell_path("-rf.png"), "./-rf.png");
        assert_eq!(shell_path("evidence/-x.png"), "evidence/-x.png");
        assert_eq!(read_back(&shell_path("-x'$(id)'")), ["./-x'$(id)'"]);
    }
}
