//! Another user's engagement: who owns a folder that cannot be read, or a repository git
//! refuses for its owner, so that the refusal names the owner and the way to work on it
//! rather than calling a sound repository missing.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::error::{Error, Setting};
use crate::messages::Access;

/// `error`, which refused `path`, is a permission denied.
pub(super) fn denied(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::PermissionDenied
}

/// The refusal for `path`, inside the engagement `root` (or the folder given), which the
/// user cannot read: its owner and mode, from the nearest folder that can be looked at.
pub(super) fn unreadable(path: &Path, root: &Path) -> Error {
    let (owner, mode) = path
        .ancestors()
        .find_map(|dir| std::fs::metadata(dir).ok())
        .map_or_else(
            || ("?".to_owned(), 0),
            |meta| (user_name(meta.uid()), meta.mode() & 0o7777),
        );
    Error::from(Setting::Unreadable {
        path: path.display().to_string(),
        mode,
        access: Box::new(Access {
            root: root.display().to_string(),
            owner,
            you: current_user(),
        }),
    })
}

/// The refusal for the repository at `root`, which git will not open because another user
/// owns it.
pub(super) fn not_owned(root: &Path) -> Error {
    let owner =
        std::fs::metadata(root).map_or_else(|_| "?".to_owned(), |meta| user_name(meta.uid()));
    Error::from(Setting::NotOwned(Box::new(Access {
        root: root.display().to_string(),
        owner,
        you: current_user(),
    })))
}

/// The user running vmsaudit, by name.
fn current_user() -> String {
    user_name(rustix::process::geteuid().as_raw())
}

/// The name `/etc/passwd` gives `uid`, else `uid N`.
fn user_name(uid: u32) -> String {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|passwd| {
            passwd.lines().find_map(|line| {
                let mut fields = line.split(':');
                let name = fields.next()?;
                let id = fields.nth(1)?;
                (id.parse() == Ok(uid) && !name.is_empty()).then(|| name.to_owned())
            })
        })
        .unwrap_or_else(|| format!("uid {uid}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_named_and_an_unknown_uid_by_its_number() {
        assert_eq!(user_name(0), "root");
        assert_eq!(user_name(4_000_000_000), "uid 4000000000");
    }
}
