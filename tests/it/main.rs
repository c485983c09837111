//! The integration tests, one binary: the real `vmsaudit` run in sandbox folders (`cli`,
//! `records`, `evidence`, `export`, `cve`, `scan`, `rounds`, `sync`, `parsed_cache`, `attacks`,
//! `templates`, `versions`, `crash`, `tmux`, `synth`, `messages`, `french`, `bad_input`,
//! `deliverable`) and the library driven in-process (`tui`, `report`, `readme`), with the fixtures
//! they share in `common`.
//!
//! One module runs alone with `cargo test --test it MODULE::`, e.g. `cargo test --test it
//! crash::`.

mod common;

mod attacks;
mod bad_input;
mod cli;
mod crash;
mod cve;
mod deliverable;
mod evidence;
mod export;
mod french;
mod messages;
mod own_grid;
mod parsed_cache;
mod readme;
mod records;
mod report;
mod rounds;
mod scan;
mod scan_devices;
mod sync;
mod synth;
mod templates;
mod tmux;
mod tui;
mod versions;
