//! Field helpers for `#[serde(with = "…")]`: [`int64`], [`integer`] and [`number`].

use core::fmt;

use serde::de::{Deserializer, Unexpected, Visitor};
use serde::ser::Serializer;

/// An `i64` that travels as a JSON string (`"42"`), as protobuf's JSON mapping
/// sends 64-bit integers; a JSON number is accepted on input too.
///
/// For an `i64` field: `#[serde(with = "<rt>::int64")]`. For an `Option<i64>` field:
/// `#[serde(default, skip_serializing_if = "Option::is_none", with = "<rt>::int64::option")]`.
pub mod int64 {
    use super::*;

    /// Writes the integer as a string.
    pub fn serialize<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    /// Reads a decimal string or an integer number.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        deserializer.deserialize_any(Int64Visitor)
    }

    #[derive(Clone, Copy)]
    struct Int64Visitor;

    impl Visitor<'_> for Int64Visitor {
        type Value = i64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a 64-bit integer as a decimal string or a number")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<i64, E> {
            v.parse()
                .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    /// The same for an `Option<i64>` field (`null` reads as `None`); use it with
    /// `#[serde(default, skip_serializing_if = "Option::is_none")]`.
    pub mod option {
        use super::*;

        /// Writes `Some` as a string, `None` as `null`.
        pub fn serialize<S: Serializer>(
            value: &Option<i64>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => serializer.collect_str(v),
                None => serializer.serialize_none(),
            }
        }

        /// Reads `null`, a decimal string or an integer number.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<i64>, D::Error> {
            deserializer.deserialize_option(super::super::OptionVisitor(Int64Visitor))
        }
    }
}

/// An `f64` that serialises as a JSON integer when it is integral and fits an `i64`
/// (so `30` round-trips as `30`, not `30.0`), else as a float. Reads a number, or a
/// numeric string as protobuf's JSON mapping allows.
///
/// For an `f64` field: `#[serde(with = "<rt>::number")]`. For an `Option<f64>` field:
/// `#[serde(default, skip_serializing_if = "Option::is_none", with = "<rt>::number::option")]`.
pub mod number {
    use super::*;

    /// Writes an integral value that fits an `i64` as an integer, else as a float
    /// (`-0.0` stays a float to keep its sign).
    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
        let v = *value;
        if v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) && !(v == 0.0 && v.is_sign_negative()) {
            serializer.serialize_i64(v as i64)
        } else {
            serializer.serialize_f64(v)
        }
    }

    /// Reads a number or a numeric string.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }

    #[derive(Clone, Copy)]
    struct NumberVisitor;

    impl Visitor<'_> for NumberVisitor {
        type Value = f64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number or a numeric string")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<f64, E> {
            Ok(v)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<f64, E> {
            v.parse()
                .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    /// The same for an `Option<f64>` field (`null` reads as `None`); use it with
    /// `#[serde(default, skip_serializing_if = "Option::is_none")]`.
    pub mod option {
        use super::*;

        /// Writes `Some` like [`number::serialize`](super::serialize), `None` as `null`.
        pub fn serialize<S: Serializer>(
            value: &Option<f64>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => super::serialize(v, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Reads `null`, a number or a numeric string.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<f64>, D::Error> {
            deserializer.deserialize_option(super::super::OptionVisitor(NumberVisitor))
        }
    }
}

/// `type: integer` fields: written as JSON integers; read from an integer or a string of
/// digits, since a GET request's parameters travel in the query string, as text.
pub mod integer {
    use super::*;

    /// Writes the value as a JSON integer.
    pub fn serialize<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(*value)
    }

    /// Reads an integer, or a string holding one.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        deserializer.deserialize_any(IntegerVisitor)
    }

    #[derive(Clone, Copy)]
    struct IntegerVisitor;

    impl Visitor<'_> for IntegerVisitor {
        type Value = i64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer or a string of digits")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<i64, E> {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<i64, E> {
            v.parse().map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    /// The same for an `Option<i64>` field (`null` reads as `None`); use it with
    /// `#[serde(default, skip_serializing_if = "Option::is_none")]`.
    pub mod option {
        use super::*;

        /// Writes `Some` as an integer, `None` as `null`.
        pub fn serialize<S: Serializer>(value: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => super::serialize(v, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Reads `null`, an integer or a string of digits.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
            deserializer.deserialize_option(super::super::OptionVisitor(IntegerVisitor))
        }
    }
}

/// Reads `null` as `None` and anything else with the inner visitor `V`.
struct OptionVisitor<V>(V);

impl<'de, V: Visitor<'de> + Copy> Visitor<'de> for OptionVisitor<V> {
    type Value = Option<V::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(", or null")
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self.0).map(Some)
    }
}

#[cfg(test)]
#[path = "serde_helpers_tests.rs"]
mod tests;
