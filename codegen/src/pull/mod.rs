//! `wixgen pull`: fetch an API's pages from Wix's docs into a folder of `specs/`, pin them
//! in a lock file, and tell what changed since, in pages and in the generated API.
//!
//! A pull starts from any docs URL (a menu page or a single page), fetches its markdown
//! rendition (the URL with `.md`), and when it is a menu, follows its links recursively,
//! staying on the start URL's host and under its path ([`scope`]); every link is fetched
//! once, however often it appears. Each page is saved under the target folder at its
//! path below the start URL (the start page itself is `menu.md`), and the folder's lock
//! file ([`lock`]) records each page's URL, SHA-256 and fetch time.
//!
//! Nothing is half-done: the pages are fetched into memory and the folder replaced as a
//! whole only when every page arrived ([`stage`]); on failure the folder is as it was and
//! the error names the URL and why. The network behaviour is [`fetch`]'s.

pub mod fetch;
pub mod lock;
pub mod progress;
pub mod scope;
pub mod stage;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::SystemTime;

use tokio::task::JoinSet;
use url::Url;

pub use fetch::{FetchError, Options, RateLimiter, RequestRecord, USER_AGENT};
use lock::{Lock, LockedPage};
pub use progress::ProgressMode;
use progress::Progress;
use scope::{OutOfScope, Scope};

use crate::diag::SourceFile;
use crate::ir::PageKind;
use crate::settings::Settings;

/// Why a pull did nothing.
#[derive(Debug)]
pub enum PullError {
    /// The command was asked something it cannot do (no URL, a URL that is not one, a
    /// folder pulled from elsewhere).
    Usage(String),
    /// A page could not be fetched.
    Fetch(FetchError),
    /// The folder could not be read or written.
    Io { path: PathBuf, error: std::io::Error },
    Other(String),
}

impl fmt::Display for PullError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PullError::Usage(s) | PullError::Other(s) => f.write_str(s),
            PullError::Fetch(e) => write!(f, "fetching {} failed: {}", e.url, e.reason),
            PullError::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for PullError {}

/// One page as fetched.
#[derive(Clone, Debug)]
pub struct Page {
    /// The URL fetched: the page's `.md` rendition.
    pub url: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub fetched: SystemTime,
    /// A menu page (its links were followed).
    pub menu: bool,
}

/// What a crawl brought back.
#[derive(Clone, Debug)]
pub struct Pulled {
    pub scope: Scope,
    /// By path relative to the target folder.
    pub pages: BTreeMap<String, Page>,
    /// Links not followed (first spelling seen), and why.
    pub skipped: Vec<(String, OutOfScope)>,
    /// Every request made, retries included, in the order they finished.
    pub requests: Vec<RequestRecord>,
}

/// The links of a page, if it is a menu.
fn menu_links(name: &str, bytes: &[u8]) -> Option<Vec<String>> {
    let text = String::from_utf8_lossy(bytes);
    let file = SourceFile::new(name, text.into_owned());
    let (page, _) = crate::parse::page::parse_page(&file);
    match page {
        Some(p) if p.kind == PageKind::Menu => match p.body {
            crate::parse::page::PageBody::Menu(entries) => Some(entries.into_iter().map(|e| e.url).collect()),
            _ => Some(Vec::new()),
        },
        _ => None,
    }
}

