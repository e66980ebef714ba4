//! What a test (or a developer) does to the server besides calling the API:
//! participants writing in, participants changing kind (which makes their contact and
//! member records), counters. As a Rust handle ([`Inbox`]) and as HTTP routes under
//! `/_local/` for the command.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use wix_inbox::{AnonymousVisitorId, ContactId, ConversationId, MemberId, ParticipantId, SiteId};

use crate::crm::ContactDetails;
use crate::events::send_made;
use crate::faults::{check_application_error, is_error_status, BodyFault, Faults};
use crate::limits::MAX_LATENCY;
use crate::store::{Made, Merge, Sender};
use crate::webhook_out::{deliver, DeliveryRecord};
use crate::wix_error::{AppError, WixJson};
use crate::Shared;

/// The event type of ConversationsMerged.
const MERGED: &str = "wix.crm.inbox.v2.conversation_conversations_merged";
/// The event type of MessageSentToBusiness.
const SENT_TO_BUSINESS: &str = "wix.crm.inbox.v2.message_message_sent_to_business";

/// The state of a running server, beyond the API.
#[derive(Clone)]
pub struct Inbox(pub(crate) Arc<Shared>);

/// What a conversion did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversion {
    /// The participant's contact ID: the contact getContact answers for (new when
    /// they became a contact, and for a member, the member's `contactId`).
    pub contact_id: Option<ContactId>,
    /// The participant's new member ID, when they became a member.
    pub member_id: Option<MemberId>,
    /// Whether a contact was created (Contact Created sent).
    pub contact_created: bool,
    /// Each conversation merged into a new one.
    pub merges: Vec<Merge>,
    /// The ConversationsMerged webhooks sent (none without a webhook target).
    pub deliveries: Vec<DeliveryRecord>,
    /// The Contacts and Members webhooks sent, in order: Contact Created, Member
    /// Created (none without a [`crm_webhook`](crate::ServerConfig::crm_webhook) target).
    pub crm_deliveries: Vec<DeliveryRecord>,
}

impl Inbox {
    /// The site of admin operations and of requests without `wix-site-id`.
    pub fn site_id(&self) -> SiteId {
        self.0.config.site_id
    }

    /// A new anonymous visitor. (The API never hands these IDs out: in Wix they reach
    /// an app only in events.)
    pub fn new_visitor(&self) -> AnonymousVisitorId {
        self.0.store().new_visitor()
    }

    /// The participant writes `text` to the business: stored in their current
    /// conversation (created if needed), and a MessageSentToBusiness webhook sent.
    /// Returns the conversation and the stored message.
    ///
    /// # Panics
    ///
    /// When Inbox is not installed on the server's site; see
    /// [`try_participant_writes`](Self::try_participant_writes).
    pub async fn participant_writes(
        &self,
        participant: &ParticipantId,
        text: &str,
    ) -> (ConversationId, Value) {
        self.try_participant_writes(participant, text)
            .await
            .unwrap_or_else(|e| panic!("the participant cannot write: {}", e.body))
    }

    /// Like [`participant_writes`](Self::participant_writes), with the error the API
    /// documents when Inbox is not installed on the server's site:
    /// `NO_INBOX_INSTANCE` (428), as getOrCreateConversation answers. Nothing is
    /// created then.
    ///
    /// # Errors
    ///
    /// That [`AppError`].
    pub async fn try_participant_writes(
        &self,
        participant: &ParticipantId,
        text: &str,
    ) -> Result<(ConversationId, Value), AppError> {
        let site = self.site_id();
        let message = json!({
            "content": {"basic": {"items": [{"text": text}]}},
            "visibility": "BUSINESS_AND_PARTICIPANT",
            "direction": "PARTICIPANT_TO_BUSINESS",
        });
        let (conversation, stored) = {
            let mut store = self.0.store();
            if !store.has_inbox(&site) {
                return Err(AppError::no_inbox_instance());
            }
            let conversation = store.current_for(site, participant);
            let stored = store.send(
                &site,
                &conversation,
                message,
                Sender::Participant,
                &crate::now(),
            )?;
            (conversation, stored)
        };
        let identity = match participant {
            ParticipantId::AnonymousVisitor(v) => {
                json!({"anonymousVisitorId": v, "identityType": "ANONYMOUS_VISITOR"})
            }
            ParticipantId::Member(m) => json!({"memberId": m, "identityType": "MEMBER"}),
            ParticipantId::Contact(_) => Value::Null,
        };
        let payload = json!({"conversationId": conversation, "message": stored});
        deliver(
            &self.0,
            SENT_TO_BUSINESS,
            &payload,
            &identity,
            conversation.as_str(),
        )
        .await;
        Ok((conversation, stored))
    }

