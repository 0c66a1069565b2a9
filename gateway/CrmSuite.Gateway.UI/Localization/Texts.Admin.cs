namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class Users
    {
        public static readonly Text New = new("Новый пользователь", "New user");
        public static readonly Text EditTitle = new("Пользователь {0}", "User {0}");
        public static readonly Text SearchPlaceholder = new(
            "Поиск по логину, имени или email",
            "Search by user name, display name or email");
        public static readonly Text None = new("Пользователей пока нет", "No users yet");
        public static readonly Text NothingFound = new("Никого не нашлось", "Nobody found");
        public static readonly Text UserName = new("Логин", "User name");
        public static readonly Text DisplayName = new("Имя", "Display name");
        public static readonly Text Roles = new("Роли", "Roles");
        public static readonly Text Teams = new("Команды", "Teams");
        public static readonly Text Status = new("Состояние", "Status");
        public static readonly Text Active = new("Активен", "Active");
        public static readonly Text Disabled = new("Отключён", "Disabled");
        public static readonly Text DisabledSwitch = new(
            "Отключён (не может войти)",
            "Disabled (cannot sign in)");
        public static readonly Text LockedOut = new("Заблокирован", "Locked out");
        public static readonly Text MustChange = new("Сменит пароль при входе", "Changes password at sign-in");
        public static readonly Text ResetPassword = new("Сбросить пароль", "Reset password");
        public static readonly Text ResetQuestion = new(
            "Сбросить пароль пользователя {0}? Старый пароль перестанет действовать.",
            "Reset the password of {0}? The old password stops working.");
        public static readonly Text Unlock = new("Разблокировать", "Unlock");
        public static readonly Text Unlocked = new("Пользователь {0} разблокирован", "{0} is unlocked");
        public static readonly Text OneTimePassword = new("Одноразовый пароль", "One-time password");
        public static readonly Text PasswordFor = new(
            "Передайте пользователю {0} одноразовый пароль.",
            "Give {0} this one-time password.");
        public static readonly Text MustChangePassword = new(
            "При первом входе пользователь сменит его на свой.",
            "They will replace it with their own at the first sign-in.");
    }

    /// <summary>Display names of the built-in roles; an unknown role shows as it is named.</summary>
    public static class Roles
    {
        private static readonly Dictionary<string, Text> Names = new(StringComparer.Ordinal)
        {
            ["Administrator"] = new("Администратор", "Administrator"),
            ["Director"] = new("Руководитель", "Director"),
            ["SalesManager"] = new("Менеджер по продажам", "Sales manager"),
            ["WarehouseKeeper"] = new("Кладовщик", "Warehouse keeper"),
            ["Accountant"] = new("Бухгалтер", "Accountant"),
            ["Auditor"] = new("Аудитор", "Auditor"),
        };

        public static Text Of(string role) => Names.TryGetValue(role, out var text) ? text : new Text(role, role);
    }

    public static class RolesPage
    {
        public static readonly Text Intro = new(
            "Роли встроены в систему: их права и видимость клиентов не меняются. Роли назначаются пользователям на странице «Пользователи».",
            "Roles are built in: their permissions and client visibility are fixed. Assign roles to users on the Users page.");
        public static readonly Text None = new("Роли не найдены", "No roles found");
        public static readonly Text Role = new("Роль", "Role");
        public static readonly Text Visibility = new("Видит клиентов", "Sees clients");
        public static readonly Text Permissions = new("Права", "Permissions");

        private static readonly Dictionary<string, Text> Visibilities = new(StringComparer.Ordinal)
        {
            ["own"] = new("Только своих", "Own only"),
            ["team"] = new("Своей команды", "Their team's"),
            ["all"] = new("Всех", "All"),
        };

        public static Text VisibilityOf(string visibility) =>
            Visibilities.TryGetValue(visibility, out var text) ? text : new Text(visibility, visibility);
    }

    public static class Teams
    {
        public static readonly Text New = new("Новая команда", "New team");
        public static readonly Text EditTitle = new("Команда «{0}»", "Team “{0}”");
        public static readonly Text Name = new("Название", "Name");
        public static readonly Text Head = new("Руководитель", "Head");
        public static readonly Text Members = new("Участники", "Members");
        public static readonly Text None = new("Команд пока нет", "No teams yet");
        public static readonly Text NoneHint = new(
            "Команды определяют, чьих клиентов видит руководитель команды.",
            "Teams decide whose clients a team head can see.");
    }

    public static class Integrations
    {
        public static readonly Text New = new("Новая интеграция", "New integration");
        public static readonly Text Intro = new(
            "Ключи для внешних систем (сайт, телефония, 1С), которые обращаются к REST API от своего имени.",
            "Keys for external systems (website, telephony, accounting) that call the REST API on their own behalf.");
        public static readonly Text DisplayName = new("Название", "Name");
        public static readonly Text ClientId = new("Идентификатор клиента (client_id)", "Client ID (client_id)");
        public static readonly Text Secret = new("Секрет (client_secret)", "Secret (client_secret)");
        public static readonly Text HowToUse = new(
            "Система получает токен по client_id и секрету (OAuth 2.0 client credentials) и передаёт его в заголовке Authorization.",
            "The system gets a token with the client ID and secret (OAuth 2.0 client credentials) and sends it in the Authorization header.");
        public static readonly Text None = new("Интеграций пока нет", "No integrations yet");
        public static readonly Text NoneHint = new(
            "Создайте ключ, чтобы подключить внешнюю систему.",
            "Create a key to connect an external system.");
        public static readonly Text Revoke = new("Отозвать", "Revoke");
        public static readonly Text Revoked = new("Отозван", "Revoked");
        public static readonly Text RevokeQuestion = new(
            "Отозвать ключ «{0}»? Система с этим ключом сразу потеряет доступ; отменить это нельзя.",
            "Revoke the key “{0}”? The system using it loses access at once; this cannot be undone.");
        public static readonly Text RevokedDone = new("Ключ «{0}» отозван", "The key “{0}” is revoked");
    }
}
