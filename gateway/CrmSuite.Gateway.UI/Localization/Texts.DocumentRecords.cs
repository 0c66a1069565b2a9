namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>Invoices, contracts, acts and offers: the list, a document, making one from a deal.</summary>
    public static class DocumentRecords
    {
        public static readonly Text Title = new("Счета и документы", "Invoices and documents");
        public static readonly Text Tab = new("Документы", "Documents");
        public static readonly Text Number = new("Номер", "Number");
        public static readonly Text Type = new("Вид", "Type");
        public static readonly Text State = new("Состояние", "State");
        public static readonly Text Client = new("Клиент", "Client");
        public static readonly Text Date = new("Дата", "Date");
        public static readonly Text DueDate = new("Оплатить до", "Due");
        public static readonly Text Total = new("Сумма", "Total");
        public static readonly Text Organisation = new("Наша организация", "Our organisation");
        public static readonly Text Template = new("Шаблон", "Template");
        public static readonly Text BuiltInTemplate = new("Встроенный шаблон", "Built-in template");
        public static readonly Text AnyType = new("Все виды", "All types");
        public static readonly Text AnyState = new("Все состояния", "All states");
        public static readonly Text AnyClient = new("Все клиенты", "All clients");
        public static readonly Text From = new("С", "From");
        public static readonly Text To = new("По", "To");
        public static readonly Text Search = new("Поиск по номеру или клиенту", "Search by number or client");
        public static readonly Text NoNumber = new("без номера", "no number");
        public static readonly Text Empty = new("Документов пока нет", "No documents yet");
        public static readonly Text EmptyHint = new(
            "Счёт делается из сделки: откройте сделку и нажмите «Выставить счёт».",
            "An invoice is made from a deal: open the deal and press “Create invoice”.");
        public static readonly Text NothingFound = new("Под эти условия документы не подходят", "No documents match these filters");
        public static readonly Text ClearFilters = new("Сбросить фильтры", "Clear filters");
        public static readonly Text NoAccess = new("Нет доступа к документам", "You have no access to documents");

        public static readonly Text TypeInvoice = new("Счёт на оплату", "Invoice");
        public static readonly Text TypeContract = new("Договор", "Contract");
        public static readonly Text TypeAct = new("Акт", "Act");
        public static readonly Text TypeOffer = new("Коммерческое предложение", "Commercial offer");
        public static readonly Text TypeInvoiceEn = new("Счёт (англ.)", "Invoice (English)");
        public static readonly Text TypeQuoteEn = new("Предложение (англ.)", "Quote (English)");

        public static readonly Text StateDraft = new("Черновик", "Draft");
        public static readonly Text StateIssued = new("Выставлен", "Issued");
        public static readonly Text StateSent = new("Отправлен", "Sent");
        public static readonly Text StatePaid = new("Оплачен", "Paid");
        public static readonly Text StateSigned = new("Подписан", "Signed");
        public static readonly Text StateAnnulled = new("Аннулирован", "Annulled");

        public static readonly Text DocumentTitle = new("{0} № {1} от {2}", "{0} No. {1} of {2}");
        public static readonly Text DraftTitle = new("{0} (черновик) от {1}", "{0} (draft) of {1}");
        public static readonly Text LineName = new("Наименование", "Name");
        public static readonly Text Quantity = new("Кол-во", "Qty");
        public static readonly Text Unit = new("Ед.", "Unit");
        public static readonly Text Price = new("Цена", "Price");
        public static readonly Text Amount = new("Сумма", "Amount");
        public static readonly Text Vat = new("НДС", "VAT");
        public static readonly Text VatDefault = new("по дате документа", "by the document's date");
        public static readonly Text VatNone = new("Без НДС", "Without VAT");
        public static readonly Text Net = new("Без НДС", "Net");
        public static readonly Text VatTotal = new("НДС", "VAT");
        public static readonly Text GrandTotal = new("Итого", "Total");
        public static readonly Text PricesIncludeVat = new("Цены включают НДС", "Prices include VAT");
        public static readonly Text AddLine = new("Добавить позицию", "Add line");
        public static readonly Text RemoveLine = new("Убрать позицию", "Remove line");
        public static readonly Text NoLines = new("Позиций нет", "No lines");
        public static readonly Text Notes = new("Примечание", "Notes");

        public static readonly Text EditDraft = new("Изменить черновик", "Edit draft");
        public static readonly Text SaveDraft = new("Сохранить черновик", "Save draft");
        public static readonly Text DraftSaved = new("Черновик сохранён", "Draft saved");
        public static readonly Text Issue = new("Выставить", "Issue");
        public static readonly Text Issued = new("Документ выставлен под номером {0}", "Issued as No. {0}");
        public static readonly Text ViewPdf = new("Открыть PDF", "View PDF");
        public static readonly Text HidePdf = new("Скрыть PDF", "Hide PDF");
        public static readonly Text Send = new("Отправить по почте", "Send by e-mail");
        public static readonly Text SendTo = new("Кому (e-mail)", "To (e-mail)");
        public static readonly Text SendToHint = new("Контакт сделки; можно изменить", "The deal's contact; you may change it");
        public static readonly Text Subject = new("Тема", "Subject");
        public static readonly Text Message = new("Сообщение", "Message");
        public static readonly Text Sent = new("Отправлено на {0}", "Sent to {0}");
        public static readonly Text MarkPaid = new("Отметить оплату", "Mark paid");
        public static readonly Text PaidOn = new("Дата оплаты", "Paid on");
        public static readonly Text MarkedPaid = new("Счёт отмечен оплаченным", "The invoice is marked paid");
        public static readonly Text MarkSigned = new("Отметить подписание", "Mark signed");
        public static readonly Text MarkedSigned = new("Документ отмечен подписанным", "The document is marked signed");
        public static readonly Text Annul = new("Аннулировать", "Annul");
        public static readonly Text AnnulQuestion = new(
            "Аннулировать {0}? Номер останется занятым, документ больше нельзя будет отправить или отметить.",
            "Annul {0}? Its number stays taken; the document can no longer be sent or marked.");
        public static readonly Text AnnulReason = new("Причина", "Reason");
        public static readonly Text Annulled = new("Документ аннулирован", "The document is annulled");
        public static readonly Text Emails = new("Отправки", "Sent e-mails");
        public static readonly Text SentBy = new("{0}, отправил(а) {1}", "{0}, sent by {1}");
        public static readonly Text NotFound = new("Документ не найден или недоступен вам", "The document was not found or you cannot see it");

        public static readonly Text CreateInvoice = new("Выставить счёт", "Create invoice");
        public static readonly Text CreateInvoiceTitle = new("Счёт по сделке «{0}»", "Invoice for the deal “{0}”");
        public static readonly Text CreateInvoiceHint = new(
            "Позиции и цены возьмутся из сделки и прайс-листа; черновик можно будет изменить до выставления.",
            "Lines and prices come from the deal and the price list; you can change the draft before issuing it.");
        public static readonly Text NoOrganisation = new(
            "Сначала заполните реквизиты своей организации в настройках.",
            "First fill in your organisation's requisites in the settings.");

        public static readonly Text Templates = new("Шаблоны документов", "Document templates");
        public static readonly Text TemplateName = new("Название", "Name");
        public static readonly Text TemplateKind = new("Формат", "Format");
        public static readonly Text TemplateBuiltIn = new("встроенный", "built-in");
        public static readonly Text NoTemplates = new("Шаблонов нет", "No templates");
        public static readonly Text TemplateBody = new("HTML + Liquid", "HTML + Liquid");
        public static readonly Text Preview = new("Предпросмотр", "Preview");
        public static readonly Text PreviewUpdating = new("Обновляем предпросмотр…", "Updating the preview…");
        public static readonly Text PreviewOnlyHtml = new(
            "Шаблон DOCX меняется в Word и загружается заново; предпросмотр — только для HTML.",
            "A DOCX template is changed in Word and uploaded again; the live preview is for HTML only.");
        public static readonly Text TemplateSaved = new("Шаблон сохранён", "Template saved");
        public static readonly Text BackToTemplates = new("К списку шаблонов", "Back to templates");
    }
}
