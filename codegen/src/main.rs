//! The `wixgen` command: regenerate the bindings, check them, or inspect the IR.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Reads Wix API reference pages and generates typed Rust bindings from them.
///
/// With no subcommand, regenerates `generated/` from `specs/inbox/` (paths relative to the
/// workspace root when run through `cargo run -p wixgen`).
#[derive(Parser, Debug)]
#[command(name = "wixgen", version, about)]
struct Cli {
    /// Directory of spec pages, read recursively.
    #[arg(long, global = true)]
    specs: Option<PathBuf>,
    /// The bindings crate to regenerate.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write nothing; exit non-zero and name the stale files if the bindings differ from
    /// what the specs give.
    #[arg(long)]
    check: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the intermediate representation of a spec directory as pretty JSON.
    Ir {
        /// Directory of spec pages (default: specs/inbox/).
        dir: Option<PathBuf>,
    },
    /// Validate a spec directory without writing anything.
    Check {
        /// Directory of spec pages (default: specs/inbox/).
        dir: Option<PathBuf>,
    },
    /// Write a complete crate (Cargo.toml included) of bindings for any directory of pages.
    Generate {
        /// Directory of spec pages (default: --specs, else specs/inbox/).
        dir: Option<PathBuf>,
        /// Where to write the crate.
        #[arg(long)]
        out: PathBuf,
        /// The crate's package name (default: the output directory's name).
        #[arg(long)]
        name: Option<String>,
        /// The `wixgen-runtime` crate it depends on (default: generated/runtime of the
        /// checkout around the current directory, else of the one wixgen was built in).
        #[arg(long)]
        runtime: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let workspace = wixgen::cli::workspace_root();
    let default_specs = || cli.specs.clone().unwrap_or_else(|| workspace.join("specs/inbox"));
    match cli.command {
        Some(Command::Ir { dir }) => wixgen::cli::print_ir(&dir.unwrap_or_else(default_specs)),
        Some(Command::Check { dir }) => wixgen::cli::check_specs(&dir.unwrap_or_else(default_specs)),
        Some(Command::Generate { dir, out, name, runtime }) => {
            // The checkout around the current directory, else the one this binary was
            // built from: generating from outside a checkout still finds a runtime.
            let runtime = runtime.unwrap_or_else(|| {
                let here = workspace.join("generated/runtime");
                if here.is_dir() {
                    here
                } else {
                    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/runtime"))
                }
            });
            wixgen::cli::generate_crate(&dir.unwrap_or_else(default_specs), &out, name.as_deref(), &runtime)
        }
        // Neither pages nor crate named: every API of the checkout, and their shared IDs.
        None if cli.specs.is_none() && cli.out.is_none() => wixgen::workspace::regenerate_all(&workspace, cli.check),
        None => {
            let out = cli.out.clone().unwrap_or_else(|| workspace.join("generated"));
            wixgen::cli::regenerate(&default_specs(), &out, cli.check)
        }
    }
}
