//! The field rules of docs/RULES.md, as pure functions: the server refuses with them and
//! the user editor shows the same messages before saving.

use serde::{Deserialize, Serialize};

use crate::Language;

/// One invalid field: its JSON name, a stable code and an English message.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self { field: field.into(), code: code.into(), message: message.into() }
    }
}

pub const DISPLAY_NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 200;
pub const EXTERNAL_ID_MAX: usize = 200;
pub const DEVICE_NAME_MAX: usize = 100;
pub const DEVICE_IDENTIFIER_MAX: usize = 200;

/// Whether `c` is a character no name or text should hold: a control
/// character (NUL among them: PostgreSQL cannot store it) or a bidirectional
/// override or isolate, which can make text read as something it is not.
fn hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn invalid_characters(field: &str) -> FieldError {
    FieldError::new(field, "invalid_characters", "Remove the control or direction characters")
}

/// At most `max` characters as sent (so the bound is the one the OpenAPI
/// document states), not blank, no hidden characters; returns the text trimmed.
fn bounded(field: &str, value: &str, max: usize, empty: &str) -> Result<String, FieldError> {
    if value.chars().count() > max {
        return Err(FieldError::new(field, "too_long", format!("At most {max} characters")));
    }
    if value.chars().any(hidden) {
        return Err(invalid_characters(field));
    }
    match value.trim() {
        "" => Err(FieldError::new(field, "required", empty)),
        v => Ok(v.to_owned()),
    }
}

/// A display name: 1–100 characters after trimming. Returns the trimmed name.
pub fn display_name(value: &str) -> Result<String, FieldError> {
    bounded("displayName", value, DISPLAY_NAME_MAX, "Enter a display name")
}

/// An e-mail address (the login): trimmed, at most 200 characters, valid.
pub fn email(value: &str) -> Result<String, FieldError> {
    if value.chars().count() > EMAIL_MAX {
        return Err(FieldError::new("email", "too_long", format!("At most {EMAIL_MAX} characters")));
    }
    if value.chars().any(hidden) {
        return Err(invalid_characters("email"));
    }
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::new("email", "required", "Enter an e-mail address"));
    }
    // The crate accepts RFC 5322 forms a login should not have (quoted local
    // parts, domain literals, no dot in the domain): refuse those too.
    let plain = !v.contains(['"', '[', ' ']) && v.rsplit_once('@').is_some_and(|(_, domain)| domain.contains('.'));
    if plain && email_address::EmailAddress::is_valid(v) {
        Ok(v.to_owned())
    } else {
        Err(FieldError::new("email", "invalid", "Enter a valid e-mail address, like name@example.com"))
    }
}

/// An internal phone number: 2–8 digits.
pub fn extension(value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    if (2..=8).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) {
        Ok(v.to_owned())
    } else {
        Err(FieldError::new("extension", "invalid", "An extension is 2 to 8 digits"))
    }
}

/// An id in an outside system: 1–200 characters after trimming.
pub fn external_id(value: &str) -> Result<String, FieldError> {
    bounded("externalId", value, EXTERNAL_ID_MAX, "Leave the external id out, or give one")
}

/// A device's name: 1–100 characters after trimming.
pub fn device_name(value: &str) -> Result<String, FieldError> {
    bounded("name", value, DEVICE_NAME_MAX, "Enter a name for the device")
}

/// A device's MAC address or SIP user: 1–200 characters after trimming.
pub fn device_identifier(value: &str) -> Result<String, FieldError> {
    bounded("identifier", value, DEVICE_IDENTIFIER_MAX, "Enter the MAC address or SIP user")
}

/// An API key's name (what it is for): 1–100 characters after trimming.
pub fn api_key_name(value: &str) -> Result<String, FieldError> {
    bounded("name", value, DEVICE_NAME_MAX, "Say what the key is for")
}

pub const CUSTOMER_NAME_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 500;
pub const REFERENCE_MAX: usize = 100;
pub const PBX_FIELD_MAX: usize = 500;

/// A customer's name: 1–100 characters after trimming.
pub fn customer_name(value: &str) -> Result<String, FieldError> {
    bounded("name", value, CUSTOMER_NAME_MAX, "Enter the customer's name")
}

/// A customer's description: at most 500 characters after trimming; may be empty.
pub fn description(value: &str) -> Result<String, FieldError> {
    if value.chars().count() > DESCRIPTION_MAX {
        return Err(FieldError::new("description", "too_long", format!("At most {DESCRIPTION_MAX} characters")));
    }
    // A description may have lines.
    if value.chars().any(|c| hidden(c) && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(invalid_characters("description"));
    }
    Ok(value.trim().to_owned())
}

