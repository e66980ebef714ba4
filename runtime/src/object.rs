//! Objects: [`object!`](crate::object) and the shared, table-driven (de)serializer behind it.
//!
//! `#[derive(serde::Serialize, serde::Deserialize)]` writes a field enum, two visitors and
//! a `visit_seq` for every struct: about 200 lines to type-check per struct, most of a
//! generated crate's `cargo check` time. Here a struct's impls are a few lines that list
//! its fields, each as a [`Slot`] (reading) or a [`Field`] (writing) tagged with its wire
//! name and kind; the loops are written once, generically, in this module: [`Kind`] says
//! how one field is written, read and defaulted, [`read_fields`] and [`write_fields`]
//! drive them through trait objects, so that per struct there is no loop, no match and
//! one `?` only.
//!
//! The JSON accepted and produced is that of the derive with the attributes the generator
//! used to emit (see [`kinds`]): wire names as given, `None` and empty arrays left out,
//! unknown keys ignored, a repeated key an error (`duplicate field`), a missing required
//! field an error (`missing field`), and one-of groups flattened into the object as
//! [`one_of`](mod@crate::one_of) documents. (Unlike the derive, an object is not also
//! accepted as a JSON array of its field values: the API never sends one.)

use core::fmt;
use core::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

/// A struct declared by [`object!`](crate::object): its name and wire names, and the
/// field loop of its decoder.
pub trait Object: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The wire names of its plain fields (as `#[derive(Deserialize)]` passes them to
    /// `deserialize_struct`).
    const FIELDS: &'static [&'static str];
    /// Whether a one-of group is flattened into it: it is then written and read as a map,
    /// as the derive does with `#[serde(flatten)]`.
    const FLAT: bool;
    /// Reads the struct from the entries of a map.
    fn visit_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// How one field travels: the marker types of [`kinds`] implement it for the field types
/// they fit.
pub trait Kind<T> {
    /// Whether the field is a flattened one-of group.
    const FLAT: bool = false;
    /// The keys the field takes, given its wire name (`own`, one entry; empty for a group).
    fn keys(own: &'static [&'static str]) -> &'static [&'static str] {
        own
    }
    /// Whether the field is written.
    fn written(value: &T) -> bool;
    /// Writes the field's entry (none when it is left out).
    fn write<S: Serializer>(out: &mut Writer<S>, own: &'static [&'static str], value: &T) -> Result<(), S::Error>;
    /// Reads the value of `key` (one of [`Kind::keys`]) into the field's slot.
    fn read<'de, A: MapAccess<'de>>(slot: &mut Option<T>, key: &'static str, map: &mut A) -> Result<(), A::Error>;
    /// The field's value once the map is read: the slot, or the value of a missing field.
    fn finish<E: serde::de::Error>(slot: Option<T>, own: &'static [&'static str]) -> Result<T, E>;
}

/// A struct being written: as a struct, or as a map when a group is flattened into it.
pub enum Writer<S: Serializer> {
    /// `serialize_struct`.
    Struct(S::SerializeStruct),
    /// `serialize_map(None)`.
    Map(S::SerializeMap),
}

impl<S: Serializer> Writer<S> {
    /// Starts writing `T`, with `len` fields written when it is not flat.
    pub fn begin<T: Object>(serializer: S, len: usize) -> Result<Self, S::Error> {
        if T::FLAT {
            serializer.serialize_map(None).map(Writer::Map)
        } else {
            serializer.serialize_struct(T::NAME, len).map(Writer::Struct)
        }
    }

    /// Writes one entry.
    pub fn entry<V: Serialize + ?Sized>(&mut self, key: &'static str, value: &V) -> Result<(), S::Error> {
        match self {
            Writer::Struct(s) => s.serialize_field(key, value),
            Writer::Map(m) => m.serialize_entry(key, value),
        }
    }

    /// Ends the object.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self {
            Writer::Struct(s) => s.end(),
            Writer::Map(m) => m.end(),
        }
    }
}

/// Decodes an [`Object`]: from a struct, or from a map when it is flat.
pub fn deserialize<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let visitor = ObjectVisitor(PhantomData);
    if T::FLAT {
        deserializer.deserialize_map(visitor)
    } else {
        deserializer.deserialize_struct(T::NAME, T::FIELDS, visitor)
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::visit_map(map)
    }
}

/// A field's slot while its struct is read: the value so far, and the field's wire name.
pub struct Slot<K, T> {
    value: Option<T>,
    own: &'static [&'static str],
    kind: PhantomData<K>,
}

impl<K: Kind<T>, T> Slot<K, T> {
    /// An empty slot for the field with wire name `own` (empty for a group).
    pub fn new(own: &'static [&'static str]) -> Self {
        Slot { value: None, own, kind: PhantomData }
    }
    /// The field's value, once [`read_fields`] has checked the slots.
    pub fn into_value(self) -> T {
        match self.value {
            Some(value) => value,
            // `read_fields` returns an error for a slot it could not fill.
            None => unreachable!("a slot not checked by `read_fields`"),
        }
    }
}

