using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Documents.Api.Money;
using CrmSuite.Documents.Api.Rendering;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>The ГОСТ Р 56042-2014 payment code on a rouble invoice: the exact text a bank app reads, and its picture.</summary>
public sealed class PaymentQrTests
{
    private static readonly DateOnly InvoiceDate = new(2026, 12, 6);

    private static DocumentModel Invoice(PartyModel seller, string? number = "СЧ-2026-000123", string currency = "RUB")
    {
        var money = DocumentMoney.Calculate([new MoneyLine("Стол офисный", "шт", 1m, 12_200m, VatKind.Standard)], InvoiceDate, pricesIncludeVat: true);
        var buyer = new PartyModel("ООО «Лютик»", "7736207543", null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        return new DocumentModel("invoice", "ru", number, InvoiceDate, null, currency, seller, buyer, null, null, money.Lines, money.Totals, null, null);
    }

    [Fact]
    public void An_invoice_of_our_organisation_carries_the_exact_ST00012_text_with_the_sum_in_kopecks()
    {
        var qr = PaymentQr.ForDocument(Invoice(MoneyTests.Romashka()));

        Assert.NotNull(qr);
        Assert.Equal(
            "ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810138250123017|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225"
            + "|PayeeINN=7707083893|KPP=773601001|Purpose=Оплата по счёту № СЧ-2026-000123 от 06.12.2026, в т.ч. НДС 22 % — 2 200,00 руб.|Sum=1220000",
            qr.Payload);
    }

    [Fact]
    public void An_entrepreneur_without_KPP_and_a_bar_in_a_name_still_make_a_well_formed_code()
    {
        var seller = MoneyTests.Romashka(kpp: null) with { Name = "ИП Сидоров | Мебель" };
        var money = DocumentMoney.Calculate([new MoneyLine("Услуга", "усл", 1m, 5000m, VatKind.None)], InvoiceDate, pricesIncludeVat: false);

        var qr = PaymentQr.ForInvoice(seller, "7", InvoiceDate, money.Lines, money.Totals);

        Assert.StartsWith("ST00012|Name=ИП Сидоров / Мебель|PersonalAcc=", qr.Payload);
        Assert.DoesNotContain("KPP=", qr.Payload);
        Assert.EndsWith("|PayeeINN=7707083893|Purpose=Оплата по счёту № 7 от 06.12.2026, без НДС|Sum=500000", qr.Payload);
    }

    [Fact]
    public void The_picture_decodes_back_to_the_payload_with_its_Cyrillic_intact()
    {
        var qr = PaymentQr.ForDocument(Invoice(MoneyTests.Romashka()))!;

        Assert.StartsWith("data:image/png;base64,", qr.ImageDataUri);
        Assert.Equal(qr.Payload, QrPicture.Decode(qr.ImageDataUri));
    }

    [Fact]
    public void Without_bank_details_or_a_number_there_is_no_code_and_the_missing_fields_are_named()
    {
        var noBank = MoneyTests.Romashka() with { BankName = null, SettlementAccount = " " };

        var missing = Assert.Throws<ValidationFailedException>(() => PaymentQr.ForDocument(Invoice(noBank)));
        var draft = Assert.Throws<ValidationFailedException>(() => PaymentQr.ForDocument(Invoice(MoneyTests.Romashka(), number: null)));

        Assert.Equal(["seller.settlementAccount", "seller.bankName"], missing.Errors.Select(e => e.Field));
        Assert.Equal("number", Assert.Single(draft.Errors).Field);
        Assert.Null(PaymentQr.ForDocument(Invoice(MoneyTests.Romashka(), currency: "USD")));
    }
}
