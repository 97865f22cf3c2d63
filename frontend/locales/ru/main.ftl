# Портал Switchboard: русский.

## Frame
brand = Switchboard
loading = Загрузка…
crash-stopped = Произошла ошибка, и портал остановился. Перезагрузите страницу, чтобы продолжить.
crash-reload = Перезагрузить
language = Язык
sign-out = Выйти
cancel = Отмена
not-found = Не найдено

## Sign-in and activation
login-intro = Войдите, чтобы управлять пользователями и ролями вашей организации.
email = Эл. почта
password = Пароль
sign-in = Войти
signing-in = Вход…
activate-title = Придумайте пароль
activate-hint = Не менее 8 символов; слишком распространённые пароли не принимаются.
new-password = Новый пароль
repeat-password = Повторите пароль
passwords-differ = Пароли не совпадают.
set-password = Сохранить пароль
activated-title = Учётная запись готова
activated-text = Пароль сохранён. Войдите, указав адрес эл. почты и новый пароль.

## Tenant switcher
tenant = Организация
tenants = Организации
searching = Поиск…
no-tenant-matches = Организации не найдены

## Users list
users-title = Пользователи
new-user = Новый пользователь
export-csv = Экспорт в CSV
exporting = Экспорт…
export-failed = Браузер не сохранил файл.
search-users = Поиск пользователей
search-placeholder = Имя, эл. почта, внутренний номер…
users-count = { $count ->
    [one] { $count } пользователь
    [few] { $count } пользователя
    [many] { $count } пользователей
   *[other] { $count } пользователя
}
users-count-more = Более { $count } пользователей
filter-role = Роль
filter-all-roles = Все роли
filter-status = Статус
filter-all-statuses = Все статусы
clear-filters = Сбросить фильтры
column-name = Имя
column-email = Эл. почта
column-status = Статус
column-extension = Внутр. номер
column-roles = Роли
show-more = Показать ещё
status-active = Активен
status-invited = Приглашён
status-blocked = Заблокирован
badge-server-user = Серверный пользователь
badge-parent = Вышестоящий
badge-parent-title = Настроен на более высоком уровне (реселлер или платформа)

## User editor
back-to-users = ← Пользователи
parent-user-note = Этот пользователь настроен на более высоком уровне (реселлер или платформа) и изменяется только там.
display-name = Отображаемое имя
extension = Внутренний номер
external-id = Внешний идентификатор
time-zone = Часовой пояс
mail-language = Язык писем
mail-language-default = Язык клиента
time-zone-placeholder = Как у организации
server-user-option = Серверный пользователь (только доступ к API, без лицензий)
status-line = Статус: { $status }
user-exists = Пользователь с таким адресом эл. почты уже есть.
open-that-user = Открыть этого пользователя
saved = Сохранено.
user-created = Пользователь создан.
save = Сохранить
saving = Сохранение…
account = Учётная запись
act-block = Заблокировать
act-unblock = Разблокировать
act-delete = Удалить
confirm-block = Да, заблокировать
confirm-unblock = Да, разблокировать
confirm-delete = Да, удалить
ask-block = Заблокировать пользователя { $name }? Сеанс сразу завершится, войти будет нельзя до разблокировки.
ask-unblock = Разблокировать пользователя { $name }? Вход снова станет возможен.
ask-delete = Удалить пользователя { $name }? Это необратимо; его устройства освободятся.
last-admin-refusal = Это последний активный администратор пользователей организации. Сначала выдайте роль «Управление пользователями» другому активному пользователю, чтобы было кому управлять пользователями.

