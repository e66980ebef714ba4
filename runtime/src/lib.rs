//! The small hand-written runtime that the generated bindings build on.
//!
//! Generated code declares its types with one short macro call each instead of
//! expanded impls, which keeps it quick to compile:
//!
//! - [`guid_id!`] declares a GUID ID type ([`Guid`] inside), [`string_id!`] any other ID
//!   type; both report bad input as an [`IdError`].
//! - [`string_enum!`] declares an open string enum that keeps values it does not know.
//! - [`object!`] declares a struct with table-driven serde impls (cheaper to compile
//!   than derived ones).
//! - [`one_of!`] declares a one-of group; [`one_of`](mod@one_of) also holds the helpers
//!   for a group flattened into a struct.
//! - [`int64`] and [`number`] are field helpers for `#[serde(with = "…")]`;
//!   [`Timestamp`] is the type of date-time fields.
//! - [`Operation`], [`Request`], [`ApplicationError`] and [`Event`] describe the API's
//!   methods and webhook events to the client.
//! - [`NotAParticipant`] is the error of the generated conversions from an identity the
//!   API reports (a message's sender) into a participant ID; the generated ID macros
//!   (`participant!`, `conversation_id!`, …) expand to the proc macros of
//!   `wixgen-macros`, re-exported in `__private`.
//!
//! Behind features, the parts every API's crate shares at run time:
//!
//! | feature | gives | depends on |
//! |---|---|---|
//! | `client` | [`client`](client/index.html): the async client, one generic [`Client::call`](client/struct.Client.html#method.call) for the request type of any API, retries, tracing, paging as streams ([`PageStream`](client/struct.PageStream.html)) | reqwest (rustls, no OpenSSL), tokio, tracing, futures-util |
//! | `webhooks` | [`webhook`](webhook/index.html): verifying webhook requests (RS256 JWTs) | jsonwebtoken, base64 |
//! | `filter` | [`filter`](filter/index.html): query filters (`$eq`, `$in`, `$startsWith`, ..., `$and`/`$or`/`$not`) built with types, as the JSON a query's `filter` takes | serde_json |
//!
//! None is on by default: an API's crate (`wix-inbox`, `wix-contacts`, …) turns them
//! on through features of its own, and adds its typed methods and event decoding.
//!
//! Generated code reaches the runtime through a path prefix: `crate::rt` inside
//! `wix-inbox`, which re-exports this crate as `wix_inbox::rt`, and `::wix_inbox::rt`
//! (or `::wixgen_runtime`) for bindings generated elsewhere. The macros refer to the
//! runtime as `$crate`, and to serde through the re-export in `__private`, so a crate
//! of generated bindings needs this crate (and `serde` for its derives) only, not
//! `wix-inbox`.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub mod client;
#[cfg(feature = "filter")]
#[cfg_attr(docsrs, doc(cfg(feature = "filter")))]
pub mod filter;
#[cfg(feature = "webhooks")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhooks")))]
pub mod webhook;

mod conversion;
mod enums;
mod guid;
mod ids;
#[doc(hidden)]
pub mod object;
pub mod one_of;
mod operation;
mod serde_helpers;

pub use conversion::NotAParticipant;
pub use guid::{Guid, GuidError};
pub use ids::{IdError, IdErrorKind};
#[doc(inline)]
pub use one_of::OneOf;
pub use operation::{
    ApplicationError, Event, HttpVerb, NoApplicationError, Operation, ParamLocation, PathParam,
    Request,
};
pub use serde_helpers::{int64, integer, number};

/// An instant in UTC, the type of date-time fields: RFC 3339 on the wire.
///
/// Reading accepts any offset and converts to UTC. Writing gives `Z` and a fraction of
/// 0, 3, 6 or 9 digits, whichever is shortest without loss, so values the API sends
/// (`"2024-05-01T10:15:30.123Z"`, `"2024-05-01T10:15:30Z"`) round-trip exactly.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

#[doc(inline)]
pub use crate::__wix_guid_id as guid_id;
#[doc(inline)]
pub use crate::__wix_object as object;
#[doc(inline)]
pub use crate::__wix_one_of as one_of;
#[doc(inline)]
pub use crate::__wix_string_enum as string_enum;
#[doc(inline)]
pub use crate::__wix_string_id as string_id;

/// What the runtime macros expand to: not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use serde;

    pub use super::object;
    #[cfg(feature = "client")]
    pub use tracing;

    pub use super::enums::deserialize_string_enum;
    pub use super::ids::{
        deserialize_guid, deserialize_string_id, parse_guid, parse_guid_literal, parse_string_id,
    };
    pub use super::one_of::{
        deserialize_member, deserialize_required, serialize_member, serialize_member_value,
        skip_member,
    };
    /// The proc macros behind the generated ID macros (`participant!`, `conversation_id!`, …).
    pub use wixgen_macros::{guid_literal, participant};
}
