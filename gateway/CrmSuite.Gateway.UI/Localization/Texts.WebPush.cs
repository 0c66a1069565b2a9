namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class WebPush
    {
        public static readonly Text Title = new("Уведомления браузера на этом устройстве", "Browser notifications on this device");
        public static readonly Text Why = new(
            "Напоминания о встречах, звонках и задачах появятся на экране, даже когда CRM закрыта.",
            "Reminders of meetings, calls and tasks appear on the screen even when the CRM is closed.");
        public static readonly Text NotConfigured = new(
            "Уведомления браузера на этом сервере не настроены. Обратитесь к администратору.",
            "Browser notifications are not set up on this server. Ask your administrator.");
        public static readonly Text Unsupported = new(
            "Этот браузер не умеет показывать уведомления (или страница открыта не по HTTPS).",
            "This browser cannot show notifications (or the page is not opened over HTTPS).");
        public static readonly Text Blocked = new(
            "Уведомления для этого сайта запрещены в настройках браузера. Разрешите их там (значок слева от адреса), затем обновите страницу.",
            "Notifications for this site are blocked in the browser's settings. Allow them there (the icon left of the address), then reload the page.");
        public static readonly Text Dismissed = new("Браузер не получил разрешения. Попробуйте ещё раз.", "The browser was not given permission. Try again.");
        public static readonly Text Off = new("Выключены.", "Off.");
        public static readonly Text On = new("Включены.", "On.");
        public static readonly Text TurnOn = new("Включить", "Turn on");
        public static readonly Text TurnOff = new("Выключить", "Turn off");
        public static readonly Text Devices = new("Мои устройства с уведомлениями", "My devices with notifications");
        public static readonly Text NoDevices = new("Пока ни одного.", "None yet.");
        public static readonly Text ThisDevice = new("это устройство", "this device");
        public static readonly Text Since = new("с {0}", "since {0}");
        public static readonly Text Remove = new("Убрать", "Remove");
        public static readonly Text Removed = new("«{0}» больше не получает уведомлений.", "“{0}” gets no more notifications.");
    }
}
