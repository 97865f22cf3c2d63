//! The onboarding wizard for reseller staff: the customer, its
//! users imported, its first administrator, further roles, then done. Where the wizard is
//! lives in the URL (`?customer=…&step=…&admin=…`), so a reload or a failed
//! step resumes where it was, and every step is safe to repeat: a
//! reference already used offers that customer, an e-mail already known
//! offers to make that user the administrator.

use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
};
use switchboard_shared::{
    roles::keys, CreateCustomer, CreateUser, MfaPolicy, PatchSettings, PatchUser, PbxConnectionInput, PbxKind,
    TenantId, UserId,
};

use crate::{
    api::{self, ApiError, UserMail},
    components::{field::Field, frame::in_frame, mfa_policy::policy_id, problem::Loaded},
    i18n::{role_list, tr, use_i18n},
    pages::import::ImportUsers,
    paths::{self, Section},
};

/// `/t/{resellerId}/onboarding`
#[component]
pub fn OnboardingPage() -> impl IntoView {
    in_frame(|_, tenant_id| view! { <Wizard reseller=tenant_id /> })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Details,
    Import,
    Admin,
    Roles,
    Done,
}

const STEPS: [(Step, &str); 5] = [
    (Step::Details, "step-details"),
    (Step::Import, "step-import"),
    (Step::Admin, "step-admin"),
    (Step::Roles, "step-roles"),
    (Step::Done, "step-done"),
];

#[component]
fn Wizard(reseller: Memo<TenantId>) -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &'static str| Memo::new(move |_| query.read().get(name).filter(|v| !v.is_empty()));
    let (customer, admin) = (param("customer"), param("admin"));
    let (customer, admin) =
        (Memo::new(move |_| customer.get().map(TenantId::from)), Memo::new(move |_| admin.get().map(UserId::from)));
    let step = Memo::new(move |_| match (customer.get(), query.read().get("step").as_deref()) {
        (None, _) => Step::Details,
        (Some(_), Some("admin")) => Step::Admin,
        (Some(_), Some("roles")) if admin.get().is_some() => Step::Roles,
        (Some(_), Some("done")) if admin.get().is_some() => Step::Done,
        (Some(_), _) => Step::Import,
    });
    let navigate = use_navigate();
    let go = Callback::new(move |(customer, step, admin): (TenantId, &'static str, Option<UserId>)| {
        let admin = admin.map(|a| format!("&admin={a}")).unwrap_or_default();
        navigate(
            &format!(
                "{}?customer={customer}&step={step}{admin}",
                paths::section(&reseller.get_untracked(), Section::Onboarding)
            ),
            Default::default(),
        );
    });
    view! {
        <h1>{tr("onboarding-title")}</h1>
        <ol class="steps" aria-label=tr("onboarding-steps")>
            {STEPS.iter().map(|(s, id)| {
                let s = *s;
                view! { <li aria-current=move || (step.get() == s).then_some("step")>{tr(id)}</li> }
            }).collect_view()}
        </ol>
        {move || match (step.get(), customer.get(), admin.get()) {
            (Step::Import, Some(c), _) => view! { <ImportStep customer=c go=go /> }.into_any(),
            (Step::Admin, Some(c), _) => view! { <AdminStep customer=c go=go /> }.into_any(),
            (Step::Roles, Some(c), Some(a)) => view! { <RolesStep customer=c admin=a go=go /> }.into_any(),
            (Step::Done, Some(c), Some(a)) => view! { <DoneStep customer=c admin=a /> }.into_any(),
            _ => view! { <Details reseller=reseller go=go /> }.into_any(),
        }}
    }
}

