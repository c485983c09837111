//! Tab completion of a file path typed in a prompt, as a shell completes it: one match is
//! completed whole (a folder with its `/`), several are completed to what they share and
//! listed.
//!
//! The path is the auditor's own (evidence to attach, a CSV to import): it is completed
//! against their file system, relative to the folder the checklist was started in, with `~/`
//! read as their home. Names are text from the disk: they are shown through
//! [`crate::text::one_line`] by the view, and names that are not UTF-8 are left out rather
//! than completed into something else.

use std::path::{Path, PathBuf};

/// Listing a folder with more names than this is stopped: completing in `/proc` or a huge
/// evidence dump must not freeze the screen.
const MAX_NAMES: usize = 5_000;

/// What Tab made of the text typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Completed {
    /// The text, completed as far as it is unambiguous.
    pub text: String,
    /// The names that still match when there are several (folders end with `/`), sorted.
    pub choices: Vec<String>,
}

/// `path` with a leading `~/` read as the home folder.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Completes the last component of `typed`. Nothing matching leaves it as it is, with no
/// choices; hidden names are offered only when the component typed starts with a dot.
pub fn complete(typed: &str) -> Completed {
    let (folder, prefix) = match typed.rfind('/') {
        Some(at) => typed.split_at(at + 1),
        None => ("", typed),
    };
    let listed = if folder.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(folder)
    };
    let mut names = matching(&listed, prefix);
    match names.len() {
        0 => Completed {
            text: typed.to_owned(),
            choices: Vec::new(),
        },
        1 => Completed {
            text: format!("{folder}{}", names.remove(0)),
            choices: Vec::new(),
        },
        _ => {
            names.sort();
            let shared = common_prefix(&names);
            Completed {
                text: format!("{folder}{shared}"),
                choices: names,
            }
        }
    }
}

/// The names in `folder` that start with `prefix`, folders with a trailing `/`.
fn matching(folder: &Path, prefix: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let hidden = prefix.starts_with('.');
    entries
        .take(MAX_NAMES)
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !hidden) {
                return None;
            }
            // A link to a folder completes as a folder: the auditor's own files may be
            // organised with links; what is attached is checked when it is read.
            let folder = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
            Some(if folder { format!("{name}/") } else { name })
        })
        .collect()
}

/// The longest text every name starts with, cut at a character boundary.
pub(super) fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut length = first.len();
    for name in &names[1..] {
        length = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((at, a), _)| at + a.len_utf8())
            .min(length);
    }
    first[..length].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in [
            "capture-rtsp.txt",
            "capture-http.txt",
            "cameras.csv",
            ".hidden",
        ] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join("captures")).expect("mkdir");
        std::fs::create_dir(dir.path().join("évidence")).expect("mkdir");
        dir
    }

    fn at(dir: &tempfile::TempDir, rest: &str) -> String {
        format!("{}/{rest}", dir.path().display())
    }

    #[test]
    fn one_match_is_completed_whole_and_a_folder_gets_its_slash() {
        let dir = folder();
        assert_eq!(complete(&at(&dir, "cam")).text, at(&dir, "cameras.csv"));
        assert_eq!(complete(&at(&dir, "came")).text, at(&dir, "cameras.csv"));
        assert_eq!(complete(&at(&dir, "é")).text, at(&dir, "évidence/"));
        assert!(complete(&at(&dir, "came")).choices.is_empty());
    }

    #[test]
    fn several_matches_complete_to_what_they_share_and_are_listed() {
        let dir = folder();
        let completed = complete(&at(&dir, "capture"));
        assert_eq!(completed.text, at(&dir, "capture"));
        assert_eq!(
            completed.choices,
            ["capture-http.txt", "capture-rtsp.txt", "captures/"]
        );
        let completed = complete(&at(&dir, "capture-"));
        assert_eq!(completed.text, at(&dir, "capture-"));
        assert_eq!(completed.choices.len(), 2);
    }

    #[test]
    fn hidden_names_only_when_asked_and_nothing_matching_changes_nothing() {
        let dir = folder();
        assert_eq!(complete(&at(&dir, ".h")).text, at(&dir, ".hidden"));
        let all = complete(&at(&dir, ""));
        assert!(!all.choices.iter().any(|name| name.starts_with('.')));
        assert_eq!(all.choices.len(), 5);
        let none = complete(&at(&dir, "zzz"));
        assert_eq!(none.text, at(&dir, "zzz"));
        assert!(none.choices.is_empty());
        let missing = complete("/no/such/folder/x");
        assert_eq!(missing.text, "/no/such/folder/x");
    }

    #[test]
    fn the_shared_part_stops_at_a_character_not_a_byte() {
        let names = ["éta".to_owned(), "été".to_owned()];
        assert_eq!(common_prefix(&names), "ét");
        assert_eq!(common_prefix(&["a".to_owned()]), "a");
        assert_eq!(common_prefix(&["ab".to_owned(), "cd".to_owned()]), "");
    }
}
