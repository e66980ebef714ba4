//! App credentials against the local server's token endpoint: the client mints a
//! token on an instance's first call and not before, keeps it for the calls after,
//! renews it before it expires and once when a call is refused with 401, keeps one
//! token per instance, and never shows the app secret or a token in `Debug` output,
//! errors or logs.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use wix_contacts::client::{ContactsClient, Credentials, Error, TokenError};
use wix_contacts::{ContactInfo, InstanceId, QueryContactsRequest};
use wix_local_server::{
    start_with, LocalServer, ServerConfig, DEFAULT_APP_ID, DEFAULT_APP_SECRET, DEFAULT_INSTANCE_ID,
};

const OTHER_INSTANCE: InstanceId = InstanceId::from_literal("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e");

/// A server that takes no credential but the tokens it mints, so that every call
/// that succeeds carried one.
async fn server(token_lifetime: Duration) -> LocalServer {
    start_with(ServerConfig {
        accepted_credentials: Some(vec![]),
        token_lifetime,
        ..ServerConfig::default()
    })
    .await
    .unwrap()
}

fn app_client(server: &LocalServer, secret: &str) -> ContactsClient {
    ContactsClient::builder(Credentials::app(DEFAULT_APP_ID, secret))
        .base_url(server.base_url())
        .build()
        .unwrap()
}

/// One call of the client: queryContacts, the number of contacts it sees.
async fn call(client: &ContactsClient) -> Result<usize, Error<wix_contacts::QueryContactsError>> {
    let found = client
        .query_contacts(&QueryContactsRequest::default())
        .await?;
    Ok(found.contacts.len())
}

fn query_count(server: &LocalServer) -> usize {
    server.inbox().request_count("queryContacts")
}

const FOUR_HOURS: Duration = Duration::from_secs(4 * 60 * 60);

#[tokio::test]
async fn the_first_call_mints_and_the_next_ones_reuse_the_token() {
    let server = server(FOUR_HOURS).await;
    let client = app_client(&server, DEFAULT_APP_SECRET).for_instance(DEFAULT_INSTANCE_ID);
    assert_eq!(server.app_tokens().minted(), 0, "minted before any call");
    assert_eq!(call(&client).await.unwrap(), 0);
    assert_eq!(server.app_tokens().minted(), 1);
    for _ in 0..3 {
        call(&client).await.unwrap();
    }
    // Clones and handles made again share the cache.
    call(&client.clone()).await.unwrap();
    call(&client.for_instance(DEFAULT_INSTANCE_ID))
        .await
        .unwrap();
    assert_eq!(server.app_tokens().minted(), 1);
    assert_eq!(query_count(&server), 6);
}

#[tokio::test]
async fn concurrent_first_calls_of_an_instance_mint_one_token() {
    let server = server(FOUR_HOURS).await;
    let client = app_client(&server, DEFAULT_APP_SECRET).for_instance(DEFAULT_INSTANCE_ID);
    let calls: Vec<_> = (0..5).map(|_| call(&client)).collect();
    for result in futures_util::future::join_all(calls).await {
        result.unwrap();
    }
    assert_eq!(server.app_tokens().minted(), 1);
}

#[tokio::test]
async fn a_token_is_renewed_before_it_expires() {
    // A 2 s token is renewed a tenth of its life early: after 1.8 s from asking.
    let server = server(Duration::from_secs(2)).await;
    let client = app_client(&server, DEFAULT_APP_SECRET).for_instance(DEFAULT_INSTANCE_ID);
    call(&client).await.unwrap();
    call(&client).await.unwrap();
    assert_eq!(server.app_tokens().minted(), 1);
    tokio::time::sleep(Duration::from_millis(1850)).await;
    call(&client).await.unwrap();
    assert_eq!(server.app_tokens().minted(), 2);
    // Renewed ahead, not after a refusal: one request per call, none refused.
    assert_eq!(query_count(&server), 3);
}

#[tokio::test]
async fn a_401_renews_the_token_once_and_sends_the_call_again() {
    let server = server(FOUR_HOURS).await;
    let client = app_client(&server, DEFAULT_APP_SECRET).for_instance(DEFAULT_INSTANCE_ID);
    call(&client).await.unwrap();

    // The token is revoked: the call is refused, renewed, sent again, and succeeds.
    server.app_tokens().revoke_all();
    assert_eq!(call(&client).await.unwrap(), 0);
    assert_eq!(server.app_tokens().minted(), 2);
    assert_eq!(query_count(&server), 3);

    // A POST is sent again too (a 401 means the server did not act): createContact.
    server.app_tokens().revoke_all();
    let info: ContactInfo =
        serde_json::from_value(serde_json::json!({"name": {"first": "Ann"}})).unwrap();
    client.create_contact(info).await.unwrap();
    assert_eq!(server.app_tokens().minted(), 3);
    assert_eq!(
        call(&client).await.unwrap(),
        1,
        "the contact was created once"
    );

    // Refused again after renewing: once only, and the 401 is the error.
    server.faults().fail_next(401, 2);
    let before = query_count(&server);
    let e = call(&client).await.unwrap_err();
    assert_eq!(e.status(), Some(401), "{e}");
    assert_eq!(server.app_tokens().minted(), 4);
    assert_eq!(query_count(&server), before + 2);
}

