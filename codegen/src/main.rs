//! The `wixgen` command: regenerate the bindings, check them, or inspect the IR.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Reads Wix API reference pages and generates typed Rust bindings from them.
///
/// With no subcommand, regenerates bindings: with DIR (or --specs) or --out, the crate at
/// --out from the pages in DIR; with neither, every API of the checkout.
#[derive(Parser, Debug)]
#[command(name = "wixgen", version, about, long_about)]
struct Cli {
    /// Directory of spec pages, read recursively (default: specs/inbox/ of the checkout).
    dir: Option<PathBuf>,
    /// The same as DIR, for this command and every subcommand (the older spelling).
    #[arg(long, global = true, value_name = "DIR")]
    specs: Option<PathBuf>,
    /// The bindings crate to regenerate (default: generated/ of the checkout).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write nothing; exit non-zero and name the stale files if the bindings differ from
    /// what the specs give, or if an interrupted run left files behind.
    #[arg(long)]
    check: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

/// What `--help` says about the defaults, naming the checkout they come from here.
fn defaults_help(root: &std::path::Path) -> String {
    let built = wixgen::cli::built_checkout().map_or("none: its directory is gone".to_string(), |p| p.display().to_string());
    format!(
        "Defaults: the folder of pages (DIR, or --specs) is specs/inbox/ and --out is generated/, \
         both in the checkout: the nearest directory from the current one upwards that holds a \
         Cargo.toml and a specs/ directory, else the checkout wixgen was built from ({built}). \
         From here, that is {root}. Paths given are relative to the current directory.\n\n\
         With neither DIR, --specs nor --out, `wixgen [--check]` regenerates every API of the \
         checkout: each specs/<api>/ into the crate named wix-<api> under generated/, and the \
         ID types they share into wix-ids.",
        root = root.display()
    )
}

/// The folder of pages, given positionally or as `--specs`: both is an error.
fn one_dir(cmd: &mut clap::Command, dir: Option<PathBuf>, specs: &Option<PathBuf>) -> Option<PathBuf> {
    if dir.is_some() && specs.is_some() {
        cmd.error(clap::error::ErrorKind::ArgumentConflict, "the folder of pages is given twice, as DIR and as --specs DIR: give one")
            .exit();
    }
    dir.or_else(|| specs.clone())
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the intermediate representation of a spec directory as pretty JSON.
    Ir {
        /// Directory of spec pages (default: specs/inbox/ of the checkout; see `wixgen --help`).
        dir: Option<PathBuf>,
    },
    /// Validate a spec directory without writing anything.
    Check {
        /// Directory of spec pages (default: specs/inbox/ of the checkout; see `wixgen --help`).
        dir: Option<PathBuf>,
    },
    /// Write a complete crate (Cargo.toml included) of bindings for any directory of pages.
    Generate {
        /// Directory of spec pages (default: specs/inbox/ of the checkout; see `wixgen --help`).
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
    let workspace = wixgen::cli::workspace_root();
    let mut cmd = Cli::command().after_help(defaults_help(&workspace));
    let cli = Cli::from_arg_matches(&cmd.clone().get_matches()).unwrap_or_else(|e| e.exit());
    let default_specs = || workspace.join("specs/inbox");
    // Clap takes a word after DIR for a subcommand; the regeneration's arguments would be
    // ignored there.
    if cli.command.is_some() && (cli.dir.is_some() || cli.out.is_some() || cli.check) {
        cmd.error(
            clap::error::ErrorKind::ArgumentConflict,
            "DIR, --out and --check without a subcommand are the regeneration's; a subcommand takes its folder after its name (`wixgen check DIR`)",
        )
        .exit();
    }
    match cli.command {
        Some(Command::Ir { dir }) => wixgen::cli::print_ir(&one_dir(&mut cmd, dir, &cli.specs).unwrap_or_else(default_specs)),
        Some(Command::Check { dir }) => {
            wixgen::cli::check_specs(&one_dir(&mut cmd, dir, &cli.specs).unwrap_or_else(default_specs))
        }
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
            let dir = one_dir(&mut cmd, dir, &cli.specs).unwrap_or_else(default_specs);
            wixgen::cli::generate_crate(&dir, &out, name.as_deref(), &runtime)
        }
        None => match one_dir(&mut cmd, cli.dir, &cli.specs) {
            // Neither pages nor crate named: every API of the checkout, and their shared IDs.
            None if cli.out.is_none() => wixgen::workspace::regenerate_all(&workspace, cli.check),
            dir => {
                let out = cli.out.clone().unwrap_or_else(|| workspace.join("generated"));
                wixgen::cli::regenerate(&dir.unwrap_or_else(default_specs), &out, cli.check)
            }
        },
    }
}
