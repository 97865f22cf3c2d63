//! `/t/{tenantId}/security`: the tenant's sign-in security, for whoever may
//! change its settings (its settings administrators, and staff above): who
//! must set up a second factor, here and in every tenant below.

use leptos::prelude::*;

use crate::{
    components::{frame::in_frame, mfa_policy::MfaPolicyPicker},
    i18n::tr,
};

#[component]
pub fn SecurityPage() -> impl IntoView {
    in_frame(|_, tenant_id| {
        view! {
            <h1>{tr("security-title")}</h1>
            <MfaPolicyPicker tenant_id=tenant_id />
        }
    })
}
