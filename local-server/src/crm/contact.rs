//! One stored contact: where it came from, its info as the Contacts API sends it, and
//! the checks and entry IDs a contact's info gets before it is stored.

use serde_json::{json, Map, Value};
use wix_contacts::ContactInfo;
use wix_inbox::{AppId, ContactId, MemberId, SiteId};

use super::details::nonempty;
use crate::ids::IdGen;
use crate::wix_error::AppError;

/// Where a contact came from (its `source`).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Origin {
    /// createContact by the app.
    App(AppId),
    /// A visitor who left their details in a chat.
    Chat,
    /// A visitor or contact who became a member, or createMember.
    SiteMembers,
}

impl Origin {
    pub(super) fn source(self) -> Value {
        match self {
            Origin::App(app) => json!({"sourceType": "WIX_APP", "appId": app}),
            Origin::Chat => json!({"sourceType": "WIX_CHAT"}),
            Origin::SiteMembers => json!({"sourceType": "WIX_SITE_MEMBERS"}),
        }
    }
}

/// A contact to create.
pub(crate) struct NewContact<'a> {
    pub site: SiteId,
    /// The contact's ID when it is known already (a contact Inbox named first).
    pub id: Option<ContactId>,
    pub info: &'a ContactInfo,
    pub allow_duplicates: bool,
    pub origin: Origin,
    pub now: &'a str,
}

#[derive(Debug)]
pub(crate) struct StoredContact {
    pub site: SiteId,
    pub id: ContactId,
    /// The member whose contact this is.
    pub member: Option<MemberId>,
    pub(super) revision: i64,
    pub(super) source: Value,
    pub(super) created: String,
    pub(super) updated: String,
    pub(super) activity: Value,
    /// `ContactInfo` as JSON, entry IDs set.
    pub(super) info: Value,
}

/// The entry of `info.emails` or `info.phones` marked primary.
pub(super) fn primary_entry<'a>(info: &'a Value, list: &str) -> Option<&'a Value> {
    info[list]["items"]
        .as_array()?
        .iter()
        .find(|entry| entry["primary"] == json!(true))
}

impl StoredContact {
    /// The whole contact, as getContact returns it without projection.
    pub(crate) fn json(&self) -> Value {
        let mut contact = json!({
            "id": self.id,
            "revision": self.revision,
            "source": self.source,
            "createdDate": self.created,
            "updatedDate": self.updated,
            "lastActivity": self.activity,
            "info": self.info,
        });
        let mut primary_info = Map::new();
        if let Some(email) = primary_entry(&self.info, "emails") {
            primary_info.insert("email".into(), email["email"].clone());
            contact["primaryEmail"] = json!({
                "email": email["email"],
                "subscriptionStatus": "NOT_SET",
                "deliverabilityStatus": "NOT_SET",
            });
        }
        if let Some(phone) = primary_entry(&self.info, "phones") {
            primary_info.insert("phone".into(), phone["phone"].clone());
            let mut primary_phone = json!({
                "phone": phone["phone"],
                "subscriptionStatus": "NO_SUBSCRIPTION_STATUS",
            });
            if let Some(country) = phone.get("countryCode") {
                primary_phone["countryCode"] = country.clone();
            }
            contact["primaryPhone"] = primary_phone;
        }
        contact["primaryInfo"] = Value::Object(primary_info);
        contact
    }

    /// The primary email address.
    pub(crate) fn primary_email(&self) -> Option<String> {
        primary_entry(&self.info, "emails")?["email"]
            .as_str()
            .map(str::to_owned)
    }

    pub(super) fn has_email(&self, email: &str) -> bool {
        entries(&self.info, "emails", "email").any(|e| e.eq_ignore_ascii_case(email))
    }

    /// The first and last name.
    pub(crate) fn name(&self) -> (Option<String>, Option<String>) {
        let part = |key: &str| self.info["name"][key].as_str().map(str::to_owned);
        (part("first"), part("last"))
    }
}

/// The `key` of each entry of `info.<list>.items`.
pub(super) fn entries<'a>(
    info: &'a Value,
    list: &str,
    key: &'a str,
) -> impl Iterator<Item = &'a str> {
    info[list]["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(move |entry| entry[key].as_str())
}

/// Checks what the Contacts pages require of a contact's info.
pub(super) fn check_info(info: &ContactInfo) -> Result<(), AppError> {
    let emails = info.emails.as_ref().map_or(&[][..], |w| &w.items[..]);
    let phones = info.phones.as_ref().map_or(&[][..], |w| &w.items[..]);
    let named = info
        .name
        .as_ref()
        .is_some_and(|n| nonempty(&n.first) || nonempty(&n.last));
    if !named && emails.is_empty() && phones.is_empty() {
        return Err(AppError::documented(
            "INSUFFICIENT_CONTACT_DATA",
            "a contact needs a name, an email address or a phone number",
        ));
    }
    for (i, email) in emails.iter().enumerate() {
        if !nonempty(&email.email) {
            return Err(AppError::invalid_argument(
                &format!("info.emails.items[{i}].email"),
                "an email entry needs its address",
            ));
        }
    }
    for (i, phone) in phones.iter().enumerate() {
        if !nonempty(&phone.phone) {
            return Err(AppError::invalid_argument(
                &format!("info.phones.items[{i}].phone"),
                "a phone entry needs its number",
            ));
        }
    }
    let primaries =
        |flags: &mut dyn Iterator<Item = Option<bool>>| flags.filter(|p| *p == Some(true)).count();
    if primaries(&mut emails.iter().map(|e| e.primary)) > 1
        || primaries(&mut phones.iter().map(|p| p.primary)) > 1
    {
        return Err(AppError::documented(
            "CANNOT_HAVE_MULTIPLE_PRIMARY_INFO",
            "at most one email address and one phone number can be primary",
        ));
    }
    if let Some(items) = info.extended_fields.as_ref().and_then(|x| x.items.as_ref()) {
        if !items.is_object() {
            return Err(AppError::documented(
                "INVALID_EXTENDED_FIELD_VALUE",
                "`extendedFields.items` maps field keys to values",
            ));
        }
    }
    Ok(())
}

/// `info` as stored: each email, phone and address entry with its ID (kept from
/// `previous` when the caller gave it back, new otherwise), the first email and phone
/// primary when none is, and what only Wix sets removed.
pub(super) fn info_json(info: &ContactInfo, previous: Option<&Value>, ids: &mut IdGen) -> Value {
    let mut value = serde_json::to_value(info).unwrap_or_else(|_| json!({}));
    for list in ["emails", "phones", "addresses"] {
        let known: Vec<Value> = previous
            .and_then(|p| p[list]["items"].as_array())
            .map(|items| items.iter().map(|i| i["id"].clone()).collect())
            .unwrap_or_default();
        let Some(items) = value
            .get_mut(list)
            .and_then(|w| w.get_mut("items"))
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        for item in items.iter_mut() {
            let Some(entry) = item.as_object_mut() else {
                continue;
            };
            let id = entry
                .get("id")
                .filter(|id| known.contains(id))
                .cloned()
                .unwrap_or_else(|| json!(ids.guid_text()));
            entry.insert("id".into(), id);
            entry.remove("e164Phone");
        }
        if list != "addresses" && !items.iter().any(|i| i["primary"] == json!(true)) {
            if let Some(first) = items.first_mut() {
                first["primary"] = json!(true);
            }
        }
    }
    if let Some(image) = value
        .pointer_mut("/picture/image")
        .and_then(Value::as_object_mut)
    {
        image.remove("urlExpirationDate");
    }
    value
}
