pub mod activate;
pub mod home;
pub mod login;
pub mod role_panel;
pub mod tenant_switcher;
pub mod topbar;
pub mod user_editor;
pub mod users;
