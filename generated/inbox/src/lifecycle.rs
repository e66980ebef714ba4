//! Sending to a participant through their current conversation. Feature `client`.
//!
//! A participant's conversation ID is not stable: when an anonymous visitor becomes a
//! contact, or a contact becomes a member, Wix creates a new conversation, merges the
//! old one into it, and the old ID stops working (a ConversationsMerged event names
//! the old IDs and the new one). [`ConversationCache`] hides this: it resolves a
//! participant's conversation with getOrCreateConversation, remembers it, resolves it
//! again once when the server answers `CONVERSATION_NOT_FOUND`, and follows
//! ConversationsMerged events it is given.
//!
//! ```no_run
//! # async fn demo(client: wix_inbox::client::InboxClient, contact: wix_inbox::ContactId,
//! #               message: wix_inbox::Message) -> Result<(), Box<dyn std::error::Error>> {
//! use wix_inbox::lifecycle::ConversationCache;
//!
//! let conversations = ConversationCache::new(client);
//! conversations.send(contact, message).await?;
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::sync::Mutex;

use crate::client::{Error, InboxClient};
use crate::rt::{NoApplicationError, OneOf};
use crate::{
    ConversationId, ConversationsMerged, Message, ParticipantId, SendMessageError,
    SendMessageResponse, WebhookEvent,
};

/// The application code that says a conversation ID is stale (or never existed).
pub const CONVERSATION_NOT_FOUND: &str = "CONVERSATION_NOT_FOUND";

/// Participants' current conversation IDs, and sending through them. Shareable
/// between tasks (`&self` methods; wrap it in an `Arc`).
#[derive(Debug)]
pub struct ConversationCache {
    client: InboxClient,
    ids: Mutex<HashMap<Key, ConversationId>>,
}

/// A participant as a map key: the member's wire key and the ID's text.
type Key = (&'static str, String);

fn key(participant: &ParticipantId) -> Key {
    let id = match participant {
        ParticipantId::Contact(id) => id.as_str(),
        ParticipantId::AnonymousVisitor(id) => id.as_str(),
        ParticipantId::Member(id) => id.as_str(),
    };
    (participant.key(), id.to_owned())
}

impl ConversationCache {
    /// An empty cache that calls the API with `client`.
    pub fn new(client: InboxClient) -> Self {
        ConversationCache {
            client,
            ids: Mutex::new(HashMap::new()),
        }
    }

    /// The client the cache calls with.
    pub fn client(&self) -> &InboxClient {
        &self.client
    }

    /// The participant's conversation ID as cached, without calling the API.
    pub fn cached(&self, participant: &ParticipantId) -> Option<ConversationId> {
        self.lock().get(&key(participant)).copied()
    }

    /// The participant's conversation ID: cached, or resolved with
    /// getOrCreateConversation and cached.
    pub async fn conversation_id(
        &self,
        participant: &ParticipantId,
    ) -> Result<ConversationId, Error<NoApplicationError>> {
        match self.cached(participant) {
            Some(id) => Ok(id),
            None => self.resolve(participant).await,
        }
    }

    /// Resolves the participant's conversation with getOrCreateConversation, whatever
    /// is cached, and caches it.
    pub async fn resolve(
        &self,
        participant: &ParticipantId,
    ) -> Result<ConversationId, Error<NoApplicationError>> {
        let found = self
            .client
            .get_or_create_conversation(participant.clone())
            .await?;
        let id = found
            .conversation
            .as_ref()
            .and_then(|c| c.id().copied())
            .ok_or_else(|| Error::UndecodableBody {
                status: 200,
                raw: String::new(),
                reason: "getOrCreateConversation returned no conversation ID".into(),
            })?;
        self.lock().insert(key(participant), id);
        Ok(id)
    }

    /// Sends `message` to the participant in their current conversation.
    ///
    /// When the server answers `CONVERSATION_NOT_FOUND` (the cached ID went stale),
    /// the conversation is resolved again and the message sent once more; a second
    /// `CONVERSATION_NOT_FOUND` is returned as is.
    pub async fn send(
        &self,
        participant: impl Into<ParticipantId>,
        message: Message,
    ) -> Result<SendMessageResponse, Error<SendMessageError>> {
        let participant = participant.into();
        let id = self
            .conversation_id(&participant)
            .await
            .map_err(Error::widen)?;
        match self.client.send_message(id, message.clone()).await {
            Err(e) if e.code() == Some(CONVERSATION_NOT_FOUND) => {
                tracing::debug!(conversation = %id, "stale conversation ID; resolving again");
                let fresh = self.resolve(&participant).await.map_err(Error::widen)?;
                self.client.send_message(fresh, message).await
            }
            other => other,
        }
    }

    /// Follows a ConversationsMerged event: every participant cached with one of
    /// the old IDs now has the target conversation. Returns how many entries changed.
    pub fn apply_merge(&self, merged: &ConversationsMerged) -> usize {
        let Some(target) = merged.target_conversation_id else {
            return 0;
        };
        let mut changed = 0;
        for id in self.lock().values_mut() {
            if *id != target && merged.old_conversation_ids.contains(id) {
                *id = target;
                changed += 1;
            }
        }
        changed
    }

    /// Follows a webhook event: applies a ConversationsMerged, ignores the others.
    pub fn apply_event(&self, event: &WebhookEvent) -> usize {
        match event {
            WebhookEvent::ConversationsMerged(merged) => self.apply_merge(merged),
            _ => 0,
        }
    }

    /// Forgets every cached ID.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, ConversationId>> {
        // A panic while holding the lock cannot leave the map half-updated.
        self.ids
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
