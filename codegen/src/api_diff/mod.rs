//! What a regeneration changes in the generated code's public API, in Rust terms.
//!
//! Both sides are read the same way: the generated files (the ones checked in, read from
//! disk, and the new ones, in memory) are parsed with syn into a [`Surface`], the public
//! items by name: structs with their public fields, read-only fields and `new`
//! constructor's parameters, open string enums and their values, one-of groups and their
//! members, other enums (errors, the event enum) and their variants, ID types, re-exports,
//! the requests (`impl Request`: the API's methods) and events (`impl Event`), inherent
//! methods, trait impls and exported macros. [`diff`] compares two surfaces, and marks
//! each change breaking or not:
//!
//! - breaking: anything removed or renamed, a field whose type changed, a field that
//!   became required (a new parameter of `new`, so `Default` goes too) or stopped being
//!   one, a public field that became read-only, a changed method signature, an enum value
//!   or one-of member removed or holding another type;
//! - not breaking: anything added (a new optional field, enum value, one-of member,
//!   error code, method, event, type), a read-only field made public, a deprecation, and
//!   what changes on the wire only (an enum value's wire name, a method's HTTP verb or
//!   path, an event type).
//!
//! A type removed and another added with the same shape is reported as a rename: the
//! typo that silently renames a public type.

mod changes;
mod render;
mod report;
mod surface;
#[cfg(test)]
mod tests;

pub use changes::{diff, ApiDiff, Change, ChangeKind};
pub use render::render;
pub use report::{compare, compare_for_report, report, report_for, verdict};
pub use surface::{EnumKind, Field, Item, RequestInfo, Shape, Surface, TypeInfo, Variant};