## Sections, licences and the audit trail
sections = Разделы
licences-title = Использование лицензий
column-licence = Лицензия
column-holders = Пользователей с ней
audit-title = Журнал аудита
audit-everyone = Изменения всех пользователей
audit-empty = Изменений пока нет.
audit-system = Система
audit-open-user = Открыть пользователя
audit-roles-added = Добавлены роли: { $roles }
audit-roles-removed = Сняты роли: { $roles }
column-when = Когда
column-who = Кто
column-user = Пользователь
column-change = Изменение
history = История
send-activation = Отправить письмо для активации
activation-sent = Письмо для активации отправлено. Прежняя ссылка больше не действует.
send-uc-welcome = Отправить приветственное письмо UC
uc-welcome-sent = Приветственное письмо UC отправлено.
action-other = Другое изменение
action-user-created = Пользователь создан
action-user-updated = Пользователь изменён
action-user-deleted = Пользователь удалён
action-user-activated = Учётная запись активирована
action-user-activation-sent = Отправлено письмо для активации
action-user-uc-welcome-sent = Отправлено приветственное письмо UC
action-user-devices = Назначены устройства
action-roles-auto-assigned = Роли назначены по правилам
action-device-created = Устройство добавлено
action-device-deleted = Устройство удалено
action-api-key-created = Создан ключ API
action-api-key-revoked = Ключ API отозван
action-user-imported = Пользователь импортирован
action-customer-created = Клиент создан
action-customer-updated = Клиент изменён

devices-title = Софтфоны
devices-need-role = Софтфоны выдаются только пользователям с ролью «{ $role }»: сначала отметьте её и сохраните.
devices-none = У организации пока нет софтфонов.
device-elsewhere = назначен другому пользователю
save-devices = Сохранить софтфоны
devices-saved = Софтфоны сохранены.

bulk-title = Выбранные пользователи
bulk-selected = { $count ->
    [one] Выбран { $count } пользователь
    [few] Выбрано { $count } пользователя
    [many] Выбрано { $count } пользователей
   *[other] Выбрано { $count } пользователя
}
bulk-action = Действие
bulk-add-role = Добавить роль
bulk-remove-role = Снять роль
bulk-role = Роль, которую добавить или снять
bulk-preview = Предпросмотр
bulk-apply = { $count ->
    [one] Применить к { $count } пользователю
   *[other] Применить к { $count } пользователям
}
bulk-will-send = получит новое письмо для активации
bulk-nothing = менять нечего
bulk-row-done = готово
select-user = Выбрать: { $name }

## Role panel
roles-title = Роли
undo = Отменить
note-also-ticked = Также отмечено: { $others } — требуется для роли «{ $role }».
note-replaces = «{ $role }» заменяет «{ $others }»: уровень супервизора может быть только один.
note-also-unticked = Также снято: { $others } — без роли «{ $role }» недоступно.
workspace-note = Администратор пользователей без роли супервизора не видит рабочие пространства.
category-access = Тип доступа
category-supervisor = Доступ супервизора (не более одного)
category-permission = Права
category-client = Функции клиентов
category-staff = Персонал
lock-parent = Этот пользователь настроен на более высоком уровне и изменяется там.
lock-read-only = Назначается импортом из АТС; здесь не изменяется.
lock-service-user = Серверные пользователи не могут иметь лицензируемые роли.
badge-licence = Лицензия
badge-read-only = Только чтение
licence-none = Лицензии не меняются.
licence-heading = Изменения лицензий при сохранении:
licence-adds = Добавится: { $roles }
licence-removes = Уберётся: { $roles }

## Broken role rules, by code
violation-missing_prerequisite = Роли «{ $role }» требуется: { $related }.
violation-exclusive_conflict = Одновременно возможна только одна из ролей: { $role }, { $related }.
violation-read_only_role = Роль «{ $role }» назначается импортом из АТС и здесь не изменяется.
violation-service_user_licence = Серверные пользователи не могут иметь лицензируемую роль «{ $role }».
violation-unknown_role = Роли { $role } не существует.
violation-wrong_tenant_kind = Роль «{ $role }» недоступна для организаций этого типа.
violation-auto_assigned_role = Роль «{ $role }» обязательна для каждого базового пользователя, пока есть супервизор живой аналитики (уровень 3 или выше).
violation-softphone_role_required = Софтфон можно выдать только пользователям с ролью «{ $role }».
violation-softphones_assigned = Роль «{ $role }» остаётся, пока у пользователя есть софтфоны: сначала снимите отметки с его софтфонов ниже и сохраните.
violation-last_user_admin = Должен остаться хотя бы один администратор пользователей.
violation-admin_required = У клиента ещё нет администратора пользователей: принимается только изменение, создающее первого (пользователь с ролями «Управление пользователями» и «Доступ к порталу»).

