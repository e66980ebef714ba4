//! The Members routes: getMember, queryMembers, createMember, deleteMember, each on the
//! verb and path of its `Request::OPERATION`, taking the bindings' request type and
//! answering the bindings' response type.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json, Router};
use wix_members::{
    CreateMemberRequest, CreateMemberResponse, DeleteMemberRequest, DeleteMemberResponse,
    GetMemberRequest, GetMemberResponse, Member, PagingMetadata, QueryMembersRequest,
    QueryMembersResponse,
};

use crate::admin::Inbox;
use crate::contacts::typed;
use crate::crm::project_member;
use crate::events::{app_identity, send, send_made, CrmEvent};
use crate::faults::Caller;
use crate::ops::{route, Call};
use crate::wix_error::AppError;
use crate::Shared;

type Answer = Result<Response, AppError>;

pub(crate) fn routes(router: Router<Arc<Shared>>) -> Router<Arc<Shared>> {
    let router = route::<GetMemberRequest, _, _, _>(router, get_member);
    let router = route::<QueryMembersRequest, _, _, _>(router, query_members);
    let router = route::<CreateMemberRequest, _, _, _>(router, create_member);
    route::<DeleteMemberRequest, _, _, _>(router, delete_member)
}

async fn get_member(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Call(request): Call<GetMemberRequest>,
) -> Answer {
    let member = shared.store().crm.get_member(&caller.site, &request.id)?;
    let member = project_member(member, &request.fieldsets)?;
    let response = GetMemberResponse {
        member: Some(typed(member)?),
    };
    Ok(Json(response).into_response())
}

async fn query_members(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Call(request): Call<QueryMembersRequest>,
) -> Answer {
    let (members, page) = shared.store().crm.query_members(&caller.site, &request)?;
    let response = QueryMembersResponse {
        members: members
            .into_iter()
            .map(typed::<Member>)
            .collect::<Result<_, _>>()?,
        metadata: Some(PagingMetadata {
            count: Some(page.count as i64),
            offset: Some(page.offset as i64),
            total: Some(page.total as i64),
            too_many_to_count: Some(false),
        }),
    };
    Ok(Json(response).into_response())
}

async fn create_member(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Call(request): Call<CreateMemberRequest>,
) -> Answer {
    let input = request.member.unwrap_or_default();
    let made = shared
        .store()
        .create_member(caller.site, &input, &crate::now())?;
    let member = made.member_created.clone().unwrap_or_default();
    let response = CreateMemberResponse {
        member: Some(typed(member)?),
    };
    send_made(&shared, &made, &app_identity(&shared)).await;
    // A person who chatted as the contact is the member now: their conversation moved.
    Inbox(shared.clone()).announce(&made.merges).await;
    Ok(Json(response).into_response())
}

async fn delete_member(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Call(request): Call<DeleteMemberRequest>,
) -> Answer {
    shared
        .store()
        .crm
        .delete_member(&caller.site, &request.id)?;
    send(
        &shared,
        CrmEvent::MemberDeleted(request.id),
        &app_identity(&shared),
    )
    .await;
    Ok(Json(DeleteMemberResponse {}).into_response())
}
