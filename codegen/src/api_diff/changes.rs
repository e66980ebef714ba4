//! Comparing two surfaces: every change, marked breaking or not.

use std::collections::{BTreeMap, BTreeSet};

use super::surface::{EnumKind, Field, Item, Shape, Surface, TypeInfo, Variant};

/// One difference between two surfaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// What changed, in words: ``field `Message.silent` (`Option<bool>`)``.
    pub what: String,
    pub breaking: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Removed,
    Renamed,
    Changed,
    Added,
}

/// Every difference, breaking ones first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiDiff {
    pub changes: Vec<Change>,
}

impl ApiDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn breaking_count(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    pub fn is_breaking(&self) -> bool {
        self.breaking_count() > 0
    }

    /// One line: `3 change(s), 1 breaking` or `no change`.
    pub fn summary(&self) -> String {
        match (self.changes.len(), self.breaking_count()) {
            (0, _) => "no change".to_string(),
            (n, 0) => format!("{n} change(s), none breaking"),
            (n, b) => format!("{n} change(s), {b} breaking"),
        }
    }

    /// Whether `what` (a substring of a change's description) is among the changes, and
    /// if so whether it is breaking: for tests.
    pub fn find(&self, what: &str) -> Option<&Change> {
        self.changes.iter().find(|c| c.what.contains(what))
    }
}

struct Diff {
    changes: Vec<Change>,
}

impl Diff {
    fn push(&mut self, kind: ChangeKind, what: String, breaking: bool) {
        self.changes.push(Change { kind, what, breaking });
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &Surface, new: &Surface) -> ApiDiff {
    let mut d = Diff { changes: Vec::new() };
    let removed: Vec<&String> = old.items.keys().filter(|k| !new.items.contains_key(*k)).collect();
    let added: Vec<&String> = new.items.keys().filter(|k| !old.items.contains_key(*k)).collect();

    // Renames: a removed item and an added one of the same shape, each the only match.
    let mut renamed: BTreeMap<&String, &String> = BTreeMap::new();
    for r in &removed {
        let Some(Item::Type(ro)) = old.items.get(*r) else { continue };
        let matches: Vec<&&String> = added.iter().filter(|a| matches!(new.items.get(**a), Some(Item::Type(an)) if same_shape(ro, an))).collect();
        if let [a] = matches.as_slice() {
            let back = removed.iter().filter(|r2| matches!(old.items.get(**r2), Some(Item::Type(o2)) if matches!(new.items.get(**a), Some(Item::Type(an)) if same_shape(o2, an)))).count();
            if back == 1 {
                renamed.insert(r, a);
            }
        }
    }
    let renamed_to: BTreeSet<&String> = renamed.values().copied().collect();

    for r in &removed {
        let item = &old.items[*r];
        match renamed.get(r) {
            Some(to) => d.push(ChangeKind::Renamed, format!("{} `{r}` → `{to}`", category(item)), true),
            None => d.push(ChangeKind::Removed, describe(r, item), true),
        }
    }
    for a in added.iter().filter(|a| !renamed_to.contains(*a)) {
        d.push(ChangeKind::Added, describe(a, &new.items[*a]), false);
    }
    for (name, o) in &old.items {
        let Some(n) = new.items.get(name) else { continue };
        compare_item(&mut d, name, o, n);
    }
    // Renamed types' impls and fields are compared too, under the new name.
    for (from, to) in &renamed {
        compare_item(&mut d, to, &old.items[*from], &new.items[*to]);
    }
    let mut changes = d.changes;
    changes.sort_by(|a, b| (!a.breaking, a.kind, &a.what).cmp(&(!b.breaking, b.kind, &b.what)));
    changes.dedup();
    ApiDiff { changes }
}

fn same_shape(a: &TypeInfo, b: &TypeInfo) -> bool {
    a.shape == b.shape && a.ctor == b.ctor && a.methods == b.methods && a.event == b.event
}

fn category(item: &Item) -> &'static str {
    match item {
        Item::Type(t) => match &t.shape {
            Shape::Unit | Shape::Struct(_) if t.request.is_some() => "request",
            Shape::Unit | Shape::Struct(_) if t.event.is_some() => "event",
            Shape::Unit | Shape::Struct(_) => "struct",
            Shape::Enum { kind: EnumKind::Values, .. } => "enum",
            Shape::Enum { kind: EnumKind::OneOf, .. } => "one-of group",
            Shape::Enum { kind: EnumKind::Plain, .. } => "enum",
            Shape::Id { .. } => "ID type",
        },
        Item::Reexport(_) => "re-export",
        Item::Macro => "macro",
        Item::Other(_) => "item",
    }
}

