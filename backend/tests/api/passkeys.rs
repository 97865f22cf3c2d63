//! Passkeys, driven by a software authenticator written here (P-256, the
//! "none" attestation, CBOR by hand) apart from the server's webauthn-rs:
//! registered, named, listed and removed; signing in alone and as a second
//! step; confirming who one is; each ceremony once.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use futures::future::join_all;
use p256::ecdsa::{signature::Signer, Signature, SigningKey};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::{
    common::{assert_problem, on_both_databases, TestApp, PASSWORD},
    mfa::{self, EMAIL},
};

on_both_databases!(
    a_passkey_is_registered_with_a_name_and_signs_in_alone_or_as_the_second_step,
    a_ceremony_finishes_once_even_when_raced_on_any_instance,
    a_forged_unknown_or_someone_elses_passkey_signs_no_one_in,
    bad_registrations_are_refused_and_change_nothing,
    removing_passkeys_follows_the_policy_and_a_reset_removes_them,
    a_passkey_confirms_who_one_is_for_a_sensitive_change,
    a_passkey_counts_as_the_factor_a_policy_requires,
);

/// A passkey of a software authenticator with user verification.
pub(crate) struct Authenticator {
    origin: String,
    key: SigningKey,
    credential_id: Vec<u8>,
    user_handle: Vec<u8>,
    counter: u32,
}

fn b64(field: &Value) -> Vec<u8> {
    B64.decode(field.as_str().expect("a base64url string")).expect("base64url")
}

/// A CBOR head: major type and length.
fn head(major: u8, len: usize) -> Vec<u8> {
    match len {
        0..=23 => vec![major << 5 | len as u8],
        24..=255 => vec![major << 5 | 24, len as u8],
        _ => [vec![major << 5 | 25], (len as u16).to_be_bytes().to_vec()].concat(),
    }
}

fn cbor_text(s: &str) -> Vec<u8> {
    [head(3, s.len()), s.as_bytes().to_vec()].concat()
}

fn cbor_bytes(b: &[u8]) -> Vec<u8> {
    [head(2, b.len()), b.to_vec()].concat()
}

fn client_data(kind: &str, options: &Value, origin: &str) -> Vec<u8> {
    let challenge = options["publicKey"]["challenge"].as_str().expect("a challenge");
    json!({ "type": kind, "challenge": challenge, "origin": origin, "crossOrigin": false }).to_string().into_bytes()
}

