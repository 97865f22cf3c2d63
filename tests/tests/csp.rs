//! The SPA runs under a Content-Security-Policy without 'unsafe-inline'. The
//! browser tests prove it boots under that policy (the login form is drawn
//! by the wasm); this checks the page gives the policy nothing inline to block.

#[test]
fn the_built_page_has_no_inline_script() {
    let index = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist/index.html");
    let html = std::fs::read_to_string(&index).expect("the SPA is built: run `cargo xtask test`");
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(!scripts.is_empty(), "the page loads a script");
    for tag in scripts {
        let open = &tag[..tag.find('>').unwrap()];
        assert!(open.contains("src=\"/boot-"), "inline or unexpected script: <script{open}>");
    }
    assert!(!html.contains(" style=\""), "inline style attribute");
}
