//! Fidelity of the Contacts and Members pages (`specs/contacts`, `specs/members`) to the
//! facts of those APIs (the official SDK packages' typings, transcribed by name into
//! `common/`): every type with its fields and flags, every enum with its values in order,
//! every method with its verb, path and return type, every event with its event type, and
//! the ID kinds that tie the two APIs to Inbox (`Contact.id`, `Member.id`,
//! `Member.contactId`).
//!
//! Each check gathers every mismatch before failing, so one run lists everything a page
//! is missing.

mod common {
    #[path = "contacts_facts.rs"]
    pub mod contacts_facts;
    #[path = "members_facts.rs"]
    pub mod members_facts;
}

use std::collections::BTreeSet;
use std::path::Path;

use common::{contacts_facts, members_facts};
use wixgen::ir::{Api, Field, TypeDef, TypeId, TypeKind};

type Types = &'static [(&'static str, &'static [(&'static str, &'static str)])];
type Enums = &'static [(&'static str, &'static [&'static str])];

/// What the facts say about one API beyond its types.
struct Facts {
    /// The folder under `specs/`.
    dir: &'static str,
    types: Types,
    enums: Enums,
    /// Method, verb, path, return type, the parameters named in the path.
    methods: &'static [(&'static str, &'static str, &'static str, &'static str, &'static [&'static str])],
    /// Event type and payload type (`None`: the event carries only the entity's ID).
    events: &'static [(&'static str, Option<&'static str>)],
    /// Method and the application error codes it can return.
    errors: &'static [(&'static str, &'static [&'static str])],
    /// `Type.field` and the ID kind it holds.
    ids: &'static [(&'static str, &'static str, &'static str)],
}

const CONTACTS: Facts = Facts {
    dir: "contacts",
    types: contacts_facts::TYPES,
    enums: contacts_facts::ENUMS,
    methods: &[
        ("queryContacts", "POST", "/contacts/v4/contacts/query", "QueryContactsResponse", &[]),
        ("getContact", "GET", "/contacts/v4/contacts/{id}", "GetContactResponse", &["id"]),
        ("createContact", "POST", "/contacts/v4/contacts", "CreateContactResponse", &[]),
        ("updateContact", "PATCH", "/contacts/v4/contacts/{contactId}", "UpdateContactResponse", &["contactId"]),
        ("deleteContact", "DELETE", "/contacts/v4/contacts/{contactId}", "DeleteContactResponse", &["contactId"]),
    ],
    events: &[
        ("wix.contacts.v4.contact_created", Some("Contact")),
        ("wix.contacts.v4.contact_updated", Some("Contact")),
        ("wix.contacts.v4.contact_deleted", None),
        ("wix.contacts.v4.contact_merged", Some("ContactMerged")),
    ],
    errors: &[
        (
            "queryContacts",
            &[
                "UNSUPPORTED_SORT_FIELD",
                "ILLEGAL_LIMIT",
                "MALFORMED_FILTER",
                "UNSUPPORTED_FILTER",
                "UNSUPPORTED_FILTER_FIELD_UNKNOWN",
                "UNSUPPORTED_FILTER_OPERATOR",
                "UNSUPPORTED_FILTER_VALUE",
                "UNSUPPORTED_FILTER_VALUE_TYPE",
            ],
        ),
        ("getContact", &["CONTACT_NOT_FOUND"]),
        (
            "createContact",
            &[
                "DUPLICATE_CONTACT_EXISTS",
                "CONTACT_ID_ALREADY_EXISTS",
                "INSUFFICIENT_CONTACT_DATA",
                "CANNOT_HAVE_MULTIPLE_PRIMARY_INFO",
                "INVALID_EXTENDED_FIELD_VALUE",
            ],
        ),
        (
            "updateContact",
            &[
                "DUPLICATE_CONTACT_EXISTS",
                "CONTACT_ALREADY_CHANGED",
                "CONTACT_NOT_FOUND",
                "CANNOT_UPDATE_MEMBER_EMAIL",
                "INSUFFICIENT_CONTACT_DATA",
                "INSUFFICIENT_UPDATE_CONTACT_DATA",
                "CANNOT_HAVE_MULTIPLE_PRIMARY_INFO",
                "INVALID_EXTENDED_FIELD_VALUE",
            ],
        ),
        (
            "deleteContact",
            &[
                "CANNOT_DELETE_MEMBER",
                "CANNOT_DELETE_CONTACT_WITH_BILLING_SUBSCRIPTION",
                "CANNOT_DELETE_MEMBER_OWNER_OR_CONTRIBUTOR",
                "FAILED_DELETE_CONTACT_AFTER_MEMBER_DELETION",
            ],
        ),
    ],
    ids: &[
        ("Contact", "id", "Contact"),
        ("GetContactRequest", "id", "Contact"),
        ("UpdateContactRequest", "contactId", "Contact"),
        ("DeleteContactRequest", "contactId", "Contact"),
        ("ContactMerged", "targetContactId", "Contact"),
        ("ContactMerged", "sourceContactIds", "Contact"),
        ("ContactSource", "appId", "App"),
        ("IdentificationData", "memberId", "Member"),
    ],
};