fn describe(name: &str, item: &Item) -> String {
    let cat = category(item);
    match item {
        Item::Type(TypeInfo { request: Some(r), .. }) => format!("method `{}` ({} {}, request `{name}`)", r.name, r.verb, r.path),
        Item::Type(TypeInfo { event: Some(e), .. }) => format!("event `{name}` (`{e}`)"),
        Item::Reexport(path) => format!("re-export `{name}` (`{path}`)"),
        Item::Other(sig) => format!("`{sig}`"),
        _ => format!("{cat} `{name}`"),
    }
}

fn compare_item(d: &mut Diff, name: &str, old: &Item, new: &Item) {
    match (old, new) {
        (Item::Type(o), Item::Type(n)) => compare_type(d, name, o, n),
        (Item::Reexport(o), Item::Reexport(n)) if o != n => {
            d.push(ChangeKind::Changed, format!("re-export `{name}`: `{o}` → `{n}`"), false)
        }
        // An ID type declared here and now re-exported from the shared crate, or back:
        // the same name in scope.
        (Item::Type(TypeInfo { shape: Shape::Id { .. }, .. }), Item::Reexport(p)) => {
            d.push(ChangeKind::Changed, format!("ID type `{name}` is now re-exported from `{p}`"), false)
        }
        (Item::Reexport(p), Item::Type(TypeInfo { shape: Shape::Id { .. }, .. })) => {
            d.push(ChangeKind::Changed, format!("ID type `{name}` is now declared here, no longer re-exported from `{p}`"), false)
        }
        (Item::Other(o), Item::Other(n)) if o != n => d.push(ChangeKind::Changed, format!("`{o}` → `{n}`"), true),
        (o, n) if std::mem::discriminant(o) != std::mem::discriminant(n) => {
            d.push(ChangeKind::Changed, format!("`{name}`: {} → {}", category(o), category(n)), true)
        }
        _ => {}
    }
}

