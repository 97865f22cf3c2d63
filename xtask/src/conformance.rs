//! The API against its own OpenAPI document: schemathesis (from PyPI, in a
//! throwaway virtualenv under `target/`) driven by `conformance/openapi.py`.

use std::path::Path;

use crate::{cargo, output, root, sh, step, Result};

/// Pinned, so a new release cannot turn CI red on its own.
const SCHEMATHESIS: &str = "schemathesis==4.32.5";

pub fn run() -> Result {
    step("OpenAPI conformance (schemathesis, as a customer admin and as reseller staff)");
    let venv = root().join("target").join("conformance-venv");
    let python = venv.join("bin").join("python");
    let schemathesis = venv.join("bin").join("schemathesis");
    ensure_venv(&venv, &python)?;
    let installed = output(&s(&schemathesis), &["--version"]).unwrap_or_default();
    if !installed.ends_with(SCHEMATHESIS.trim_start_matches("schemathesis==")) {
        println!("Installing {SCHEMATHESIS} into {} (once)", venv.display());
        sh(&s(&python), &["-m", "pip", "install", "--quiet", "--disable-pip-version-check", SCHEMATHESIS], &[])?;
    }
    cargo(&["build", "--locked", "--quiet", "-p", "switchboard-backend", "--bin", "switchboard"], &[])?;
    let binary = root().join("target").join("debug").join("switchboard");
    let script = root().join("xtask").join("conformance").join("openapi.py");
    let work = root().join("target").join("conformance");
    sh(&s(&python), &[&s(&script), &s(&binary), &s(&work)], &[])
}

/// A virtualenv of the machine's Python 3; Debian's `python3-venv` is
/// installed with apt-get when the module is missing and we run as root.
fn ensure_venv(venv: &Path, python: &Path) -> Result {
    if output(&s(python), &["--version"]).is_some() {
        return Ok(());
    }
    if sh("python3", &["-m", "venv", &s(venv)], &[]).is_ok() {
        return Ok(());
    }
    let is_root = output("id", &["-u"]).as_deref() == Some("0");
    if !is_root || output("apt-get", &["--version"]).is_none() {
        return Err("the conformance tests need Python 3 with its venv module (Debian: python3-venv)".into());
    }
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    sh("apt-get", &["update", "-q"], &env)?;
    sh("apt-get", &["install", "-y", "-q", "--no-install-recommends", "python3", "python3-venv"], &env)?;
    let _ = std::fs::remove_dir_all(venv);
    sh("python3", &["-m", "venv", &s(venv)], &[])
}

fn s(path: &Path) -> String {
    path.display().to_string()
}