/// The customer's id in the reseller's own systems: 1–100 characters.
pub fn reference(value: &str) -> Result<String, FieldError> {
    bounded("reference", value, REFERENCE_MAX, "Leave the reference out, or give one")
}

/// An ISO 3166-1 alpha-2 country code, upper-cased (`gb` → `GB`).
pub fn region(value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    if v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(v.to_ascii_uppercase())
    } else {
        Err(FieldError::new("region", "invalid", "A region is a two-letter country code, such as GB or FR"))
    }
}

/// A PBX directory's base URL: http or https, no credentials in it.
pub fn pbx_base_url(value: &str) -> Result<String, FieldError> {
    let v = value.trim().trim_end_matches('/');
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    match host {
        Some(h)
            if !h.is_empty()
                && !h.contains('@')
                && value.chars().count() <= PBX_FIELD_MAX
                && !v.contains(char::is_whitespace) =>
        {
            Ok(v.to_owned())
        }
        _ => {
            Err(FieldError::new("pbx.baseUrl", "invalid", "Give the PBX address, such as https://pbx.example.com:8443"))
        }
    }
}

/// The customer's account on the PBX: 1–500 characters, no slash (it is a
/// path segment of the directory URL).
pub fn pbx_account_id(value: &str) -> Result<String, FieldError> {
    let v = bounded("pbx.accountId", value, PBX_FIELD_MAX, "Give the customer's account id on the PBX")?;
    if v.contains(['/', '?', '#']) || v.contains(char::is_whitespace) {
        return Err(FieldError::new("pbx.accountId", "invalid", "An account id has no slashes or spaces"));
    }
    Ok(v)
}

/// The PBX API key: 1–500 characters (kept as given, never trimmed away).
pub fn pbx_secret(value: &str) -> Result<String, FieldError> {
    bounded("pbx.secret", value, PBX_FIELD_MAX, "Give the API key of the PBX")
}

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;
/// The 1,000 most common passwords (see `shared/data/README.md`).
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

/// A new password: 8–128 characters, and not one of the 1,000 most common
/// (compared case-insensitively). Never trimmed: spaces are characters.
pub fn password(value: &str) -> Result<(), FieldError> {
    let n = value.chars().count();
    if n < PASSWORD_MIN {
        return Err(FieldError::new("password", "too_short", format!("Use at least {PASSWORD_MIN} characters")));
    }
    if n > PASSWORD_MAX {
        return Err(FieldError::new("password", "too_long", format!("Use at most {PASSWORD_MAX} characters")));
    }
    let lower = value.to_lowercase();
    if COMMON_PASSWORDS.lines().any(|common| common == lower) {
        return Err(FieldError::new(
            "password",
            "too_common",
            "This password is one of the most common: choose another",
        ));
    }
    Ok(())
}

/// A language's code (`Language`), in any case.
pub fn language(value: &str) -> Result<Language, FieldError> {
    Language::parse(&value.trim().to_ascii_lowercase()).ok_or_else(|| {
        FieldError::new("language", "invalid", "Choose English (en), French (fr), Spanish (es) or Russian (ru)")
    })
}

/// The language new users of a customer in `region` get when none is given.
pub fn language_of_region(region: Option<&str>) -> Language {
    match region.map(str::to_ascii_uppercase).as_deref() {
        Some("FR" | "BE" | "LU" | "MC") => Language::Fr,
        Some("ES" | "MX" | "AR" | "CO" | "CL" | "PE") => Language::Es,
        Some("RU" | "BY" | "KZ") => Language::Ru,
        _ => Language::En,
    }
}

