//! Each language's messages as a Fluent bundle. English is compiled in: it is
//! the fallback for a message another language lacks and the first page's
//! language for most people. The other languages are fetched from
//! `/locales/{lang}/main.ftl` when chosen and parsed once, so the module the
//! browser downloads first carries one language instead of four.

use std::{cell::RefCell, rc::Rc};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use unic_langid::LanguageIdentifier;

use super::Lang;

type Bundle = FluentBundle<FluentResource>;

thread_local! {
    static BUNDLES: RefCell<[Option<Rc<Bundle>>; Lang::ALL.len()]> = RefCell::default();
}

/// The messages inside the module. Tests compile every language in, so that
/// they can read any of them without a server.
fn compiled_in(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => Some(include_str!("../../locales/en/main.ftl")),
        #[cfg(test)]
        Lang::Fr => Some(include_str!("../../locales/fr/main.ftl")),
        #[cfg(test)]
        Lang::Es => Some(include_str!("../../locales/es/main.ftl")),
        #[cfg(test)]
        Lang::Ru => Some(include_str!("../../locales/ru/main.ftl")),
        #[cfg(not(test))]
        _ => None,
    }
}

fn parse(lang: Lang, source: String) -> Bundle {
    // A message with a syntax error is skipped; the rest still work (the
    // translation tests refuse such a file before it ships).
    let resource = FluentResource::try_new(source).unwrap_or_else(|(partial, _)| partial);
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // All four languages are left-to-right: no bidi isolation marks around
    // every interpolated name.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

fn bundle(lang: Lang) -> Option<Rc<Bundle>> {
    BUNDLES.with_borrow_mut(|bundles| {
        let slot = &mut bundles[lang as usize];
        if slot.is_none() {
            *slot = compiled_in(lang).map(|source| Rc::new(parse(lang, source.to_owned())));
        }
        slot.clone()
    })
}

/// Whether `lang`'s messages are here.
pub fn ready(lang: Lang) -> bool {
    bundle(lang).is_some()
}

/// Fetches `lang`'s messages unless they are here; false if they could not be had.
pub async fn load(lang: Lang) -> bool {
    if ready(lang) {
        return true;
    }
    let url = format!("/locales/{}/main.ftl", lang.code());
    let source = match gloo_net::http::Request::get(&url).send().await {
        Ok(response) if response.ok() => response.text().await.ok(),
        _ => None,
    };
    let Some(source) = source else { return false };
    let parsed = Rc::new(parse(lang, source));
    BUNDLES.with_borrow_mut(|bundles| bundles[lang as usize] = Some(parsed));
    true
}

/// The message `id` (or `id.attribute`) in `lang`, else in English.
pub fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let in_lang = bundle(lang).and_then(|b| format_in(&b, id, args));
    in_lang.or_else(|| if lang == Lang::En { None } else { bundle(Lang::En).and_then(|b| format_in(&b, id, args)) })
}

fn format_in(bundle: &Bundle, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let (message, attribute) = match id.split_once('.') {
        Some((message, attribute)) => (message, Some(attribute)),
        None => (id, None),
    };
    let message = bundle.get_message(message)?;
    let pattern = match attribute {
        Some(name) => message.get_attribute(name)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, args, &mut errors).into_owned())
}
