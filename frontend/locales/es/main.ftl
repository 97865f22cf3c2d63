# Portal Switchboard: español.

## Frame
brand = Switchboard
loading = Cargando…
crash-stopped = Algo salió mal y el portal se detuvo. Recargue la página para continuar.
crash-reload = Recargar
language = Idioma
sign-out = Cerrar sesión
cancel = Cancelar
not-found = No encontrado

## Sign-in and activation
login-intro = Inicie sesión para gestionar los usuarios y roles de su organización.
email = Correo electrónico
password = Contraseña
sign-in = Iniciar sesión
signing-in = Iniciando sesión…
activate-title = Elija su contraseña
activate-hint = Al menos 8 caracteres; se rechazan las contraseñas muy comunes.
new-password = Nueva contraseña
repeat-password = Repita la contraseña
passwords-differ = Las dos contraseñas no coinciden.
set-password = Guardar contraseña
activated-title = Su cuenta está lista
activated-text = Su contraseña está guardada. Inicie sesión con su correo electrónico y su nueva contraseña.

## Tenant switcher
tenant = Organización
tenants = Organizaciones
searching = Buscando…
no-tenant-matches = Ninguna organización coincide

## Users list
users-title = Usuarios
new-user = Nuevo usuario
export-csv = Exportar CSV
exporting = Exportando…
export-failed = El navegador no guardó el archivo.
search-users = Buscar usuarios
search-placeholder = Nombre, correo, extensión…
loading-users = Cargando usuarios…
users-count = { $count ->
    [one] { $count } usuario
   *[other] { $count } usuarios
}
filter-role = Rol
filter-all-roles = Todos los roles
filter-status = Estado
filter-all-statuses = Todos los estados
clear-filters = Quitar filtros
column-name = Nombre
column-email = Correo electrónico
column-status = Estado
column-extension = Extensión
column-roles = Roles
show-more = Mostrar más
status-active = Activo
status-invited = Invitado
status-blocked = Bloqueado
badge-server-user = Usuario de servidor
badge-parent = Superior
badge-parent-title = Configurado en un nivel superior (revendedor o plataforma)

## User editor
back-to-users = ← Usuarios
parent-user-note = Este usuario está configurado en un nivel superior (revendedor o plataforma) y solo puede cambiarse allí.
display-name = Nombre visible
extension = Extensión
external-id = Identificador externo
time-zone = Zona horaria
mail-language = Idioma de los correos
mail-language-default = El idioma del cliente
time-zone-placeholder = La de la organización
server-user-option = Usuario de servidor (solo acceso a la API, sin licencias)
status-line = Estado: { $status }
user-exists = Ya existe un usuario con este correo electrónico.
open-that-user = Abrir ese usuario
saved = Guardado.
user-created = Usuario creado.
save = Guardar
saving = Guardando…
account = Cuenta
act-block = Bloquear
act-unblock = Desbloquear
act-delete = Eliminar
confirm-block = Sí, bloquear
confirm-unblock = Sí, desbloquear
confirm-delete = Sí, eliminar
ask-block = ¿Bloquear a { $name }? Su sesión se cierra al instante y no podrá entrar hasta que se desbloquee.
ask-unblock = ¿Desbloquear a { $name }? Podrá volver a iniciar sesión.
ask-delete = ¿Eliminar a { $name }? No se puede deshacer; sus dispositivos quedan libres.
last-admin-refusal = Es el último administrador de usuarios activo de la organización. Dé antes «Gestionar usuarios» a otro usuario activo, para que alguien pueda seguir gestionando usuarios.