fn compare_type(d: &mut Diff, name: &str, o: &TypeInfo, n: &TypeInfo) {
    // Fields whose change is reported: their setters change with them.
    let mut changed = BTreeSet::new();
    match (&o.shape, &n.shape) {
        (Shape::Struct(of), Shape::Struct(nf)) => changed = compare_fields(d, name, of, nf, o.ctor.as_deref(), n.ctor.as_deref()),
        (Shape::Unit, Shape::Unit) => {}
        (Shape::Enum { kind: ok, variants: ov }, Shape::Enum { kind: nk, variants: nv }) if ok == nk => {
            compare_variants(d, name, *nk, ov, nv)
        }
        (Shape::Id { guid: og, decode_only: od }, Shape::Id { guid: ng, decode_only: nd }) => {
            if og != ng {
                let kind = |g: bool| if g { "a GUID" } else { "a string" };
                // A GUID ID that becomes a string one accepts more; the reverse refuses values.
                d.push(ChangeKind::Changed, format!("ID type `{name}`: {} → {}", kind(*og), kind(*ng)), !ng);
            }
            if od != nd {
                let what = if *nd { "can no longer be constructed (decoded only)" } else { "can now be constructed" };
                d.push(ChangeKind::Changed, format!("ID type `{name}` {what}"), *nd);
            }
        }
        _ => {
            let cat = |t: &TypeInfo| category(&Item::Type(t.clone()));
            d.push(ChangeKind::Changed, format!("`{name}`: {} → {}", cat(o), cat(n)), true);
            return;
        }
    }
    // Requests: the API's methods.
    match (&o.request, &n.request) {
        (Some(or), Some(nr)) => {
            for (what, a, b, breaking) in [
                ("response type", &or.response, &nr.response, true),
                ("error type", &or.error, &nr.error, true),
                ("HTTP verb", &or.verb, &nr.verb, false),
                ("path", &or.path, &nr.path, false),
                ("operation name", &or.name, &nr.name, false),
            ] {
                if a != b {
                    d.push(ChangeKind::Changed, format!("method `{}` ({name}): {what} `{a}` → `{b}`", nr.name), breaking);
                }
            }
        }
        (Some(or), None) => d.push(ChangeKind::Removed, format!("method `{}` (`{name}` is no longer a request)", or.name), true),
        (None, Some(nr)) => d.push(ChangeKind::Added, format!("method `{}` ({} {}, request `{name}`)", nr.name, nr.verb, nr.path), false),
        (None, None) => {}
    }
    match (&o.event, &n.event) {
        (Some(a), Some(b)) if a != b => d.push(ChangeKind::Changed, format!("event `{name}`: event type `{a}` → `{b}`"), false),
        (Some(a), None) => d.push(ChangeKind::Removed, format!("event `{name}` (`{a}`): no longer an event"), true),
        (None, Some(b)) => d.push(ChangeKind::Added, format!("event `{name}` (`{b}`)"), false),
        _ => {}
    }
    let follows_its_field = |m: &String| {
        o.setters.get(m).or_else(|| n.setters.get(m)).is_some_and(|f| changed.contains(f.trim_start_matches("r#")))
    };
    for (m, sig) in o.methods.iter().filter(|(m, _)| !follows_its_field(m)) {
        match n.methods.get(m) {
            None => d.push(ChangeKind::Removed, format!("method `{name}::{m}` (`{sig}`)"), true),
            Some(nsig) if nsig != sig => d.push(ChangeKind::Changed, format!("method `{name}::{m}`: `{sig}` → `{nsig}`"), true),
            _ => {}
        }
    }
    for (m, sig) in n.methods.iter().filter(|(m, _)| !follows_its_field(m)) {
        if !o.methods.contains_key(m) {
            d.push(ChangeKind::Added, format!("method `{name}::{m}` (`{sig}`)"), false);
        }
    }
    for t in o.traits.difference(&n.traits) {
        d.push(ChangeKind::Removed, format!("`impl {t} for {name}`"), true);
    }
    for t in n.traits.difference(&o.traits) {
        d.push(ChangeKind::Added, format!("`impl {t} for {name}`"), false);
    }
}

