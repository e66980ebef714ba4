//! Repeated definitions kept once.
//!
//! Pages expand the same types again and again, most often word for word: on the Wix
//! corpus nearly three definitions in four repeat an earlier one, on a large synthetic API
//! four in five (holding six fields in seven).
//! Every candidate is kept until all pages are in, so a repeat shares the first
//! reading's definition instead of holding a copy. What differs is where it was read:
//! a repeat is folded only when its text has the same layout, so that each of its
//! positions is the first reading's moved by one [`Shift`]. Merging gives every
//! candidate its own positions back ([`super::collect::Candidate::owned`]), one name at a
//! time, so every repeat's sources are reported as before.

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHasher};

use super::collect::{Pos, RawDef, RawEnumValue, RawField, RawOneOf};

/// Where a repeat was read, relative to the reading whose definition it shares: every
/// position of the shared definition, moved into `file` by `by` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    pub file: u32,
    pub by: i64,
}

impl Shift {
    /// `pos` moved by this shift.
    pub fn apply(self, pos: Pos) -> Pos {
        Pos { file: self.file, offset: (i64::from(pos.offset) + self.by) as u32 }
    }

    /// The shift taking `from` to `to`.
    fn between(from: Pos, to: Pos) -> Shift {
        Shift { file: to.file, by: i64::from(to.offset) - i64::from(from.offset) }
    }
}

/// The definitions read so far, by a hash of what a repeat must share with them.
#[derive(Debug, Default)]
pub struct Folds<'f> {
    by_hash: FxHashMap<u64, Vec<Rc<RawDef<'f>>>>,
}

impl<'f> Folds<'f> {
    /// `def`, or an earlier definition it repeats and the shift from that one's positions
    /// to its own.
    pub fn share(&mut self, def: RawDef<'f>) -> (Rc<RawDef<'f>>, Option<Shift>) {
        let Some(origin) = first_pos(&def) else { return (Rc::new(def), None) };
        let same = self.by_hash.entry(layout_hash(&def, origin)).or_default();
        for earlier in same.iter() {
            if let Some(shift) = shifted(earlier, &def) {
                // Read again in its own place (a page lowered a second time): no shift.
                let in_place = first_pos(earlier) == Some(origin);
                return (earlier.clone(), (!in_place).then_some(shift));
            }
        }
        let def = Rc::new(def);
        same.push(def.clone());
        (def, None)
    }
}

/// The first position a definition holds, in the order [`shifted`] compares them.
fn first_pos(def: &RawDef) -> Option<Pos> {
    match def {
        RawDef::Enum(values) => values.first().map(|v| v.source),
        RawDef::Struct { fields, one_ofs } => fields.first().map(|f| f.source).or_else(|| one_ofs.first().map(|g| g.source)),
    }
}

/// A hash of what [`shifted`] compares, positions taken relative to `origin`. Text is
/// hashed by its length only: the positions already tell most texts apart, and the
/// comparison reads the rest.
fn layout_hash(def: &RawDef, origin: Pos) -> u64 {
    let mut h = FxHasher::default();
    let pos = |p: Pos, h: &mut FxHasher| (i64::from(p.offset) - i64::from(origin.offset), p.file == origin.file).hash(h);
    let field = |f: &RawField, h: &mut FxHasher| {
        f.name.hash(h);
        f.ty.hash(h);
        f.description.len().hash(h);
        (f.required, f.read_only, f.notes.is_some()).hash(h);
        pos(f.source, h);
        pos(f.ty_source, h);
    };
    match def {
        RawDef::Enum(values) => {
            0u8.hash(&mut h);
            for v in values {
                v.name.hash(&mut h);
                (i64::from(v.source.offset) - i64::from(origin.offset)).hash(&mut h);
            }
        }
        RawDef::Struct { fields, one_ofs } => {
            1u8.hash(&mut h);
            fields.iter().for_each(|f| field(f, &mut h));
            for g in one_ofs {
                (g.required, g.members.len(), i64::from(g.source.offset) - i64::from(origin.offset)).hash(&mut h);
                g.members.iter().for_each(|f| field(f, &mut h));
            }
        }
    }
    h.finish()
}