## Sections, licences and the audit trail
sections = Secciones
licences-title = Uso de licencias
column-licence = Licencia
column-holders = Usuarios que la tienen
audit-title = Registro de auditoría
audit-everyone = Los cambios de todos
audit-empty = Todavía no se ha cambiado nada.
audit-system = Sistema
audit-open-user = Ver usuario
audit-roles-added = Roles añadidos: { $roles }
audit-roles-removed = Roles quitados: { $roles }
column-when = Cuándo
column-who = Quién
column-user = Usuario
column-change = Cambio
history = Historial
send-activation = Enviar correo de activación
activation-sent = Correo de activación enviado. El enlace anterior ya no funciona.
send-uc-welcome = Enviar correo de bienvenida UC
uc-welcome-sent = Correo de bienvenida UC enviado.
action-other = Otro cambio
action-user-created = Usuario creado
action-user-updated = Usuario cambiado
action-user-deleted = Usuario eliminado
action-user-activated = Cuenta activada
action-user-activation-sent = Correo de activación enviado
action-user-uc-welcome-sent = Correo de bienvenida UC enviado
action-user-devices = Dispositivos asignados
action-roles-auto-assigned = Roles asignados por las reglas
action-device-created = Dispositivo añadido
action-device-deleted = Dispositivo quitado
action-api-key-created = Clave de API creada
action-api-key-revoked = Clave de API revocada
action-user-imported = Usuario importado
action-customer-created = Cliente creado
action-customer-updated = Cliente modificado

devices-title = Softphones
devices-need-role = Solo se pueden dar softphones a usuarios con { $role }: márquelo y guarde antes.
devices-none = Esta organización aún no tiene softphones.
device-elsewhere = asignado a otro usuario
save-devices = Guardar softphones
devices-saved = Softphones guardados.

bulk-title = Usuarios seleccionados
bulk-selected = { $count ->
    [one] { $count } usuario seleccionado
   *[other] { $count } usuarios seleccionados
}
bulk-action = Acción
bulk-add-role = Añadir un rol
bulk-remove-role = Quitar un rol
bulk-role = Rol que añadir o quitar
bulk-preview = Vista previa
bulk-apply = { $count ->
    [one] Aplicar a { $count } usuario
   *[other] Aplicar a { $count } usuarios
}
bulk-will-send = recibirá un nuevo correo de activación
bulk-nothing = nada que cambiar
bulk-row-done = hecho
select-user = Seleccionar a { $name }

## Role panel
roles-title = Roles
undo = Deshacer
note-also-ticked = También marcado: { $others }, requerido por { $role }.
note-replaces = { $role } sustituye a { $others }: solo se puede tener un nivel de supervisor.
note-also-unticked = También desmarcado: { $others }, al faltar { $role }.
workspace-note = Un administrador de usuarios sin rol de supervisor no ve los espacios de trabajo.
category-access = Tipo de acceso
category-supervisor = Acceso de supervisor (uno como máximo)
category-permission = Permisos
category-client = Funciones de los clientes
category-staff = Personal
lock-parent = Este usuario está configurado en un nivel superior y se cambia allí.
lock-read-only = Lo asigna la importación de la centralita; no se puede cambiar aquí.
lock-service-user = Los usuarios de servidor no pueden tener roles con licencia.
badge-licence = Licencia
badge-read-only = Solo lectura
licence-none = Sin cambios de licencias.
licence-heading = Cambios de licencias al guardar:
licence-adds = Añade: { $roles }
licence-removes = Quita: { $roles }

## Broken role rules, by code
violation-missing_prerequisite = { $role } requiere { $related }.
violation-exclusive_conflict = Solo se puede tener uno de estos a la vez: { $role }, { $related }.
violation-read_only_role = { $role } lo asigna la importación de la centralita y no se puede cambiar aquí.
violation-service_user_licence = Los usuarios de servidor no pueden tener el rol con licencia { $role }.
violation-unknown_role = No existe el rol { $role }.
violation-wrong_tenant_kind = { $role } no está disponible en este tipo de organización.
violation-auto_assigned_role = { $role } es obligatorio para todo usuario esencial mientras exista un supervisor de analítica en directo (nivel 3 o superior).
violation-softphone_role_required = Solo los usuarios con { $role } pueden recibir un softphone.
violation-softphones_assigned = { $role } se mantiene mientras el usuario tenga softphones: desmarque primero sus softphones abajo y guárdelos.
violation-last_user_admin = Debe haber al menos un administrador de usuarios.
violation-admin_required = El cliente aún no tiene administrador de usuarios: solo se acepta un cambio que cree el primero (un usuario con Gestionar usuarios y Acceso al portal).

