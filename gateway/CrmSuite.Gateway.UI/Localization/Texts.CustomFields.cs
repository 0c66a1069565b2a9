namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class CustomFields
    {
        public static readonly Text Settings = new("Дополнительные поля", "Custom fields");
        public static readonly Text SettingsHint = new(
            "Разделы становятся вкладками карточки компании, поля — их содержимым.",
            "Sections become tabs of the company card; fields are what the tabs show.");
        public static readonly Text NoSections = new("Разделов пока нет", "No sections yet");
        public static readonly Text NoSectionsHint = new("Добавьте раздел, затем поля в нём.", "Add a section, then fields in it.");
        public static readonly Text NoFields = new("В разделе нет полей", "The section has no fields");
        public static readonly Text AddSection = new("Добавить раздел", "Add section");
        public static readonly Text EditSection = new("Раздел", "Section");
        public static readonly Text AddField = new("Добавить поле", "Add field");
        public static readonly Text EditField = new("Поле", "Field");
        public static readonly Text NameRu = new("Название (рус.)", "Name (Russian)");
        public static readonly Text NameEn = new("Название (англ.)", "Name (English)");
        public static readonly Text Order = new("Порядок", "Order");
        public static readonly Text Type = new("Тип", "Type");
        public static readonly Text Required = new("Обязательное", "Required");
        public static readonly Text Searchable = new("Участвует в поиске", "Searchable");
        public static readonly Text Filterable = new("Фильтр в списке", "Filterable");
        public static readonly Text Options = new("Варианты (по одному в строке)", "Options (one per line)");
        public static readonly Text Currency = new("Валюта", "Currency");
        public static readonly Text Saved = new("Сохранено", "Saved");
        public static readonly Text Deleted = new("Удалено", "Deleted");
        public static readonly Text DeleteFieldQuestion = new(
            "Удалить поле «{0}»? Его значения будут удалены во всех компаниях.",
            "Delete the field “{0}”? Its values are removed from every company.");
        public static readonly Text Empty = new("—", "—");
        public static readonly Text Yes = new("Да", "Yes");
        public static readonly Text No = new("Нет", "No");
        public static readonly Text ChooseContact = new("Выберите контакт", "Choose a contact");
        public static readonly Text FilterField = new("Доп. поле", "Custom field");
        public static readonly Text FilterValue = new("Значение", "Value");

        public static readonly IReadOnlyList<(CrmSuite.Clients.Contracts.CustomFieldType, Text)> Types =
        [
            (CrmSuite.Clients.Contracts.CustomFieldType.Text, new("Текст", "Text")),
            (CrmSuite.Clients.Contracts.CustomFieldType.Number, new("Число", "Number")),
            (CrmSuite.Clients.Contracts.CustomFieldType.Money, new("Деньги", "Money")),
            (CrmSuite.Clients.Contracts.CustomFieldType.Date, new("Дата", "Date")),
            (CrmSuite.Clients.Contracts.CustomFieldType.YesNo, new("Да/нет", "Yes/no")),
            (CrmSuite.Clients.Contracts.CustomFieldType.Choice, new("Список", "Choice list")),
            (CrmSuite.Clients.Contracts.CustomFieldType.Contact, new("Контакт компании", "Company contact")),
        ];
    }
}
