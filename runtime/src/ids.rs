//! ID newtypes: [`guid_id!`](crate::guid_id) and [`string_id!`](crate::string_id),
//! with their error type [`IdError`].

use core::fmt;

use serde::de::{Deserializer, Visitor};

use super::guid::{self, Guid, GuidError};

/// Why a string is not a valid ID of some type, e.g.
/// "invalid ConversationId: expected 36 characters, found 35".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdError {
    type_name: &'static str,
    kind: IdErrorKind,
}

/// What is wrong with the string in an [`IdError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdErrorKind {
    /// The ID is a GUID and the string is not one.
    InvalidGuid(GuidError),
    /// The string is empty (IDs that are not GUIDs must not be): "empty string".
    Empty,
}

impl IdError {
    /// The name of the ID type, e.g. `"ConversationId"`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// What is wrong with the string.
    pub fn kind(&self) -> &IdErrorKind {
        &self.kind
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: ", self.type_name)?;
        match &self.kind {
            IdErrorKind::InvalidGuid(e) => e.fmt(f),
            IdErrorKind::Empty => f.write_str("empty string"),
        }
    }
}

impl std::error::Error for IdError {}

/// Parses a GUID for the ID type `type_name`.
pub fn parse_guid(s: &str, type_name: &'static str) -> Result<Guid, IdError> {
    Guid::parse(s).map_err(|e| IdError {
        type_name,
        kind: IdErrorKind::InvalidGuid(e),
    })
}

/// Parses a GUID literal in const context; panics (a compile error in a const)
/// with the [`IdError`] message.
pub const fn parse_guid_literal(s: &str, type_name: &str) -> Guid {
    guid::parse_literal(s, type_name)
}

/// Validates a non-GUID ID of the type `type_name`: it must not be empty.
pub fn parse_string_id(s: String, type_name: &'static str) -> Result<String, IdError> {
    if s.is_empty() {
        Err(IdError {
            type_name,
            kind: IdErrorKind::Empty,
        })
    } else {
        Ok(s)
    }
}

/// Deserialises a GUID for the ID type `type_name` from a string.
pub fn deserialize_guid<'de, D: Deserializer<'de>>(
    d: D,
    type_name: &'static str,
) -> Result<Guid, D::Error> {
    struct GuidVisitor(&'static str);
    impl Visitor<'_> for GuidVisitor {
        type Value = Guid;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} (a GUID string)", self.0)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Guid, E> {
            parse_guid(v, self.0).map_err(E::custom)
        }
    }
    d.deserialize_str(GuidVisitor(type_name))
}

/// Deserialises a non-empty string for the ID type `type_name`.
pub fn deserialize_string_id<'de, D: Deserializer<'de>>(
    d: D,
    type_name: &'static str,
) -> Result<String, D::Error> {
    struct StringIdVisitor(&'static str);
    impl Visitor<'_> for StringIdVisitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} (a non-empty string)", self.0)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            self.visit_string(v.to_owned())
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
            parse_string_id(v, self.0).map_err(E::custom)
        }
    }
    d.deserialize_string(StringIdVisitor(type_name))
}

