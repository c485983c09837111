//! Fixtures shared by the integration tests: a sandbox folder, the real binary run in it,
//! and `git` to look at what the binary committed.

#![allow(dead_code)]
// Test fixtures: a failure to set up is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

pub const BIN: &str = env!("CARGO_BIN_EXE_vmsaudit");

/// The clock every test runs at, so records and commits are reproducible.
pub const NOW: &str = "2026-02-03T10:00:00Z";

pub struct Sandbox {
    dir: tempfile::TempDir,
    umask: &'static str,
}

#[derive(Debug)]
pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    #[track_caller]
    pub fn success(self) -> Self {
        assert_eq!(
            self.code,
            Some(0),
            "expected success:\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(self, code: i32) -> Self {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}:\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self
    }
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
            umask: "022",
        }
    }

    /// Runs the binary under this umask (through `sh`, which sets it before `exec`).
    pub fn with_umask(mut self, umask: &'static str) -> Self {
        self.umask = umask;
        self
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// A command for the binary, isolated from the user's git configuration.
    pub fn command(&self, args: &[&str]) -> Command {
        self.shell("", args)
    }

    /// The binary run by `sh` after `prelude` (which sets limits), under the sandbox's umask.
    fn shell(&self, prelude: &str, args: &[&str]) -> Command {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "{prelude}umask {} && exec \"$0\" \"$@\"",
                self.umask
            ))
            .arg(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env("VMSAUDIT_NOW", NOW)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("VMSAUDIT_AUDITOR")
            .env_remove("XDG_CONFIG_HOME");
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Output::from(self.command(args).output().unwrap())
    }

    /// Runs the binary with files limited to `blocks` of 512 bytes (`ulimit -f`): the way to
    /// make a write fail half-way without a full disk.
    pub fn run_with_file_limit(&self, blocks: u32, args: &[&str]) -> Output {
        let prelude = format!("ulimit -f {blocks} && ");
        Output::from(self.shell(&prelude, args).output().unwrap())
    }
}

impl From<std::process::Output> for Output {
    fn from(output: std::process::Output) -> Self {
        Output {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }
}

impl Sandbox {
    /// Runs `git -C <dir> args` and returns its stdout; panics when git fails.
    #[track_caller]
    pub fn git(&self, dir: &str, args: &[&str]) -> String {
        let output = Command::new("git")
            .arg("-C")
            .arg(self.path(dir))
            .args(args)
            .env("HOME", self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// Every file under `dir` (`.git` included) with a hash of its content, and HEAD: equal
    /// snapshots mean nothing was written.
    pub fn snapshot(&self, dir: &str) -> BTreeMap<PathBuf, String> {
        let root = self.path(dir);
        walk(&root)
            .into_iter()
            .filter(|path| path.is_file())
            // git may rewrite its index's cached stat data on a read, the lock file says who
            // last held it, and the clone's cache keeps what was parsed (the grid, closed
            // rounds) so as not to parse it again: none is a change to the engagement.
            .filter(|path| {
                !path.ends_with(".git/index")
                    && !path.ends_with(".git/vmsaudit/lock")
                    && !path
                        .strip_prefix(&root)
                        .is_ok_and(|relative| relative.starts_with(".git/vmsaudit/cache"))
            })
            .map(|path| {
                let hash = sha256_hex(&std::fs::read(&path).unwrap());
                (path.strip_prefix(&root).unwrap().to_owned(), hash)
            })
            .collect()
    }
}

/// Every entry under `root`, depth first, `root` excluded.
pub fn walk(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.is_symlink() {
                pending.push(path.clone());
            }
            found.push(path);
        }
    }
    found.sort();
    found
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
