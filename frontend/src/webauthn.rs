//! Passkeys in the browser: the server's WebAuthn options (JSON) to
//! `navigator.credentials`, and the credential back as JSON, through the
//! browser's own conversions (`PublicKeyCredential.parseCreationOptionsFromJSON`,
//! `parseRequestOptionsFromJSON`, `toJSON`), so no base64 juggling here.

use js_sys::{Function, Promise, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a passkey ceremony did not give a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The browser has no passkey support (or not the JSON conversions).
    Unsupported,
    /// The person closed the browser's dialog, or it timed out.
    Cancelled,
}

fn get(target: &JsValue, name: &str) -> Result<JsValue, Refusal> {
    Reflect::get(target, &JsValue::from_str(name)).map_err(|_| Refusal::Unsupported)
}

fn function(target: &JsValue, name: &str) -> Result<Function, Refusal> {
    get(target, name)?.dyn_into::<Function>().map_err(|_| Refusal::Unsupported)
}

fn window() -> Result<JsValue, Refusal> {
    web_sys::window().map(JsValue::from).ok_or(Refusal::Unsupported)
}

fn public_key_credential() -> Result<JsValue, Refusal> {
    let class = get(&window()?, "PublicKeyCredential")?;
    if class.is_undefined() {
        return Err(Refusal::Unsupported);
    }
    Ok(class)
}

/// Whether this browser can use passkeys here.
pub fn supported() -> bool {
    public_key_credential().and_then(|c| function(&c, "parseRequestOptionsFromJSON")).is_ok()
}

/// `navigator.credentials.create()` (`create`) or `.get()` with the
/// server's `{publicKey: …}` options; the credential's JSON.
async fn ceremony(options: &serde_json::Value, create: bool) -> Result<serde_json::Value, Refusal> {
    let class = public_key_credential()?;
    let parse = function(&class, if create { "parseCreationOptionsFromJSON" } else { "parseRequestOptionsFromJSON" })?;
    let json = JSON::parse(&options["publicKey"].to_string()).map_err(|_| Refusal::Unsupported)?;
    let public_key = parse.call1(&class, &json).map_err(|_| Refusal::Unsupported)?;
    let request = js_sys::Object::new();
    Reflect::set(&request, &JsValue::from("publicKey"), &public_key).map_err(|_| Refusal::Unsupported)?;
    let credentials = get(&get(&window()?, "navigator")?, "credentials")?;
    let call = function(&credentials, if create { "create" } else { "get" })?;
    let promise = call.call1(&credentials, &request).map_err(|_| Refusal::Cancelled)?;
    let credential = JsFuture::from(Promise::from(promise)).await.map_err(|_| Refusal::Cancelled)?;
    if credential.is_null() {
        return Err(Refusal::Cancelled);
    }
    let to_json = function(&credential, "toJSON")?;
    let json = to_json.call0(&credential).map_err(|_| Refusal::Unsupported)?;
    let text = JSON::stringify(&json).map_err(|_| Refusal::Unsupported)?;
    serde_json::from_str(&String::from(text)).map_err(|_| Refusal::Unsupported)
}

/// A new passkey for the options of `…/register/start`.
pub async fn create(options: &serde_json::Value) -> Result<serde_json::Value, Refusal> {
    ceremony(options, true).await
}

/// An assertion with a passkey for the options of a sign-in or confirmation.
pub async fn assert(options: &serde_json::Value) -> Result<serde_json::Value, Refusal> {
    ceremony(options, false).await
}
