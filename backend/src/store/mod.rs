//! Queries, one module per table family. Handlers never write SQL.

pub mod activation;
pub mod api_keys;
pub mod audit;
pub mod devices;
pub mod outbox;
pub mod search;
pub mod sessions;
pub mod tenants;
pub mod users;

/// A `LIKE … ESCAPE '\\'` pattern matching `q` anywhere, case-folded, with
/// the wildcards in `q` taken literally.
pub(crate) fn like_pattern(q: &str) -> String {
    let escaped = q.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_wildcards_in_the_search_are_literal() {
        assert_eq!(super::like_pattern("50%_A\\"), "%50\\%\\_a\\\\%");
    }
}
