use switchboard_shared::{
    roles::{self, RoleCatalogue},
    Problem,
};

use crate::error::ApiJson;

/// `GET /api/v1/roles`: the catalogue, straight from `shared`.
#[utoipa::path(get, path = "/api/v1/roles", tag = "roles", responses((status = 200, body = RoleCatalogue), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn catalogue() -> ApiJson<RoleCatalogue> {
    ApiJson(roles::catalogue())
}