/// The shape of an IANA time zone name (`UTC`, `Europe/Moscow`,
/// `America/Argentina/Buenos_Aires`). The server also checks the name exists.
pub fn time_zone_shape(value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    let ok = !v.is_empty()
        && value.chars().count() <= 64
        && v.split('/')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b"_+-".contains(&b)));
    if ok {
        Ok(v.to_owned())
    } else {
        Err(FieldError::new("timeZone", "invalid", "Choose a time zone such as Europe/Paris"))
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn hidden_characters_are_refused_in_names_and_text() {
        for bad in ["Ann\u{0}", "A\u{7}nn", "Ann\u{85}", "\u{202E}nnA", "An\u{2066}n", "A\nnn"] {
            assert_eq!(display_name(bad).unwrap_err().code, "invalid_characters", "{bad:?}");
            assert_eq!(customer_name(bad).unwrap_err().code, "invalid_characters", "{bad:?}");
        }
        assert_eq!(email("ann\u{0}@example.com").unwrap_err().code, "invalid_characters");
        assert_eq!(description("first line\nsecond line\ttabbed").unwrap(), "first line\nsecond line\ttabbed");
        assert_eq!(description("bad\u{0}").unwrap_err().code, "invalid_characters");
        assert!(display_name("Zoë O'Brien-Łukasz 李").is_ok(), "letters of every script are fine");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(display_name("  Ann  ").unwrap(), "Ann");
        assert_eq!(display_name("   ").unwrap_err().code, "required");
        assert!(display_name(&"é".repeat(100)).is_ok());
        // The bound is on what is sent, as the OpenAPI document says.
        assert_eq!(display_name(&format!(" {} ", "é".repeat(99))).unwrap_err().code, "too_long");
        assert_eq!(display_name(&"é".repeat(101)).unwrap_err().code, "too_long");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn emails_must_be_plain_valid_addresses() {
        assert_eq!(email(" ann@example.com ").unwrap(), "ann@example.com");
        for bad in
            ["", "ann", "ann@", "@example.com", "ann@example", "a b@example.com", "\"a\"@example.com", "a@[1.2.3.4]"]
        {
            assert!(email(bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(190));
        assert_eq!(email(&long).unwrap_err().code, "too_long");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn extensions_are_two_to_eight_digits() {
        assert_eq!(extension("100").unwrap(), "100");
        for bad in ["1", "123456789", "12a", "", "+33"] {
            assert_eq!(extension(bad).unwrap_err().field, "extension", "{bad}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn passwords_are_long_enough_and_not_common() {
        assert!(password("correct horse battery staple").is_ok());
        assert_eq!(password("short").unwrap_err().code, "too_short");
        assert_eq!(password(&"x".repeat(129)).unwrap_err().code, "too_long");
        for common in ["password", "12345678", "Sunshine", "QWERTYUIOP"] {
            assert_eq!(password(common).unwrap_err().code, "too_common", "{common}");
        }
        assert!(password("ünïcödé pässwörd").is_ok());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn languages_are_the_four_and_follow_the_region_by_default() {
        assert_eq!(language(" FR ").unwrap(), Language::Fr);
        assert_eq!(language("de").unwrap_err().code, "invalid");
        assert_eq!(
            (language_of_region(Some("fr")), language_of_region(Some("GB")), language_of_region(None)),
            (Language::Fr, Language::En, Language::En)
        );
        assert_eq!((language_of_region(Some("ES")), language_of_region(Some("RU"))), (Language::Es, Language::Ru));
        for l in Language::ALL {
            assert_eq!(Language::parse(l.as_str()), Some(l));
            assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{}\"", l.as_str()));
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn customer_fields() {
        assert_eq!(customer_name("  Initech ").unwrap(), "Initech");
        assert_eq!(customer_name(" ").unwrap_err().code, "required");
        assert!(description("").is_ok());
        assert_eq!(description(&"x".repeat(501)).unwrap_err().code, "too_long");
        assert_eq!(region("gb").unwrap(), "GB");
        for bad in ["", "G", "GBR", "G1"] {
            assert_eq!(region(bad).unwrap_err().field, "region", "{bad}");
        }
        assert_eq!(pbx_base_url("https://pbx.example.com:8443/").unwrap(), "https://pbx.example.com:8443");
        for bad in ["pbx.example.com", "ftp://pbx", "https://", "https://user:pw@pbx", "https://a b"] {
            assert_eq!(pbx_base_url(bad).unwrap_err().field, "pbx.baseUrl", "{bad}");
        }
        assert!(pbx_account_id("4b31dd1d32ce6d249897c06332375d65").is_ok());
        assert!(pbx_account_id("../users").is_err());
        assert!(pbx_secret("").is_err());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn external_ids_and_time_zones() {
        assert!(external_id(&"x".repeat(200)).is_ok());
        assert!(external_id(&"x".repeat(201)).is_err());
        for tz in ["UTC", "Europe/Moscow", "America/Argentina/Buenos_Aires", "Etc/GMT+3"] {
            assert!(time_zone_shape(tz).is_ok(), "{tz}");
        }
        for bad in ["", "Europe/", "Europe//Paris", "../etc/passwd", "Europe/Paris Time"] {
            assert!(time_zone_shape(bad).is_err(), "{bad}");
        }
    }
}