/// Fetches the page at `start` and, if it is a menu, every page its links lead to within
/// its scope, recursively. Writes nothing. Fails at the first page that cannot be
/// fetched (after its retries), stopping the others.
pub async fn fetch_pages(start: &str, options: &Options, mode: ProgressMode) -> Result<Pulled, PullError> {
    let scope = Scope::new(start).map_err(PullError::Usage)?;
    let progress = Arc::new(Progress::new(mode));
    let fetcher = Arc::new(fetch::Fetcher::new(options.clone(), progress.clone()).map_err(PullError::Other)?);
    let mut seen: BTreeSet<Url> = BTreeSet::from([scope.start.clone()]);
    let mut skipped: BTreeMap<String, (String, OutOfScope)> = BTreeMap::new();
    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    let mut tasks = JoinSet::new();
    let spawn = |tasks: &mut JoinSet<_>, page: Url| {
        let fetcher = fetcher.clone();
        tasks.spawn(async move {
            let md = scope::markdown_url(&page);
            let result = fetcher.fetch(&md).await;
            (page, md, result)
        });
    };
    spawn(&mut tasks, scope.start.clone());
    progress.found(1);
    let result = loop {
        let Some(joined) = tasks.join_next().await else { break Ok(()) };
        let (page, md, result) = match joined {
            Ok(x) => x,
            Err(e) => break Err(PullError::Other(format!("a fetch task failed: {e}"))),
        };
        let fetched = match result {
            Ok(f) => f,
            Err(e) => break Err(PullError::Fetch(e)),
        };
        let links = menu_links(md.path(), &fetched.bytes);
        for link in links.iter().flatten() {
            match scope.resolve(&md, link) {
                Ok(url) => {
                    if seen.insert(url.clone()) {
                        progress.found(1);
                        spawn(&mut tasks, url);
                    }
                }
                Err(why) => {
                    let key = url::Url::parse(link).map(|u| scope::canonical(u).to_string()).unwrap_or_else(|_| link.clone());
                    skipped.entry(key).or_insert_with(|| (link.clone(), why));
                }
            }
        }
        let rel = scope.relative_path(&page, links.is_some());
        progress.fetched(md.as_str(), fetched.bytes.len());
        if let Some(other) = pages.get(&rel) {
            break Err(PullError::Other(format!("{} and {} would both be saved as {rel}", other.url, md)));
        }
        let sha256 = lock::sha256(&fetched.bytes);
        pages.insert(rel, Page { url: md.to_string(), sha256, bytes: fetched.bytes, fetched: fetched.fetched_at, menu: links.is_some() });
    };
    tasks.abort_all();
    progress.finish();
    result?;
    Ok(Pulled { scope, pages, skipped: skipped.into_values().collect(), requests: fetcher.requests() })
}

/// What applying a pull to a folder changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub target: PathBuf,
    /// Pages whose bytes differ from the lock (or, with no lock, from the file on disk).
    pub changed: Vec<String>,
    /// Pages the lock does not list (with no lock: not on disk).
    pub added: Vec<String>,
    /// Pages the lock lists that the docs no longer have: deleted by an update.
    pub removed: Vec<String>,
    pub unchanged: Vec<String>,
    /// Pages whose file differs from its lock entry: edited here; an update restores them.
    pub edited_locally: Vec<String>,
    /// With no lock: `.md` files of the folder the pull did not bring (kept).
    pub not_pulled: Vec<String>,
    /// The lock file after the pull.
    pub lock: Lock,
    /// The lock file before, if any.
    pub old_lock: Option<Lock>,
}

