# Switchboard portal: English. Every language file has exactly these ids
# (checked by `i18n::tests`).

## Frame
brand = Switchboard
loading = Loading…
crash-stopped = Something went wrong and the portal stopped. Reload the page to go on.
crash-reload = Reload
language = Language
sign-out = Sign out
cancel = Cancel
not-found = Not found

## Sign-in and activation
login-intro = Sign in to manage your organisation's users and roles.
email = Email
password = Password
sign-in = Sign in
signing-in = Signing in…
activate-title = Choose your password
activate-hint = At least 8 characters; very common passwords are refused.
new-password = New password
repeat-password = Repeat the password
passwords-differ = The two passwords differ.
set-password = Set password
activated-title = Your account is ready
activated-text = Your password is set. Sign in with your e-mail address and your new password.

## Tenant switcher
tenant = Tenant
tenants = Tenants
searching = Searching…
no-tenant-matches = No tenant matches

## Users list
users-title = Users
new-user = New user
export-csv = Export CSV
exporting = Exporting…
export-failed = The browser did not save the file.
search-users = Search users
search-placeholder = Search by name, e-mail, extension…
users-count = { $count ->
    [one] { $count } user
   *[other] { $count } users
}
filter-role = Role
filter-all-roles = All roles
filter-status = Status
filter-all-statuses = All statuses
clear-filters = Clear filters
column-name = Name
column-email = Email
column-status = Status
column-extension = Extension
column-roles = Roles
show-more = Show more
status-active = Active
status-invited = Invited
status-blocked = Blocked
badge-server-user = Server user
badge-parent = Parent
badge-parent-title = Configured at a higher level (reseller or platform)

## User editor
back-to-users = ← Users
parent-user-note = This user is configured at a higher level (reseller or platform) and can only be changed there.
display-name = Display name
extension = Extension
external-id = External id
time-zone = Time zone
mail-language = E-mail language
mail-language-default = The customer's language
time-zone-placeholder = Tenant default
server-user-option = Server user (API access only, no licences)
status-line = Status: { $status }
user-exists = A user with this e-mail already exists.
open-that-user = Open that user
saved = Saved.
user-created = User created.
save = Save
saving = Saving…
account = Account
act-block = Block
act-unblock = Unblock
act-delete = Delete
confirm-block = Yes, block
confirm-unblock = Yes, unblock
confirm-delete = Yes, delete
ask-block = Block { $name }? They are signed out at once and cannot sign in until unblocked.
ask-unblock = Unblock { $name }? They can sign in again.
ask-delete = Delete { $name }? This cannot be undone; their devices are freed.
last-admin-refusal = This is the last active user administrator of the organisation. Give another active user “Manage users” first, so that someone can still manage users.

## Sections, licences and the audit trail
sections = Sections
licences-title = Licence usage
column-licence = Licence
column-holders = Users holding it
audit-title = Audit trail
audit-everyone = Everyone's changes
audit-empty = Nothing has been changed yet.
audit-system = System
audit-open-user = Open user
audit-roles-added = Roles added: { $roles }
audit-roles-removed = Roles removed: { $roles }
column-when = When
column-who = Who
column-user = User
column-change = Change
history = History
send-activation = Send activation e-mail
activation-sent = Activation e-mail sent. The earlier link no longer works.
send-uc-welcome = Send UC welcome e-mail
uc-welcome-sent = UC welcome e-mail sent.
action-other = Another change
action-user-created = User created
action-user-updated = User changed
action-user-deleted = User deleted
action-user-activated = Account activated
action-user-activation-sent = Activation e-mail sent
action-user-uc-welcome-sent = UC welcome e-mail sent
action-user-devices = Devices assigned
action-roles-auto-assigned = Roles assigned by the rules
action-device-created = Device added
action-device-deleted = Device removed
action-api-key-created = API key created
action-api-key-revoked = API key revoked
action-user-imported = User imported
action-customer-created = Customer created
action-customer-updated = Customer changed

