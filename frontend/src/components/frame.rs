use leptos::{lazy, prelude::*};
use leptos_router::{
    components::{Outlet, Redirect, A},
    hooks::{use_location, use_params},
    params::Params,
};
use switchboard_shared::{roles::Capability, Me, TenantId, TenantKind, TenantSummary};

use crate::{
    api,
    components::{authenticator::Authenticator, confirm_identity::ConfirmIdentity, passkeys::Passkeys, topbar::TopBar},
    i18n::{tr, use_i18n},
    paths::{self, Section},
    session::{use_session, Status},
};

#[derive(Params, Debug, Clone, PartialEq)]
struct TenantParams {
    tenant_id: Option<String>,
}

/// What the frame gives the page in its outlet: the caller and the tenant
/// acted in.
#[derive(Clone)]
struct Framed {
    me: Me,
    tenant_id: Memo<TenantId>,
    my_name: RwSignal<String>,
}

/// The signed-in person's name as the top bar shows it; My account sets it
/// when they change it (without asking for `/me` again).
pub fn my_name() -> RwSignal<String> {
    expect_context::<Framed>().my_name
}

/// The page in the frame's outlet, given the caller and the tenant id.
pub fn in_frame<V>(page: impl FnOnce(Me, Memo<TenantId>) -> V) -> V {
    let framed = expect_context::<Framed>();
    page(framed.me, framed.tenant_id)
}

/// The layout route `/t/{tenantId}`, the frame of every signed-in page: the
/// caller (`/me`) loaded once, the top bar and the section links for the
/// tenant in the URL, and the page in its `<Outlet/>` (`in_frame`). Moving
/// between the sections of one tenant keeps the frame. Signed out, or once
/// refreshing cannot cure a 401 (`api` signs the session out), it leads to
/// the login page.
#[component]
pub fn Frame() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let params = use_params::<TenantParams>();
    let tenant_id = Memo::new(move |_| {
        TenantId::from(params.read().as_ref().ok().and_then(|p| p.tenant_id.clone()).unwrap_or_default())
    });
    // Asked again once a person held to enrolment set up a factor, or when
    // the server starts holding them (a policy changed meanwhile).
    // Moving to another page of the frame moves the keyboard's place to the
    // page (as a new document load would): otherwise the next Tab goes on
    // from where the link that was pressed used to be.
    let page = NodeRef::<leptos::html::Main>::new();
    let location = use_location();
    Effect::new(move |before: Option<String>| {
        let path = location.pathname.get();
        if before.is_some_and(|b| b != path) {
            if let Some(main) = page.get_untracked() {
                let _ = main.focus();
            }
        }
        path
    });
    let me = LocalResource::new(move || {
        session.track_standing();
        let status = session.status();
        async move {
            match status {
                Status::SignedIn => Some(api::me().await),
                _ => None,
            }
        }
    });
    // `/me` lists the first tenants only: staff with many may act in one
    // beyond them, whose name and kind (for the top bar, the sections and
    // the role panel) are then read on their own.
    let unlisted = LocalResource::new(move || {
        let (tenant_id, me) = (tenant_id.get(), me.get().flatten());
        async move {
            match me {
                Some(Ok(me)) if listed(&me, &tenant_id).is_none() => Some(api::tenant(tenant_id).await),
                _ => None,
            }
        }
    });
    move || {
        let me = match me.get().flatten() {
            Some(Ok(mut me)) if listed(&me, &tenant_id.get()).is_none() => match unlisted.get().flatten() {
                Some(Ok(tenant)) if tenant.id == tenant_id.get() => {
                    me.tenants.push(tenant);
                    Some(Ok(me))
                }
                Some(Err(e)) => Some(Err(e)),
                _ => None,
            },
            me => me,
        };
        match (session.status(), me) {
            // Signed out here, or the server ended the session (`api` noticed).
            (Status::SignedOut, _) => view! { <Redirect path="/login" /> }.into_any(),
            (Status::SignedIn, Some(Err(e))) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
            // The tenant's policy requires a second factor first: nothing else until then.
            (Status::SignedIn, Some(Ok(me))) if me.mfa_enrolment_required => {
                let my_name = RwSignal::new(me.user.display_name.clone());
                let done = Callback::new(move |()| session.recheck());
                // Its module is fetched when needed: most people are never held.
                view! {
                    <TopBar me=me.clone() tenant_id=tenant_id.get() name=my_name />
                    <main class="page enrol">
                        <Suspense fallback=|| view! { <p class="loading" role="status">{tr("loading")}</p> }>
                            {Suspend::new(enrolment(done))}
                        </Suspense>
                    </main>
                }
                .into_any()
            }
            (Status::SignedIn, Some(Ok(me))) => {
                let kind = tenant_kind(&me, &tenant_id.get());
                let my_name = RwSignal::new(me.user.display_name.clone());
                provide_context(Framed { me: me.clone(), tenant_id, my_name });
                view! {
            <TopBar me=me.clone() tenant_id=tenant_id.get() name=my_name />
            // Only the sections this person may use.
            <nav class="sections" aria-label=tr("sections")>
                {me.may(Capability::ManageUsers).then(|| view! { <A href=paths::section(&tenant_id.get(), Section::Users)>{tr("users-title")}</A> })}
                {me.may(Capability::ViewDevices).then(|| view! { <A href=paths::section(&tenant_id.get(), Section::Devices)>{tr("devices-page-title")}</A> })}
                {me.may(Capability::ManageUsers).then(|| view! {
                    <A href=paths::section(&tenant_id.get(), Section::Licences)>{tr("licences-title")}</A>
                    <A href=paths::section(&tenant_id.get(), Section::Audit)>{tr("audit-title")}</A>
                    <A href=paths::section(&tenant_id.get(), Section::Outbox)>{tr("outbox-title")}</A>
                })}
                {(me.may(Capability::ManageUsers) && kind == TenantKind::Customer).then(|| view! {
                    <A href=paths::section(&tenant_id.get(), Section::Import)>{tr("import-nav")}</A>
                })}
                {(me.may(Capability::ManageCustomers) && kind == TenantKind::Reseller).then(|| view! {
                    <A href=paths::section(&tenant_id.get(), Section::Onboarding)>{tr("onboarding-nav")}</A>
                })}
                {me.may(Capability::ChangeCustomer).then(|| view! {
                    <A href=paths::section(&tenant_id.get(), Section::Security)>{tr("security-title")}</A>
                })}
            </nav>
            <main class="page" tabindex="-1" node_ref=page><Outlet /></main>
            // A sensitive change waits for the person to confirm who they are.
            {move || session.confirming().then(|| view! {
                <Suspense fallback=|| ()>{Suspend::new(confirm_identity(me.user.mfa))}</Suspense>
            })}
            }
            .into_any()
            }
            _ => view! { <p class="loading" role="status">{tr("loading")}</p> }.into_any(),
        }
    }
}

