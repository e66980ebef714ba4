//! The crate of shared ID types a crate written by `wixgen generate` re-exports, so that
//! an ID read through it is the very type another API's crate takes (a generated
//! Contacts crate's `ContactId` is `wix_ids::ContactId`, which `wix-inbox` takes).
//!
//! Which crate: the one `wixgen.toml` names (`[ids-crate] path = "..."`, relative to the
//! file; `path = false` for none), else `wix-ids` of the checkout the runtime belongs to
//! (`<runtime>/../generated/ids`), if it is there. What it declares is read from its
//! sources: every ID type declared with the runtime's `guid_id!` or `string_id!`
//! (`pub struct ContactId;`, kind `Contact`), whether it is decode-only, and which
//! literal macros (`contact_id!`) it exports. The bindings re-export the kinds it
//! declares and declare the others themselves.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use proc_macro2::TokenTree;

use crate::diag::SourceFile;
use crate::emit::naming::snake;
use crate::overrides::{self, IdsCrateChoice};
use crate::settings::IdsCrate;

/// The IDs crate for the pages in `specs`, whose bindings depend on the runtime at
/// `runtime`: `Ok(None)` when there is none to use.
///
/// # Errors
///
/// The crate `wixgen.toml` names cannot be read, or declares no ID type.
pub fn choose(specs: &Path, runtime: &Path) -> Result<Option<IdsCrate>, String> {
    let settings = specs.join(overrides::FILE_NAME);
    let choice = match std::fs::read_to_string(&settings) {
        Ok(text) => overrides::parse(&SourceFile::new(overrides::FILE_NAME, text)).0.ids_crate,
        Err(_) => None,
    };
    match choice {
        Some(IdsCrateChoice::None) => Ok(None),
        Some(IdsCrateChoice::Path(path, source)) => {
            let dir = specs.join(&path);
            let found = scan(&dir).map_err(|e| format!("{}:{}: `[ids-crate] path = \"{path}\"`: {e}", settings.display(), source.line))?;
            if found.kinds.is_empty() {
                return Err(format!(
                    "{}: `[ids-crate] path = \"{path}\"` declares no ID type (`guid_id!` or `string_id!` of wixgen-runtime)",
                    settings.display()
                ));
            }
            Ok(Some(found))
        }
        // The checkout's own shared crate, when the runtime is a checkout's.
        None => {
            let beside = runtime.join("../generated/ids");
            if !beside.join("Cargo.toml").is_file() {
                return Ok(None);
            }
            scan(&beside).map(Some)
        }
    }
}

/// Reads the crate at `dir`: its package name and the ID types its sources declare.
///
/// # Errors
///
/// No `Cargo.toml` with a package name, or a source file that cannot be read.
pub fn scan(dir: &Path) -> Result<IdsCrate, String> {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| format!("{}: {}", manifest.display(), e.message()))?;
    let package = table
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .ok_or_else(|| format!("{}: no `[package] name`", manifest.display()))?
        .to_string();
    let dir = dir.canonicalize().map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut declared = Declared::default();
    for file in rust_files(&dir.join("src")).map_err(|e| format!("{}: {e}", dir.join("src").display()))? {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        // A file that does not parse declares nothing this reader can see.
        if let Ok(parsed) = syn::parse_file(&text) {
            declared.read(&parsed.items);
        }
    }
    // A kind without its literal macro there (decode-only, or not a GUID) gets none here.
    let decode_only = declared
        .kinds
        .iter()
        .filter(|k| declared.decode_only.contains(*k) || !declared.macros.contains(&snake(&format!("{k}Id"))))
        .cloned()
        .collect();
    Ok(IdsCrate { package, dir, kinds: declared.kinds, decode_only })
}

/// What the sources of an IDs crate declare.
#[derive(Default)]
struct Declared {
    kinds: BTreeSet<String>,
    decode_only: BTreeSet<String>,
    macros: BTreeSet<String>,
}

