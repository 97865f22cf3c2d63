//! `cargo xtask run` and `cargo xtask test`: the two set-up commands of the
//! README. Each installs what is missing, then builds and runs.
//!
//! Plain std, no dependencies: this must compile in seconds on a fresh machine.

mod conformance;
mod postgres;
mod spa;
mod split;

use std::{
    env,
    path::{Path, PathBuf},
    process::{Command, ExitCode},
    sync::OnceLock,
    time::Instant,
};

const TRUNK_VERSION: &str = "0.21";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

pub(crate) type Result<T = ()> = std::result::Result<T, String>;

/// When the command started: each step says how long it has run.
static START: OnceLock<Instant> = OnceLock::new();

fn main() -> ExitCode {
    START.get_or_init(Instant::now);
    let args: Vec<String> = env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        _ => Err("usage: cargo xtask run | cargo xtask test".into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Builds the SPA and the server in release mode and serves the portal.
fn run() -> Result {
    ensure_build_tools()?;
    build_spa()?;
    step("Starting the portal (Ctrl-C stops it)");
    // A new database gets the demo tenants and accounts.
    cargo(
        &["run", "--release", "--quiet", "-p", "switchboard-backend", "--bin", "switchboard"],
        &[("SWITCHBOARD_DEMO", "true")],
    )
}

/// Every check: formatting and lints; native unit and integration tests (API
/// tests on SQLite and PostgreSQL, end-to-end tests in headless Chromium, the
/// portal's logic); the API against its OpenAPI document (schemathesis);
/// then the shared crate's and the portal's component tests compiled to wasm32, in headless Chromium.
fn test() -> Result {
    ensure_build_tools()?;
    let browser = ensure_browser()?;
    step("Formatting and lints");
    cargo(&["fmt", "--all", "--", "--check"], &[]).map_err(|e| format!("{e}: run `cargo fmt --all`"))?;
    cargo(&["clippy", "--locked", "--all-targets", "--", "-D", "warnings"], &[])?;
    cargo(&["clippy", "--locked", "-p", "switchboard-frontend", "--target", WASM_TARGET, "--", "-D", "warnings"], &[])?;
    build_spa()?;
    let postgres = postgres::ensure()?;
    let env = [
        ("CHROMEDRIVER", browser.driver.as_str()),
        ("CHROME_BIN", browser.chrome.as_str()),
        ("SWITCHBOARD_TEST_PG_URL", postgres.url()),
        ("SWITCHBOARD_REQUIRE_PG", "1"),
    ];
    step("Native tests (unit, API and end-to-end)");
    cargo(&["test", "--locked"], &env)?;
    // The portal is no default member (it is built for wasm32), but its
    // logic tests (translations complete, bulk planning…) run natively.
    cargo(&["test", "--locked", "-p", "switchboard-frontend"], &env)?;
    conformance::run()?;
    step("The shared crate and the portal's components on wasm32, in headless Chromium");
    cargo(&["test", "--locked", "-p", "switchboard-shared", "--target", WASM_TARGET], &env)?;
    cargo(&["test", "--locked", "-p", "switchboard-frontend", "--target", WASM_TARGET], &env)?;
    step("All tests passed");
    Ok(())
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

/// Announces a step, with the time since the command started (where CI's
/// minutes go).
pub(crate) fn step(title: &str) {
    let elapsed = START.get_or_init(Instant::now).elapsed().as_secs();
    println!("\n==> [{}:{:02}] {title}", elapsed / 60, elapsed % 60);
}

/// Runs a command in the workspace root; a non-zero exit is an error.
pub(crate) fn sh(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result {
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result {
    sh(&env::var("CARGO").unwrap_or_else(|_| "cargo".into()), args, env)
}

/// The first line a command prints, if it runs at all.
pub(crate) fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").trim().to_owned())
}

/// Everything a command prints, if it succeeds.
pub(crate) fn output_all(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn ensure_build_tools() -> Result {
    step("Checking the build tools");
    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !targets.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("Installing the {WASM_TARGET} target");
        sh("rustup", &["target", "add", WASM_TARGET], &[])
            .map_err(|e| format!("{e}; install rustup (https://rustup.rs) or add the {WASM_TARGET} target yourself"))?;
    }

    let components = [("rustfmt", &["fmt", "--version"]), ("clippy", &["clippy", "--version"])];
    for (component, probe) in components {
        if output("cargo", probe).is_none() {
            println!("Installing the {component} component");
            sh("rustup", &["component", "add", component], &[])?;
        }
    }

    let trunk_ok = output("trunk", &["--version"]).is_some_and(|v| v.starts_with(&format!("trunk {TRUNK_VERSION}.")));
    if !trunk_ok {
        println!("Installing trunk {TRUNK_VERSION}.x (a few minutes, once)");
        cargo(&["install", "trunk", "--version", &format!("~{TRUNK_VERSION}"), "--locked"], &[])?;
    }

    let wanted = wasm_bindgen_version()?;
    let have = output("wasm-bindgen", &["--version"]);
    if have.as_deref() != Some(format!("wasm-bindgen {wanted}").as_str()) {
        println!("Installing wasm-bindgen-cli {wanted}, the version in Cargo.lock (a few minutes, once)");
        let version = format!("={wanted}");
        // --locked reproduces the CLI's own lock file; when that no longer
        // resolves (a yanked dependency), install without it.
        cargo(&["install", "wasm-bindgen-cli", "--version", &version, "--locked"], &[])
            .or_else(|_| cargo(&["install", "wasm-bindgen-cli", "--version", &version], &[]))?;
    }

    let (splitter, version) = split::SPLITTER;
    let installed = output_all("cargo", &["install", "--list"]).unwrap_or_default();
    if !installed.lines().any(|l| l.starts_with(&format!("{splitter} v{version}:"))) {
        println!("Installing {splitter} {version}, which splits the portal's lazy pages (a minute, once)");
        let version = format!("={version}");
        cargo(&["install", splitter, "--version", &version, "--features", "build-binary", "--locked"], &[])?;
    }
    Ok(())
}

/// The wasm-bindgen version the workspace is locked to: the CLI must match it.
fn wasm_bindgen_version() -> Result<String> {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock names no wasm-bindgen version".into())
}

struct BrowserTools {
    chrome: String,
    driver: String,
}

/// Debian's chromium and chromium-driver, and oathtool (authenticator codes
/// computed apart from the server's own code): installed with apt-get when
/// missing and running as root; otherwise a message that says what to install.
fn ensure_browser() -> Result<BrowserTools> {
    let find = |names: &[&str]| -> Option<String> {
        names.iter().find(|n| output(n, &["--version"]).is_some()).map(|n| (*n).to_owned())
    };
    let chrome_names = ["/usr/bin/chromium", "chromium", "chromium-browser"];
    let driver_names = ["/usr/bin/chromedriver", "chromedriver"];
    let oathtool = || find(&["oathtool"]).is_some();
    if let (Some(chrome), Some(driver), true) = (find(&chrome_names), find(&driver_names), oathtool()) {
        return Ok(BrowserTools { chrome, driver });
    }
    let is_root = output("id", &["-u"]).as_deref() == Some("0");
    if !is_root || output("apt-get", &["--version"]).is_none() {
        return Err("the tests need Chromium, chromedriver and oathtool: install Debian's `chromium`, \
                    `chromium-driver` and `oathtool` packages (or put them on PATH), then run this again"
            .into());
    }
    println!("Installing Chromium, chromedriver and oathtool with apt-get (once)");
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    sh("apt-get", &["update", "-q"], &env)?;
    let packages = ["install", "-y", "-q", "--no-install-recommends", "chromium", "chromium-driver", "oathtool"];
    sh("apt-get", &packages, &env)?;
    match (find(&chrome_names), find(&driver_names), oathtool()) {
        (Some(chrome), Some(driver), true) => Ok(BrowserTools { chrome, driver }),
        _ => Err("apt-get installed chromium, chromium-driver and oathtool, but they do not run".into()),
    }
}

fn build_spa() -> Result {
    step("Building the SPA (release)");
    // --offline: trunk must use the tools checked above, never download its own.
    sh("trunk", &["build", "--release", "--offline"], &[])?;
    let dist = root().join("dist");
    split::split_lazy_pages(&dist)?;
    spa::externalize_loader(&dist)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_locked_wasm_bindgen_version() {
        let v = super::wasm_bindgen_version().unwrap();
        assert!(v.starts_with("0.2."), "{v}");
    }
}
