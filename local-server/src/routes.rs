//! The API routes: Inbox's four (here), Contacts' and Members' (`contacts`,
//! `members`), behind the fault and credential gate.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde_json::{json, Map, Value};
use wix_inbox::{
    ConversationId, GetOrCreateConversationRequest, ListMessagesRequest, MessageDirection,
    OverrideSenderOptions, SendMessageRequest, SortOrder,
};

use crate::faults::Caller;
use crate::store::{Order, Sender};
use crate::wix_error::{AppError, WixJson};
use crate::Shared;

/// The page size when `paging.limit` is not set, and the largest one allowed.
pub const DEFAULT_PAGE_SIZE: usize = 30;
/// The largest `paging.limit`.
pub const MAX_PAGE_SIZE: usize = 100;

pub(crate) fn api(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    let router = Router::new()
        .route("/inbox/v2/conversations", post(get_or_create_conversation))
        .route(
            "/inbox/v2/conversations/{conversation_id}",
            get(get_conversation),
        )
        .route("/inbox/v2/messages", get(list_messages).post(send_message));
    let router = crate::members::routes(crate::contacts::routes(router));
    router
        .method_not_allowed_fallback(crate::wix_error::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            shared,
            crate::faults::gate,
        ))
}

type Answer = Result<Response, AppError>;

async fn get_conversation(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Answer {
    let id: ConversationId = id.parse().map_err(|e: wix_inbox::rt::IdError| {
        AppError::invalid_argument("conversationId", &e.to_string())
    })?;
    let conversation = shared.store().get(&caller.site, &id)?;
    Ok(Json(json!({ "conversation": conversation })).into_response())
}

async fn get_or_create_conversation(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    WixJson(request): WixJson<GetOrCreateConversationRequest>,
) -> Answer {
    let mut store = shared.store();
    if !store.has_inbox(&caller.site) {
        return Err(AppError::application(
            428,
            "NO_INBOX_INSTANCE",
            "Inbox is not set up on the site",
        ));
    }
    let (conversation, created) = store.get_or_create(caller.site, &request.participant_id);
    Ok(Json(json!({ "conversation": conversation, "newConversation": created })).into_response())
}

/// Dotted query parameters (`paging.limit=30`) back into a JSON object, nested at most
/// [`MAX_NESTING_DEPTH`](crate::MAX_NESTING_DEPTH) deep.
fn unflatten(query: &str) -> Result<Value, AppError> {
    let url = reqwest::Url::parse(&format!("http://q/?{query}"))
        .map_err(|e| AppError::invalid_body(&e.to_string()))?;
    let mut root = Map::new();
    for (key, value) in url.query_pairs() {
        crate::limits::check_key_depth(&key)?;
        let mut parts: Vec<&str> = key.split('.').collect();
        let last = parts.pop().unwrap_or_default();
        let mut node = &mut root;
        for part in parts {
            let entry = node
                .entry(part.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            node = entry.as_object_mut().ok_or_else(|| {
                AppError::invalid_argument(&key, "conflicts with another parameter")
            })?;
        }
        node.insert(last.to_owned(), Value::String(value.into_owned()));
    }
    Ok(Value::Object(root))
}

async fn list_messages(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Answer {
    let fields = unflatten(query.as_deref().unwrap_or(""))?;
    let request: ListMessagesRequest =
        serde_json::from_value(fields).map_err(|e| AppError::invalid_body(&e.to_string()))?;
    let paging = request.paging.unwrap_or_default();
    let limit = match paging.limit {
        None => DEFAULT_PAGE_SIZE,
        Some(n) if (1..=MAX_PAGE_SIZE as i64).contains(&n) => n as usize,
        Some(_) => {
            return Err(AppError::invalid_argument(
                "paging.limit",
                "must be a whole number from 1 to 100",
            ))
        }
    };
    let sorting = request.sorting.unwrap_or_default();
    if let Some(field) = &sorting.field_name {
        if field != "sequence" {
            return Err(AppError::invalid_argument(
                "sorting.fieldName",
                "only `sequence` is supported",
            ));
        }
    }
    let order = match sorting.order {
        None | Some(SortOrder::Desc) => Order::NewestFirst,
        Some(SortOrder::Asc) => Order::OldestFirst,
        Some(SortOrder::Unrecognized(_)) => {
            return Err(AppError::invalid_argument(
                "sorting.order",
                "must be ASC or DESC",
            ))
        }
    };
    let (messages, next) = shared.store().list(
        &caller.site,
        &request.conversation_id,
        limit,
        order,
        paging.cursor.as_deref(),
    )?;
    let count = messages.len();
    Ok(Json(json!({
        "messages": messages,
        "pagingMetadata": {"count": count, "cursors": {"next": next}},
    }))
    .into_response())
}

async fn send_message(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    WixJson(request): WixJson<SendMessageRequest>,
) -> Answer {
    let message = &request.message;
    if message.content.payload.is_none() {
        return Err(AppError::invalid_argument(
            "message.content",
            "no content is set",
        ));
    }
    let mut message_json =
        serde_json::to_value(message).map_err(|e| AppError::invalid_body(&e.to_string()))?;
    if let Some(violation) = crate::content::basic_content_violation(&message_json["content"]) {
        return Err(violation);
    }
    if let Some(url) = bad_media_url(&message_json["content"]) {
        return Err(AppError::application(
            400,
            "INVALID_MEDIA_URL",
            &format!("`{url}` is not an http or https address"),
        ));
    }
    let as_participant = request.send_as == Some(OverrideSenderOptions::Participant);
    let from_participant = message.direction == MessageDirection::ParticipantToBusiness;
    if as_participant != from_participant {
        return Err(AppError::application(
            403,
            "IDENTITY_DOES_NOT_MATCH",
            "a message from the participant must be sent as the participant, and only such a message",
        ));
    }
    let sender = if as_participant {
        Sender::Participant
    } else {
        Sender::App(shared.config.app_id.to_string())
    };
    // Fields the server sets are not taken from the caller.
    if let Some(fields) = message_json.as_object_mut() {
        for key in ["id", "sender", "sequence", "appId"] {
            fields.remove(key);
        }
    }
    let now = crate::now();
    let stored = shared.store().send(
        &caller.site,
        &request.conversation_id,
        message_json,
        sender,
        &now,
    )?;
    Ok(Json(json!({ "message": stored })).into_response())
}

/// The first media address in `content` that is not http(s).
fn bad_media_url(content: &Value) -> Option<String> {
    match content {
        Value::Object(fields) => fields.iter().find_map(|(key, value)| match value {
            Value::String(url) if matches!(key.as_str(), "url" | "imageUrl" | "iconUrl") => {
                let ok = url.starts_with("https://") || url.starts_with("http://");
                (!ok).then(|| url.clone())
            }
            other => bad_media_url(other),
        }),
        Value::Array(items) => items.iter().find_map(bad_media_url),
        _ => None,
    }
}