const MEMBERS: Facts = Facts {
    dir: "members",
    types: members_facts::TYPES,
    enums: members_facts::ENUMS,
    methods: &[
        ("getMember", "GET", "/members/v1/members/{id}", "GetMemberResponse", &["id"]),
        ("queryMembers", "POST", "/members/v1/members/query", "QueryMembersResponse", &[]),
        ("createMember", "POST", "/members/v1/members", "CreateMemberResponse", &[]),
        ("deleteMember", "DELETE", "/members/v1/members/{id}", "DeleteMemberResponse", &["id"]),
    ],
    events: &[
        ("wix.members.v1.member_created", Some("Member")),
        ("wix.members.v1.member_updated", Some("Member")),
        ("wix.members.v1.member_deleted", None),
    ],
    errors: &[("getMember", &["MEMBER_TO_MEMBER_BLOCKED"])],
    ids: &[
        ("Member", "id", "Member"),
        ("Member", "contactId", "Contact"),
        ("GetMemberRequest", "id", "Member"),
        ("DeleteMemberRequest", "id", "Member"),
        ("MemberToMemberBlockedPayload", "memberId", "Member"),
        ("IdentificationData", "memberId", "Member"),
    ],
};

/// Reads `specs/<dir>`; fails, with every diagnostic rendered, when the pages have errors.
fn read(facts: &Facts) -> Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs").join(facts.dir);
    let loaded = wixgen::read_specs(&dir).unwrap_or_else(|e| panic!("specs/{} is not readable: {e}", facts.dir));
    assert!(loaded.page_count() > 0, "specs/{} has no pages", facts.dir);
    assert!(!loaded.has_errors(), "specs/{} has errors:\n{}", facts.dir, loaded.render_diagnostics());
    if !loaded.diagnostics.is_empty() {
        eprintln!("specs/{} has warnings:\n{}", facts.dir, loaded.render_diagnostics());
    }
    loaded.api
}

/// The definitions the facts' `name` stands for. The IR qualifies a name with its
/// namespace (`ns.Name`) only when two pages of the folder define it differently, so: the
/// name as the facts write it if the IR has it, else the plain name, else every qualified
/// definition of that plain name (each must then match the facts).
fn lookup<'a>(api: &'a Api, name: &str) -> Vec<&'a TypeDef> {
    let plain = name.rsplit('.').next().unwrap();
    for key in [name, plain] {
        if let Some(def) = api.types.get(&TypeId::new(key)) {
            if !matches!(def.kind, TypeKind::OneOf { .. }) {
                return vec![def];
            }
        }
    }
    api.types.values().filter(|d| d.name == plain && !matches!(d.kind, TypeKind::OneOf { .. })).collect()
}

/// A struct's fields and its one-of members, each with whether it is in a group.
fn all_fields<'a>(api: &'a Api, def: &'a TypeDef) -> Result<Vec<(&'a Field, bool)>, String> {
    let TypeKind::Struct { fields, one_ofs } = &def.kind else { return Err(format!("`{}` is not a struct: {:?}", def.id, def.kind)) };
    let mut out: Vec<_> = fields.iter().map(|f| (f, false)).collect();
    for g in one_ofs {
        let Some(TypeKind::OneOf { members, .. }) = api.types.get(g).map(|d| &d.kind) else {
            return Err(format!("`{g}` of `{}` is not a one-of group", def.id));
        };
        out.extend(members.iter().map(|f| (f, true)));
    }
    Ok(out)
}

