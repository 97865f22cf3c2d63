//! After a panic the module is dead (`panic = "abort"`): nothing on the page
//! reacts any more. Rather than leave it silently ignoring clicks, the panic
//! hook puts a banner up asking for a reload. Since pages load on demand,
//! the likeliest cause is a page's module that could not be fetched (the
//! loader gives up after three tries). Plain DOM calls: Leptos' owner may be
//! gone by now.

use crate::i18n::{text, Lang};

pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner();
    }));
}

fn show_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let lang = document.document_element().and_then(|root| root.get_attribute("lang"));
    let lang = lang.as_deref().and_then(Lang::from_code).unwrap_or(Lang::En);
    let build = || -> Option<web_sys::Element> {
        let banner = document.create_element("div").ok()?;
        banner.set_class_name("crash");
        banner.set_attribute("role", "alert").ok()?;
        let message = document.create_element("span").ok()?;
        message.set_text_content(Some(&text(lang, "crash-stopped")));
        // A link to the page itself reloads it, keeping the tenant and filters in the URL.
        let reload = document.create_element("a").ok()?;
        reload.set_attribute("href", &document.location()?.href().ok()?).ok()?;
        reload.set_text_content(Some(&text(lang, "crash-reload")));
        banner.append_child(&message).ok()?;
        banner.append_child(&reload).ok()?;
        Some(banner)
    };
    if let (Some(banner), Some(body)) = (build(), document.body()) {
        let _ = body.append_child(&banner);
    }
}
