namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class Notifications
    {
        public static readonly Text Title = new("Уведомления", "Notifications");
        public static readonly Text Intro = new(
            "Как до вас доходят напоминания о встречах, звонках и задачах. В приложении (колокольчик) — всегда.",
            "How reminders of your meetings, calls and tasks reach you. In the app (the bell): always.");
        public static readonly Text InApp = new("В приложении — всегда включено", "In the app: always on");
        public static readonly Text Email = new("По электронной почте", "By e-mail");
        public static readonly Text EmailTo = new("Письма придут на {0}", "Mail goes to {0}");
        public static readonly Text NoEmailAddress = new(
            "У вашей учётной записи нет адреса почты — попросите администратора его указать.",
            "Your account has no e-mail address: ask an administrator to add one.");
        public static readonly Text EmailUnavailable = new(
            "Отправка почты не настроена на сервере: письма не отправляются, пока администратор её не настроит.",
            "Sending e-mail is not set up on the server: no mail is sent until an administrator sets it up.");
        public static readonly Text Sms = new("По SMS", "By SMS");
        public static readonly Text MobileNumber = new("Мобильный телефон", "Mobile number");
        public static readonly Text MobileHint = new("С кодом страны, например +7 903 123-45-67", "With the country code, e.g. +7 903 123-45-67");
        public static readonly Text Save = new("Сохранить", "Save");
        public static readonly Text Saved = new("Настройки уведомлений сохранены", "Notification settings saved");
        public static readonly Text Failed = new("Напоминания, которые не удалось доставить", "Reminders that could not be delivered");
        public static readonly Text NoFailures = new("Все напоминания доставлены.", "Every reminder was delivered.");
        public static readonly Text Reminder = new("Напоминание", "Reminder");
        public static readonly Text Channel = new("Канал", "Channel");
        public static readonly Text Reason = new("Причина", "Reason");
        public static readonly Text When = new("Когда", "When");
        public static readonly Text ChannelEmail = new("Почта", "E-mail");
        public static readonly Text ChannelSms = new("SMS", "SMS");
        public static readonly Text ChannelPush = new("Уведомление в браузере", "Browser notification");
    }
}
