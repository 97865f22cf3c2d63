use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Redirect, Route, Router, Routes},
    lazy_route, path, Lazy, LazyRoute,
};

use crate::{
    components::frame::Frame,
    i18n::I18n,
    pages::{home::Home, users::UsersPage},
    session::Session,
};

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    provide_context(Session::resume());
    view! {
        <Router>
            <Routes fallback=|| view! { <Redirect path="/" /> }>
                <Route path=path!("/") view=Home />
                <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} />
                <Route path=path!("/activate") view={Lazy::<ActivateRoute>::new()} />
                <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} />
                <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()} />
                // One layout route: the frame (caller, top bar, sections) stays
                // while its pages change in its outlet.
                <ParentRoute path=path!("/t/:tenant_id") view=Frame>
                    <Route path=path!("users") view=UsersPage />
                    <Route path=path!("users/:user_id") view={Lazy::<UserEditorRoute>::new()} />
                    <Route path=path!("devices") view={Lazy::<DevicesRoute>::new()} />
                    <Route path=path!("licences") view={Lazy::<LicencesRoute>::new()} />
                    <Route path=path!("audit") view={Lazy::<AuditRoute>::new()} />
                    <Route path=path!("outbox") view={Lazy::<OutboxRoute>::new()} />
                    <Route path=path!("import") view={Lazy::<ImportRoute>::new()} />
                    <Route path=path!("onboarding") view={Lazy::<OnboardingRoute>::new()} />
                    <Route path=path!("security") view={Lazy::<SecurityRoute>::new()} />
                    <Route path=path!("account") view={Lazy::<AccountRoute>::new()} />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Fetches the user editor's module once the browser is idle: the users list
/// leads there most, and its first opening then waits for no download.
pub fn prefetch_user_editor() {
    request_idle_callback(|| leptos::task::spawn_local(<UserEditorRoute as LazyRoute>::preload()));
}

/// Every page but the users list is split out of the main wasm module by
/// `cargo xtask` (wasm-split) and fetched when first opened, so the first
/// page downloads only what it shows. The sign-in page too: a tab that
/// resumes its session (most do) never shows it. A lazy page calls no
/// `#[lazy]` function itself: the body of a lazy page is kept in every
/// build, so its call would leave the component tests' module (built
/// without the split) with an import nobody provides.
macro_rules! lazy_pages {
    ($($route:ident => $page:path),* $(,)?) => {$(
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    LoginRoute => crate::pages::login::Login,
    ActivateRoute => crate::pages::set_password::Activate,
    ResetPasswordRoute => crate::pages::set_password::ResetPassword,
    ForgotPasswordRoute => crate::pages::forgot_password::ForgotPassword,
    AccountRoute => crate::pages::account::AccountPage,
    UserEditorRoute => crate::pages::user_editor::UserEditorPage,
    DevicesRoute => crate::pages::devices::DevicesPage,
    LicencesRoute => crate::pages::licences::LicencesPage,
    AuditRoute => crate::pages::audit::AuditPage,
    OutboxRoute => crate::pages::outbox::OutboxPage,
    ImportRoute => crate::pages::import::ImportPage,
    OnboardingRoute => crate::pages::onboarding::OnboardingPage,
    SecurityRoute => crate::pages::security::SecurityPage,
}
