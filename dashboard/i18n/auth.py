"""Interface text of the staff sign-in (``dashboard/auth.py``) and the staff's security notices."""

TEXT = {
    "data.auth_name": ("Your name (recorded in the audit log)", "Ваше имя (записывается в журнал)"),
    "data.auth_password": ("Staff password", "Пароль сотрудника"),
    "data.auth_sign_in": ("Sign in", "Войти"),
    "data.auth_sign_in_oidc": ("Sign in with your organisation account", "Войти через учётную запись организации"),
    "data.auth_sign_out": ("Sign out", "Выйти"),
    "data.auth_signed_in_as": ("Signed in as {name}", "Вы вошли как {name}"),
    "data.auth_session_kept": (
        "This browser stays signed in for up to {hours} h, also after a reload, until you sign out.",
        "Этот браузер остаётся в системе до {hours} ч, в том числе после перезагрузки страницы, пока вы не выйдете.",
    ),
    "data.auth_wrong": ("Wrong password.", "Неверный пароль."),
    "data.auth_locked": (
        "Too many attempts from your connection: sign-in is paused here for about {minutes} min. "
        "Colleagues on other connections can still sign in.",
        "Слишком много попыток с вашего подключения: вход отсюда приостановлен примерно на {minutes} мин. "
        "Коллеги с других подключений по-прежнему могут войти.",
    ),
    "data.auth_not_staff": ("This account is not on the staff list.", "Этой учётной записи нет в списке сотрудников."),
    "data.auth_unavailable": (
        "Staff sign-in is switched off on this server: its password setting is missing or damaged. "
        "The server log says what is wrong; the operator fixes it (docs/operations.md, “Staff sign-in”).",
        "Вход для сотрудников на этом сервере отключён: настройка пароля отсутствует или повреждена. "
        "Что именно не так, записано в журнале сервера; исправляет администратор (docs/operations.md, «Staff sign-in»).",
    ),
    "data.auth_no_database": (
        "Sign-in cannot be checked right now: the database does not answer. Please try again in a minute.",
        "Сейчас невозможно проверить вход: база данных не отвечает. Попробуйте ещё раз через минуту.",
    ),
    "data.auth_setting_damaged": (
        "The staff password setting on this server is damaged ({problem}): nobody can sign in with the "
        "password until the operator sets it again (docs/operations.md, “Staff sign-in”).",
        "Настройка пароля сотрудников на этом сервере повреждена ({problem}): войти по паролю нельзя, "
        "пока администратор не задаст её заново (docs/operations.md, «Staff sign-in»).",
    ),
    # what is wrong with a password hash (dashboard.auth.hash_problem), for staff
    "auth.problem.quoted": ("the value is wrapped in quote characters", "значение заключено в кавычки"),
    "auth.problem.shell_mangled": (
        "its $ parts were removed, typically by a shell or .env file without single quotes",
        "части после знаков $ удалены — обычно оболочкой или файлом .env без одинарных кавычек",
    ),
    "auth.problem.not_a_hash": (
        "it is not an scrypt hash (perhaps the password itself)",
        "это не хеш scrypt (возможно, сам пароль)",
    ),
    "auth.problem.malformed": ("one of its parts is invalid", "одна из его частей неверна"),
    # security notices for signed-in staff (dashboard.staff_security)
    "security.lockouts": (
        "Sign-in was paused in the last 24 hours after repeated wrong passwords: connections {clients}, "
        "attempts refused {refused}, most from {top}. Details in the security log below.",
        "За последние 24 часа вход приостанавливался после повторных неверных паролей: подключений {clients}, "
        "отклонено попыток {refused}, больше всего с {top}. Подробности — в журнале безопасности ниже.",
    ),
    "security.refusals": (
        "Enquiries refused in the last 24 hours: {parts}.",
        "Отклонено заявок за последние 24 часа: {parts}.",
    ),
    "security.refusals_address": (
        "{n} over the limit of {limit} an hour from one address",
        "{n}\u00a0— сверх лимита {limit} в час с одного адреса",
    ),
    "security.refusals_hourly": (
        "{n} over the limit of {limit} an hour in all",
        "{n}\u00a0— сверх общего лимита {limit} в час",
    ),
    "security.refusals_trap": ("{n} caught by the spam trap", "{n}\u00a0— задержано ловушкой для спама"),
    "security.refusals_advice": (
        "If genuine investors were among them (many people behind one office or venue network), the operator "
        "raises the limits (docs/operations.md, “Enquiry limits”).",
        "Если среди них были настоящие инвесторы (много людей за одной сетью офиса или площадки), администратор "
        "повышает лимиты (docs/operations.md, «Enquiry limits»).",
    ),
    "security.log": ("Security log (last 7 days)", "Журнал безопасности (последние 7 дней)"),
    "security.attempts": ("Sign-in attempts", "Попытки входа"),
    "security.attempts_none": ("No sign-in attempts recorded.", "Попыток входа не записано."),
    "security.paused": (
        "Attempts refused while sign-in was paused",
        "Попытки, отклонённые во время приостановки входа",
    ),
    "security.col_first_window": ("First 15 minutes from (UTC)", "Первые 15 минут с (UTC)"),
    "security.col_last_window": ("Last 15 minutes from (UTC)", "Последние 15 минут с (UTC)"),
    "security.refused_enquiries": ("Refused enquiries", "Отклонённые заявки"),
    "security.refused_none": ("No enquiries were refused.", "Отклонённых заявок нет."),
    "security.col_at": ("Time (UTC)", "Время (UTC)"),
    "security.col_client": ("Client address", "Адрес клиента"),
    "security.col_name": ("Name typed", "Введённое имя"),
    "security.col_outcome": ("Outcome", "Результат"),
    "security.col_reason": ("Reason", "Причина"),
    "security.col_refused": ("Refused", "Отклонено"),
    "security.col_first": ("First hour from (UTC)", "Первый час с (UTC)"),
    "security.col_last": ("Last hour from (UTC)", "Последний час с (UTC)"),
    "security.outcome.ok": ("signed in", "вход выполнен"),
    "security.outcome.wrong": ("wrong password", "неверный пароль"),
    "security.reason.address_limit": ("limit per address", "лимит на адрес"),
    "security.reason.hourly_limit": ("limit per hour in all", "общий лимит в час"),
    "security.reason.spam_trap": ("spam trap", "ловушка для спама"),
}