impl Authenticator {
    /// `navigator.credentials.create()` answered: the new passkey, and the
    /// credential to send to `…/register/finish`.
    pub(crate) fn create(options: &Value, origin: &str) -> (Self, Value) {
        let public_key = &options["publicKey"];
        let rp_id = public_key["rp"]["id"].as_str().expect("an rp id");
        let key = SigningKey::random(&mut rand::rngs::OsRng);
        let point = key.verifying_key().to_encoded_point(false);
        // COSE_Key: kty EC2 (1: 2), alg ES256 (3: -7), crv P-256 (-1: 1), x (-2), y (-3).
        let cose = [
            vec![0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21],
            cbor_bytes(point.x().unwrap()),
            vec![0x22],
            cbor_bytes(point.y().unwrap()),
        ]
        .concat();
        let credential_id: Vec<u8> = (0..16).map(|_| rand::random::<u8>()).collect();
        let auth_data = [
            Sha256::digest(rp_id.as_bytes()).to_vec(),
            vec![0x45], // user present, user verified, attested credential data
            0u32.to_be_bytes().to_vec(),
            vec![0; 16], // AAGUID
            (credential_id.len() as u16).to_be_bytes().to_vec(),
            credential_id.clone(),
            cose,
        ]
        .concat();
        let attestation = [
            vec![0xa3],
            cbor_text("fmt"),
            cbor_text("none"),
            cbor_text("attStmt"),
            vec![0xa0],
            cbor_text("authData"),
            cbor_bytes(&auth_data),
        ]
        .concat();
        let client_data = client_data("webauthn.create", options, origin);
        let id = B64.encode(&credential_id);
        let credential = json!({
            "id": id, "rawId": id, "type": "public-key",
            "response": {
                "clientDataJSON": B64.encode(&client_data),
                "attestationObject": B64.encode(&attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        });
        let user_handle = b64(&public_key["user"]["id"]);
        (Self { origin: origin.to_owned(), key, credential_id, user_handle, counter: 0 }, credential)
    }

    /// `navigator.credentials.get()` answered with this passkey.
    pub(crate) fn assert(&mut self, options: &Value) -> Value {
        let rp_id = options["publicKey"]["rpId"].as_str().expect("an rp id");
        self.counter += 1;
        let auth_data =
            [Sha256::digest(rp_id.as_bytes()).to_vec(), vec![0x05], self.counter.to_be_bytes().to_vec()].concat();
        let client_data = client_data("webauthn.get", options, &self.origin);
        let signed = [auth_data.clone(), Sha256::digest(&client_data).to_vec()].concat();
        let signature: Signature = self.key.sign(&signed);
        let id = B64.encode(&self.credential_id);
        json!({
            "id": id, "rawId": id, "type": "public-key",
            "response": {
                "authenticatorData": B64.encode(&auth_data),
                "clientDataJSON": B64.encode(&client_data),
                "signature": B64.encode(signature.to_der().as_bytes()),
                "userHandle": B64.encode(&self.user_handle),
            },
            "clientExtensionResults": {},
        })
    }
}

/// A passkey registered for the person of `token` under `name`: it, and
/// the registration's answer.
pub(crate) async fn register(app: &TestApp, token: &str, name: &str) -> (Authenticator, Value) {
    let started = app.send(Method::POST, "/api/v1/me/passkeys/register/start", token, None, None).await;
    assert_eq!(started.status(), 201);
    let started: Value = started.json().await.unwrap();
    let options = &started["options"];
    assert_eq!(options["publicKey"]["authenticatorSelection"]["residentKey"], "preferred", "{options}");
    assert_eq!(options["publicKey"]["authenticatorSelection"]["userVerification"], "required", "{options}");
    let (authenticator, credential) = Authenticator::create(options, &app.public_url);
    let body = json!({ "ceremonyId": started["ceremonyId"], "name": name, "credential": credential });
    let finished = app.send(Method::POST, "/api/v1/me/passkeys/register/finish", token, Some(body), None).await;
    assert_eq!(finished.status(), 201);
    (authenticator, finished.json().await.unwrap())
}

async fn post(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.http.post(format!("{}{path}", app.url)).json(&body).send().await.unwrap()
}

/// A passkey sign-in's start (with the second step's token, if any): the ceremony.
async fn start(app: &TestApp, mfa_token: Option<&str>) -> Value {
    let body = mfa_token.map_or_else(|| json!({}), |t| json!({ "mfaToken": t }));
    let started = post(app, "/api/v1/auth/passkey/start", body).await;
    assert_eq!(started.status(), 201);
    started.json().await.unwrap()
}

async fn finish(app: &TestApp, ceremony: &Value, credential: Value, mfa_token: Option<&str>) -> reqwest::Response {
    let mut body = json!({ "ceremonyId": ceremony["ceremonyId"], "credential": credential });
    if let Some(token) = mfa_token {
        body["mfaToken"] = json!(token);
    }
    post(app, "/api/v1/auth/passkey/finish", body).await
}

/// Signs in with the passkey alone: the access token.
async fn sign_in_alone(app: &TestApp, passkey: &mut Authenticator) -> String {
    let ceremony = start(app, None).await;
    assert!(ceremony["options"]["publicKey"]["allowCredentials"].as_array().is_none_or(Vec::is_empty), "{ceremony}");
    assert!(ceremony["options"].get("mediation").is_none(), "a button's request, not autofill: {ceremony}");
    let done = finish(app, &ceremony, passkey.assert(&ceremony["options"]), None).await;
    assert_eq!(done.status(), 200);
    let done: Value = done.json().await.unwrap();
    done["accessToken"].as_str().unwrap().to_owned()
}

async fn mfa_token(app: &TestApp) -> (Value, String) {
    let answer: Value = app.login(EMAIL, PASSWORD).await.json().await.unwrap();
    assert_eq!(answer["mfaRequired"], true, "{answer}");
    let token = answer["mfaToken"].as_str().unwrap().to_owned();
    (answer, token)
}

async fn a_passkey_is_registered_with_a_name_and_signs_in_alone_or_as_the_second_step(app: TestApp) {
    let token = app.token(EMAIL).await;
    let (mut passkey, registered) = register(&app, &token, "  Work laptop ").await;
    assert_eq!(registered["passkey"]["name"], "Work laptop");
    assert_eq!(registered["recoveryCodes"].as_array().unwrap().len(), 10, "the first factor's recovery codes");
    let listed: Value = app.get("/api/v1/me/passkeys", Some(&token)).await.json().await.unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "Work laptop");
    assert!(listed[0]["lastUsedAt"].is_null());
    let status: Value = app.get("/api/v1/me/mfa", Some(&token)).await.json().await.unwrap();
    assert_eq!(status, json!({ "totp": false, "passkeys": 1, "recoveryCodesLeft": 10 }));

    // The password alone no longer signs in; the passkey completes it.
    let (answer, second) = mfa_token(&app).await;
    assert_eq!(answer["methods"], json!(["passkey", "recoveryCode"]));
    let ceremony = start(&app, Some(&second)).await;
    let allowed = ceremony["options"]["publicKey"]["allowCredentials"].as_array().unwrap();
    assert_eq!(allowed.len(), 1, "the person's own passkeys are offered: {ceremony}");
    let done = finish(&app, &ceremony, passkey.assert(&ceremony["options"]), Some(&second)).await;
    assert_eq!(done.status(), 200);
    let done: Value = done.json().await.unwrap();
    assert_eq!(done["user"]["email"], EMAIL);
    // The second step is spent with it.
    let again = mfa::second_step(&app, json!({ "mfaToken": second, "recoveryCode": "x" })).await;
    assert_problem(again, 401, "mfa_token_invalid").await;

    // Alone, with no e-mail or password: the browser's passkey names the person.
    let alone = sign_in_alone(&app, &mut passkey).await;
    let me: Value = app.get("/api/v1/me", Some(&alone)).await.json().await.unwrap();
    assert_eq!(me["user"]["email"], EMAIL);
    let listed: Value = app.get("/api/v1/me/passkeys", Some(&alone)).await.json().await.unwrap();
    assert!(listed[0]["lastUsedAt"].is_string(), "{listed}");

    // A second passkey comes without new recovery codes; the audit has both.
    let (_, second_key) = register(&app, &token, "Phone").await;
    assert_eq!(second_key["recoveryCodes"], json!([]));
    let actions = mfa::audit_actions(&app).await;
    assert_eq!(actions.iter().filter(|a| *a == "user.mfa_enrolled").count(), 2, "{actions:?}");
}

async fn a_ceremony_finishes_once_even_when_raced_on_any_instance(app: TestApp) {
    let token = app.token(EMAIL).await;
    let (mut passkey, _) = register(&app, &token, "Laptop").await;
    let ceremony = start(&app, None).await;
    let credential = passkey.assert(&ceremony["options"]);
    let answers = join_all((0..4).map(|_| finish(&app, &ceremony, credential.clone(), None))).await;
    let statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| [200, 401].contains(s)), "{statuses:?}");

    // Another instance (the same public URL) finishes what this one started.
    let other = app.public_url_instance(&app.public_url).await;
    let ceremony = start(&app, None).await;
    let body = json!({ "ceremonyId": ceremony["ceremonyId"], "credential": passkey.assert(&ceremony["options"]) });
    let url = format!("http://{}/api/v1/auth/passkey/finish", other.addr);
    assert_eq!(app.http.post(url).json(&body).send().await.unwrap().status(), 200);

    // Registration too: one ceremony, one passkey.
    let started: Value =
        app.send(Method::POST, "/api/v1/me/passkeys/register/start", &token, None, None).await.json().await.unwrap();
    let (_, credential) = Authenticator::create(&started["options"], &app.public_url);
    let body = json!({ "ceremonyId": started["ceremonyId"], "name": "Key", "credential": credential });
    let answers = join_all(
        (0..3).map(|_| app.send(Method::POST, "/api/v1/me/passkeys/register/finish", &token, Some(body.clone()), None)),
    )
    .await;
    let statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    let listed: Value = app.get("/api/v1/me/passkeys", Some(&token)).await.json().await.unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

