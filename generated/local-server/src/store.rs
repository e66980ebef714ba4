//! The in-memory Inbox: people, conversations and messages, and the conversions that
//! merge conversations; with the Contacts and Members records ([`Crm`]) those people
//! have, kept consistent with them. Plain data and synchronous operations; `routes`,
//! `contacts` and `members` speak HTTP.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};
use wix_contacts::ContactInfo;
use wix_inbox::{AnonymousVisitorId, ContactId, ConversationId, MemberId, ParticipantId, SiteId};

use crate::crm::{ContactDetails, Crm, NewContact, Origin};
use crate::ids::IdGen;
use crate::wix_error::AppError;

/// Someone the business talks to, through the kinds they have been.
#[derive(Debug, Default)]
struct Person {
    visitor: Option<AnonymousVisitorId>,
    contact: Option<ContactId>,
    member: Option<MemberId>,
}

impl Person {
    /// The participant as a conversation names it: a member (with their contact), a
    /// contact, or an anonymous visitor.
    fn identification(&self) -> Value {
        match (&self.member, &self.contact, &self.visitor) {
            (Some(m), Some(c), _) => json!({"memberId": m, "contactId": c}),
            (Some(m), None, _) => json!({"memberId": m}),
            (None, Some(c), _) => json!({"contactId": c}),
            (None, None, Some(v)) => json!({"anonymousVisitorId": v}),
            (None, None, None) => json!({}),
        }
    }

    fn matches(&self, participant: &ParticipantId) -> bool {
        match participant {
            ParticipantId::AnonymousVisitor(v) => self.visitor.as_ref() == Some(v),
            ParticipantId::Contact(c) => self.contact.as_ref() == Some(c),
            ParticipantId::Member(m) => self.member.as_ref() == Some(m),
        }
    }
}

#[derive(Debug)]
struct Conversation {
    site: SiteId,
    person: usize,
    /// The participant as they were when the conversation was created.
    participant: Value,
    /// Oldest first; `sequence` is 1, 2, 3… in this order.
    messages: Vec<Value>,
    merged_into: Option<ConversationId>,
}

/// One conversation merged into another by a conversion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merge {
    /// The site the conversations belong to.
    pub site: SiteId,
    /// The conversation that was merged and no longer answers.
    pub old: ConversationId,
    /// The conversation it was merged into.
    pub new: ConversationId,
}

/// Which end of the sequence a page starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    NewestFirst,
    OldestFirst,
}