    /// A new anonymous visitor who writes `text`: their ID and conversation.
    ///
    /// # Panics
    ///
    /// When Inbox is not installed on the server's site; see
    /// [`try_visitor_writes`](Self::try_visitor_writes).
    pub async fn visitor_writes(&self, text: &str) -> (AnonymousVisitorId, ConversationId) {
        self.try_visitor_writes(text)
            .await
            .unwrap_or_else(|e| panic!("the visitor cannot write: {}", e.body))
    }

    /// Like [`visitor_writes`](Self::visitor_writes), with the error the API documents
    /// when Inbox is not installed on the server's site: `NO_INBOX_INSTANCE` (428).
    /// No visitor is made then.
    ///
    /// # Errors
    ///
    /// That [`AppError`].
    pub async fn try_visitor_writes(
        &self,
        text: &str,
    ) -> Result<(AnonymousVisitorId, ConversationId), AppError> {
        if !self.0.store().has_inbox(&self.site_id()) {
            return Err(AppError::no_inbox_instance());
        }
        let visitor = self.new_visitor();
        let (conversation, _) = self
            .try_participant_writes(&ParticipantId::AnonymousVisitor(visitor), text)
            .await?;
        Ok((visitor, conversation))
    }

    /// The visitor gives contact details: they become a contact of the server's site
    /// (a contact record, Contact Created), each of their conversations is merged into
    /// a new one, and ConversationsMerged is sent. The contact has a made-up email
    /// address; see [`convert_to_contact_with`](Self::convert_to_contact_with).
    ///
    /// # Errors
    ///
    /// 400 for a visitor the server does not know or who is a contact already.
    pub async fn convert_to_contact(
        &self,
        visitor: &AnonymousVisitorId,
    ) -> Result<Conversion, AppError> {
        self.convert_to_contact_with(visitor, &ContactDetails::default())
            .await
    }

    /// Like [`convert_to_contact`](Self::convert_to_contact), with the email address
    /// and name the visitor gave: the contact queryContacts finds by that address.
    ///
    /// # Errors
    ///
    /// As [`convert_to_contact`](Self::convert_to_contact); and those of createContact
    /// (`DUPLICATE_CONTACT_EXISTS` when another contact has the address).
    pub async fn convert_to_contact_with(
        &self,
        visitor: &AnonymousVisitorId,
        details: &ContactDetails,
    ) -> Result<Conversion, AppError> {
        let made =
            self.0
                .store()
                .convert_to_contact(self.site_id(), visitor, details, &crate::now())?;
        let identity = json!({"anonymousVisitorId": visitor, "identityType": "ANONYMOUS_VISITOR"});
        Ok(self.announce_made(made, &identity).await)
    }

    /// The participant (visitor or contact) registers as a member: a member record
    /// linked to their contact (`Member.contactId`), a contact record too if they had
    /// none (Contact Created), Member Created, and their conversations merged as for a
    /// contact. The login email is the contact's primary address; see
    /// [`convert_to_member_with`](Self::convert_to_member_with).
    ///
    /// # Errors
    ///
    /// 400 for a participant the server does not know or who is a member already; 409
    /// when a member logs in with the address already.
    pub async fn convert_to_member(
        &self,
        participant: &ParticipantId,
    ) -> Result<Conversion, AppError> {
        self.convert_to_member_with(participant, &ContactDetails::default())
            .await
    }

