//! listMessages paging: the server's pages (30 by default, at most 100, newest first)
//! and the client's stream that follows `pagingMetadata.cursors.next`.

mod inbox_support;

use futures_util::{StreamExt, TryStreamExt};
use inbox_support::{client, conversation_of, text, text_of};
use wix_inbox::client::{InboxClient, Error};
use wix_inbox::{
    ContactId, ConversationId, CursorPaging, ListMessagesRequest, MessageVisibility, SortOrder,
    Sorting,
};
use wix_local_server::start;

const CONTACT: ContactId = ContactId::from_literal("5e6f7081-1111-4222-8333-444455556666");

async fn with_messages(client: &InboxClient, n: usize) -> ConversationId {
    let id = conversation_of(client, CONTACT).await;
    for i in 1..=n {
        client
            .send_message(id, text(&format!("m{i}")))
            .await
            .unwrap();
    }
    id
}

fn request(id: ConversationId, limit: Option<i64>) -> ListMessagesRequest {
    let request = ListMessagesRequest::new(id, MessageVisibility::BusinessAndParticipant);
    match limit {
        Some(limit) => request.with_paging(CursorPaging {
            limit: Some(limit),
            cursor: None,
        }),
        None => request,
    }
}

#[tokio::test]
async fn the_stream_follows_cursors_across_pages_newest_first() {
    let server = start().await.unwrap();
    let client = client(&server);
    let id = with_messages(&client, 7).await;
    let texts: Vec<String> = client
        .messages(request(id, Some(3)))
        .map_ok(|m| text_of(&m))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(texts, ["m7", "m6", "m5", "m4", "m3", "m2", "m1"]);
    assert_eq!(server.inbox().request_count("listMessages"), 3);
}

#[tokio::test]
async fn oldest_first_when_asked() {
    let server = start().await.unwrap();
    let client = client(&server);
    let id = with_messages(&client, 5).await;
    let request = request(id, Some(2)).with_sorting(Sorting {
        field_name: Some("sequence".into()),
        order: Some(SortOrder::Asc),
    });
    let sequences: Vec<i64> = client
        .messages(request)
        .map_ok(|m| m.sequence().unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(sequences, [1, 2, 3, 4, 5]);
    assert_eq!(server.inbox().request_count("listMessages"), 3);
}

#[tokio::test]
async fn thirty_by_default_and_at_most_a_hundred() {
    let server = start().await.unwrap();
    let client = client(&server);
    let id = with_messages(&client, 105).await;

    let page = client.list_messages(&request(id, None)).await.unwrap();
    assert_eq!(page.messages.len(), 30);
    assert_eq!(page.messages[0].sequence(), Some(105));
    let next = page.paging_metadata.unwrap().cursors.unwrap().next;
    assert!(next.is_some());

    let page = client
        .list_messages(&request(id, Some(100)))
        .await
        .unwrap();
    assert_eq!(page.messages.len(), 100);
    let e = client
        .list_messages(&request(id, Some(101)))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(400));

    // The last page has no next cursor.
    let all: Vec<_> = client
        .messages(request(id, None))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 105);
    assert_eq!(server.inbox().request_count("listMessages"), 3 + 4);
}

#[tokio::test]
async fn the_stream_ends_after_an_error() {
    let server = start().await.unwrap();
    let client = client(&server);
    let id = with_messages(&client, 5).await;
    let mut stream = client.messages(request(id, Some(2)));
    assert_eq!(text_of(&stream.next().await.unwrap().unwrap()), "m5");
    assert_eq!(text_of(&stream.next().await.unwrap().unwrap()), "m4");
    server.faults().fail_next(500, 1);
    let e = stream.next().await.unwrap().unwrap_err();
    assert!(matches!(e, Error::Status { status: 500, .. }), "{e:?}");
    assert!(stream.next().await.is_none());
    assert_eq!(server.inbox().request_count("listMessages"), 2);
}

#[tokio::test]
async fn an_empty_conversation_is_an_empty_stream() {
    let server = start().await.unwrap();
    let client = client(&server);
    let id = with_messages(&client, 0).await;
    let all: Vec<_> = client
        .messages(request(id, None))
        .try_collect()
        .await
        .unwrap();
    assert!(all.is_empty());
    assert_eq!(server.inbox().request_count("listMessages"), 1);
}
