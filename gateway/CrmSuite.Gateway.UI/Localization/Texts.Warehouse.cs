using CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    public static class Warehouse
    {
        public static readonly Text StockTab = new("Остатки", "Stock");
        public static readonly Text ProductsTab = new("Товары", "Products");
        public static readonly Text NewMovement = new("Новое движение", "New movement");
        public static readonly Text AllWarehouses = new("Все склады", "All warehouses");
        public static readonly Text WarehouseLabel = new("Склад", "Warehouse");
        public static readonly Text ProductFilter = new("Товар", "Product");
        public static readonly Text ProductFilterHint = new("Артикул, штрихкод или название", "SKU, barcode or name");
        public static readonly Text BelowMinimumOnly = new("Только ниже минимума", "Below minimum only");
        public static readonly Text Sku = new("Артикул", "SKU");
        public static readonly Text Product = new("Товар", "Product");
        public static readonly Text OnHand = new("На складе", "On hand");
        public static readonly Text Reserved = new("В резерве", "Reserved");
        public static readonly Text Available = new("Доступно", "Available");
        public static readonly Text Minimum = new("Минимум", "Minimum");
        public static readonly Text BelowMinimum = new("Ниже минимума", "Below minimum");
        public static readonly Text NoStock = new("Остатков пока нет", "No stock yet");
        public static readonly Text NoStockHint = new(
            "Остатки появятся после первого прихода: создайте движение «Приход».",
            "Stock appears after the first receipt: create a “Receipt” movement.");
        public static readonly Text NoStockForFilter = new("Под фильтр ничего не попало", "Nothing matches the filter");
        public static readonly Text NoStockForFilterHint = new(
            "Измените склад, товар или выключите «Только ниже минимума».",
            "Change the warehouse or product, or turn off “Below minimum only”.");
        public static readonly Text FlagsTitle = new("Сигналы для директора", "Flags for the Director");
        public static readonly Text FlagsHint = new(
            "Движения, проведённые в нерабочее время, и крупные списания.",
            "Movements posted outside working hours and large write-offs.");
        public static readonly Text NoFlags = new("Сигналов нет", "No flags");
        public static readonly Text FlagKindLabel = new("Сигнал", "Flag");
        public static readonly Text OutOfHours = new("В нерабочее время", "Out of hours");
        public static readonly Text LargeWriteOff = new("Крупное списание", "Large write-off");
        public static readonly Text UnknownFlag = new("Другое", "Other");
        public static readonly Text Description = new("Описание", "Description");
        public static readonly Text Amount = new("Сумма", "Amount");
        public static readonly Text Who = new("Кто", "Who");
        public static readonly Text When = new("Когда", "When");
        public static readonly Text Movement = new("Движение", "Movement");

        public static Text KindOf(FlagKind kind) => kind switch
        {
            FlagKind.OutOfHours => OutOfHours,
            FlagKind.LargeWriteOff => LargeWriteOff,
            _ => UnknownFlag,
        };
    }

    public static class Products
    {
        public static readonly Text New = new("Новый товар", "New product");
        public static readonly Text EditTitle = new("Товар {0}", "Product {0}");
        public static readonly Text SearchPlaceholder = new(
            "Поиск по названию, артикулу или штрихкоду",
            "Search by name, SKU or barcode");
        public static readonly Text IncludeInactive = new("Показывать неактивные", "Include inactive");
        public static readonly Text None = new("Товаров пока нет", "No products yet");
        public static readonly Text NoneHint = new("Добавьте первый товар кнопкой «Новый товар».", "Add the first product with the “New product” button.");
        public static readonly Text NothingFound = new("По запросу «{0}» ничего не найдено", "Nothing found for “{0}”");
        public static readonly Text Name = new("Название", "Name");
        public static readonly Text Unit = new("Ед. изм.", "Unit");
        public static readonly Text UnitHint = new("Например, шт, кг, м", "For example, pcs, kg, m");
        public static readonly Text Barcode = new("Штрихкод", "Barcode");
        public static readonly Text VatRate = new("НДС, %", "VAT, %");
        public static readonly Text VatKind = new("Ставка НДС", "VAT rate");
        public static readonly Text VatStandard = new("Основная (22 % с 2026 года)", "Standard (22% from 2026)");
        public static readonly Text VatReduced = new("Пониженная 10 %", "Reduced 10%");
        public static readonly Text VatUsn5 = new("УСН 5 %", "Simplified system 5%");
        public static readonly Text VatUsn7 = new("УСН 7 %", "Simplified system 7%");
        public static readonly Text VatNone = new("Без НДС", "No VAT");
        public static readonly Text Active = new("Активен", "Active");
        public static readonly Text Inactive = new("Неактивен", "Inactive");
        public static readonly Text Created = new("Товар создан", "Product created");
        public static readonly Text BackToList = new("К списку товаров", "Back to products");
        public static readonly Text NotFoundTitle = new("Товар не найден", "Product not found");
        public static readonly Text StockTitle = new("Остатки по складам", "Stock per warehouse");
        public static readonly Text NoStock = new("Этого товара нет ни на одном складе", "This product is in no warehouse yet");
        public static readonly Text HistoryTitle = new("История движений", "Movement history");
        public static readonly Text NoHistory = new("Движений по товару ещё не было", "No movements of this product yet");
        public static readonly Text ReservationsTitle = new("Резервы", "Reservations");
        public static readonly Text NoReservations = new("Резервов нет", "No reservations");
    }

    public static class Movements
    {
        public static readonly Text Number = new("№", "No.");
        public static readonly Text Title = new("{0} № {1}", "{0} No. {1}");
        public static readonly Text Type = new("Вид движения", "Movement type");
        public static readonly Text Status = new("Статус", "Status");
        public static readonly Text Receipt = new("Приход", "Receipt");
        public static readonly Text Shipment = new("Отгрузка", "Shipment");
        public static readonly Text Transfer = new("Перемещение", "Transfer");
        public static readonly Text WriteOff = new("Списание", "Write-off");
        public static readonly Text CountAdjustment = new("Инвентаризация", "Count adjustment");
        public static readonly Text UnknownType = new("Движение", "Movement");
        public static readonly Text Draft = new("Черновик", "Draft");
        public static readonly Text Posted = new("Проведено", "Posted");
        public static readonly Text Warehouse = new("Склад", "Warehouse");
        public static readonly Text Destination = new("Склад назначения", "Destination warehouse");
        public static readonly Text Supplier = new("Поставщик", "Supplier");
        public static readonly Text Deal = new("Сделка", "Deal");
        public static readonly Text Company = new("Клиент", "Client");
        public static readonly Text Reason = new("Причина", "Reason");
        public static readonly Text Comment = new("Комментарий", "Comment");
        public static readonly Text Lines = new("Строки", "Lines");
        public static readonly Text Scan = new("Штрихкод или артикул", "Barcode or SKU");
        public static readonly Text ScanHint = new(
            "Отсканируйте штрихкод или введите артикул и нажмите Enter: повторный скан добавит единицу.",
            "Scan a barcode or type a SKU and press Enter: scanning it again adds one more.");
        public static readonly Text ScanNotFound = new("Товар «{0}» не найден", "No product “{0}”");
        public static readonly Text ScanAmbiguous = new(
            "«{0}» подходит нескольким товарам — введите артикул полностью",
            "“{0}” matches several products — type the whole SKU");
        public static readonly Text NoLines = new("Строк пока нет", "No lines yet");
        public static readonly Text NoLinesHint = new("Отсканируйте первый товар.", "Scan the first product.");
        public static readonly Text Quantity = new("Количество", "Quantity");
        public static readonly Text UnitCost = new("Цена за единицу", "Unit cost");
        public static readonly Text Counted = new("Посчитано", "Counted");
        public static readonly Text RemoveLine = new("Убрать строку", "Remove line");
        public static readonly Text SaveDraft = new("Сохранить черновик", "Save draft");
        public static readonly Text Post = new("Провести", "Post");
        public static readonly Text PostedDone = new("Движение проведено", "Movement posted");
        public static readonly Text DraftSaved = new("Черновик сохранён", "Draft saved");
        public static readonly Text Reverse = new("Сторнировать", "Reverse");
        public static readonly Text ReverseReason = new("Причина сторно", "Reason for the reversal");
        public static readonly Text ReverseConfirm = new("Сторнировать движение", "Reverse the movement");
        public static readonly Text ReversedDone = new("Движение сторнировано", "Movement reversed");
        public static readonly Text ReversedBy = new("Сторнировано движением", "Reversed by");
        public static readonly Text Reverses = new("Сторнирует движение", "Reverses");
        public static readonly Text Open = new("Открыть", "Open");
        public static readonly Text CreatedBy = new("Создал", "Created by");
        public static readonly Text CreatedAt = new("Создано", "Created");
        public static readonly Text PostedBy = new("Провёл", "Posted by");
        public static readonly Text PostedAt = new("Проведено", "Posted");
        public static readonly Text NotFoundTitle = new("Движение не найдено", "Movement not found");
        public static readonly Text BackToStock = new("К остаткам", "Back to stock");

        public static Text TypeOf(MovementType type) => type switch
        {
            MovementType.Receipt => Receipt,
            MovementType.Shipment => Shipment,
            MovementType.Transfer => Transfer,
            MovementType.WriteOff => WriteOff,
            MovementType.CountAdjustment => CountAdjustment,
            _ => UnknownType,
        };

        public static Text StatusOf(MovementStatus status) => status == MovementStatus.Posted ? Posted : Draft;
    }

    public static class Reservations
    {
        public static readonly Text ReserveTitle = new("Зарезервировать под сделку", "Reserve for a deal");
        public static readonly Text Reserve = new("Зарезервировать", "Reserve");
        public static readonly Text Reserved = new("Зарезервировано: {0}", "Reserved: {0}");
        public static readonly Text Refused = new("Резерв не создан", "Nothing was reserved");
        public static readonly Text Deal = new("Сделка", "Deal");
        public static readonly Text Quantity = new("Количество", "Quantity");
        public static readonly Text Status = new("Статус", "Status");
        public static readonly Text Expires = new("Действует до", "Expires");
        public static readonly Text Release = new("Снять резерв", "Release");
        public static readonly Text Released = new("Резерв снят", "Reservation released");
        public static readonly Text Active = new("Активен", "Active");
        public static readonly Text ReleasedStatus = new("Снят", "Released");
        public static readonly Text Expired = new("Истёк", "Expired");
        public static readonly Text Shipped = new("Отгружен", "Shipped");

        public static Text StatusOf(ReservationStatus status) => status switch
        {
            ReservationStatus.Active => Active,
            ReservationStatus.Released => ReleasedStatus,
            ReservationStatus.Expired => Expired,
            ReservationStatus.Shipped => Shipped,
            _ => Active,
        };
    }

    public static class PriceLists
    {
        public static readonly Text Title = new("Прайс-листы", "Price lists");
        public static readonly Text New = new("Новый прайс-лист", "New price list");
        public static readonly Text None = new("Прайс-листов пока нет", "No price lists yet");
        public static readonly Text NoneHint = new(
            "Создайте прайс-лист: базовые цены товаров и цены для групп клиентов на период.",
            "Create a price list: base prices of products and prices for client groups, for a period.");
        public static readonly Text NoItems = new("В прайс-листе нет товаров", "The price list has no products");
        public static readonly Text Currency = new("Валюта", "Currency");
        public static readonly Text Validity = new("Действует", "Valid");
        public static readonly Text ValidFrom = new("Действует с", "Valid from");
        public static readonly Text ValidTo = new("Действует по", "Valid to");
        public static readonly Text OpenEnded = new("бессрочно", "open-ended");
        public static readonly Text Items = new("Товаров", "Products");
        public static readonly Text BasePrice = new("Базовая цена", "Base price");
        public static readonly Text GroupPrices = new("Цены для групп", "Group prices");
        public static readonly Text ExportCsv = new("Выгрузить CSV", "Export CSV");
        public static readonly Text Printable = new("Для печати (HTML)", "Printable (HTML)");
        public static readonly Text AddRow = new("Добавить товар", "Add a product");
        public static readonly Text RemoveRow = new("Убрать строку", "Remove the row");
    }

    /// <summary>Choosing a deal by its title (issue 11, item 14d).</summary>
    public static class DealPicker
    {
        public static readonly Text Placeholder = new("Выберите сделку: начните вводить название", "Choose a deal: start typing its title");
    }
}