devices-title = Softphones
devices-need-role = Softphones can be given only to users holding { $role }: tick it and save first.
devices-none = This organisation has no softphones yet.
device-elsewhere = assigned to another user
save-devices = Save softphones
devices-saved = Softphones saved.

bulk-title = Selected users
bulk-selected = { $count ->
    [one] { $count } user selected
   *[other] { $count } users selected
}
bulk-action = Action
bulk-add-role = Add a role
bulk-remove-role = Remove a role
bulk-role = Role to add or remove
bulk-preview = Preview
bulk-apply = { $count ->
    [one] Apply to { $count } user
   *[other] Apply to { $count } users
}
bulk-will-send = will get a new activation e-mail
bulk-nothing = nothing to change
bulk-row-done = done
select-user = Select { $name }

## Role panel
roles-title = Roles
undo = Undo
note-also-ticked = Also ticked { $others }: { $role } requires it.
note-replaces = { $role } replaces { $others }: only one supervisor level can be held.
note-also-unticked = Also unticked { $others }: they require { $role }.
workspace-note = A user administrator without a supervisor role cannot see workspaces.
category-access = User access type
category-supervisor = Supervisor access (one at most)
category-permission = Permissions
category-client = Client features
category-staff = Staff
lock-parent = This user is configured at a higher level and is changed there.
lock-read-only = Set by the PBX import; it cannot be changed here.
lock-service-user = Server users cannot hold licensed roles.
badge-licence = Licence
badge-read-only = Read-only
licence-none = No licence changes.
licence-heading = Licence changes on save:
licence-adds = Adds: { $roles }
licence-removes = Removes: { $roles }

## Broken role rules, by code
violation-missing_prerequisite = { $role } requires { $related }.
violation-exclusive_conflict = Only one of these can be held at a time: { $role }, { $related }.
violation-read_only_role = { $role } is assigned by the PBX import and cannot be changed here.
violation-service_user_licence = Server users cannot hold the licensed role { $role }.
violation-unknown_role = There is no role { $role }.
violation-wrong_tenant_kind = { $role } is not available in this kind of tenant.
violation-auto_assigned_role = { $role } is required for every essential user while a live analytics supervisor (level 3 or higher) exists.
violation-softphone_role_required = Only users holding { $role } can be given a softphone.
violation-softphones_assigned = { $role } stays while the user has softphones: untick their softphones below and save them first.
violation-last_user_admin = There must be at least one user administrator.
violation-admin_required = The customer has no user administrator yet: the only change allowed is one that creates the first one (a user holding Manage users and Website access).

## Problems the server reports, by code
error-network = The server cannot be reached. Check your connection and try again.
error-bad_response = The server sent an answer this page does not understand.
error-http = The server answered { $status }.
error-invalid_credentials = Invalid e-mail or password.
error-unauthenticated = Your session has ended. Sign in to continue.
error-forbidden = You do not have the role needed for this.
error-parent_user = This user is configured at a higher level: change them in their own (reseller or platform) tenant.
error-not_found = Not found: it does not exist or is not yours to see.
error-payload_too_large = What you sent is too large.
error-busy = The server is busy: try again in a moment.
error-too_many_attempts = Too many failed sign-ins: wait a while, then try again.
error-precondition_failed = This user was changed by someone else since you opened it: reload and try again.
error-internal = Something went wrong on our side. Try again in a moment.
error-role_rules = The change breaks role rules.
error-invalid_fields = Some fields are not valid.

## Invalid fields, by field and code (the server's own words otherwise)
field-invalid_characters = Remove the control or text-direction characters.
field-required = This is required.
field-too_long = This is too long.
field-displayName-required = Enter a display name.
field-email-required = Enter an e-mail address.
field-email-invalid = Enter a valid e-mail address, like name@example.com.
field-email-taken = Another user has this e-mail address.
field-extension-invalid = An extension is 2 to 8 digits.
field-extension-taken = Another user of this tenant has this extension.
field-externalId-taken = Another user of this tenant has this external id.
field-timeZone-invalid = Choose a time zone such as Europe/Paris.
field-substituteId-self = A user cannot stand in for themself.
field-substituteId-not_found = No user of this tenant has that id.
field-password-too_short = Use at least 8 characters.
field-password-too_long = Use at most 128 characters.
field-password-too_common = This password is one of the most common: choose another.
field-status-not_invited = Only people who have not activated yet get an activation link.
field-roles-no_portal_role = Give them Website access first: without it they cannot sign in with the link.
field-roles-no_uc_role = Only people whose roles give the UC clients get the UC welcome e-mail.
field-status-blocked = This person is blocked.

