//! [`Settings`]: everything a front end (the CLI, the build-script [`crate::Builder`],
//! later the macros) tells the generator. One struct, `with_*` setters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How the generated code is laid out in files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The checked-in crate: a module directory (`<api_dir>/mod.rs` declaring `ids`,
    /// `types`, `methods`, `events`, each in its own file and re-exported flat).
    Modules {
        /// Relative to the output directory, `/`-separated (`src/api`).
        dir: String,
    },
    /// One file with every item at its top level, for `include!` (build scripts): no inner
    /// attributes, no `mod` declarations.
    SingleFile {
        /// Relative to the output directory (`wix_inbox.rs`).
        file: String,
    },
}

/// What the generator needs to know besides the IR.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The spec directory: where pages are read from.
    pub spec_dir: PathBuf,
    /// Where files are written: the bindings crate's root (checked in) or `OUT_DIR`.
    pub out_dir: PathBuf,
    pub layout: Layout,
    /// Path of the runtime module in generated code: `crate::rt` inside `wix-inbox`,
    /// `::wixgen_runtime` for a build script's bindings.
    pub runtime_path: String,
    /// Path of the serde crate in generated code (`::serde`). Checked, but no longer
    /// written: the serde impls come from the runtime's macros, which reach serde
    /// through the runtime.
    pub serde_path: String,
    /// Path of serde_json in generated code (for `Value` and the event decoder).
    pub serde_json_path: String,
    /// Name of the enum over all webhook events.
    pub event_enum_name: String,
    /// First line of the generated module's documentation (Modules layout only).
    pub module_doc: String,
    /// Rust names forced for IR types, keyed by [`crate::ir::TypeId`] text.
    pub type_names: BTreeMap<String, String>,
    /// Write a whole crate around the bindings (`Cargo.toml`, `src/lib.rs`), as
    /// `wixgen generate` does, instead of only the generated module.
    pub standalone: Option<Standalone>,
    /// Path of a crate holding the ID types shared by several APIs (`::wix_ids`): the
    /// bindings re-export its types instead of declaring their own, so a `ContactId` from
    /// one API's crate is the `ContactId` another's takes.
    pub shared_ids: Option<String>,
    /// ID kinds that another API of the same shared ID crate says cannot be obtained
    /// (an anonymous visitor's): no literal macro is declared for them, so none is
    /// re-exported either.
    pub decode_only_ids: std::collections::BTreeSet<String>,
    /// The crate whose root re-exports the bindings (`wix_contacts`), as doc examples name
    /// it: each struct's docs then show how to build one in an example that `cargo test`
    /// compiles. `None` (a build script's bindings, whose crate is the user's): the docs
    /// say it in words only.
    pub doc_crate: Option<String>,
}

/// The crate `wixgen generate` writes around the bindings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standalone {
    /// The package name (`wix-bookings`).
    pub name: String,
    /// The `wixgen-runtime` crate's directory, as the manifest's path dependency names it.
    pub runtime_dir: PathBuf,
}

impl Default for Settings {
    /// The checked-in crate: `specs/inbox/` → `generated/inbox/src/api/`, relative to the current
    /// directory.
    fn default() -> Self {
        Settings {
            spec_dir: PathBuf::from("specs/inbox"),
            out_dir: PathBuf::from("generated/inbox"),
            layout: Layout::Modules { dir: "src/api".into() },
            runtime_path: "crate::rt".into(),
            serde_path: "::serde".into(),
            serde_json_path: "::serde_json".into(),
            event_enum_name: "WebhookEvent".into(),
            module_doc: "Types, requests and events of the API, generated from its reference pages.".into(),
            type_names: BTreeMap::new(),
            standalone: None,
            shared_ids: None,
            decode_only_ids: Default::default(),
            doc_crate: None,
        }
    }
}

impl Settings {
    pub fn new() -> Self {
        Self::default()
    }

    /// The settings of the checked-in crate under a workspace root.
    pub fn checked_in(workspace: &Path) -> Self {
        Self::default().with_spec_dir(workspace.join("specs/inbox")).with_out_dir(workspace.join("generated/inbox"))
    }

    /// The settings of a build script: one file in `out_dir`, the runtime reached as the
    /// `wixgen_runtime` crate, and serde through its re-export (so the user's crate needs
    /// no serde of its own, nor any API's crate; it needs `serde_json`, which free-JSON
    /// fields and the event decoder name).
    pub fn build_script(out_dir: impl Into<PathBuf>, file: impl Into<String>) -> Self {
        Self::default()
            .with_out_dir(out_dir)
            .with_layout(Layout::SingleFile { file: file.into() })
            .with_runtime_path("::wixgen_runtime")
            .with_serde_path("::wixgen_runtime::__private::serde")
    }

    /// Writes a complete crate named `name` at the output directory, depending on the
    /// runtime at `runtime_dir` by path.
    pub fn with_standalone_crate(mut self, name: impl Into<String>, runtime_dir: impl Into<PathBuf>) -> Self {
        let name = name.into();
        self.doc_crate = Some(name.replace('-', "_"));
        self.standalone = Some(Standalone { name, runtime_dir: runtime_dir.into() });
        self
    }

    /// Names the crate whose root re-exports the bindings (`wix-contacts` or
    /// `wix_contacts`), for the doc examples (see [`Settings::doc_crate`]).
    pub fn with_doc_crate(mut self, name: impl Into<String>) -> Self {
        self.doc_crate = Some(name.into().replace('-', "_"));
        self
    }

    /// Re-exports the ID types from the crate at `path` (`::wix_ids`) instead of declaring
    /// them.
    pub fn with_shared_ids(mut self, path: impl Into<String>) -> Self {
        self.shared_ids = Some(path.into());
        self
    }

    /// ID kinds with no constructor in the shared ID crate (see [`Settings::decode_only_ids`]).
    pub fn with_decode_only_ids(mut self, kinds: impl IntoIterator<Item = String>) -> Self {
        self.decode_only_ids = kinds.into_iter().collect();
        self
    }

    pub fn with_spec_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spec_dir = dir.into();
        self
    }
    pub fn with_out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = dir.into();
        self
    }
    pub fn with_layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }
    pub fn with_runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = path.into();
        self
    }
    pub fn with_serde_path(mut self, path: impl Into<String>) -> Self {
        self.serde_path = path.into();
        self
    }
    pub fn with_serde_json_path(mut self, path: impl Into<String>) -> Self {
        self.serde_json_path = path.into();
        self
    }
    pub fn with_event_enum_name(mut self, name: impl Into<String>) -> Self {
        self.event_enum_name = name.into();
        self
    }
    pub fn with_module_doc(mut self, doc: impl Into<String>) -> Self {
        self.module_doc = doc.into();
        self
    }
    /// Forces the Rust name of one IR type (`with_type_name("messages.IdentificationData",
    /// "Sender")`).
    pub fn with_type_name(mut self, type_id: impl Into<String>, rust_name: impl Into<String>) -> Self {
        self.type_names.insert(type_id.into(), rust_name.into());
        self
    }

    /// The directory (relative to `out_dir`) whose `.rs` files the generator owns: stale
    /// ones there are removed.
    pub fn managed_dir(&self) -> Option<&str> {
        match &self.layout {
            Layout::Modules { dir } => Some(dir),
            Layout::SingleFile { .. } => None,
        }
    }
}