type Go = Callback<(TenantId, &'static str, Option<UserId>)>;

/// Step 1: the customer and its PBX connection.
#[component]
fn Details(reseller: Memo<TenantId>, go: Go) -> impl IntoView {
    let i18n = use_i18n();
    let text = || RwSignal::new(String::new());
    let (name, description, reference, region) = (text(), text(), text(), text());
    let (base_url, account_id, secret) = (text(), text(), text());
    let connect = RwSignal::new(false);
    let auto_acd = RwSignal::new(false);
    // The customer's own MFA policy; none leaves it to the reseller's.
    let mfa = RwSignal::new(None::<MfaPolicy>);
    let create = Action::new_local(move |body: &CreateCustomer| {
        let (reseller, body) = (reseller.get_untracked(), body.clone());
        async move { api::create_customer(reseller, body).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(c)) = create.value().get() {
            go.run((c.id, "import", None));
        }
    });
    let error = move || create.value().get().and_then(Result::err);
    let optional = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|v| !v.is_empty());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateCustomer {
            name: name.get_untracked(),
            description: description.get_untracked(),
            reference: optional(reference),
            region: optional(region),
            pbx: connect.get_untracked().then(|| PbxConnectionInput {
                kind: PbxKind::Kazoo,
                base_url: base_url.get_untracked(),
                account_id: account_id.get_untracked(),
                secret: optional(secret),
            }),
            settings: Some(PatchSettings {
                auto_assign_acd: Some(auto_acd.get_untracked()),
                default_time_zone: None,
                mfa: mfa.get_untracked(),
            }),
        });
    };
    view! {
        <form class="editor" on:submit=submit>
            <fieldset class="fields">
                <Field id="customer-name" label="customer-name" value=name field="name" problem=error required=true maxlength=100 />
                <Field id="customer-description" label="customer-description" value=description field="description" problem=error />
                <Field id="customer-reference" label="customer-reference" value=reference field="reference" problem=error />
                <Field id="customer-region" label="customer-region" value=region field="region" problem=error />
                <label class="check"><input type="checkbox" bind:checked=auto_acd />{tr("customer-auto-acd")}</label>
                <label for="customer-mfa">{tr("customer-mfa")}</label>
                <select id="customer-mfa" on:change=move |ev| mfa.set(MfaPolicy::parse(&event_target_value(&ev)))>
                    <option value="" selected>{tr("mfa-policy-inherit")}</option>
                    {[MfaPolicy::RequiredForAdmins, MfaPolicy::Required].into_iter().map(|p| view! {
                        <option value=p.as_str()>{tr(policy_id(p))}</option>
                    }).collect_view()}
                </select>
                {move || error().and_then(|e| i18n.field_error(&e, "settings.mfa")).map(|t| view! { <p class="error" role="alert">{t}</p> })}
                <label class="check"><input type="checkbox" bind:checked=connect />{tr("pbx-connect")}</label>
                {move || connect.get().then(|| view! {
                    <Field id="pbx-base-url" label="pbx-base-url" value=base_url field="pbx.baseUrl" problem=error />
                    <Field id="pbx-account-id" label="pbx-account-id" value=account_id field="pbx.accountId" problem=error />
                    <Field id="pbx-secret" label="pbx-secret" value=secret field="pbx.secret" problem=error kind="password" autocomplete="off" />
                })}
            </fieldset>
            {move || error().filter(|e| e.details.fields.is_empty()).map(|e| {
                let existing = e.details.existing_customer_id.clone();
                view! {
                    <p class="error" role="alert">{i18n.error(&e)}</p>
                    {existing.map(|id| view! {
                        <button type="button" on:click=move |_| go.run((id.clone(), "import", None))>{tr("continue-existing-customer")}</button>
                    })}
                }
            })}
            <button type="submit" class="primary" disabled=move || create.pending().get()>{tr("create-customer")}</button>
        </form>
    }
}

/// Step 2: the users from the PBX (or a CSV file).
#[component]
fn ImportStep(customer: TenantId, go: Go) -> impl IntoView {
    let i18n = use_i18n();
    let id = customer.clone();
    let details = LocalResource::new(move || api::customer(id.clone()));
    let imported = RwSignal::new(false);
    let next = {
        let customer = customer.clone();
        move |_| go.run((customer.clone(), "admin", None))
    };
    view! {
        <h2>{tr("step-import")}</h2>
        <Loaded>{move || Suspend::new(async move { details.await.map(|c| view! {
                <ImportUsers tenant_id=c.id.clone() has_pbx=c.pbx.is_some() imported=Callback::new(move |_| imported.set(true)) />
            }.into_any()) })}</Loaded>
        <p>
            <button type="button" class=move || if imported.get() { "primary" } else { "" } on:click=next>
                {move || if imported.get() { i18n.tr("next-step") } else { i18n.tr("skip-import") }}
            </button>
        </p>
    }
}

