//! Plain files of an engagement: private, written atomically, read with limits and with
//! errors that name the file and the line.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::{Error, FileFlaw, Position, Problems, Result};
use crate::messages::FileKind;
use crate::yaml;

pub const PRIVATE_FILE: u32 = 0o600;
pub const PRIVATE_DIR: u32 = 0o700;

/// How the temporary files of atomic writes are named (see [`is_temporary`]).
const TEMPORARY_PREFIX: &str = ".vmsaudit-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// A record is a few kilobytes; this bounds what a corrupt or planted file can cost.
pub const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// The first read of a file whose size is not known (a special file says 0) asks for this
/// much: more than any record.
const READ_CHUNK: usize = 16 * 1024;

/// Reads a UTF-8 text file no larger than `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Result<String> {
    read_text_if_any(path, limit)?.ok_or_else(|| {
        Error::at(
            Position::file(path.display().to_string()),
            FileFlaw::Missing,
        )
    })
}

/// Reads a text file a user wrote (`--note-file`, the checklist's `$EDITOR`) as
/// [`read_text`] does, made the text a record keeps ([`crate::text::from_editor`]: no byte
/// order mark, LF line ends). Every option that takes a user's text from a file reads it
/// here.
pub fn read_user_text(path: &Path, limit: u64) -> Result<String> {
    read_text(path, limit).map(|text| crate::text::from_editor(&text))
}

/// Reads a UTF-8 text file no larger than `limit` bytes, or `None` when there is no such
/// file (one system call fewer than asking first: an engagement is thousands of files).
pub fn read_text_if_any(path: &Path, limit: u64) -> Result<Option<String>> {
    // Non-blocking: a FIFO given as a file would otherwise hang the open until a writer came.
    let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::CLOEXEC;
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
    {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::io(path, error)),
    };
    // A folder opens, and fails only when read, with the system's English: said as the
    // engagement's reads say it (`grid check /tmp`, `--note-file /dev/zero`).
    let metadata = file.metadata().map_err(|error| Error::io(path, error))?;
    if !metadata.is_file() {
        let kind = special_kind(&metadata.file_type()).unwrap_or(FileKind::Folder);
        return Err(not_regular(path, kind));
    }
    read_open_file(file, path, limit).map(Some)
}

fn read_open_file(file: File, path: &Path, limit: u64) -> Result<String> {
    let bytes = read_open_bytes(file, path, limit)?;
    decode_text(bytes, &path.display().to_string(), limit)
}

/// Reads a file of any content no larger than `limit` bytes (one more byte than the limit,
/// at most, so that the caller can tell a file that is too large).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(|error| Error::io(path, error))?;
    read_open_bytes(file, path, limit)
}

fn read_open_bytes(file: File, path: &Path, limit: u64) -> Result<Vec<u8>> {
    // Room for the whole file from the start: `read_to_end` on a `Take` has no size hint and
    // probes with small reads (32 bytes, then doubling), six reads for a 1 kB answer. Its size
    // rather than a fixed chunk, since an engagement's thousands of texts are held at once
    // while they are parsed (16 kB each was 40 MB of a report's peak memory); one byte more
    // so that the end of the file is found without growing the buffer.
    let size = file
        .metadata()
        .ok()
        .map(|metadata| metadata.len())
        .filter(|&len| len > 0)
        .map_or(READ_CHUNK as u64, |len| len.min(limit) + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(READ_CHUNK));
    // One byte over the limit is enough to know the file is too large, without reading it all.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::io(path, source))?;
    Ok(bytes)
}

