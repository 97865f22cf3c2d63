# Portail Switchboard : français.

## Frame
brand = Switchboard
loading = Chargement…
crash-stopped = Une erreur a arrêté le portail. Rechargez la page pour continuer.
crash-reload = Recharger
language = Langue
sign-out = Se déconnecter
cancel = Annuler
not-found = Introuvable

## Sign-in and activation
login-intro = Connectez-vous pour gérer les utilisateurs et les rôles de votre organisation.
email = E-mail
password = Mot de passe
sign-in = Se connecter
signing-in = Connexion…
activate-title = Choisissez votre mot de passe
activate-hint = Au moins 8 caractères ; les mots de passe très courants sont refusés.
new-password = Nouveau mot de passe
repeat-password = Répétez le mot de passe
passwords-differ = Les deux mots de passe diffèrent.
set-password = Définir le mot de passe
activated-title = Votre compte est prêt
activated-text = Votre mot de passe est défini. Connectez-vous avec votre adresse e-mail et votre nouveau mot de passe.

## Tenant switcher
tenant = Organisation
tenants = Organisations
searching = Recherche…
no-tenant-matches = Aucune organisation ne correspond

## Users list
users-title = Utilisateurs
new-user = Nouvel utilisateur
export-csv = Exporter en CSV
exporting = Export en cours…
export-failed = Le navigateur n'a pas enregistré le fichier.
search-users = Rechercher des utilisateurs
search-placeholder = Nom, e-mail, poste…
loading-users = Chargement des utilisateurs…
users-count = { $count ->
    [one] { $count } utilisateur
   *[other] { $count } utilisateurs
}
filter-role = Rôle
filter-all-roles = Tous les rôles
filter-status = Statut
filter-all-statuses = Tous les statuts
clear-filters = Effacer les filtres
column-name = Nom
column-email = E-mail
column-status = Statut
column-extension = Poste
column-roles = Rôles
show-more = Afficher plus
status-active = Actif
status-invited = Invité
status-blocked = Bloqué
badge-server-user = Utilisateur serveur
badge-parent = Parent
badge-parent-title = Configuré à un niveau supérieur (revendeur ou plateforme)

## User editor
back-to-users = ← Utilisateurs
parent-user-note = Cet utilisateur est configuré à un niveau supérieur (revendeur ou plateforme) et ne peut être modifié que là.
display-name = Nom affiché
extension = Poste
external-id = Identifiant externe
time-zone = Fuseau horaire
mail-language = Langue des e-mails
mail-language-default = La langue du client
time-zone-placeholder = Celui du client
server-user-option = Utilisateur serveur (accès API seulement, sans licence)
status-line = Statut : { $status }
user-exists = Un utilisateur avec cet e-mail existe déjà.
open-that-user = Ouvrir cet utilisateur
saved = Enregistré.
user-created = Utilisateur créé.
save = Enregistrer
saving = Enregistrement…
account = Compte
act-block = Bloquer
act-unblock = Débloquer
act-delete = Supprimer
confirm-block = Oui, bloquer
confirm-unblock = Oui, débloquer
confirm-delete = Oui, supprimer
ask-block = Bloquer { $name } ? La session est fermée aussitôt et la connexion impossible jusqu'au déblocage.
ask-unblock = Débloquer { $name } ? La connexion redevient possible.
ask-delete = Supprimer { $name } ? C'est définitif ; ses appareils sont libérés.
last-admin-refusal = C'est le dernier administrateur des utilisateurs actif de l'organisation. Donnez d'abord « Gérer les utilisateurs » à un autre utilisateur actif, pour que quelqu'un puisse encore gérer les utilisateurs.

