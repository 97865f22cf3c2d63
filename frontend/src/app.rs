use leptos::prelude::*;
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path,
};

use crate::{
    i18n::I18n,
    pages::{
        activate::Activate, audit::AuditPage, devices::DevicesPage, home::Home, import::ImportPage,
        licences::LicencesPage, login::Login, onboarding::OnboardingPage, outbox::OutboxPage,
        user_editor::UserEditorPage, users::UsersPage,
    },
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
                <Route path=path!("/login") view=Login />
                <Route path=path!("/activate") view=Activate />
                <Route path=path!("/t/:tenant_id/users") view=UsersPage />
                <Route path=path!("/t/:tenant_id/users/:user_id") view=UserEditorPage />
                <Route path=path!("/t/:tenant_id/devices") view=DevicesPage />
                <Route path=path!("/t/:tenant_id/licences") view=LicencesPage />
                <Route path=path!("/t/:tenant_id/audit") view=AuditPage />
                <Route path=path!("/t/:tenant_id/outbox") view=OutboxPage />
                <Route path=path!("/t/:tenant_id/import") view=ImportPage />
                <Route path=path!("/t/:tenant_id/onboarding") view=OnboardingPage />
            </Routes>
        </Router>
    }
}
