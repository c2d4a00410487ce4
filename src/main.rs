//! The `pakkeforloeb` command line (`src/cli.rs`). It is native: built for wasm32 (as clippy
//! does for every binary), this binary is empty, and clap never reaches a wasm.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