/// Reports the changes of a struct's fields; returns the names of the fields it reported.
fn compare_fields(
    d: &mut Diff,
    name: &str,
    of: &[Field],
    nf: &[Field],
    octor: Option<&[(String, String)]>,
    nctor: Option<&[(String, String)]>,
) -> BTreeSet<String> {
    let mut reported = BTreeSet::new();
    let in_ctor = |ctor: Option<&[(String, String)]>, f: &str| ctor.is_some_and(|c| c.iter().any(|(p, _)| p == f || p == &format!("r#{f}")));
    let mut explained: BTreeSet<&str> = BTreeSet::new();
    for f in of {
        let Some(g) = nf.iter().find(|g| g.name == f.name) else {
            d.push(ChangeKind::Removed, format!("field `{name}.{}` (`{}`)", f.name, f.ty), true);
            explained.insert(&f.name);
            reported.insert(f.name.clone());
            continue;
        };
        let (was, is) = (in_ctor(octor, &f.name), in_ctor(nctor, &g.name));
        if was != is || f.ty != g.ty || f.public != g.public {
            reported.insert(f.name.clone());
        }
        if was != is {
            explained.insert(&f.name);
        }
        let required = match (was, is) {
            (false, true) => ", now required (a parameter of `new`)",
            (true, false) => ", no longer required (not a parameter of `new`)",
            _ => "",
        };
        if f.ty != g.ty {
            d.push(ChangeKind::Changed, format!("type of field `{name}.{}`: `{}` → `{}`{required}", f.name, f.ty, g.ty), true);
        } else if !required.is_empty() {
            d.push(ChangeKind::Changed, format!("field `{name}.{}` (`{}`){required}", f.name, g.ty), true);
        }
        match (f.public, g.public) {
            (true, false) => d.push(ChangeKind::Changed, format!("field `{name}.{}` is now read-only (set by the server; a getter)", f.name), true),
            (false, true) => d.push(ChangeKind::Changed, format!("field `{name}.{}` is now public (no longer read-only)", f.name), false),
            _ => {}
        }
        match (f.deprecated, g.deprecated) {
            (false, true) => d.push(ChangeKind::Changed, format!("field `{name}.{}` is now deprecated", f.name), false),
            (true, false) => d.push(ChangeKind::Changed, format!("field `{name}.{}` is no longer deprecated", f.name), false),
            _ => {}
        }
    }
    for g in nf.iter().filter(|g| !of.iter().any(|f| f.name == g.name)) {
        explained.insert(&g.name);
        reported.insert(g.name.clone());
        if in_ctor(nctor, &g.name) {
            d.push(ChangeKind::Added, format!("field `{name}.{}` (`{}`), required (a new parameter of `new`)", g.name, g.ty), true);
        } else {
            let access = if g.public { "" } else { ", read-only" };
            d.push(ChangeKind::Added, format!("field `{name}.{}` (`{}`{access})", g.name, g.ty), false);
        }
    }
    // What the field changes above leave unexplained in `new`: order, parameter types.
    let rest = |ctor: Option<&[(String, String)]>| -> Vec<(String, String)> {
        ctor.unwrap_or_default().iter().filter(|(p, _)| !explained.contains(p.trim_start_matches("r#"))).cloned().collect()
    };
    let (orest, nrest) = (rest(octor), rest(nctor));
    if orest != nrest {
        let sig = |c: Option<&[(String, String)]>| {
            c.map_or("none".to_string(), |c| format!("`new({})`", c.iter().map(|(p, t)| format!("{p}: {t}")).collect::<Vec<_>>().join(", ")))
        };
        d.push(ChangeKind::Changed, format!("constructor `{name}::new`: {} → {}", sig(octor), sig(nctor)), true);
    }
    reported
}

fn compare_variants(d: &mut Diff, name: &str, kind: EnumKind, ov: &[Variant], nv: &[Variant]) {
    let what = match kind {
        EnumKind::Values => "enum value",
        EnumKind::OneOf => "one-of member",
        EnumKind::Plain => "variant",
    };
    let show = |v: &Variant| {
        let mut s = format!("`{name}::{}`", v.name);
        if !v.payload.is_empty() {
            s = format!("`{name}::{}{}`", v.name, v.payload);
        }
        if let Some(w) = &v.wire {
            s.push_str(&format!(" ({w})"));
        }
        s
    };
    for v in ov {
        match nv.iter().find(|w| w.name == v.name) {
            None => d.push(ChangeKind::Removed, format!("{what} {}", show(v)), true),
            Some(w) => {
                if v.payload != w.payload {
                    d.push(ChangeKind::Changed, format!("{what} `{name}::{}`: holds `{}` → `{}`", v.name, v.payload, w.payload), true);
                }
                if v.wire != w.wire {
                    let s = |x: &Option<String>| x.clone().unwrap_or_else(|| "none".into());
                    d.push(ChangeKind::Changed, format!("{what} `{name}::{}`: wire name {} → {}", v.name, s(&v.wire), s(&w.wire)), false);
                }
            }
        }
    }
    for w in nv.iter().filter(|w| !ov.iter().any(|v| v.name == w.name)) {
        d.push(ChangeKind::Added, format!("{what} {}", show(w)), false);
    }
}
