use switchboard_shared::roles::{self, RoleCatalogue};

use super::{extract::ApiJson, openapi::SignedIn};

/// `GET /api/v1/roles`: the catalogue, straight from `shared`.
#[utoipa::path(get, path = "/api/v1/roles", tag = "roles", responses((status = 200, body = RoleCatalogue), SignedIn))]
pub async fn catalogue() -> ApiJson<RoleCatalogue> {
    ApiJson(roles::catalogue())
}