/// Step 3: the first user administrator, new or (when the e-mail is known)
/// an existing user given the roles.
#[component]
fn AdminStep(customer: TenantId, go: Go) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let admin_roles = || vec![keys::CUSTOMER_USER.to_owned(), keys::USER_ADMIN.to_owned()];
    let tenant = customer.clone();
    let create = Action::new_local(move |_: &()| {
        let body = CreateUser {
            display_name: name.get_untracked(),
            email: email.get_untracked(),
            roles: admin_roles(),
            ..CreateUser::default()
        };
        let tenant = tenant.clone();
        async move { api::create_user(tenant, body).await.map(|u| u.id) }
    });
    let tenant = customer.clone();
    let promote = Action::new_local(move |id: &UserId| {
        let (tenant, id) = (tenant.clone(), id.clone());
        async move {
            let user = api::user(tenant.clone(), id.clone()).await?;
            let body = PatchUser { add_roles: admin_roles(), ..PatchUser::default() };
            api::patch_user(tenant, id, user.version, body).await.map(|u| u.id)
        }
    });
    let done = customer.clone();
    Effect::new(move |_| {
        let made = |r: Option<Result<UserId, ApiError>>| r.and_then(Result::ok);
        if let Some(id) = made(create.value().get()).or_else(|| made(promote.value().get())) {
            go.run((done.clone(), "roles", Some(id)));
        }
    });
    let error = move || {
        let failed = |r: Option<Result<UserId, ApiError>>| r.and_then(Result::err);
        failed(promote.value().get()).or_else(|| failed(create.value().get()))
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        promote.value().set(None);
        create.dispatch(());
    };
    view! {
        <h2>{tr("step-admin")}</h2>
        <p class="muted">{tr("admin-intro")}</p>
        <form class="editor" on:submit=submit>
            <fieldset class="fields">
                <Field id="admin-name" label="display-name" value=name field="displayName" problem=error required=true maxlength=100 />
                <Field id="admin-email" label="email" value=email field="email" problem=error kind="email" required=true maxlength=200 />
            </fieldset>
            {move || error().filter(|e| e.details.fields.is_empty()).map(|e| match e.details.existing_user_id.clone() {
                Some(id) if e.code == "user_exists" => view! {
                    <p class="error" role="alert">{tr("admin-exists")}</p>
                    <button type="button" class="primary" disabled=move || promote.pending().get()
                        on:click=move |_| { promote.dispatch(id.clone()); }>
                        {tr("make-admin")}
                    </button>
                }.into_any(),
                _ => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
            })}
            <button type="submit" class="primary" disabled=move || create.pending().get()>{tr("create-admin")}</button>
        </form>
    }
}

/// Step 4: further roles (agents, supervisors…), each user's in their editor.
#[component]
fn RolesStep(customer: TenantId, admin: UserId, go: Go) -> impl IntoView {
    let i18n = use_i18n();
    let c = customer.clone();
    let users = LocalResource::new(move || api::users(c.clone(), api::ListFilter::default(), None));
    let finish = move |_| go.run((customer.clone(), "done", Some(admin.clone())));
    view! {
        <h2>{tr("step-roles")}</h2>
        <p class="muted">{tr("roles-intro")}</p>
        <Loaded>{move || Suspend::new(async move { users.await.map(|page| view! {
                <div class="table-wrap">
                    <table>
                        <thead><tr><th scope="col">{tr("column-name")}</th><th scope="col">{tr("column-roles")}</th></tr></thead>
                        <tbody>
                            {page.items.into_iter().filter(|u| !u.is_parent).map(|u| {
                                let href = paths::user(&u.primary_tenant, &u.id);
                                let roles = u.roles.clone();
                                view! {
                                    <tr>
                                        <td><A href=href>{u.display_name}</A></td>
                                        <td class="muted">{move || role_list(i18n.lang(), roles.iter().map(String::as_str))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()) })}</Loaded>
        <p><button type="button" class="primary" on:click=finish>{tr("next-step")}</button></p>
    }
}

/// Step 5: the customer is ready; the administrator gets their activation
/// e-mail, and further roles are given in the customer's users list.
#[component]
fn DoneStep(customer: TenantId, admin: UserId) -> impl IntoView {
    let i18n = use_i18n();
    let (c, a) = (customer.clone(), admin.clone());
    let loaded = LocalResource::new(move || {
        let (c, a) = (c.clone(), a.clone());
        async move { Ok::<_, ApiError>((api::customer(c.clone()).await?, api::user(c, a).await?)) }
    });
    let (c, a) = (customer.clone(), admin.clone());
    let send = Action::new_local(move |_: &()| api::send_mail(c.clone(), a.clone(), UserMail::Activation));
    view! {
        <h2>{tr("step-done")}</h2>
        <Loaded>{move || Suspend::new(async move { loaded.await.map(|(c, u)| {
                let (customer_name, users) = (c.name.clone(), paths::section(&c.id, Section::Users));
                view! {
                    <p role="status">{i18n.tr_with("onboarding-done", &[("customer", c.name.clone().into()), ("admin", u.email.clone().into())])}</p>
                    <p>
                        <button type="button" disabled=move || send.pending().get() on:click=move |_| { send.dispatch(()); }>
                            {tr("send-activation")}
                        </button>
                    </p>
                    {move || send.value().get().map(|r| match r {
                        Ok(()) => view! { <p role="status">{tr("activation-sent")}</p> }.into_any(),
                        Err(e) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
                    })}
                    <p><A href=users>{move || i18n.tr_with("open-customer-users", &[("customer", customer_name.clone().into())])}</A></p>
                }.into_any()
            }) })}</Loaded>
    }
}
