//! From page text to syntax: page structure (pulldown-cmark), tables, and schema-block
//! lines. Nothing here resolves a name or knows about any particular API.

pub mod curl;
pub mod outline;
pub mod page;
pub mod schema;
pub mod table;
mod trim;

pub(crate) use trim::FastTrim;
