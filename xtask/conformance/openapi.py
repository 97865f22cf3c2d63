"""The API against its own OpenAPI document, with schemathesis (`--checks all`).

Run by `cargo xtask test` with the virtualenv's Python: starts the server on a
fresh SQLite database with the demo data, signs in, and runs schemathesis once
as a customer administrator and once as reseller staff, with the path
parameters set to real demo ids. Exits non-zero on any failure or error.

Usage: openapi.py <switchboard binary> <work dir>   (with the virtualenv's Python)
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

PASSWORD = "conformance-demo-password"

# What the checks are told beyond the document, each for a reason the
# document cannot state:
CONFIG = """
[parameters]
"path.tenantId" = "{acme}"
"path.resellerId" = "{northwind}"
"path.userId" = "{person}"
"path.deviceId" = "{device}"

# Schema-valid requests that the product's rules refuse: field and role rules
# (a taken e-mail, a missing prerequisite, the last administrator) answer 422,
# a conflict 409, a stale If-Match 412. No schema can say these.
[checks.positive_data_acceptance]
expected-statuses = ["2XX", 401, 403, 404, 409, 412, 422, 429]

# Links are inferred from the responses' data; schemathesis' Location-header
# inference links a reseller's new customer to the reseller's own routes
# (by the customer's id as `resellerId`), which is not a link this API has.
[phases.stateful.inference]
algorithms = ["dependency-analysis"]

# A cursor is opaque: a well-formed one that this API did not hand out is 400.
[[operations]]
include-name-regex = "^GET .*/(audit|users|tenants|customers)$"
checks.positive_data_acceptance.expected-statuses = ["2XX", 400, 401, 403, 404]

# An activation or reset token that was never issued is 400; a weak
# password 422; past 20 wrong tokens from one address, 429 (the throttle).
[[operations]]
include-path-regex = "^/api/v1/auth/(activate|password-reset/confirm)$"
checks.positive_data_acceptance.expected-statuses = [204, 400, 422, 429]

# Ending a session by its id: the stateful phase would give it the run's own
# session (from GET /me/sessions) and end the run's access. The API tests
# cover it (api::sessions).
[[operations]]
include-name = "DELETE /api/v1/me/sessions/{{sessionId}}"
enabled = false

# A tenant's MFA policy, tightened in the caller's own tenant, holds the caller
# to setting up a second factor (403 to everything else from then on): only
# reseller staff, acting in a customer below them, exercise it here. The API
# tests cover a customer administrator's side (api::mfa).
[[operations]]
include-name = "PUT /api/v1/tenants/{{tenantId}}/mfa-policy"
enabled = {policy_enabled}

# A body that is no CSV with the header row is 400 `invalid_csv`.
[[operations]]
include-path = "/api/v1/customers/{{tenantId}}/users/import"
checks.positive_data_acceptance.expected-statuses = ["2XX", 400, 401, 403, 404, 413, 422]

# API keys belong to service users: these routes act on one.
[[operations]]
include-path-regex = "/api-keys"
parameters = {{ "path.userId" = "{service}" }}

# An If-Match that is no version this API gave matches nothing: 412.
[[operations]]
include-path = "/api/v1/customers/{{tenantId}}/users/{{userId}}"
checks.negative_data_rejection.expected-statuses = [400, 401, 403, 404, 412, 422]
"""


# schemathesis' command line, started with a deeper recursion limit:
# Hypothesis parses big source files to describe its strategies, and on
# CPython 3.11 one RecursionError while building a syntax tree leaves the
# parser's depth count wrong, so a later parse fails with "AST constructor
# recursion depth mismatch" (python/cpython#106905), which schemathesis
# reports as an error of whichever operation it was testing.
LAUNCH = (
    "import sys; sys.setrecursionlimit(20000); sys.argv[0] = 'schemathesis'; "
    "from schemathesis.cli import schemathesis; sys.exit(schemathesis())"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, path, token=None, body=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def token(base, email):
    return call(base, "/api/v1/auth/login", body={"email": email, "password": PASSWORD})["accessToken"]


def run_as(binary, work, who, email):
    # A fresh folder: no database, and no examples kept by an earlier run.
    folder = os.path.join(work, who)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        SWITCHBOARD_ADDR=f"127.0.0.1:{port}",
        DATABASE_URL=f"sqlite://{folder}/conformance.db?mode=rwc",
        SWITCHBOARD_DEMO="true",
        # Schemathesis sends as fast as it can; the rate limit's 429 is
        # documented on every operation, but would stand in for the answers checked.
        SWITCHBOARD_RATE_LIMIT="0",
        SWITCHBOARD_DEMO_PASSWORD=PASSWORD,
        RUST_LOG="warn",
    )
    log = open(os.path.join(folder, "server.log"), "w")
    server = subprocess.Popen([binary], env=env, stdout=log, stderr=log)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        admin = token(base, "admin@acme.example")
        acme = call(base, "/api/v1/me", admin)["tenant"]["id"]
        northwind = call(base, "/api/v1/me", token(base, "staff@northwind.example"))["tenant"]["id"]

        def user(q):
            query = urllib.parse.urlencode({"q": q})
            return call(base, f"/api/v1/customers/{acme}/users?{query}", admin)["items"][0]["id"]

        ids = {
            "acme": acme,
            "northwind": northwind,
            # A person who is not the one signed in, so the run keeps its token.
            "person": user("damien.moreau@acme.example"),
            "service": user("crm-sync@acme.example"),
            "device": call(base, f"/api/v1/customers/{acme}/devices", admin)["items"][0]["id"],
            "policy_enabled": "true" if who == "reseller-staff" else "false",
        }
        with open(os.path.join(folder, "schemathesis.toml"), "w") as f:
            f.write(CONFIG.format(**ids))
        print(f"\n--- schemathesis as {who} ({email})", flush=True)
        return subprocess.run(
            [
                sys.executable,
                "-c",
                LAUNCH,
                "run",
                f"{base}/api/v1/openapi.json",
                "--checks",
                "all",
                "--header",
                f"Authorization: Bearer {token(base, email)}",
                "--seed",
                "1",
                "--max-examples",
                "20",
                "--workers",
                "2",
                "--no-color",
                "--report",
                "junit",
                "--report-dir",
                folder,
            ],
            cwd=folder,
        ).returncode
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def main():
    binary, work = sys.argv[1:3]
    failed = [
        who
        for who, email in [("customer-admin", "admin@acme.example"), ("reseller-staff", "staff@northwind.example")]
        if run_as(binary, work, who, email) != 0
    ]
    if failed:
        print(f"schemathesis failed as: {', '.join(failed)} (reports in {work})")
        sys.exit(1)


main()
