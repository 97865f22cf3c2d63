//! The one keyset cursor of every listing: the sort keys of the last row
//! shown and the name of the order they belong to, as opaque URL-safe text.
//! A page continues strictly after those keys, so pages never skip or
//! repeat rows while others are written.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};

use super::Error;

/// The cursor after a row whose sort keys are `keys`, in `order`.
pub fn encode(order: &str, keys: &[&str]) -> String {
    let parts: Vec<&str> = std::iter::once(order).chain(keys.iter().copied()).collect();
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&parts).unwrap_or_default())
}

/// The sort keys a cursor continues after. A cursor made for another order
/// is refused rather than silently skipping rows.
pub fn decode<const N: usize>(cursor: &str, order: &str) -> Result<[String; N], Error> {
    let parts: Vec<String> = URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(Error::InvalidCursor)?;
    match parts.split_first() {
        Some((tag, keys)) if tag == order => keys.to_vec().try_into().map_err(|_| Error::InvalidCursor),
        _ => Err(Error::InvalidCursor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_in_its_own_order_only() {
        let c = encode("name_key", &["ann", "u1"]);
        assert_eq!(decode::<2>(&c, "name_key").unwrap(), ["ann".to_owned(), "u1".to_owned()]);
        assert!(decode::<2>(&c, "-name_key").is_err());
        assert!(decode::<1>(&c, "name_key").is_err());
        assert!(decode::<2>("not a cursor", "name_key").is_err());
    }
}
