namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>Changing one occurrence of a recurring meeting or call.</summary>
    public static class Series
    {
        public static readonly Text Title = new("Изменить повторяющееся событие", "Change a recurring event");
        public static readonly Text Question = new(
            "«{0}» повторяется. К чему применить изменение?",
            "“{0}” repeats. What should the change apply to?");
        public static readonly Text OnlyThis = new("Только к этому событию", "Only this occurrence");
        public static readonly Text ThisAndFollowing = new("К этому и следующим", "This and following");
        public static readonly Text WholeSeries = new("Ко всей серии", "The whole series");
        public static readonly Text Repeat = new("Повторять", "Repeat");
        public static readonly Text DoesNotRepeat = new("Не повторять", "Does not repeat");
        public static readonly Text Daily = new("Каждый день", "Daily");
        public static readonly Text Weekly = new("Каждую неделю", "Weekly");
        public static readonly Text Monthly = new("Каждый месяц", "Monthly");
        public static readonly Text Yearly = new("Каждый год", "Yearly");
    }
}
