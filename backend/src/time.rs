//! Timestamps as the database stores them and the API shows them.

use time::OffsetDateTime;

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// RFC 3339 in UTC with milliseconds and a fixed width, so that text order is
/// time order on both databases.
pub fn format(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

pub fn now_text() -> String {
    format(now())
}

/// Unix seconds of a stored timestamp (0 for one that does not parse).
pub fn parse_unix(text: &str) -> u64 {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_or(0, |t| t.unix_timestamp().max(0) as u64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_fixed_width_utc() {
        let t = time::OffsetDateTime::from_unix_timestamp(0).unwrap();
        assert_eq!(super::format(t), "1970-01-01T00:00:00.000Z");
    }
}
