//! Where a field really belongs, when the page's indentation says otherwise.
//!
//! Real pages slip: after a nested block (a field's own fields, a one-of group) the
//! lines that follow sometimes keep the nested block's indentation, so that fields of a
//! type read as fields of its last field's type (`filter` and `sort` of `CursorQuery`
//! indented like `limit`, a field of `cursorPaging`). The slip is always the same
//! shape: a *tail* of a type's field list that should have returned to an outer level.
//!
//! The page holds the evidence to undo it, and this module weighs it; no name is known
//! in advance. For a field `f` in the tail of type `T`, nested in `A` (one or more levels
//! up), it counts for each of `T` and `A`:
//!
//! - the JSON examples: an example object at that type's place that sets `f` (3 points);
//! - `Required parameters:`: a path naming `f` at that place (3 points);
//! - other expansions of the same type, on this page (request, response, SDK block) or
//!   any other page, that list `f` (1 point per place; the SDK block at the same place
//!   is the same rendering, not a second witness).
//!
//! The tail from `f` on moves to `A` when `A` scores higher than `T`, something says `f`
//! is *not* in `T` (an expansion of `T` or an example object at `T`'s place without it)
//! or the layout says nothing (under a `param name:` line the dialect puts a one-of
//! member's fields and the parameter's own at the same column), and `A` does not already
//! have a field `f`; fields after `f` go along unless the
//! evidence keeps one in `T`. Every move is reported as a warning saying why. Where both
//! readings have the same support, the indentation is kept and a warning gives both.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diag::{Diagnostic, SourceFile};
use crate::parse::schema::{Entry, EntryKind, TypeExpr};

mod evidence;

pub use evidence::{Evidence, Settling};
use evidence::{FrameEvidence, Place, TypeEvidence};

/// Which tree of a page an expansion was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Root {
    Params,
    Return,
    EventBody,
    TypePage,
}

/// What one tree of one page knows besides its entries.
pub struct TreeCtx<'a> {
    pub file_index: usize,
    pub file: &'a SourceFile,
    pub root: Root,
    /// The type the top-level entries are fields of.
    pub root_type: String,
    /// JSON examples of the whole tree (request bodies for `Params`, ...).
    pub examples: Vec<&'a Value>,
    /// `Required parameters:` paths (only for `Params`).
    pub required: &'a [String],
}

/// SDK names put `_` before some wire names (`_id`, `_createdDate`).
fn wire_name(name: &str) -> &str {
    name.strip_prefix('_').filter(|n| !n.is_empty()).unwrap_or(name)
}

/// The named type a field's entries expand: `T`, `array<T>`, `array<array<T>>`.
fn named<'a>(ty: &TypeExpr<'a>) -> Option<&'a str> {
    match ty {
        TypeExpr::Named(n) => Some(n),
        TypeExpr::Array(Some(inner)) => named(inner),
        _ => None,
    }
}

/// The struct type a field entry expands, when its children are fields.
fn expanded_type<'a>(entry: &Entry<'a>) -> Option<(&'a str, &'a str)> {
    let EntryKind::Field(line) = &entry.kind else { return None };
    let ty = named(&line.ty.as_ref()?.value)?;
    let has_fields = entry.children.iter().any(|c| matches!(c.kind, EntryKind::Field(_) | EntryKind::OneOf { .. }));
    has_fields.then_some((line.name.value, ty))
}

/// The wire names of a list's fields, one-of members included, sorted, into `out`.
fn field_names<'e>(list: &[Entry<'e>], out: &mut FieldNames<'e>) {
    out.clear();
    each_field_name(list, &mut |n| out.push(n));
    out.sort_unstable();
    out.dedup();
}

/// A list's field names, sorted: placement asks of every field of every nested list
/// whether a list above already has it.
type FieldNames<'e> = Vec<&'e str>;

fn has(names: &FieldNames, name: &str) -> bool {
    names.binary_search(&name).is_ok()
}

fn each_field_name<'e>(list: &[Entry<'e>], f: &mut impl FnMut(&'e str)) {
    for e in list {
        match &e.kind {
            EntryKind::Field(l) => f(wire_name(l.name.value)),
            EntryKind::OneOf { .. } => each_field_name(&e.children, f),
            _ => {}
        }
    }
}