    /// Like [`convert_to_member`](Self::convert_to_member), with the login email (and
    /// a new contact's name) the participant gave.
    ///
    /// # Errors
    ///
    /// As [`convert_to_member`](Self::convert_to_member).
    pub async fn convert_to_member_with(
        &self,
        participant: &ParticipantId,
        details: &ContactDetails,
    ) -> Result<Conversion, AppError> {
        let made = self.0.store().convert_to_member(
            self.site_id(),
            participant,
            details,
            &crate::now(),
        )?;
        let identity = json!({"memberId": made.member_id, "identityType": "MEMBER"});
        Ok(self.announce_made(made, &identity).await)
    }

    /// Sends what a conversion made: Contacts and Members events first (what happened
    /// first), then ConversationsMerged.
    async fn announce_made(&self, made: Made, identity: &Value) -> Conversion {
        let crm_deliveries = send_made(&self.0, &made, identity).await;
        let deliveries = self.announce(&made.merges).await;
        Conversion {
            contact_id: made.contact_id,
            member_id: made.member_id,
            contact_created: made.contact_created.is_some(),
            merges: made.merges,
            deliveries,
            crm_deliveries,
        }
    }

    /// Sends ConversationsMerged for each merge.
    pub(crate) async fn announce(&self, merges: &[Merge]) -> Vec<DeliveryRecord> {
        let mut deliveries = Vec::new();
        for merge in merges {
            let payload =
                json!({"oldConversationIds": [merge.old], "targetConversationId": merge.new});
            if let Some(record) =
                deliver(&self.0, MERGED, &payload, &Value::Null, merge.new.as_str()).await
            {
                deliveries.push(record);
            }
        }
        deliveries
    }

    /// Installs or removes Inbox on a site (removed: listMessages answers
    /// `NO_INBOX_INSTANCE`, sendMessage `INBOX_INSTANCE_NOT_FOUND`).
    pub fn set_inbox_installed(&self, site: SiteId, installed: bool) {
        self.0.store().set_inbox_installed(site, installed);
    }

    /// How many requests for `method` (e.g. `"sendMessage"`) reached the server,
    /// faulted or not.
    pub fn request_count(&self, method: &str) -> usize {
        let counts = self.0.counts.lock().unwrap_or_else(|p| p.into_inner());
        counts.get(method).copied().unwrap_or(0)
    }

    /// Every webhook delivery so far.
    pub fn deliveries(&self) -> Vec<DeliveryRecord> {
        self.0
            .deliveries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

pub(crate) fn routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/_local/visitors", post(visitor))
        .route("/_local/conversions", post(conversion))
        .route("/_local/faults", post(faults))
        .route("/_local/stats", get(stats))
        .method_not_allowed_fallback(crate::wix_error::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            shared,
            crate::admin_guard::guard,
        ))
}

#[derive(Deserialize)]
struct VisitorBody {
    text: String,
}