## Problems the server reports, by code
error-network = No se puede contactar con el servidor. Compruebe su conexión e inténtelo de nuevo.
error-bad_response = El servidor envió una respuesta que esta página no entiende.
error-http = El servidor respondió { $status }.
error-invalid_credentials = Correo electrónico o contraseña incorrectos.
error-unauthenticated = Su sesión ha terminado. Inicie sesión para continuar.
error-forbidden = No tiene el rol necesario para esto.
error-parent_user = Este usuario está configurado en un nivel superior: cámbielo en su propia organización (revendedor o plataforma).
error-not_found = No encontrado: no existe o no tiene acceso.
error-payload_too_large = Lo enviado es demasiado grande.
error-busy = El servidor está ocupado: vuelva a intentarlo en un momento.
error-too_many_attempts = Demasiados intentos fallidos: espere un rato y vuelva a intentarlo.
error-precondition_failed = Otra persona cambió este usuario después de que lo abriera: recargue e inténtelo de nuevo.
error-internal = Algo ha fallado por nuestra parte. Inténtelo de nuevo en un momento.
error-role_rules = El cambio incumple las reglas de los roles.
error-invalid_fields = Algunos campos no son válidos.

## Invalid fields, by field and code (the server's own words otherwise)
field-invalid_characters = Quite los caracteres de control o de dirección del texto.
field-required = Este campo es obligatorio.
field-too_long = Es demasiado largo.
field-displayName-required = Escriba un nombre visible.
field-email-required = Escriba un correo electrónico.
field-email-invalid = Escriba un correo electrónico válido, como nombre@ejemplo.es.
field-email-taken = Otro usuario tiene este correo electrónico.
field-extension-invalid = Una extensión tiene de 2 a 8 dígitos.
field-extension-taken = Otro usuario de esta organización tiene esta extensión.
field-externalId-taken = Otro usuario de esta organización tiene este identificador externo.
field-timeZone-invalid = Elija una zona horaria como Europe/Madrid.
field-substituteId-self = Un usuario no puede ser su propio sustituto.
field-substituteId-not_found = Ningún usuario de esta organización tiene ese identificador.
field-password-too_short = Use al menos 8 caracteres.
field-password-too_long = Use como máximo 128 caracteres.
field-password-too_common = Esta contraseña es de las más comunes: elija otra.
field-status-not_invited = Solo las personas que aún no han activado su cuenta reciben un enlace de activación.
field-roles-no_portal_role = Dele primero Acceso al portal: sin él no puede iniciar sesión con el enlace.
field-roles-no_uc_role = Solo las personas cuyos roles dan los clientes UC reciben el correo de bienvenida UC.
field-status-blocked = Esta persona está bloqueada.

## Roles (SPEC 4.1): name, and its description as `.about`
role-customer-user-pbx = Usuario esencial
    .about = Modelado y registro de las llamadas del usuario. Lo asigna la importación de la centralita.
role-customer-user-uc-essential = Usuario esencial (R. U.)
    .about = Sustituye a Usuario esencial en las organizaciones del Reino Unido. Lo asigna la importación de la centralita.
role-customer-user-uc-remote = Usuario profesional
    .about = Funciones de softphone y móvil del cliente UC.
role-customer-user-pbx-realtime = Complemento de tiempo real
    .about = Modelado de llamadas en tiempo real para el usuario.
role-customer-user-acd = Complemento de agente
    .about = Modelado de eventos ACD y funciones ACD del cliente UC.
role-customer-user-microsoftteams = Usuario de Microsoft Teams
    .about = Se supervisan las llamadas de Teams del usuario.
role-customer-user-supervisorl1 = Supervisor de informes
    .about = Espacios de trabajo e informes históricos.
role-customer-user-supervisorl2 = Supervisor de analítica
    .about = Panel e informes históricos.