/// A slot as the shared field loop sees it.
pub trait Read<'de, A: MapAccess<'de>> {
    /// The keys the field takes.
    fn keys(&self) -> &'static [&'static str];
    /// Reads the value of `key` into the slot.
    fn read(&mut self, key: &'static str, map: &mut A) -> Result<(), A::Error>;
    /// Once the map is read: fills the slot of a missing field with its value, or fails.
    fn check(&mut self) -> Result<(), A::Error>;
}

impl<'de, A: MapAccess<'de>, K: Kind<T>, T> Read<'de, A> for Slot<K, T> {
    fn keys(&self) -> &'static [&'static str] {
        K::keys(self.own)
    }
    fn read(&mut self, key: &'static str, map: &mut A) -> Result<(), A::Error> {
        K::read(&mut self.value, key, map)
    }
    fn check(&mut self) -> Result<(), A::Error> {
        self.value = Some(K::finish(self.value.take(), self.own)?);
        Ok(())
    }
}

/// Reads the entries of a map into the slots of a struct's fields; other keys are skipped.
pub fn read_fields<'de, A: MapAccess<'de>>(map: &mut A, slots: &mut [&mut dyn Read<'de, A>]) -> Result<(), A::Error> {
    loop {
        let key = map.next_key_seed(SlotKeySeed(&*slots))?;
        match key {
            None => break,
            Some(Some((index, key))) => slots[index].read(key, map)?,
            Some(None) => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    slots.iter_mut().try_for_each(|slot| slot.check())
}

/// Finds a key among the slots' keys.
struct SlotKeySeed<'s, 't, 'de, A>(&'s [&'t mut dyn Read<'de, A>]);

impl<'de, A: MapAccess<'de>> SlotKeySeed<'_, '_, 'de, A> {
    fn find(&self, v: &[u8]) -> Option<(usize, &'static str)> {
        self.0
            .iter()
            .enumerate()
            .find_map(|(i, slot)| slot.keys().iter().find(|k| k.as_bytes() == v).map(|k| (i, *k)))
    }
}

impl<'de, A: MapAccess<'de>> DeserializeSeed<'de> for SlotKeySeed<'_, '_, 'de, A> {
    type Value = Option<(usize, &'static str)>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, A: MapAccess<'de>> Visitor<'_> for SlotKeySeed<'_, '_, 'de, A> {
    type Value = Option<(usize, &'static str)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.find(v.as_bytes()))
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(self.find(v))
    }
}

/// A field of a struct being written: its value and wire name.
pub struct Field<'a, K, T> {
    value: &'a T,
    own: &'static [&'static str],
    kind: PhantomData<K>,
}

impl<'a, K: Kind<T>, T> Field<'a, K, T> {
    /// The field `value` with wire name `own` (empty for a group).
    pub fn new(value: &'a T, own: &'static [&'static str]) -> Self {
        Field { value, own, kind: PhantomData }
    }
}

/// A field as the shared writer sees it.
pub trait Write<S: Serializer> {
    /// Whether it is written.
    fn written(&self) -> bool;
    /// Writes its entry, if any.
    fn write(&self, out: &mut Writer<S>) -> Result<(), S::Error>;
}

impl<S: Serializer, K: Kind<T>, T> Write<S> for Field<'_, K, T> {
    fn written(&self) -> bool {
        K::written(self.value)
    }
    fn write(&self, out: &mut Writer<S>) -> Result<(), S::Error> {
        K::write(out, self.own, self.value)
    }
}

/// Writes a struct from its fields.
pub fn write_fields<T: Object, S: Serializer>(serializer: S, fields: &[&dyn Write<S>]) -> Result<S::Ok, S::Error> {
    let len = fields.iter().filter(|f| f.written()).count();
    let mut out = Writer::begin::<T>(serializer, len)?;
    for field in fields {
        field.write(&mut out)?;
    }
    out.end()
}

/// The field kinds.
#[path = "object_kinds.rs"]
pub mod kinds;

/// Declares a struct that travels as a JSON object, with serde impls driven by a table of
/// its fields instead of derived ones, and `with_<field>` setters for the fields that
/// name one.
///
/// Each field starts with its kind and wire name, `#[kind("wireName")]` (a kind of
/// [`kinds`]), then its own attributes; a flattened one-of group is `#[one_of]` or
/// `#[required_one_of]` (its members' keys sit beside the fields, as
/// [`one_of`](mod@crate::one_of) describes). The struct's other attributes (docs,
/// derives) are kept; it gets `Serialize`, `Deserialize` and [`Object`].
///
/// A setter is named after the wire name, `#[kind("wireName", setter(Type))]`: the struct
/// gets `pub fn setter(self, value: impl Into<Type>) -> Self`, which sets the field to
/// `Some(value.into())` (for an `Option<Type>` field or group, `#[one_of(setter(Type))]`).
/// Without a type, `#[kind("wireName", setter)]`, the setter takes the field's own type
/// and stores it as it is (for a `Vec<T>` field). Each setter carries the field's own
/// attributes (its docs, `#[deprecated]`) after a line that names the field.
///
/// ```
/// wixgen_runtime::object! {
///     /// A label.
///     #[derive(Debug, Default, PartialEq)]
///     pub struct Label {
///         #[optional("displayName", with_display_name(String))]
///         /// Shown to people.
///         pub display_name: Option<String>,
///         #[array("tags", with_tags)]
///         /// Left out when empty.
///         pub tags: Vec<String>,
///         #[optional_int64("count")]
///         /// A 64-bit integer, as a string on the wire.
///         pub count: Option<i64>,
///     }
/// }
///
/// let label: Label = serde_json::from_str(r#"{"displayName":"VIP","count":"3","other":1}"#)?;
/// assert_eq!(label, Label { display_name: Some("VIP".into()), tags: vec![], count: Some(3) });
/// assert_eq!(serde_json::to_string(&label)?, r#"{"displayName":"VIP","count":"3"}"#);
/// let twice = serde_json::from_str::<Label>(r#"{"tags":[],"tags":[]}"#).unwrap_err();
/// assert_eq!(twice.to_string(), "duplicate field `tags` at line 1 column 17");
///
/// let built = Label::default().with_display_name("VIP").with_tags(vec!["gold".into()]);
/// assert_eq!(serde_json::to_string(&built)?, r#"{"displayName":"VIP","tags":["gold"]}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! __wix_object {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                #[$kind:ident $(( $($wire:literal)? $(,)? $($setter:ident $(($elem:ty))?)? ))?]
                $(#[$fmeta:meta])*
                $fvis:vis $field:ident : $fty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$fmeta])* $fvis $field: $fty, )*
        }

        impl $name {
            $(
                $crate::__wix_object_setter! {
                    [$($($setter $(($elem))?)?)?] [$($($wire)?)?] $field: $fty; $(#[$fmeta])*
                }
            )*
        }

        #[allow(deprecated)]
        impl $crate::__private::object::Object for $name {
            const NAME: &'static str = ::core::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($($($wire,)?)?)*];
            const FLAT: bool = false $(
                || <$crate::__private::object::kinds::$kind as $crate::__private::object::Kind<$fty>>::FLAT
            )*;
            fn visit_map<'de, A: $crate::__private::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::core::result::Result<Self, A::Error> {
                $( let mut $field = $crate::__private::object::Slot::<$crate::__private::object::kinds::$kind, $fty>::new(&[$($($wire)?)?]); )*
                $crate::__private::object::read_fields(&mut map, &mut [$(&mut $field),*])?;
                ::core::result::Result::Ok($name { $( $field: $field.into_value(), )* })
            }
        }

        #[allow(deprecated)]
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::object::write_fields::<Self, S>(serializer, &[$(
                    &$crate::__private::object::Field::<$crate::__private::object::kinds::$kind, $fty>::new(&self.$field, &[$($($wire)?)?])
                ),*])
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::object::deserialize(deserializer)
            }
        }
    };
}