/// Writes what a command was asked to write at `path` (`-o`): atomically and private when it
/// is a regular file or new; straight into it when it is a device, a FIFO or a socket, as
/// `/dev/null` or `/dev/stdout` are, which a rename would replace with a plain file (as root,
/// the system's own); to where a link points, the link kept. Returns the path written.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    use std::io::Write;
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(not_regular(path, FileKind::Folder)),
        Ok(meta) if !meta.is_file() => {
            let mut file = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|error| Error::io(path, error))?;
            file.write_all(bytes)
                .map_err(|error| Error::io(path, error))?;
            Ok(path.to_owned())
        }
        Ok(_) if fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink()) => {
            let target = fs::canonicalize(path).map_err(|error| Error::io(path, error))?;
            write_atomic(&target, bytes)?;
            Ok(target)
        }
        _ => {
            write_atomic(path, bytes)?;
            Ok(path.to_owned())
        }
    }
}

/// Whether `path` is a regular file, a link to one, or nothing yet: where a command may
/// write a file and others beside it.
pub fn is_plain_output(path: &Path) -> bool {
    fs::metadata(path).map_or(true, |meta| meta.is_file())
}

/// The refusal of the file `name`, larger than `limit` bytes.
pub fn too_big(name: &str, limit: u64) -> Error {
    Error::at(
        Position::file(name),
        FileFlaw::TooBig {
            max: limit / (1024 * 1024),
            file: name.to_owned(),
        },
    )
}

/// The text of a file read as `bytes` (at most `limit` of them), named `name` in messages:
/// the same checks whether it was read from the disk or from a git object.
pub fn decode_text(bytes: Vec<u8>, name: &str, limit: u64) -> Result<String> {
    if bytes.len() as u64 > limit {
        return Err(too_big(name, limit));
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::at(Position::new(name, line, 0), FileFlaw::NotText)
    })
}

/// Reads a YAML record; `name` is how messages call the file (its path in the engagement).
pub fn read_record<T: DeserializeOwned>(path: &Path, name: &str) -> Result<(T, String)> {
    let text = read_text(path, MAX_RECORD_BYTES).map_err(|error| rename(error, path, name))?;
    parse_record(text, name)
}

/// Parses the YAML `text` of a record named `name`, keeping the text for the positions of
/// later messages.
pub fn parse_record<T: DeserializeOwned>(text: String, name: &str) -> Result<(T, String)> {
    match yaml::from_str(&text) {
        Ok(value) => Ok((value, text)),
        Err(error) => {
            let problem = yaml::record_problem(name, &text, &error);
            Err(Error::Invalid(Problems(vec![problem])))
        }
    }
}

/// Messages name files by their path in the engagement, not the absolute path.
fn rename(error: Error, path: &Path, name: &str) -> Error {
    match error {
        Error::Invalid(Problems(problems)) => Error::Invalid(Problems(
            problems
                .into_iter()
                .map(|problem| problem.named(name))
                .collect(),
        )),
        Error::Io { error, .. } => Error::io(path, error),
        other => other,
    }
}

/// Replaces `path` with `bytes` so that a reader, a crash or a full disk sees the old
/// content or the new one, never a mix: write a private temporary file beside it, flush it
/// to disk, rename it over the target, then flush the folder that records the rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    rename_over(path, bytes, true)?;
    sync_dir(parent(path))
}

/// Replaces `path` with `bytes` like [`write_atomic`] (a reader sees the old content or the
/// new one), without flushing either to disk: for scratch files that are cheap to lose and
/// checked when read back (a crash may leave an empty or truncated file).
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    rename_over(path, bytes, false)
}

/// Writes `bytes` to a private temporary file beside `path` (flushed to disk when
/// `durable`), then renames it over `path`.
fn rename_over(path: &Path, bytes: &[u8], durable: bool) -> Result<()> {
    let mut temp = temporary_in(parent(path))?;
    temp.write_all(bytes)
        .and_then(|()| {
            if durable {
                temp.as_file().sync_all()
            } else {
                Ok(())
            }
        })
        .map_err(|source| Error::io(path, source))?;
    temp.persist(path)
        .map_err(|error| Error::io(path, error.error))?;
    Ok(())
}

