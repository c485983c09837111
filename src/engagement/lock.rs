//! One writer at a time per working copy.
//!
//! The lock is an OS file lock (`flock`) on `.git/vmsaudit/lock`, so it dies with the
//! process that holds it: a killed vmsaudit never leaves a lock behind that needs removing
//! by hand. The file's content only says who holds it, for the message a second writer
//! gets.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::files;
use crate::error::{Error, Result};
use crate::messages::{Doing, Holder};

const POLL: Duration = Duration::from_millis(25);

#[derive(Debug)]
pub struct Lock {
    // Held for its Drop: closing the file releases the lock.
    _file: File,
}

/// Takes the engagement's lock for what `doing` says, waiting up to `wait` for another
/// command to finish.
pub fn acquire(state_dir: &Path, doing: Doing, wait: Duration) -> Result<Lock> {
    files::create_private_dir_all(state_dir)?;
    let path = state_dir.join("lock");
    let mut file = files::open_private(&path)?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => std::thread::sleep(POLL),
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                // Best effort: the holder may be rewriting it at this very moment.
                let _ = file.read_to_string(&mut holder);
                return Err(Error::Locked {
                    holder: read_holder(&holder).map(Box::new),
                });
            }
            Err(TryLockError::Error(source)) => return Err(Error::io(&path, source)),
        }
    }
    let user = std::env::var("USER")
        .unwrap_or_else(|_| format!("uid {}", rustix::process::getuid().as_raw()));
    let host = rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned();
    let holder = write_holder(
        &Holder {
            doing,
            pid: std::process::id(),
            user,
            host,
            since: None,
        },
        Timestamp::now(),
    );
    file.set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(holder.as_bytes()))
        .map_err(|source| Error::io(&path, source))?;
    Ok(Lock { _file: file })
}

/// The holder as its lock file keeps it: one `key=value` a line, data rather than a
/// sentence, so that a second writer says it in its own engagement's language; `since` as a
/// timestamp, which the reader shows in its zone as every moment (`clock::moment`).
fn write_holder(holder: &Holder, since: Timestamp) -> String {
    let doing = match &holder.doing {
        Doing::Checklist => "checklist".to_owned(),
        Doing::Command(command) => format!("command {}", crate::text::one_line(command)),
    };
    [
        ("doing", doing),
        ("pid", holder.pid.to_string()),
        ("user", holder.user.clone()),
        ("host", holder.host.clone()),
        ("since", since.to_string()),
    ]
    .iter()
    .map(|(key, value)| format!("{key}={}\n", crate::text::one_line(value)))
    .collect()
}

/// The holder a lock file names; none when it says nothing this version reads (empty, being
/// written, or an older vmsaudit's sentence).
fn read_holder(text: &str) -> Option<Holder> {
    let value = |key: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_owned)
    };
    let doing = match value("doing")?.split_once(' ') {
        Some(("command", command)) => Doing::Command(command.to_owned()),
        None if value("doing")? == "checklist" => Doing::Checklist,
        _ => return None,
    };
    Some(Holder {
        doing,
        pid: value("pid")?.parse().ok()?,
        user: value("user")?,
        host: value("host")?,
        // An older vmsaudit's `2026-02-03 10:00:00 UTC` is not read: the moment is left out.
        since: value("since")
            .and_then(|since| since.parse::<Timestamp>().ok())
            .map(|since| crate::clock::local_zone().to_datetime(since)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_is_kept_as_data_and_read_back() {
        for doing in [Doing::Checklist, Doing::Command("answer ACC-01".into())] {
            let since: Timestamp = "2026-02-03T10:00:00Z".parse().unwrap();
            let holder = Holder {
                doing,
                pid: 42,
                user: "jeanne".into(),
                host: "poste-1".into(),
                since: Some(crate::clock::local_zone().to_datetime(since)),
            };
            assert_eq!(read_holder(&write_holder(&holder, since)), Some(holder));
        }
        assert_eq!(read_holder(""), None);
        assert_eq!(
            read_holder("answer ACC-01 (pid 1, user j on h, since x)"),
            None
        );
    }
}
