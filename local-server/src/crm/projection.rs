//! What contacts and members look like when a request asks for some fields or field
//! sets only.

use serde_json::{json, Map, Value};
use wix_contacts::ContactFieldSet;
use wix_members::Set;

use crate::wix_error::AppError;

/// Copies the value at each dotted path of `paths` from `full` into a new object.
fn pick(full: &Value, paths: &[&str]) -> Value {
    let mut out = Value::Object(Map::new());
    for path in paths {
        let Some(value) = crate::query::lookup(full, path) else {
            continue;
        };
        let mut node = &mut out;
        let mut keys = path.split('.').peekable();
        while let Some(key) = keys.next() {
            let Some(object) = node.as_object_mut() else {
                break;
            };
            if keys.peek().is_none() {
                object.insert(key.to_owned(), value.clone());
                break;
            }
            node = object
                .entry(key.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
        }
    }
    out
}

/// A contact as `fields` and `fieldsets` ask: the whole of it when they ask nothing
/// or `FULL`; `id` and `revision` always.
pub(crate) fn project_contact(
    full: Value,
    fields: &[String],
    fieldsets: &[ContactFieldSet],
    what: &str,
) -> Result<Value, AppError> {
    let mut paths: Vec<&str> = vec!["id", "revision"];
    for set in fieldsets {
        let more: &[&str] = match set {
            ContactFieldSet::Full => return Ok(full),
            ContactFieldSet::Basic => &["primaryInfo", "info.name"],
            ContactFieldSet::CommunicationDetails => &[
                "primaryInfo",
                "info.name",
                "info.emails",
                "info.phones",
                "info.addresses",
            ],
            ContactFieldSet::Extended => &["primaryInfo", "info.name", "info.extendedFields"],
            ContactFieldSet::Unrecognized(other) => {
                return Err(AppError::invalid_argument(
                    what,
                    &format!("`{other}` is not BASIC, COMMUNICATION_DETAILS, EXTENDED or FULL"),
                ))
            }
        };
        paths.extend(more);
    }
    if fields.is_empty() && fieldsets.is_empty() {
        return Ok(full);
    }
    paths.extend(fields.iter().map(String::as_str));
    Ok(pick(&full, &paths))
}

/// A member as `fieldsets` ask (`PUBLIC` when they ask nothing): the widest set asked.
pub(crate) fn project_member(full: Value, fieldsets: &[Set]) -> Result<Value, AppError> {
    let mut level = 0;
    for set in fieldsets {
        level = level.max(match set {
            Set::Public => 0,
            Set::Extended => 1,
            Set::Full => 2,
            Set::Unrecognized(other) => {
                return Err(AppError::invalid_argument(
                    "fieldsets",
                    &format!("`{other}` is not PUBLIC, EXTENDED or FULL"),
                ))
            }
        });
    }
    if fieldsets.len() > 3 {
        return Err(AppError::invalid_argument("fieldsets", "at most 3"));
    }
    match level {
        2 => Ok(full),
        1 => Ok(pick(
            &full,
            &[
                "id",
                "contactId",
                "createdDate",
                "updatedDate",
                "profile",
                "loginEmail",
                "status",
                "privacyStatus",
                "activityStatus",
            ],
        )),
        _ => {
            let mut public = pick(
                &full,
                &["id", "contactId", "createdDate", "updatedDate", "profile"],
            );
            for hidden in ["status", "privacyStatus", "activityStatus"] {
                public[hidden] = json!("UNKNOWN");
            }
            Ok(public)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projections() {
        let full = json!({"id": "i", "revision": 1, "primaryInfo": {"email": "e"},
            "info": {"name": {"first": "A"}, "emails": {"items": []}, "company": "C"}});
        let basic = project_contact(full.clone(), &[], &[ContactFieldSet::Basic], "f").unwrap();
        assert_eq!(
            basic,
            json!({"id": "i", "revision": 1, "primaryInfo": {"email": "e"}, "info": {"name": {"first": "A"}}})
        );
        let company = project_contact(full.clone(), &["info.company".into()], &[], "f").unwrap();
        assert_eq!(
            company,
            json!({"id": "i", "revision": 1, "info": {"company": "C"}})
        );
        assert_eq!(project_contact(full.clone(), &[], &[], "f").unwrap(), full);
        let member = json!({"id": "m", "contactId": "c", "loginEmail": "l", "status": "APPROVED", "contact": {}});
        let public = project_member(member.clone(), &[]).unwrap();
        assert_eq!(public["status"], "UNKNOWN");
        assert!(public.get("loginEmail").is_none());
        assert_eq!(
            project_member(member.clone(), &[Set::Extended]).unwrap()["status"],
            "APPROVED"
        );
        assert_eq!(
            project_member(member.clone(), &[Set::Full]).unwrap(),
            member
        );
    }
}