/// A new private temporary file in `dir`, named as [`is_temporary`] knows, to be renamed
/// over its target once written.
pub fn temporary_in(dir: &Path) -> Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .suffix(TEMPORARY_SUFFIX)
        .permissions(fs::Permissions::from_mode(PRIVATE_FILE))
        .tempfile_in(dir)
        .map_err(|source| Error::io(dir, source))
}

/// Flushes a folder's entries (new names, renames) to disk.
pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|folder| folder.sync_all())
        .map_err(|source| Error::io(dir, source))
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Creates `dir` and its missing parents, each private to the user whatever the umask.
pub fn create_private_dir_all(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(up) = dir.parent().filter(|up| !up.as_os_str().is_empty()) {
        create_private_dir_all(up)?;
    }
    match fs::DirBuilder::new().mode(PRIVATE_DIR).create(dir) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {
            return Ok(());
        }
        Err(source) => return Err(Error::io(dir, source)),
    }
    // The mode given at creation is masked by the umask; set it again to be exact.
    fs::set_permissions(dir, fs::Permissions::from_mode(PRIVATE_DIR))
        .map_err(|source| Error::io(dir, source))
}

/// Opens (creating if needed) a private file for appending or locking.
pub fn open_private(path: &Path) -> Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(PRIVATE_FILE)
        .open(path)
        .map_err(|source| Error::io(path, source))
}

/// A relative path with only normal components, written with `/`: the form in which
/// records name files of the engagement. Refuses anything that could leave the folder.
pub fn relative_slash_path(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// What a path of the engagement's working copy is, when it is not a plain file or folder.
fn special_kind(file_type: &fs::FileType) -> Option<FileKind> {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_symlink() {
        Some(FileKind::Link)
    } else if file_type.is_fifo() {
        Some(FileKind::Fifo)
    } else if file_type.is_socket() {
        Some(FileKind::Socket)
    } else if file_type.is_char_device() || file_type.is_block_device() {
        Some(FileKind::Device)
    } else {
        None
    }
}

/// Refuses any link, FIFO, socket or device in the working copy below `root` (`.git` aside),
/// naming the first one found.
///
/// Everything below `root` may have come from a co-auditor through git: a committed link
/// would make vmsaudit read or write outside the engagement (the victim's `report.md`, a
/// file whose changes `git status` never shows), and a FIFO would hang every command. The
/// folder's entries carry their type, so the walk costs one `readdir` per folder.
pub fn check_tree(root: &Path) -> Result<()> {
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = check_dir(root, &dir)?;
        pending.extend(
            entries
                .into_iter()
                .filter(|entry| entry.folder)
                .map(|entry| dir.join(entry.name)),
        );
    }
    Ok(())
}

/// One entry of a folder, as read: its name, and whether it is a folder (from the entry's
/// type, without a `stat`).
pub struct Listed {
    pub name: std::ffi::OsString,
    pub folder: bool,
}

/// The entries of the folder `dir`, `.git` aside when it is `root`; none when there is no
/// such folder.
pub fn list_dir(root: &Path, dir: &Path) -> Result<Vec<Listed>> {
    listed(root, dir, false)
}

/// The entries of the folder `dir`, with errors that name it; none when there is no such
/// folder.
pub fn dir_entries(dir: &Path) -> Result<Vec<fs::DirEntry>> {
    match fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|entry| entry.map_err(|source| Error::io(dir, source)))
            .collect(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(Error::io(dir, source)),
    }
}

/// The check of [`check_tree`] for the entries of one folder `dir` below `root` (an absent
/// one has none): its entries, `.git` aside when it is `root`, to look into the folders in
/// turn.
pub fn check_dir(root: &Path, dir: &Path) -> Result<Vec<Listed>> {
    listed(root, dir, true)
}

