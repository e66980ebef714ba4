// A decoded message's sender becomes a participant ID when it names one: a member by the
// member ID (even though a contact ID comes with it), an anonymous visitor by theirs.
// An app or a Wix user is not a participant.
use wix_inbox::rt::NotAParticipant;
use wix_inbox::{member_id, Conversation, GetOrCreateConversationRequest, Message, ParticipantId};

fn message(sender: &str) -> Message {
    serde_json::from_str(&format!(
        r#"{{"content": {{"basic": {{"items": [{{"text": "Hi"}}]}}}}, "sender": {sender},
            "visibility": "BUSINESS_AND_PARTICIPANT", "direction": "PARTICIPANT_TO_BUSINESS"}}"#
    ))
    .unwrap()
}

fn main() {
    let member = message(
        r#"{"memberId": "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b", "contactId": "a1b2c3d4-e5f6-4789-8abc-def012345678"}"#,
    );
    let participant = ParticipantId::try_from(member.sender().unwrap()).unwrap();
    assert_eq!(
        participant,
        ParticipantId::from(member_id!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"))
    );
    let _ = GetOrCreateConversationRequest::new(participant);

    let visitor = message(r#"{"anonymousVisitorId": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"}"#);
    let participant = ParticipantId::try_from(visitor.sender().unwrap()).unwrap();
    assert!(matches!(participant, ParticipantId::AnonymousVisitor(_)));

    let contact = message(r#"{"contactId": "a1b2c3d4-e5f6-4789-8abc-def012345678"}"#);
    assert!(matches!(
        ParticipantId::try_from(contact.sender().unwrap()),
        Ok(ParticipantId::Contact(_))
    ));

    let wix_user = message(
        r#"{"wixUserId": "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "contactId": "f0e1d2c3-b4a5-4968-8776-655443322110"}"#,
    );
    let error: NotAParticipant = ParticipantId::try_from(wix_user.sender().unwrap()).unwrap_err();
    assert_eq!(error.key(), Some("wixUserId"));

    // A conversation's reported participant converts the same way.
    let conversation: Conversation = serde_json::from_str(
        r#"{"id": "5c2a9b4e-8f31-4d6a-9e07-3b1f2c4d5e6f",
            "participant": {"memberId": "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b", "contactId": "a1b2c3d4-e5f6-4789-8abc-def012345678"}}"#,
    )
    .unwrap();
    let participant = ParticipantId::try_from(conversation.participant().unwrap()).unwrap();
    assert!(matches!(participant, ParticipantId::Member(_)));
}
