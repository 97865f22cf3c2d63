use axum::extract::State;
use switchboard_shared::{roles, LoginRequest, LoginResponse, Problem, UserStatus};

use crate::{
    auth::{password, tokens},
    error::{ApiError, ApiJson},
    store::users,
    AppState,
};

/// `POST /api/v1/auth/login`. Unknown e-mail, wrong password and an account
/// that may not sign in all get the same answer after the same work.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", security(()), request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<ApiJson<LoginResponse>, ApiError> {
    let found = users::find_login(&state.db, &req.email).await?;
    let (user, hash, may_sign_in) = match found {
        Some((user, hash)) => {
            let roles = users::role_set(&state.db, &user.id).await?;
            let may =
                user.status() == UserStatus::Active && user.service_user == 0 && roles::grants_portal_login(&roles);
            (Some(user), hash, may)
        }
        None => (None, None, false),
    };
    let verified = password::verify(req.password, if may_sign_in { hash } else { None }).await;
    let user = match user {
        Some(user) if verified && may_sign_in => user,
        _ => return Err(ApiError::InvalidCredentials),
    };

    let now = tokens::unix_now();
    let access_token = state.keys.issue_access(&user.id, now)?;
    let refresh_token = tokens::random_token();
    let created = crate::time::now();
    sqlx::query(
        "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tokens::token_hash(&refresh_token))
    .bind(uuid::Uuid::now_v7().simple().to_string())
    .bind(&user.id)
    .bind(crate::time::format(created))
    .bind(crate::time::format(created + time::Duration::seconds(tokens::REFRESH_TOKEN_TTL_SECS)))
    .execute(&state.db)
    .await?;
    let tenant = user.tenant_id.clone();
    tracing::info!(user = %user.id, "signed in");
    Ok(ApiJson(LoginResponse {
        access_token,
        refresh_token,
        expires_in: tokens::ACCESS_TOKEN_TTL_SECS,
        user: users::to_api(&state.db, user, &tenant).await?,
    }))
}