role-customer-user-supervisorl3 = Supervisor de analítica en directo
    .about = Informes, paneles y murales con estadísticas de llamadas activas.
role-customer-user-supervisorl4 = Supervisor de centro de contacto
    .about = Nivel 3 más las cuadrículas de colas y agentes en directo.
role-customer-user-supervisorl5 = Supervisor de Insights
    .about = Informes, panel y mural de Insights.
role-customer-user = Acceso al portal
    .about = Iniciar sesión en el portal.
role-user-admin = Gestionar usuarios
    .about = Crear y gestionar usuarios.
role-customer-billables-admin = Gestionar elementos facturables
    .about = Cambios que afectan a la facturación.
role-customer-device-readonly = Acceso a dispositivos
    .about = Consulta de los dispositivos de la organización.
role-customer-device-admin = Administrador de dispositivos
    .about = Cambiar los dispositivos de la organización.
role-customer-settings = Ajustes del cliente
    .about = Ajustes de toda la organización.
role-customer-directories-contributor = Gestionar directorios
    .about = Editar los directorios de contactos.
role-customer-workspace-admin = Administrador de espacios de trabajo
    .about = Gestionar espacios de trabajo.
role-customer-voice-applications = Aplicaciones de telefonía
    .about = Configurar aplicaciones de voz.
role-customer-voice-admin = Administrador de telefonía
    .about = Administrar aplicaciones de voz.
role-onboarding-admin = Administrador de la API REST
    .about = Configurar el servicio API REST (usuarios de servidor, claves de API).
role-webhooks-admin = Administrador de webhooks
    .about = Configurar los disparadores de webhooks.
role-pbx-agentcontrol = Control de agentes
    .about = Cambiar el estado de agente de otro usuario desde el panel.
role-pbx-silentmonitor = Escucha silenciosa
    .about = Escuchar, susurrar, intervenir y tomar las llamadas de otros usuarios.
role-recording-listener = Reproducción de grabaciones
    .about = Reproducir grabaciones de llamadas desde la vista de segmentación de llamadas.
role-customer-user-uc = Cliente UC
    .about = El cliente UC de escritorio en modo CTI.
role-customer-user-crm = Cliente CRM
    .about = Las integraciones CRM (p. ej., Salesforce, Dynamics).
role-customer-user-uc-softphone = Softphones
    .about = Las funciones de softphone del cliente UC.
role-reseller-admin = Administrador del revendedor
    .about = Gestionar los clientes del revendedor y sus ajustes, y actuar en cualquiera de ellos.
role-platform-admin = Administrador de la plataforma
    .about = Todo, en todas las organizaciones.
devices-page-title = Dispositivos
devices-page-none = Esta organización aún no tiene dispositivos.
add-device-title = Añadir un dispositivo
device-name = Nombre del dispositivo
device-identifier-placeholder = Dirección MAC o usuario SIP
add-device = Añadir dispositivo
device-added = { $name } añadido.
device-kind-softphone = Softphone
device-kind-deskphone = Teléfono de escritorio
column-device-kind = Tipo
column-identifier = Identificador
column-assigned-to = Asignado a
column-actions = Acciones
remove = Quitar
remove-device = Quitar { $name }
ask-remove-device = ¿Quitar { $name }? Quien lo use lo perderá.
confirm-remove-device = Quitar dispositivo
field-identifier-taken = Otro dispositivo de esta organización tiene este identificador.
outbox-title = Bandeja de salida
outbox-intro = Correos enviados desde este portal, los más recientes primero. Sin servidor de correo configurado, aquí están los enlaces de las personas.
outbox-recipient = Destinatario
outbox-show = Mostrar
delivery-pending = Pendiente de envío
delivery-sent = Enviado
delivery-failed = No entregado
outbox-empty = No se ha enviado ningún correo.

