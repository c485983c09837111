use std::process::ExitCode;

/// The static musl build's allocator: see Cargo.toml.
#[cfg(all(target_env = "musl", target_pointer_width = "64"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    vmsaudit::cli::main()
}
