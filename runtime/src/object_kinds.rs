//! The field kinds of [`object!`](crate::object), one marker type each, named as
//! `object!` fields are marked (`#[optional("wireName")]`); each says which derive
//! attributes it replaces. Also the codecs (`Codec`) of the runtime's field helpers.
#![allow(non_camel_case_types)]

use core::marker::PhantomData;

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, Error as _, MapAccess};
use serde::ser::{Serialize, Serializer};

use super::{Kind, Writer};
use crate::one_of::{Keys, OneOf};

/// A value (de)serialised by a field helper of [`crate::int64`], [`crate::number`] or
/// [`crate::integer`].
pub trait Codec {
    /// The field's type.
    type Value;
    /// Writes the value.
    fn serialize<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the value.
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error>;
}

macro_rules! codecs {
    ($($(#[$meta:meta])* $name:ident($($module:ident)::+): $ty:ty;)*) => {$(
        $(#[$meta])*
        pub struct $name;
        impl Codec for $name {
            type Value = $ty;
            fn serialize<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                crate::$($module)::+::serialize(value, serializer)
            }
            fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                crate::$($module)::+::deserialize(deserializer)
            }
        }
    )*};
}

codecs! {
    /// [`crate::int64`].
    Int64(int64): i64;
    /// [`crate::number`].
    Number(number): f64;
    /// [`crate::integer`].
    Integer(integer): i64;
    /// [`crate::int64::option`].
    Int64Option(int64::option): Option<i64>;
    /// [`crate::number::option`].
    NumberOption(number::option): Option<f64>;
    /// [`crate::integer::option`].
    IntegerOption(integer::option): Option<i64>;
}

/// A value written through its codec.
pub(crate) struct Coded<'a, C: Codec>(pub(crate) &'a C::Value);

impl<C: Codec> Serialize for Coded<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::serialize(self.0, serializer)
    }
}

/// A value read through its codec.
struct CodecSeed<C>(PhantomData<C>);

impl<'de, C: Codec> DeserializeSeed<'de> for CodecSeed<C> {
    type Value = C::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<C::Value, D::Error> {
        C::deserialize(deserializer)
    }
}

/// A value (de)serialised by serde as its type says: the codec of a one-of member that
/// needs no field helper (`String`, `bool`, `i64`, a struct, an enum, `Vec<T>`, ...).
pub struct Plain<T>(PhantomData<T>);

impl<T: Serialize + DeserializeOwned> Codec for Plain<T> {
    type Value = T;
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// A JSON array whose items go through the codec `C` (`[30, 2.5]` as `Vec<f64>` through
/// [`Number`], so that `30` stays `30`).
pub struct Each<C>(PhantomData<C>);

impl<C: Codec> Codec for Each<C> {
    type Value = Vec<C::Value>;
    fn serialize<S: Serializer>(value: &Vec<C::Value>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(Coded::<C>))
    }
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<C::Value>, D::Error> {
        deserializer.deserialize_seq(EachVisitor::<C>(PhantomData))
    }
}

struct EachVisitor<C>(PhantomData<C>);

impl<'de, C: Codec> serde::de::Visitor<'de> for EachVisitor<C> {
    type Value = Vec<C::Value>;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(CodecSeed::<C>(PhantomData))? {
            out.push(item);
        }
        Ok(out)
    }
}

/// The codecs a one-of member may name after its key (`= "price" with number`), as
/// [`one_of!`](macro@crate::one_of) reads them.
pub mod member_codecs {
    /// `f64` through [`crate::number`].
    pub type number = super::Number;
    /// `i64` as a string, through [`crate::int64`].
    pub type int64 = super::Int64;
    /// `Vec<f64>`, each item through [`crate::number`].
    pub type number_array = super::Each<super::Number>;
    /// `Vec<i64>`, each item as a string through [`crate::int64`].
    pub type int64_array = super::Each<super::Int64>;
}

/// Reads a member's value through its codec; `null` reads as `None`.
pub(crate) struct OptionalCoded<C>(pub(crate) PhantomData<C>);

impl<'de, C: Codec> DeserializeSeed<'de> for OptionalCoded<C> {
    type Value = Option<C::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(OptionalCodedVisitor::<C>(PhantomData))
    }
}

struct OptionalCodedVisitor<C>(PhantomData<C>);

impl<'de, C: Codec> serde::de::Visitor<'de> for OptionalCodedVisitor<C> {
    type Value = Option<C::Value>;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        C::deserialize(deserializer).map(Some)
    }
}

