using CrmSuite.Documents.Api.Rendering;

namespace CrmSuite.Documents.Api.Templates;

/// <summary>
/// A made-up document of each type, filled in every field: the template editor's live preview
/// prints it, and a template is checked against it when saved (an unknown variable is found then,
/// not when a manager issues an invoice).
/// </summary>
public static class SampleDocuments
{
    /// <summary>A 1×1 grey PNG standing in for a logo, signature, stamp or QR picture in a preview.</summary>
    public const string PlaceholderImage =
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=";

    public static DocumentModel For(string documentType, string language)
    {
        var english = language == "en";
        var seller = english
            ? new PartyModel("Romashka LLC", "7707083893", "773601001", "1027700132195", "19 Vavilova St, Moscow 117312, Russia", "Sberbank",
                "044525225", "30101810400000000225", "40702810138250123017", "Ivan Ivanov", "Anna Petrova", "+7 495 123-45-67", "sales@romashka.example",
                PlaceholderImage, PlaceholderImage, PlaceholderImage)
            : new PartyModel("ООО «Ромашка»", "7707083893", "773601001", "1027700132195", "117312, г. Москва, ул. Вавилова, д. 19", "ПАО Сбербанк",
                "044525225", "30101810400000000225", "40702810138250123017", "Иванов Иван Иванович", "Петрова Анна Андреевна", "+7 495 123-45-67",
                "sales@romashka.example", PlaceholderImage, PlaceholderImage, PlaceholderImage);
        var buyer = english
            ? new PartyModel("Northwind Trading Ltd", null, null, null, "1 Market Street, London", null, null, null, null, "John Smith", null,
                "+44 20 7946 0000", "buyer@northwind.example", null, null, null)
            : new PartyModel("ООО «Василёк»", "7736207543", "773601001", "1037700013020", "119021, г. Москва, ул. Льва Толстого, д. 16",
                "АО «Альфа-Банк»", "044525593", "30101810200000000593", "40702810401300012345", "Сидоров Пётр Петрович", null,
                "+7 495 765-43-21", "buh@vasilek.example", null, null, null);
        LineModel[] lines = english
            ? [
                new LineModel(1, "Office desk", "DESK-120", "pcs", 2m, 12_500m, 25_000m, "VAT 22%", 22m, 5_500m, 30_500m),
                new LineModel(2, "Delivery and assembly", null, "service", 1m, 3_000m, 3_000m, "VAT 22%", 22m, 660m, 3_660m),
            ]
            : [
                new LineModel(1, "Стол офисный, 120×60 см", "DESK-120", "шт", 2m, 12_500m, 25_000m, "22%", 22m, 5_500m, 30_500m),
                new LineModel(2, "Доставка и сборка", null, "усл", 1m, 3_000m, 3_000m, "22%", 22m, 660m, 3_660m),
            ];
        var totals = english
            ? new TotalsModel(28_000m, 6_160m, 34_160m, "VAT 22%", "Thirty-four thousand one hundred sixty roubles 00 kopecks")
            : new TotalsModel(28_000m, 6_160m, 34_160m, "22%", "Тридцать четыре тысячи сто шестьдесят рублей 00 копеек");
        var contact = english
            ? new ContactModel("John Smith", "john@northwind.example", "+44 20 7946 0001", "Purchasing manager")
            : new ContactModel("Сидоров Пётр Петрович", "sidorov@vasilek.example", "+7 916 123-45-67", "Генеральный директор");
        var qr = documentType == "invoice"
            ? new PaymentQrModel("ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810138250123017|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|Sum=3416000",
                PlaceholderImage)
            : null;
        return new DocumentModel(documentType, language, english ? "INV-2026-000123" : "СЧ-2026-000123", new DateOnly(2026, 12, 6),
            new DateOnly(2026, 12, 16), "RUB", seller, buyer, contact, new DealModel(english ? "Office furniture" : "Мебель для офиса", 34_160m),
            lines, totals, english ? "Payment within 10 days." : "Оплата в течение 10 банковских дней.", qr);
    }
}
