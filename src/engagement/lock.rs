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

const POLL: Duration = Duration::from_millis(25);

#[derive(Debug)]
pub struct Lock {
    // Held for its Drop: closing the file releases the lock.
    _file: File,
}

/// Takes the engagement's lock for `purpose` (e.g. "answer ACC-01"), waiting up to `wait`
/// for another command to finish.
pub fn acquire(state_dir: &Path, purpose: &str, wait: Duration) -> Result<Lock> {
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
                let holder = crate::text::one_line(holder.trim());
                return Err(Error::Locked {
                    holder: (!holder.is_empty()).then_some(holder),
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
    let since = Timestamp::now().strftime("%Y-%m-%d %H:%M:%S UTC");
    let holder = format!(
        "{purpose} (pid {}, user {user} on {host}, since {since})\n",
        std::process::id()
    );
    file.set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(holder.as_bytes()))
        .map_err(|source| Error::io(&path, source))?;
    Ok(Lock { _file: file })
}
