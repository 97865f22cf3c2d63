//! Times shown in the person's language and time zone, by the browser's
//! `Intl` (which knows every locale's date order and month names, so the
//! portal carries no calendar data of its own).

use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

use super::Lang;

/// An RFC 3339 time from the API as a medium date and short time, in the
/// browser's time zone; the text itself when it is not a time.
pub fn date_time(lang: Lang, rfc3339: &str) -> String {
    let date = Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string(lang.code(), &options).into()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn times_are_written_the_way_each_language_writes_them() {
        // Midday UTC stays on the same date in every time zone but the farthest.
        let at = "2026-03-05T12:00:00.000Z";
        let en = date_time(Lang::En, at);
        assert!(en.contains("Mar") && en.contains("2026"), "{en}");
        let fr = date_time(Lang::Fr, at);
        assert!(fr.contains("mars 2026"), "{fr}");
        let es = date_time(Lang::Es, at);
        assert!(es.contains("mar 2026"), "{es}");
        let ru = date_time(Lang::Ru, at);
        assert!(ru.contains("мар. 2026"), "{ru}");
        assert_eq!(date_time(Lang::En, "not a time"), "not a time");
    }
}