## Problems the server reports, by code
error-network = Сервер недоступен. Проверьте подключение и повторите попытку.
error-bad_response = Сервер прислал ответ, который эта страница не понимает.
error-http = Сервер ответил { $status }.
error-invalid_credentials = Неверный адрес эл. почты или пароль.
error-unauthenticated = Сеанс завершён. Войдите, чтобы продолжить.
error-forbidden = У вас нет нужной для этого роли.
error-parent_user = Этот пользователь настроен на более высоком уровне: изменяйте его в его собственной организации (реселлер или платформа).
error-not_found = Не найдено: этого нет или у вас нет доступа.
error-payload_too_large = Отправленные данные слишком велики.
error-busy = Сервер занят: повторите попытку через несколько секунд.
error-too_many_attempts = Слишком много неудачных попыток входа: подождите и попробуйте снова.
error-precondition_failed = Кто-то изменил этого пользователя после того, как вы его открыли: обновите страницу и повторите.
error-internal = На нашей стороне произошла ошибка. Повторите попытку чуть позже.
error-role_rules = Изменение нарушает правила ролей.
error-invalid_fields = Некоторые поля заполнены неверно.

## Invalid fields, by field and code (the server's own words otherwise)
field-invalid_characters = Уберите управляющие символы и символы направления текста.
field-required = Это обязательное поле.
field-too_long = Слишком длинно.
field-displayName-required = Введите отображаемое имя.
field-email-required = Введите адрес эл. почты.
field-email-invalid = Введите правильный адрес эл. почты, например name@example.com.
field-email-taken = Этот адрес эл. почты уже у другого пользователя.
field-extension-invalid = Внутренний номер — от 2 до 8 цифр.
field-extension-taken = Этот внутренний номер уже у другого пользователя организации.
field-externalId-taken = Этот внешний идентификатор уже у другого пользователя организации.
field-timeZone-invalid = Выберите часовой пояс, например Europe/Moscow.
field-substituteId-self = Пользователь не может замещать сам себя.
field-substituteId-not_found = В организации нет пользователя с таким идентификатором.
field-password-too_short = Не менее 8 символов.
field-password-too_long = Не более 128 символов.
field-password-too_common = Это один из самых распространённых паролей: выберите другой.
field-status-not_invited = Ссылку для активации получают только те, кто ещё не активировал учётную запись.
field-roles-no_portal_role = Сначала дайте роль «Доступ к порталу»: без неё по ссылке нельзя будет войти.
field-roles-no_uc_role = Приветственное письмо UC получают только те, чьи роли дают клиенты UC.
field-status-blocked = Этот человек заблокирован.

## Roles (SPEC 4.1): name, and its description as `.about`
role-customer-user-pbx = Базовый пользователь
    .about = Моделирование и журнал звонков пользователя. Назначается импортом из АТС.
role-customer-user-uc-essential = Базовый пользователь (Великобритания)
    .about = Заменяет «Базовый пользователь» в организациях Великобритании. Назначается импортом из АТС.
role-customer-user-uc-remote = Профессиональный пользователь
    .about = Софтфон и мобильные функции UC-клиента.
role-customer-user-pbx-realtime = Дополнение «Реальное время»
    .about = Моделирование звонков пользователя в реальном времени.
role-customer-user-acd = Дополнение «Оператор»
    .about = Моделирование событий ACD и функции ACD в UC-клиенте.
role-customer-user-microsoftteams = Пользователь Microsoft Teams
    .about = Звонки пользователя в Teams отслеживаются.
role-customer-user-supervisorl1 = Супервизор отчётов
    .about = Рабочие пространства и исторические отчёты.
role-customer-user-supervisorl2 = Супервизор аналитики
    .about = Панель мониторинга и исторические отчёты.
role-customer-user-supervisorl3 = Супервизор живой аналитики
    .about = Отчёты, панели и табло со статистикой текущих звонков.