/// What a person held by their organisation's MFA policy sees instead of
/// the sections: setting up a second factor, from its own module.
#[lazy]
fn enrolment(done: Callback<()>) -> AnyView {
    view! {
        <h1>{tr("enrol-title")}</h1>
        <p>{tr("enrol-intro")}</p>
        <section aria-labelledby="passkeys-title">
            <h2 id="passkeys-title">{tr("passkeys-title")}</h2>
            <Passkeys on_enrolled=done />
        </section>
        <section aria-labelledby="totp-title">
            <h2 id="totp-title">{tr("totp-title")}</h2>
            <Authenticator on_enrolled=done />
        </section>
    }
    .into_any()
}

/// "Confirm it is you", from its own module: most sessions never need it.
#[lazy]
fn confirm_identity(with_code: bool) -> AnyView {
    view! { <ConfirmIdentity with_code=with_code /> }.into_any()
}

/// The kind of the tenant acted in, as `me` (with the one the frame adds)
/// lists it; a customer if unknown, where staff mostly act.
pub fn tenant_kind(me: &Me, tenant_id: &TenantId) -> TenantKind {
    listed(me, tenant_id).map_or(TenantKind::Customer, |t| t.kind)
}

/// The tenant, if `me` (the frame adds the one acted in) holds it.
fn listed<'a>(me: &'a Me, tenant_id: &TenantId) -> Option<&'a TenantSummary> {
    std::iter::once(&me.tenant).chain(&me.tenants).find(|t| t.id == *tenant_id)
}