fn listed(root: &Path, dir: &Path, refuse_special: bool) -> Result<Vec<Listed>> {
    let mut listed = Vec::new();
    for entry in dir_entries(dir)? {
        let name = entry.file_name();
        if dir == root && name == ".git" {
            continue;
        }
        let file_type = match entry.file_type() {
            Ok(file_type) => Some(file_type),
            Err(source) if refuse_special => return Err(Error::io(entry.path(), source)),
            Err(_) => None,
        };
        if refuse_special && let Some(kind) = file_type.as_ref().and_then(special_kind) {
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let shown = crate::text::one_line(&relative.to_string_lossy());
            return Err(Error::at(
                Position::file(shown.clone()),
                FileFlaw::Special { kind, path: shown },
            ));
        }
        let folder = file_type.is_some_and(|kind| kind.is_dir());
        listed.push(Listed { name, folder });
    }
    Ok(listed)
}

/// Whether `path` (a file's name, or its path in the engagement) names a hidden file or
/// lies in a hidden folder: no record, piece of evidence or template of vmsaudit's is one
/// (the loader skips them, evidence names refuse them), so such a file is another
/// program's (an editor's swap file) or vmsaudit's own temporary one.
pub fn is_hidden(path: &str) -> bool {
    path.split('/').any(|part| part.starts_with('.'))
}

/// Whether `path` (a file's name, or its path in the engagement) is the temporary file of an
/// atomic write ([`write_atomic`], [`replace`]): one an interrupted write left behind when the
/// write is not running any more.
pub fn is_temporary(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with(TEMPORARY_PREFIX) && name.ends_with(TEMPORARY_SUFFIX)
}

/// Reads a UTF-8 text file of the engagement like [`read_text_if_any`], without following a
/// link and without blocking on a FIFO: anything but a regular file is refused.
pub fn read_engagement_text_if_any(path: &Path, limit: u64) -> Result<Option<String>> {
    match open_plain(path).map_err(|source| Error::io(path, source))? {
        Plain::File(file) => read_open_file(file, path, limit).map(Some),
        Plain::Absent => Ok(None),
        Plain::Not(kind) => Err(not_regular(path, kind)),
    }
}

/// What [`open_plain`] found at a path.
#[derive(Debug)]
pub enum Plain {
    /// A regular file, open for reading.
    File(File),
    Absent,
    /// Something else, not opened through: a link is never followed.
    Not(FileKind),
}

/// Opens a file of the engagement for reading without following a link and without
/// blocking on a FIFO; anything but a regular file is said, not opened.
pub fn open_plain(path: &Path) -> std::io::Result<Plain> {
    use rustix::fs::OFlags;
    let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
    {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Plain::Absent),
        Err(error) if error.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            return Ok(Plain::Not(FileKind::Link));
        }
        Err(error) => return Err(error),
    };
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Ok(Plain::Not(
            special_kind(&metadata.file_type()).unwrap_or(FileKind::Folder),
        ));
    }
    Ok(Plain::File(file))
}

fn not_regular(path: &Path, kind: FileKind) -> Error {
    Error::at(
        Position::file(crate::text::one_line(&path.display().to_string())),
        FileFlaw::NotRegular(kind),
    )
}

/// `f` applied to every item, in order, by as many threads as the machine has cores (at
/// most 8, this one among them): several files read or looked at at a time; on this thread
/// alone when there are few items, where starting threads costs more than it saves.
pub fn parallel_map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    // Asked once: the answer reads the process's cgroup files each time.
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let threads = *CORES.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(8)
    });
    if threads < 2 || items.len() < 64 {
        return items.into_iter().map(f).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let mut parts = Vec::with_capacity(threads);
    let mut rest = items;
    while rest.len() > per_thread {
        let tail = rest.split_off(per_thread);
        parts.push(rest);
        rest = tail;
    }
    parts.push(rest);
    let f = &f;
    // The first part on this thread: a thread fewer to start, and to give its own heap.
    let mut parts = parts.into_iter();
    let first = parts.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let workers: Vec<_> = parts
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut results: Vec<R> = first.into_iter().map(f).collect();
        for worker in workers {
            // A worker only panics if `f` does: the panic goes on as on one thread.
            results.extend(
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        results
    })
}