fn field<'a>(api: &'a Api, ty: &str, name: &str) -> Result<&'a Field, String> {
    let defs = lookup(api, ty);
    if defs.is_empty() {
        return Err(format!("type `{ty}` is missing"));
    }
    let mut found = None;
    for def in defs {
        match all_fields(api, def)?.into_iter().find(|(f, _)| f.name == name) {
            Some((f, _)) => found = Some(f),
            None => return Err(format!("`{}` has no field `{name}`", def.id)),
        }
    }
    Ok(found.unwrap())
}

fn fail_if_any(facts: &Facts, what: &str, problems: Vec<String>) {
    assert!(problems.is_empty(), "specs/{} misses {} fact(s) of {what}:\n  {}", facts.dir, problems.len(), problems.join("\n  "));
}

fn check_types(facts: &Facts) {
    let api = read(facts);
    let mut problems = Vec::new();
    for (name, expected) in facts.types {
        let defs = lookup(&api, name);
        if defs.is_empty() {
            problems.push(format!("type `{name}` is missing"));
            continue;
        }
        for def in defs {
            let fields = match all_fields(&api, def) {
                Ok(f) => f,
                Err(e) => {
                    problems.push(e);
                    continue;
                }
            };
            let got: BTreeSet<&str> = fields.iter().map(|(f, _)| f.name.as_str()).collect();
            let want: BTreeSet<&str> = expected.iter().map(|(f, _)| *f).collect();
            for missing in want.difference(&got) {
                problems.push(format!("`{}.{missing}` is missing", def.id));
            }
            for extra in got.difference(&want) {
                problems.push(format!("`{}.{extra}` is not in the facts", def.id));
            }
            for (name, flags) in *expected {
                let Some((f, in_group)) = fields.iter().find(|(f, _)| f.name == *name) else { continue };
                let ctx = format!("`{}.{name}`", def.id);
                if f.read_only != flags.contains("read-only") {
                    problems.push(format!("{ctx} should {}be read-only", if f.read_only { "not " } else { "" }));
                }
                if f.deprecated.is_some() != flags.contains("deprecated") {
                    problems.push(format!("{ctx} should {}be deprecated", if f.deprecated.is_some() { "not " } else { "" }));
                }
                if *in_group != flags.contains("one-of") {
                    problems.push(format!("{ctx} should {}be in a one-of group", if *in_group { "not " } else { "" }));
                }
                if flags.contains("required") && !f.required {
                    problems.push(format!("{ctx} should be required"));
                }
            }
        }
    }
    fail_if_any(facts, "types, fields and flags", problems);
}

fn check_enums(facts: &Facts) {
    let api = read(facts);
    let mut problems = Vec::new();
    for (name, values) in facts.enums {
        let defs = lookup(&api, name);
        if defs.is_empty() {
            problems.push(format!("enum `{name}` is missing"));
        }
        for def in defs {
            let TypeKind::Enum { values: got } = &def.kind else {
                problems.push(format!("`{}` is not an enum", def.id));
                continue;
            };
            let got: Vec<&str> = got.iter().map(|v| v.name.as_str()).collect();
            if got != *values {
                problems.push(format!("values of `{}`: pages {got:?}, facts {values:?}", def.id));
            }
        }
    }
    fail_if_any(facts, "enums", problems);
}