role-customer-user-supervisorl4 = Супервизор контакт-центра
    .about = Уровень 3 и живые таблицы очередей и операторов.
role-customer-user-supervisorl5 = Супервизор Insights
    .about = Отчёты, панель и табло Insights.
role-customer-user = Доступ к порталу
    .about = Вход в портал.
role-user-admin = Управление пользователями
    .about = Создание пользователей и управление ими.
role-customer-billables-admin = Управление платными позициями
    .about = Изменения, влияющие на счета.
role-customer-device-readonly = Доступ к устройствам
    .about = Просмотр устройств организации.
role-customer-device-admin = Администратор устройств
    .about = Изменение устройств организации.
role-customer-settings = Настройки клиента
    .about = Настройки всей организации.
role-customer-directories-contributor = Управление справочниками
    .about = Редактирование справочников контактов.
role-customer-workspace-admin = Администратор рабочих пространств
    .about = Управление рабочими пространствами.
role-customer-voice-applications = Приложения телефонии
    .about = Настройка голосовых приложений.
role-customer-voice-admin = Администратор телефонии
    .about = Администрирование голосовых приложений.
role-onboarding-admin = Администратор REST API
    .about = Настройка службы REST API (серверные пользователи, ключи API).
role-webhooks-admin = Администратор вебхуков
    .about = Настройка триггеров вебхуков.
role-pbx-agentcontrol = Управление операторами
    .about = Изменение статуса оператора другого пользователя с панели.
role-pbx-silentmonitor = Скрытое прослушивание
    .about = Прослушивание, подсказка, вмешательство и перехват звонков других пользователей.
role-recording-listener = Прослушивание записей
    .about = Воспроизведение записей звонков из представления сегментов звонка.
role-customer-user-uc = UC-клиент
    .about = Настольный UC-клиент в режиме CTI.
role-customer-user-crm = CRM-клиент
    .about = Интеграции с CRM (например, Salesforce, Dynamics).
role-customer-user-uc-softphone = Софтфоны
    .about = Функции софтфона в UC-клиенте.
role-reseller-admin = Администратор реселлера
    .about = Управление клиентами реселлера и их настройками, работа от имени любого из них.
role-platform-admin = Администратор платформы
    .about = Всё, во всех организациях.
devices-page-title = Устройства
devices-page-none = У этой организации пока нет устройств.
add-device-title = Добавить устройство
device-name = Название устройства
device-identifier-placeholder = MAC-адрес или имя пользователя SIP
add-device = Добавить устройство
device-added = { $name }: добавлено.
device-kind-softphone = Софтфон
device-kind-deskphone = Настольный телефон
column-device-kind = Тип
column-identifier = Идентификатор
column-assigned-to = Кому выдано
column-actions = Действия
remove = Удалить
remove-device = Удалить { $name }
ask-remove-device = Удалить { $name }? Тот, кто им пользуется, его потеряет.
confirm-remove-device = Удалить устройство
field-identifier-taken = У другого устройства этой организации такой же идентификатор.
outbox-title = Исходящие
outbox-intro = Письма, отправленные из портала, сначала новые. Пока почтовый сервер не настроен, ссылки для людей находятся здесь.
outbox-recipient = Получатель
outbox-show = Показать
delivery-pending = Ожидает отправки
delivery-sent = Отправлено
delivery-failed = Не доставлено
outbox-empty = Писем ещё не отправлялось.

