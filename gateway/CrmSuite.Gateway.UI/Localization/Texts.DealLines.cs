namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>The deal card's Products section (docs/deal-lines.md).</summary>
    public static class DealLines
    {
        public static readonly Text Title = new("Товары", "Products");
        public static readonly Text Empty = new("Товаров в сделке пока нет", "No products in this deal yet");
        public static readonly Text EmptyHint = new(
            "Добавьте товары: сумма сделки станет их итогом, а счёт по сделке возьмёт эти строки.",
            "Add products: the deal's amount becomes their total, and an invoice from the deal takes these lines.");
        public static readonly Text AddProduct = new("Добавить товар", "Add product");
        public static readonly Text FindProduct = new("Найдите товар по названию или артикулу", "Find a product by name or SKU");
        public static readonly Text Product = new("Товар", "Product");
        public static readonly Text Quantity = new("Кол-во", "Qty");
        public static readonly Text Unit = new("Ед.", "Unit");
        public static readonly Text Price = new("Цена", "Price");
        public static readonly Text Discount = new("Скидка, %", "Discount, %");
        public static readonly Text Vat = new("НДС", "VAT");
        public static readonly Text Amount = new("Сумма", "Amount");
        public static readonly Text Remove = new("Убрать строку", "Remove line");
        public static readonly Text PricesIncludeVat = new("Цены включают НДС", "Prices include VAT");
        public static readonly Text Net = new("Без НДС", "Without VAT");
        public static readonly Text VatTotal = new("НДС", "VAT");
        public static readonly Text Total = new("Итого по сделке", "Deal total");
        public static readonly Text Save = new("Сохранить товары", "Save products");
        public static readonly Text Saved = new("Товары сохранены, сумма сделки — {0}", "Products saved; the deal's amount is {0}");
        public static readonly Text Unsaved = new("Есть несохранённые изменения", "There are unsaved changes");
        public static readonly Text NoPrice = new("Нет цены в прайс-листе: введите цену", "No price-list price: type the price");
        public static readonly Text AmountFromLines = new("Сумма товаров сделки", "The total of the deal's products");
    }
}
