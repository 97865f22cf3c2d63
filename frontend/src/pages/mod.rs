pub mod activate;
pub mod home;
pub mod login;
pub mod topbar;
pub mod users;