## Import and onboarding
import-title = Импорт пользователей
import-nav = Импорт
import-intro = Пользователи сопоставляются по внешнему идентификатору, затем по e-mail: известные обновляются, новые создаются с основной ролью региона клиента. Пока в файле есть ошибочная строка, ничего не импортируется.
import-file = CSV-файл
import-file-help = Столбцы: displayName, email, extension, externalId, agent (true или false).
import-preview-pbx = Предпросмотр импорта из АТС
import-checking = Проверка строк…
import-preview = Готово к импорту: новых — { $created }, изменённых — { $updated }, без изменений — { $unchanged }.
import-run = Импортировать
import-running = Импорт строк: { $rows }… для большого файла это займёт несколько секунд.
import-done = Импортировано: новых — { $created }, изменённых — { $updated }, без изменений — { $unchanged }.
import-bad-rows = { $count ->
    [one] { $count } строку нельзя импортировать. Исправьте её и выберите файл снова; ничего не импортировано.
    [few] { $count } строки нельзя импортировать. Исправьте их и выберите файл снова; ничего не импортировано.
   *[other] { $count } строк нельзя импортировать. Исправьте их и выберите файл снова; ничего не импортировано.
}
column-row = Строка
column-column = Столбец
column-reason = Причина
field-duplicate = В другой строке файла то же значение.
field-taken = Это значение уже у другого пользователя.
field-invalid = Недопустимое значение.
field-agent-invalid = Признак агента — true или false.
field-name-required = Введите название клиента.
field-region-invalid = Регион — двухбуквенный код страны, например GB или FR.
field-pbx-baseUrl-invalid = Укажите адрес АТС, например https://pbx.example.com:8443.
field-pbx-accountId-invalid = В идентификаторе учётной записи не должно быть косых черт и пробелов.
field-pbx-accountId-required = Укажите идентификатор учётной записи клиента на АТС.
field-pbx-secret-required = Укажите API-ключ АТС.
error-invalid_rows = Некоторые строки нельзя импортировать: ничего не импортировано.
error-invalid_csv = Этот файл не является CSV-файлом пользователей со столбцами displayName и email.
error-unsupported_media_type = Файл нужно отправить в формате CSV.
error-customer_exists = У этого реселлера уже есть клиент с таким идентификатором.
error-no_pbx_connection = У клиента нет подключения к АТС: импортируйте CSV-файл.
error-pbx_unreachable = АТС недоступна.
error-pbx_address_refused = Адрес АТС находится в частной сети, недоступной этому серверу. Укажите её публичный адрес или попросите оператора разрешить частные сети.
error-pbx_insecure = Адрес АТС должен начинаться с https://: по http:// её ключ API передавался бы через интернет открытым текстом. Простой http:// допустим только для АТС в частной сети, разрешённой оператором.
error-pbx_auth_failed = АТС отклонила API-ключ.
error-pbx_error = АТС ответила ошибкой.
error-pbx_bad_response = Ответ АТС не является справочником пользователей.
error-staff_only = Эти настройки может менять только персонал реселлера или платформы.
onboarding-nav = Новый клиент
onboarding-title = Подключение клиента
onboarding-steps = Шаги подключения
step-details = Клиент
step-import = Импорт пользователей
step-admin = Первый администратор
step-roles = Другие роли
roles-intro = Назначьте роли агентам, супервизорам и остальным: откройте каждого пользователя и отметьте роли. Влияние на лицензии показывается до сохранения.
step-done = Готово
customer-name = Название клиента
customer-description = Описание
customer-reference = Ваш идентификатор клиента
customer-region = Регион (код страны)
customer-auto-acd = Давать импортированным агентам колл-центра роль агента ACD
pbx-connect = Подключить справочник АТС (Kazoo)
pbx-base-url = Адрес АТС
pbx-account-id = Идентификатор учётной записи на АТС
pbx-secret = API-ключ АТС
create-customer = Создать клиента
continue-existing-customer = Продолжить с этим клиентом
skip-import = Продолжить без импорта
next-step = Далее
admin-intro = Администратор управляет пользователями клиента. Выберите импортированного пользователя или нового.
create-admin = Создать администратора
make-admin = Сделать этого пользователя администратором
admin-exists = Пользователь с таким e-mail уже существует.
onboarding-done = Клиент { $customer } готов, администратор — { $admin }.
open-customer-users = Открыть пользователей клиента { $customer }, чтобы назначить другие роли
forgot-password-link = Забыли пароль?
forgot-title = Забыли пароль?
forgot-hint = Введите адрес электронной почты, с которым вы входите. Если он принадлежит учётной записи, мы отправим на него ссылку для выбора нового пароля.
forgot-send = Прислать ссылку
forgot-sent = Если этот адрес принадлежит учётной записи, которая входит по паролю, ссылка для выбора нового пароля уже в пути. Она действует один раз в течение часа.
back-to-sign-in = Вернуться ко входу
reset-title = Выберите новый пароль
reset-hint = Не менее 8 символов; слишком распространённые пароли не принимаются. Все ваши сеансы будут завершены.
reset-done-title = Пароль изменён
reset-done-text = Войдите со своим адресом электронной почты и новым паролем.
session-ended = Ваш сеанс завершён (с другого устройства или администратором). Войдите снова, чтобы продолжить.
my-account = Моя учётная запись
account-title = Моя учётная запись
profile-title = Профиль
profile-saved = Профиль сохранён.
password-title = Пароль
current-password = Текущий пароль
change-password = Сменить пароль
password-changed = Пароль изменён. Все остальные ваши сеансы завершены.
sessions-title = Где выполнен вход
session-this-device = Это устройство
session-used = Последнее использование: { $when }, адрес { $address }
session-since = Вход выполнен: { $when }
unknown-device = Неизвестное устройство
sign-out-session = Завершить
sign-out-others = Завершить все остальные сеансы
no-other-sessions = Других сеансов нет.
error-wrong_password = Текущий пароль неверен.
error-invalid_reset_token = Эта ссылка больше не действует (уже использована, устарела или заменена новой): запросите новую.
field-newPassword-too_short = Используйте не менее 8 символов.
field-newPassword-too_long = Используйте не более 128 символов.
field-newPassword-too_common = Этот пароль слишком распространён: выберите другой.
action-user-password-reset = Пароль сброшен по ссылке из письма
action-user-password-changed = Пароль изменён
action-user-sessions-revoked = Сеансы завершены
user-sessions-title = Сеансы
user-sessions-none = Нет активных сеансов.
end-user-sessions = Завершить все сеансы
user-sessions-ended = Все сеансы завершены: доступ прекратится при следующем запросе.

