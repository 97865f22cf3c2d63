//! Authenticator codes (TOTP, RFC 6238): HMAC-SHA-1, six digits, 30-second
//! steps, the step before and after accepted for clock drift. A code names
//! its step, and the caller keeps the last step accepted so that no code
//! works twice (`accept`).

use rand::RngCore;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Secret, TOTP};

pub const DIGITS: usize = 6;
pub const STEP_SECS: u64 = 30;
/// Steps either side of now that still count (clock drift, slow typing).
const DRIFT_STEPS: u64 = 1;
/// 160 bits, the length RFC 4226 recommends for HMAC-SHA-1.
const SECRET_BYTES: usize = 20;
const ISSUER: &str = "Switchboard";

/// A new secret, base32 as authenticator apps take it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret_base32: &str, digits: usize, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, digits, 0, STEP_SECS, bytes, Some(ISSUER.to_owned()), account.to_owned()).ok()
}

/// `otpauth://totp/Switchboard:{account}?secret=…&issuer=Switchboard`, for
/// the QR code.
pub fn uri(secret_base32: &str, account: &str) -> Option<String> {
    // The label may not hold a colon; e-mail addresses do not.
    Some(totp(secret_base32, DIGITS, &account.replace(':', ""))?.get_url())
}

/// The code of `step` (time / 30 s).
fn code_at(secret_base32: &str, digits: usize, step: u64) -> Option<String> {
    Some(totp(secret_base32, digits, "-")?.generate(step * STEP_SECS))
}

/// The step `code` belongs to, if it is right at `unix_time` (give or take
/// a step) and later than `after`, the last step accepted before: the
/// caller then records that step, so the code cannot be used again.
pub fn accept(secret_base32: &str, code: &str, unix_time: u64, after: u64) -> Option<u64> {
    let code = code.trim();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = unix_time / STEP_SECS;
    let steps = now.saturating_sub(DRIFT_STEPS)..=now + DRIFT_STEPS;
    steps.filter(|step| *step > after).find(|step| {
        code_at(secret_base32, DIGITS, *step).is_some_and(|right| bool::from(right.as_bytes().ct_eq(code.as_bytes())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1 rows: the secret is the ASCII
    /// "12345678901234567890", the codes eight digits.
    #[test]
    fn codes_match_rfc_6238_appendix_b() {
        let secret = Secret::Raw(b"12345678901234567890".to_vec()).to_encoded().to_string();
        for (time, code) in [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(&secret, 8, time / STEP_SECS).as_deref(), Some(code), "at {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_in_its_step_and_the_next_and_only_once() {
        let secret = new_secret();
        let t = 1_700_000_000;
        let code = code_at(&secret, DIGITS, t / STEP_SECS).unwrap();
        let step = accept(&secret, &code, t, 0).expect("accepted now");
        assert_eq!(step, t / STEP_SECS);
        // Typed a little late: still accepted.
        assert_eq!(accept(&secret, &code, t + STEP_SECS, 0), Some(step));
        // Once its step was accepted, never again.
        assert_eq!(accept(&secret, &code, t, step), None);
        // Two steps late: refused.
        assert_eq!(accept(&secret, &code, t + 2 * STEP_SECS, 0), None);
    }

    #[test]
    fn wrong_and_malformed_codes_are_refused() {
        let secret = new_secret();
        let t = 1_700_000_000;
        let right = code_at(&secret, DIGITS, t / STEP_SECS).unwrap();
        let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
        for code in [wrong.as_str(), "", "12345", "1234567", "abcdef", "１２３４５６"] {
            assert_eq!(accept(&secret, code, t, 0), None, "{code:?}");
        }
    }

    #[test]
    fn the_uri_names_the_issuer_the_account_and_the_secret() {
        let secret = new_secret();
        let uri = uri(&secret, "ann@acme.example").unwrap();
        assert!(uri.starts_with("otpauth://totp/Switchboard:ann%40acme.example?"), "{uri}");
        assert!(uri.contains(&format!("secret={secret}")), "{uri}");
        assert!(uri.contains("issuer=Switchboard"), "{uri}");
    }
}
