use std::time::Instant;

use axum::extract::State;
use axum::http::StatusCode;
use axum_client_ip::{ClientIp, Rejection as ClientIpRejection};
use switchboard_shared::{roles, LoginRequest, LoginResponse, Problem, RefreshRequest, TokenPair, UserStatus};

use crate::{
    auth::{password, tokens},
    error::{ApiError, ApiJson},
    store::{sessions, users},
    AppState,
};

/// `POST /api/v1/auth/login`. Unknown e-mail, wrong password and an account
/// that may not sign in all get the same answer after the same work.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", security(()), request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64)))))]
pub async fn login(
    State(state): State<AppState>,
    client: Result<ClientIp, ClientIpRejection>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<ApiJson<LoginResponse>, ApiError> {
    // A configured proxy header that is missing means a misconfigured deployment.
    let ClientIp(client) = client.map_err(|e| ApiError::Internal(format!("client address: {e}")))?;
    let key = users::email_key(&req.email);
    if let Some(wait) = state.throttle.retry_after(&key, client, Instant::now()) {
        return Err(ApiError::TooManyAttempts { retry_after_secs: wait.as_secs() });
    }
    let found = users::find_login(&state.db, &req.email).await?;
    let (user, hash, allowed) = match found {
        Some((user, hash)) => {
            let allowed = may_sign_in(&state, &user).await?;
            (Some(user), hash, allowed)
        }
        None => (None, None, false),
    };
    let verified = password::verify(req.password, if allowed { hash } else { None }).await;
    let user = match user {
        Some(user) if verified && allowed => user,
        _ => {
            state.throttle.failed(&key, client, Instant::now());
            return Err(ApiError::InvalidCredentials);
        }
    };
    state.throttle.succeeded(&key);

    let access_token = state.keys.issue_access(&user.id, tokens::unix_now())?;
    let refresh_token = sessions::issue(&state.db, &user.id, None).await?;
    let tenant = user.tenant_id.clone();
    tracing::info!(user = %user.id, "signed in");
    Ok(ApiJson(LoginResponse {
        access_token,
        refresh_token,
        expires_in: tokens::ACCESS_TOKEN_TTL_SECS,
        user: users::to_api(&state.db, user, &tenant).await?,
    }))
}

/// Whether this user may hold a session now: active, not a service user, and
/// holding a role that signs in. Checked at sign-in and at every refresh.
async fn may_sign_in(state: &AppState, user: &users::UserRow) -> Result<bool, ApiError> {
    let roles = users::role_set(&state.db, &user.id).await?;
    Ok(user.status() == UserStatus::Active && user.service_user == 0 && roles::grants_portal_login(&roles))
}

/// `POST /api/v1/auth/refresh`: rotates the refresh token. A spent token
/// presented again revokes every token of its sign-in.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", security(()), request_body = RefreshRequest,
    responses((status = 200, body = TokenPair), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn refresh(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> Result<ApiJson<TokenPair>, ApiError> {
    let sessions::Spent::Fresh { user_id, family } = sessions::spend(&state.db, &req.refresh_token).await? else {
        return Err(ApiError::Unauthenticated);
    };
    let Some(user) = users::get(&state.db, &user_id).await? else { return Err(ApiError::Unauthenticated) };
    if !may_sign_in(&state, &user).await? {
        sessions::revoke_family(&state.db, &family).await?;
        return Err(ApiError::Unauthenticated);
    }
    Ok(ApiJson(TokenPair {
        access_token: state.keys.issue_access(&user.id, tokens::unix_now())?,
        refresh_token: sessions::issue(&state.db, &user.id, Some(&family)).await?,
        expires_in: tokens::ACCESS_TOKEN_TTL_SECS,
    }))
}

/// `POST /api/v1/auth/logout`: ends the session the refresh token belongs to.
/// Always 204, so it reveals nothing about the token.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(()), request_body = RefreshRequest,
    responses((status = 204), (status = 400, body = Problem, content_type = "application/problem+json")))]
pub async fn logout(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    sessions::revoke(&state.db, &req.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}
