//! The build-script front end: generate the bindings into `OUT_DIR`.
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! wixgen::Builder::new().spec_dir("specs").generate().unwrap();
//! ```
//! ```text
//! // src/lib.rs: the generated items, in a module of their own (OUT_DIR exists only in
//! // a crate with a build script, so this is shown, not compiled here; the crate
//! // tests/build-script-example compiles it).
//! pub mod inbox {
//!     include!(concat!(env!("OUT_DIR"), "/wix_api.rs"));
//! }
//! ```
//!
//! The crate needs `wixgen-runtime` (the runtime, which also lends the generated derives
//! its serde) and `serde_json` as dependencies: no API's crate. The generated file is one
//! flat list of items without inner attributes, so it can be included anywhere. Cargo is
//! told to rerun the script when the spec directory or any page in it changes.
//!
//! The typed client and the webhook decoding are not generated here unless asked:
//! `.settings(|s| s.with_client(Gate::Always).with_webhooks(Gate::Always))` (with
//! [`Gate`](crate::settings::Gate)) adds the modules `client` and `webhook` to the file,
//! always compiled; the crate then depends on `wixgen-runtime` with its features `client`
//! and `webhooks`.

use std::path::{Path, PathBuf};

use crate::generate::{self, Error};
use crate::settings::{Layout, Settings};

/// Generates bindings from a spec directory into `OUT_DIR`.
#[derive(Clone, Debug)]
pub struct Builder {
    settings: Settings,
    out_dir: Option<PathBuf>,
    quiet: bool,
    deny_warnings: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// Specs from `specs/` (relative to the package being built), into
    /// `$OUT_DIR/wix_api.rs`, with the runtime at `::wixgen_runtime`.
    pub fn new() -> Self {
        Builder { settings: Settings::build_script("", "wix_api.rs").with_spec_dir("specs"), out_dir: None, quiet: false, deny_warnings: false }
    }

    /// The directory of spec pages, read recursively.
    pub fn spec_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.settings.spec_dir = dir.into();
        self
    }

    /// The generated file's name in `OUT_DIR` (default `wix_api.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.settings.layout = Layout::SingleFile { file: name.into() };
        self
    }

    /// Writes into `dir` instead of `OUT_DIR` (tests).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Fails on warnings as on errors: [`Builder::generate`] writes nothing and returns
    /// [`Error::Warnings`] if reading the pages gave any warning (a page that lost part of
    /// its schema to a quirk, say), so the build fails rather than compile a smaller API.
    pub fn deny_warnings(mut self) -> Self {
        self.deny_warnings = true;
        self
    }

    /// Prints no `cargo:` lines (tests).
    pub fn quiet(mut self) -> Self {
        self.quiet = true;
        self
    }

    /// Changes any other setting (runtime path, event enum name, type names, ...). The
    /// layout stays one file.
    pub fn settings(mut self, f: impl FnOnce(Settings) -> Settings) -> Self {
        let layout = self.settings.layout.clone();
        self.settings = f(self.settings);
        self.settings.layout = layout;
        self
    }

    /// Reads the specs, writes the file, and returns its path. On errors in the specs,
    /// prints every diagnostic to stderr (which cargo shows when the build script fails)
    /// and returns them.
    pub fn generate(self) -> Result<PathBuf, Error> {
        let out_dir = match self.out_dir.clone().or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from)) {
            Some(d) => d,
            None => {
                return Err(Error::Io {
                    path: PathBuf::from("$OUT_DIR"),
                    error: std::io::Error::new(std::io::ErrorKind::NotFound, "OUT_DIR is not set: run from a build script"),
                })
            }
        };
        let settings = self.settings.with_out_dir(&out_dir);
        if !self.quiet {
            println!("cargo:rerun-if-changed={}", settings.spec_dir.display());
        }
        let result = generate::generate(&settings);
        if !self.quiet {
            for page in spec_pages(&settings.spec_dir) {
                println!("cargo:rerun-if-changed={}", page.display());
            }
        }
        let (loaded, output) = match result {
            Ok(x) => x,
            Err(e) => {
                // Cargo shows a failed build script's stderr: the diagnostics with their lines.
                match &e {
                    Error::Specs(loaded) | Error::Warnings(loaded) => eprint!("{}", loaded.render_diagnostics()),
                    Error::Emit { loaded, diagnostics } => {
                        eprint!("{}", crate::diag::render(diagnostics, &loaded.files, &loaded.root))
                    }
                    Error::Io { .. } => eprintln!("wixgen: {e}"),
                }
                return Err(e);
            }
        };
        if self.deny_warnings && loaded.warning_count() > 0 {
            eprint!("{}", loaded.render_diagnostics());
            eprintln!("wixgen: {} warning(s) in {}, denied by Builder::deny_warnings; nothing written", loaded.warning_count(), loaded.root);
            return Err(Error::Warnings(Box::new(loaded)));
        }
        if !self.quiet {
            for d in &loaded.diagnostics {
                println!("cargo:warning={d}");
            }
        }
        generate::write(&out_dir, &output, None).map_err(|error| Error::Io { path: out_dir.clone(), error })?;
        let Layout::SingleFile { file } = &settings.layout else { unreachable!("the builder writes one file") };
        Ok(out_dir.join(file))
    }
}

/// Every `.md` file below `dir`, sorted.
fn spec_pages(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
