//! `vnetsketch`: see `vnetsketch --help`, README.md and ARCHITECTURE.md.

fn main() -> std::process::ExitCode {
    vnetsketch::cli::main()
}
