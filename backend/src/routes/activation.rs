//! E-mail to users — the activation link and the UC welcome — the outbox that
//! keeps it, and the activation page's call that sets a new user's password.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    Extension,
};
use serde::Deserialize;
use serde_json::json;
use sqlx::AnyConnection;
use switchboard_shared::{fields, user_mail, ActivateRequest, AuditAction, OutboxMessage, Problem, UserStatus};
use utoipa::IntoParams;

use crate::{
    auth::password,
    authz::{Caller, TenantCtx},
    error::{ApiError, ApiJson, ApiQuery},
    mail,
    store::{activation, audit, outbox, tenants, users},
    AppState,
};

/// `POST /api/v1/customers/{tenantId}/users/{userId}/activation-email` → 202.
/// Only for people who never activated; a new link voids the earlier ones.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users/{userId}/activation-email", tag = "users",
    params(("tenantId" = String, Path), ("userId" = String, Path)),
    responses((status = 202), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn send(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    Path((_, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let mut tx = state.writes.tenant(&state.db, &ctx.tenant.id).await?;
    let user = users::member_for_write(&mut tx, &ctx, &user_id).await?;
    let roles = users::roles_of(&mut tx, &user.id).await?;
    if let Some(refusal) = user_mail::activation_refusal(user.status(), user.service_user != 0, &roles) {
        return Err(ApiError::Fields(vec![refusal]));
    }
    let token = activation::issue(&mut tx, &user.id).await?;
    let link = format!("{}/activate?token={token}", state.public_url);
    let message = mail::activation(&user.language, &user.display_name, &ctx.tenant.name, &link);
    queue(&mut tx, &state, &ctx, &caller, &user, &message, AuditAction::ActivationSent).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(StatusCode::ACCEPTED)
}

/// `POST /api/v1/customers/{tenantId}/users/{userId}/uc-welcome-email` → 202:
/// where to download the UC clients. Only for people whose roles give them
/// and who are not blocked; sent again whenever asked (it holds no secret).
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users/{userId}/uc-welcome-email", tag = "users",
    params(("tenantId" = String, Path), ("userId" = String, Path)),
    responses((status = 202), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn send_uc_welcome(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    Path((_, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let mut tx = state.writes.tenant(&state.db, &ctx.tenant.id).await?;
    let user = users::member_for_write(&mut tx, &ctx, &user_id).await?;
    if let Some(refusal) = user_mail::uc_welcome_refusal(user.status(), &users::roles_of(&mut tx, &user.id).await?) {
        return Err(ApiError::Fields(vec![refusal]));
    }
    let message = mail::uc_welcome(&user.language, &user.display_name, &ctx.tenant.name, &state.uc_downloads_url);
    queue(&mut tx, &state, &ctx, &caller, &user, &message, AuditAction::UcWelcomeSent).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(StatusCode::ACCEPTED)
}

/// Puts `message` to `user` in the outbox and records that it was sent, in
/// the caller's transaction.
async fn queue(
    tx: &mut AnyConnection,
    state: &AppState,
    ctx: &TenantCtx,
    caller: &Caller,
    user: &users::UserRow,
    message: &mail::Message,
    action: AuditAction,
) -> Result<(), ApiError> {
    outbox::put(tx, &ctx.tenant.id, &user.email, message, state.mail.initial()).await?;
    let entry = audit::Entry::by(&caller.user, &ctx.tenant.id, Some(&user.id), action, json!({ "to": user.email }));
    audit::record(tx, entry).await
}

/// `POST /api/v1/auth/activate`: sets the password of the user the link was
/// for, who becomes active and can sign in. The link works once.
#[utoipa::path(post, path = "/api/v1/auth/activate", tag = "auth", security(()), request_body = ActivateRequest,
    responses((status = 204), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn activate(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ActivateRequest>,
) -> Result<StatusCode, ApiError> {
    fields::password(&req.password).map_err(|e| ApiError::Fields(vec![e]))?;
    let hash = password::hash(req.password).await?;
    let mut tx = state.db.begin().await?;
    let invalid = || {
        ApiError::bad_request(
            "invalid_activation_token",
            "this activation link is not valid any more: ask for a new one",
        )
    };
    let user_id = activation::spend(&mut tx, &req.token).await?.ok_or_else(invalid)?;
    let user = users::get(&state.db, &user_id).await?.ok_or_else(invalid)?;
    if user.status() != UserStatus::Invited || user.service_user != 0 {
        return Err(invalid());
    }
    sqlx::query(
        "UPDATE users SET password_hash = $2, status = 'active', updated_at = $3, version = version + 1 WHERE id = $1",
    )
    .bind(&user.id)
    .bind(hash)
    .bind(crate::time::now_text())
    .execute(&mut *tx)
    .await?;
    tenants::bump_generation(&mut tx, &user.tenant_id).await?;
    let changes = json!({ "fields": { "status": { "before": "invited", "after": "active" } } });
    let entry = audit::Entry::by(&user, &user.tenant_id, Some(&user.id), AuditAction::UserActivated, changes);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OutboxParams {
    /// Only mail to this address.
    to: Option<String>,
    limit: Option<i64>,
}

/// `GET /api/v1/outbox?to=`: mail sent in the caller's tenant and, for staff,
/// the tenants under it; newest first.
#[utoipa::path(get, path = "/api/v1/outbox", tag = "users", params(OutboxParams),
    responses((status = 200, body = Vec<OutboxMessage>), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn list_outbox(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    ApiQuery(params): ApiQuery<OutboxParams>,
) -> Result<ApiJson<Vec<OutboxMessage>>, ApiError> {
    let limit = super::page_limit(params.limit)?;
    let below = crate::authz::acts_below(&caller);
    Ok(ApiJson(outbox::list(&state.db, &ctx.tenant.id, below, params.to.as_deref(), limit).await?))
}