## Sections, licences and the audit trail
sections = Rubriques
licences-title = Utilisation des licences
column-licence = Licence
column-holders = Utilisateurs concernés
audit-title = Journal d'audit
audit-everyone = Les modifications de tous
audit-empty = Aucune modification pour l'instant.
audit-system = Système
audit-open-user = Voir l'utilisateur
audit-roles-added = Rôles ajoutés : { $roles }
audit-roles-removed = Rôles retirés : { $roles }
column-when = Quand
column-who = Qui
column-user = Utilisateur
column-change = Modification
history = Historique
send-activation = Envoyer l'e-mail d'activation
activation-sent = E-mail d'activation envoyé. Le lien précédent ne fonctionne plus.
send-uc-welcome = Envoyer l'e-mail de bienvenue UC
uc-welcome-sent = E-mail de bienvenue UC envoyé.
action-other = Autre modification
action-user-created = Utilisateur créé
action-user-updated = Utilisateur modifié
action-user-deleted = Utilisateur supprimé
action-user-activated = Compte activé
action-user-activation-sent = E-mail d'activation envoyé
action-user-uc-welcome-sent = E-mail de bienvenue UC envoyé
action-user-devices = Appareils attribués
action-roles-auto-assigned = Rôles attribués par les règles
action-device-created = Appareil ajouté
action-device-deleted = Appareil retiré
action-api-key-created = Clé d'API créée
action-api-key-revoked = Clé d'API révoquée
action-user-imported = Utilisateur importé
action-customer-created = Client créé
action-customer-updated = Client modifié

devices-title = Softphones
devices-need-role = Les softphones ne sont attribués qu'aux utilisateurs ayant { $role } : cochez-le et enregistrez d'abord.
devices-none = Cette organisation n'a pas encore de softphone.
device-elsewhere = attribué à un autre utilisateur
save-devices = Enregistrer les softphones
devices-saved = Softphones enregistrés.

bulk-title = Utilisateurs sélectionnés
bulk-selected = { $count ->
    [one] { $count } utilisateur sélectionné
   *[other] { $count } utilisateurs sélectionnés
}
bulk-action = Action
bulk-add-role = Ajouter un rôle
bulk-remove-role = Retirer un rôle
bulk-role = Rôle à ajouter ou retirer
bulk-preview = Aperçu
bulk-apply = { $count ->
    [one] Appliquer à { $count } utilisateur
   *[other] Appliquer à { $count } utilisateurs
}
bulk-will-send = recevra un nouvel e-mail d'activation
bulk-nothing = rien à changer
bulk-row-done = fait
select-user = Sélectionner { $name }

## Role panel
roles-title = Rôles
undo = Annuler
note-also-ticked = Également coché : { $others }, requis par { $role }.
note-replaces = { $role } remplace { $others } : un seul niveau de superviseur à la fois.
note-also-unticked = Également décoché : { $others }, faute de { $role }.
workspace-note = Un administrateur des utilisateurs sans rôle de superviseur ne voit pas les espaces de travail.
category-access = Type d'accès
category-supervisor = Accès superviseur (un au plus)
category-permission = Autorisations
category-client = Fonctions des clients logiciels
category-staff = Personnel
lock-parent = Cet utilisateur est configuré à un niveau supérieur et se modifie là.
lock-read-only = Attribué par l'import PBX ; non modifiable ici.
lock-service-user = Les utilisateurs serveur ne peuvent pas avoir de rôle sous licence.
badge-licence = Licence
badge-read-only = Lecture seule
licence-none = Aucun changement de licence.
licence-heading = Licences modifiées à l'enregistrement :
licence-adds = Ajoute : { $roles }
licence-removes = Retire : { $roles }

## Broken role rules, by code
violation-missing_prerequisite = { $role } exige { $related }.
violation-exclusive_conflict = Un seul de ces rôles à la fois : { $role }, { $related }.
violation-read_only_role = { $role } est attribué par l'import PBX et ne peut pas être modifié ici.
violation-service_user_licence = Les utilisateurs serveur ne peuvent pas avoir le rôle sous licence { $role }.
violation-unknown_role = Le rôle { $role } n'existe pas.
violation-wrong_tenant_kind = { $role } n'existe pas pour ce type de client.
violation-auto_assigned_role = { $role } est requis pour chaque utilisateur essentiel tant qu'il existe un superviseur d'analyse en direct (niveau 3 ou plus).
violation-softphone_role_required = Seuls les utilisateurs ayant { $role } peuvent recevoir un softphone.
violation-softphones_assigned = { $role } reste tant que l'utilisateur a des softphones : décochez d'abord ses softphones ci-dessous et enregistrez-les.
violation-last_user_admin = Il faut au moins un administrateur des utilisateurs.
violation-admin_required = Ce client n'a pas encore d'administrateur des utilisateurs : seule une modification qui crée le premier est acceptée (un utilisateur avec Gérer les utilisateurs et Accès au site).