/// A type on the path from the tree's root to the list being looked at.
struct Frame<'v> {
    ty: &'v str,
    /// The field it is the type of (empty at the root): the frames' names from the root's
    /// child down are the field path of the place.
    name: &'v str,
    /// The place's number in the evidence (`None`: no page expands anything here).
    position: Option<u32>,
    /// The fields its list has now: a field it already has cannot move into it.
    fields: FieldNames<'v>,
    /// Example objects at this place.
    json: Vec<&'v Value>,
    /// What the other pages say of the type, and which of its places is this one.
    evidence: Option<FrameEvidence<'v>>,
    /// The column of the entry that expands it, and whether that is a `param name:` line.
    entry: Option<(usize, bool)>,
}

/// Entries leaving a list for the list `up` levels above it.
struct Escape<'a> {
    up: usize,
    entries: Vec<Entry<'a>>,
}

/// The support for "`field` is a field of the type of `frame`". Counted on every field of
/// every nested list, so it holds numbers only; the reasons are written out
/// ([`Resolver::reasons`]) for the few fields that are reported.
#[derive(Clone, Copy, Default)]
struct Support {
    points: u32,
    /// Something at this place lists the type without the field.
    against: bool,
}

/// Moves misplaced tails of `entries` (a tree of `ctx`) to where the evidence puts them,
/// and notes in `settling` what the answer depended on.
pub fn resolve(
    entries: &mut Vec<Entry>,
    ctx: &TreeCtx,
    evidence: &Evidence,
    files: &[SourceFile],
    diags: &mut Vec<Diagnostic>,
    settling: &mut Settling,
) {
    let json: Vec<&Value> = ctx.examples.iter().copied().filter(|v| v.is_object()).collect();
    let position = evidence.roots.get(&(ctx.file_index as u32, ctx.root)).copied();
    let mut resolver = Resolver { ctx, evidence, files, diags, moved: 0, doubts: Vec::new(), settling };
    // A moved field's own subtree was walked at its old place; one more round walks it
    // at the new one. Moves only go up, so this ends; the bound is a guard. Doubts are
    // reported from the last round only: a move can settle them.
    for _ in 0..4 {
        resolver.moved = 0;
        resolver.doubts.clear();
        let root = Frame {
            ty: &ctx.root_type,
            name: "",
            position,
            fields: Vec::new(),
            json: json.clone(),
            evidence: evidence.at(&ctx.root_type, position),
            entry: None,
        };
        let mut frames = vec![root];
        let escaped = resolver.walk(entries, &mut frames);
        debug_assert!(escaped.is_empty(), "nothing escapes the root");
        if resolver.moved == 0 {
            break;
        }
    }
    let doubts = std::mem::take(&mut resolver.doubts);
    resolver.diags.extend(doubts);
}

struct Resolver<'a, 'd> {
    ctx: &'a TreeCtx<'a>,
    evidence: &'a Evidence,
    files: &'a [SourceFile],
    diags: &'d mut Vec<Diagnostic>,
    moved: usize,
    /// This round's ambiguities.
    doubts: Vec<Diagnostic>,
    settling: &'d mut Settling,
}