impl Plan {
    /// The docs give what the lock says.
    pub fn is_current(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    /// Applying would change nothing on disk.
    pub fn is_noop(&self) -> bool {
        self.is_current() && self.edited_locally.is_empty() && self.old_lock.as_ref() == Some(&self.lock)
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> PullError + '_ {
    move |error| PullError::Io { path: path.to_path_buf(), error }
}

/// Compares a crawl with the folder `target`: its lock file, else its files.
pub fn plan(target: &Path, pulled: &Pulled) -> Result<Plan, PullError> {
    let old_lock = Lock::read(target).map_err(PullError::Other)?;
    let on_disk = |rel: &str| std::fs::read(target.join(rel)).ok().map(|b| lock::sha256(&b));
    let baseline: BTreeMap<String, String> = match &old_lock {
        Some(l) => l.pages.iter().map(|p| (p.path.clone(), p.sha256.clone())).collect(),
        None => stage::files_below(target)
            .map_err(io_err(target))?
            .into_iter()
            .filter(|f| f.ends_with(".md"))
            .filter_map(|f| on_disk(&f).map(|h| (f, h)))
            .collect(),
    };
    let mut plan = Plan {
        target: target.to_path_buf(),
        changed: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
        unchanged: Vec::new(),
        edited_locally: Vec::new(),
        not_pulled: Vec::new(),
        lock: Lock { version: 1, source: pulled.scope.start.to_string(), pages: Vec::new() },
        old_lock: old_lock.clone(),
    };
    for (rel, page) in &pulled.pages {
        let old = baseline.get(rel);
        match old {
            None => plan.added.push(rel.clone()),
            Some(h) if *h != page.sha256 => plan.changed.push(rel.clone()),
            Some(_) => plan.unchanged.push(rel.clone()),
        }
        let fetched = match old_lock.as_ref().and_then(|l| l.page(rel)) {
            Some(p) if p.sha256 == page.sha256 => p.fetched.clone(),
            _ => lock::rfc3339(page.fetched),
        };
        plan.lock.pages.push(LockedPage { path: rel.clone(), url: page.url.clone(), sha256: page.sha256.clone(), fetched });
    }
    for rel in baseline.keys().filter(|r| !pulled.pages.contains_key(*r)) {
        if old_lock.is_some() {
            plan.removed.push(rel.clone());
        } else {
            plan.not_pulled.push(rel.clone());
        }
    }
    if let Some(l) = &old_lock {
        for p in &l.pages {
            if on_disk(&p.path).is_some_and(|h| h != p.sha256) {
                plan.edited_locally.push(p.path.clone());
            }
        }
    }
    Ok(plan)
}

/// Writes a pull into its folder, all at once: the pages, the lock file, and the pages
/// the lock listed that the docs no longer have removed. Other files of the folder
/// (`wixgen.toml`, pages written by hand) stay.
pub fn apply(plan: &Plan, pulled: &Pulled) -> Result<(), PullError> {
    if plan.is_noop() {
        return Ok(());
    }
    let mut write: BTreeMap<String, Vec<u8>> = pulled.pages.iter().map(|(rel, p)| (rel.clone(), p.bytes.clone())).collect();
    write.insert(lock::FILE_NAME.to_string(), plan.lock.to_text().into_bytes());
    let remove: BTreeSet<String> = plan.removed.iter().cloned().collect();
    stage::replace(&plan.target, &write, &remove).map_err(io_err(&plan.target))
}

/// Fetches `start` into `target` (see the module docs): the plan applied.
pub async fn pull(start: &str, target: &Path, options: &Options, mode: ProgressMode) -> Result<(Pulled, Plan), PullError> {
    check_source(target, start)?;
    let pulled = fetch_pages(start, options, mode).await?;
    let plan = plan(target, &pulled)?;
    apply(&plan, &pulled)?;
    Ok((pulled, plan))
}

/// Fetches `start` again and compares it with `target`, writing nothing.
pub async fn check(start: &str, target: &Path, options: &Options, mode: ProgressMode) -> Result<(Pulled, Plan), PullError> {
    check_source(target, start)?;
    let pulled = fetch_pages(start, options, mode).await?;
    let plan = plan(target, &pulled)?;
    Ok((pulled, plan))
}

/// A folder pulled from one URL is not refreshed from another.
fn check_source(target: &Path, start: &str) -> Result<(), PullError> {
    let scope = Scope::new(start).map_err(PullError::Usage)?;
    if let Some(lock) = Lock::read(target).map_err(PullError::Other)? {
        let locked = Scope::new(&lock.source).map(|s| s.start);
        if locked.as_ref() != Ok(&scope.start) {
            return Err(PullError::Usage(format!(
                "{} was pulled from {}, not {}: pull into another folder (--into), or remove its {}",
                target.display(),
                lock.source,
                scope.start,
                lock::FILE_NAME
            )));
        }
    }
    Ok(())
}

/// The pages `target` would hold after `plan`: its files now, with the pull applied.
fn prospective_sources(plan: &Plan, pulled: &Pulled) -> Vec<SourceFile> {
    let mut files: BTreeMap<String, String> = match crate::load::load_dir(&plan.target) {
        Ok((files, _)) => files.into_iter().map(|f| (f.name, f.text)).collect(),
        Err(_) => BTreeMap::new(),
    };
    for rel in &plan.removed {
        files.remove(rel);
    }
    for (rel, page) in &pulled.pages {
        files.insert(rel.clone(), String::from_utf8_lossy(&page.bytes).into_owned());
    }
    files.into_iter().map(|(name, text)| SourceFile::new(name, text)).collect()
}

/// The nearest directory above `dir` holding a `Cargo.toml` and a `specs/` directory.
fn checkout_of(dir: &Path) -> Option<PathBuf> {
    let abs = if dir.is_absolute() { dir.to_path_buf() } else { std::env::current_dir().ok()?.join(dir) };
    abs.ancestors().skip(1).find(|d| d.join("Cargo.toml").is_file() && d.join("specs").is_dir()).map(Path::to_path_buf)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| match (p.parent().and_then(|d| d.canonicalize().ok()), p.file_name()) {
        (Some(parent), Some(name)) => Some(parent.join(name)),
        _ => p.canonicalize().ok(),
    };
    canon(a).is_some() && canon(a) == canon(b)
}

/// What the pull does to the generated API: the bindings generated from the folder as
/// the pull leaves it, compared with the crate checked in for it (and with the shared ID
/// crate), as `cargo run -p wixgen` would regenerate them.
pub fn api_report(plan: &Plan, pulled: &Pulled) -> String {
    let target = &plan.target;
    let Some(root) = checkout_of(target) else {
        return format!("note: {} is in no checkout (a Cargo.toml beside a specs/ folder): no generated API to compare with\n", target.display());
    };
    let (targets, _, ids_dir) = crate::workspace::targets(&root);
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(this) = targets.iter().find(|t| same_dir(&t.spec_dir, target)) else {
        return format!(
            "note: no bindings crate named `wix-{name}` under {}: no generated API to compare with (`wixgen generate {}` writes one)\n",
            root.join("generated").display(),
            target.display()
        );
    };
    let mut loaded = crate::read_sources(prospective_sources(plan, pulled));
    loaded.root = target.display().to_string();
    if loaded.has_errors() {
        return format!(
            "warning: the pages have {} error(s) (`wixgen check {}` shows them): no API report\n",
            loaded.error_count(),
            target.display()
        );
    }
    let mut out = String::new();
    let mut settings = Settings::default().with_spec_dir(target).with_out_dir(&this.out_dir);
    if ids_dir.is_some() {
        settings = settings.with_shared_ids(crate::workspace::SHARED_IDS_PATH);
    }
    match crate::emit::emit(&loaded.api, &settings) {
        Ok(output) => out.push_str(&crate::api_diff::report_for(&this.out_dir, &output, settings.managed_dir())),
        Err(diags) => out.push_str(&format!("warning: cannot generate bindings from the pages ({} problem(s)): no API report\n", diags.len())),
    }
    // The ID types every API shares, with this API's pages as pulled.
    if let Some(ids_dir) = ids_dir {
        let mut others = Vec::new();
        for t in &targets {
            if t.api == this.api {
                continue;
            }
            match crate::read_specs(&t.spec_dir) {
                Ok(l) if !l.has_errors() => others.push((t.api.clone(), l)),
                _ => return out,
            }
        }
        let mut apis: Vec<(&str, &crate::ir::Api)> = others.iter().map(|(n, l)| (n.as_str(), &l.api)).collect();
        apis.push((this.api.as_str(), &loaded.api));
        apis.sort_by_key(|(n, _)| *n);
        let settings = Settings::default().with_spec_dir(root.join("specs")).with_out_dir(&ids_dir).with_module_doc(
            "The ID types of every API, generated from their reference pages: one type per kind of entity, shared by the APIs' crates.",
        );
        if let Ok(output) = crate::emit::emit_shared_ids(&apis, &settings) {
            out.push_str(&crate::api_diff::report_for(&ids_dir, &output, settings.managed_dir()));
        }
    }
    out
}

/// What `wixgen pull` was asked.
#[derive(Clone, Debug, Default)]
pub struct Command {
    /// The docs URL; with none, the one each folder's lock file names.
    pub url: Option<String>,
    /// The folder; with none, `specs/<last segment of the URL>` of the checkout, or with
    /// `--check`/`--update` and no URL, every folder of `specs/` with a lock file.
    pub into: Option<PathBuf>,
    pub check: bool,
    pub update: bool,
    pub options: Options,
    pub progress: ProgressMode,
}

/// The folders and URLs a command works on.
fn jobs(cmd: &Command, workspace: &Path) -> Result<Vec<(PathBuf, String)>, PullError> {
    let source_of = |dir: &Path| -> Result<String, PullError> {
        match Lock::read(dir).map_err(PullError::Other)? {
            Some(lock) => Ok(lock.source),
            None => Err(PullError::Usage(format!("{} has no {}: give the docs URL to pull from", dir.display(), lock::FILE_NAME))),
        }
    };
    match (&cmd.url, &cmd.into) {
        (Some(url), Some(dir)) => Ok(vec![(dir.clone(), url.clone())]),
        (Some(url), None) => {
            let scope = Scope::new(url).map_err(PullError::Usage)?;
            Ok(vec![(workspace.join("specs").join(scope.default_folder()), url.clone())])
        }
        (None, Some(dir)) => Ok(vec![(dir.clone(), source_of(dir)?)]),
        (None, None) if cmd.check || cmd.update => {
            let mut dirs: Vec<PathBuf> = std::fs::read_dir(workspace.join("specs"))
                .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join(lock::FILE_NAME).is_file()).collect())
                .unwrap_or_default();
            dirs.sort();
            if dirs.is_empty() {
                return Err(PullError::Usage(format!(
                    "no folder of {} has a {}: give the docs URL to pull from",
                    workspace.join("specs").display(),
                    lock::FILE_NAME
                )));
            }
            dirs.into_iter().map(|d| source_of(&d).map(|s| (d, s))).collect()
        }
        (None, None) => Err(PullError::Usage("give the docs URL to pull from (`wixgen pull https://dev.wix.com/docs/...`)".into())),
    }
}

