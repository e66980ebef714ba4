//! The in-memory Contacts and Members of the server's sites: what the Contacts and
//! Members routes read and write, and what participant conversions create. Plain data
//! and synchronous operations, kept as the JSON the APIs send (the routes decode it
//! into the bindings' types); `store` ties them to Inbox's people.

use std::cmp::Ordering;

use serde_json::{json, Map, Value};
use wix_contacts::{ContactFieldSet, ContactInfo, QueryContactsRequest, UpdateContactRequest};
use wix_inbox::{AppId, ContactId, MemberId, SiteId};
use wix_members::{Member, QueryMembersRequest, Set};

use crate::ids::IdGen;
use crate::query::{order_by, Field, Filter, FilterError, Kind};
use crate::wix_error::AppError;

/// queryContacts: the page size when `query.paging.limit` is not set.
pub const CONTACTS_DEFAULT_PAGE_SIZE: usize = 50;
/// queryContacts: the largest `query.paging.limit`.
pub const CONTACTS_MAX_PAGE_SIZE: usize = 1000;
/// queryMembers: the page size when `query.paging.limit` is not set, and the largest.
pub const MEMBERS_MAX_PAGE_SIZE: usize = 100;

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
const CONTACT_SORT_FIELDS: [&str; 8] = [
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
static MEMBER_SORT_FIELDS: [Field; 6] = [
    field("profile.nickname", Kind::Text, &[]),
    field("contact.firstName", Kind::Text, &[]),
    field("contact.lastName", Kind::Text, &[]),
    field("createdDate", Kind::Time, &[]),
    field("updatedDate", Kind::Time, &[]),
    field("lastLoginDate", Kind::Time, &[]),
];

/// What queryMembers' `search.fields` may name.
const MEMBER_SEARCH_FIELDS: [&str; 6] = [
    "loginEmail",
    "contact.firstName",
    "contact.lastName",
    "profile.title",
    "profile.nickname",
    "profile.slug",
];

/// What a participant gives when they become a contact or a member through a
/// conversion ([`Inbox::convert_to_contact_with`](crate::Inbox::convert_to_contact_with)):
/// the new contact's email address and name. A contact needs one of them; with
/// neither, the server makes up an address (`visitor-…@example.com`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactDetails {
    /// The email address: the contact's primary one, and a member's login email.
    pub email: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
}

impl ContactDetails {
    /// Details with an email address only.
    pub fn email(email: impl Into<String>) -> Self {
        ContactDetails {
            email: Some(email.into()),
            ..ContactDetails::default()
        }
    }

    /// The contact info these details give; `fallback_email` when they give nothing.
    pub(crate) fn info(&self, fallback_email: impl FnOnce() -> String) -> ContactInfo {
        let mut info = ContactInfo::default();
        let named = nonempty(&self.first_name) || nonempty(&self.last_name);
        if named {
            info.name = Some(wix_contacts::ContactName {
                first: self.first_name.clone().filter(|s| !s.trim().is_empty()),
                last: self.last_name.clone().filter(|s| !s.trim().is_empty()),
            });
        }
        let email = match &self.email {
            Some(email) if !email.trim().is_empty() => Some(email.trim().to_owned()),
            _ if named => None,
            _ => Some(fallback_email()),
        };
        if let Some(email) = email {
            let mut entry = wix_contacts::ContactEmail::default();
            entry.email = Some(email);
            entry.tag = Some(wix_contacts::EmailTag::Main);
            entry.primary = Some(true);
            info.emails = Some(wix_contacts::ContactEmailsWrapper { items: vec![entry] });
        }
        info
    }
}

fn nonempty(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|s| !s.trim().is_empty())
}

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
    fn source(self) -> Value {
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
    revision: i64,
    source: Value,
    created: String,
    updated: String,
    activity: Value,
    /// `ContactInfo` as JSON, entry IDs set.
    info: Value,
}

/// The entry of `info.emails` or `info.phones` marked primary.
fn primary_entry<'a>(info: &'a Value, list: &str) -> Option<&'a Value> {
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

    fn has_email(&self, email: &str) -> bool {
        entries(&self.info, "emails", "email").any(|e| e.eq_ignore_ascii_case(email))
    }

    /// The first and last name.
    pub(crate) fn name(&self) -> (Option<String>, Option<String>) {
        let part = |key: &str| self.info["name"][key].as_str().map(str::to_owned);
        (part("first"), part("last"))
    }
}

