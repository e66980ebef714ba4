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

/// Whether a part of the bindings beyond the types (the typed client, the webhook
/// decoding) is generated, and behind what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Not generated.
    Off,
    /// Generated and always compiled: the crate depends on the runtime with the feature
    /// the part needs.
    Always,
    /// Generated behind the crate's cargo feature of this name (`client`, `webhooks`),
    /// which turns on the runtime's feature of the same name.
    Feature(String),
}

impl Gate {
    /// The `#[cfg(...)]` attribute the part is generated under, if any; `None` when
    /// it is not generated at all.
    pub fn cfg(&self) -> Option<Option<&str>> {
        match self {
            Gate::Off => None,
            Gate::Always => Some(None),
            Gate::Feature(name) => Some(Some(name)),
        }
    }
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
    /// The kinds the shared ID crate declares (`Contact` for `ContactId`), when it does
    /// not declare every kind of the API: the others are declared here. `None`: all.
    pub shared_id_kinds: Option<std::collections::BTreeSet<String>>,
    /// The typed client (`<Api>Client` in a module `client`): generated behind the
    /// feature `client` by default, not at all for a build script unless asked.
    pub client: Gate,
    /// The webhook decoding (a module `webhook`): behind the feature `webhooks` by default.
    pub webhooks: Gate,
    /// The API's name (`contacts`), which names its client type (`ContactsClient`) and
    /// the span its calls run in (`wix_contacts.call`). `None`: the spec directory's name.
    pub api_name: Option<String>,
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
    /// The crate of shared ID types the bindings re-export, as the manifest's path
    /// dependency names it; `None` when the crate declares every ID type itself.
    pub ids: Option<IdsCrate>,
}

/// A crate of ID types shared by several APIs' bindings (`wix-ids`, or one of the
/// user's own): what a generated crate depends on to re-export them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdsCrate {
    /// Its package name (`wix-ids`); the generated code names it `::wix_ids`.
    pub package: String,
    /// Its directory.
    pub dir: PathBuf,
    /// The kinds it declares (`Contact` for `ContactId`).
    pub kinds: std::collections::BTreeSet<String>,
    /// The kinds it declares without constructors (values only from decoding).
    pub decode_only: std::collections::BTreeSet<String>,
}

impl IdsCrate {
    /// The path generated code names the crate by: `::wix_ids` for `wix-ids`.
    pub fn path(&self) -> String {
        format!("::{}", self.package.replace('-', "_"))
    }
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
            shared_id_kinds: None,
            client: Gate::Feature("client".into()),
            webhooks: Gate::Feature("webhooks".into()),
            api_name: None,
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
    /// fields and the event decoder name). The client and the webhook decoding are
    /// off: a crate that wants them turns them on ([`Gate::Always`]) and depends on the
    /// runtime with its features `client` and `webhooks`.
    pub fn build_script(out_dir: impl Into<PathBuf>, file: impl Into<String>) -> Self {
        Self::default()
            .with_out_dir(out_dir)
            .with_layout(Layout::SingleFile { file: file.into() })
            .with_runtime_path("::wixgen_runtime")
            .with_serde_path("::wixgen_runtime::__private::serde")
            .with_client(Gate::Off)
            .with_webhooks(Gate::Off)
    }

    /// Writes a complete crate named `name` at the output directory, depending on the
    /// runtime at `runtime_dir` by path. Its API is named after the crate (`wix-bookings`:
    /// `bookings`, so `BookingsClient`) unless [`Settings::with_api_name`] says otherwise.
    pub fn with_standalone_crate(mut self, name: impl Into<String>, runtime_dir: impl Into<PathBuf>) -> Self {
        let name = name.into();
        if self.api_name.is_none() {
            self.api_name = Some(name.strip_prefix("wix-").unwrap_or(&name).to_string());
        }
        self.doc_crate = Some(name.replace('-', "_"));
        self.standalone = Some(Standalone { name, runtime_dir: runtime_dir.into(), ids: None });
        self
    }

    /// Names the crate whose root re-exports the bindings (`wix-contacts` or
    /// `wix_contacts`), for the doc examples (see [`Settings::doc_crate`]).
    pub fn with_doc_crate(mut self, name: impl Into<String>) -> Self {
        self.doc_crate = Some(name.into().replace('-', "_"));
        self
    }

    /// Re-exports the ID types the crate `ids` declares instead of declaring them (the
    /// others are declared as usual); a standalone crate depends on it by path.
    pub fn with_ids_crate(mut self, ids: IdsCrate) -> Self {
        self.shared_ids = Some(ids.path());
        self.shared_id_kinds = Some(ids.kinds.clone());
        self.decode_only_ids.extend(ids.decode_only.iter().cloned());
        if let Some(standalone) = &mut self.standalone {
            standalone.ids = Some(ids);
        }
        self
    }

    /// Whether the ID kind `kind` comes from the shared ID crate.
    pub fn shares_id(&self, kind: &str) -> bool {
        self.shared_ids.is_some() && self.shared_id_kinds.as_ref().is_none_or(|k| k.contains(kind))
    }

    /// The typed client: generated behind a feature, always, or not at all.
    pub fn with_client(mut self, gate: Gate) -> Self {
        self.client = gate;
        self
    }

    /// The webhook decoding: generated behind a feature, always, or not at all.
    pub fn with_webhooks(mut self, gate: Gate) -> Self {
        self.webhooks = gate;
        self
    }

    /// The API's name (`contacts`): its client type is `ContactsClient`.
    pub fn with_api_name(mut self, name: impl Into<String>) -> Self {
        self.api_name = Some(name.into());
        self
    }

    /// The API's name: [`Settings::api_name`], else the spec directory's name.
    pub fn api_name(&self) -> String {
        self.api_name.clone().unwrap_or_else(|| {
            self.spec_dir.file_name().map(|n| n.to_string_lossy().into_owned()).filter(|n| !n.is_empty()).unwrap_or_else(|| "api".into())
        })
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
