use axum::{extract::State, Extension};
use serde::Deserialize;
use switchboard_shared::{Page, User};

use crate::{
    authz::TenantCtx,
    error::{ApiError, ApiJson, ApiQuery},
    store::users::{self, ListQuery},
    AppState,
};

const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 200;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    q: Option<String>,
    limit: Option<i64>,
    cursor: Option<String>,
}

/// `GET /api/v1/customers/{tenantId}/users`
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<ApiJson<Page<User>>, ApiError> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request("invalid_query", format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    let query = ListQuery { tenant_id: ctx.tenant.id, q: params.q, limit, cursor: params.cursor };
    Ok(ApiJson(users::list(&state.db, &query).await?))
}