/// The `key` of each entry of `info.<list>.items`.
fn entries<'a>(info: &'a Value, list: &str, key: &'a str) -> impl Iterator<Item = &'a str> {
    info[list]["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(move |entry| entry[key].as_str())
}

#[derive(Debug)]
pub(crate) struct StoredMember {
    pub site: SiteId,
    pub id: MemberId,
    pub contact_id: ContactId,
    /// The whole member (`FULL`), as JSON.
    member: Value,
}

/// Where a page is in the results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PageInfo {
    pub count: usize,
    pub offset: usize,
    pub total: usize,
}

/// The contacts and members of every site, each list in order of creation.
#[derive(Debug, Default)]
pub(crate) struct Crm {
    contacts: Vec<StoredContact>,
    members: Vec<StoredMember>,
}

/// Checks what the Contacts pages require of a contact's info.
fn check_info(info: &ContactInfo) -> Result<(), AppError> {
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
fn info_json(info: &ContactInfo, previous: Option<&Value>, ids: &mut IdGen) -> Value {
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

fn contact_not_found() -> AppError {
    AppError::documented("CONTACT_NOT_FOUND", "no contact has this GUID")
}

fn member_not_found() -> AppError {
    // The Members pages document no application error for an unknown member.
    AppError::status(404, "no member has this GUID")
}

fn duplicate(other: &StoredContact, email: &str) -> AppError {
    AppError::application_with_data(
        409,
        "DUPLICATE_CONTACT_EXISTS",
        "another contact already has this email address",
        json!({"duplicateContactId": other.id, "duplicateEmail": email}),
    )
}

fn contact_filter_error(e: FilterError) -> AppError {
    let code = match e {
        FilterError::Malformed(_) => "MALFORMED_FILTER",
        FilterError::UnknownField(_) => "UNSUPPORTED_FILTER_FIELD_UNKNOWN",
        FilterError::Operator { .. } => "UNSUPPORTED_FILTER_OPERATOR",
        FilterError::ValueType { .. } => "UNSUPPORTED_FILTER_VALUE_TYPE",
        FilterError::Value { .. } => "UNSUPPORTED_FILTER_VALUE",
    };
    AppError::documented(code, &e.describe())
}

/// `offset` and `limit` of a query, checked.
fn paging(
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

/// A profile slug from a name: lower-case letters and digits.
fn slug_of(name: &str) -> String {
    let slug: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if slug.is_empty() {
        "member".into()
    } else {
        slug
    }
}

impl Crm {
    // ---- Contacts ----

    pub(crate) fn contact(&self, site: &SiteId, id: &ContactId) -> Option<&StoredContact> {
        self.contacts
            .iter()
            .find(|c| &c.site == site && &c.id == id)
    }

    fn contact_index(&self, site: &SiteId, id: &ContactId) -> Result<usize, AppError> {
        self.contacts
            .iter()
            .position(|c| &c.site == site && &c.id == id)
            .ok_or_else(contact_not_found)
    }

    /// A contact of `site` that has `email` among its addresses (not a member's, with
    /// `not_member`).
    pub(crate) fn contact_by_email(
        &self,
        site: &SiteId,
        email: &str,
        not_member: bool,
    ) -> Option<&StoredContact> {
        self.contacts
            .iter()
            .find(|c| &c.site == site && c.has_email(email) && !(not_member && c.member.is_some()))
    }

    /// Refuses an email address of `info` that another contact of `site` has.
    fn check_duplicates(
        &self,
        site: &SiteId,
        info: &Value,
        except: Option<&ContactId>,
    ) -> Result<(), AppError> {
        for email in entries(info, "emails", "email") {
            if let Some(other) = self
                .contacts
                .iter()
                .find(|c| &c.site == site && Some(&c.id) != except && c.has_email(email))
            {
                return Err(duplicate(other, email));
            }
        }
        Ok(())
    }

    /// createContact: the new contact, as JSON.
    pub(crate) fn create_contact(
        &mut self,
        ids: &mut IdGen,
        new: NewContact<'_>,
    ) -> Result<Value, AppError> {
        check_info(new.info)?;
        if let Some(id) = &new.id {
            if self.contacts.iter().any(|c| &c.id == id) {
                return Err(AppError::documented(
                    "CONTACT_ID_ALREADY_EXISTS",
                    "a contact with this GUID already exists",
                ));
            }
        }
        let info = info_json(new.info, None, ids);
        if !new.allow_duplicates {
            self.check_duplicates(&new.site, &info, None)?;
        }
        let contact = StoredContact {
            site: new.site,
            id: new.id.unwrap_or_else(|| ids.guid()),
            member: None,
            revision: 1,
            source: new.origin.source(),
            created: new.now.to_owned(),
            updated: new.now.to_owned(),
            activity: json!({"activityDate": new.now, "activityType": "CONTACT_CREATED"}),
            info,
        };
        let json = contact.json();
        self.contacts.push(contact);
        Ok(json)
    }

    /// getContact, before projection.
    pub(crate) fn get_contact(&self, site: &SiteId, id: &ContactId) -> Result<Value, AppError> {
        Ok(self.contacts[self.contact_index(site, id)?].json())
    }

    /// updateContact: the fields of `request.info` replace the contact's, when
    /// `request.revision` is the contact's; the updated contact.
    pub(crate) fn update_contact(
        &mut self,
        ids: &mut IdGen,
        site: &SiteId,
        request: &UpdateContactRequest,
        now: &str,
    ) -> Result<Value, AppError> {
        let revision = request.revision.ok_or_else(|| {
            AppError::invalid_argument("revision", "the contact's current revision is required")
        })?;
        let index = self.contact_index(site, &request.contact_id)?;
        let stored = &self.contacts[index];
        if revision != stored.revision {
            return Err(AppError::documented(
                "CONTACT_ALREADY_CHANGED",
                &format!(
                    "the contact is at revision {}, not {revision}: read it again",
                    stored.revision
                ),
            ));
        }
        let update = match serde_json::to_value(&request.info) {
            Ok(Value::Object(update)) if !update.is_empty() => update,
            _ => {
                return Err(AppError::documented(
                    "INSUFFICIENT_UPDATE_CONTACT_DATA",
                    "the request gives nothing to update",
                ))
            }
        };
        let mut merged = stored.info.as_object().cloned().unwrap_or_default();
        merged.extend(update);
        let merged: ContactInfo = serde_json::from_value(Value::Object(merged))
            .map_err(|e| AppError::invalid_body(&e.to_string()))?;
        check_info(&merged)?;
        let info = info_json(&merged, Some(&stored.info), ids);
        if stored.member.is_some() {
            let new_email = primary_entry(&info, "emails").and_then(|e| e["email"].as_str());
            let same = match (stored.primary_email(), new_email) {
                (Some(old), Some(new)) => old.eq_ignore_ascii_case(new),
                (old, new) => old.is_none() && new.is_none(),
            };
            if !same {
                return Err(AppError::documented(
                    "CANNOT_UPDATE_MEMBER_EMAIL",
                    "the contact is a member: change the login email through Members",
                ));
            }
        }
        if !request.allow_duplicates.unwrap_or(false) {
            self.check_duplicates(site, &info, Some(&request.contact_id))?;
        }
        let stored = &mut self.contacts[index];
        stored.info = info;
        stored.revision += 1;
        stored.updated = now.to_owned();
        Ok(stored.json())
    }

    /// deleteContact: the deleted contact's ID and the sequence of its Deleted event.
    pub(crate) fn delete_contact(
        &mut self,
        site: &SiteId,
        id: &ContactId,
    ) -> Result<(ContactId, i64), AppError> {
        // The pages give deleteContact no not-found error: this is the one the
        // Contacts API uses for an unknown contact.
        let index = self.contact_index(site, id)?;
        if self.contacts[index].member.is_some() {
            return Err(AppError::documented(
                "CANNOT_DELETE_MEMBER",
                "the contact is a site member: delete the member first",
            ));
        }
        let contact = self.contacts.remove(index);
        Ok((contact.id, contact.revision + 1))
    }

    /// queryContacts, before projection: the page and where it is.
    pub(crate) fn query_contacts(
        &self,
        site: &SiteId,
        request: &QueryContactsRequest,
    ) -> Result<(Vec<Value>, PageInfo), AppError> {
        let query = request.query.clone().unwrap_or_default();
        let filter =
            Filter::parse(query.filter.as_ref(), &CONTACT_FIELDS).map_err(contact_filter_error)?;
        if let Some(search) = &request.search {
            if search.chars().count() > 100 {
                return Err(AppError::invalid_argument(
                    "search",
                    "at most 100 characters",
                ));
            }
        }
        if query.sort.len() > 1 {
            return Err(AppError::invalid_argument(
                "query.sort",
                "at most one sort entry",
            ));
        }
        let sort = match query.sort.first() {
            None => None,
            Some(sorting) => {
                let name = sorting.field_name.as_deref().unwrap_or("createdDate");
                if !CONTACT_SORT_FIELDS.contains(&name) {
                    return Err(AppError::documented(
                        "UNSUPPORTED_SORT_FIELD",
                        &format!("contacts cannot be sorted by `{name}`"),
                    ));
                }
                let field = CONTACT_FIELDS
                    .iter()
                    .find(|f| f.name == name)
                    .expect("every sort field is a filter field");
                let descending = match &sorting.order {
                    None | Some(wix_contacts::SortOrder::Asc) => false,
                    Some(wix_contacts::SortOrder::Desc) => true,
                    Some(wix_contacts::SortOrder::Unrecognized(_)) => {
                        return Err(AppError::invalid_argument(
                            "query.sort.order",
                            "must be ASC or DESC",
                        ))
                    }
                };
                Some((field, descending))
            }
        };
        let paging_in = query.paging.clone().unwrap_or_default();
        let (offset, limit) = paging(
            paging_in.offset,
            paging_in.limit,
            CONTACTS_DEFAULT_PAGE_SIZE,
            CONTACTS_MAX_PAGE_SIZE,
            || {
                AppError::documented(
                    "ILLEGAL_LIMIT",
                    &format!("`paging.limit` is from 1 to {CONTACTS_MAX_PAGE_SIZE}"),
                )
            },
            "query.paging.offset",
        )?;
        let search_hits = |c: &StoredContact| match &request.search {
            None => true,
            Some(text) => {
                let (first, last) = c.name();
                first.as_deref() == Some(text.as_str())
                    || last.as_deref() == Some(text.as_str())
                    || c.has_email(text)
                    || entries(&c.info, "phones", "phone").any(|p| p == text)
            }
        };
        let mut matching: Vec<Value> = self
            .contacts
            .iter()
            .filter(|c| &c.site == site && search_hits(c))
            .map(StoredContact::json)
            .filter(|json| filter.matches(json))
            .collect();
        if let Some((field, descending)) = sort {
            // Stable: ties stay in order of creation.
            matching.sort_by(|a, b| {
                let ordering = order_by(field, a, b);
                if descending {
                    ordering.reverse()
                } else {
                    ordering
                }
            });
        }
        let total = matching.len();
        let page: Vec<Value> = matching
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|c| project_contact(c, &query.fields, &query.fieldsets, "query.fieldsets"))
            .collect::<Result<_, _>>()?;
        let info = PageInfo {
            count: page.len(),
            offset,
            total,
        };
        Ok((page, info))
    }

    // ---- Members ----

    pub(crate) fn member_by_id(&self, id: &MemberId) -> Option<&StoredMember> {
        self.members.iter().find(|m| &m.id == id)
    }

    pub(crate) fn member_of_contact(&self, contact: &ContactId) -> Option<&StoredMember> {
        self.members.iter().find(|m| &m.contact_id == contact)
    }

    /// The member of `site` who logs in with `email`.
    pub(crate) fn member_by_login(&self, site: &SiteId, email: &str) -> Option<&StoredMember> {
        self.members.iter().find(|m| {
            &m.site == site
                && m.member["loginEmail"]
                    .as_str()
                    .is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
    }

    /// Makes `input` a member of `site` whose contact is `contact_id`, logging in with
    /// `login_email`: the new member, as JSON (`FULL`). The caller has checked that
    /// the login email is free and the contact is no member yet.
    pub(crate) fn create_member(
        &mut self,
        ids: &mut IdGen,
        site: SiteId,
        contact_id: ContactId,
        input: &Member,
        login_email: &str,
        now: &str,
    ) -> Value {
        let id: MemberId = ids.guid();
        let mut member = match serde_json::to_value(input) {
            Ok(Value::Object(member)) => member,
            _ => Map::new(),
        };
        // What Wix sets is not taken from the caller.
        for key in [
            "id",
            "loginEmailVerified",
            "status",
            "contactId",
            "activityStatus",
            "createdDate",
            "updatedDate",
            "lastLoginDate",
        ] {
            member.remove(key);
        }
        let mut contact = match member.remove("contact") {
            Some(Value::Object(contact)) => contact,
            _ => Map::new(),
        };
        let emails = contact
            .entry("emails")
            .or_insert_with(|| json!([]))
            .as_array_mut()
            .expect("emails is an array");
        if !emails.iter().any(|e| {
            e.as_str()
                .is_some_and(|e| e.eq_ignore_ascii_case(login_email))
        }) {
            emails.insert(0, json!(login_email));
        }
        let mut profile = match member.remove("profile") {
            Some(Value::Object(profile)) => profile,
            _ => Map::new(),
        };
        if !profile.get("nickname").is_some_and(Value::is_string) {
            let nickname = contact
                .get("firstName")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| login_email.split('@').next().unwrap_or("member").to_owned());
            profile.insert("nickname".into(), json!(nickname));
        }
        let base = slug_of(profile["nickname"].as_str().unwrap_or("member"));
        let mut slug = base.clone();
        let mut n = 1;
        while self
            .members
            .iter()
            .any(|m| m.site == site && m.member["profile"]["slug"] == json!(slug))
        {
            n += 1;
            slug = format!("{base}{n}");
        }
        profile.insert("slug".into(), json!(slug));
        member
            .entry("privacyStatus")
            .or_insert_with(|| json!("PUBLIC"));
        member.insert("id".into(), json!(id));
        member.insert("loginEmail".into(), json!(login_email));
        member.insert("loginEmailVerified".into(), json!(false));
        member.insert("status".into(), json!("APPROVED"));
        member.insert("contactId".into(), json!(contact_id));
        member.insert("contact".into(), Value::Object(contact));
        member.insert("profile".into(), Value::Object(profile));
        member.insert("activityStatus".into(), json!("ACTIVE"));
        member.insert("createdDate".into(), json!(now));
        member.insert("updatedDate".into(), json!(now));
        let member = Value::Object(member);
        self.members.push(StoredMember {
            site,
            id,
            contact_id,
            member: member.clone(),
        });
        if let Some(contact) = self
            .contacts
            .iter_mut()
            .find(|c| c.site == site && c.id == contact_id)
        {
            contact.member = Some(id);
        }
        member
    }

    /// getMember, before projection.
    pub(crate) fn get_member(&self, site: &SiteId, id: &MemberId) -> Result<Value, AppError> {
        self.members
            .iter()
            .find(|m| &m.site == site && &m.id == id)
            .map(|m| m.member.clone())
            .ok_or_else(member_not_found)
    }

    /// deleteMember: the member goes, their contact stays (no longer a member's).
    pub(crate) fn delete_member(&mut self, site: &SiteId, id: &MemberId) -> Result<(), AppError> {
        let index = self
            .members
            .iter()
            .position(|m| &m.site == site && &m.id == id)
            .ok_or_else(member_not_found)?;
        let member = self.members.remove(index);
        for contact in &mut self.contacts {
            if contact.member == Some(member.id) {
                contact.member = None;
            }
        }
        Ok(())
    }

    /// queryMembers, projected: the page and where it is.
    pub(crate) fn query_members(
        &self,
        site: &SiteId,
        request: &QueryMembersRequest,
    ) -> Result<(Vec<Value>, PageInfo), AppError> {
        let query = request.query.clone().unwrap_or_default();
        // The Members pages document no application errors for queries: what cannot
        // be answered is a validation error.
        let filter = Filter::parse(query.filter.as_ref(), &MEMBER_FIELDS)
            .map_err(|e| AppError::invalid_argument("query.filter", &e.describe()))?;
        let mut sorts = Vec::new();
        for sorting in &query.sorting {
            if sorting.origin.is_some() {
                return Err(AppError::invalid_argument(
                    "query.sorting.origin",
                    "sorting by distance is not supported here",
                ));
            }
            let name = sorting.field_name.as_deref().unwrap_or_default();
            let field = MEMBER_SORT_FIELDS
                .iter()
                .find(|f| f.name == name)
                .ok_or_else(|| {
                    AppError::invalid_argument(
                        "query.sorting.fieldName",
                        &format!("members cannot be sorted by `{name}`"),
                    )
                })?;
            let descending = match &sorting.order {
                None | Some(wix_members::SortOrder::Asc) => false,
                Some(wix_members::SortOrder::Desc) => true,
                Some(wix_members::SortOrder::Unrecognized(_)) => {
                    return Err(AppError::invalid_argument(
                        "query.sorting.order",
                        "must be ASC or DESC",
                    ))
                }
            };
            sorts.push((field, descending));
        }
        let search = match &request.search {
            None => None,
            Some(search) => {
                let expression = search.expression.clone().unwrap_or_default();
                if !(1..=100).contains(&expression.chars().count()) {
                    return Err(AppError::invalid_argument(
                        "search.expression",
                        "from 1 to 100 characters",
                    ));
                }
                if search.fields.len() > 4 {
                    return Err(AppError::invalid_argument("search.fields", "at most 4"));
                }
                let mut fields: Vec<&str> = search.fields.iter().map(String::as_str).collect();
                if let Some(bad) = fields.iter().find(|f| !MEMBER_SEARCH_FIELDS.contains(f)) {
                    return Err(AppError::invalid_argument(
                        "search.fields",
                        &format!("`{bad}` cannot be searched"),
                    ));
                }
                if fields.is_empty() {
                    fields.push("profile.nickname");
                }
                Some((expression.to_lowercase(), fields))
            }
        };
        let paging_in = query.paging.clone().unwrap_or_default();
        let (offset, limit) = paging(
            paging_in.offset,
            paging_in.limit,
            MEMBERS_MAX_PAGE_SIZE,
            MEMBERS_MAX_PAGE_SIZE,
            || {
                AppError::invalid_argument(
                    "query.paging.limit",
                    &format!("from 1 to {MEMBERS_MAX_PAGE_SIZE}"),
                )
            },
            "query.paging.offset",
        )?;
        let found = |member: &Value| match &search {
            None => true,
            Some((expression, fields)) => fields.iter().any(|path| {
                crate::query::lookup(member, path)
                    .and_then(Value::as_str)
                    .is_some_and(|v| v.to_lowercase().contains(expression.as_str()))
            }),
        };
        let mut matching: Vec<&Value> = self
            .members
            .iter()
            .filter(|m| &m.site == site)
            .map(|m| &m.member)
            .filter(|m| filter.matches(m) && found(m))
            .collect();
        matching.sort_by(|a, b| {
            sorts
                .iter()
                .map(|(field, descending)| {
                    let ordering = order_by(field, a, b);
                    if *descending {
                        ordering.reverse()
                    } else {
                        ordering
                    }
                })
                .find(|o| *o != Ordering::Equal)
                .unwrap_or(Ordering::Equal)
        });
        let total = matching.len();
        let page: Vec<Value> = matching
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|m| project_member(m.clone(), &request.fieldsets))
            .collect::<Result<_, _>>()?;
        if page.is_empty() {
            // The field sets are checked even when no member comes back.
            project_member(json!({}), &request.fieldsets)?;
        }
        let info = PageInfo {
            count: page.len(),
            offset,
            total,
        };
        Ok((page, info))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: SiteId = SiteId::from_literal("5a1e5a1e-0000-4000-8000-000000000001");

    fn new_contact<'a>(info: &'a ContactInfo) -> NewContact<'a> {
        NewContact {
            site: SITE,
            id: None,
            info,
            allow_duplicates: false,
            origin: Origin::Chat,
            now: "2024-05-02T07:30:00.412Z",
        }
    }

    #[test]
    fn details_make_info() {
        let info = ContactDetails::default().info(|| "made@example.com".into());
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["emails"]["items"][0]["email"], "made@example.com");
        let named = ContactDetails {
            first_name: Some("Ann".into()),
            ..ContactDetails::default()
        }
        .info(|| unreachable!("a name is enough"));
        assert!(named.emails.is_none());
        assert_eq!(named.name.unwrap().first.as_deref(), Some("Ann"));
    }

    #[test]
    fn contacts_get_ids_primaries_and_refuse_duplicates() {
        let mut crm = Crm::default();
        let mut ids = IdGen::new();
        let info = ContactDetails::email("ann@example.com").info(String::new);
        let mut info2 = info.clone();
        info2.emails.as_mut().unwrap().items[0].primary = None;
        let json = crm.create_contact(&mut ids, new_contact(&info2)).unwrap();
        assert_eq!(json["primaryInfo"]["email"], "ann@example.com");
        assert!(json["info"]["emails"]["items"][0]["id"].is_string());
        let e = crm
            .create_contact(
                &mut ids,
                new_contact(&ContactDetails::email("ANN@example.com").info(String::new)),
            )
            .unwrap_err();
        assert_eq!(e.status, 409);
        assert_eq!(
            e.body["details"]["applicationError"]["data"]["duplicateContactId"],
            json["id"]
        );
        let empty = ContactInfo::default();
        let e = crm
            .create_contact(&mut ids, new_contact(&empty))
            .unwrap_err();
        assert_eq!(
            e.body["details"]["applicationError"]["code"],
            "INSUFFICIENT_CONTACT_DATA"
        );
    }

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