async fn a_forged_unknown_or_someone_elses_passkey_signs_no_one_in(app: TestApp) {
    let token = app.token(EMAIL).await;
    let (mut passkey, _) = register(&app, &token, "Laptop").await;

    // A signature over something else.
    let ceremony = start(&app, None).await;
    let mut forged = passkey.assert(&ceremony["options"]);
    forged["response"]["signature"] = passkey
        .assert(&json!({ "publicKey": { "challenge": "AAAA", "rpId": "localhost" } }))["response"]["signature"]
        .clone();
    assert_problem(finish(&app, &ceremony, forged, None).await, 401, "passkey_refused").await;
    // An answer to another ceremony, and a passkey no one registered.
    let first = start(&app, None).await;
    let other = start(&app, None).await;
    let answered = passkey.assert(&first["options"]);
    assert_problem(finish(&app, &other, answered, None).await, 401, "passkey_refused").await;
    let mut elsewhere = Authenticator::create(
        &json!({ "publicKey": { "rp": { "id": "localhost" }, "challenge": "AA", "user": { "id": "AA" } } }),
        "https://evil.example",
    )
    .0;
    let ceremony = start(&app, None).await;
    assert_problem(finish(&app, &ceremony, elsewhere.assert(&ceremony["options"]), None).await, 401, "passkey_refused")
        .await;
    // Garbage for a credential.
    let ceremony = start(&app, None).await;
    assert_problem(finish(&app, &ceremony, json!({ "id": 3 }), None).await, 401, "passkey_refused").await;

    // One person's passkey for another's second step.
    let other = app.token("admin@acme.example").await;
    mfa::enrol(&app, &other).await;
    let answer: Value = app.login("admin@acme.example", PASSWORD).await.json().await.unwrap();
    let theirs = answer["mfaToken"].as_str().unwrap();
    assert_problem(post(&app, "/api/v1/auth/passkey/start", json!({ "mfaToken": theirs })).await, 409, "no_passkeys")
        .await;
    let (_, mine) = mfa_token(&app).await;
    let ceremony = start(&app, Some(&mine)).await;
    let refused = finish(&app, &ceremony, passkey.assert(&ceremony["options"]), Some(theirs)).await;
    assert!([401].contains(&refused.status().as_u16()));
    assert_problem(
        post(&app, "/api/v1/auth/passkey/start", json!({ "mfaToken": "nonsense" })).await,
        401,
        "mfa_token_invalid",
    )
    .await;
}

