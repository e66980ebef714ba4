//! The conversions: a visitor who becomes a contact, a participant who becomes a
//! member, and the contacts and members the APIs create or update, each kept
//! consistent with Inbox's people and their conversations merged.

use serde_json::{json, Value};
use wix_contacts::ContactInfo;
use wix_inbox::{AnonymousVisitorId, ContactId, ConversationId, MemberId, ParticipantId, SiteId};

use super::{Merge, Person, Store};
use crate::crm::{ContactDetails, Crm, NewContact, Origin};
use crate::wix_error::AppError;

/// What a conversion or createMember made, for the webhooks that announce it.
#[derive(Debug, Default)]
pub(crate) struct Made {
    /// The participant's contact (new or not).
    pub contact_id: Option<ContactId>,
    /// The new member.
    pub member_id: Option<MemberId>,
    /// The contact created, as JSON, when one was.
    pub contact_created: Option<Value>,
    /// The member created, as JSON (`FULL`), when one was.
    pub member_created: Option<Value>,
    /// The conversations merged.
    pub merges: Vec<Merge>,
}

impl Store {
    /// Turns the visitor into a contact of `site`: a contact record made from
    /// `details` (Contact Created to announce), and each of their conversations merged
    /// into a new one. A visitor is Inbox's: on a site without Inbox, nothing is made
    /// and the answer is getOrCreateConversation's there (`NO_INBOX_INSTANCE`).
    pub(crate) fn convert_to_contact(
        &mut self,
        site: SiteId,
        visitor: &AnonymousVisitorId,
        details: &ContactDetails,
        now: &str,
    ) -> Result<Made, AppError> {
        if !self.has_inbox(&site) {
            return Err(AppError::no_inbox_instance());
        }
        let participant = ParticipantId::AnonymousVisitor(*visitor);
        let person = self
            .people
            .iter()
            .position(|p| p.matches(&participant))
            .ok_or_else(|| AppError::invalid_body(&format!("no visitor {visitor}")))?;
        if let Some(contact) = self.people[person].contact {
            return Err(AppError::invalid_body(&format!(
                "visitor {visitor} is already contact {contact}"
            )));
        }
        let info = details.info(|| fallback_email("visitor", visitor.as_str()));
        let contact = self.new_contact(site, None, &info, Origin::Chat, now)?;
        let contact_id = contact_id_of(&contact)?;
        self.people[person].contact = Some(contact_id);
        Ok(Made {
            contact_id: Some(contact_id),
            contact_created: Some(contact),
            merges: self.merge_all(person),
            ..Made::default()
        })
    }

    /// Makes the participant (visitor or contact) a member of `site`: a contact record
    /// too if they had none (from `details`), a member record linked to it, and each
    /// of their conversations merged into a new one. A contact the Contacts API made
    /// converts too, before writing to the business. A visitor converts only on a
    /// site with Inbox, as for [`convert_to_contact`](Self::convert_to_contact).
    pub(crate) fn convert_to_member(
        &mut self,
        site: SiteId,
        participant: &ParticipantId,
        details: &ContactDetails,
        now: &str,
    ) -> Result<Made, AppError> {
        if matches!(participant, ParticipantId::AnonymousVisitor(_)) && !self.has_inbox(&site) {
            return Err(AppError::no_inbox_instance());
        }
        let person = match self.people.iter().position(|p| p.matches(participant)) {
            Some(person) => person,
            None => match participant {
                ParticipantId::Contact(c) if self.crm.contact(&site, c).is_some() => {
                    self.people.push(Person {
                        contact: Some(*c),
                        ..Person::default()
                    });
                    self.people.len() - 1
                }
                _ => {
                    return Err(AppError::invalid_body(&format!(
                        "no participant {participant:?}"
                    )))
                }
            },
        };
        if let Some(member) = self.people[person].member {
            return Err(AppError::invalid_body(&format!("already member {member}")));
        }
        let known = self.people[person].contact;
        let record = known.and_then(|c| self.crm.contact(&site, &c));
        let login = match (&details.email, record.and_then(|r| r.primary_email())) {
            (Some(email), _) if !email.trim().is_empty() => email.trim().to_owned(),
            (_, Some(email)) => email,
            _ => fallback_email("member", &self.ids.guid_text()),
        };
        let (first_name, last_name) = match record {
            Some(record) => record.name(),
            None => (details.first_name.clone(), details.last_name.clone()),
        };
        let has_record = record.is_some();
        check_login_free(&self.crm, &site, &login)?;
        let mut made = Made::default();
        let contact_id = match known {
            Some(c) if has_record => c,
            // None, or an ID only Inbox knew: the contact is made now, with that ID.
            known => {
                let details = ContactDetails {
                    email: Some(login.clone()),
                    ..details.clone()
                };
                let info = details.info(String::new);
                let contact = self.new_contact(site, known, &info, Origin::SiteMembers, now)?;
                let id = contact_id_of(&contact)?;
                made.contact_created = Some(contact);
                id
            }
        };
        let mut input = wix_members::Member::default();
        input.contact = Some(wix_members::Contact {
            first_name,
            last_name,
            ..wix_members::Contact::default()
        });
        let member = self
            .crm
            .create_member(&mut self.ids, site, contact_id, &input, &login, now);
        let member_id = member_id_of(&member)?;
        self.people[person].contact = Some(contact_id);
        self.people[person].member = Some(member_id);
        made.contact_id = Some(contact_id);
        made.member_id = Some(member_id);
        made.member_created = Some(member);
        made.merges = self.merge_all(person);
        Ok(made)
    }