## Import and onboarding
import-title = Importar usuarios
import-nav = Importar
import-intro = Los usuarios se reconocen por su id externo y luego por su correo: los conocidos se actualizan y los nuevos se crean con el rol esencial de la región del cliente. No se importa nada mientras alguna fila sea incorrecta.
import-file = Archivo CSV
import-file-help = Columnas: displayName, email, extension, externalId, agent (true o false).
import-preview-pbx = Previsualizar la importación desde la PBX
import-checking = Comprobando las filas…
import-preview = Listo para importar: { $created } nuevos, { $updated } modificados, { $unchanged } sin cambios.
import-run = Importar
import-running = Importando { $rows } filas… unos segundos para un archivo grande.
import-done = Importado: { $created } nuevos, { $updated } modificados, { $unchanged } sin cambios.
import-bad-rows = { $count ->
    [one] Una fila no se puede importar. Corríjala y elija de nuevo el archivo; no se ha importado nada.
   *[other] { $count } filas no se pueden importar. Corríjalas y elija de nuevo el archivo; no se ha importado nada.
}
column-row = Fila
column-column = Columna
column-reason = Motivo
field-duplicate = Otra fila del archivo tiene el mismo valor.
field-taken = Otro usuario tiene este valor.
field-invalid = Este valor no es válido.
field-agent-invalid = El indicador de agente es true o false.
field-name-required = Escriba el nombre del cliente.
field-region-invalid = Una región es un código de país de dos letras, como GB o FR.
field-pbx-baseUrl-invalid = Indique la dirección de la PBX, por ejemplo https://pbx.example.com:8443.
field-pbx-accountId-invalid = Un id de cuenta no tiene barras ni espacios.
field-pbx-accountId-required = Indique el id de la cuenta del cliente en la PBX.
field-pbx-secret-required = Indique la clave de API de la PBX.
error-invalid_rows = Algunas filas no se pueden importar: no se ha importado nada.
error-invalid_csv = Este archivo no es un CSV de usuarios con las columnas displayName y email.
error-unsupported_media_type = El archivo debe enviarse como CSV.
error-customer_exists = Este revendedor ya tiene un cliente con esta referencia.
error-no_pbx_connection = Este cliente no tiene conexión PBX: importe un archivo CSV.
error-pbx_unreachable = No se puede contactar con la PBX.
error-pbx_address_refused = La dirección de la PBX está en una red privada, a la que este servidor no accede. Use su dirección pública o pida al operador que permita las redes privadas.
error-pbx_insecure = La dirección de la PBX debe empezar por https://: con http:// su clave de API cruzaría Internet sin cifrar. El http:// simple es para una PBX en una red privada que el operador haya permitido.
error-pbx_auth_failed = La PBX rechazó la clave de API.
error-pbx_error = La PBX respondió con un error.
error-pbx_bad_response = La respuesta de la PBX no es un directorio de usuarios.
error-staff_only = Solo el personal del revendedor o de la plataforma puede cambiar estos ajustes.
onboarding-nav = Nuevo cliente
onboarding-title = Incorporar un cliente
onboarding-steps = Pasos de la incorporación
step-details = Cliente
step-import = Importar usuarios
step-admin = Primer administrador
step-roles = Otros roles
roles-intro = Dé a los agentes, supervisores y demás sus roles: abra cada persona para marcarlos. El impacto en licencias se muestra antes de guardar.
step-done = Hecho
customer-name = Nombre del cliente
customer-description = Descripción
customer-reference = Su referencia
customer-region = Región (código de país)
customer-auto-acd = Dar el rol de agente ACD a los agentes de centro de llamadas importados
pbx-connect = Conectar un directorio PBX (Kazoo)
pbx-base-url = Dirección de la PBX
pbx-account-id = Id de la cuenta en la PBX
pbx-secret = Clave de API de la PBX
create-customer = Crear cliente
continue-existing-customer = Continuar con ese cliente
skip-import = Continuar sin importar
next-step = Siguiente
admin-intro = El administrador gestiona los usuarios del cliente. Elija una persona importada o una nueva.
create-admin = Crear administrador
make-admin = Hacer administrador a este usuario
admin-exists = Ya existe un usuario con este correo.
onboarding-done = { $customer } está listo, con { $admin } como administrador.
open-customer-users = Abrir los usuarios de { $customer } para dar más roles