async fn bad_registrations_are_refused_and_change_nothing(app: TestApp) {
    let token = app.token(EMAIL).await;
    let started: Value =
        app.send(Method::POST, "/api/v1/me/passkeys/register/start", &token, None, None).await.json().await.unwrap();
    let (_, credential) = Authenticator::create(&started["options"], &app.public_url);
    let finish = |name: &str, credential: Value, ceremony: Value| {
        let body = json!({ "ceremonyId": ceremony, "name": name, "credential": credential });
        app.send(Method::POST, "/api/v1/me/passkeys/register/finish", &token, Some(body), None)
    };
    let refused = finish("  ", credential.clone(), started["ceremonyId"].clone()).await;
    assert_problem(refused, 422, "invalid_fields").await;
    let refused = finish("Laptop", json!({ "id": "x" }), started["ceremonyId"].clone()).await;
    assert_problem(refused, 422, "invalid_fields").await;
    let refused = finish("Laptop", credential.clone(), json!("made-up")).await;
    assert_problem(refused, 409, "ceremony_invalid").await;
    // A credential made for another origin does not verify.
    let started: Value =
        app.send(Method::POST, "/api/v1/me/passkeys/register/start", &token, None, None).await.json().await.unwrap();
    let (_, elsewhere) = Authenticator::create(&started["options"], "https://evil.example");
    assert_problem(finish("Laptop", elsewhere, started["ceremonyId"].clone()).await, 422, "invalid_fields").await;
    let listed: Value = app.get("/api/v1/me/passkeys", Some(&token)).await.json().await.unwrap();
    assert_eq!(listed, json!([]));
    // Someone else's ceremony is not the caller's to finish.
    let other = app.token("admin@acme.example").await;
    let started: Value =
        app.send(Method::POST, "/api/v1/me/passkeys/register/start", &other, None, None).await.json().await.unwrap();
    let (_, credential) = Authenticator::create(&started["options"], &app.public_url);
    assert_problem(finish("Mine", credential, started["ceremonyId"].clone()).await, 409, "ceremony_invalid").await;

    // Passkeys need a host name: at an IP address, a clear refusal.
    let at_ip = app.public_url_instance("http://127.0.0.1:9").await;
    let started = app
        .http
        .post(format!("http://{}/api/v1/auth/passkey/start", at_ip.addr))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_problem(started, 409, "passkeys_unavailable").await;
}

