//! A tenant's second-factor policy: who must set up a second factor to sign
//! in, here and in every tenant below. The choices looser than what the
//! tenants above impose are shown but cannot be taken.

use leptos::prelude::*;
use switchboard_shared::{MfaPolicy, TenantId};

use crate::{
    api,
    components::problem::Loaded,
    i18n::{tr, use_i18n},
};

/// The message id naming a policy.
pub fn policy_id(policy: MfaPolicy) -> &'static str {
    match policy {
        MfaPolicy::Off => "mfa-policy-off",
        MfaPolicy::Optional => "mfa-policy-optional",
        MfaPolicy::RequiredForAdmins => "mfa-policy-requiredForAdmins",
        MfaPolicy::Required => "mfa-policy-required",
    }
}

#[component]
pub fn MfaPolicyPicker(tenant_id: Memo<TenantId>) -> impl IntoView {
    let i18n = use_i18n();
    let save = Action::new_local(move |policy: &MfaPolicy| api::set_mfa_policy(tenant_id.get_untracked(), *policy));
    let current = LocalResource::new(move || {
        save.version().track();
        api::mfa_policy(tenant_id.get())
    });
    let outcome = move || match save.value().get() {
        Some(Ok(_)) => Some((false, i18n.tr("mfa-policy-saved"))),
        Some(Err(e)) => Some((true, i18n.field_error(&e, "policy").unwrap_or_else(|| i18n.error(&e)))),
        None => None,
    };
    view! {
        <section class="mfa-policy" aria-labelledby="mfa-policy-title">
            <h2 id="mfa-policy-title">{tr("mfa-policy-title")}</h2>
            <p class="muted">{tr("mfa-policy-intro")}</p>
            <Loaded>
                {move || Suspend::new(async move {
                    current.await.map(|s| view! {
                        <label for="mfa-policy">{tr("mfa-policy-label")}</label>
                        <select id="mfa-policy" disabled=move || save.pending().get()
                            on:change=move |ev| {
                                if let Some(policy) = MfaPolicy::parse(&event_target_value(&ev)) {
                                    save.dispatch(policy);
                                }
                            }>
                            {MfaPolicy::ALL.into_iter().map(|p| view! {
                                <option value=p.as_str() selected=p == s.policy disabled=p < s.minimum>
                                    {tr(policy_id(p))}
                                </option>
                            }).collect_view()}
                        </select>
                        {(s.minimum > MfaPolicy::Off).then(|| view! {
                            <p class="muted">
                                {move || i18n.tr_with("mfa-policy-minimum", &[("policy", i18n.tr(policy_id(s.minimum)).into())])}
                            </p>
                        })}
                    })
                })}
            </Loaded>
            <p role="status" class:error=move || outcome().is_some_and(|(e, _)| e)>{move || outcome().map(|(_, t)| t)}</p>
        </section>
    }
}
