//! The e-mail the portal sends: what each message says, in the recipient's
//! language (Fluent messages in `backend/locales/{en,fr,es,ru}/mail.ftl`),
//! as plain text and HTML. Delivery is the outbox's (`store::outbox`, and
//! `sender` when an SMTP server is configured).

pub mod sender;

pub use sender::{MailConfigError, Sender};

use std::{borrow::Cow, collections::HashMap};
use switchboard_shared::Language;

use fluent_templates::{fluent_bundle::FluentValue, static_loader, LanguageIdentifier, Loader};

use crate::store::{
    outbox::Message,
    password_links::{ACTIVATION_TTL_HOURS, RESET_TTL_MINUTES},
};

static_loader! {
    static MAIL = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks would surround every name in a plain-text mail.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The single-use link that lets a new person choose a password.
pub fn activation(language: Language, name: &str, tenant: &str, link: &str) -> Message {
    let t = Words::new(language, name, tenant);
    compose(
        "activation",
        t.say("activation-subject"),
        &t,
        &t.say("activation-intro"),
        (&t.say("activation-button"), link),
        &t.say("activation-ignore"),
    )
}

/// Where to get the UC clients (desktop and mobile) the person's roles give.
pub fn uc_welcome(language: Language, name: &str, tenant: &str, downloads: &str) -> Message {
    let t = Words::new(language, name, tenant);
    compose(
        "uc_welcome",
        t.say("uc-subject"),
        &t,
        &t.say("uc-intro"),
        (&t.say("uc-button"), downloads),
        &t.say("uc-sign-in"),
    )
}

/// The single-use link that lets a person who forgot their password choose
/// a new one.
pub fn password_reset(language: Language, name: &str, tenant: &str, link: &str) -> Message {
    let t = Words::new(language, name, tenant);
    compose(
        "password_reset",
        t.say("reset-subject"),
        &t,
        &t.say("reset-intro"),
        (&t.say("reset-button"), link),
        &t.say("reset-ignore"),
    )
}

/// Whether a message of this kind carries a single-use link, which the
/// stored copy loses once the message has left (or been given up).
pub fn carries_secret_link(kind: &str) -> bool {
    matches!(kind, "activation" | "password_reset")
}

/// What replaces a secret link in the stored copy of a message.
const LINK_REMOVED: &str = "[link removed once the message left]";

/// `text` (plain or HTML) with every link that carries a token replaced by
/// a note: a link is a run of characters up to a space, quote or angle
/// bracket, and carries a token when it holds `token=`.
pub fn without_secret_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("token=") {
        let is_end = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>');
        let start = rest[..at].rfind(is_end).map_or(0, |i| i + 1);
        let end = rest[at..].find(is_end).map_or(rest.len(), |i| at + i);
        out.push_str(&rest[..start]);
        out.push_str(LINK_REMOVED);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

struct Words<'a> {
    lang: LanguageIdentifier,
    args: HashMap<Cow<'static, str>, FluentValue<'a>>,
}

impl<'a> Words<'a> {
    fn new(language: Language, name: &'a str, tenant: &'a str) -> Self {
        let lang = language.as_str().parse().unwrap_or_else(|_| "en".parse().expect("a language tag"));
        let args = HashMap::from([
            (Cow::Borrowed("name"), FluentValue::from(name)),
            (Cow::Borrowed("tenant"), FluentValue::from(tenant)),
            (Cow::Borrowed("hours"), FluentValue::from(ACTIVATION_TTL_HOURS)),
            (Cow::Borrowed("minutes"), FluentValue::from(RESET_TTL_MINUTES)),
        ]);
        Self { lang, args }
    }

    fn say(&self, id: &str) -> String {
        MAIL.lookup_with_args(&self.lang, id, &self.args)
    }
}

/// One message, as text and as HTML with every value escaped.
fn compose(
    kind: &'static str,
    subject: String,
    t: &Words<'_>,
    intro: &str,
    (button, link): (&str, &str),
    outro: &str,
) -> Message {
    let greeting = t.say("greeting");
    let text = format!("{greeting}\n\n{intro}\n\n{link}\n\n{outro}\n");
    let e = |s: &str| html_escape::encode_text(s).into_owned();
    let href = html_escape::encode_double_quoted_attribute(link).into_owned();
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><body style=\"font-family:sans-serif;line-height:1.5\">\
         <p>{greeting}</p><p>{intro}</p>\
         <p><a href=\"{href}\" style=\"background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none\">{button}</a></p>\
         <p style=\"font-size:90%\">{link}</p><p>{outro}</p></body></html>\n",
        lang = t.lang,
        greeting = e(&greeting),
        intro = e(intro),
        button = e(button),
        link = e(link),
        outro = e(outro),
    );
    Message { kind, subject, text, html }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_is_written_in_the_recipients_language() {
        let fr = activation(Language::Fr, "Zoé", "Acme", "https://portal.example/activate?token=abc");
        assert_eq!(fr.subject, "Activez votre compte Switchboard");
        assert!(
            fr.text.starts_with("Bonjour Zoé,\n") && fr.text.contains("https://portal.example/activate?token=abc"),
            "{}",
            fr.text
        );
        let ru = uc_welcome(Language::Ru, "Иван", "Acme", "https://dl.example/uc");
        assert_eq!(ru.subject, "Добро пожаловать в UC-клиенты");
        assert!(ru.html.contains("lang=\"ru\"") && ru.html.contains("href=\"https://dl.example/uc\""), "{}", ru.html);
    }

    #[test]
    fn names_are_escaped_in_the_html() {
        let m = activation(Language::En, "<script>x</script>", "A & B", "https://p.example/activate?token=a\"b");
        assert!(
            !m.html.contains("<script>") && m.html.contains("&lt;script&gt;") && m.html.contains("A &amp; B"),
            "{}",
            m.html
        );
        assert!(m.html.contains("token=a&quot;b"), "{}", m.html);
        assert!(m.text.contains("<script>x</script>"), "plain text is plain");
    }

    #[test]
    fn the_kept_copy_of_an_activation_mail_has_no_link() {
        let link = "https://portal.example/activate?token=Zx_9-abc";
        let m = activation(Language::En, "Zoé", "Acme", link);
        assert!(carries_secret_link(m.kind) && !carries_secret_link("uc_welcome"));
        for (sent, kept) in [(&m.text, without_secret_links(&m.text)), (&m.html, without_secret_links(&m.html))] {
            assert!(sent.contains("Zx_9-abc"));
            assert!(!kept.contains("Zx_9-abc") && !kept.contains("token="), "{kept}");
            assert!(kept.contains(LINK_REMOVED) && kept.contains("Zoé"), "{kept}");
        }
        assert_eq!(without_secret_links("no link here"), "no link here");
    }

    #[test]
    fn every_language_has_english_messages() {
        let ids = |ftl: &str| -> Vec<String> {
            let mut ids: Vec<String> =
                ftl.lines().filter_map(|l| l.split_once(" =")).map(|(id, _)| id.to_owned()).collect();
            ids.sort();
            ids
        };
        let en = ids(include_str!("../../../locales/en/mail.ftl"));
        for (lang, ftl) in [
            ("fr", include_str!("../../../locales/fr/mail.ftl")),
            ("es", include_str!("../../../locales/es/mail.ftl")),
            ("ru", include_str!("../../../locales/ru/mail.ftl")),
        ] {
            assert_eq!(ids(ftl), en, "{lang}");
        }
    }
}
