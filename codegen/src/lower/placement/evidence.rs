//! What every page says of the types it expands: the evidence placement weighs.
//!
//! Each expansion of a named type, on any page, is a place listing fields. Places are
//! numbered by their position in the page's tree (a root by page and tree, every other
//! position by its parent's and its field's name), and names are interned: a large corpus
//! lists the same few thousand names millions of times, and placement only compares them.

// Placement looks names up millions of times on a large corpus: a fast hash (the keys are
// the pages' own names and small numbers, nothing an attacker picks to collide).
use rustc_hash::FxHashMap as HashMap;

use crate::parse::schema::Entry;

use super::{each_field_name, expanded_type, wire_name, EntryKind, Root};

/// The expansions of a named type at one place, their fields together (the REST and SDK
/// blocks render the same place twice: one witness, not two).
#[derive(Debug)]
pub(super) struct Place {
    /// Interned field names, sorted.
    pub(super) fields: Vec<u32>,
    /// `file`, byte offset of the field line that first expands it (for messages).
    pub(super) at: (u32, u32),
}

/// Where one named type is expanded, indexed for the questions placement asks: how many
/// places list a field, and how many places there are; both are looked up, not counted.
#[derive(Debug, Default)]
pub(super) struct TypeEvidence {
    pub(super) places: Vec<Place>,
    /// The place at each position (see [`Evidence::positions`]).
    index: HashMap<u32, u32>,
    /// For each interned field name, how many places list it. Which places they are is
    /// only asked for the few fields reported, and found then by looking at every place:
    /// a list per field would be a large share of the reader's peak memory.
    pub(super) by_field: HashMap<u32, u32>,
}

/// Every expansion of every named type, on every page (REST and SDK blocks alike). Field
/// and type names are interned: the same few thousand names are listed millions of times
/// on a large corpus, and placement only compares them.
#[derive(Debug, Default)]
pub struct Evidence {
    types: Vec<TypeEvidence>,
    type_ids: HashMap<String, u32>,
    pub(super) names: HashMap<String, u32>,
    /// Positions in the pages' trees, numbered: a tree's root by page and tree, every other
    /// position by its parent's number and its field's interned name. A field path is
    /// then one number, and a frame's position is found from its parent's in one look-up.
    pub(super) roots: HashMap<(u32, Root), u32>,
    pub(super) positions: HashMap<(u32, u32), u32>,
}

/// What placing a page's fields asked of evidence that may still grow (the pages after it
/// have not been read yet), so that the answers can be checked once every page is in.
#[derive(Debug, Default)]
pub struct Settling {
    /// Some field had support elsewhere: the decision depends on counts that later pages
    /// change, and its reasons on places they add.
    pub unsettled: bool,
    /// (type, field) pairs that had no support: the page stands as lowered as long as no
    /// page lists such a field in such a type.
    pub watches: Vec<(u32, u32)>,
}

impl Settling {
    /// True when the evidence of every page, now complete, gives the answers this page
    /// was lowered with.
    pub fn holds(&self, evidence: &Evidence) -> bool {
        !self.unsettled && self.watches.iter().all(|(t, f)| !evidence.types[*t as usize].by_field.contains_key(f))
    }

    /// Keeps one copy of each watch: a page asks the same question of every list.
    pub fn compact(&mut self) {
        self.watches.sort_unstable();
        self.watches.dedup();
        self.watches.shrink_to_fit();
    }
}

impl Evidence {
    /// Records every expansion in a tree whose top-level entries are fields of `root_type`.
    pub fn record<'e, 'a: 'e>(&mut self, file: usize, root: Root, root_type: &str, entries: impl IntoIterator<Item = &'e Entry<'a>> + Clone) {
        let file = file as u32;
        let first = entries.clone().into_iter().next();
        if let (false, Some(first)) = (root_type.is_empty(), first) {
            let at = (file, first.offset as u32);
            let mut fields = Vec::new();
            for e in entries.clone() {
                each_field_name(std::slice::from_ref(e), &mut |n| fields.push(n));
            }
            let position = self.root_position(file, root);
            self.push(root_type, position, &fields, at);
        }
        let position = self.root_position(file, root);
        for e in entries {
            self.walk(file, std::slice::from_ref(e), position);
        }
    }

    fn root_position(&mut self, file: u32, root: Root) -> u32 {
        let next = (self.roots.len() + self.positions.len()) as u32;
        *self.roots.entry((file, root)).or_insert(next)
    }

    fn child_position(&mut self, parent: u32, name: u32) -> u32 {
        let next = (self.roots.len() + self.positions.len()) as u32;
        *self.positions.entry((parent, name)).or_insert(next)
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.names.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.insert(name.to_string(), id);
        id
    }

    fn walk(&mut self, file: u32, list: &[Entry], parent: u32) {
        for e in list {
            if let EntryKind::OneOf { .. } = e.kind {
                self.walk(file, &e.children, parent);
                continue;
            }
            let Some((name, ty)) = expanded_type(e) else { continue };
            let name = self.intern(wire_name(name));
            let position = self.child_position(parent, name);
            let mut fields = Vec::with_capacity(e.children.len());
            each_field_name(&e.children, &mut |n| fields.push(n));
            self.push(ty, position, &fields, (file, e.offset as u32));
            self.walk(file, &e.children, position);
        }
    }

    fn push(&mut self, ty: &str, position: u32, fields: &[&str], at: (u32, u32)) {
        let mut ids: Vec<u32> = fields.iter().map(|f| self.intern(f)).collect();
        let t = match self.type_ids.get(ty) {
            Some(&t) => t,
            None => {
                self.types.push(TypeEvidence::default());
                self.type_ids.insert(ty.to_string(), self.types.len() as u32 - 1);
                self.types.len() as u32 - 1
            }
        };
        let te = &mut self.types[t as usize];
        let idx = *te.index.entry(position).or_insert_with(|| {
            te.places.push(Place { fields: Vec::new(), at });
            te.places.len() as u32 - 1
        });
        let place = &mut te.places[idx as usize];
        if place.fields.is_empty() {
            // A new place (or one that listed nothing): its list as it comes.
            ids.sort_unstable();
            ids.dedup();
            for &f in &ids {
                *te.by_field.entry(f).or_default() += 1;
            }
            // Kept until every page is in: no room to spare.
            ids.shrink_to_fit();
            place.fields = ids;
            return;
        }
        let before = place.fields.len();
        for f in ids {
            if let Err(i) = place.fields.binary_search(&f) {
                place.fields.insert(i, f);
                *te.by_field.entry(f).or_default() += 1;
            }
        }
        if place.fields.len() != before {
            place.fields.shrink_to_fit();
        }
    }

    /// The evidence of type `ty` and its place at `position`, looked up once per frame.
    pub(super) fn at(&self, ty: &str, position: Option<u32>) -> Option<FrameEvidence<'_>> {
        let id = *self.type_ids.get(ty)?;
        let te = &self.types[id as usize];
        let here = position.and_then(|p| te.index.get(&p).copied());
        Some(FrameEvidence { id, te, here })
    }
}

/// What the pages say of a frame's type, and which of its places is the frame's.
#[derive(Clone, Copy)]
pub(super) struct FrameEvidence<'e> {
    pub(super) id: u32,
    pub(super) te: &'e TypeEvidence,
    pub(super) here: Option<u32>,
}
