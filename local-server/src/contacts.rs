//! The Contacts routes: queryContacts, getContact, createContact, updateContact,
//! deleteContact, each on the verb and path of its `Request::OPERATION`, taking the
//! bindings' request type and answering the bindings' response type.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json, Router};
use serde::de::DeserializeOwned;
use serde_json::Value;
use wix_contacts::{
    Contact, CreateContactRequest, CreateContactResponse, DeleteContactRequest,
    DeleteContactResponse, GetContactRequest, GetContactResponse, GetContactResponseType,
    PagingMetadata, QueryContactsRequest, QueryContactsResponse, UpdateContactRequest,
    UpdateContactResponse,
};

use crate::crm::{project_contact, Origin};
use crate::events::{app_identity, send, CrmEvent};
use crate::faults::Caller;
use crate::ops::{route, Call};
use crate::wix_error::AppError;
use crate::Shared;

type Answer = Result<Response, AppError>;

pub(crate) fn routes(router: Router<Arc<Shared>>) -> Router<Arc<Shared>> {
    let router = route::<QueryContactsRequest, _, _, _>(router, query_contacts);
    let router = route::<GetContactRequest, _, _, _>(router, get_contact);
    let router = route::<CreateContactRequest, _, _, _>(router, create_contact);
    let router = route::<UpdateContactRequest, _, _, _>(router, update_contact);
    route::<DeleteContactRequest, _, _, _>(router, delete_contact)
}

/// Server JSON as a bindings type; a 500 if the two disagree (a bug of the server).
pub(crate) fn typed<T: DeserializeOwned>(value: Value) -> Result<T, AppError> {
    serde_json::from_value(value).map_err(|e| {
        AppError::status(
            500,
            &format!("the local server made what the bindings cannot read: {e}"),
        )
    })
}

async fn query_contacts(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Call(request): Call<QueryContactsRequest>,
) -> Answer {
    let (contacts, page) = shared.store().crm.query_contacts(&caller.site, &request)?;
    let response = QueryContactsResponse {
        contacts: contacts
            .into_iter()
            .map(typed::<Contact>)
            .collect::<Result<_, _>>()?,
        paging_metadata: Some(PagingMetadata {
            count: Some(page.count as i64),
            offset: Some(page.offset as i64),
            total: Some(page.total as i64),
            too_many_to_count: Some(false),
        }),
    };
    Ok(Json(response).into_response())
}

async fn get_contact(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Call(request): Call<GetContactRequest>,
) -> Answer {
    let contact = shared.store().crm.get_contact(&caller.site, &request.id)?;
    let contact = project_contact(contact, &request.fields, &request.fieldsets, "fieldsets")?;
    let response = GetContactResponse {
        contact: Some(typed(contact)?),
        response_type: Some(GetContactResponseType::Regular),
    };
    Ok(Json(response).into_response())
}

async fn create_contact(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Call(request): Call<CreateContactRequest>,
) -> Answer {
    let contact = shared.store().create_contact(
        caller.site,
        &request.info,
        request.allow_duplicates.unwrap_or(false),
        Origin::App(shared.config.app_id),
        &crate::now(),
    )?;
    let response = CreateContactResponse {
        contact: Some(typed(contact.clone())?),
    };
    send(
        &shared,
        CrmEvent::ContactCreated(contact),
        &app_identity(&shared),
    )
    .await;
    Ok(Json(response).into_response())
}

async fn update_contact(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Call(request): Call<UpdateContactRequest>,
) -> Answer {
    let contact = shared
        .store()
        .update_contact(&caller.site, &request, &crate::now())?;
    let response = UpdateContactResponse {
        contact: Some(typed(contact.clone())?),
    };
    send(
        &shared,
        CrmEvent::ContactUpdated(contact),
        &app_identity(&shared),
    )
    .await;
    Ok(Json(response).into_response())
}

async fn delete_contact(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Call(request): Call<DeleteContactRequest>,
) -> Answer {
    let (id, sequence) = shared
        .store()
        .crm
        .delete_contact(&caller.site, &request.contact_id)?;
    send(
        &shared,
        CrmEvent::ContactDeleted(id, sequence),
        &app_identity(&shared),
    )
    .await;
    Ok(Json(DeleteContactResponse {}).into_response())
}
