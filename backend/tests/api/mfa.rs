//! Second factors: authenticator codes (checked against codes computed here,
//! apart from the server's implementation), recovery codes, and the second
//! step of a sign-in.

use futures::future::join_all;
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp, PASSWORD};

on_both_databases!(
    authenticator_codes_are_enrolled_with_a_code_then_asked_for_at_sign_in_and_work_once,
    recovery_codes_work_once_and_new_ones_void_the_old,
    the_second_step_works_once_for_five_minutes_and_five_codes,
    racing_second_steps_with_one_code_sign_in_once,
    wrong_codes_count_towards_the_accounts_throttle,
    turning_authenticator_codes_off_leaves_the_password_alone,
    an_administrator_resets_a_persons_factors_and_ends_their_sessions,
    a_resellers_policy_is_the_minimum_of_its_customers_who_may_tighten_but_never_loosen_it,
    who_sets_a_policy_and_where,
    an_admin_whom_the_policy_requires_a_factor_reaches_only_enrolment_until_they_enrol,
    the_last_required_factor_stays_and_an_off_policy_stops_enrolment,
    administrators_see_who_has_a_second_factor,
);

pub(crate) const EMAIL: &str = "admin3@acme.example";

/// RFC 6238 with HMAC-SHA-1, six digits, of the 30-second `step`.
pub(crate) fn code(secret: &str, step: u64) -> String {
    let key = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, secret).expect("a base32 secret");
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).unwrap();
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let number =
        u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    format!("{:06}", number % 1_000_000)
}

pub(crate) fn step_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 30
}