/// Set once the process watches for SIGINT, SIGHUP and SIGTERM itself (the checklist, which
/// keeps what is being typed and ends cleanly): a signal held back by [`SignalsDeferred`] is
/// then left to that watch instead of ending the process.
static SIGNALS_WATCHED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether a signal ends the process at once, by its default action: false while a
/// [`SignalsDeferred`] is held, and once the process watches signals itself.
static TERMINATE_ON_SIGNAL: std::sync::OnceLock<std::sync::Arc<std::sync::atomic::AtomicBool>> =
    std::sync::OnceLock::new();

const DEFERRABLE: [std::ffi::c_int; 3] = [
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGTERM,
];

/// Says that the process now watches SIGINT, SIGHUP and SIGTERM itself.
pub fn signals_watched() {
    use std::sync::atomic::Ordering;
    SIGNALS_WATCHED.store(true, Ordering::SeqCst);
    if let Some(terminate) = TERMINATE_ON_SIGNAL.get() {
        terminate.store(false, Ordering::SeqCst);
    }
}

/// Holds back SIGINT, SIGHUP and SIGTERM while it lives: a Ctrl-C, a dropped ssh session or a
/// `kill` in the middle of a sync's checkout would leave the co-auditor's files half-written
/// with HEAD not moved, which the next command would take for the auditor's own work. A
/// signal that came meanwhile takes effect when it is dropped, once the checkout and the
/// reference update are done or undone.
pub struct SignalsDeferred {
    got: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    ids: Vec<signal_hook::SigId>,
}

impl SignalsDeferred {
    pub fn start() -> SignalsDeferred {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        // Once a signal-hook handler is installed, the default action no longer runs by
        // itself (signal-hook does not chain to it): this one, armed outside a deferral,
        // stands for it.
        let terminate = TERMINATE_ON_SIGNAL.get_or_init(|| {
            let terminate = Arc::new(AtomicBool::new(false));
            for signal in DEFERRABLE {
                let _ =
                    signal_hook::flag::register_conditional_default(signal, Arc::clone(&terminate));
            }
            terminate
        });
        terminate.store(false, Ordering::SeqCst);
        let got = Arc::new(AtomicUsize::new(0));
        let ids = DEFERRABLE
            .into_iter()
            .filter_map(|signal| {
                signal_hook::flag::register_usize(signal, Arc::clone(&got), signal as usize).ok()
            })
            .collect();
        SignalsDeferred { got, ids }
    }
}

impl Drop for SignalsDeferred {
    fn drop(&mut self) {
        use std::sync::atomic::Ordering;
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
        let watched = SIGNALS_WATCHED.load(Ordering::SeqCst);
        if let Some(terminate) = TERMINATE_ON_SIGNAL.get() {
            terminate.store(!watched, Ordering::SeqCst);
        }
        let signal = self.got.load(Ordering::SeqCst);
        if signal != 0 && !watched {
            let _ = signal_hook::low_level::emulate_default_handler(signal as std::ffi::c_int);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parallel_map_keeps_the_items_order_and_their_panics() {
        for len in [0, 1, 63, 64, 65, 1_001] {
            let items: Vec<usize> = (0..len).collect();
            let doubled = parallel_map(items, |item| item * 2);
            assert_eq!(doubled, (0..len).map(|item| item * 2).collect::<Vec<_>>());
        }
        // Whichever thread meets it: the first part runs on this one, the last on another.
        for bad in [0, 999] {
            let panicked = std::panic::catch_unwind(|| {
                parallel_map((0..1_000).collect(), |item: usize| {
                    assert_ne!(item, bad, "item {bad}");
                    item
                })
            });
            assert!(panicked.is_err(), "a panic on item {bad} goes on");
        }
    }
}
