//! The in-memory Inbox: people, conversations and messages, and the conversions that
//! merge conversations; with the Contacts and Members records ([`Crm`]) those people
//! have, kept consistent with them. Plain data and synchronous operations; `routes`,
//! `contacts` and `members` speak HTTP.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};
use wix_inbox::{AnonymousVisitorId, ContactId, ConversationId, MemberId, ParticipantId, SiteId};

use crate::crm::Crm;
use crate::ids::IdGen;
use crate::wix_error::AppError;

mod conversions;

pub(crate) use conversions::Made;

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
