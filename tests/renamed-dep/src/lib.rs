//! The bindings crate is renamed to `inbox` in this crate's `Cargo.toml`; every ID macro
//! must still expand (they name the bindings through `$crate`, never as `wix_inbox`).
//! Local items named like the generated ones must not change what the macros mean.

#![allow(dead_code)]

use inbox::{ContactId, ConversationId, MemberId, ParticipantId};

/// Shadows nothing the macros use: they name everything by `$crate::` or `::core::`.
struct Guid;
mod rt {}
mod core {}

pub const DANA: ParticipantId =
    inbox::participant!(member = "b17c523c-6ec9-4b56-9d9d-123cc6978bdf");
pub const OMER: ParticipantId =
    inbox::participant!(contact = "d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b");
pub const CONVERSATION: ConversationId =
    inbox::conversation_id!("8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3");
pub const CONTACT: ContactId = inbox::contact_id!("d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b");
pub const MEMBER: MemberId = inbox::member_id!("b17c523c-6ec9-4b56-9d9d-123cc6978bdf");

/// The macros imported by `use`, as a user would.
pub fn requests() -> (
    inbox::GetOrCreateConversationRequest,
    inbox::GetConversationRequest,
) {
    use inbox::{conversation_id, participant};
    (
        inbox::GetOrCreateConversationRequest::new(participant!(
            member = "b17c523c-6ec9-4b56-9d9d-123cc6978bdf"
        )),
        inbox::GetConversationRequest::new(conversation_id!(
            "8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macros_expand_through_a_renamed_dependency() {
        assert_eq!(DANA, ParticipantId::from(MEMBER));
        assert_eq!(OMER, ParticipantId::from(CONTACT));
        assert_eq!(
            CONVERSATION.as_str(),
            "8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3"
        );
        let (get_or_create, get) = requests();
        assert_eq!(get_or_create.participant_id, DANA);
        assert_eq!(get.conversation_id, CONVERSATION);
    }
}
