using CrmSuite.Clients.Contracts;

namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class Imports
    {
        public static readonly Text Title = new("Импорт компаний", "Import companies");
        public static readonly Text History = new("История импорта", "Import history");
        public static readonly Text NewImport = new("Новый импорт", "New import");
        public static readonly Text StepUpload = new("Файл", "File");
        public static readonly Text StepMapping = new("Столбцы", "Columns");
        public static readonly Text StepPreview = new("Проверка", "Preview");
        public static readonly Text StepRun = new("Импорт", "Import");
        public static readonly Text UploadHint = new(
            "CSV (UTF-8 или Windows-1251, разделитель «;» или «,») или XLSX, до 50 МБ. Первая строка — заголовки.",
            "CSV (UTF-8 or Windows-1251, “;” or “,” delimited) or XLSX, up to 50 MB. The first row holds the headers.");
        public static readonly Text ChooseFile = new("Выберите файл", "Choose a file");
        public static readonly Text TooLarge = new("Файл больше 50 МБ: разбейте его на части.", "The file is larger than 50 MB: split it into parts.");
        public static readonly Text Uploading = new("Загрузка…", "Uploading…");
        public static readonly Text FileSummary = new("{0}: {1} строк, {2}", "{0}: {1} rows, {2}");
        public static readonly Text Column = new("Столбец файла", "File column");
        public static readonly Text Field = new("Поле компании", "Company field");
        public static readonly Text NotImported = new("Не импортировать", "Do not import");
        public static readonly Text ShowPreview = new("Проверить строки", "Preview rows");
        public static readonly Text Row = new("Строка", "Row");
        public static readonly Text Action = new("Действие", "Action");
        public static readonly Text Reason = new("Причина", "Reason");
        public static readonly Text Match = new("Совпадает с", "Matches");
        public static readonly Text Run = new("Импортировать", "Import");
        public static readonly Text Previewing = new("Проверяем строки: {0} из {1}", "Checking rows: {0} of {1}");
        public static readonly Text Running = new("Импорт: {0} из {1} строк", "Importing: {0} of {1} rows");
        public static readonly Text Finished = new("Импорт завершён", "Import finished");
        public static readonly Text Failed = new("Импорт остановлен", "Import stopped");
        public static readonly Text UndoneTitle = new("Импорт отменён", "Import undone");
        public static readonly Text Summary = new(
            "Создано: {0}, обновлено: {1}, объединено: {2}, пропущено: {3}, с ошибками: {4}",
            "Created: {0}, updated: {1}, merged: {2}, skipped: {3}, with errors: {4}");
        public static readonly Text Undo = new("Отменить импорт", "Undo import");
        public static readonly Text UndoConfirm = new(
            "Удалить созданные импортом компании и вернуть прежние значения изменённых?",
            "Delete the companies this import created and restore the previous values of the changed ones?");
        public static readonly Text NoImports = new("Импортов пока не было", "No imports yet");
        public static readonly Text NoImportsHint = new("Загрузите CSV или XLSX со списком компаний.", "Upload a CSV or XLSX with a list of companies.");
        public static readonly Text File = new("Файл", "File");
        public static readonly Text Status = new("Состояние", "Status");
        public static readonly Text Rows = new("Строк", "Rows");
        public static readonly Text When = new("Когда", "When");
        public static readonly Text Open = new("Открыть", "Open");
        public static readonly Text NoRows = new("В файле нет строк с данными", "The file has no data rows");
        public static readonly Text Export = new("Экспорт", "Export");
        public static readonly Text ExportCsv = new("Экспорт CSV", "Export CSV");
        public static readonly Text ExportXlsx = new("Экспорт XLSX", "Export XLSX");
        public static readonly Text PossibleDuplicates = new("Похожие компании уже есть", "Similar companies already exist");
        public static readonly Text PossibleDuplicatesHint = new(
            "Проверьте, не эта ли компания уже заведена: её можно открыть или дополнить введёнными данными.",
            "Check whether this company is already in the base: open it, or fill it with what you typed.");
        public static readonly Text MergeIntoExisting = new("Дополнить эту", "Fill this one");
        public static readonly Text MergeTitle = new("Объединить с другой компанией", "Merge with another company");
        public static readonly Text Merge = new("Объединить", "Merge");
        public static readonly Text MergeHint = new(
            "Эта карточка остаётся; у неё заполнятся пустые поля, к ней перейдут контакты другой компании, а другая уйдёт в архив.",
            "This card stays; its empty fields are filled, it takes over the other company’s contacts, and the other is archived.");
        public static readonly Text MergeSearch = new("Найдите компанию, которую присоединить", "Find the company to merge into this one");
        public static readonly Text MergedInto = new("Компания объединена с другой — открыта оставшаяся карточка.", "This company was merged into another — the remaining card is open.");

        public static Text StatusOf(ImportStatus status) => status switch
        {
            ImportStatus.Uploaded => new("Загружен", "Uploaded"),
            ImportStatus.Previewed => new("Проверен", "Previewed"),
            ImportStatus.Running => new("Выполняется", "Running"),
            ImportStatus.Completed => new("Завершён", "Completed"),
            ImportStatus.Failed => new("Ошибка", "Failed"),
            ImportStatus.Undone => new("Отменён", "Undone"),
            _ => new("—", "—"),
        };

        public static Text ActionOf(ImportRowAction action) => action switch
        {
            ImportRowAction.Create => new("Создать", "Create"),
            ImportRowAction.Update => new("Обновить", "Update"),
            ImportRowAction.Merge => new("Объединить", "Merge"),
            ImportRowAction.Skip => new("Пропустить", "Skip"),
            ImportRowAction.Error => new("Ошибка", "Error"),
            _ => new("—", "—"),
        };

        public static Text ReasonOf(DuplicateReason reason) => reason switch
        {
            DuplicateReason.Inn => new("тот же ИНН", "same INN"),
            DuplicateReason.Email => new("тот же email", "same email"),
            DuplicateReason.Phone => new("тот же телефон", "same phone"),
            DuplicateReason.Name => new("похожее название", "similar name"),
            _ => new("—", "—"),
        };

        public static Text FieldOf(string field) => field switch
        {
            "name" => Company.Name,
            "inn" => Company.Inn,
            "email" => Company.Email,
            "phone" => Company.Phone,
            _ => new(field, field),
        };
    }
}
