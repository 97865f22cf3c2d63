use switchboard_shared::roles::{self, RoleCatalogue};

use crate::error::ApiJson;

/// `GET /api/v1/roles`: the catalogue, straight from `shared`.
pub async fn catalogue() -> ApiJson<RoleCatalogue> {
    ApiJson(roles::catalogue())
}