## Problems the server reports, by code
error-network = Le serveur est injoignable. Vérifiez votre connexion et réessayez.
error-bad_response = Le serveur a envoyé une réponse que cette page ne comprend pas.
error-http = Le serveur a répondu { $status }.
error-invalid_credentials = E-mail ou mot de passe incorrect.
error-unauthenticated = Votre session est terminée. Connectez-vous pour continuer.
error-forbidden = Vous n'avez pas le rôle nécessaire.
error-parent_user = Cet utilisateur est configuré à un niveau supérieur : modifiez-le dans son propre client (revendeur ou plateforme).
error-not_found = Introuvable : cela n'existe pas ou ne vous est pas accessible.
error-payload_too_large = L'envoi est trop volumineux.
error-busy = Le serveur est occupé : réessayez dans un instant.
error-too_many_attempts = Trop de connexions échouées : patientez un peu, puis réessayez.
error-precondition_failed = Quelqu'un a modifié cet utilisateur depuis son ouverture : rechargez et réessayez.
error-internal = Un problème est survenu de notre côté. Réessayez dans un instant.
error-role_rules = La modification enfreint les règles des rôles.
error-invalid_fields = Certains champs ne sont pas valides.

## Invalid fields, by field and code (the server's own words otherwise)
field-invalid_characters = Retirez les caractères de contrôle ou de sens d’écriture.
field-required = Ce champ est obligatoire.
field-too_long = C'est trop long.
field-displayName-required = Saisissez un nom affiché.
field-email-required = Saisissez une adresse e-mail.
field-email-invalid = Saisissez une adresse e-mail valide, comme nom@exemple.fr.
field-email-taken = Un autre utilisateur a déjà cette adresse e-mail.
field-extension-invalid = Un poste compte de 2 à 8 chiffres.
field-extension-taken = Un autre utilisateur de ce client a déjà ce poste.
field-externalId-taken = Un autre utilisateur de ce client a déjà cet identifiant externe.
field-timeZone-invalid = Choisissez un fuseau horaire comme Europe/Paris.
field-substituteId-self = Un utilisateur ne peut pas être son propre remplaçant.
field-substituteId-not_found = Aucun utilisateur de ce client n'a cet identifiant.
field-password-too_short = Utilisez au moins 8 caractères.
field-password-too_long = Utilisez au plus 128 caractères.
field-password-too_common = Ce mot de passe fait partie des plus courants : choisissez-en un autre.
field-status-not_invited = Seules les personnes qui n'ont pas encore activé leur compte reçoivent un lien d'activation.
field-roles-no_portal_role = Donnez-lui d'abord Accès au site : sans lui, le lien ne permet pas de se connecter.
field-roles-no_uc_role = Seules les personnes dont les rôles donnent les clients UC reçoivent l'e-mail de bienvenue UC.
field-status-blocked = Cette personne est bloquée.

## Roles (SPEC 4.1): name, and its description as `.about`
role-customer-user-pbx = Utilisateur essentiel
    .about = Modélisation et journalisation des appels de l'utilisateur. Attribué par l'import PBX.
role-customer-user-uc-essential = Utilisateur essentiel (R.-U.)
    .about = Remplace Utilisateur essentiel chez les clients du Royaume-Uni. Attribué par l'import PBX.
role-customer-user-uc-remote = Utilisateur professionnel
    .about = Fonctions softphone et mobiles du client UC.
role-customer-user-pbx-realtime = Option temps réel
    .about = Modélisation des appels en temps réel pour l'utilisateur.
role-customer-user-acd = Option agent
    .about = Modélisation des événements ACD et fonctions ACD du client UC.
role-customer-user-microsoftteams = Utilisateur Microsoft Teams
    .about = Les appels Teams de l'utilisateur sont suivis.
role-customer-user-supervisorl1 = Superviseur rapports
    .about = Espaces de travail et rapports historiques.
role-customer-user-supervisorl2 = Superviseur analyse
    .about = Tableau de bord et rapports historiques.
role-customer-user-supervisorl3 = Superviseur analyse en direct
    .about = Rapports, tableaux de bord et murs d'affichage avec statistiques des appels en cours.
