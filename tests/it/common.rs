//! Fixtures shared by the integration tests: a sandbox folder, the real binary run in it
//! (on an engagement made by `init`, refusals checked to change nothing), and `git` to look
//! at what the binary committed.

// Test fixtures: a failure to set up is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

pub const BIN: &str = env!("CARGO_BIN_EXE_vmsaudit");

/// The clock every test runs at, so records and commits are reproducible.
pub const NOW: &str = "2026-02-03T10:00:00Z";

/// The auditor of the engagements the tests make.
pub const JEANNE: &str = "Jeanne Martin <jm@example.org>";

/// The second auditor, where two work on one engagement.
pub const BOB: &str = "Bob Durand <bd@example.org>";

/// [`NOW`], for the library's functions that take the time.
pub fn now() -> jiff::Timestamp {
    NOW.parse().unwrap()
}

/// The path of `tests/fixtures/name`.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Whether `program` is installed (`program version_flag` succeeds); a test that needs it
/// skips itself when it is not, and says so.
pub fn installed(program: &str, version_flag: &str) -> bool {
    let found = Command::new(program)
        .arg(version_flag)
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("skipped: {program} is not installed");
    }
    found
}

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

    /// The id in `saved F-K3X9Q2: new finding ...` (`enregistré F-K3X9Q2: ...` in a French
    /// engagement), of a command that created a record.
    #[track_caller]
    pub fn created(self) -> String {
        let out = self.success();
        let id = out
            .stdout
            .strip_prefix("saved ")
            .or_else(|| out.stdout.strip_prefix("enregistré "))
            .and_then(|rest| rest.split(':').next())
            .unwrap_or_else(|| panic!("no id in {:?}", out.stdout));
        id.to_owned()
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
            // The language of messages outside an engagement comes from these: every test
            // starts from an English locale, and a test that wants another sets it.
            .env("LC_ALL", "C.UTF-8")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env_remove("VMSAUDIT_LANG")
            .env_remove("VMSAUDIT_AUDITOR")
            .env_remove("XDG_CONFIG_HOME");
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Output::from(self.command(args).output().unwrap())
    }

    /// `vmsaudit init name`, Jeanne its auditor, for the client "ACME Logistique" unless
    /// [`Init::client`] says otherwise.
    pub fn init<'s>(&'s self, name: &'s str) -> Init<'s> {
        Init {
            sandbox: self,
            name,
            client: "ACME Logistique",
            options: Vec::new(),
        }
    }

    /// The commands run in the engagement (or clone) `dir` of the sandbox, `-C dir`.
    pub fn in_dir<'s>(&'s self, dir: &'s str) -> InDir<'s> {
        InDir {
            sandbox: self,
            dir,
            env: Vec::new(),
        }
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
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    /// `bob`, a clone of `from` made with `git clone`, whose commits are Bob's ([`BOB`]).
    pub fn clone_for_bob(&self, from: &str) -> InDir<'_> {
        self.git(".", &["clone", "-q", from, "bob"]);
        self.git("bob", &["config", "user.name", "Bob Durand"]);
        self.git("bob", &["config", "user.email", "bd@example.org"]);
        self.in_dir("bob")
    }

    /// The subjects of the commits of `dir`, the latest first.
    pub fn subjects(&self, dir: &str) -> Vec<String> {
        self.git(dir, &["log", "--format=%s"])
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Writes `text` to `relative` in the sandbox, its folders made as needed.
    #[track_caller]
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Writes `text` to `file` (a path in `dir`'s engagement) and commits it with git, as an
    /// auditor or a co-auditor editing a record by hand would: vmsaudit is not told.
    #[track_caller]
    pub fn commit_by_hand(&self, dir: &str, file: &str, text: &str, message: &str) {
        self.write(&format!("{dir}/{file}"), text);
        self.git(dir, &["add", "--", file]);
        self.git(dir, &["commit", "-q", "-m", message]);
    }

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

/// The options of `vmsaudit init`: what each test's engagement needs (its language, the
/// firm...) said where it is made.
#[must_use]
pub struct Init<'s> {
    sandbox: &'s Sandbox,
    name: &'s str,
    client: &'s str,
    options: Vec<&'s str>,
}

impl<'s> Init<'s> {
    pub fn client(mut self, client: &'s str) -> Self {
        self.client = client;
        self
    }

    pub fn lang(self, lang: &'s str) -> Self {
        self.option("--lang", lang)
    }

    pub fn firm(self, firm: &'s str) -> Self {
        self.option("--firm", firm)
    }

    pub fn site(self, site: &'s str) -> Self {
        self.option("--site", site)
    }

    pub fn grid(self, grid: &'s str) -> Self {
        self.option("--grid", grid)
    }

    fn option(mut self, name: &'s str, value: &'s str) -> Self {
        self.options.extend([name, value]);
        self
    }

    /// Runs `init`, which must succeed, and returns the commands of the new engagement.
    #[track_caller]
    pub fn create(self) -> InDir<'s> {
        let mut args = vec![
            "init",
            self.name,
            "--client",
            self.client,
            "--auditor",
            JEANNE,
        ];
        args.extend(self.options);
        self.sandbox.run(&args).success();
        self.sandbox.in_dir(self.name)
    }
}