    /// createContact.
    pub(crate) fn create_contact(
        &mut self,
        site: SiteId,
        info: &ContactInfo,
        allow_duplicates: bool,
        origin: Origin,
        now: &str,
    ) -> Result<Value, AppError> {
        self.crm.create_contact(
            &mut self.ids,
            NewContact {
                site,
                id: None,
                info,
                allow_duplicates,
                origin,
                now,
            },
        )
    }

    fn new_contact(
        &mut self,
        site: SiteId,
        id: Option<ContactId>,
        info: &ContactInfo,
        origin: Origin,
        now: &str,
    ) -> Result<Value, AppError> {
        self.crm.create_contact(
            &mut self.ids,
            NewContact {
                site,
                id,
                info,
                allow_duplicates: false,
                origin,
                now,
            },
        )
    }

    /// updateContact.
    pub(crate) fn update_contact(
        &mut self,
        site: &SiteId,
        request: &wix_contacts::UpdateContactRequest,
        now: &str,
    ) -> Result<Value, AppError> {
        self.crm.update_contact(&mut self.ids, site, request, now)
    }

    /// createMember: a member around `input.loginEmail`, whose contact is the
    /// site's contact with that address (not a member yet) or a new one. A person who
    /// chats as that contact becomes the member, their conversations merged as in a
    /// conversion.
    pub(crate) fn create_member(
        &mut self,
        site: SiteId,
        input: &wix_members::Member,
        now: &str,
    ) -> Result<Made, AppError> {
        let login = input
            .login_email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .ok_or_else(|| {
                AppError::invalid_argument(
                    "member.loginEmail",
                    "a member is made around a login email",
                )
            })?
            .to_owned();
        check_login_free(&self.crm, &site, &login)?;
        let mut made = Made::default();
        let contact_id = match self.crm.contact_by_email(&site, &login, true) {
            Some(contact) => contact.id,
            None => {
                let given = input.contact.clone().unwrap_or_default();
                let mut info = ContactDetails {
                    email: Some(login.clone()),
                    first_name: given.first_name,
                    last_name: given.last_name,
                }
                .info(String::new);
                let emails = &mut info.emails.get_or_insert_with(Default::default).items;
                for email in given
                    .emails
                    .iter()
                    .filter(|e| !e.eq_ignore_ascii_case(&login))
                {
                    let mut entry = wix_contacts::ContactEmail::default();
                    entry.email = Some(email.clone());
                    emails.push(entry);
                }
                if !given.phones.is_empty() {
                    let phones = given
                        .phones
                        .iter()
                        .map(|phone| {
                            let mut entry = wix_contacts::ContactPhone::default();
                            entry.phone = Some(phone.clone());
                            entry
                        })
                        .collect();
                    info.phones = Some(wix_contacts::ContactPhonesWrapper { items: phones });
                }
                // Another contact with the address is a member's: a member gets a
                // contact of their own.
                let contact = self.crm.create_contact(
                    &mut self.ids,
                    NewContact {
                        site,
                        id: None,
                        info: &info,
                        allow_duplicates: true,
                        origin: Origin::SiteMembers,
                        now,
                    },
                )?;
                let id = contact_id_of(&contact)?;
                made.contact_created = Some(contact);
                id
            }
        };
        let member = self
            .crm
            .create_member(&mut self.ids, site, contact_id, input, &login, now);
        let member_id = member_id_of(&member)?;
        if let Some(person) = self
            .people
            .iter()
            .position(|p| p.contact == Some(contact_id) && p.member.is_none())
        {
            self.people[person].member = Some(member_id);
            made.merges = self.merge_all(person);
        }
        made.contact_id = Some(contact_id);
        made.member_id = Some(member_id);
        made.member_created = Some(member);
        Ok(made)
    }

    fn merge_all(&mut self, person: usize) -> Vec<Merge> {
        let mut olds: Vec<(SiteId, ConversationId)> = self
            .current
            .iter()
            .filter(|((_, p), _)| *p == person)
            .map(|((site, _), id)| (*site, *id))
            .collect();
        olds.sort();
        let mut merges = Vec::new();
        for (site, old) in olds {
            let new = self.create_conversation(site, person);
            let moved =
                std::mem::take(&mut self.conversations.get_mut(&old).expect("current").messages);
            let target = self.conversations.get_mut(&new).expect("just made");
            for mut message in moved {
                let seq = target.messages.len() + 1;
                message["sequence"] = json!(seq.to_string());
                target.messages.push(message);
            }
            self.conversations
                .get_mut(&old)
                .expect("current")
                .merged_into = Some(new);
            merges.push(Merge { site, old, new });
        }
        merges
    }
}

/// An address for a contact made without one: `{prefix}-{first 8 of id}@example.com`.
fn fallback_email(prefix: &str, id: &str) -> String {
    format!("{prefix}-{}@example.com", &id[..8.min(id.len())])
}

/// Refuses a login email a member of `site` has already.
fn check_login_free(crm: &Crm, site: &SiteId, login: &str) -> Result<(), AppError> {
    match crm.member_by_login(site, login) {
        // The Members pages document no error for this.
        Some(member) => Err(AppError::status(
            409,
            &format!("member {} already logs in with {login}", member.id),
        )),
        None => Ok(()),
    }
}

fn contact_id_of(contact: &Value) -> Result<ContactId, AppError> {
    serde_json::from_value(contact["id"].clone())
        .map_err(|e| AppError::status(500, &format!("a contact without its ID: {e}")))
}

fn member_id_of(member: &Value) -> Result<MemberId, AppError> {
    serde_json::from_value(member["id"].clone())
        .map_err(|e| AppError::status(500, &format!("a member without its ID: {e}")))
}
