use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::components::A;
use switchboard_shared::{roles::Capability, CreateDevice, Device, DeviceId, DeviceKind, Me, TenantId};

use crate::{
    api::{self, ApiError},
    components::{field::Field, frame::in_frame, problem::Loaded},
    i18n::{tr, use_i18n, I18n},
    paths,
};

/// `/t/{tenantId}/devices`: the tenant's softphones and desk phones; device
/// administrators (and staff) add and remove them. Who uses a softphone is
/// set in that user's editor.
#[component]
pub fn DevicesPage() -> impl IntoView {
    in_frame(|me, tenant_id| view! { <Devices me=me tenant_id=tenant_id /> })
}

#[component]
fn Devices(me: Me, tenant_id: Memo<TenantId>) -> impl IntoView {
    let i18n = use_i18n();
    let manages = me.may(Capability::ManageDevices);
    let remove = Action::new_local(move |id: &DeviceId| api::delete_device(tenant_id.get_untracked(), id.clone()));
    let add =
        Action::new_local(move |input: &CreateDevice| api::create_device(tenant_id.get_untracked(), input.clone()));
    // Re-read whenever a device is added or removed.
    let devices = LocalResource::new(move || {
        remove.version().track();
        add.version().track();
        api::devices(tenant_id.get())
    });
    // The device whose removal waits for a confirmation.
    let asking = RwSignal::new(None::<Device>);
    view! {
        <h1>{tr("devices-page-title")}</h1>
        {manages.then(|| view! { <AddDevice add=add /> })}
        {move || asking.get().map(|d| view! {
            <div class="confirm">
                <p role="alert">{i18n.tr_with("ask-remove-device", &[("name", d.name.clone().into())])}</p>
                <button type="button" class="primary danger" disabled=move || remove.pending().get()
                    on:click=move |_| { remove.dispatch(d.id.clone()); asking.set(None); }>
                    {tr("confirm-remove-device")}
                </button>
                <button type="button" on:click=move |_| asking.set(None)>{tr("cancel")}</button>
            </div>
        })}
        {move || remove.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{i18n.error(&e)}</p> })}
        <Loaded>
            {move || Suspend::new(async move { devices.await.map(|list| if list.items.is_empty() {
                view! { <p class="muted">{tr("devices-page-none")}</p> }.into_any()
            } else { view! {
                <div class="table-wrap">
                    <table class="device-list">
                        <thead>
                            <tr>
                                <th scope="col">{tr("column-name")}</th>
                                <th scope="col">{tr("column-device-kind")}</th>
                                <th scope="col">{tr("column-identifier")}</th>
                                <th scope="col">{tr("column-assigned-to")}</th>
                                {manages.then(|| view! { <th scope="col"><span class="visually-hidden">{tr("column-actions")}</span></th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {list.items.into_iter().map(|d| device_row(i18n, &tenant_id.get_untracked(), manages, asking, d)).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any() }) })}
        </Loaded>
    }
}

fn kind_id(kind: DeviceKind) -> &'static str {
    match kind {
        DeviceKind::Softphone => "device-kind-softphone",
        DeviceKind::Deskphone => "device-kind-deskphone",
    }
}

fn device_row(
    i18n: I18n,
    tenant_id: &TenantId,
    manages: bool,
    asking: RwSignal<Option<Device>>,
    d: Device,
) -> impl IntoView {
    let user = d.user_id.clone().map(|id| {
        let name = d.user_name.clone().unwrap_or_else(|| id.to_string());
        view! { <A href=paths::user(tenant_id, &id)>{name}</A> }
    });
    let remove_label = i18n.tr_with("remove-device", &[("name", d.name.clone().into())]);
    let kind = d.kind;
    view! {
        <tr>
            <td>{d.name.clone()}</td>
            <td>{move || i18n.tr(kind_id(kind))}</td>
            <td class="mono">{d.identifier.clone()}</td>
            <td>{user}</td>
            {manages.then(|| view! {
                <td>
                    <button type="button" class="link danger" aria-label=remove_label on:click=move |_| asking.set(Some(d.clone()))>
                        {tr("remove")}
                    </button>
                </td>
            })}
        </tr>
    }
}

/// The form that adds a device; the server checks the fields and says which
/// is wrong next to it.
#[component]
fn AddDevice(add: Action<CreateDevice, Result<Device, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let identifier = RwSignal::new(String::new());
    let kind = RwSignal::new(DeviceKind::Softphone);
    Effect::new(move || {
        if let Some(Ok(_)) = add.value().get() {
            name.set(String::new());
            identifier.set(String::new());
        }
    });
    let error = move || add.value().get().and_then(Result::err);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        add.dispatch(CreateDevice {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            identifier: identifier.get_untracked(),
        });
    };
    view! {
        <form class="add-device" on:submit=submit aria-labelledby="add-device-title">
            <h2 id="add-device-title">{tr("add-device-title")}</h2>
            <div class="field">
                <Field id="device-name" label="device-name" value=name field="name" problem=error required=true maxlength=100 />
            </div>
            <div class="field">
                <label for="device-kind">{tr("column-device-kind")}</label>
                <select id="device-kind" on:change=move |ev| kind.set(DeviceKind::parse(&event_target_value(&ev)).unwrap_or(DeviceKind::Softphone))>
                    {[DeviceKind::Softphone, DeviceKind::Deskphone].into_iter().map(|k| view! {
                        <option value=k.as_str() selected=move || kind.get() == k>{move || i18n.tr(kind_id(k))}</option>
                    }).collect_view()}
                </select>
                <p class="error"></p>
            </div>
            <div class="field">
                <Field id="device-identifier" label="column-identifier" value=identifier field="identifier" problem=error
                    required=true maxlength=200 placeholder="device-identifier-placeholder" />
            </div>
            <button type="submit" class="primary" disabled=move || add.pending().get()>{tr("add-device")}</button>
            {move || match add.value().get() {
                Some(Ok(d)) => Some(view! { <p class="ok" role="status">{i18n.tr_with("device-added", &[("name", d.name.into())])}</p> }.into_any()),
                Some(Err(e)) if e.details.fields.is_empty() => Some(view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any()),
                _ => None,
            }}
        </form>
    }
}