/// The binary run in one engagement of the sandbox (`vmsaudit -C dir ...`), at another time
/// or as another auditor when told.
#[derive(Clone)]
pub struct InDir<'s> {
    sandbox: &'s Sandbox,
    dir: &'s str,
    env: Vec<(&'s str, &'s str)>,
}

impl<'s> InDir<'s> {
    /// These commands with `name` set to `value` in their environment.
    pub fn env(&self, name: &'s str, value: &'s str) -> Self {
        let mut with = self.clone();
        with.env.push((name, value));
        with
    }

    /// These commands run at `when` instead of [`NOW`].
    pub fn at(&self, when: &'s str) -> Self {
        self.env("VMSAUDIT_NOW", when)
    }

    /// These commands run as `who` (`VMSAUDIT_AUDITOR`).
    pub fn by(&self, who: &'s str) -> Self {
        self.env("VMSAUDIT_AUDITOR", who)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["-C", self.dir];
        all.extend_from_slice(args);
        let mut command = self.sandbox.command(&all);
        for (name, value) in &self.env {
            command.env(name, value);
        }
        Output::from(command.output().unwrap())
    }

    /// The standard output of a command that must succeed, read as JSON.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.run(args).success().stdout).unwrap()
    }

    /// Runs `args`, expects exit 2 with `message` on stderr and a hint (`help:` or ` — ` and
    /// the fix), and checks that the engagement's files and history are exactly as before.
    /// Returns the stderr.
    #[track_caller]
    pub fn refused(&self, args: &[&str], message: &str) -> String {
        self.refused_with_hints(args, message, &["help:", "aide\u{a0}:", " — "])
    }

    /// [`InDir::refused`], for a command line clap rejects while parsing it (an argument
    /// missing, a value its parser refuses): clap's hint is its "try '--help'".
    #[track_caller]
    pub fn refused_by_clap(&self, args: &[&str], message: &str) -> String {
        self.refused_with_hints(args, message, &["--help"])
    }

    #[track_caller]
    fn refused_with_hints(&self, args: &[&str], message: &str, hints: &[&str]) -> String {
        let before = self.sandbox.snapshot(self.dir);
        let out = self.run(args).failure(2);
        assert!(
            out.stderr.contains(message),
            "stderr of {args:?} lacks {message:?}:\n{}",
            out.stderr
        );
        assert!(
            hints.iter().any(|hint| out.stderr.contains(hint)),
            "says how to fix it: {}",
            out.stderr
        );
        assert_eq!(
            self.sandbox.snapshot(self.dir),
            before,
            "{args:?} changed the engagement"
        );
        out.stderr
    }
}

/// Fails unless `text` holds each of `parts`, showing the whole text.
#[track_caller]
pub fn says(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
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