## Roles (SPEC 4.1): name, and its description as `.about`
role-customer-user-pbx = Essential user
    .about = Call modelling and logging for the user. Assigned by the PBX import.
role-customer-user-uc-essential = Essential user (UK)
    .about = Replaces Essential user in UK tenants. Assigned by the PBX import.
role-customer-user-uc-remote = Professional user
    .about = Softphone and mobile features of the UC client.
role-customer-user-pbx-realtime = Real-time add-on
    .about = Real-time call modelling for the user.
role-customer-user-acd = Agent add-on
    .about = ACD event modelling and the ACD features of the UC client.
role-customer-user-microsoftteams = Microsoft Teams user
    .about = The user's Teams calls are monitored.
role-customer-user-supervisorl1 = Reports supervisor
    .about = Workspaces and historical reports.
role-customer-user-supervisorl2 = Analytics supervisor
    .about = Dashboard and historical reports.
role-customer-user-supervisorl3 = Live analytics supervisor
    .about = Reports, dashboards and wallboards with active-call statistics.
role-customer-user-supervisorl4 = Contact centre supervisor
    .about = Level 3 plus live queue and agent grids.
role-customer-user-supervisorl5 = Insights supervisor
    .about = Insights reports, dashboard and wallboard.
role-customer-user = Website access
    .about = Log in to the portal.
role-user-admin = Manage users
    .about = Create and manage users.
role-customer-billables-admin = Manage billable items
    .about = Changes that affect billing.
role-customer-device-readonly = Device access
    .about = Read-only access to the tenant's devices.
role-customer-device-admin = Device administrator
    .about = Change the tenant's devices.
role-customer-settings = Customer settings
    .about = Organisation-wide settings.
role-customer-directories-contributor = Manage contact directories
    .about = Edit contact directories.
role-customer-workspace-admin = Workspace administrator
    .about = Manage workspaces.
role-customer-voice-applications = Phone system applications
    .about = Configure voice applications.
role-customer-voice-admin = Phone system administrator
    .about = Administer voice applications.
role-onboarding-admin = REST API administrator
    .about = Configure the REST API service (service users, API keys).
role-webhooks-admin = Webhooks admin
    .about = Configure webhook triggers.
role-pbx-agentcontrol = Supervisor agent control
    .about = Change another user's agent status from the dashboard.
role-pbx-silentmonitor = Silent monitor
    .about = Listen to, whisper into, barge into and take over other users' calls.
role-recording-listener = Recording playback
    .about = Play call recordings from the call segmentation view.
role-customer-user-uc = UC client
    .about = The desktop UC client in CTI mode.
role-customer-user-crm = CRM client
    .about = The CRM integrations (e.g. Salesforce, Dynamics).
role-customer-user-uc-softphone = Softphones
    .about = The softphone features of the UC client.
role-reseller-admin = Reseller administrator
    .about = Manage the reseller's customers and their settings, and act in any of them.
role-platform-admin = Platform administrator
    .about = Everything, in every tenant.
