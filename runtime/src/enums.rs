//! Open string enums: [`string_enum!`](crate::string_enum).

use core::convert::Infallible;
use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{Deserializer, Visitor};

/// Deserialises an open string enum (its `FromStr` never fails) from a string.
pub fn deserialize_string_enum<'de, D, T>(d: D, type_name: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = Infallible>,
{
    struct EnumVisitor<T>(&'static str, PhantomData<T>);
    impl<T: FromStr<Err = Infallible>> Visitor<'_> for EnumVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} string", self.0)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            match v.parse() {
                Ok(value) => Ok(value),
                Err(never) => match never {},
            }
        }
    }
    d.deserialize_str(EnumVisitor(type_name, PhantomData))
}

/// Declares an open string enum: the listed values plus `Unrecognized(String)`, which
/// keeps a value from a newer API instead of failing to decode.
///
/// ```
/// wixgen_runtime::string_enum! {
///     /// Who can see a message.
///     pub enum MessageVisibility {
///         /// Not known.
///         UnknownVisibility = "UNKNOWN_VISIBILITY",
///         /// The business and the participant.
///         BusinessAndParticipant = "BUSINESS_AND_PARTICIPANT",
///     }
/// }
///
/// let v: MessageVisibility = serde_json::from_str("\"BUSINESS_AND_PARTICIPANT\"")?;
/// assert_eq!(v, MessageVisibility::BusinessAndParticipant);
/// let newer: MessageVisibility = serde_json::from_str("\"BUSINESS\"")?;
/// assert_eq!(newer, MessageVisibility::Unrecognized("BUSINESS".into()));
/// assert_eq!(serde_json::to_string(&newer)?, "\"BUSINESS\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// The enum is `Clone`, `Debug`, `Eq` and `Hash`, with `as_str` (the wire value),
/// `Display`, `FromStr` (infallible: an unknown value gives `Unrecognized`) and serde
/// impls (a JSON string). No listed variant may be named `Unrecognized`.
#[macro_export]
#[doc(hidden)]
macro_rules! __wix_string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #[allow(clippy::enum_variant_names)] // the names are the API's
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
            #[doc = ::core::concat!(
                "A value this version of the bindings does not know (added to the API later), ",
                "kept as sent. Never holds one of the listed values: `",
                ::core::stringify!($name), "::from_str` maps those to their variants."
            )]
            Unrecognized(::std::string::String),
        }

        impl $name {
            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Unrecognized(other) => other,
                }
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(s: &str) -> ::core::result::Result<Self, ::core::convert::Infallible> {
                ::core::result::Result::Ok(match s {
                    $( $wire => $name::$variant, )*
                    other => $name::Unrecognized(::std::string::String::from(other)),
                })
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
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_string_enum(deserializer, ::core::stringify!($name))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::string_enum! {
        /// A test enum.
        pub enum MessageVisibility {
            /// Unknown.
            UnknownVisibility = "UNKNOWN_VISIBILITY",
            BusinessAndParticipant = "BUSINESS_AND_PARTICIPANT",
        }
    }

    #[test]
    fn known_and_unrecognized_values() {
        let known = MessageVisibility::BusinessAndParticipant;
        assert_eq!(known.as_str(), "BUSINESS_AND_PARTICIPANT");
        assert_eq!(known.to_string(), "BUSINESS_AND_PARTICIPANT");
        assert_eq!(
            "UNKNOWN_VISIBILITY".parse(),
            Ok(MessageVisibility::UnknownVisibility)
        );
        let new = MessageVisibility::Unrecognized("BUSINESS".into());
        assert_eq!("BUSINESS".parse(), Ok(new.clone()));
        assert_eq!(new.as_str(), "BUSINESS");
        assert_eq!(format!("{new:?}"), "Unrecognized(\"BUSINESS\")");
    }

    #[test]
    fn serde() {
        let json =
            "[\"UNKNOWN_VISIBILITY\",\"BUSINESS_AND_PARTICIPANT\",\"business_and_participant\"]";
        let values: Vec<MessageVisibility> = serde_json::from_str(json).unwrap();
        assert_eq!(
            values,
            [
                MessageVisibility::UnknownVisibility,
                MessageVisibility::BusinessAndParticipant,
                MessageVisibility::Unrecognized("business_and_participant".into()),
            ]
        );
        assert_eq!(serde_json::to_string(&values).unwrap(), json);
        assert_eq!(
            serde_json::from_str::<MessageVisibility>("1")
                .unwrap_err()
                .to_string(),
            "invalid type: integer `1`, expected a MessageVisibility string at line 1 column 1"
        );
    }
}
