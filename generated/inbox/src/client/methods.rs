//! Typed shortcuts for the Inbox methods. Each builds its request and goes through
//! [`Client::call`]; none talks HTTP itself.

use super::{Client, Error};
use crate::rt::NoApplicationError;
use crate::{
    ConversationId, GetConversationError, GetConversationRequest, GetConversationResponse,
    GetOrCreateConversationRequest, GetOrCreateConversationResponse, ListMessagesError,
    ListMessagesRequest, ListMessagesResponse, Message, ParticipantId, SendMessageError,
    SendMessageRequest, SendMessageResponse,
};

impl Client {
    /// getConversation: the conversation with this ID.
    pub async fn get_conversation(
        &self,
        conversation_id: ConversationId,
    ) -> Result<GetConversationResponse, Error<GetConversationError>> {
        self.call(&GetConversationRequest::new(conversation_id))
            .await
    }

    /// getOrCreateConversation: the participant's current conversation, created if
    /// they have none. Call it before sending, as a participant's conversation changes
    /// when they change kind (see [`crate::lifecycle`]).
    pub async fn get_or_create_conversation(
        &self,
        participant: impl Into<ParticipantId>,
    ) -> Result<GetOrCreateConversationResponse, Error<NoApplicationError>> {
        self.call(&GetOrCreateConversationRequest::new(participant))
            .await
    }

    /// listMessages: one page of a conversation's messages, newest first by default.
    /// [`Client::messages`] streams every page.
    pub async fn list_messages(
        &self,
        request: &ListMessagesRequest,
    ) -> Result<ListMessagesResponse, Error<ListMessagesError>> {
        self.call(request).await
    }

    /// sendMessage: sends `message` in the conversation. For more options build a
    /// [`SendMessageRequest`] and use [`Client::call`].
    pub async fn send_message(
        &self,
        conversation_id: ConversationId,
        message: Message,
    ) -> Result<SendMessageResponse, Error<SendMessageError>> {
        self.call(&SendMessageRequest::new(conversation_id, message))
            .await
    }
}