/// One field's setter for [`object!`](crate::object): none, one that stores the value as
/// it is, or one that stores `Some(value.into())`. Named by the field's wire name, or by
/// the field for a group (which has none).
#[macro_export]
#[doc(hidden)]
macro_rules! __wix_object_setter {
    // No setter: matched without parsing the rest, which most fields of responses skip.
    ([] $($rest:tt)*) => {};
    ([$setter:ident] [$wire:literal] $field:ident: $fty:ty; $(#[$fmeta:meta])*) => {
        #[doc = ::core::concat!(" Sets `", $wire, "`.")]
        #[doc = ""]
        $(#[$fmeta])*
        #[must_use]
        #[allow(deprecated)]
        pub fn $setter(mut self, value: $fty) -> Self {
            self.$field = value;
            self
        }
    };
    ([$setter:ident($elem:ty)] [$wire:literal] $field:ident: $fty:ty; $(#[$fmeta:meta])*) => {
        #[doc = ::core::concat!(" Sets `", $wire, "`.")]
        #[doc = ""]
        $(#[$fmeta])*
        #[must_use]
        #[allow(deprecated)]
        pub fn $setter(mut self, value: impl ::core::convert::Into<$elem>) -> Self {
            self.$field = ::core::option::Option::Some(value.into());
            self
        }
    };
    ([$setter:ident($elem:ty)] [] $field:ident: $fty:ty; $(#[$fmeta:meta])*) => {
        #[doc = ::core::concat!(" Sets `", ::core::stringify!($field), "`: one of its members.")]
        #[doc = ""]
        $(#[$fmeta])*
        #[must_use]
        #[allow(deprecated)]
        pub fn $setter(mut self, value: impl ::core::convert::Into<$elem>) -> Self {
            self.$field = ::core::option::Option::Some(value.into());
            self
        }
    };
}

#[cfg(test)]
#[path = "object_tests.rs"]
mod tests;