#[tokio::test]
async fn a_401_with_a_fixed_token_is_not_retried() {
    let server = start_with(ServerConfig::default()).await.unwrap();
    let client = ContactsClient::builder(Credentials::access_token("dev"))
        .base_url(server.base_url())
        .build()
        .unwrap();
    server.faults().fail_next(401, 1);
    assert_eq!(call(&client).await.unwrap_err().status(), Some(401));
    assert_eq!(query_count(&server), 1);
    assert_eq!(server.app_tokens().minted(), 0);
}

#[tokio::test]
async fn two_instances_get_two_tokens_and_act_on_their_own_sites() {
    let server = server(FOUR_HOURS).await;
    let client = app_client(&server, DEFAULT_APP_SECRET);
    let first = client.for_instance(DEFAULT_INSTANCE_ID);
    let second = client.for_instance(OTHER_INSTANCE);
    assert_eq!(first.instance(), Some(DEFAULT_INSTANCE_ID.into()));
    let info: ContactInfo =
        serde_json::from_value(serde_json::json!({"name": {"first": "Ann"}})).unwrap();
    first.create_contact(info).await.unwrap();
    assert_eq!(call(&first).await.unwrap(), 1);
    assert_eq!(call(&second).await.unwrap(), 0, "another site's contacts");
    call(&second).await.unwrap();
    let tokens = server.app_tokens();
    assert_eq!(tokens.minted_for(&DEFAULT_INSTANCE_ID), 1);
    assert_eq!(tokens.minted_for(&OTHER_INSTANCE), 1);
    assert_eq!(tokens.minted(), 2);

    // A client bound to an instance from the start.
    let bound = ContactsClient::builder(Credentials::app_instance(
        DEFAULT_APP_ID,
        DEFAULT_APP_SECRET,
        OTHER_INSTANCE,
    ))
    .base_url(server.base_url())
    .build()
    .unwrap();
    assert_eq!(bound.instance(), Some(OTHER_INSTANCE.into()));
    assert_eq!(call(&bound).await.unwrap(), 0);
}

#[tokio::test]
async fn a_call_naming_no_instance_is_not_sent() {
    let server = server(FOUR_HOURS).await;
    let client = app_client(&server, DEFAULT_APP_SECRET);
    let e = call(&client).await.unwrap_err();
    assert!(matches!(e, Error::Token(TokenError::NoInstance)), "{e:?}");
    assert!(e.to_string().contains("for_instance"), "{e}");
    assert_eq!(query_count(&server), 0);
    assert_eq!(server.app_tokens().minted(), 0);
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_secret_and_the_tokens_appear_in_no_debug_error_or_log() {
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    const SECRET: &str = "s3cr3t-app-key-0000";
    let server = start_with(ServerConfig {
        accepted_credentials: Some(vec![]),
        app_secret: SECRET.to_owned(),
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let client = app_client(&server, SECRET).for_instance(DEFAULT_INSTANCE_ID);
    call(&client).await.unwrap();
    server.app_tokens().revoke_all();
    call(&client).await.unwrap();
    let mut shown = vec![
        format!("{client:?}"),
        format!("{:?}", Credentials::app(DEFAULT_APP_ID, SECRET)),
        format!("{:?}", server.app_tokens()),
    ];

    // Refused credentials: the error says so, without either secret.
    let wrong = app_client(&server, "wr0ng-secret").for_instance(DEFAULT_INSTANCE_ID);
    let e = call(&wrong).await.unwrap_err();
    match &e {
        Error::Token(TokenError::Refused { status, error, .. }) => {
            assert_eq!(*status, 401);
            assert_eq!(error.as_deref(), Some("invalid_client"));
        }
        other => panic!("{other:?}"),
    }
    shown.push(format!("{e:?}"));
    shown.push(e.to_string());
    assert!(e.to_string().contains("invalid_client"), "{e}");

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("minted an access token"), "{log}");
    assert!(log.contains("renewing"), "{log}");
    shown.push(log);
    for text in shown {
        for secret in [SECRET, "wr0ng-secret", "local-oauth."] {
            assert!(!text.contains(secret), "`{secret}` shown:\n{text}");
        }
    }
}

#[tokio::test]
async fn the_inbox_client_acts_for_an_instance_too() {
    let server = server(FOUR_HOURS).await;
    let inbox =
        wix_inbox::client::InboxClient::builder(Credentials::app(DEFAULT_APP_ID, DEFAULT_APP_SECRET))
            .base_url(server.base_url())
            .build()
            .unwrap();
    let site: wix_inbox::client::InboxClient = inbox.for_instance(DEFAULT_INSTANCE_ID);
    let contact = wix_inbox::ContactId::from_literal("c0ffee00-1234-4abc-8def-0123456789ab");
    let found = site.get_or_create_conversation(contact).await.unwrap();
    assert!(found.conversation.is_some());
    assert_eq!(server.app_tokens().minted_for(&DEFAULT_INSTANCE_ID), 1);
}
