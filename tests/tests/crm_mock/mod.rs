//! Shared by the Contacts and Members client tests: a mock HTTP server on 127.0.0.1 that
//! records every request, and the values those tests use.
#![allow(dead_code, unused_imports)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use wix_contacts::client::{ContactsClient, Credentials, Error, RetryPolicy, StreamExt, TryStreamExt};
use wix_contacts::rt::client::Client;
use wix_contacts::{
    Contact, ContactFieldSet, ContactId, ContactInfo, ContactName, CreateContactError,
    DeleteContactError, GetContactError, GetContactRequest, QueryContactsError,
    QueryContactsRequest, UpdateContactError,
};
use wix_members::client::MembersClient;
use wix_members::{
    DeleteMemberError, GetMemberError, GetMemberRequest, Member, MemberId, QueryMembersRequest,
    Set,
};


pub const CONTACT: ContactId = ContactId::from_literal("a1b2c3d4-e5f6-4789-8abc-def012345678");
pub const MEMBER: MemberId = MemberId::from_literal("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
pub const TOKEN: &str = "tok-mock-1";

/// A request as the mock server received it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// The query parameters, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The body as JSON; `None` when empty.
    pub body: Option<Value>,
    pub authorization: Option<String>,
}

impl Seen {
    pub fn query_pairs(&self) -> Vec<(&str, &str)> {
        self.query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// The `query.paging.offset` of a query's body.
    pub fn offset(&self) -> Option<i64> {
        self.body.as_ref()?["query"]["paging"]["offset"].as_i64()
    }
}

type Answer = (u16, Value);

/// A mock server: every request is recorded and answered by `answer`.
pub struct Mock {
    pub base_url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Mock {
    pub async fn start(answer: impl Fn(&Seen) -> Answer + Send + Sync + 'static) -> Mock {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let answer = Arc::new(answer);
        let app = axum::Router::new().fallback(
            move |method: axum::http::Method,
                  uri: axum::http::Uri,
                  headers: axum::http::HeaderMap,
                  body: String| {
                let log = log.clone();
                let answer = answer.clone();
                async move {
                    let url = reqwest::Url::parse(&format!("http://mock{uri}")).unwrap();
                    let request = Seen {
                        method: method.to_string(),
                        path: url.path().to_owned(),
                        query: url.query_pairs().into_owned().collect(),
                        body: (!body.trim().is_empty())
                            .then(|| serde_json::from_str(&body).expect("a JSON body")),
                        authorization: headers
                            .get("authorization")
                            .map(|v| v.to_str().unwrap().to_owned()),
                    };
                    let (status, body) = answer(&request);
                    log.lock().unwrap().push(request);
                    (
                        axum::http::StatusCode::from_u16(status).unwrap(),
                        [("content-type", "application/json")],
                        body.to_string(),
                    )
                }
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Mock {
            base_url: format!("http://{addr}"),
            seen,
        }
    }

    /// A mock that answers every request with `status` and `body`.
    pub async fn answering(status: u16, body: Value) -> Mock {
        Mock::start(move |_| (status, body.clone())).await
    }

    /// The runtime's client, for this server.
    pub fn client(&self) -> Client {
        Client::builder(Credentials::access_token(TOKEN))
            .base_url(&self.base_url)
            .retry_policy(RetryPolicy::none())
            .timeout(Some(Duration::from_secs(10)))
            .build()
            .unwrap()
    }

    /// The generated Contacts client, on [`Mock::client`]'s connection.
    pub fn contacts(&self) -> ContactsClient {
        ContactsClient::sharing(&self.client())
    }

    /// The generated Members client, on [`Mock::client`]'s connection.
    pub fn members(&self) -> MembersClient {
        MembersClient::sharing(&self.client())
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn only(&self) -> Seen {
        let seen = self.seen();
        assert_eq!(seen.len(), 1, "{seen:#?}");
        seen.into_iter().next().unwrap()
    }
}

/// Wix's error body for an application error.
pub fn wix_error(code: &str, description: &str) -> Value {
    json!({
        "message": format!("{code}: {description}"),
        "details": {"applicationError": {"code": code, "description": description, "data": {}}}
    })
}

pub fn contact_json(n: usize) -> Value {
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012}"),
        "revision": 1,
        "info": {"name": {"first": format!("c{n}")}}
    })
}

pub fn first_name(contact: &Contact) -> String {
    contact
        .info
        .as_ref()
        .and_then(|i| i.name.as_ref())
        .and_then(|n| n.first.clone())
        .unwrap()
}

pub fn info(first: &str) -> ContactInfo {
    ContactInfo {
        name: Some(ContactName {
            first: Some(first.into()),
            last: None,
        }),
        ..ContactInfo::default()
    }
}


/// The error's status, typed application error and code.
pub fn parts<E: Clone>(e: &Error<E>) -> (Option<u16>, Option<E>, Option<String>) {
    (
        e.status(),
        e.application_error().cloned(),
        e.code().map(str::to_owned),
    )
}
