//! Tests of reading, rendering and comparing surfaces.

use super::*;
use quote::ToTokens;

fn surface(src: &str) -> Surface {
    Surface::from_files([("a.rs", src)]).unwrap()
}

#[test]
fn types_render_without_the_prelude_paths() {
    let ty: syn::Type = syn::parse_str("::std::option::Option<::std::vec::Vec<crate::rt::Timestamp>>").unwrap();
    assert_eq!(render(ty.to_token_stream()), "Option<Vec<Timestamp>>");
    let sig: syn::Signature = syn::parse_str("fn with_x(mut self, value: impl ::std::convert::Into<X>) -> Self").unwrap();
    assert_eq!(render(sig.to_token_stream()), "fn with_x(mut self, value: impl Into<X>) -> Self");
}

#[test]
fn macros_of_the_runtime_are_read_as_the_items_they_declare() {
    let s = surface(
        r#"
            crate::rt::string_enum! { pub enum Color { Red = "RED", Blue = "BLUE", } }
            crate::rt::one_of! { pub enum Pick { A(::std::string::String) = "a", B(Thing) = "b", } }
            crate::rt::guid_id! { @decode_only pub struct VisitorId; }
            crate::rt::string_id! { pub struct MessageId; }
            pub use ::wix_ids::{ContactId, MemberId};
            #[macro_export]
            macro_rules! contact_id { ($($t:tt)*) => {}; }
            "#,
    );
    let Some(Item::Type(t)) = s.items.get("Color") else { panic!("{s:?}") };
    assert!(matches!(&t.shape, Shape::Enum { kind: EnumKind::Values, variants } if variants.len() == 2));
    let Some(Item::Type(t)) = s.items.get("Pick") else { panic!() };
    assert!(matches!(&t.shape, Shape::Enum { kind: EnumKind::OneOf, variants } if variants[0].payload == "(String)"));
    assert_eq!(s.items.get("VisitorId").map(|i| matches!(i, Item::Type(TypeInfo { shape: Shape::Id { guid: true, decode_only: true }, .. }))), Some(true));
    assert_eq!(s.items.get("ContactId"), Some(&Item::Reexport("::wix_ids::ContactId".into())));
    assert_eq!(s.items.get("contact_id!"), Some(&Item::Macro));
}

#[test]
fn a_required_field_and_a_removed_one_are_breaking_an_optional_one_is_not() {
    let old = surface("pub struct M { pub a: Option<String>, pub b: Option<i64> }");
    let new = surface(
        "pub struct M { pub a: Option<String>, pub c: Option<bool>, pub d: String }
             impl M { pub fn new(d: impl Into<String>) -> Self { Self { a: None, c: None, d: d.into() } } }",
    );
    let d = diff(&old, &new);
    assert!(d.find("field `M.b`").unwrap().breaking, "{d}");
    assert!(!d.find("field `M.c`").unwrap().breaking, "{d}");
    assert!(d.find("field `M.d`").unwrap().breaking, "{d}");
    assert_eq!(d.changes.len(), 3, "{d}");
}

#[test]
fn a_renamed_type_is_one_change() {
    let old = surface("pub struct Note { pub text: Option<String> } pub struct M { pub note: Option<Note> }");
    let new = surface("pub struct Nte { pub text: Option<String> } pub struct M { pub note: Option<Nte> }");
    let d = diff(&old, &new);
    let r = d.find("`Note` → `Nte`").unwrap();
    assert!(r.breaking && r.kind == ChangeKind::Renamed, "{d}");
    assert!(d.find("type of field `M.note`").unwrap().breaking, "{d}");
    assert_eq!(d.changes.len(), 2, "{d}");
}

#[test]
fn setters_named_in_object_fields_are_methods_as_the_macro_writes_them() {
    let written = surface(
        "pub struct M { pub tag: Option<String>, pub items: Vec<Item> }
             impl M {
                 pub fn with_tag(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self { self }
                 pub fn with_items(mut self, value: ::std::vec::Vec<Item>) -> Self { self }
             }",
    );
    let declared = surface(
        r#"crate::rt::object! {
            pub struct M {
                #[optional("tag", with_tag(::std::string::String))]
                pub tag: ::std::option::Option<::std::string::String>,
                #[array("items", with_items)]
                pub items: ::std::vec::Vec<Item>,
                #[optional("id")]
                id: ::std::option::Option<::std::string::String>,
            }
        }"#,
    );
    let Some(Item::Type(t)) = declared.items.get("M") else { panic!("{declared:?}") };
    assert_eq!(t.methods.keys().collect::<Vec<_>>(), ["with_items", "with_tag"]);
    let Some(Item::Type(w)) = written.items.get("M") else { panic!("{written:?}") };
    assert_eq!(t.methods, w.methods);
}

#[test]
fn a_setter_goes_with_its_field_and_a_new_setter_of_a_kept_field_is_reported() {
    let object = |fields: &str| surface(&format!("crate::rt::object! {{ pub struct M {{ {fields} }} }}"));
    let old = object(r#"#[optional("a", with_a(String))] pub a: Option<String>, #[optional("b")] pub b: Option<i64>,"#);
    let new = object(r#"#[optional("b", with_b(i64))] pub b: Option<i64>,"#);
    let d = diff(&old, &new);
    assert!(d.find("field `M.a`").unwrap().breaking, "{d}");
    assert!(!d.find("method `M::with_b`").unwrap().breaking, "{d}");
    assert_eq!(d.changes.len(), 2, "{d}");
}
