use leptos::prelude::*;
use switchboard_shared::{roles::keys, Device, DeviceId, DeviceKind, TenantId, User};

use crate::{
    api,
    components::problem::Loaded,
    i18n::{role_name, tr, use_i18n},
};

/// The editor's devices: the tenant's softphones, each a checkbox, ticked
/// when this user has it; one assigned to someone else, or any while the
/// user lacks the Softphones role, cannot be ticked, and says why.
#[component]
pub fn UserDevices(tenant_id: TenantId, saved: RwSignal<Option<User>>) -> impl IntoView {
    let i18n = use_i18n();
    let devices = {
        let tenant_id = tenant_id.clone();
        LocalResource::new(move || api::devices(tenant_id.clone()))
    };
    let chosen = RwSignal::new(saved.get_untracked().map(|u| u.devices).unwrap_or_default());
    let user_id = move || saved.with(|u| u.as_ref().map(|u| u.id.clone()));
    // The saved roles decide, as on the server.
    let may_hold = move || saved.with(|u| u.as_ref().is_some_and(|u| u.roles.iter().any(|r| r == keys::SOFTPHONE)));
    let save = Action::new_local(move |ids: &Vec<DeviceId>| {
        let (tenant_id, id, ids) = (tenant_id.clone(), user_id(), ids.clone());
        async move {
            let Some(id) = id else { return Ok(()) };
            let user = api::set_user_devices(tenant_id, id, ids).await?;
            chosen.set(user.devices.clone());
            saved.set(Some(user));
            Ok::<(), api::ApiError>(())
        }
    });
    let row = move |d: Device| {
        let id = format!("device-{}", d.id);
        let device_id = d.id.clone();
        let elsewhere = d.user_id.is_some_and(|owner| Some(owner) != user_id());
        let ticked = {
            let device_id = device_id.clone();
            move || chosen.with(|c| c.contains(&device_id))
        };
        let toggle = move |ev| {
            let on = event_target_checked(&ev);
            chosen.update(|c| {
                c.retain(|x| x != &device_id);
                if on {
                    c.push(device_id.clone());
                }
            });
        };
        view! {
            <div class="device">
                <input type="checkbox" id=id.clone() prop:checked=ticked disabled=move || elsewhere || !may_hold() on:change=toggle />
                <label for=id>{d.name}</label>
                <span class="muted">" " {d.identifier}</span>
                {elsewhere.then(|| view! { <em class="muted">" — " {tr("device-elsewhere")}</em> })}
            </div>
        }
    };
    view! {
        <section class="devices" aria-labelledby="devices-title">
            <h2 id="devices-title">{tr("devices-title")}</h2>
            {move || (!may_hold()).then(|| view! {
                <p class="note">{i18n.tr_with("devices-need-role", &[("role", role_name(i18n.lang(), keys::SOFTPHONE).into())])}</p>
            })}
            <Loaded>{move || Suspend::new(async move { devices.await.map(|list| {
                    let softphones: Vec<Device> = list.items.into_iter().filter(|d| d.kind == DeviceKind::Softphone).collect();
                    if softphones.is_empty() {
                        view! { <p class="muted">{tr("devices-none")}</p> }.into_any()
                    } else {
                        softphones.into_iter().map(row).collect_view().into_any()
                    }
                }) })}</Loaded>
            {move || save.value().get().map(|done| match done {
                Ok(()) => view! { <p class="ok" role="status">{tr("devices-saved")}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
            })}
            <button type="button" disabled=move || save.pending().get() || !may_hold() on:click=move |_| { save.dispatch(chosen.get_untracked()); }>
                {tr("save-devices")}
            </button>
        </section>
    }
}