role-customer-user-supervisorl4 = Superviseur centre de contacts
    .about = Niveau 3 plus grilles des files et des agents en direct.
role-customer-user-supervisorl5 = Superviseur Insights
    .about = Rapports, tableau de bord et mur d'affichage Insights.
role-customer-user = Accès au site
    .about = Se connecter au portail.
role-user-admin = Gérer les utilisateurs
    .about = Créer et gérer les utilisateurs.
role-customer-billables-admin = Gérer les éléments facturables
    .about = Modifications ayant un effet sur la facturation.
role-customer-device-readonly = Accès aux appareils
    .about = Consultation des appareils du client.
role-customer-device-admin = Administrateur des appareils
    .about = Modifier les appareils du client.
role-customer-settings = Paramètres du client
    .about = Paramètres de toute l'organisation.
role-customer-directories-contributor = Gérer les annuaires
    .about = Modifier les annuaires de contacts.
role-customer-workspace-admin = Administrateur des espaces de travail
    .about = Gérer les espaces de travail.
role-customer-voice-applications = Applications de téléphonie
    .about = Configurer les applications vocales.
role-customer-voice-admin = Administrateur de téléphonie
    .about = Administrer les applications vocales.
role-onboarding-admin = Administrateur de l'API REST
    .about = Configurer le service API REST (utilisateurs serveur, clés d'API).
role-webhooks-admin = Administrateur des webhooks
    .about = Configurer les déclencheurs de webhooks.
role-pbx-agentcontrol = Contrôle des agents
    .about = Changer l'état d'agent d'un autre utilisateur depuis le tableau de bord.
role-pbx-silentmonitor = Écoute discrète
    .about = Écouter, souffler, intervenir dans et reprendre les appels des autres utilisateurs.
role-recording-listener = Écoute des enregistrements
    .about = Lire les enregistrements d'appels depuis la vue de segmentation des appels.
role-customer-user-uc = Client UC
    .about = Le client UC de bureau en mode CTI.
role-customer-user-crm = Client CRM
    .about = Les intégrations CRM (par ex. Salesforce, Dynamics).
role-customer-user-uc-softphone = Softphones
    .about = Les fonctions softphone du client UC.
role-reseller-admin = Administrateur revendeur
    .about = Gérer les clients du revendeur et leurs paramètres, et agir dans chacun d'eux.
role-platform-admin = Administrateur de la plateforme
    .about = Tout, chez tous les clients.
devices-page-title = Appareils
devices-page-none = Cette organisation n'a encore aucun appareil.
add-device-title = Ajouter un appareil
device-name = Nom de l'appareil
device-identifier-placeholder = Adresse MAC ou nom d'utilisateur SIP
add-device = Ajouter l'appareil
device-added = { $name } ajouté.
device-kind-softphone = Softphone
device-kind-deskphone = Téléphone de bureau
column-device-kind = Type
column-identifier = Identifiant
column-assigned-to = Attribué à
column-actions = Actions
remove = Retirer
remove-device = Retirer { $name }
ask-remove-device = Retirer { $name } ? La personne qui l'utilise le perd.
confirm-remove-device = Retirer l'appareil
field-identifier-taken = Un autre appareil de cette organisation a cet identifiant.
outbox-title = Boîte d'envoi
outbox-intro = E-mails envoyés depuis ce portail, les plus récents d'abord. Sans serveur de messagerie configuré, c'est ici que se trouvent les liens des personnes.
outbox-recipient = Destinataire
outbox-show = Afficher
delivery-pending = En attente d'envoi
delivery-sent = Envoyé
delivery-failed = Non remis
outbox-empty = Aucun e-mail n'a été envoyé.

## Import and onboarding
import-title = Importer des utilisateurs
import-nav = Importer
import-intro = Les utilisateurs sont reconnus par leur identifiant externe, puis leur e-mail : les connus sont mis à jour, les nouveaux créés avec le rôle essentiel de la région du client. Rien n'est importé tant qu'une ligne est fausse.
import-file = Fichier CSV
import-file-help = Colonnes : displayName, email, extension, externalId, agent (true ou false).
import-preview-pbx = Prévisualiser l'import depuis le PBX
import-checking = Vérification des lignes…
import-preview = Prêt à importer : { $created } nouveaux, { $updated } modifiés, { $unchanged } inchangés.
import-run = Importer
import-running = Import de { $rows } lignes… quelques secondes pour un gros fichier.
import-done = Importé : { $created } nouveaux, { $updated } modifiés, { $unchanged } inchangés.
import-bad-rows = { $count ->
    [one] Une ligne ne peut pas être importée. Corrigez-la et choisissez à nouveau le fichier ; rien n'a été importé.
   *[other] { $count } lignes ne peuvent pas être importées. Corrigez-les et choisissez à nouveau le fichier ; rien n'a été importé.
}
column-row = Ligne
column-column = Colonne
column-reason = Raison
field-duplicate = Une autre ligne du fichier a la même valeur.
field-taken = Un autre utilisateur a cette valeur.
field-invalid = Cette valeur n'est pas valide.
field-agent-invalid = L'indicateur agent vaut true ou false.
field-name-required = Saisissez le nom du client.
field-region-invalid = Une région est un code pays à deux lettres, comme GB ou FR.
field-pbx-baseUrl-invalid = Indiquez l'adresse du PBX, par exemple https://pbx.example.com:8443.
field-pbx-accountId-invalid = Un identifiant de compte n'a ni barre oblique ni espace.
field-pbx-accountId-required = Indiquez l'identifiant du compte du client sur le PBX.
field-pbx-secret-required = Indiquez la clé d'API du PBX.
error-invalid_rows = Certaines lignes ne peuvent pas être importées : rien n'a été importé.
error-invalid_csv = Ce fichier n'est pas un CSV d'utilisateurs avec les colonnes displayName et email.
error-unsupported_media_type = Le fichier doit être envoyé en CSV.
error-customer_exists = Ce revendeur a déjà un client avec cette référence.
error-no_pbx_connection = Ce client n'a pas de connexion PBX : importez un fichier CSV.
error-pbx_unreachable = Le PBX est injoignable.
error-pbx_address_refused = L'adresse du PBX est sur un réseau privé, que ce serveur n'atteint pas. Utilisez son adresse publique, ou demandez à l'opérateur d'autoriser les réseaux privés.
error-pbx_insecure = L'adresse du PBX doit commencer par https:// : en http:// sa clé d'API traverserait Internet en clair. Le http:// simple est réservé à un PBX sur un réseau privé autorisé par l'opérateur.
error-pbx_auth_failed = Le PBX a refusé la clé d'API.
error-pbx_error = Le PBX a répondu par une erreur.
error-pbx_bad_response = La réponse du PBX n'est pas un annuaire d'utilisateurs.
error-staff_only = Seul le personnel du revendeur ou de la plateforme peut modifier ces paramètres.
onboarding-nav = Nouveau client
onboarding-title = Intégrer un client
onboarding-steps = Étapes de l'intégration
step-details = Client
step-import = Importer les utilisateurs
step-admin = Premier administrateur
step-roles = Autres rôles
roles-intro = Donnez aux agents, superviseurs et aux autres leurs rôles : ouvrez chaque personne pour les cocher. L'impact sur les licences s'affiche avant l'enregistrement.
step-done = Terminé
customer-name = Nom du client
customer-description = Description
customer-reference = Votre référence
customer-region = Région (code pays)
customer-auto-acd = Donner le rôle d'agent ACD aux agents de centre d'appels importés
pbx-connect = Connecter un annuaire PBX (Kazoo)
pbx-base-url = Adresse du PBX
pbx-account-id = Identifiant du compte sur le PBX
pbx-secret = Clé d'API du PBX
create-customer = Créer le client
continue-existing-customer = Continuer avec ce client
skip-import = Continuer sans importer
next-step = Suivant
admin-intro = L'administrateur gère les utilisateurs du client. Choisissez une personne importée ou une nouvelle.
create-admin = Créer l'administrateur
make-admin = Faire de cet utilisateur l'administrateur
admin-exists = Un utilisateur avec cet e-mail existe déjà.
onboarding-done = { $customer } est prêt, avec { $admin } comme administrateur.
open-customer-users = Ouvrir les utilisateurs de { $customer } pour donner d'autres rôles
