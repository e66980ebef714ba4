//! The `wixgen` command: regenerate the bindings, check them, or inspect the IR.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use wixgen::messages::{MessageFormat, Options};

/// Reads Wix API reference pages and generates typed Rust bindings from them.
///
/// With no subcommand, regenerates bindings: with DIR (or --specs) or --out, the crate at
/// --out from the pages in DIR; with neither, every API of the checkout.
#[derive(Parser, Debug)]
#[command(name = "wixgen", version, about, long_about, disable_help_subcommand = true)]
struct Cli {
    /// Directory of spec pages, read recursively (default: specs/inbox/ of the checkout).
    dir: Option<PathBuf>,
    /// The same as DIR (the older spelling); also before `ir`, `check` or `generate`.
    #[arg(long, value_name = "DIR")]
    specs: Option<PathBuf>,
    /// The bindings crate to regenerate (default: generated/inbox/ of the checkout; a crate
    /// of the checkout only from its own folder of specs/: see `generate` for others).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write nothing; exit non-zero and name the stale files if the bindings differ from
    /// what the specs give, or if an interrupted run left files behind.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    reporting: Reporting,
    #[command(subcommand)]
    command: Option<Command>,
}

/// How diagnostics are reported: the regeneration's, `check`'s and `generate`'s.
#[derive(Args, Debug, Default, Clone, Copy)]
struct Reporting {
    /// Fail on warnings as on errors: nothing is written, and the exit status is 1.
    #[arg(long)]
    deny_warnings: bool,
    /// How diagnostics are printed: rendered on standard error (human), or one JSON
    /// object a line on standard output (json; see the README for its fields).
    #[arg(long, value_enum, value_name = "FMT")]
    message_format: Option<Format>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

impl Reporting {
    fn is_set(&self) -> bool {
        self.deny_warnings || self.message_format.is_some()
    }