#[derive(Debug)]
pub(crate) struct Store {
    ids: IdGen,
    people: Vec<Person>,
    conversations: HashMap<ConversationId, Conversation>,
    current: HashMap<(SiteId, usize), ConversationId>,
    without_inbox: HashSet<SiteId>,
    next_message: u64,
    /// The sites' contacts and members.
    pub(crate) crm: Crm,
}

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
    pub(crate) fn new() -> Self {
        Store {
            ids: IdGen::new(),
            people: Vec::new(),
            conversations: HashMap::new(),
            current: HashMap::new(),
            without_inbox: HashSet::new(),
            next_message: 1,
            crm: Crm::default(),
        }
    }

    pub(crate) fn ids(&mut self) -> &mut IdGen {
        &mut self.ids
    }

    pub(crate) fn set_inbox_installed(&mut self, site: SiteId, installed: bool) {
        if installed {
            self.without_inbox.remove(&site);
        } else {
            self.without_inbox.insert(site);
        }
    }

    pub(crate) fn has_inbox(&self, site: &SiteId) -> bool {
        !self.without_inbox.contains(site)
    }

    fn person_of(&mut self, participant: &ParticipantId) -> usize {
        if let Some(i) = self.people.iter().position(|p| p.matches(participant)) {
            return i;
        }
        let mut person = Person::default();
        match participant {
            ParticipantId::AnonymousVisitor(v) => person.visitor = Some(*v),
            ParticipantId::Contact(c) => {
                // A member's contact is that member.
                person.contact = Some(*c);
                person.member = self.crm.member_of_contact(c).map(|m| m.id);
            }
            ParticipantId::Member(m) => {
                // A member always has a contact too: the member record's, if there is one.
                person.member = Some(*m);
                person.contact = Some(match self.crm.member_by_id(m) {
                    Some(record) => record.contact_id,
                    None => self.ids.guid(),
                });
            }
        }
        self.people.push(person);
        self.people.len() - 1
    }

    /// A new anonymous visitor, known to no conversation yet.
    pub(crate) fn new_visitor(&mut self) -> AnonymousVisitorId {
        let visitor: AnonymousVisitorId = self.ids.guid();
        self.people.push(Person {
            visitor: Some(visitor),
            ..Person::default()
        });
        visitor
    }

    /// getOrCreateConversation: the person's current conversation on `site`, created
    /// if there is none; and whether it was created.
    pub(crate) fn get_or_create(
        &mut self,
        site: SiteId,
        participant: &ParticipantId,
    ) -> (Value, bool) {
        let person = self.person_of(participant);
        if let Some(id) = self.current.get(&(site, person)).copied() {
            return (self.conversation_json(&id), false);
        }
        let id = self.create_conversation(site, person);
        (self.conversation_json(&id), true)
    }

    fn create_conversation(&mut self, site: SiteId, person: usize) -> ConversationId {
        let id: ConversationId = self.ids.guid();
        let participant = self.people[person].identification();
        self.conversations.insert(
            id,
            Conversation {
                site,
                person,
                participant,
                messages: Vec::new(),
                merged_into: None,
            },
        );
        self.current.insert((site, person), id);
        id
    }

    fn conversation_json(&self, id: &ConversationId) -> Value {
        let c = &self.conversations[id];
        json!({
            "id": id,
            "participant": c.participant,
            "businessDisplayData": {"name": "Local Inbox"},
            "participantDisplayData": {"name": format!("Participant {}", c.person + 1)},
        })
    }

    /// A conversation that answers on `site`; `foreign` is the error for one of
    /// another site.
    fn live(
        &self,
        site: &SiteId,
        id: &ConversationId,
        foreign: AppError,
    ) -> Result<&Conversation, AppError> {
        let c = self
            .conversations
            .get(id)
            .filter(|c| c.merged_into.is_none())
            .ok_or_else(AppError::conversation_not_found)?;
        if &c.site != site {
            return Err(foreign);
        }
        Ok(c)
    }

    /// getConversation.
    pub(crate) fn get(&self, site: &SiteId, id: &ConversationId) -> Result<Value, AppError> {
        self.live(site, id, AppError::not_owned_by_business())?;
        Ok(self.conversation_json(id))
    }

    /// listMessages: up to `limit` messages from `cursor` on, and the next cursor.
    pub(crate) fn list(
        &self,
        site: &SiteId,
        id: &ConversationId,
        limit: usize,
        order: Order,
        cursor: Option<&str>,
    ) -> Result<(Vec<Value>, Option<String>), AppError> {
        if !self.has_inbox(site) {
            return Err(AppError::no_inbox_instance());
        }
        let c = self.live(site, id, AppError::not_joined_chatroom())?;
        // A cursor is the sequence of the last message returned, and the order.
        let after = match cursor {
            None => None,
            Some(cursor) => Some(parse_cursor(cursor, order)?),
        };
        let total = c.messages.len();
        // Positions (0-based) still to return, in page order.
        let positions: Box<dyn Iterator<Item = usize>> = match (order, after) {
            (Order::NewestFirst, None) => Box::new((0..total).rev()),
            (Order::NewestFirst, Some(seq)) => {
                Box::new((0..seq.saturating_sub(1).min(total)).rev())
            }
            (Order::OldestFirst, None) => Box::new(0..total),
            (Order::OldestFirst, Some(seq)) => Box::new(seq.min(total)..total),
        };
        let mut positions = positions.peekable();
        let taken: Vec<usize> = positions.by_ref().take(limit).collect();
        // The message at position i has sequence i + 1.
        let next = match (positions.peek(), taken.last()) {
            (Some(_), Some(last)) => Some(make_cursor(last + 1, order)),
            _ => None,
        };
        let page = taken.iter().map(|i| c.messages[*i].clone()).collect();
        Ok((page, next))
    }

    /// sendMessage: stores `message` (already validated) with its server-set fields.
    pub(crate) fn send(
        &mut self,
        site: &SiteId,
        id: &ConversationId,
        mut message: Value,
        sender: Sender,
        now: &str,
    ) -> Result<Value, AppError> {
        if !self.has_inbox(site) {
            return Err(AppError::inbox_instance_not_found());
        }
        let c = self.live(site, id, AppError::not_owned_by_business())?;
        let sender = match sender {
            Sender::App(app) => json!({ "appId": app }),
            Sender::Participant => self.people[c.person].identification(),
        };
        let message_id = self.next_message;
        self.next_message += 1;
        let c = self.conversations.get_mut(id).expect("checked above");
        let fields = message.as_object_mut().expect("a message is an object");
        fields.insert("id".into(), json!(message_id.to_string()));
        fields.insert("sequence".into(), json!((c.messages.len() + 1).to_string()));
        fields.insert("createdDate".into(), json!(now));
        fields.insert("sender".into(), sender);
        c.messages.push(message.clone());
        Ok(message)
    }

    /// The conversation a participant's message goes to on `site` (created if needed).
    pub(crate) fn current_for(
        &mut self,
        site: SiteId,
        participant: &ParticipantId,
    ) -> ConversationId {
        let person = self.person_of(participant);
        match self.current.get(&(site, person)) {
            Some(id) => *id,
            None => self.create_conversation(site, person),
        }
    }

    /// Turns the visitor into a contact of `site`: a contact record made from
    /// `details` (Contact Created to announce), and each of their conversations merged
    /// into a new one.
    pub(crate) fn convert_to_contact(
        &mut self,
        site: SiteId,
        visitor: &AnonymousVisitorId,
        details: &ContactDetails,
        now: &str,
    ) -> Result<Made, AppError> {
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
    /// converts too, before writing to the business.
    pub(crate) fn convert_to_member(
        &mut self,
        site: SiteId,
        participant: &ParticipantId,
        details: &ContactDetails,
        now: &str,
    ) -> Result<Made, AppError> {
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

/// Who a stored message is from.
pub(crate) enum Sender {
    /// The app that called sendMessage.
    App(String),
    /// The conversation's participant.
    Participant,
}

fn make_cursor(last_sequence: usize, order: Order) -> String {
    let tag = match order {
        Order::NewestFirst => "desc",
        Order::OldestFirst => "asc",
    };
    format!("{tag}~{last_sequence}")
}

fn parse_cursor(cursor: &str, order: Order) -> Result<usize, AppError> {
    let bad = || AppError::invalid_argument("paging.cursor", "not a cursor this server gave out");
    let (tag, seq) = cursor.split_once('~').ok_or_else(bad)?;
    let expected = match order {
        Order::NewestFirst => "desc",
        Order::OldestFirst => "asc",
    };
    if tag != expected {
        return Err(AppError::invalid_argument(
            "paging.cursor",
            "the cursor was given out for the other sort order",
        ));
    }
    seq.parse().map_err(|_| bad())
}
