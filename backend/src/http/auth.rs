//! Signing in and out, proving who one is again for a sensitive change, and
//! rotating the refresh token. The portal keeps its refresh token in an
//! HttpOnly cookie; integrations get it in the body.

use axum::{extract::State, http::StatusCode};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use switchboard_shared::{
    LoginAnswer, LoginRequest, LoginResponse, MfaRequest, Problem, Reauthenticate, RefreshRequest, TokenPair, User,
};

use super::{
    extract::ApiJson,
    openapi::{Busy, Invalid, Refused, SignedIn, Throttled},
    problem::ApiError,
    AppState,
};
use crate::{
    auth::tokens,
    domain::{
        self,
        sessions::{Client, SignIn, Tokens},
        Caller, Error,
    },
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
        .secure(state.domain.links.public_url.starts_with("https://"))
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
/// that may not sign in all get the same answer after the same work. For a
/// person with a second factor a right password gives no tokens yet, but an
/// `mfaToken` for `POST /api/v1/auth/mfa`. For one whom the MFA policy
/// requires to have a factor and who has none, `enrolmentRequired`: the
/// tokens reach only what sets one up until one is.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", security(()), request_body = LoginRequest,
    responses((status = 200, body = LoginAnswer), Invalid, Throttled, Busy,
        (status = 401, body = Problem, content_type = "application/problem+json", description = "Wrong e-mail or password, or an account that may not sign in (`invalid_credentials`)")))]
pub async fn login(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<(CookieJar, ApiJson<LoginAnswer>), ApiError> {
    match domain::sessions::sign_in(&state.domain, &req.email, req.password, &client).await? {
        SignIn::Done { tokens, user, enrolment_required } => {
            Ok(signed_in(&state, jar, req.session_cookie, tokens, *user, enrolment_required))
        }
        SignIn::SecondFactor(challenge) => Ok((jar, ApiJson(LoginAnswer::SecondFactor(challenge)))),
    }
}

/// `POST /api/v1/auth/mfa`: the second step of a sign-in, with a code from
/// the authenticator app or a recovery code. Each works once; the
/// `mfaToken` works once, for five minutes and five codes; wrong codes
/// count towards the account's throttle like wrong passwords.
#[utoipa::path(post, path = "/api/v1/auth/mfa", tag = "auth", security(()), request_body = MfaRequest,
    responses((status = 200, body = LoginResponse), Invalid, Refused, Throttled,
        (status = 401, body = Problem, content_type = "application/problem+json", description = "A wrong or used code (`invalid_code`), or an `mfaToken` that expired, was used or saw five codes (`mfa_token_invalid`)")))]
pub async fn mfa(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
    ApiJson(req): ApiJson<MfaRequest>,
) -> Result<(CookieJar, ApiJson<LoginAnswer>), ApiError> {
    let (tokens, user) = domain::mfa::complete(&state.domain, &req, &client).await?;
    Ok(signed_in(&state, jar, req.session_cookie, tokens, user, false))
}

/// `POST /api/v1/auth/reauthenticate`: the signed-in person uses one of
/// their passkeys (`passkey`, for a ceremony from `POST
/// /api/v1/me/passkeys/challenge`), or gives their password again (and a
/// code or recovery code, if they have a second factor), which sensitive changes need within the last five minutes
/// (401 `reauthentication_required`): granting administrator or staff roles,
/// creating API keys, changing an MFA policy or a PBX connection.
#[utoipa::path(post, path = "/api/v1/auth/reauthenticate", tag = "auth", request_body = Reauthenticate,
    responses((status = 204, description = "Authenticated again, for five minutes of sensitive changes"), SignedIn,
        Invalid, Refused, Throttled, Busy,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "The password is wrong (`wrong_password`), or an API key (`forbidden`)")))]
pub async fn reauthenticate(
    State(state): State<AppState>,
    caller: Caller,
    client: Client,
    ApiJson(req): ApiJson<Reauthenticate>,
) -> Result<StatusCode, ApiError> {
    domain::mfa::reauthenticate(&state.domain, &caller, req, &client).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A completed sign-in's answer, the refresh token in the cookie if asked.
pub(super) fn signed_in(
    state: &AppState,
    jar: CookieJar,
    session_cookie: bool,
    tokens: Tokens,
    user: User,
    enrolment_required: bool,
) -> (CookieJar, ApiJson<LoginAnswer>) {
    let (jar, refresh_token) = if session_cookie {
        (jar.add(refresh_cookie(state, tokens.refresh_token)), None)
    } else {
        (jar, Some(tokens.refresh_token))
    };
    let body = LoginResponse {
        access_token: tokens.access_token,
        refresh_token,
        expires_in: tokens.expires_in,
        user,
        enrolment_required,
    };
    (jar, ApiJson(LoginAnswer::SignedIn(Box::new(body))))
}

/// `POST /api/v1/auth/refresh`: rotates the refresh token (the body's, else
/// the portal's cookie, which is then replaced). A spent token presented
/// again revokes every token of its sign-in; within seconds of its rotation
/// it is a race of one client, answered 409 without revoking.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", security(()), request_body = RefreshRequest,
    responses((status = 200, body = TokenPair), Invalid,
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No live refresh token (`unauthenticated`)"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Rotated a moment ago by the same client (`refresh_in_progress`)")))]
pub async fn refresh(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> Result<(CookieJar, ApiJson<TokenPair>), ApiError> {
    let Some((token, from_cookie)) = presented(&jar, req) else { return Err(Error::Unauthenticated.into()) };
    let tokens = domain::sessions::refresh(&state.domain, &token, &client).await?;
    let (jar, refresh_token) = if from_cookie {
        (jar.add(refresh_cookie(&state, tokens.refresh_token)), None)
    } else {
        (jar, Some(tokens.refresh_token))
    };
    Ok((jar, ApiJson(TokenPair { access_token: tokens.access_token, refresh_token, expires_in: tokens.expires_in })))
}

/// `POST /api/v1/auth/logout`: ends the session the refresh token (the
/// body's, else the cookie's) belongs to — its access tokens stop working
/// at once — and clears the cookie. Always 204, so it reveals nothing about
/// the token.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(()), request_body = RefreshRequest,
    responses((status = 204, description = "Signed out"), Invalid))]
pub async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> Result<(CookieJar, StatusCode), ApiError> {
    if let Some((token, _)) = presented(&jar, req) {
        domain::sessions::sign_out(&state.domain, &token).await?;
    }
    Ok((without_refresh_cookie(jar), StatusCode::NO_CONTENT))
}