fn check_methods_and_events(facts: &Facts) {
    let api = read(facts);
    let mut problems = Vec::new();
    let want: BTreeSet<&str> = facts.methods.iter().map(|m| m.0).collect();
    let got: BTreeSet<&str> = api.methods.keys().map(String::as_str).collect();
    for extra in got.difference(&want) {
        problems.push(format!("method `{extra}` is not in the facts"));
    }
    for (name, verb, path, response, path_params) in facts.methods {
        let Some(m) = api.methods.get(*name) else {
            problems.push(format!("method `{name}` is missing"));
            continue;
        };
        let got_verb = format!("{:?}", m.verb).to_uppercase();
        if got_verb != *verb || m.path != *path {
            problems.push(format!("`{name}` is `{got_verb} {}`, the facts say `{verb} {path}`", m.path));
        }
        let got_response = m.response.as_ref().map(|r| r.as_str().rsplit('.').next().unwrap().to_string());
        if got_response.as_deref() != Some(*response) {
            problems.push(format!("`{name}` returns {got_response:?}, the facts say `{response}`"));
        }
        let in_path: Vec<&str> =
            m.params.iter().filter(|p| format!("{:?}", p.location) == "Path").map(|p| p.name.as_str()).collect();
        if in_path != *path_params {
            problems.push(format!("path parameters of `{name}`: pages {in_path:?}, facts {path_params:?}"));
        }
    }
    let want: BTreeSet<&str> = facts.events.iter().map(|e| e.0).collect();
    let got: BTreeSet<&str> = api.events.values().map(|e| e.event_type.as_str()).collect();
    for extra in got.difference(&want) {
        problems.push(format!("event `{extra}` is not in the facts"));
    }
    for (event_type, payload) in facts.events {
        let Some(e) = api.events.values().find(|e| e.event_type == *event_type) else {
            problems.push(format!("event `{event_type}` is missing"));
            continue;
        };
        let got = e.payload.as_str().rsplit('.').next().unwrap();
        if let Some(payload) = payload {
            if got != *payload {
                problems.push(format!("event `{event_type}` carries `{got}`, the facts say `{payload}`"));
            }
        }
    }
    fail_if_any(facts, "methods and events", problems);
}

fn check_errors(facts: &Facts) {
    let api = read(facts);
    let mut problems = Vec::new();
    for (name, codes) in facts.errors {
        let Some(m) = api.methods.get(*name) else {
            problems.push(format!("method `{name}` is missing"));
            continue;
        };
        let got: BTreeSet<&str> = m.errors.iter().map(|e| e.code.as_str()).collect();
        for code in *codes {
            if !got.contains(code) {
                problems.push(format!("`{name}` does not list error `{code}`"));
            }
        }
    }
    fail_if_any(facts, "application errors", problems);
}

fn check_ids(facts: &Facts) {
    let api = read(facts);
    let mut problems = Vec::new();
    for (ty, name, kind) in facts.ids {
        match field(&api, ty, name) {
            Ok(f) if f.id_kind.as_deref() == Some(*kind) => {}
            Ok(f) => problems.push(format!("`{ty}.{name}` holds {:?} IDs, the facts say `{kind}`", f.id_kind)),
            Err(e) => problems.push(e),
        }
    }
    for (_, _, kind) in facts.ids {
        match api.id_kinds.get(*kind) {
            Some(k) if k.guid => {}
            Some(_) => problems.push(format!("ID kind `{kind}` should be a GUID")),
            None => problems.push(format!("ID kind `{kind}` is missing")),
        }
    }
    problems.dedup();
    fail_if_any(facts, "IDs", problems);
}

#[test]
fn every_type_of_the_contacts_api_has_its_fields_and_flags() {
    check_types(&CONTACTS);
}

#[test]
fn every_enum_of_the_contacts_api_has_its_values_in_order() {
    check_enums(&CONTACTS);
}

#[test]
fn every_method_and_event_of_the_contacts_api_is_read() {
    check_methods_and_events(&CONTACTS);
}

#[test]
fn contacts_methods_list_their_application_errors() {
    check_errors(&CONTACTS);
}

#[test]
fn contact_ids_are_tied_to_their_kind() {
    check_ids(&CONTACTS);
}

#[test]
fn every_type_of_the_members_api_has_its_fields_and_flags() {
    check_types(&MEMBERS);
}

#[test]
fn every_enum_of_the_members_api_has_its_values_in_order() {
    check_enums(&MEMBERS);
}

#[test]
fn every_method_and_event_of_the_members_api_is_read() {
    check_methods_and_events(&MEMBERS);
}

#[test]
fn members_methods_list_their_application_errors() {
    check_errors(&MEMBERS);
}

#[test]
fn member_ids_and_their_contact_ids_are_tied_to_their_kinds() {
    check_ids(&MEMBERS);
}