# Second factor at sign-in
mfa-title = Двухэтапный вход
mfa-intro = Введите 6-значный код из приложения-аутентификатора.
mfa-recovery-intro = Введите один из сохранённых кодов восстановления. Каждый действует один раз.
mfa-code = Код аутентификатора
mfa-recovery-code = Код восстановления
mfa-verify = Проверить
mfa-verifying = Проверка…
mfa-use-recovery = Использовать код восстановления
mfa-use-code = Использовать код аутентификатора
mfa-start-over = Вернуться к эл. почте и паролю
error-invalid_code = Код неверен или уже использован.
field-invalid_code = Код неверен или уже использован.
error-mfa_token_invalid = Время входа истекло. Введите эл. почту и пароль ещё раз.
error-totp_enabled = Коды аутентификатора уже включены.
error-no_totp_waiting = Начните заново: новый секрет не ожидает кода.
error-no_second_factor = Сначала включите второй фактор.
action-user-mfa-enrolled = Второй фактор включён
action-user-mfa-removed = Второй фактор выключен
action-user-recovery-codes-regenerated = Созданы новые коды восстановления
action-user-recovery-code-used = Вход с кодом восстановления
action-user-mfa-reset = Вторые факторы сброшены администратором
error-own_factors = Свои вторые факторы меняйте в разделе «Моя учётная запись».

