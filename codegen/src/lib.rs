//! wixgen reads Wix API reference pages (the `.md` renditions of the developer docs) and
//! generates typed Rust bindings from them.
//!
//! The pipeline: [`parse`] pages into syntax, lower them into the [`ir`] (one type table,
//! methods, events, ID kinds), validate, then emit Rust code. Problems anywhere are
//! [`diag::Diagnostic`]s located at file, line and column.

pub mod api_diff;
pub mod apply;
pub mod diag;
pub mod cli;
pub mod ids_crate;
pub mod ir;
pub mod load;
pub mod lower;
pub mod messages;
pub mod overrides;
pub mod parse;
#[cfg(feature = "pull")]
pub mod pull;
pub mod read;
pub mod builder;
pub mod emit;
pub mod generate;
pub mod settings;
pub mod synth;
pub mod validate;
pub mod workspace;
pub mod write;

pub use read::{read_sources, read_specs, Loaded};
pub use builder::Builder;
pub use settings::Settings;