devices-page-title = Devices
devices-page-none = This organisation has no devices yet.
add-device-title = Add a device
device-name = Device name
device-identifier-placeholder = MAC address or SIP user name
add-device = Add device
device-added = { $name } added.
device-kind-softphone = Softphone
device-kind-deskphone = Desk phone
column-device-kind = Kind
column-identifier = Identifier
column-assigned-to = Assigned to
column-actions = Actions
remove = Remove
remove-device = Remove { $name }
ask-remove-device = Remove { $name }? Whoever uses it loses it.
confirm-remove-device = Remove device
field-identifier-taken = Another device of this organisation has this identifier.
outbox-title = Outbox
outbox-intro = E-mail sent from this portal, newest first. With no mail server configured, this is where people's links are.
outbox-recipient = Recipient
outbox-show = Show
delivery-pending = Waiting to be sent
delivery-sent = Sent
delivery-failed = Not delivered
outbox-empty = No e-mail has been sent.

## Import and onboarding
import-title = Import users
import-nav = Import
import-intro = Users are matched by external id, then e-mail: known users are updated, new ones created with the essential role of the customer's region. Nothing is imported while any row is wrong.
import-file = CSV file
import-file-help = Columns: displayName, email, extension, externalId, agent (true or false).
import-preview-pbx = Preview the import from the PBX
import-checking = Checking the rows…
import-preview = Ready to import: { $created } new, { $updated } changed, { $unchanged } unchanged.
import-run = Import
import-running = Importing { $rows } rows… this takes a few seconds for large files.
import-done = Imported: { $created } new, { $updated } changed, { $unchanged } unchanged.
import-bad-rows = { $count ->
    [one] One row cannot be imported. Correct it and choose the file again; nothing was imported.
   *[other] { $count } rows cannot be imported. Correct them and choose the file again; nothing was imported.
}
column-row = Row
column-column = Column
column-reason = Reason
field-duplicate = Another row of the file has the same value.
field-taken = Another user has this value.
field-invalid = This value is not valid.
field-agent-invalid = The agent flag is true or false.
field-name-required = Enter the customer's name.
field-region-invalid = A region is a two-letter country code, such as GB or FR.
field-pbx-baseUrl-invalid = Give the PBX address, such as https://pbx.example.com:8443.
field-pbx-accountId-invalid = An account id has no slashes or spaces.
field-pbx-accountId-required = Give the customer's account id on the PBX.
field-pbx-secret-required = Give the API key of the PBX.
error-invalid_rows = Some rows cannot be imported: nothing was imported.
error-invalid_csv = This file is not a CSV of users with the columns displayName and email.
error-unsupported_media_type = The file must be sent as CSV.
error-customer_exists = This reseller already has a customer with this reference.
error-no_pbx_connection = This customer has no PBX connection: import a CSV file.
error-pbx_unreachable = The PBX cannot be reached.
error-pbx_address_refused = The PBX's address is on a private network, which this server does not reach. Use its public address, or ask the operator to allow private networks.
error-pbx_insecure = The PBX's address must start with https://: over http:// its API key would cross the internet in clear. Plain http:// is for a PBX on a private network the operator allowed.
error-pbx_auth_failed = The PBX refused the API key.
error-pbx_error = The PBX answered with an error.
error-pbx_bad_response = The PBX's answer is not a user directory.
error-staff_only = Only reseller or platform staff may change these settings.
onboarding-nav = New customer
onboarding-title = Onboard a customer
onboarding-steps = Onboarding steps
step-details = Customer
step-import = Import users
step-admin = First administrator
step-roles = Further roles
roles-intro = Give agents, supervisors and the rest their roles: open each person to tick them. Their licence impact is shown before saving.
step-done = Done
customer-name = Customer name
customer-description = Description
customer-reference = Your reference
customer-region = Region (country code)
customer-auto-acd = Give imported call-centre agents the ACD agent role
pbx-connect = Connect a PBX directory (Kazoo)
pbx-base-url = PBX address
pbx-account-id = Account id on the PBX
pbx-secret = PBX API key
create-customer = Create customer
continue-existing-customer = Continue with that customer
skip-import = Continue without importing
next-step = Next
admin-intro = The administrator manages the customer's users. Choose one of the imported people or someone new.
create-admin = Create administrator
make-admin = Make this user the administrator
admin-exists = A user with this e-mail already exists.
onboarding-done = { $customer } is ready, with { $admin } as its administrator.
open-customer-users = Open the users of { $customer } to give further roles
forgot-password-link = Forgot password?
forgot-title = Forgot your password?
forgot-hint = Enter the e-mail address you sign in with. If it belongs to an account, we will send it a link to choose a new password.
forgot-send = Send me a link
forgot-sent = If this address belongs to an account that signs in with a password, a link to choose a new one is on its way. It works once, for one hour.
back-to-sign-in = Back to sign-in
reset-title = Choose a new password
reset-hint = At least 8 characters; very common passwords are refused. Wherever you are signed in, you will be signed out.
reset-done-title = Your password is changed
reset-done-text = Sign in with your e-mail address and your new password.
session-ended = Your session has ended (signed out from another device, or by an administrator). Sign in again to continue.
my-account = My account
account-title = My account
profile-title = Profile
profile-saved = Your profile is saved.
password-title = Password
current-password = Current password
change-password = Change password
password-changed = Your password is changed. Wherever else you were signed in, you are signed out.
sessions-title = Where you are signed in
session-this-device = This device
session-used = Last used { $when } from { $address }
session-since = Signed in { $when }
unknown-device = Unknown device
sign-out-session = Sign out
sign-out-others = Sign out everywhere else
no-other-sessions = You are signed in nowhere else.
error-wrong_password = The current password is wrong.
error-invalid_reset_token = This link is not valid any more (used, too old, or replaced by a newer one): ask for a new one.
field-newPassword-too_short = Use at least 8 characters.
field-newPassword-too_long = Use at most 128 characters.
field-newPassword-too_common = This password is one of the most common: choose another.
action-user-password-reset = Password reset by e-mail link
action-user-password-changed = Password changed
action-user-sessions-revoked = Signed out of sessions
user-sessions-title = Sessions
user-sessions-none = Not signed in anywhere.
end-user-sessions = Sign out everywhere
user-sessions-ended = Signed out everywhere: their access ends at their next request.