    /// These options, with `outer`'s (given before the subcommand) where these are unset.
    fn or(self, outer: Reporting) -> Options {
        let format = match self.message_format.or(outer.message_format) {
            Some(Format::Json) => MessageFormat::Json,
            Some(Format::Human) | None => MessageFormat::Human,
        };
        Options { format, deny_warnings: self.deny_warnings || outer.deny_warnings }
    }
}

/// What `--help` says about the defaults, naming the checkout they come from here.
fn defaults_help(root: &std::path::Path) -> String {
    let built = wixgen::cli::built_checkout().map_or("none: its directory is gone".to_string(), |p| p.display().to_string());
    format!(
        "Defaults: the folder of pages (DIR, or --specs) is specs/inbox/ and --out is generated/inbox/, \
         both in the checkout: the nearest directory from the current one upwards that holds a \
         Cargo.toml and a specs/ directory, else the checkout wixgen was built from ({built}). \
         From here, that is {root}. Paths given are relative to the current directory.\n\n\
         With neither DIR, --specs nor --out, `wixgen [--check]` regenerates every API of the \
         checkout: each specs/<api>/ into the crate named wix-<api> under generated/, and the \
         ID types they share into wix-ids.",
        root = root.display()
    )
}

/// The folder of pages, given positionally or as `--specs` (before or after the
/// subcommand): more than one is an error.
fn one_dir(cmd: &mut clap::Command, given: &[&Option<PathBuf>]) -> Option<PathBuf> {
    if given.iter().filter(|d| d.is_some()).count() > 1 {
        cmd.error(clap::error::ErrorKind::ArgumentConflict, "the folder of pages is given twice, as DIR and as --specs DIR: give one")
            .exit();
    }
    given.iter().find_map(|d| (*d).clone())
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the intermediate representation of a spec directory as pretty JSON.
    Ir {
        /// Directory of spec pages (default: specs/inbox/ of the checkout; see `wixgen --help`).
        dir: Option<PathBuf>,
        /// The same as DIR (the older spelling).
        #[arg(long, value_name = "DIR")]
        specs: Option<PathBuf>,
    },
    /// Validate a spec directory without writing anything.
    Check {
        /// Directory of spec pages (default: specs/inbox/ of the checkout; see `wixgen --help`).
        dir: Option<PathBuf>,
        /// The same as DIR (the older spelling).
        #[arg(long, value_name = "DIR")]
        specs: Option<PathBuf>,
        #[command(flatten)]
        reporting: Reporting,
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
        /// The `wixgen-runtime` crate it depends on (default: runtime/ of the
        /// checkout around the current directory, else of the one wixgen was built in).
        #[arg(long)]
        runtime: Option<PathBuf>,
        /// The same as DIR (the older spelling).
        #[arg(long, value_name = "DIR")]
        specs: Option<PathBuf>,
        #[command(flatten)]
        reporting: Reporting,
    },
    /// Fetch an API's pages from Wix's docs into a folder of pages, pinned in its wixgen.lock.
    ///
    /// Fetches the markdown rendition of URL (a menu page such as
    /// https://dev.wix.com/docs/api-reference/crm/communication/inbox, or one page) and, for a
    /// menu, every page its links lead to on the same host under the same path, and saves
    /// them mirroring the docs' paths. The folder is replaced only when every page arrived.
    /// Then says what the pages change in the generated API.
    #[cfg(feature = "pull")]
    Pull {
        /// A docs URL (with or without `.md`). With --check or --update, the default is the
        /// URL the folder's wixgen.lock names.
        url: Option<String>,
        /// The folder of pages to write (default: specs/<the URL's last segment> of the
        /// checkout; with --check or --update and no URL, every folder of specs/ with a
        /// wixgen.lock).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Fetch again and report the pages changed, added or gone since the lock file, and
        /// what they change in the generated API; write nothing. Non-zero when anything changed.
        #[arg(long, conflicts_with = "update")]
        check: bool,
        /// Fetch again and apply what changed (from the URL in the folder's lock file).
        #[arg(long)]
        update: bool,
        /// Requests in flight at once, at most.
        #[arg(long, default_value_t = 4, value_name = "N")]
        concurrency: usize,
        /// Requests started per second, at most (retries included).
        #[arg(long, default_value_t = 4.0, value_name = "PER_SECOND")]
        rate: f64,
        /// Seconds one request may take before it is retried.
        #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
        timeout: f64,
        /// Retries of a page after a 429, a 5xx, a timeout or a failed connection.
        #[arg(long, default_value_t = 4, value_name = "N")]
        retries: u32,
        /// The largest page accepted, in bytes.
        #[arg(long, default_value_t = 2 * 1024 * 1024, value_name = "BYTES")]
        max_page_size: u64,
    },
    /// Print the help of wixgen, or of one of its subcommands (`wixgen help check`).
    Help {
        /// The subcommand (and its subcommands) to describe.
        command: Vec<String>,
    },
}

/// `wixgen help [COMMAND...]`: the long help of the command named, as `--help` prints it.
fn help(mut cmd: clap::Command, path: &[String]) -> ExitCode {
    cmd.build();
    let mut target = &mut cmd;
    for name in path {
        let Some(sub) = target.find_subcommand_mut(name) else {
            eprintln!("error: no subcommand `{name}`; `wixgen --help` lists them");
            return ExitCode::from(2);
        };
        target = sub;
    }
    match target.print_long_help() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
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
    // Before a subcommand, --specs, --deny-warnings and --message-format are its own; a
    // subcommand without them must not drop them.
    let outer = cli.reporting;
    let takes_folder = matches!(cli.command, None | Some(Command::Ir { .. } | Command::Check { .. } | Command::Generate { .. }));
    if cli.specs.is_some() && !takes_folder {
        cmd.error(clap::error::ErrorKind::ArgumentConflict, "--specs is the folder of pages of `ir`, `check`, `generate` and the regeneration only").exit();
    }
    let reports = matches!(cli.command, None | Some(Command::Check { .. } | Command::Generate { .. }));
    if outer.is_set() && !reports {
        cmd.error(
            clap::error::ErrorKind::ArgumentConflict,
            "--deny-warnings and --message-format are options of `check`, `generate` and the regeneration only",
        )
        .exit();
    }
    match cli.command {
        Some(Command::Ir { dir, specs }) => wixgen::cli::print_ir(&one_dir(&mut cmd, &[&dir, &specs, &cli.specs]).unwrap_or_else(default_specs)),
        Some(Command::Check { dir, specs, reporting }) => {
            let dir = one_dir(&mut cmd, &[&dir, &specs, &cli.specs]).unwrap_or_else(default_specs);
            wixgen::cli::check_specs(&dir, reporting.or(outer))
        }
        Some(Command::Generate { dir, out, name, runtime, specs, reporting }) => {
            // The checkout around the current directory, else the one this binary was
            // built from: generating from outside a checkout still finds a runtime.
            let runtime = runtime.unwrap_or_else(|| {
                let here = workspace.join("runtime");
                if here.is_dir() {
                    here
                } else {
                    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime"))
                }
            });
            let dir = one_dir(&mut cmd, &[&dir, &specs, &cli.specs]).unwrap_or_else(default_specs);
            wixgen::cli::generate_crate(&dir, &out, name.as_deref(), &runtime, reporting.or(outer))
        }
        #[cfg(feature = "pull")]
        Some(Command::Pull { url, into, check, update, concurrency, rate, timeout, retries, max_page_size }) => {
            let positive = |x: f64| x > 0.0 && x.is_finite();
            if !positive(rate) || !positive(timeout) || concurrency == 0 {
                cmd.error(clap::error::ErrorKind::InvalidValue, "--rate, --timeout and --concurrency must be more than 0").exit();
            }
            let options = wixgen::pull::Options {
                concurrency,
                min_interval: std::time::Duration::from_secs_f64(1.0 / rate),
                timeout: std::time::Duration::from_secs_f64(timeout),
                retries,
                max_page_bytes: max_page_size,
                ..wixgen::pull::Options::default()
            };
            let command = wixgen::pull::Command { url, into, check, update, options, progress: wixgen::pull::ProgressMode::Auto };
            wixgen::pull::run(&command, &workspace)
        }
        Some(Command::Help { command }) => help(cmd, &command),
        None => {
            let options = outer.or(Reporting::default());
            match one_dir(&mut cmd, &[&cli.dir, &cli.specs]) {
                // Neither pages nor crate named: every API of the checkout, and their shared IDs.
                None if cli.out.is_none() => wixgen::workspace::regenerate_all_with(&workspace, cli.check, options),
                dir => {
                    let out = cli.out.clone().unwrap_or_else(|| workspace.join("generated/inbox"));
                    wixgen::cli::regenerate(&dir.unwrap_or_else(default_specs), &out, cli.check, options)
                }
            }
        }
    }
}