/// The page changes, one a line.
fn describe_plan(plan: &Plan, check: bool) -> String {
    let mut out = String::new();
    for (what, list) in [("changed", &plan.changed), ("added", &plan.added), ("removed", &plan.removed)] {
        for rel in list {
            out.push_str(&format!("  {what}: {rel}\n"));
        }
    }
    for rel in &plan.edited_locally {
        let what = if check { "differs from its lock entry (edited here)" } else { "had been edited here; restored as fetched" };
        out.push_str(&format!("  note: {rel} {what}\n"));
    }
    for rel in &plan.not_pulled {
        out.push_str(&format!("  kept: {rel} (not from the docs)\n"));
    }
    out
}

fn skipped_summary(pulled: &Pulled) -> Option<String> {
    if pulled.skipped.is_empty() {
        return None;
    }
    let count = |w: OutOfScope| pulled.skipped.iter().filter(|(_, why)| *why == w).count();
    let mut parts = Vec::new();
    for w in [OutOfScope::OutsidePrefix, OutOfScope::OtherHost, OutOfScope::NotWeb] {
        let n = count(w);
        if n > 0 {
            parts.push(format!("{n} {w}"));
        }
    }
    let example = &pulled.skipped[0].0;
    Some(format!("not followed: {} link(s): {} (such as {example})", pulled.skipped.len(), parts.join(", ")))
}

