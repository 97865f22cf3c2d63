//! My account's "Authenticator app": turning authenticator codes on (a QR
//! code and the key, then a first code from the app), off, and the recovery
//! codes, shown once when made. The frame shows it too, to a person whom
//! their organisation's policy requires to set up a second factor.

use std::fmt::Write;

use leptos::{ev::SubmitEvent, prelude::*};
use qrcodegen::{QrCode, QrCodeEcc};
use switchboard_shared::{RecoveryCodes, TotpEnrolment};

use crate::{
    api::{self, ApiError},
    components::problem::Loaded,
    i18n::{tr, use_i18n},
};

/// `on_enrolled`: once codes are on and the recovery codes shown, a
/// "Continue" button calls it (the frame's enrolment).
#[component]
pub fn Authenticator(#[prop(optional)] on_enrolled: Option<Callback<()>>) -> impl IntoView {
    let i18n = use_i18n();
    let start = Action::new_local(|_: &()| api::start_totp());
    let confirm = Action::new_local(|code: &String| api::confirm_totp(code.clone()));
    let remove = Action::new_local(|_: &()| api::remove_totp());
    let renew = Action::new_local(|_: &()| api::new_recovery_codes());
    let status = LocalResource::new(move || {
        // Re-read after each change of the factors.
        confirm.version().track();
        remove.version().track();
        renew.version().track();
        api::mfa_status()
    });
    let failed = move || {
        let err = |r: Option<Result<(), ApiError>>| r.and_then(Result::err);
        err(start.value().get().map(|r| r.map(drop)))
            .or_else(|| err(confirm.value().get().map(|r| r.map(drop))))
            .or_else(|| err(remove.value().get()))
            .or_else(|| err(renew.value().get().map(|r| r.map(drop))))
    };
    // The codes just made, from turning on or from renewing, whichever came last.
    let fresh = RwSignal::new(Vec::<String>::new());
    Effect::new(move || {
        if let Some(Ok(RecoveryCodes { recovery_codes })) = confirm.value().get() {
            fresh.set(recovery_codes);
        }
    });
    Effect::new(move || {
        if let Some(Ok(RecoveryCodes { recovery_codes })) = renew.value().get() {
            fresh.set(recovery_codes);
        }
    });
    Effect::new(move || {
        remove.version().track();
        fresh.set(Vec::new());
    });
    view! {
        <Loaded>
            {move || Suspend::new(async move {
                status.await.map(|s| {
                    if s.totp {
                        let left = u64::from(s.recovery_codes_left);
                        view! {
                            <p>{tr("totp-on")}</p>
                            <p class="muted">{move || i18n.tr_with("recovery-left", &[("count", left.into())])}</p>
                            <div class="actions">
                                <button type="button" disabled=move || renew.pending().get() on:click=move |_| { renew.dispatch(()); }>
                                    {tr("recovery-new")}
                                </button>
                                <button type="button" class="danger" disabled=move || remove.pending().get() on:click=move |_| { remove.dispatch(()); }>
                                    {tr("totp-off")}
                                </button>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            {move || match start.value().get() {
                                Some(Ok(enrolment)) => view! { <Setup enrolment=enrolment confirm=confirm /> }.into_any(),
                                _ => view! {
                                    <p class="muted">{tr("totp-intro")}</p>
                                    <button type="button" class="primary" disabled=move || start.pending().get()
                                        on:click=move |_| { start.dispatch(()); }>
                                        {tr("totp-turn-on")}
                                    </button>
                                }.into_any(),
                            }}
                        }.into_any()
                    }
                })
            })}
        </Loaded>
        <p class="error" role="alert">{move || failed().map(|e| i18n.error(&e))}</p>
        {move || (!fresh.with(Vec::is_empty)).then(|| view! {
            <div class="recovery" role="region" aria-label=tr("recovery-title")>
                <p><strong>{tr("recovery-save")}</strong></p>
                <ul>{fresh.get().into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
            </div>
        })}
        {move || on_enrolled.filter(|_| matches!(confirm.value().get(), Some(Ok(_)))).map(|done| view! {
            <button type="button" class="primary" on:click=move |_| done.run(())>{tr("enrol-continue")}</button>
        })}
    }
}

/// The new secret as a QR code and as a key to type, and the first code.
#[component]
fn Setup(enrolment: TotpEnrolment, confirm: Action<String, Result<RecoveryCodes, ApiError>>) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        confirm.dispatch(code.get_untracked().trim().to_owned());
    };
    let qr = qr_code(&enrolment.otpauth_uri);
    view! {
        <p>{tr("totp-scan")}</p>
        {qr.map(|(size, path)| {
            let side = size + 8;
            view! {
                <svg class="qr" role="img" aria-label=tr("totp-qr") width="200" height="200"
                    viewBox=format!("-4 -4 {side} {side}") shape-rendering="crispEdges">
                    <rect x="-4" y="-4" width=side height=side fill="#fff" />
                    <path d=path fill="#000" />
                </svg>
            }
        })}
        <p>{tr("totp-key")} ": " <code class="secret">{enrolment.secret}</code></p>
        <form class="stacked" on:submit=submit>
            <label for="totp-code">{tr("totp-confirm-code")}</label>
            <input id="totp-code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6" bind:value=code />
            <button type="submit" class="primary" disabled=move || confirm.pending().get()>{tr("totp-confirm")}</button>
        </form>
    }
}

/// The QR code of `text`: its size in modules and an SVG path of its dark ones.
fn qr_code(text: &str) -> Option<(i32, String)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                let _ = write!(path, "M{x},{y}h1v1h-1z");
            }
        }
    }
    Some((qr.size(), path))
}

#[cfg(test)]
mod tests {
    use super::qr_code;

    #[test]
    fn an_otpauth_uri_makes_a_square_qr_code_with_dark_modules() {
        let (size, path) =
            qr_code("otpauth://totp/Switchboard:ann%40acme.example?secret=JBSWY3DPEHPK3PXP&issuer=Switchboard")
                .expect("a QR code");
        assert!((21..=177).contains(&size) && (size - 17) % 4 == 0, "a QR version's size: {size}");
        // The three finder patterns' corners are dark.
        for corner in ["M0,0h1", &format!("M{},0h1", size - 1), &format!("M0,{}h1", size - 1)] {
            assert!(path.contains(corner), "{corner}");
        }
    }
}