/// Fails with `duplicate field` when the slot is already filled.
fn vacant<T, E: serde::de::Error>(slot: &Option<T>, key: &'static str) -> Result<(), E> {
    match slot {
        Some(_) => Err(E::duplicate_field(key)),
        None => Ok(()),
    }
}

/// A required field, always written; missing is an error (a plain derived field).
pub struct required;
/// `Option<T>`, left out when `None`; missing or `null` is `None`
/// (`#[serde(skip_serializing_if = "Option::is_none")]`).
pub struct optional;
/// `Vec<T>`, left out when empty; missing is empty
/// (`#[serde(default, skip_serializing_if = "Vec::is_empty")]`).
pub struct array;
/// A required field with a codec: `#[serde(with = "…")]`.
pub struct With<C>(PhantomData<C>);
/// An `Option` field with a codec, left out when `None`; missing is `None`:
/// `#[serde(default, with = "….option", skip_serializing_if = "Option::is_none")]`.
pub struct OptionalWith<C>(PhantomData<C>);
/// A flattened `Option<Group>`: `#[serde(flatten, with = "<rt>::one_of")]`.
pub struct one_of;
/// A flattened group that must be set: `#[serde(flatten, with = "<rt>::one_of::required")]`.
pub struct required_one_of;

/// `i64` as a string: [`crate::int64`].
pub type int64 = With<Int64>;
/// `f64`: [`crate::number`].
pub type number = With<Number>;
/// `i64`: [`crate::integer`].
pub type integer = With<Integer>;
/// `Option<i64>` as a string: [`crate::int64::option`].
pub type optional_int64 = OptionalWith<Int64Option>;
/// `Option<f64>`: [`crate::number::option`].
pub type optional_number = OptionalWith<NumberOption>;
/// `Option<i64>`: [`crate::integer::option`].
pub type optional_integer = OptionalWith<IntegerOption>;

impl<T: Serialize + DeserializeOwned> Kind<T> for required {
    fn written(_: &T) -> bool {
        true
    }
    fn write<S: Serializer>(out: &mut Writer<S>, own: &'static [&'static str], value: &T) -> Result<(), S::Error> {
        out.entry(own[0], value)
    }
    fn read<'de, A: MapAccess<'de>>(slot: &mut Option<T>, key: &'static str, map: &mut A) -> Result<(), A::Error> {
        vacant(slot, key)?;
        *slot = Some(map.next_value()?);
        Ok(())
    }
    fn finish<E: serde::de::Error>(slot: Option<T>, own: &'static [&'static str]) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(own[0]))
    }
}

impl<T: Serialize + DeserializeOwned> Kind<Option<T>> for optional {
    fn written(value: &Option<T>) -> bool {
        value.is_some()
    }
    fn write<S: Serializer>(out: &mut Writer<S>, own: &'static [&'static str], value: &Option<T>) -> Result<(), S::Error> {
        match value {
            Some(_) => out.entry(own[0], value),
            None => Ok(()),
        }
    }
    fn read<'de, A: MapAccess<'de>>(slot: &mut Option<Option<T>>, key: &'static str, map: &mut A) -> Result<(), A::Error> {
        vacant(slot, key)?;
        *slot = Some(map.next_value()?);
        Ok(())
    }
    fn finish<E: serde::de::Error>(slot: Option<Option<T>>, _: &'static [&'static str]) -> Result<Option<T>, E> {
        Ok(slot.flatten())
    }
}

impl<T: Serialize + DeserializeOwned> Kind<Vec<T>> for array {
    fn written(value: &Vec<T>) -> bool {
        !value.is_empty()
    }
    fn write<S: Serializer>(out: &mut Writer<S>, own: &'static [&'static str], value: &Vec<T>) -> Result<(), S::Error> {
        match value.is_empty() {
            false => out.entry(own[0], value),
            true => Ok(()),
        }
    }
    fn read<'de, A: MapAccess<'de>>(slot: &mut Option<Vec<T>>, key: &'static str, map: &mut A) -> Result<(), A::Error> {
        vacant(slot, key)?;
        *slot = Some(map.next_value()?);
        Ok(())
    }
    fn finish<E: serde::de::Error>(slot: Option<Vec<T>>, _: &'static [&'static str]) -> Result<Vec<T>, E> {
        Ok(slot.unwrap_or_default())
    }
}

