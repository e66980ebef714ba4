//! From page text to syntax: page structure (pulldown-cmark) and schema-block lines.

pub mod schema;
