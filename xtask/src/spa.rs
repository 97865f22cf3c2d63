//! After `trunk build`: Trunk puts its wasm loader in an inline
//! `<script type="module">`, which a Content-Security-Policy without
//! `'unsafe-inline'` blocks. This moves it into `dist/boot-{hash}.js` and
//! loads that instead. (Hand-written: a few lines of string work on a file
//! Trunk generates, not worth an HTML-rewriting dependency.)

use std::{
    collections::hash_map::DefaultHasher,
    hash::{Hash, Hasher},
    path::Path,
};

use crate::Result;

const OPEN: &str = "<script type=\"module\">";
const CLOSE: &str = "</script>";

pub fn externalize_loader(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let Some((rewritten, script)) = split(&html) else {
        return Err(format!("{} has no inline module loader to move: did Trunk's output change?", index.display()));
    };
    let mut hasher = DefaultHasher::new();
    script.hash(&mut hasher);
    let name = format!("boot-{:016x}.js", hasher.finish());
    std::fs::write(dist.join(&name), script).map_err(|e| e.to_string())?;
    std::fs::write(&index, rewritten.replace("{BOOT}", &name)).map_err(|e| e.to_string())
}

/// The page with the inline module replaced by `<script type="module" src="/{BOOT}">`, and the module's code.
fn split(html: &str) -> Option<(String, String)> {
    let start = html.find(OPEN)?;
    let body_start = start + OPEN.len();
    let end = body_start + html[body_start..].find(CLOSE)?;
    let script = html[body_start..end].trim().to_owned();
    let page =
        format!("{}<script type=\"module\" src=\"/{{BOOT}}\"></script>{}", &html[..start], &html[end + CLOSE.len()..]);
    Some((page, script))
}

#[cfg(test)]
mod tests {
    #[test]
    fn moves_the_inline_module_out() {
        let html =
            "<head><script type=\"module\">\nimport init from '/a.js';\nawait init();\n</script><link rel=x></head>";
        let (page, script) = super::split(html).unwrap();
        assert_eq!(page, "<head><script type=\"module\" src=\"/{BOOT}\"></script><link rel=x></head>");
        assert_eq!(script, "import init from '/a.js';\nawait init();");
        assert!(super::split("<head></head>").is_none());
    }
}