/// Authenticator codes turned on for `EMAIL`: the secret and the recovery codes.
pub(crate) async fn enrol(app: &TestApp, token: &str) -> (String, Vec<String>) {
    let started = app.send(Method::POST, "/api/v1/me/mfa/totp", token, None, None).await;
    assert_eq!(started.status(), 201);
    let started: Value = started.json().await.unwrap();
    let secret = started["secret"].as_str().unwrap().to_owned();
    let confirmed = app
        .send(
            Method::POST,
            "/api/v1/me/mfa/totp/confirm",
            token,
            Some(json!({ "code": code(&secret, step_now()) })),
            None,
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    let codes: Value = confirmed.json().await.unwrap();
    let codes = codes["recoveryCodes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
    (secret, codes)
}

/// The password step: its `mfaToken`.
async fn password_step(app: &TestApp) -> String {
    let answer = app.login(EMAIL, PASSWORD).await;
    assert_eq!(answer.status(), 200);
    let answer: Value = answer.json().await.unwrap();
    assert_eq!(answer["mfaRequired"], true, "{answer}");
    assert!(answer.get("accessToken").is_none(), "no tokens before the second step: {answer}");
    answer["mfaToken"].as_str().unwrap().to_owned()
}

pub(crate) async fn second_step(app: &TestApp, body: Value) -> reqwest::Response {
    app.http.post(format!("{}/api/v1/auth/mfa", app.url)).json(&body).send().await.unwrap()
}

pub(crate) async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT a.action FROM audit_events a JOIN users u ON u.id = a.user_id WHERE u.email_key = $1 ORDER BY a.id",
    )
    .bind(EMAIL)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn authenticator_codes_are_enrolled_with_a_code_then_asked_for_at_sign_in_and_work_once(app: TestApp) {
    let token = app.token(EMAIL).await;
    let status: Value = app.get("/api/v1/me/mfa", Some(&token)).await.json().await.unwrap();
    assert_eq!(status, json!({ "totp": false, "passkeys": 0, "recoveryCodesLeft": 0 }));

    let started: Value = app.send(Method::POST, "/api/v1/me/mfa/totp", &token, None, None).await.json().await.unwrap();
    let secret = started["secret"].as_str().unwrap();
    let uri = started["otpauthUri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/Switchboard:admin3%40acme.example?"), "{uri}");
    assert!(uri.contains(&format!("secret={secret}")), "{uri}");
    // Not on before a code from it confirms it: the password alone still signs in.
    let answer: Value = app.login(EMAIL, PASSWORD).await.json().await.unwrap();
    assert!(answer["accessToken"].is_string(), "{answer}");

    let wrong = format!("{:06}", (code(secret, step_now()).parse::<u32>().unwrap() + 1) % 1_000_000);
    let refused =
        app.send(Method::POST, "/api/v1/me/mfa/totp/confirm", &token, Some(json!({ "code": wrong })), None).await;
    let refused = assert_problem(refused, 422, "invalid_fields").await;
    assert_eq!(
        refused["fields"][0],
        json!({ "field": "code", "code": "invalid_code", "message": refused["fields"][0]["message"] })
    );
    let confirmed = app
        .send(
            Method::POST,
            "/api/v1/me/mfa/totp/confirm",
            &token,
            Some(json!({ "code": code(secret, step_now()) })),
            None,
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    let codes: Value = confirmed.json().await.unwrap();
    assert_eq!(codes["recoveryCodes"].as_array().unwrap().len(), 10);
    let status: Value = app.get("/api/v1/me/mfa", Some(&token)).await.json().await.unwrap();
    assert_eq!(status, json!({ "totp": true, "passkeys": 0, "recoveryCodesLeft": 10 }));
    assert_problem(app.send(Method::POST, "/api/v1/me/mfa/totp", &token, None, None).await, 409, "totp_enabled").await;

    // The password alone no longer signs in; a code completes it.
    let mfa_token = password_step(&app).await;
    let next = code(secret, step_now() + 1);
    let signed_in = second_step(&app, json!({ "mfaToken": mfa_token, "code": next })).await;
    assert_eq!(signed_in.status(), 200);
    let signed_in: Value = signed_in.json().await.unwrap();
    let access = signed_in["accessToken"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", Some(access)).await.status(), 200);
    // The same code again, in a new sign-in: a replay.
    let again = password_step(&app).await;
    assert_problem(second_step(&app, json!({ "mfaToken": again, "code": next })).await, 401, "invalid_code").await;
    assert!(audit_actions(&app).await.contains(&"user.mfa_enrolled".to_owned()));
}

async fn recovery_codes_work_once_and_new_ones_void_the_old(app: TestApp) {
    let token = app.token(EMAIL).await;
    let (_, codes) = enrol(&app, &token).await;
    // As someone copies it from paper: capitals, spaces for dashes.
    let typed = codes[0].to_uppercase().replace('-', " ");
    let mfa_token = password_step(&app).await;
    assert_eq!(second_step(&app, json!({ "mfaToken": mfa_token, "recoveryCode": typed })).await.status(), 200);
    let mfa_token = password_step(&app).await;
    let used = second_step(&app, json!({ "mfaToken": mfa_token, "recoveryCode": codes[0] })).await;
    assert_problem(used, 401, "invalid_code").await;
    let status: Value = app.get("/api/v1/me/mfa", Some(&token)).await.json().await.unwrap();
    assert_eq!(status["recoveryCodesLeft"], 9);

    let renewed = app.send(Method::POST, "/api/v1/me/mfa/recovery-codes", &token, None, None).await;
    assert_eq!(renewed.status(), 200);
    let renewed: Value = renewed.json().await.unwrap();
    let renewed: Vec<&str> = renewed["recoveryCodes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(renewed.len(), 10);
    let mfa_token = password_step(&app).await;
    let old = second_step(&app, json!({ "mfaToken": mfa_token, "recoveryCode": codes[1] })).await;
    assert_problem(old, 401, "invalid_code").await;
    let mfa_token = password_step(&app).await;
    assert_eq!(second_step(&app, json!({ "mfaToken": mfa_token, "recoveryCode": renewed[0] })).await.status(), 200);
    let actions = audit_actions(&app).await;
    assert!(actions.contains(&"user.recovery_codes_regenerated".to_owned()), "{actions:?}");
    assert!(actions.contains(&"user.recovery_code_used".to_owned()), "{actions:?}");
}

async fn the_second_step_works_once_for_five_minutes_and_five_codes(app: TestApp) {
    let token = app.token(EMAIL).await;
    let (secret, codes) = enrol(&app, &token).await;

    // Used: once only.
    let mfa_token = password_step(&app).await;
    assert_eq!(second_step(&app, json!({ "mfaToken": mfa_token, "recoveryCode": codes[0] })).await.status(), 200);
    let reused = second_step(&app, json!({ "mfaToken": mfa_token, "recoveryCode": codes[1] })).await;
    assert_problem(reused, 401, "mfa_token_invalid").await;

    // Expired.
    let mfa_token = password_step(&app).await;
    sqlx::query("UPDATE mfa_challenges SET expires_at = '2000-01-01T00:00:00Z'").execute(&app.db).await.unwrap();
    let late = second_step(&app, json!({ "mfaToken": mfa_token, "recoveryCode": codes[1] })).await;
    assert_problem(late, 401, "mfa_token_invalid").await;

    // One factor at a time.
    let both =
        second_step(&app, json!({ "mfaToken": password_step(&app).await, "code": "1", "recoveryCode": "2" })).await;
    let refused = assert_problem(both, 422, "invalid_fields").await;
    assert_eq!(refused["fields"][0]["code"], "one_factor", "{refused}");

    // Five codes at most, then not even a right one.
    let mfa_token = password_step(&app).await;
    for _ in 0..5 {
        let wrong = second_step(&app, json!({ "mfaToken": mfa_token, "code": "000000" })).await;
        assert_eq!(wrong.status(), 401);
    }
    let sixth = second_step(&app, json!({ "mfaToken": mfa_token, "code": code(&secret, step_now() + 1) })).await;
    assert_problem(sixth, 401, "mfa_token_invalid").await;

    let made_up = second_step(&app, json!({ "mfaToken": "made-up", "code": "123456" })).await;
    assert_problem(made_up, 401, "mfa_token_invalid").await;
}

async fn racing_second_steps_with_one_code_sign_in_once(app: TestApp) {
    let token = app.token(EMAIL).await;
    let (secret, _) = enrol(&app, &token).await;
    let next = code(&secret, step_now() + 1);
    let mut tokens = Vec::new();
    for _ in 0..3 {
        tokens.push(password_step(&app).await);
    }
    // Two tries with each sign-in's token, all with one code, at once.
    let tries = tokens.iter().chain(&tokens).map(|t| second_step(&app, json!({ "mfaToken": t, "code": next })));
    let statuses: Vec<u16> = join_all(tries).await.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    // The rest are refused: the code was used (401), or the account's
    // throttle counted the tries in flight (429).
    assert!(statuses.iter().all(|s| matches!(s, 200 | 401 | 429)), "{statuses:?}");
}

async fn wrong_codes_count_towards_the_accounts_throttle(app: TestApp) {
    let token = app.token(EMAIL).await;
    enrol(&app, &token).await;
    let mfa_token = password_step(&app).await;
    for _ in 0..5 {
        assert_eq!(second_step(&app, json!({ "mfaToken": mfa_token, "code": "000000" })).await.status(), 401);
    }
    // The account has had its failures from this address: even the right
    // password waits now.
    assert_problem(app.login(EMAIL, PASSWORD).await, 429, "too_many_attempts").await;
}

async fn turning_authenticator_codes_off_leaves_the_password_alone(app: TestApp) {
    let token = app.token(EMAIL).await;
    enrol(&app, &token).await;
    assert_eq!(app.send(Method::DELETE, "/api/v1/me/mfa/totp", &token, None, None).await.status(), 204);
    let status: Value = app.get("/api/v1/me/mfa", Some(&token)).await.json().await.unwrap();
    assert_eq!(status, json!({ "totp": false, "passkeys": 0, "recoveryCodesLeft": 0 }));
    let answer: Value = app.login(EMAIL, PASSWORD).await.json().await.unwrap();
    assert!(answer["accessToken"].is_string(), "{answer}");
    let none = app.send(Method::POST, "/api/v1/me/mfa/recovery-codes", &token, None, None).await;
    assert_problem(none, 409, "no_second_factor").await;
    assert!(audit_actions(&app).await.contains(&"user.mfa_removed".to_owned()));
}

async fn an_administrator_resets_a_persons_factors_and_ends_their_sessions(app: TestApp) {
    let token = app.token(EMAIL).await;
    enrol(&app, &token).await;
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let reset = |user: String| format!("/api/v1/customers/{acme}/users/{user}/mfa");

    let done = app.send(Method::DELETE, &reset(app.user_id(EMAIL).await), &admin, None, None).await;
    assert_eq!(done.status(), 204);
    // Their session ended; the password alone signs them in again.
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.status(), 401);
    let answer: Value = app.login(EMAIL, PASSWORD).await.json().await.unwrap();
    assert!(answer["accessToken"].is_string(), "{answer}");
    let actions = audit_actions(&app).await;
    assert!(actions.contains(&"user.mfa_reset".to_owned()), "{actions:?}");

    // Not one's own, and not a parent user's (staff above the customer).
    let own = app.send(Method::DELETE, &reset(app.user_id("admin@acme.example").await), &admin, None, None).await;
    assert_problem(own, 409, "own_factors").await;
    let parent =
        app.send(Method::DELETE, &reset(app.user_id("staff@northwind.example").await), &admin, None, None).await;
    assert_problem(parent, 403, "parent_user").await;
}

async fn put_policy(app: &TestApp, token: &str, tenant: &str, policy: &str) -> reqwest::Response {
    let path = format!("/api/v1/tenants/{tenant}/mfa-policy");
    app.send(Method::PUT, &path, token, Some(json!({ "policy": policy })), None).await
}

async fn policy_of(app: &TestApp, token: &str, tenant: &str) -> Value {
    let answer = app.get(&format!("/api/v1/tenants/{tenant}/mfa-policy"), Some(token)).await;
    if answer.status() != 200 {
        panic!("{}: {}", answer.status(), answer.text().await.unwrap());
    }
    answer.json().await.unwrap()
}

async fn a_resellers_policy_is_the_minimum_of_its_customers_who_may_tighten_but_never_loosen_it(app: TestApp) {
    let (staff, acme_admin) = (app.token("staff@northwind.example").await, app.token("admin@acme.example").await);
    // The platform's operator, whom no policy here holds to enrolment.
    let ops = app.token("ops@switchboard.example").await;
    let (northwind, acme) = (app.tenant_id("Northwind Telecom").await, app.tenant_id("Acme Ltd").await);
    let fresh = json!({ "policy": "optional", "minimum": "optional", "inForce": "optional" });
    assert_eq!(policy_of(&app, &acme_admin, &acme).await, fresh);

    // Acme tightens its own; the reseller's minimum then rises above it.
    assert_eq!(put_policy(&app, &acme_admin, &acme, "requiredForAdmins").await.status(), 200);
    let set: Value = put_policy(&app, &staff, &northwind, "required").await.json().await.unwrap();
    assert_eq!(set, json!({ "policy": "required", "minimum": "optional", "inForce": "required" }));
    let below = json!({ "policy": "requiredForAdmins", "minimum": "required", "inForce": "required" });
    assert_eq!(policy_of(&app, &ops, &acme).await, below);
    // The customer settings show the customer's own, the policy endpoint what is in force.
    let customer: Value = app.get(&format!("/api/v1/customers/{acme}"), Some(&ops)).await.json().await.unwrap();
    assert_eq!(customer["settings"]["mfa"], "requiredForAdmins");

    // Loosening below the reseller's minimum is refused, by either route, and changes nothing.
    let refused = assert_problem(put_policy(&app, &ops, &acme, "optional").await, 422, "invalid_fields").await;
    assert_eq!(refused["fields"][0]["field"], "policy");
    assert_eq!(refused["fields"][0]["code"], "below_minimum");
    let patch = json!({ "settings": { "mfa": "off" } });
    let refused = app.send(Method::PATCH, &format!("/api/v1/customers/{acme}"), &ops, Some(patch), None).await;
    let refused = assert_problem(refused, 422, "invalid_fields").await;
    assert_eq!(refused["fields"][0]["field"], "settings.mfa");
    assert_eq!(policy_of(&app, &ops, &acme).await, below);

    // A customer created now is under the reseller's minimum too.
    let customers = format!("/api/v1/resellers/{northwind}/customers");
    let created = app.send(Method::POST, &customers, &ops, Some(json!({ "name": "Initech" })), None).await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["settings"]["mfa"], "optional");
    let initech = created["id"].as_str().unwrap();
    assert_eq!(policy_of(&app, &ops, initech).await["inForce"], "required");
    let looser = json!({ "name": "Umbrella", "settings": { "mfa": "requiredForAdmins" } });
    assert_problem(app.send(Method::POST, &customers, &ops, Some(looser), None).await, 422, "invalid_fields").await;

    let audit: Vec<(String, String)> = sqlx::query_as(
        "SELECT tenant_id, changes FROM audit_events WHERE action = 'tenant.mfa_policy_changed' ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(audit.len(), 2, "{audit:?}");
    assert_eq!(audit[1].0, northwind);
    assert_eq!(
        serde_json::from_str::<Value>(&audit[1].1).unwrap(),
        json!({ "before": "optional", "after": "required" })
    );
}

async fn who_sets_a_policy_and_where(app: TestApp) {
    let (acme, globex, northwind) =
        (app.tenant_id("Acme Ltd").await, app.tenant_id("Globex").await, app.tenant_id("Northwind Telecom").await);
    // A user administrator without the settings role reads it, but may not change it.
    let admin2 = app.token("admin2@acme.example").await;
    assert_eq!(policy_of(&app, &admin2, &acme).await["policy"], "optional");
    assert_problem(put_policy(&app, &admin2, &acme, "required").await, 403, "forbidden").await;
    // Another customer, and the reseller above, are out of a customer admin's reach.
    let admin = app.token("admin@acme.example").await;
    for tenant in [&globex, &northwind] {
        assert_problem(put_policy(&app, &admin, tenant, "required").await, 404, "not_found").await;
        let read = app.get(&format!("/api/v1/tenants/{tenant}/mfa-policy"), Some(&admin)).await;
        assert_problem(read, 404, "not_found").await;
    }
    // An unknown policy is unreadable; nothing changed anywhere.
    assert_problem(put_policy(&app, &admin, &acme, "sometimes").await, 400, "invalid_body").await;
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT mfa_policy FROM tenants").fetch_all(&app.db).await.unwrap();
    assert_eq!(stored, ["optional"]);
    // The platform's operator sets the platform's: a minimum for every
    // tenant, which holds the customer's administrators at once.
    let ops = app.token("ops@switchboard.example").await;
    let platform = app.tenant_id("Switchboard").await;
    assert_eq!(put_policy(&app, &ops, &platform, "requiredForAdmins").await.status(), 200);
    for held in [&admin, &ops] {
        let read = app.get(&format!("/api/v1/tenants/{acme}/mfa-policy"), Some(held)).await;
        assert_problem(read, 403, "mfa_enrolment_required").await;
    }
}

async fn an_admin_whom_the_policy_requires_a_factor_reaches_only_enrolment_until_they_enrol(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let users = format!("/api/v1/customers/{acme}/users");
    // Sessions opened before the policy: their next request is held to enrolment.
    let before = app.token(EMAIL).await;
    let agent = app.token("damien.moreau@acme.example").await;
    let staff = app.token("staff@northwind.example").await;
    let bot = app.user_id("crm-sync@acme.example").await;
    let keys = format!("/api/v1/customers/{acme}/users/{bot}/api-keys");
    let key: Value =
        app.send(Method::POST, &keys, &staff, Some(json!({ "name": "sync" })), None).await.json().await.unwrap();
    let key = key["key"].as_str().unwrap().to_owned();
    // The service user is an administrator by its roles, as a provisioning one is.
    let grant = json!({ "addRoles": ["user.admin"] });
    let granted = app.send(Method::PATCH, &format!("{users}/{bot}"), &staff, Some(grant), None).await;
    assert_eq!(granted.status(), 200);
    let northwind = app.tenant_id("Northwind Telecom").await;
    assert_eq!(put_policy(&app, &staff, &northwind, "requiredForAdmins").await.status(), 200);

    assert_problem(app.get(&users, Some(&before)).await, 403, "mfa_enrolment_required").await;
    // The reseller's policy reaches its own staff too.
    assert_problem(app.get(&users, Some(&staff)).await, 403, "mfa_enrolment_required").await;
    // The password step says so, and its tokens reach only what sets up a factor.
    let answer: Value = app.login(EMAIL, PASSWORD).await.json().await.unwrap();
    assert_eq!(answer["enrolmentRequired"], true, "{answer}");
    let token = answer["accessToken"].as_str().unwrap().to_owned();
    let me: Value = app.get("/api/v1/me", Some(&token)).await.json().await.unwrap();
    assert_eq!(me["mfaEnrolmentRequired"], true);
    assert_problem(app.get(&users, Some(&token)).await, 403, "mfa_enrolment_required").await;
    let profile =
        app.send(Method::PATCH, "/api/v1/me/profile", &token, Some(json!({ "displayName": "X" })), None).await;
    assert_problem(profile, 403, "mfa_enrolment_required").await;
    // Someone without an administrator role is not held by `requiredForAdmins`.
    assert_eq!(app.get("/api/v1/me/profile", Some(&agent)).await.status(), 200);
    let answer: Value = app.login("damien.moreau@acme.example", PASSWORD).await.json().await.unwrap();
    assert!(answer.get("enrolmentRequired").is_none(), "{answer}");

    // Enrolling opens everything, to this token and to the older session.
    enrol(&app, &token).await;
    assert_eq!(app.get(&users, Some(&token)).await.status(), 200);
    assert_eq!(app.get(&users, Some(&before)).await.status(), 200);
    let me: Value = app.get("/api/v1/me", Some(&token)).await.json().await.unwrap();
    assert!(me.get("mfaEnrolmentRequired").is_none(), "{me}");
    // The next sign-in asks for the factor.
    password_step(&app).await;

    // `required` holds everyone, but never an API key.
    assert_eq!(put_policy(&app, &token, &acme, "required").await.status(), 200);
    assert_problem(app.get("/api/v1/me/profile", Some(&agent)).await, 403, "mfa_enrolment_required").await;
    assert_eq!(app.get(&users, Some(&key)).await.status(), 200, "an API key is never held to enrolment");
}

async fn the_last_required_factor_stays_and_an_off_policy_stops_enrolment(app: TestApp) {
    let token = app.token(EMAIL).await;
    enrol(&app, &token).await;
    let acme = app.tenant_id("Acme Ltd").await;
    assert_eq!(put_policy(&app, &token, &acme, "required").await.status(), 200);
    let refused = app.send(Method::DELETE, "/api/v1/me/mfa/totp", &token, None, None).await;
    assert_problem(refused, 422, "mfa_required").await;
    let status: Value = app.get("/api/v1/me/mfa", Some(&token)).await.json().await.unwrap();
    assert_eq!(status["totp"], true);

    // `off` is a loosening too: a customer reaches it only once every
    // tenant above has it.
    assert_problem(put_policy(&app, &token, &acme, "off").await, 422, "invalid_fields").await;
    let ops = app.token("ops@switchboard.example").await;
    for tenant in ["Switchboard", "Northwind Telecom", "Acme Ltd"] {
        assert_eq!(put_policy(&app, &ops, &app.tenant_id(tenant).await, "off").await.status(), 200, "{tenant}");
    }
    // Factors already set up keep working; new ones cannot be started.
    assert_eq!(app.send(Method::DELETE, "/api/v1/me/mfa/totp", &token, None, None).await.status(), 204);
    let started = app.send(Method::POST, "/api/v1/me/mfa/totp", &token, None, None).await;
    assert_problem(started, 409, "mfa_off").await;
}

async fn administrators_see_who_has_a_second_factor(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let chloe = app.user_id(EMAIL).await;
    let one = format!("/api/v1/customers/{acme}/users/{chloe}");
    let listed = format!("/api/v1/customers/{acme}/users?q=chloe");
    let flag = |v: &Value| v["mfa"].clone();
    let seen: Value = app.get(&one, Some(&admin)).await.json().await.unwrap();
    assert_eq!(flag(&seen), false);
    enrol(&app, &app.token(EMAIL).await).await;
    let seen: Value = app.get(&one, Some(&admin)).await.json().await.unwrap();
    assert_eq!(flag(&seen), true);
    let page: Value = app.get(&listed, Some(&admin)).await.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().iter().map(flag).collect::<Vec<_>>(), [true], "{page}");
    // Everyone else in the page has none.
    let page: Value = app.get(&format!("/api/v1/customers/{acme}/users"), Some(&admin)).await.json().await.unwrap();
    let with: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["mfa"] == true)
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(with, [EMAIL]);

    let reset = app.send(Method::DELETE, &format!("{one}/mfa"), &admin, None, None).await;
    assert_eq!(reset.status(), 204);
    let page: Value = app.get(&listed, Some(&admin)).await.json().await.unwrap();
    assert_eq!(page["items"][0]["mfa"], false, "the page cache does not keep an older view");
}
