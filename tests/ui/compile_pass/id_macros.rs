// Every ID macro, in const items and in expressions.
use wix_inbox::{
    account_id, app_id, contact_id, conversation_id, instance_id, member_id, participant, site_id,
    wix_user_id, AccountId, AppId, ContactId, ConversationId, InstanceId, MemberId, ParticipantId,
    SiteId, WixUserId,
};

const MEMBER: ParticipantId = participant!(member = "b17c523c-6ec9-4b56-9d9d-123cc6978bdf");
const CONTACT: ParticipantId = participant!(contact = "D4C3B2A1-6F5E-4987-A8B9-0C1D2E3F4A5B",);
const CONVERSATION: ConversationId = conversation_id!("8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3");
const CONTACT_ID: ContactId = contact_id!(r"d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b");
const MEMBER_ID: MemberId = member_id!(r#"0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"#);
static APP: AppId = app_id!("9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
const WIX_USER: WixUserId = wix_user_id!("9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
const ACCOUNT: AccountId = account_id!("9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
const SITE: SiteId = site_id!("9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
const INSTANCE: InstanceId = instance_id!("9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");

// A literal passed on by another macro arrives as an expression fragment.
macro_rules! member {
    ($guid:expr) => {
        wix_inbox::participant!(member = $guid)
    };
}

fn main() {
    assert_eq!(
        MEMBER,
        ParticipantId::Member("b17c523c-6ec9-4b56-9d9d-123cc6978bdf".parse().unwrap())
    );
    assert_eq!(
        CONTACT,
        ParticipantId::Contact("D4C3B2A1-6F5E-4987-A8B9-0C1D2E3F4A5B".parse().unwrap())
    );
    assert_eq!(
        CONVERSATION.as_str(),
        "8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3"
    );
    assert_eq!(
        ParticipantId::from(CONTACT_ID),
        participant!(contact = "d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5b")
    );
    assert_eq!(
        ParticipantId::from(MEMBER_ID),
        member!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b")
    );
    let _ = (APP, WIX_USER, ACCOUNT, SITE, INSTANCE);
    // In expressions, fully qualified.
    let id = wix_inbox::conversation_id!("8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3");
    assert_eq!(id, CONVERSATION);
}
