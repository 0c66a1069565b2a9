namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>Files on a record's card (company, contact, deal, lead).</summary>
    public static class Files
    {
        public static readonly Text Title = new("Файлы", "Files");
        public static readonly Text Upload = new("Загрузить файл", "Upload a file");
        public static readonly Text DropHere = new(
            "Перетащите файлы сюда или нажмите «Загрузить файл». До 50 МБ; программы не принимаются.",
            "Drop files here or press “Upload a file”. Up to 50 MB; programs are not accepted.");
        public static readonly Text Search = new("Поиск по названию и тексту файлов", "Search file names and texts");
        public static readonly Text Name = new("Файл", "File");
        public static readonly Text Size = new("Размер", "Size");
        public static readonly Text UploadedBy = new("Загрузил", "Uploaded by");
        public static readonly Text UploadedAt = new("Когда", "When");
        public static readonly Text Preview = new("Просмотр", "Preview");
        public static readonly Text Download = new("Скачать", "Download");
        public static readonly Text Delete = new("Удалить", "Delete");
        public static readonly Text DeleteTitle = new("Удалить файл?", "Delete the file?");
        public static readonly Text DeleteConfirm = new(
            "Файл «{0}» исчезнет из карточки и поиска. Аудиторы по-прежнему увидят, что он был и кто его удалил.",
            "“{0}” disappears from the card and from search. Auditors still see that it was there and who deleted it.");
        public static readonly Text Deleted = new("Файл удалён", "File deleted");
        public static readonly Text Uploaded = new("Файл загружен: {0}", "File uploaded: {0}");
        public static readonly Text Uploading = new("Загрузка «{0}»", "Uploading “{0}”");
        public static readonly Text None = new("Файлов пока нет", "No files yet");
        public static readonly Text NoneHint = new(
            "Договоры, сканы, фотографии — всё, что относится к записи, храните здесь.",
            "Contracts, scans, photos: keep everything that belongs to this record here.");
        public static readonly Text NothingFound = new("Ничего не найдено", "Nothing found");
        public static readonly Text NothingFoundHint = new(
            "Ищутся слова в названиях файлов и в тексте PDF и DOCX.",
            "Words are looked for in file names and in the text of PDF and DOCX files.");
        public static readonly Text More = new("Показать ещё", "Show more");
        public static readonly Text TooLarge = new("Файл больше 50 МБ: такой не принимается.", "The file is larger than 50 MB, which is not accepted.");
        public static readonly Text UploadRefused = new("Файл не принят.", "The file was not accepted.");
        public static readonly Text UploadFailed = new("Файл загрузить не удалось. Повторите позже.", "The file could not be uploaded. Please try again later.");
        public static readonly Text UploadInterrupted = new(
            "Загрузка прервалась: нет связи с сервером. Проверьте соединение и повторите.",
            "The upload was interrupted: the server could not be reached. Check the connection and try again.");
        public static readonly Text NoAccess = new("Нет доступа к файлам", "No access to files");
        public static readonly Text Bytes = new("{0} Б", "{0} B");
        public static readonly Text Kilobytes = new("{0:0.#} КБ", "{0:0.#} KB");
        public static readonly Text Megabytes = new("{0:0.#} МБ", "{0:0.#} MB");
        public static readonly Text Close = new("Закрыть", "Close");
        public static readonly Text Record = new("Запись", "Record");
        public static readonly Text OnCompany = new("Компания", "Company");
        public static readonly Text OnContact = new("Контакт", "Contact");
        public static readonly Text OnDeal = new("Сделка", "Deal");
        public static readonly Text OnLead = new("Лид", "Lead");
        public static readonly Text OnTask = new("Задача", "Task");
        public static readonly Text OnProduct = new("Товар", "Product");
        public static readonly Text OnMovement = new("Движение товара", "Stock movement");
        public static readonly Text OnOrganisation = new("Наша организация", "Our organisation");
        public static readonly Text ContactFiles = new("Файлы контакта «{0}»", "Files of {0}");

        public static Text RecordKind(string recordType) => recordType switch
        {
            "company" => OnCompany,
            "contact" => OnContact,
            "deal" => OnDeal,
            "lead" => OnLead,
            "task" => OnTask,
            "product" => OnProduct,
            "movement" => OnMovement,
            _ => OnOrganisation,
        };
    }

    /// <summary>The Documents area: for now, a search over every file the person may see.</summary>
    public static class DocumentsArea
    {
        public static readonly Text Hint = new(
            "Поиск по всем файлам, которые вам доступны: по названию и по тексту PDF и DOCX.",
            "Search every file you may see: by name and by the text of PDF and DOCX files.");
        public static readonly Text Start = new("Введите слова для поиска", "Type words to search for");
        public static readonly Text StartHint = new(
            "Счета, договоры и акты по шаблонам появятся здесь в следующей версии.",
            "Invoices, contracts and acts from templates will appear here in the next version.");
        public static readonly Text Open = new("Открыть запись", "Open the record");
    }

    /// <summary>Settings: our organisations' requisites.</summary>
    public static class OurOrganisations
    {
        public static readonly Text Title = new("Наши реквизиты", "Our requisites");
        public static readonly Text Nav = new("Реквизиты организаций", "Organisations' requisites");
        public static readonly Text Hint = new(
            "Реквизиты ваших организаций печатаются в счетах, договорах и актах. Организаций может быть несколько.",
            "Your organisations' requisites are printed on invoices, contracts and acts. You may keep several organisations.");
        public static readonly Text Add = new("Добавить организацию", "Add an organisation");
        public static readonly Text New = new("Новая организация", "New organisation");
        public static readonly Text None = new("Организаций пока нет", "No organisations yet");
        public static readonly Text NoneHint = new(
            "Добавьте свою организацию, чтобы её реквизиты попадали в документы.",
            "Add your organisation so its requisites appear on documents.");
        public static readonly Text Name = new("Название", "Name");
        public static readonly Text Inn = new("ИНН", "INN");
        public static readonly Text Kpp = new("КПП", "KPP");
        public static readonly Text Ogrn = new("ОГРН / ОГРНИП", "OGRN / OGRNIP");
        public static readonly Text Address = new("Адрес", "Address");
        public static readonly Text BankName = new("Банк", "Bank");
        public static readonly Text Bik = new("БИК", "BIK");
        public static readonly Text CorrespondentAccount = new("Корреспондентский счёт", "Correspondent account");
        public static readonly Text SettlementAccount = new("Расчётный счёт", "Settlement account");
        public static readonly Text Director = new("Руководитель", "Director");
        public static readonly Text Accountant = new("Главный бухгалтер", "Chief accountant");
        public static readonly Text Signature = new("Подпись", "Signature");
        public static readonly Text Stamp = new("Печать", "Stamp");
        public static readonly Text Logo = new("Логотип", "Logo");
        public static readonly Text Images = new("Подпись, печать и логотип", "Signature, stamp and logo");
        public static readonly Text ImagesHint = new(
            "Изображения PNG, JPEG, GIF или WebP. Сначала сохраните организацию, затем загрузите их.",
            "PNG, JPEG, GIF or WebP images. Save the organisation first, then upload them.");
        public static readonly Text ChooseImage = new("Выбрать изображение", "Choose an image");
        public static readonly Text RemoveImage = new("Убрать", "Remove");
        public static readonly Text NoImage = new("Не задано", "Not set");
        public static readonly Text KppHint = new("Для ИП оставьте пустым", "Leave empty for an individual entrepreneur");
        public static readonly Text Saved = new("Реквизиты сохранены", "Requisites saved");
    }
}