async fn visitor(
    State(shared): State<Arc<Shared>>,
    WixJson(body): WixJson<VisitorBody>,
) -> Result<Response, AppError> {
    let (visitor, conversation) = Inbox(shared).try_visitor_writes(&body.text).await?;
    Ok(
        Json(json!({"anonymousVisitorId": visitor, "conversationId": conversation}))
            .into_response(),
    )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConversionBody {
    participant_id: ParticipantId,
    to: String,
    /// The email address the participant gives.
    email: Option<String>,
    /// The name they give, as Contacts writes it: `{"first", "last"}`.
    name: Option<wix_contacts::ContactName>,
}

async fn conversion(
    State(shared): State<Arc<Shared>>,
    WixJson(body): WixJson<ConversionBody>,
) -> Response {
    let inbox = Inbox(shared);
    let name = body.name.unwrap_or_default();
    let details = ContactDetails {
        email: body.email,
        first_name: name.first,
        last_name: name.last,
    };
    let done = match (body.to.as_str(), &body.participant_id) {
        ("contact", ParticipantId::AnonymousVisitor(v)) => {
            inbox.convert_to_contact_with(v, &details).await
        }
        ("member", participant) => inbox.convert_to_member_with(participant, &details).await,
        _ => Err(AppError::invalid_body(
            "`to` is `contact` (for a visitor) or `member`",
        )),
    };
    let records = |records: &[DeliveryRecord]| -> Vec<Value> {
        records
            .iter()
            .map(|d| json!({"eventType": d.event_type, "status": d.status, "error": d.error}))
            .collect()
    };
    match done {
        Ok(c) => Json(json!({
            "contactId": c.contact_id,
            "memberId": c.member_id,
            "contactCreated": c.contact_created,
            "merges": c.merges.iter().map(|m| json!({"old": m.old, "new": m.new})).collect::<Vec<_>>(),
            "webhooks": records(&c.deliveries),
            "crmWebhooks": records(&c.crm_deliveries),
        }))
        .into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FaultsBody {
    #[serde(default)]
    clear: bool,
    latency_ms: Option<u64>,
    fail_next: Option<FailNext>,
    corrupt_next: Option<CorruptNext>,
    application_error: Option<ApplicationErrorNext>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FailNext {
    status: u16,
    count: usize,
    retry_after: Option<u64>,
}

#[derive(Deserialize)]
struct CorruptNext {
    kind: String,
    count: usize,
}

#[derive(Deserialize)]
struct ApplicationErrorNext {
    method: String,
    code: String,
    count: usize,
}

async fn faults(State(shared): State<Arc<Shared>>, WixJson(body): WixJson<FaultsBody>) -> Response {
    // Checked before anything is changed: a refused request changes nothing.
    if body
        .latency_ms
        .is_some_and(|ms| ms > MAX_LATENCY.as_millis() as u64)
    {
        return AppError::invalid_argument(
            "latencyMs",
            &format!("at most {} (one minute)", MAX_LATENCY.as_millis()),
        )
        .into_response();
    }
    if let Some(a) = &body.application_error {
        if let Err((field, why)) = check_application_error(&a.method, &a.code) {
            return AppError::invalid_argument(&format!("applicationError.{field}"), &why)
                .into_response();
        }
    }
    if let Some(f) = &body.fail_next {
        if !is_error_status(f.status) {
            return AppError::invalid_argument("failNext.status", "must be from 400 to 599")
                .into_response();
        }
    }
    let kind = match body.corrupt_next.as_ref().map(|c| c.kind.as_str()) {
        None => None,
        Some("truncated") => Some(BodyFault::Truncated),
        Some("malformed") => Some(BodyFault::Malformed),
        Some(_) => {
            return AppError::invalid_argument("corruptNext.kind", "truncated or malformed")
                .into_response()
        }
    };
    let faults = Faults(shared);
    if body.clear {
        faults.clear();
    }
    if let Some(ms) = body.latency_ms {
        faults.set_latency(Duration::from_millis(ms));
    }
    if let Some(f) = body.fail_next {
        match f.retry_after {
            Some(s) => faults.fail_next_with_retry_after(f.status, f.count, s),
            None => faults.fail_next(f.status, f.count),
        }
    }
    if let (Some(c), Some(kind)) = (body.corrupt_next, kind) {
        faults.corrupt_next(kind, c.count);
    }
    if let Some(a) = body.application_error {
        faults.application_error_next(&a.method, &a.code, a.count);
    }
    Json(json!({})).into_response()
}

async fn stats(State(shared): State<Arc<Shared>>) -> Response {
    let counts = shared
        .counts
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let inbox = Inbox(shared);
    let deliveries: Vec<Value> = inbox
        .deliveries()
        .iter()
        .map(|d| json!({"eventType": d.event_type, "status": d.status, "error": d.error}))
        .collect();
    Json(json!({"requests": counts, "webhooks": deliveries})).into_response()
}