/// The shift that makes `b` of `a`, when `b` is `a` read elsewhere: equal in all but
/// positions, and every position of `b` that of `a` moved by the same shift.
fn shifted(a: &RawDef, b: &RawDef) -> Option<Shift> {
    let mut check = ShiftCheck::default();
    let same = match (a, b) {
        (RawDef::Enum(x), RawDef::Enum(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| check.value(x, y)),
        (RawDef::Struct { fields: fa, one_ofs: ga }, RawDef::Struct { fields: fb, one_ofs: gb }) => {
            fa.len() == fb.len()
                && ga.len() == gb.len()
                && fa.iter().zip(fb).all(|(x, y)| check.field(x, y))
                && ga.iter().zip(gb).all(|(x, y)| check.one_of(x, y))
        }
        _ => false,
    };
    same.then_some(check.shift).flatten()
}

/// Compares two definitions, positions aside, and checks that one shift takes each
/// position of the first to the second's.
#[derive(Default)]
struct ShiftCheck {
    shift: Option<Shift>,
}

impl ShiftCheck {
    fn pos(&mut self, a: Pos, b: Pos) -> bool {
        let s = Shift::between(a, b);
        *self.shift.get_or_insert(s) == s
    }

    fn field(&mut self, a: &RawField, b: &RawField) -> bool {
        // Every part named, so that a part added to a field cannot be left out here.
        let RawField { name, ty, ty_source, description, required, read_only, notes, source } = a;
        *name == b.name
            && *ty == b.ty
            && *description == b.description
            && *required == b.required
            && *read_only == b.read_only
            && notes.as_deref() == b.notes.as_deref()
            && self.pos(*source, b.source)
            && self.pos(*ty_source, b.ty_source)
    }

    fn one_of(&mut self, a: &RawOneOf, b: &RawOneOf) -> bool {
        let RawOneOf { source, required, members } = a;
        *required == b.required
            && members.len() == b.members.len()
            && self.pos(*source, b.source)
            && members.iter().zip(&b.members).all(|(x, y)| self.field(x, y))
    }

    fn value(&mut self, a: &RawEnumValue, b: &RawEnumValue) -> bool {
        let RawEnumValue { name, description, source } = a;
        *name == b.name && *description == b.description && self.pos(*source, b.source)
    }
}

/// `def` with every position moved by `shift`.
pub fn moved<'f>(def: &RawDef<'f>, shift: Shift) -> RawDef<'f> {
    let field = |f: &RawField<'f>| RawField { source: shift.apply(f.source), ty_source: shift.apply(f.ty_source), ..f.clone() };
    match def {
        RawDef::Enum(values) => RawDef::Enum(values.iter().map(|v| RawEnumValue { source: shift.apply(v.source), ..v.clone() }).collect()),
        RawDef::Struct { fields, one_ofs } => RawDef::Struct {
            fields: fields.iter().map(field).collect(),
            one_ofs: one_ofs
                .iter()
                .map(|g| RawOneOf { source: shift.apply(g.source), required: g.required, members: g.members.iter().map(field).collect() })
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::collect::RawTy;
    use crate::ir::Scalar;

    fn field(name: &'static str, description: &'static str, at: Pos) -> RawField<'static> {
        RawField {
            name,
            ty: RawTy::Scalar(Scalar::String),
            ty_source: Pos { file: at.file, offset: at.offset + 20 },
            description,
            required: false,
            read_only: false,
            notes: None,
            source: at,
        }
    }

    fn def(file: u32, base: u32, description: &'static str) -> RawDef<'static> {
        RawDef::Struct {
            fields: vec![field("id", description, Pos { file, offset: base }), field("name", "", Pos { file, offset: base + 50 })],
            one_ofs: Vec::new(),
        }
    }

    #[test]
    fn a_repeat_shares_the_first_reading_and_gets_its_positions_back() {
        let mut folds = Folds::default();
        let (first, none) = folds.share(def(0, 100, "The ID."));
        assert!(none.is_none());
        let (again, shift) = folds.share(def(3, 40, "The ID."));
        assert!(Rc::ptr_eq(&first, &again));
        let shift = shift.expect("read elsewhere");
        assert_eq!(moved(&again, shift), def(3, 40, "The ID."));
    }

    #[test]
    fn a_different_text_or_layout_is_kept_apart() {
        let mut folds = Folds::default();
        let (first, _) = folds.share(def(0, 100, "The ID."));
        let (other_text, _) = folds.share(def(1, 100, "The ID!"));
        assert!(!Rc::ptr_eq(&first, &other_text));
        // The same fields with another gap between them: no one shift gives its positions.
        let mut spread = def(2, 100, "The ID.");
        if let RawDef::Struct { fields, .. } = &mut spread {
            fields[1].source.offset += 7;
        }
        let (spread, _) = folds.share(spread.clone());
        assert!(!Rc::ptr_eq(&first, &spread));
    }

    #[test]
    fn the_first_reading_read_again_in_its_place_needs_no_shift() {
        let mut folds = Folds::default();
        let (first, _) = folds.share(def(0, 100, "x"));
        let (again, shift) = folds.share(def(0, 100, "x"));
        assert!(Rc::ptr_eq(&first, &again));
        assert_eq!(shift, None);
    }
}
