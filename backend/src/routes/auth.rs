use std::time::Instant;

use axum::extract::State;
use axum::http::StatusCode;
use axum_client_ip::{ClientIp, Rejection as ClientIpRejection};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use switchboard_shared::{roles, LoginRequest, LoginResponse, Problem, RefreshRequest, TokenPair, UserStatus};

use crate::{
    auth::{password, tokens},
    error::{ApiError, ApiJson},
    store::{sessions, users},
    AppState,
};

/// The portal's refresh token: script cannot read it (HttpOnly), other sites
/// cannot send it (SameSite=Strict), and only the token routes receive it.
const REFRESH_COOKIE: &str = "switchboard_refresh";
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

fn refresh_cookie(state: &AppState, token: String) -> Cookie<'static> {
    Cookie::build((REFRESH_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path(REFRESH_COOKIE_PATH)
        // Secure whenever the portal is served over TLS (SWITCHBOARD_PUBLIC_URL).
        .secure(state.public_url.starts_with("https://"))
        .max_age(time::Duration::seconds(tokens::REFRESH_TOKEN_TTL_SECS))
        .build()
}

fn without_refresh_cookie(jar: CookieJar) -> CookieJar {
    jar.remove(Cookie::build(REFRESH_COOKIE).path(REFRESH_COOKIE_PATH))
}

/// The refresh token of a request: the body's, else the portal's cookie
/// (and whether it came from the cookie).
fn presented(jar: &CookieJar, req: RefreshRequest) -> Option<(String, bool)> {
    match req.refresh_token {
        Some(token) => Some((token, false)),
        None => jar.get(REFRESH_COOKIE).map(|c| (c.value().to_owned(), true)),
    }
}

/// `POST /api/v1/auth/login`. Unknown e-mail, wrong password and an account
/// that may not sign in all get the same answer after the same work.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", security(()), request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64)))))]
pub async fn login(
    State(state): State<AppState>,
    client: Result<ClientIp, ClientIpRejection>,
    jar: CookieJar,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<(CookieJar, ApiJson<LoginResponse>), ApiError> {
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
    let (jar, refresh_token) = if req.session_cookie {
        (jar.add(refresh_cookie(&state, refresh_token)), None)
    } else {
        (jar, Some(refresh_token))
    };
    let body = LoginResponse {
        access_token,
        refresh_token,
        expires_in: state.keys.access_ttl(),
        user: users::to_api(&state.db, user, &tenant).await?,
    };
    Ok((jar, ApiJson(body)))
}

/// Whether this user may hold a session now: active, not a service user, and
/// holding a role that signs in. Checked at sign-in and at every refresh.
async fn may_sign_in(state: &AppState, user: &users::UserRow) -> Result<bool, ApiError> {
    let roles = users::role_set(&state.db, &user.id).await?;
    Ok(user.status() == UserStatus::Active && user.service_user == 0 && roles::grants_portal_login(&roles))
}

/// `POST /api/v1/auth/refresh`: rotates the refresh token (the body's, else
/// the portal's cookie, which is then replaced). A spent token presented
/// again revokes every token of its sign-in; within seconds of its rotation
/// it is a race of one client, answered 409 without revoking.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", security(()), request_body = RefreshRequest,
    responses((status = 200, body = TokenPair), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn refresh(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> Result<(CookieJar, ApiJson<TokenPair>), ApiError> {
    let Some((token, from_cookie)) = presented(&jar, req) else { return Err(ApiError::Unauthenticated) };
    let (user_id, family) = match sessions::spend(&state.db, &token).await? {
        sessions::Spent::Fresh { user_id, family } => (user_id, family),
        sessions::Spent::Raced => return Err(ApiError::RefreshRaced),
        sessions::Spent::Invalid | sessions::Spent::Reused => return Err(ApiError::Unauthenticated),
    };
    let Some(user) = users::get(&state.db, &user_id).await? else { return Err(ApiError::Unauthenticated) };
    if !may_sign_in(&state, &user).await? {
        sessions::revoke_family(&state.db, &family).await?;
        return Err(ApiError::Unauthenticated);
    }
    let refresh_token = sessions::issue(&state.db, &user.id, Some(&family)).await?;
    let (jar, refresh_token) =
        if from_cookie { (jar.add(refresh_cookie(&state, refresh_token)), None) } else { (jar, Some(refresh_token)) };
    let body = TokenPair {
        access_token: state.keys.issue_access(&user.id, tokens::unix_now())?,
        refresh_token,
        expires_in: state.keys.access_ttl(),
    };
    Ok((jar, ApiJson(body)))
}

/// `POST /api/v1/auth/logout`: ends the session the refresh token (the
/// body's, else the cookie's) belongs to, and clears the cookie. Always 204,
/// so it reveals nothing about the token.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(()), request_body = RefreshRequest,
    responses((status = 204), (status = 400, body = Problem, content_type = "application/problem+json")))]
pub async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> Result<(CookieJar, StatusCode), ApiError> {
    if let Some((token, _)) = presented(&jar, req) {
        sessions::revoke(&state.db, &token).await?;
    }
    Ok((without_refresh_cookie(jar), StatusCode::NO_CONTENT))
}
