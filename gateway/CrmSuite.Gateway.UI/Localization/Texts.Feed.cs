namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>The personal calendar feed (Calendar/CalendarFeedDialog.razor).</summary>
    public static class Feed
    {
        public static readonly Text Open = new("Подписаться в Outlook / Google / Thunderbird", "Subscribe in Outlook / Google / Thunderbird");
        public static readonly Text Title = new("Мой календарь в других программах", "My calendar in other programs");
        public static readonly Text Intro = new(
            "Личный адрес календаря показывает ваши встречи, звонки и задачи (30 дней назад, год вперёд) в Outlook, Google Календаре или Thunderbird; программа сама обновляет его. Адрес — это ключ: не пересылайте его.",
            "A personal calendar address shows your meetings, calls and tasks (30 days back, a year ahead) in Outlook, Google Calendar or Thunderbird; the program refreshes it by itself. The address is a key: do not pass it on.");
        public static readonly Text None = new("Адреса пока нет.", "You have no address yet.");
        public static readonly Text Create = new("Создать адрес", "Create the address");
        public static readonly Text Address = new("Адрес календаря (ICS)", "Calendar address (ICS)");
        public static readonly Text Active = new("Адрес действует с {0}.", "Your address works since {0}.");
        public static readonly Text LastRead = new("Календарная программа последний раз читала его {0}.", "A calendar program last read it {0}.");
        public static readonly Text NeverRead = new("Ни одна программа его ещё не читала.", "No program has read it yet.");
        public static readonly Text Lost = new(
            "Адрес показывается только один раз. Потеряли его или кто-то чужой его знает — создайте новый: старый сразу перестанет работать.",
            "The address is shown only once. Lost it, or someone else knows it? Make a new one: the old one stops working at once.");
        public static readonly Text Rotate = new("Новый адрес вместо старого", "New address instead of the old one");
        public static readonly Text Revoke = new("Отключить адрес", "Turn the address off");
        public static readonly Text Revoked = new("Адрес отключён: программы больше не получают ваш календарь.", "Address turned off: programs no longer get your calendar.");
        public static readonly Text Created = new("Адрес создан — добавьте его в свою программу.", "Address created: add it to your program.");
        public static readonly Text HowTo = new("Как подписаться", "How to subscribe");
        public static readonly Text Outlook = new(
            "Outlook: Календарь → Добавить календарь → Подписаться из Интернета → вставьте адрес.",
            "Outlook: Calendar → Add calendar → Subscribe from web → paste the address.");
        public static readonly Text Google = new(
            "Google Календарь: Другие календари → «+» → По URL → вставьте адрес (Google обновляет его раз в несколько часов).",
            "Google Calendar: Other calendars → “+” → From URL → paste the address (Google refreshes it every few hours).");
        public static readonly Text Thunderbird = new(
            "Thunderbird: Календарь → Новый календарь → В сети → вставьте адрес (формат iCalendar).",
            "Thunderbird: Calendar → New calendar → On the network → paste the address (iCalendar format).");
    }
}