impl Declared {
    fn read(&mut self, items: &[syn::Item]) {
        for item in items {
            match item {
                syn::Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        self.read(inner);
                    }
                }
                syn::Item::Macro(m) => {
                    if let Some(name) = &m.ident {
                        if m.mac.path.is_ident("macro_rules") {
                            self.macros.insert(name.to_string());
                        }
                        continue;
                    }
                    let Some(last) = m.mac.path.segments.last().map(|s| s.ident.to_string()) else { continue };
                    if last != "guid_id" && last != "string_id" {
                        continue;
                    }
                    let tokens: Vec<TokenTree> = m.mac.tokens.clone().into_iter().collect();
                    let decode_only = matches!(tokens.as_slice(), [TokenTree::Punct(p), TokenTree::Ident(i), ..] if p.as_char() == '@' && i == "decode_only");
                    let rest = if decode_only { &tokens[2..] } else { &tokens[..] };
                    let Ok(syn::Item::Struct(s)) = syn::parse2::<syn::Item>(rest.iter().cloned().collect()) else { continue };
                    let name = s.ident.to_string();
                    let Some(kind) = name.strip_suffix("Id").filter(|k| !k.is_empty()) else { continue };
                    self.kinds.insert(kind.to_string());
                    if decode_only {
                        self.decode_only.insert(kind.to_string());
                    }
                }
                _ => {}
            }
        }
    }
}

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, file: &str, text: &str) {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_crate_declares_its_kinds_macros_and_decode_only_ones() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "Cargo.toml", "[package]\nname = \"garden-ids\"\nversion = \"0.1.0\"\n");
        write(
            dir.path(),
            "src/lib.rs",
            "mod ids;\npub use ids::*;\nwixgen_runtime::string_id! { /// A bed.\n pub struct BedId; }\n",
        );
        write(
            dir.path(),
            "src/ids.rs",
            "wixgen_runtime::guid_id! { pub struct PlantId; }\n\
             wixgen_runtime::guid_id! { @decode_only pub struct VisitorId; }\n\
             #[macro_export] macro_rules! plant_id { ($($t:tt)*) => {}; }\n\
             pub struct NotAnId;\n",
        );
        let found = scan(dir.path()).unwrap();
        assert_eq!(found.package, "garden-ids");
        assert_eq!(found.path(), "::garden_ids");
        assert_eq!(found.kinds.iter().map(String::as_str).collect::<Vec<_>>(), ["Bed", "Plant", "Visitor"]);
        // No `bed_id!` (a string ID), and the visitor's is decode-only.
        assert_eq!(found.decode_only.iter().map(String::as_str).collect::<Vec<_>>(), ["Bed", "Visitor"]);
    }

    #[test]
    fn the_settings_file_chooses_a_crate_or_none_and_else_wix_ids_beside_the_runtime() {
        let checkout = tempfile::tempdir().unwrap();
        let runtime = checkout.path().join("runtime");
        std::fs::create_dir_all(&runtime).unwrap();
        let specs = checkout.path().join("pages");
        std::fs::create_dir_all(&specs).unwrap();
        // No shared crate anywhere: none.
        assert_eq!(choose(&specs, &runtime).unwrap(), None);
        // `wix-ids` beside the runtime.
        let ids = checkout.path().join("generated/ids");
        write(&ids, "Cargo.toml", "[package]\nname = \"wix-ids\"\n");
        write(&ids, "src/lib.rs", "wixgen_runtime::guid_id! { pub struct ContactId; }\n");
        assert_eq!(choose(&specs, &runtime).unwrap().map(|c| c.package).as_deref(), Some("wix-ids"));
        // The user's own.
        let mine = checkout.path().join("mine");
        write(&mine, "Cargo.toml", "[package]\nname = \"my-ids\"\n");
        write(&mine, "src/lib.rs", "wixgen_runtime::guid_id! { pub struct BookingId; }\n");
        write(&specs, "wixgen.toml", "[ids-crate]\npath = \"../mine\"\n");
        let chosen = choose(&specs, &runtime).unwrap().unwrap();
        assert_eq!((chosen.package.as_str(), chosen.kinds.len()), ("my-ids", 1));
        // None at all.
        write(&specs, "wixgen.toml", "[ids-crate]\npath = false\n");
        assert_eq!(choose(&specs, &runtime).unwrap(), None);
        // A path to nothing is an error naming the file.
        write(&specs, "wixgen.toml", "[ids-crate]\npath = \"../nowhere\"\n");
        let e = choose(&specs, &runtime).unwrap_err();
        assert!(e.contains("wixgen.toml:2") && e.contains("nowhere"), "{e}");
    }
}
