use leptos::{ev::SubmitEvent, prelude::*};
use switchboard_shared::{Delivery, OutboxMessage};

use crate::{
    api,
    components::problem::Loaded,
    i18n::{date_time, text, tr, use_i18n, Lang},
};

/// `/t/{tenantId}/outbox`: the e-mail the portal has sent (to the caller's
/// tenant and, for staff, the tenants under it), newest first, so that a
/// fresh install with no mail server still gets people their links.
#[component]
pub fn OutboxPage() -> impl IntoView {
    view! { <Outbox /> }
}

#[component]
fn Outbox() -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let recipient = RwSignal::new(String::new());
    let mail = LocalResource::new(move || api::outbox(recipient.get()));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        recipient.set(typed.get_untracked().trim().to_owned());
    };
    view! {
        <h1>{tr("outbox-title")}</h1>
        <p class="muted">{tr("outbox-intro")}</p>
        <form class="filters" on:submit=submit>
            <label>
                {tr("outbox-recipient")}
                <input type="email" aria-label=tr("outbox-recipient") bind:value=typed />
            </label>
            <button type="submit">{tr("outbox-show")}</button>
        </form>
        <Loaded>
            {move || Suspend::new(async move {
                mail.await.map(|list| {
                    if list.is_empty() {
                        return view! { <p class="muted">{tr("outbox-empty")}</p> }.into_any();
                    }
                    let lang = i18n.lang();
                    list.into_iter().map(|m| message(lang, m)).collect_view().into_any()
                })
            })}
        </Loaded>
    }
}

/// How far a message got, when it went to a mail server (nothing is said
/// of mail only kept here).
fn delivery(delivery: Delivery) -> Option<(&'static str, &'static str)> {
    match delivery {
        Delivery::Pending | Delivery::Sending => Some(("info", "delivery-pending")),
        Delivery::Sent => Some(("ok", "delivery-sent")),
        Delivery::Failed => Some(("warn", "delivery-failed")),
        Delivery::Stored => None,
    }
}

fn message(lang: Lang, m: OutboxMessage) -> impl IntoView {
    let state =
        delivery(m.delivery).map(|(class, id)| view! { <span class=format!("badge {class}")>{text(lang, id)}</span> });
    view! {
        <details class="mail">
            <summary>
                <strong>{m.subject}</strong>
                {state}
                <span class="muted">" — " {m.to} " — " <time datetime=m.created_at.clone()>{date_time(lang, &m.created_at)}</time></span>
            </summary>
            <pre>{body(&m.body)}</pre>
        </details>
    }
}

/// The mail's text, with links to this portal (the activation page) made
/// clickable. Other addresses stay text: a name in a mail could be made to
/// look like a link, and only the portal's own are known to be ours.
fn body(text: &str) -> Vec<AnyView> {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    split_links(text, &format!("{origin}/"))
        .into_iter()
        .map(|(part, link)| {
            if link {
                let href = part.clone();
                view! { <a href=href>{part}</a> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect()
}

/// `text` cut into pieces, each marked whether it is a link starting with `prefix`.
fn split_links(text: &str, prefix: &str) -> Vec<(String, bool)> {
    let mut parts = Vec::new();
    let mut plain = String::new();
    for word in text.split_inclusive(char::is_whitespace) {
        let link = word.trim_end();
        if link.starts_with(prefix) && link.len() > prefix.len() {
            parts.push((std::mem::take(&mut plain), false));
            parts.push((link.to_owned(), true));
            plain.push_str(&word[link.len()..]);
        } else {
            plain.push_str(word);
        }
    }
    parts.push((plain, false));
    parts.retain(|(p, _)| !p.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use switchboard_shared::Delivery;

    use super::{delivery, split_links};
    use crate::i18n::{text, Lang};

    #[test]
    fn only_links_to_the_portal_are_links() {
        let text = "Hello https://evil.example/x,\n\nChoose it here:\n\nhttp://portal/activate?token=abc\n\nBye";
        assert_eq!(
            split_links(text, "http://portal/"),
            [
                ("Hello https://evil.example/x,\n\nChoose it here:\n\n".to_owned(), false),
                ("http://portal/activate?token=abc".to_owned(), true),
                ("\n\nBye".to_owned(), false),
            ]
        );
        assert_eq!(split_links("no links", "http://portal/"), [("no links".to_owned(), false)]);
    }

    #[test]
    fn delivery_is_said_only_for_mail_that_went_to_a_mail_server() {
        assert_eq!(delivery(Delivery::Stored), None);
        for (state, class, words) in [
            (Delivery::Pending, "info", "Waiting to be sent"),
            (Delivery::Sent, "ok", "Sent"),
            (Delivery::Failed, "warn", "Not delivered"),
        ] {
            let (c, id) = delivery(state).unwrap();
            assert_eq!((c, text(Lang::En, id).as_str()), (class, words), "{state:?}");
        }
    }
}
