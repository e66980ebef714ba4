//! The Contacts side of [`Crm`]: finding, creating, updating, deleting and querying
//! a site's contacts.

use serde_json::{json, Value};
use wix_contacts::{ContactInfo, QueryContactsRequest, UpdateContactRequest};
use wix_inbox::{ContactId, SiteId};

use super::contact::{check_info, entries, info_json, primary_entry, NewContact, StoredContact};
use super::fields::{paging, CONTACT_FIELDS, CONTACT_SORT_FIELDS};
use super::projection::project_contact;
use super::{Crm, PageInfo, CONTACTS_DEFAULT_PAGE_SIZE, CONTACTS_MAX_PAGE_SIZE};
use crate::ids::IdGen;
use crate::query::{order_by, Filter, FilterError};
use crate::wix_error::AppError;

fn contact_not_found() -> AppError {
    AppError::documented("CONTACT_NOT_FOUND", "no contact has this GUID")
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crm::{ContactDetails, Origin};

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
}