# My account: authenticator app
totp-title = Приложение-аутентификатор
totp-intro = Пусть вход после пароля запрашивает код из приложения-аутентификатора на вашем телефоне.
totp-turn-on = Включить коды аутентификатора
totp-scan = Отсканируйте этот QR-код приложением-аутентификатором или введите в него ключ, затем введите показанный код.
totp-qr = QR-код для приложения-аутентификатора
totp-key = Ключ
totp-confirm-code = Код из приложения
totp-confirm = Подтвердить
totp-on = Коды аутентификатора включены: после пароля при входе запрашивается код.
totp-off = Выключить коды аутентификатора
recovery-title = Коды восстановления
recovery-left = { $count ->
    [one] Остался { $count } код восстановления.
    [few] Осталось { $count } кода восстановления.
    [many] Осталось { $count } кодов восстановления.
   *[other] Осталось { $count } кода восстановления.
}
recovery-new = Новые коды восстановления
recovery-save = Ваши коды восстановления: храните их в надёжном месте. Каждый позволяет один раз войти без телефона. Они показываются только сейчас.
reset-factors = Сбросить вторые факторы
factors-reset = Вторые факторы удалены, сеансы завершены: пользователь входит по паролю и может снова включить коды.
enrol-title = Настройте второй фактор
enrol-intro = Ваша организация требует второй шаг при входе в вашу учётную запись. Добавьте ключ доступа или настройте приложение-аутентификатор, чтобы продолжить.
enrol-continue = Продолжить
error-mfa_enrolment_required = Ваша организация требует второй фактор: настройте его, чтобы продолжить.
error-mfa_required = Ваша организация требует второй фактор: его нельзя отключить.
error-mfa_off = Ваша организация отключила вторые факторы.
field-below_minimum = Вышестоящий уровень требует как минимум этого: выберите то же правило или строже.
action-tenant-mfa-policy-changed = Правило второго фактора изменено
mfa-policy-title = Второй фактор при входе
mfa-policy-intro = Кто должен использовать второй фактор (ключ доступа или приложение-аутентификатор) для входа, в этой организации и у каждого клиента ниже. Каждый может требовать больше, чем уровень выше, но не меньше.
mfa-policy-label = Правило
mfa-policy-off = Выключено: никто не может его настроить
mfa-policy-optional = По желанию: каждый решает сам
mfa-policy-requiredForAdmins = Обязательно для администраторов
mfa-policy-required = Обязательно для всех
mfa-policy-minimum = Вышестоящий уровень требует как минимум: { $policy }
mfa-policy-saved = Сохранено: правило действует с следующего шага каждого в портале.
badge-mfa = 2FA
badge-mfa-title = Второй фактор настроен: при входе он запрашивается после пароля.
security-title = Безопасность
confirm-title = Подтвердите, что это вы
confirm-intro = Для этого изменения снова нужен ваш пароль.
confirm-intro-code = Для этого изменения снова нужны ваш пароль и код из приложения-аутентификатора.
confirm-go = Подтвердить
error-reauthentication_required = Для этого изменения нужно подтвердить, что это вы: повторите попытку и введите пароль.

## Passkeys
passkey-sign-in = Войти с ключом доступа
mfa-use-passkey = Использовать ключ доступа
confirm-passkey = Подтвердить ключом доступа
passkeys-title = Ключи доступа
passkeys-none = Ключей доступа пока нет. Ключ доступа входит в систему с блокировкой экрана вашего устройства или ключом безопасности, и его невозможно выманить фишингом.
passkeys-unsupported = Этот браузер не поддерживает ключи доступа.
passkey-name = Название нового ключа
passkey-name-hint = например, Рабочий ноутбук
passkey-add = Добавить ключ доступа
passkey-added = Добавлен { $date }
passkey-used = использован { $date }
passkey-remove = Удалить
passkey-remove-named = Удалить ключ доступа { $name }
error-passkey_refused = Ключ доступа не принят. Попробуйте ещё раз или войдите другим способом.
error-passkey_cancelled = Ключ доступа не был использован. Попробуйте ещё раз, когда будете готовы.
error-passkey_unsupported = Этот браузер не поддерживает ключи доступа.
error-passkeys_unavailable = По этому адресу портала ключи доступа недоступны.
error-no_passkeys = У вас пока нет ключа доступа.
error-too_many_passkeys = У вас 20 ключей доступа: сначала удалите один.
error-passkey_registered = Этот ключ доступа уже зарегистрирован.
error-ceremony_invalid = Прошло слишком много времени. Попробуйте ещё раз.
field-invalid_name = Дайте ключу название от 1 до 60 символов.
field-invalid_credential = Не удалось проверить ключ браузера. Попробуйте ещё раз.
field-passkey_refused = Ключ доступа не принят. Попробуйте ещё раз.
customer-mfa = Второй фактор при входе
mfa-policy-inherit = Как требует реселлер
