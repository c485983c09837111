use std::process::ExitCode;

fn main() -> ExitCode {
    vmsaudit::cli::main()
}
