//! Shared by the Contacts and Members tests: raw HTTP calls to a local server (serde_json
//! and reqwest only, not the client), webhook receivers, and the verification of what
//! they receive with the TEST-ONLY keys.
#![allow(dead_code)]

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{json, Value};
use tokio::sync::mpsc;
use wix_local_server::{start_with, LocalServer, ServerConfig, WebhookTarget};

/// TEST-ONLY key pairs (tests/keys/README.md at the checkout's root): 1 signs, 2 is another.
pub const PRIVATE_1: &[u8] =
    include_bytes!("../../../tests/keys/TEST-ONLY-webhook-private-1.pem");
pub const PUBLIC_1: &[u8] = include_bytes!("../../../tests/keys/TEST-ONLY-webhook-public-1.pem");
pub const PUBLIC_2: &[u8] = include_bytes!("../../../tests/keys/TEST-ONLY-webhook-public-2.pem");

/// A status and a JSON body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
}

impl Answer {
    /// `details.applicationError.code`, if any.
    pub fn code(&self) -> Option<&str> {
        self.body["details"]["applicationError"]["code"].as_str()
    }

    /// Decodes the body into a type of the bindings.
    #[track_caller]
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|e| panic!("{}: {e}: {}", self.status, self.body))
    }
}

/// Asserts Wix's error shape, the status and (when given) the application code.
#[track_caller]
pub fn assert_error(answer: &Answer, status: u16, code: Option<&str>) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json", "{}", answer.body);
    assert!(answer.body["message"].is_string(), "{}", answer.body);
    assert!(answer.body["details"].is_object(), "{}", answer.body);
    assert_eq!(answer.code(), code, "{}", answer.body);
    if code.is_none() && status == 400 {
        assert!(
            answer.body["details"]["validationError"].is_object(),
            "{}",
            answer.body
        );
    }
}

/// Calls the server: `method` on `path` (with its query), a JSON body or none.
pub struct Api {
    base: String,
    http: reqwest::Client,
    site: Option<String>,
}

impl Api {
    pub fn new(server: &LocalServer) -> Api {
        Api {
            base: server.base_url(),
            http: reqwest::Client::new(),
            site: None,
        }
    }

