//! The support-tool example's body (`cargo run -p wix-local-server --example
//! support_tool`), here so that the test suite runs it too.
//!
//! What a support tool does with three APIs and one set of IDs: it knows a customer by
//! email only, finds the contact with queryContacts (Contacts API), gets or creates the
//! contact's conversation and sends a text (Inbox API), then, when the customer signs up
//! (a member linked to the contact, Members API), keeps writing to the right
//! conversation through the lifecycle helper, although the conversation's ID changed.

use std::io::Write;

use futures_util::TryStreamExt;
use wix_contacts::client::ContactsClient;
use wix_contacts::filter::PRIMARY_EMAIL;
use wix_contacts::{QueryContactsRequest, Query as ContactQuery};
use wix_inbox::client::{Credentials, InboxClient};
use wix_inbox::lifecycle::ConversationCache;
use wix_inbox::{ContactId, ConversationId, ListMessagesRequest, Message, MessageVisibility, ParticipantId};
use wix_members::client::MembersClient;
use wix_members::filter::CONTACT_ID;
use wix_members::{Query as MemberQuery, QueryMembersRequest};

use crate::ContactDetails;

/// What the support tool did, for checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportSummary {
    /// The contact found by email.
    pub contact: ContactId,
    /// The contact's conversation, where the first message went.
    pub first_conversation: ConversationId,
    /// The member the contact became, found again by its contact ID.
    pub member: wix_inbox::MemberId,
    /// The conversation after the sign-up: where the later messages went.
    pub conversation: ConversationId,
    /// The texts of that conversation, oldest first.
    pub texts: Vec<String>,
}

/// Starts a local server with a customer who wrote in and left an email address, then
/// does what a support tool does; writes each step to `out`.
pub async fn run(out: &mut (dyn Write + Send)) -> Result<SupportSummary, Box<dyn std::error::Error + Send + Sync>> {
    let server = crate::start().await?;
    writeln!(out, "local server on {}", server.base_url())?;
    let site = server.inbox();
    // Before the tool runs: a visitor wrote in, then filled in a form with their email.
    let (visitor, _) = site.visitor_writes("Hi, my order hasn't arrived.").await;
    site.convert_to_contact_with(&visitor, &ContactDetails::email("dana@example.com")).await?;

    // One connection for every API: the Contacts and Members clients share the Inbox
    // client's pool and credentials.
    let client = InboxClient::builder(Credentials::access_token("local-support-token")).base_url(server.base_url()).build()?;
    let contacts = ContactsClient::sharing(&client);
    let members = MembersClient::sharing(&client);

    // 1. Contacts API: the contact with that email.
    let by_email = ContactQuery::default().with_filter(PRIMARY_EMAIL.eq("dana@example.com"));
    let request = QueryContactsRequest::default().with_query(by_email);
    let found = contacts.query_contacts(&request).await?;
    let contact: ContactId = found.contacts.first().and_then(|c| c.id().copied()).ok_or("no contact has that email")?;
    writeln!(out, "contact {contact} has the email dana@example.com")?;

    // 2. Inbox API: the contact's conversation, through the lifecycle helper; the
    //    ContactId from Contacts goes in as it is.
    let cache = ConversationCache::new(client.clone());
    let who = ParticipantId::Contact(contact);
    cache.send(who.clone(), Message::text("Sorry about the wait: your parcel left this morning.")).await?;
    let first = cache.cached(&who).ok_or("no conversation")?;
    writeln!(out, "sent to conversation {first}")?;

    // 3. The customer signs up: the site makes the contact a member. Wix moves the
    //    conversation to a new ID, which the tool does not hear about here.
    site.convert_to_member(&who).await?;
    let by_contact = MemberQuery::default().with_filter(CONTACT_ID.eq(contact));
    let request = QueryMembersRequest::default().with_query(by_contact);
    let found = members.query_members(&request).await?;
    let member = found.members.first().and_then(|m| m.id().copied()).ok_or("no member for that contact")?;
    writeln!(out, "contact {contact} is now member {member}")?;

    // 4. Keep writing: the stale ID is found out and resolved again, once; the member's
    //    ID reaches the same conversation.
    cache.send(who.clone(), Message::text("Welcome aboard!")).await?;
    let member_who = ParticipantId::Member(member);
    cache.send(member_who.clone(), Message::text("Your order is on its way.")).await?;
    let now = cache.cached(&member_who).ok_or("no conversation")?;
    writeln!(out, "the conversation moved from {first} to {now}")?;

    let texts: Vec<String> = client
        .messages(ListMessagesRequest::new(now, MessageVisibility::BusinessAndParticipant))
        .map_ok(|m| m.texts().collect::<Vec<_>>().join(" "))
        .try_collect()
        .await?;
    let texts: Vec<String> = texts.into_iter().rev().collect();
    for t in &texts {
        writeln!(out, "  {t}")?;
    }
    Ok(SupportSummary { contact, first_conversation: first, member, conversation: now, texts })
}
