//! An example of the build-script mode: the bindings are generated into `OUT_DIR` by
//! `build.rs` (with [`wixgen::Builder`](https://docs.rs/wixgen)) and included here, so they
//! follow the specs without a checked-in copy. The runtime is `wixgen_runtime`, the only dependency besides `serde_json`.

#![deny(warnings)]

/// The Inbox API, generated at build time.
pub mod inbox {
    include!(concat!(env!("OUT_DIR"), "/wix_api.rs"));
}

#[cfg(test)]
mod tests {
    use super::inbox::*;
    use wixgen_runtime::Request;

    #[test]
    fn decodes_a_message() {
        let json = r#"{
            "id": "1714558712345",
            "content": {"basic": {"items": [{"text": "Hello"}]}, "previewText": "Hello"},
            "sender": {"appId": "2f6c9a1d-3b4e-4f50-9a61-7c8d9e0f1a2b"},
            "visibility": "BUSINESS_AND_PARTICIPANT",
            "direction": "BUSINESS_TO_PARTICIPANT",
            "sequence": "1714558712345"
        }"#;
        let message: Message = serde_json::from_str(json).unwrap();
        assert_eq!(message.id().map(MessageId::as_str), Some("1714558712345"));
        assert_eq!(message.sequence(), Some(1714558712345));
        assert_eq!(message.visibility, MessageVisibility::BusinessAndParticipant);
        let back = serde_json::to_value(&message).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).unwrap());
    }

    #[test]
    fn builds_a_request() {
        let member: MemberId = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b".parse().unwrap();
        let request = GetOrCreateConversationRequest::new(member);
        assert_eq!(GetOrCreateConversationRequest::OPERATION.name, "getOrCreateConversation");
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({"participantId": {"memberId": "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"}})
        );
    }
}
