//! Generates a large synthetic engagement: `cargo run --release --example synth -- DIR
//! [--seed N]`. See `benches/support/synth.rs` for what it holds; the benchmarks
//! (`cargo bench --bench scale`) build the same one.

// A generator: a failed step is a failed run.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut seed = synth::DEFAULT_SEED;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => match args.next().and_then(|value| value.parse().ok()) {
                Some(value) => seed = value,
                None => return usage("--seed takes a number"),
            },
            "-h" | "--help" => return usage(""),
            _ if dir.is_none() && !arg.starts_with('-') => dir = Some(PathBuf::from(arg)),
            _ => return usage(&format!("unexpected argument `{arg}`")),
        }
    }
    let Some(dir) = dir else {
        return usage("give the folder to create");
    };
    match synth::generate(&dir, seed, &synth::Shape::LARGE) {
        Ok(summary) => {
            println!(
                "{}: {} controls in {} domains (grid.yaml {:.1} MB), {} answers, {} evidence files, {} assets, {} findings, {} actions, rounds {} closed and one in progress, {} commits; generated in {:.1} s (seed {seed})",
                dir.display(),
                summary.controls,
                synth::Shape::LARGE.domains,
                summary.grid_bytes as f64 / 1e6,
                summary.answers,
                summary.evidence_files,
                summary.assets,
                summary.findings,
                summary.actions,
                summary.rounds.join(", "),
                summary.commits,
                summary.elapsed.as_secs_f64(),
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("error: {problem}");
    }
    eprintln!("usage: cargo run --release --example synth -- DIR [--seed N]");
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
