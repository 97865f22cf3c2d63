use leptos::prelude::*;

use crate::{
    api,
    components::{frame::in_frame, problem::Loaded},
    i18n::{role_name, tr, use_i18n},
};
use switchboard_shared::TenantId;

/// `/t/{tenantId}/licences`: how many users hold each licensed role.
#[component]
pub fn LicencesPage() -> impl IntoView {
    in_frame(|_, tenant_id| view! { <Licences tenant_id=tenant_id /> })
}

#[component]
fn Licences(tenant_id: Memo<TenantId>) -> impl IntoView {
    let i18n = use_i18n();
    let usage = LocalResource::new(move || api::licences(tenant_id.get()));
    view! {
        <h1>{tr("licences-title")}</h1>
        <Loaded>
            {move || Suspend::new(async move { usage.await.map(|u| view! {
                <div class="table-wrap">
                    <table class="licences">
                        <thead>
                            <tr>
                                <th scope="col">{tr("column-licence")}</th>
                                <th scope="col" class="number">{tr("column-holders")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {u.licences.into_iter().map(|l| view! {
                                <tr>
                                    <td>{role_name(i18n.lang(), &l.role)}</td>
                                    <td class="number">{l.count}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }) })}
        </Loaded>
    }
}