    /// Calls made as another site (`wix-site-id`).
    pub fn for_site(server: &LocalServer, site: &str) -> Api {
        Api {
            site: Some(site.to_owned()),
            ..Api::new(server)
        }
    }

    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("authorization", "test-token");
        if let Some(site) = &self.site {
            request = request.header("wix-site-id", site);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        answer(request).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.call("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.call("POST", path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Answer {
        self.call("PATCH", path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.call("DELETE", path, None).await
    }

    /// The raw response, for bodies that are not JSON.
    pub async fn raw(&self, method: &str, path: &str, body: Option<Value>) -> reqwest::Response {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("authorization", "test-token");
        if let Some(body) = body {
            request = request.body(body.to_string());
        }
        request.send().await.expect("the server answers")
    }

    // ---- Contacts and Members in a line ----

    /// createContact with an email address and a first name; the new contact's JSON.
    pub async fn create_contact(&self, email: &str, first: &str) -> Value {
        let answer = self
            .post(
                "/contacts/v4/contacts",
                json!({"info": {
                    "name": {"first": first},
                    "emails": {"items": [{"email": email, "tag": "MAIN"}]},
                }}),
            )
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.body["contact"].clone()
    }

    /// queryContacts with a filter; the answer.
    pub async fn query_contacts(&self, query: Value) -> Answer {
        self.post("/contacts/v4/contacts/query", json!({ "query": query }))
            .await
    }

    /// The IDs of the contacts whose primary email is `email`.
    pub async fn contacts_with_email(&self, email: &str) -> Vec<String> {
        let answer = self
            .query_contacts(json!({"filter": {"primaryInfo.email": {"$eq": email}}}))
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        ids(&answer.body["contacts"])
    }

    /// createMember with a login email; the new member's JSON.
    pub async fn create_member(&self, login_email: &str) -> Value {
        let answer = self
            .post(
                "/members/v1/members",
                json!({"member": {"loginEmail": login_email}}),
            )
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.body["member"].clone()
    }

    /// A visitor who writes in: their ID and conversation.
    pub async fn visitor_writes(&self, text: &str) -> (String, String) {
        let answer = self.post("/_local/visitors", json!({ "text": text })).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        (
            answer.body["anonymousVisitorId"]
                .as_str()
                .unwrap()
                .to_owned(),
            answer.body["conversationId"].as_str().unwrap().to_owned(),
        )
    }

    /// POST /_local/conversions.
    pub async fn convert(&self, body: Value) -> Answer {
        self.post("/_local/conversions", body).await
    }
}

/// The `id` of each item of a JSON array.
pub fn ids(items: &Value) -> Vec<String> {
    items
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["id"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

pub async fn answer(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.expect("a whole body");
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{status}: not JSON ({e}): {text:?}"));
    Answer {
        status,
        content_type,
        body,
    }
}

/// A webhook receiver on 127.0.0.1: every body POSTed to it arrives on the channel
/// before it is answered, so before the server's call that sent it returns.
pub struct Receiver {
    pub url: String,
    pub bodies: mpsc::UnboundedReceiver<String>,
}

impl Receiver {
    /// Every body received so far.
    pub fn drain(&mut self) -> Vec<String> {
        std::iter::from_fn(|| self.bodies.try_recv().ok()).collect()
    }

    /// Every webhook received so far, verified with the app's key and decoded.
    pub fn webhooks(&mut self) -> Vec<Webhook> {
        self.drain()
            .iter()
            .map(|body| verify(body, PUBLIC_1))
            .collect()
    }
}

pub async fn receiver() -> Receiver {
    let (tx, rx) = mpsc::unbounded_channel();
    let app = axum::Router::new().route(
        "/webhook",
        axum::routing::post(move |body: String| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(body);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    Receiver {
        url: format!("http://{addr}/webhook"),
        bodies: rx,
    }
}

/// A server that signs its webhooks with the TEST-ONLY key 1: Inbox's to one
/// receiver, the Contacts and Members ones to another.
pub async fn server_with_webhooks() -> (LocalServer, Receiver, Receiver) {
    let inbox = receiver().await;
    let crm = receiver().await;
    let target = |url: &str| WebhookTarget {
        url: url.to_owned(),
        private_key_pem: PRIVATE_1.to_vec(),
    };
    let config = ServerConfig {
        webhook: Some(target(&inbox.url)),
        crm_webhook: Some(target(&crm.url)),
        ..ServerConfig::default()
    };
    (start_with(config).await.unwrap(), inbox, crm)
}

/// A webhook, its signature checked: the envelope's parts, each layer decoded.
#[derive(Debug)]
pub struct Webhook {
    pub event_type: String,
    pub instance_id: String,
    pub identity: Value,
    pub event: Value,
}

impl Webhook {
    /// The entity of a created event (`createdEvent.entity`).
    pub fn created(&self) -> &Value {
        &self.event["createdEvent"]["entity"]
    }
}

/// Verifies an RS256 webhook token with `public_key_pem` and decodes its layers.
#[track_caller]
pub fn verify(token: &str, public_key_pem: &[u8]) -> Webhook {
    try_verify(token, public_key_pem).unwrap_or_else(|e| panic!("{e}: {token}"))
}

pub fn try_verify(token: &str, public_key_pem: &[u8]) -> Result<Webhook, String> {
    let key = DecodingKey::from_rsa_pem(public_key_pem).map_err(|e| e.to_string())?;
    let validation = Validation::new(Algorithm::RS256);
    let claims = jsonwebtoken::decode::<Value>(token, &key, &validation)
        .map_err(|e| e.to_string())?
        .claims;
    let text = |v: &Value| -> Result<Value, String> {
        serde_json::from_str(v.as_str().ok_or("not JSON text")?).map_err(|e| e.to_string())
    };
    let envelope = text(&claims["data"])?;
    Ok(Webhook {
        event_type: envelope["eventType"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        instance_id: envelope["instanceId"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        identity: match envelope.get("identity") {
            Some(identity) => text(identity)?,
            None => Value::Null,
        },
        event: text(&envelope["data"])?,
    })
}
