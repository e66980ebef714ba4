//! The conversation-ID helper across a visitor → contact → member conversion on the
//! local server, with its signed webhooks received and verified here.

mod inbox_support;

use futures_util::TryStreamExt;
use inbox_support::{client, receiver, text, text_of, Receiver, PRIVATE_1, PUBLIC_1};
use wix_inbox::lifecycle::ConversationCache;
use wix_inbox::webhook::{Delivery, Event, WebhookVerifier};
use wix_inbox::{
    ConversationId, GetConversationError, ListMessagesRequest, MessageVisibility, ParticipantId,
    SortOrder, Sorting,
};
use wix_local_server::{start_with, LocalServer, ServerConfig, WebhookTarget};

async fn server_sending_webhooks() -> (LocalServer, Receiver) {
    let receiver = receiver().await;
    let config = ServerConfig {
        webhook: Some(WebhookTarget {
            url: receiver.url.clone(),
            private_key_pem: PRIVATE_1.to_vec(),
        }),
        ..ServerConfig::default()
    };
    (start_with(config).await.unwrap(), receiver)
}

/// The next webhook the receiver got, verified and decoded. The server delivers
/// before its admin call returns, so it is already there.
fn next_delivery(receiver: &mut Receiver) -> Delivery {
    let body = receiver.bodies.try_recv().expect("a webhook was delivered");
    WebhookVerifier::from_rsa_pem(PUBLIC_1)
        .unwrap()
        .decode(&body)
        .unwrap()
}

fn merged(delivery: &Delivery) -> (Vec<ConversationId>, ConversationId) {
    match &delivery.event {
        Event::ConversationsMerged(m) => (
            m.old_conversation_ids.clone(),
            m.target_conversation_id.unwrap(),
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn visitor_to_contact_to_member() {
    let (server, mut receiver) = server_sending_webhooks().await;
    let inbox = server.inbox();
    let count = |method| inbox.request_count(method);

    // A visitor writes in; the only way to learn their ID is the event's sender.
    let (visitor_id, c1) = inbox.visitor_writes("hi, anyone there?").await;
    let event = next_delivery(&mut receiver).event;
    assert!(matches!(event, Event::MessageSentToBusiness(_)));
    let visitor = event.participant().expect("the sender");
    assert_eq!(visitor, ParticipantId::AnonymousVisitor(visitor_id));

    let cache = ConversationCache::new(client(&server));
    cache.send(visitor.clone(), text("welcome")).await.unwrap();
    assert_eq!(cache.cached(&visitor), Some(c1));
    cache
        .send(visitor.clone(), text("how can we help?"))
        .await
        .unwrap();
    assert_eq!(
        (count("getOrCreateConversation"), count("sendMessage")),
        (1, 2)
    );

    // Visitor → contact: the event moves the cache to the new conversation.
    let conversion = inbox.convert_to_contact(&visitor_id).await.unwrap();
    let contact = ParticipantId::Contact(conversion.contact_id.unwrap());
    let delivery = next_delivery(&mut receiver);
    let (old, c2) = merged(&delivery);
    assert_eq!(old, [c1]);
    assert_eq!(conversion.merges[0].new, c2);
    assert_eq!(cache.apply_event(&delivery.event), 1);
    assert_eq!(cache.cached(&visitor), Some(c2));
    cache
        .send(visitor.clone(), text("thanks for your details"))
        .await
        .unwrap();
    assert_eq!(
        (count("getOrCreateConversation"), count("sendMessage")),
        (1, 3)
    );

    // The old ID is gone.
    let e = client(&server).get_conversation(c1).await.unwrap_err();
    assert_eq!(
        e.application_error(),
        Some(&GetConversationError::ConversationNotFound)
    );

    // Contact → member, and this time the event is missed: the stale ID is found out
    // by CONVERSATION_NOT_FOUND and resolved again, once.
    let conversion = inbox.convert_to_member(&contact).await.unwrap();
    let member = ParticipantId::Member(conversion.member_id.unwrap());
    let (old, c3) = merged(&next_delivery(&mut receiver));
    assert_eq!(old, [c2]);
    cache
        .send(visitor.clone(), text("welcome, member"))
        .await
        .unwrap();
    assert_eq!(cache.cached(&visitor), Some(c3));
    assert_eq!(
        (count("getOrCreateConversation"), count("sendMessage")),
        (2, 5)
    );
    // The member ID reaches the same conversation.
    cache
        .send(member.clone(), text("see you soon"))
        .await
        .unwrap();
    assert_eq!(cache.cached(&member), Some(c3));

    // Every message followed the merges, in order.
    let request = ListMessagesRequest::new(c3, MessageVisibility::BusinessAndParticipant)
        .with_sorting(Sorting {
            field_name: None,
            order: Some(SortOrder::Asc),
        });
    let texts: Vec<String> = client(&server)
        .messages(request)
        .map_ok(|m| text_of(&m))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        texts,
        [
            "hi, anyone there?",
            "welcome",
            "how can we help?",
            "thanks for your details",
            "welcome, member",
            "see you soon",
        ]
    );
    assert!(inbox.deliveries().iter().all(|d| d.status == Some(200)));
}

#[tokio::test]
async fn resolves_again_only_once() {
    let (server, _receiver) = server_sending_webhooks().await;
    let inbox = server.inbox();
    let contact = ParticipantId::Contact("7f809102-1111-4222-8333-444455556666".parse().unwrap());
    let cache = ConversationCache::new(client(&server));
    cache.send(contact.clone(), text("one")).await.unwrap();
    assert_eq!(inbox.request_count("getOrCreateConversation"), 1);

    server
        .faults()
        .application_error_next("sendMessage", "CONVERSATION_NOT_FOUND", 2);
    let e = cache.send(contact.clone(), text("two")).await.unwrap_err();
    assert_eq!(e.code(), Some("CONVERSATION_NOT_FOUND"));
    assert_eq!(inbox.request_count("getOrCreateConversation"), 2);
    assert_eq!(inbox.request_count("sendMessage"), 3);

    // Other errors are not a reason to resolve again.
    server.faults().fail_next(503, 1);
    let e = cache.send(contact, text("three")).await.unwrap_err();
    assert_eq!(e.status(), Some(503));
    assert_eq!(inbox.request_count("getOrCreateConversation"), 2);
}