/// Implements the string-like traits shared by both ID kinds (the type has `as_str`).
#[macro_export]
#[doc(hidden)]
macro_rules! __wix_id_str_impls {
    ($name:ident) => {
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(::core::stringify!($name))
                    .field(&self.as_str())
                    .finish()
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

/// Declares a GUID ID type: a newtype around [`Guid`](crate::Guid).
///
/// ```
/// wixgen_runtime::guid_id! {
///     /// A conversation's ID.
///     pub struct ConversationId;
/// }
///
/// const ID: ConversationId = ConversationId::from_literal("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e");
/// let parsed: ConversationId = "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e".parse()?;
/// assert_eq!(parsed, ID);
/// assert_eq!(
///     "0bd6b6a1".parse::<ConversationId>().unwrap_err().to_string(),
///     "invalid ConversationId: expected 36 characters, found 8",
/// );
/// # Ok::<(), wixgen_runtime::IdError>(())
/// ```
///
/// The type is `Copy`, `Eq`, `Ord` and `Hash`; `Debug` gives `ConversationId("…")`,
/// `Display` the GUID. It has `as_str`, `AsRef<str>`, `FromStr` and `TryFrom<&str>` /
/// `TryFrom<String>` (errors are [`IdError`](crate::IdError)s), `from_literal`
/// (a `const fn`: a bad literal in a `const` fails compilation with the error message),
/// and serde impls (a JSON string; decoding validates and names the type in its error).
/// Values of two ID types never convert into each other; each converts into its
/// [`Guid`](crate::Guid) (`From`), for code that takes the GUID of any ID type (the
/// client's API-key scope takes a site's or an account's), but no `Guid` converts
/// back.
///
/// Written `guid_id! { @decode_only … }`, the type is for IDs the API hands out but
/// never takes from a caller (anonymous visitors): it has no `FromStr`, `TryFrom` or
/// `from_literal`, so a value can only come from decoding a response or an event.
///
/// ```compile_fail
/// wixgen_runtime::guid_id! { @decode_only
///     /// An anonymous visitor's ID.
///     pub struct AnonymousVisitorId;
/// }
/// let id: AnonymousVisitorId = "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e".parse().unwrap();
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! __wix_guid_id {
    (@decode_only $(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $(#[$meta])*
        #[derive(
            ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq,
            ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord,
        )]
        $vis struct $name($crate::Guid);

        impl $name {
            #[doc = ::core::concat!("The ", ::core::stringify!($name), " as sent: a GUID, `8-4-4-4-12` hex digits.")]
            pub const fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }
        $crate::__wix_id_str_impls!($name);
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_guid(deserializer, ::core::stringify!($name)).map($name)
            }
        }
        impl ::core::convert::From<$name> for $crate::Guid {
            fn from(id: $name) -> $crate::Guid {
                id.0
            }
        }
    };
    ($(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $crate::__wix_guid_id! { @decode_only $(#[$meta])* $vis struct $name; }

        impl $name {
            #[doc = ::core::concat!(
                "Parses a ", ::core::stringify!($name), " literal in const context: in a `const`, a bad ",
                "literal fails compilation; at run time it panics. Use `parse` for input."
            )]
            pub const fn from_literal(s: &'static str) -> Self {
                $name($crate::__private::parse_guid_literal(s, ::core::stringify!($name)))
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = $crate::IdError;
            fn from_str(s: &str) -> ::core::result::Result<Self, $crate::IdError> {
                $crate::__private::parse_guid(s, ::core::stringify!($name)).map($name)
            }
        }
        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::IdError;
            fn try_from(s: &str) -> ::core::result::Result<Self, $crate::IdError> {
                ::core::str::FromStr::from_str(s)
            }
        }
        impl ::core::convert::TryFrom<::std::string::String> for $name {
            type Error = $crate::IdError;
            fn try_from(s: ::std::string::String) -> ::core::result::Result<Self, $crate::IdError> {
                ::core::str::FromStr::from_str(&s)
            }
        }
    };
}

/// Declares an ID type that is not a GUID (message IDs): a newtype around a non-empty
/// `String`.
///
/// ```
/// wixgen_runtime::string_id! {
///     /// A message's ID.
///     pub struct MessageId;
/// }
///
/// let id: MessageId = serde_json::from_str("\"1715\"")?;
/// assert_eq!(id.as_str(), "1715");
/// assert_eq!(
///     serde_json::from_str::<MessageId>("\"\"").unwrap_err().to_string(),
///     "invalid MessageId: empty string at line 1 column 2",
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// The type is `Clone`, `Eq`, `Ord` and `Hash`, with `Debug` (`MessageId("…")`),
/// `Display`, `as_str`, `AsRef<str>`, `FromStr`, `TryFrom<&str>`, `TryFrom<String>`
/// (errors are [`IdError`](crate::IdError)s) and serde impls (a JSON string).
#[macro_export]
#[doc(hidden)]
macro_rules! __wix_string_id {
    ($(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $(#[$meta])*
        #[derive(
            ::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq,
            ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord,
        )]
        $vis struct $name(::std::string::String);

        impl $name {
            #[doc = ::core::concat!("The ", ::core::stringify!($name), " as sent (never empty).")]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        $crate::__wix_id_str_impls!($name);
        impl ::core::str::FromStr for $name {
            type Err = $crate::IdError;
            fn from_str(s: &str) -> ::core::result::Result<Self, $crate::IdError> {
                $crate::__private::parse_string_id(s.into(), ::core::stringify!($name)).map($name)
            }
        }
        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::IdError;
            fn try_from(s: &str) -> ::core::result::Result<Self, $crate::IdError> {
                ::core::str::FromStr::from_str(s)
            }
        }
        impl ::core::convert::TryFrom<::std::string::String> for $name {
            type Error = $crate::IdError;
            fn try_from(s: ::std::string::String) -> ::core::result::Result<Self, $crate::IdError> {
                $crate::__private::parse_string_id(s, ::core::stringify!($name)).map($name)
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_string_id(deserializer, ::core::stringify!($name)).map($name)
            }
        }
    };
}

#[cfg(test)]
#[path = "ids_tests.rs"]
mod tests;