impl<C: Codec> Kind<C::Value> for With<C> {
    fn written(_: &C::Value) -> bool {
        true
    }
    fn write<S: Serializer>(out: &mut Writer<S>, own: &'static [&'static str], value: &C::Value) -> Result<(), S::Error> {
        out.entry(own[0], &Coded::<C>(value))
    }
    fn read<'de, A: MapAccess<'de>>(slot: &mut Option<C::Value>, key: &'static str, map: &mut A) -> Result<(), A::Error> {
        vacant(slot, key)?;
        *slot = Some(map.next_value_seed(CodecSeed::<C>(PhantomData))?);
        Ok(())
    }
    fn finish<E: serde::de::Error>(slot: Option<C::Value>, own: &'static [&'static str]) -> Result<C::Value, E> {
        slot.ok_or_else(|| E::missing_field(own[0]))
    }
}

impl<T, C: Codec<Value = Option<T>>> Kind<Option<T>> for OptionalWith<C> {
    fn written(value: &Option<T>) -> bool {
        value.is_some()
    }
    fn write<S: Serializer>(out: &mut Writer<S>, own: &'static [&'static str], value: &Option<T>) -> Result<(), S::Error> {
        match value {
            Some(_) => out.entry(own[0], &Coded::<C>(value)),
            None => Ok(()),
        }
    }
    fn read<'de, A: MapAccess<'de>>(slot: &mut Option<Option<T>>, key: &'static str, map: &mut A) -> Result<(), A::Error> {
        vacant(slot, key)?;
        *slot = Some(map.next_value_seed(CodecSeed::<C>(PhantomData))?);
        Ok(())
    }
    fn finish<E: serde::de::Error>(slot: Option<Option<T>>, _: &'static [&'static str]) -> Result<Option<T>, E> {
        Ok(slot.flatten())
    }
}

impl<G: OneOf> Kind<Option<G>> for one_of {
    const FLAT: bool = true;
    fn keys(_: &'static [&'static str]) -> &'static [&'static str] {
        G::KEYS
    }
    fn written(value: &Option<G>) -> bool {
        value.is_some()
    }
    fn write<S: Serializer>(out: &mut Writer<S>, _: &'static [&'static str], value: &Option<G>) -> Result<(), S::Error> {
        match value {
            Some(group) => out.entry(group.key(), &Member(group)),
            None => Ok(()),
        }
    }
    fn read<'de, A: MapAccess<'de>>(slot: &mut Option<Option<G>>, key: &'static str, map: &mut A) -> Result<(), A::Error> {
        read_member(slot, key, map)
    }
    fn finish<E: serde::de::Error>(slot: Option<Option<G>>, _: &'static [&'static str]) -> Result<Option<G>, E> {
        Ok(slot.flatten())
    }
}

impl<G: OneOf> Kind<G> for required_one_of {
    const FLAT: bool = true;
    fn keys(_: &'static [&'static str]) -> &'static [&'static str] {
        G::KEYS
    }
    fn written(_: &G) -> bool {
        true
    }
    fn write<S: Serializer>(out: &mut Writer<S>, _: &'static [&'static str], group: &G) -> Result<(), S::Error> {
        out.entry(group.key(), &Member(group))
    }
    fn read<'de, A: MapAccess<'de>>(slot: &mut Option<G>, key: &'static str, map: &mut A) -> Result<(), A::Error> {
        let mut found = slot.take().map(Some);
        let read = read_member(&mut found, key, map);
        *slot = found.flatten();
        read
    }
    fn finish<E: serde::de::Error>(slot: Option<G>, _: &'static [&'static str]) -> Result<G, E> {
        slot.ok_or_else(|| {
            E::custom(format_args!("no member of {} is set; expected one of {}", G::NAME, Keys(G::KEYS)))
        })
    }
}

/// The value of the member that is set, written as the entry's value.
struct Member<'a, G>(&'a G);

impl<G: OneOf> Serialize for Member<'_, G> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.__serialize_value(serializer)
    }
}

/// Reads a member of a flattened group into `slot` (`Some(Some(_))` once a member is
/// set), with the rules of [`one_of`](mod@crate::one_of): `null` is absent, a second
/// member is an error.
fn read_member<'de, G: OneOf, A: MapAccess<'de>>(
    slot: &mut Option<Option<G>>,
    key: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    let Some(member) = G::__deserialize_member(key, map)? else {
        return Ok(());
    };
    if let Some(Some(first)) = slot {
        return Err(if first.key() == key {
            A::Error::duplicate_field(key)
        } else {
            A::Error::custom(format_args!(
                "`{}` and `{key}` are both set, but at most one member of {} may be",
                first.key(),
                G::NAME
            ))
        });
    }
    *slot = Some(Some(member));
    Ok(())
}