async fn removing_passkeys_follows_the_policy_and_a_reset_removes_them(app: TestApp) {
    let token = app.token(EMAIL).await;
    let (_, registered) = register(&app, &token, "Laptop").await;
    let id = registered["passkey"]["id"].as_str().unwrap();
    let acme = app.tenant_id("Acme Ltd").await;
    let policy = json!({ "policy": "required" });
    let set = app.send(Method::PUT, &format!("/api/v1/tenants/{acme}/mfa-policy"), &token, Some(policy), None).await;
    assert_eq!(set.status(), 200);
    let path = format!("/api/v1/me/passkeys/{id}");
    assert_problem(app.send(Method::DELETE, &path, &token, None, None).await, 422, "mfa_required").await;
    assert_eq!(app.get("/api/v1/me/passkeys", Some(&token)).await.json::<Value>().await.unwrap()[0]["id"], id);
    // Two passkeys removed at once under that policy: one goes, the last stays.
    let (_, second) = register(&app, &token, "Phone").await;
    let paths = [path.clone(), format!("/api/v1/me/passkeys/{}", second["passkey"]["id"].as_str().unwrap())];
    let answers = join_all(paths.iter().map(|p| app.send(Method::DELETE, p, &token, None, None))).await;
    let mut statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    statuses.sort();
    assert_eq!(statuses, [204, 422], "one removed, the last one kept");
    let left: Value = app.get("/api/v1/me/passkeys", Some(&token)).await.json().await.unwrap();
    assert_eq!(left.as_array().unwrap().len(), 1);
    let path = format!("/api/v1/me/passkeys/{}", left[0]["id"].as_str().unwrap());

    // Another factor beside it: then it may go, and the codes stay.
    mfa::enrol(&app, &token).await;
    assert_eq!(app.send(Method::DELETE, &path, &token, None, None).await.status(), 204);
    assert_problem(app.send(Method::DELETE, &path, &token, None, None).await, 404, "not_found").await;
    let status: Value = app.get("/api/v1/me/mfa", Some(&token)).await.json().await.unwrap();
    assert_eq!((status["passkeys"].as_u64(), status["recoveryCodesLeft"].as_u64()), (Some(0), Some(10)));
    assert!(mfa::audit_actions(&app).await.contains(&"user.mfa_removed".to_owned()));

    // Someone else's passkey is not found.
    let (_, theirs) = register(&app, &app.token("admin@acme.example").await, "Theirs").await;
    let path = format!("/api/v1/me/passkeys/{}", theirs["passkey"]["id"].as_str().unwrap());
    assert_problem(app.send(Method::DELETE, &path, &token, None, None).await, 404, "not_found").await;

    // An administrator's reset removes passkeys with the rest.
    let admin = app.token("ops@switchboard.example").await;
    let user = app.user_id("admin@acme.example").await;
    let reset =
        app.send(Method::DELETE, &format!("/api/v1/customers/{acme}/users/{user}/mfa"), &admin, None, None).await;
    assert_eq!(reset.status(), 204);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE user_id = $1")
        .bind(&user)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

async fn a_passkey_confirms_who_one_is_for_a_sensitive_change(app: TestApp) {
    let token = app.token(EMAIL).await;
    let (mut passkey, _) = register(&app, &token, "Laptop").await;
    sqlx::query("UPDATE sessions SET authenticated_at = $1")
        .bind("2026-01-01T00:00:00.000Z")
        .execute(&app.db)
        .await
        .unwrap();
    let acme = app.tenant_id("Acme Ltd").await;
    let policy = |p: &str| json!({ "policy": p });
    let path = format!("/api/v1/tenants/{acme}/mfa-policy");
    let put = |body: Value| app.send(Method::PUT, &path, &token, Some(body), None);
    assert_problem(put(policy("required")).await, 401, "reauthentication_required").await;

    let challenge: Value =
        app.send(Method::POST, "/api/v1/me/passkeys/challenge", &token, None, None).await.json().await.unwrap();
    // An assertion for another ceremony is a field error, not a lost session.
    let wrong = json!({ "passkey": { "ceremonyId": "made-up", "credential": passkey.assert(&challenge["options"]) } });
    let refused = app.send(Method::POST, "/api/v1/auth/reauthenticate", &token, Some(wrong), None).await;
    assert_problem(refused, 422, "invalid_fields").await;
    let right = json!({ "passkey": { "ceremonyId": challenge["ceremonyId"], "credential": passkey.assert(&challenge["options"]) } });
    let done = app.send(Method::POST, "/api/v1/auth/reauthenticate", &token, Some(right.clone()), None).await;
    assert_eq!(done.status(), 204);
    assert_eq!(put(policy("required")).await.status(), 200);
    // The ceremony was spent.
    let again = app.send(Method::POST, "/api/v1/auth/reauthenticate", &token, Some(right), None).await;
    assert_problem(again, 422, "invalid_fields").await;
    // Neither a password nor a passkey: a field error.
    let none = app.send(Method::POST, "/api/v1/auth/reauthenticate", &token, Some(json!({})), None).await;
    assert_problem(none, 422, "invalid_fields").await;
}

async fn a_passkey_counts_as_the_factor_a_policy_requires(app: TestApp) {
    let ops = app.token("ops@switchboard.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let policy = json!({ "policy": "requiredForAdmins" });
    let set = app.send(Method::PUT, &format!("/api/v1/tenants/{acme}/mfa-policy"), &ops, Some(policy), None).await;
    assert_eq!(set.status(), 200);
    let answer: Value = app.login("admin@acme.example", PASSWORD).await.json().await.unwrap();
    assert_eq!(answer["enrolmentRequired"], true, "{answer}");
    let token = answer["accessToken"].as_str().unwrap();
    assert_problem(
        app.get(&format!("/api/v1/customers/{acme}/users"), Some(token)).await,
        403,
        "mfa_enrolment_required",
    )
    .await;
    // Enrolling a passkey is open to them, and opens the rest.
    register(&app, token, "Laptop").await;
    assert_eq!(app.get(&format!("/api/v1/customers/{acme}/users"), Some(token)).await.status(), 200);
    let users: Value =
        app.get(&format!("/api/v1/customers/{acme}/users?q=admin"), Some(token)).await.json().await.unwrap();
    let admin = users["items"].as_array().unwrap().iter().find(|u| u["email"] == "admin@acme.example").unwrap();
    assert_eq!(admin["mfa"], true, "the list shows the passkey as a second factor");
}