# Second factor at sign-in
mfa-title = Two-step sign-in
mfa-intro = Enter the 6-digit code from your authenticator app.
mfa-recovery-intro = Enter one of the recovery codes you saved. Each works once.
mfa-code = Authenticator code
mfa-recovery-code = Recovery code
mfa-verify = Verify
mfa-verifying = Verifying…
mfa-use-recovery = Use a recovery code instead
mfa-use-code = Use an authenticator code instead
mfa-start-over = Back to e-mail and password
error-invalid_code = The code is wrong or was used already.
field-invalid_code = The code is wrong or was used already.
error-mfa_token_invalid = This sign-in has expired. Enter your e-mail and password again.
error-totp_enabled = Authenticator codes are already on.
error-no_totp_waiting = Start again: no new secret waits for a code.
error-no_second_factor = Turn on a second factor first.
action-user-mfa-enrolled = Second factor turned on
action-user-mfa-removed = Second factor turned off
action-user-recovery-codes-regenerated = New recovery codes made
action-user-recovery-code-used = Signed in with a recovery code
action-user-mfa-reset = Second factors reset by an administrator
error-own_factors = Change your own second factors in My account.

# My account: authenticator app
totp-title = Authenticator app
totp-intro = Have sign-in ask, after your password, for a code from an authenticator app on your phone.
totp-turn-on = Turn on authenticator codes
totp-scan = Scan this QR code with your authenticator app, or type the key into it, then enter the code it shows.
totp-qr = QR code for your authenticator app
totp-key = Key
totp-confirm-code = Code from the app
totp-confirm = Confirm
totp-on = Authenticator codes are on: signing in asks for a code after your password.
totp-off = Turn off authenticator codes
recovery-title = Recovery codes
recovery-left = { $count ->
    [one] One recovery code left.
   *[other] { $count } recovery codes left.
}
recovery-new = New recovery codes
recovery-save = Your recovery codes: keep them somewhere safe. Each signs you in once without your phone. They are shown only now.
reset-factors = Reset second factors
factors-reset = Their second factors are removed and their sessions ended: they sign in with their password and can turn codes on again.
