//! The Members side of [`Crm`]: a site's members, each tied to a contact, and
//! finding, creating, deleting and querying them.

use std::cmp::Ordering;

use serde_json::{json, Map, Value};
use wix_inbox::{ContactId, MemberId, SiteId};
use wix_members::{Member, QueryMembersRequest};

use super::fields::{paging, MEMBER_FIELDS, MEMBER_SEARCH_FIELDS, MEMBER_SORT_FIELDS};
use super::projection::project_member;
use super::{Crm, PageInfo, MEMBERS_MAX_PAGE_SIZE};
use crate::ids::IdGen;
use crate::query::{order_by, Filter};
use crate::wix_error::AppError;

#[derive(Debug)]
pub(crate) struct StoredMember {
    pub site: SiteId,
    pub id: MemberId,
    pub contact_id: ContactId,
    /// The whole member (`FULL`), as JSON.
    member: Value,
}

fn member_not_found() -> AppError {
    // The Members pages document no application error for an unknown member.
    AppError::status(404, "no member has this GUID")
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