impl<'a> Resolver<'a, '_> {
    fn walk<'v, 't>(&mut self, list: &mut Vec<Entry<'t>>, frames: &mut Vec<Frame<'v>>) -> Vec<Escape<'t>>
    where
        'a: 'v,
        't: 'v,
    {
        let mut out = Vec::new();
        let mut i = 0;
        field_names(list, &mut frames.last_mut().expect("a frame").fields);
        while i < list.len() {
            let mut arrived = Vec::new();
            if let EntryKind::OneOf { .. } = list[i].kind {
                for m in 0..list[i].children.len() {
                    arrived.extend(self.descend(&mut list[i].children[m], frames));
                }
            } else {
                arrived.extend(self.descend(&mut list[i], frames));
            }
            let mut at = i + 1;
            for e in arrived {
                if e.up == 1 {
                    let n = e.entries.len();
                    list.splice(at..at, e.entries);
                    at += n;
                    field_names(list, &mut frames.last_mut().expect("a frame").fields);
                } else {
                    out.push(Escape { up: e.up - 1, entries: e.entries });
                }
            }
            i += 1;
        }
        if frames.len() >= 2 {
            out.extend(self.tails(list, frames));
        }
        out
    }

    /// Walks the fields of one field entry, if it expands a type.
    fn descend<'v, 't>(&mut self, entry: &mut Entry<'t>, frames: &mut Vec<Frame<'v>>) -> Vec<Escape<'t>>
    where
        'a: 'v,
        't: 'v,
    {
        let Some((name, ty)) = expanded_type(entry) else { return Vec::new() };
        let name = wire_name(name);
        let is_param = matches!(&entry.kind, EntryKind::Field(l) if l.is_param);
        let column = (entry.indent, is_param);
        let parent = frames.last().expect("a root frame");
        let mut json = Vec::new();
        for v in &parent.json {
            match v.get(name) {
                Some(Value::Object(_)) => json.push(&v[name]),
                Some(Value::Array(items)) => json.extend(items.iter().filter(|x| x.is_object())),
                _ => {}
            }
        }
        let position = parent.position.zip(self.evidence.names.get(name)).and_then(|(p, &n)| self.evidence.positions.get(&(p, n)).copied());
        let evidence = self.evidence.at(ty, position);
        frames.push(Frame { ty, name, position, fields: Vec::new(), json, evidence, entry: Some(column) });
        let escaped = self.walk(&mut entry.children, frames);
        frames.pop();
        escaped
    }

    /// Finds misplaced tails of `list` (the fields of the last frame's type).
    fn tails<'t>(&mut self, list: &mut Vec<Entry<'t>>, frames: &[Frame]) -> Vec<Escape<'t>> {
        let here = frames.len() - 1;
        let mut out = Vec::new();
        let mut s = 1;
        while s < list.len() {
            let EntryKind::Field(line) = &list[s].kind else {
                s += 1;
                continue;
            };
            let f = wire_name(line.name.value);
            let mut best: Option<(usize, Support)> = None;
            for j in (0..here).filter(|&j| !has(&frames[j].fields, f)) {
                let sup = self.support(frames, j, f);
                if sup.points == 0 {
                    self.watch(&frames[j], f);
                } else if best.is_none_or(|(_, b)| sup.points >= b.points) {
                    best = Some((j, sup));
                }
            }
            let Some((target, go)) = best else {
                s += 1;
                continue;
            };
            self.settling.unsettled = true;
            let stay = self.support(frames, here, f);
            // Where the layout itself is ambiguous, the indentation is no evidence that
            // the field stays: the other evidence decides.
            let open = stay.against || layout_ambiguous(frames, target, here, list[s].indent);
            if go.points > stay.points && open {
                let mut e = s + 1;
                let mut taken: BTreeSet<&str> = BTreeSet::from([f]);
                while e < list.len() {
                    if let EntryKind::Field(l) = &list[e].kind {
                        let g = wire_name(l.name.value);
                        let keep = self.support(frames, here, g).points > self.support(frames, target, g).points;
                        if keep || has(&frames[target].fields, g) || !taken.insert(g) {
                            break;
                        }
                    }
                    e += 1;
                }
                let moved: Vec<Entry<'t>> = list.drain(s..e).collect();
                let why = self.reasons(frames, target, f);
                self.report_move(&moved, &frames[here], &frames[target], &why);
                self.moved += 1;
                out.push(Escape { up: here - target, entries: moved });
                continue;
            }
            if go.points == stay.points && open {
                let (a, b) = (self.reasons(frames, here, f), self.reasons(frames, target, f));
                self.report_ambiguity(&list[s], f, &frames[here], &frames[target], &a, &b);
            }
            s += 1;
        }
        out
    }

    /// The support for `field` being a field of `frames[j]`'s type, at `frames[j]`'s place.
    fn support(&self, frames: &[Frame], j: usize, field: &str) -> Support {
        let frame = &frames[j];
        let mut sup = Support::default();
        if frame.json.iter().any(|v| v.get(field).is_some()) {
            sup.points += 3;
        } else if !frame.json.is_empty() {
            sup.against = true;
        }
        if self.required_names(frames, j, field) {
            sup.points += 3;
        }
        let Some(FrameEvidence { te, here, .. }) = frame.evidence else { return sup };
        let listing = self.evidence.names.get(field).map_or(0, |f| {
            let all = te.by_field.get(f).map_or(0, |&n| n as usize);
            let own = here.is_some_and(|h| te.places[h as usize].fields.binary_search(f).is_ok());
            all - usize::from(own)
        });
        sup.points += listing as u32;
        let others = te.places.len() - usize::from(here.is_some());
        if others > listing {
            sup.against = true;
        }
        sup
    }

    /// Notes that nothing supports `field` in `frame`'s type yet, should a later page.
    fn watch(&mut self, frame: &Frame, field: &str) {
        match (frame.evidence, self.evidence.names.get(field)) {
            (Some(e), Some(&f)) => self.settling.watches.push((e.id, f)),
            // A type without a name (an event body's root) is never listed anywhere.
            _ if frame.ty.is_empty() => {}
            _ => self.settling.unsettled = true,
        }
    }

    /// `Required parameters:` names `field` at `frames[j]`'s place.
    fn required_names(&self, frames: &[Frame], j: usize, field: &str) -> bool {
        self.ctx.root == Root::Params
            && self.ctx.required.iter().any(|p| {
                let mut parts = p.split('.');
                frames[1..=j].iter().all(|f| parts.next() == Some(f.name)) && parts.next() == Some(field) && parts.next().is_none()
            })
    }

    /// The places other than `here` that list `field`, in the order they were first read.
    fn listing(&self, te: &TypeEvidence, here: Option<u32>, field: &str) -> Vec<u32> {
        let Some(id) = self.evidence.names.get(field) else { return Vec::new() };
        let listing = |p: &Place| p.fields.binary_search(id).is_ok();
        (0..te.places.len() as u32).filter(|&p| Some(p) != here && listing(&te.places[p as usize])).collect()
    }

    /// Why `field` is read as a field of `frames[j]`'s type: the support, in words.
    fn reasons(&self, frames: &[Frame], j: usize, field: &str) -> Vec<String> {
        let frame = &frames[j];
        let mut reasons = Vec::new();
        if frame.json.iter().any(|v| v.get(field).is_some()) {
            reasons.push(format!("an example sets `{}`", dotted(&frames[..=j], field)));
        }
        if self.required_names(frames, j, field) {
            reasons.push(format!("`Required parameters:` names `{}`", dotted(&frames[..=j], field)));
        }
        let Some(FrameEvidence { te, here, .. }) = frame.evidence else { return reasons };
        for p in self.listing(te, here, field) {
            if reasons.len() >= 4 {
                break;
            }
            let (file, offset) = te.places[p as usize].at;
            let file = &self.files[file as usize];
            let (line, _) = file.line_col(offset as usize);
            reasons.push(format!("`{}` lists it at {}:{line}", frame.ty, file.name));
        }
        reasons
    }

    fn report_move(&mut self, moved: &[Entry], from: &Frame, to: &Frame, why: &[String]) {
        let first = &moved[0];
        let EntryKind::Field(line) = &first.kind else { return };
        let more = match moved.len() - 1 {
            0 => String::new(),
            1 => " (and the entry after it)".to_string(),
            n => format!(" (and the {n} entries after it)"),
        };
        self.diags.push(
            Diagnostic::warning(
                self.ctx.file,
                first.offset,
                line.name.offset + line.name.value.len(),
                format!(
                    "`{}`{more} is indented as a field of `{}`, but read as a field of `{}`",
                    line.name.value,
                    shown(from),
                    shown(to)
                ),
            )
            .with_help(format!("the page's indentation slips here; the evidence: {}", why.join("; "))),
        );
    }

    fn report_ambiguity(&mut self, entry: &Entry, field: &str, here: &Frame, other: &Frame, a: &[String], b: &[String]) {
        let EntryKind::Field(line) = &entry.kind else { return };
        self.doubts.push(
            Diagnostic::warning(
                self.ctx.file,
                entry.offset,
                line.name.offset + line.name.value.len(),
                format!("`{field}` may be a field of `{}` (as indented) or of `{}`; read as indented", shown(here), shown(other)),
            )
            .with_help(format!(
                "the page supports both: `{}`: {}; `{}`: {}",
                shown(here),
                a.join("; "),
                shown(other),
                b.join("; ")
            )),
        );
    }
}

/// Whether a field at `column` in the list of `frames[here]` stands where the dialect puts
/// both a field of `frames[target]` and a field of `frames[here]`: under a `param name:`
/// line at column `p`, the parameter's fields are at `p + 5`, a one-of member at `p + 2`
/// (with or without its group's marker), and the member's own fields at `p + 5` too.
fn layout_ambiguous(frames: &[Frame], target: usize, here: usize, column: usize) -> bool {
    match (frames[target].entry, frames[here].entry) {
        (Some((p, true)), Some((m, _))) => target + 1 == here && m == p + 2 && column == p + 5,
        _ => false,
    }
}

/// The dotted path of `field` in the last of `frames` (the root's has no name).
fn dotted(frames: &[Frame], field: &str) -> String {
    let mut s = String::new();
    for f in &frames[1..] {
        s.push_str(f.name);
        s.push('.');
    }
    s.push_str(field);
    s
}

fn shown(frame: &Frame) -> String {
    if frame.ty.is_empty() {
        "the parameters".to_string()
    } else {
        frame.ty.to_string()
    }
}