/// `wixgen pull`: what the command does, as a function. `workspace` is the checkout the
/// default folders are in.
pub fn run(cmd: &Command, workspace: &Path) -> ExitCode {
    let jobs = match jobs(cmd, workspace) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut code = ExitCode::SUCCESS;
    for (target, url) in jobs {
        let result = runtime.block_on(async {
            if cmd.check {
                check(&url, &target, &cmd.options, cmd.progress).await
            } else {
                pull(&url, &target, &cmd.options, cmd.progress).await
            }
        });
        let (pulled, plan) = match result {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {e}");
                if !cmd.check {
                    eprintln!("error: nothing was written; {} is as it was", target.display());
                }
                code = ExitCode::FAILURE;
                continue;
            }
        };
        let requests = pulled.requests.len();
        let counts = format!(
            "{} changed, {} added, {} removed, {} unchanged",
            plan.changed.len(),
            plan.added.len(),
            plan.removed.len(),
            plan.unchanged.len()
        );
        if cmd.check {
            println!("checked {} page(s) of {} against {} ({requests} request(s)): {counts}", pulled.pages.len(), pulled.scope.start, target.display());
        } else {
            println!("pulled {} page(s) from {} into {} ({requests} request(s)): {counts}", pulled.pages.len(), pulled.scope.start, target.display());
        }
        print!("{}", describe_plan(&plan, cmd.check));
        if let Some(s) = skipped_summary(&pulled) {
            println!("{s}");
        }
        print!("{}", api_report(&plan, &pulled));
        if cmd.check {
            if !plan.is_current() {
                eprintln!("error: the docs changed since {} was pulled; `wixgen pull --update --into {}` fetches them", target.display(), target.display());
                code = ExitCode::FAILURE;
            }
        } else if plan.is_noop() {
            println!("{} is up to date with the docs; nothing written", target.display());
        } else {
            println!("wrote {} ({}); regenerate the bindings with `cargo run -p wixgen`", target.display(), lock::FILE_NAME);
        }
    }
    code
}
