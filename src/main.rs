use std::process::ExitCode;

/// mimalloc, on glibc and on the static musl build alike: see Cargo.toml.
#[cfg(target_pointer_width = "64")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    vmsaudit::cli::main()
}
