//! What Contacts and Members queries filter, sort and search on, with the operators
//! the pages list, and how a query's paging is checked.

use crate::query::{Field, Kind};
use crate::wix_error::AppError;

const ID_OPS: &[&str] = &["$eq", "$ne", "$in", "$exists"];
const TEXT_OPS: &[&str] = &["$eq", "$ne", "$in", "$exists", "$startsWith"];
const DATE_OPS: &[&str] = &["$eq", "$ne", "$gt", "$gte", "$lt", "$lte"];
const LIST_OPS: &[&str] = &["$hasSome", "$hasAll"];
const MEMBER_OPS: &[&str] = &[
    "$eq",
    "$ne",
    "$in",
    "$exists",
    "$gt",
    "$gte",
    "$lt",
    "$lte",
    "$startsWith",
];

const fn field(name: &'static str, kind: Kind, ops: &'static [&'static str]) -> Field {
    Field {
        name,
        path: name,
        kind,
        ops,
    }
}

/// What queryContacts filters on, with the operators the Contacts pages list.
pub(crate) static CONTACT_FIELDS: [Field; 13] = [
    field("id", Kind::Text, ID_OPS),
    field("createdDate", Kind::Time, DATE_OPS),
    field("updatedDate", Kind::Time, DATE_OPS),
    field("lastActivity.activityDate", Kind::Time, DATE_OPS),
    field("info.birthdate", Kind::Text, DATE_OPS),
    field("primaryInfo.email", Kind::Email, TEXT_OPS),
    field("primaryInfo.phone", Kind::Text, TEXT_OPS),
    field("info.name.first", Kind::Text, TEXT_OPS),
    field("info.name.last", Kind::Text, TEXT_OPS),
    field("info.company", Kind::Text, TEXT_OPS),
    field("info.jobTitle", Kind::Text, TEXT_OPS),
    field("info.locale", Kind::Text, ID_OPS),
    Field {
        name: "info.labelKeys",
        path: "info.labelKeys.items",
        kind: Kind::List,
        ops: LIST_OPS,
    },
];

/// What queryContacts sorts by.
pub(super) const CONTACT_SORT_FIELDS: [&str; 8] = [
    "createdDate",
    "lastActivity.activityDate",
    "primaryInfo.email",
    "info.name.first",
    "info.name.last",
    "info.company",
    "info.jobTitle",
    "info.birthdate",
];

/// What queryMembers filters on, with the operators the Members pages list.
pub(crate) static MEMBER_FIELDS: [Field; 9] = [
    field("id", Kind::Text, MEMBER_OPS),
    field("loginEmail", Kind::Email, MEMBER_OPS),
    field("contactId", Kind::Text, MEMBER_OPS),
    field("contact.firstName", Kind::Text, MEMBER_OPS),
    field("contact.lastName", Kind::Text, MEMBER_OPS),
    field("profile.nickname", Kind::Text, MEMBER_OPS),
    field("profile.slug", Kind::Text, MEMBER_OPS),
    field("status", Kind::Text, ID_OPS),
    field("privacyStatus", Kind::Text, ID_OPS),
];

/// What queryMembers sorts by.
pub(super) static MEMBER_SORT_FIELDS: [Field; 6] = [
    field("profile.nickname", Kind::Text, &[]),
    field("contact.firstName", Kind::Text, &[]),
    field("contact.lastName", Kind::Text, &[]),
    field("createdDate", Kind::Time, &[]),
    field("updatedDate", Kind::Time, &[]),
    field("lastLoginDate", Kind::Time, &[]),
];

/// What queryMembers' `search.fields` may name.
pub(super) const MEMBER_SEARCH_FIELDS: [&str; 6] = [
    "loginEmail",
    "contact.firstName",
    "contact.lastName",
    "profile.title",
    "profile.nickname",
    "profile.slug",
];

/// `offset` and `limit` of a query, checked.
pub(super) fn paging(
    offset: Option<i64>,
    limit: Option<i64>,
    default: usize,
    max: usize,
    bad_limit: impl FnOnce() -> AppError,
    offset_field: &str,
) -> Result<(usize, usize), AppError> {
    let limit = match limit {
        None => default,
        Some(n) if (1..=max as i64).contains(&n) => n as usize,
        Some(_) => return Err(bad_limit()),
    };
    let offset = match offset {
        None => 0,
        Some(n) if n >= 0 => n as usize,
        Some(_) => {
            return Err(AppError::invalid_argument(
                offset_field,
                "must not be negative",
            ))
        }
    };
    Ok((offset, limit))
}
