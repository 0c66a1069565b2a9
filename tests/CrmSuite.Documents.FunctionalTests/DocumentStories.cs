using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Contracts;
using CrmSuite.Testing;
using ClientsContracts = CrmSuite.Clients.Contracts;
using WarehouseContracts = CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>The people and records a document story needs: our organisation, a client company with requisites, a deal, a price list.</summary>
public static class DocumentStories
{
    /// <summary>Anna (sees her own companies) makes documents; she reads the warehouse's prices.</summary>
    public static TestUser Seller { get; } = People.Anna with { Granted = [.. People.Anna.Granted, Permissions.WarehouseRead] };
    /// <summary>Oleg, of another team, sees only his own companies.</summary>
    public static TestUser OtherTeam { get; } = People.Oleg with { Granted = [.. People.Oleg.Granted, Permissions.WarehouseRead] };
    /// <summary>Keeps the warehouse's catalogue and price lists.</summary>
    public static TestUser Catalogue { get; } = new("catalogue-1", "Товаровед", ClientVisibility.All, [Permissions.WarehouseRead, Permissions.WarehouseCatalog], [], []);

    public const string BuyerInn = "7736207543";
    public const string BuyerKpp = "773601001";

    private static CancellationToken Ct => DocumentsApi.Ct;

    /// <summary>Our organisation (a fresh one per call: its numbering starts at 1).</summary>
    public static async Task<Organisation> OrganisationAsync(this DocumentsApi api, string name = "ООО «Ромашка»") =>
        await new Organisations.OrganisationsClient(api.Grpc(People.Administrator)).CreateOrganisationAsync(new SaveOrganisationRequest
        {
            Name = name, Inn = "7707083893", Kpp = "773601001", Ogrn = "1027700132195", Address = "117312, г. Москва, ул. Вавилова, д. 19",
            BankName = "ПАО Сбербанк", Bik = "044525225", CorrespondentAccount = "30101810400000000225", SettlementAccount = "40702810138250123017",
            DirectorName = "Иванов И. И.", AccountantName = "Петрова А. А.",
        }, cancellationToken: Ct);

    /// <summary>A client company with its requisites, owned by <paramref name="owner"/>.</summary>
    public static async Task<ClientsContracts.Company> BuyerAsync(this DocumentsApi api, TestUser owner) =>
        await new ClientsContracts.Companies.CompaniesClient(api.Clients(owner)).CreateCompanyAsync(new ClientsContracts.CreateCompanyRequest
        {
            Name = "Покупатель " + Guid.NewGuid().ToString("N")[..6],
            Inn = BuyerInn,
            Details = new ClientsContracts.CompanyDetails
            {
                Kpp = BuyerKpp,
                FullLegalName = "ООО «Покупатель»",
                Addresses = { new ClientsContracts.Address { Kind = "legal", Postcode = "119021", City = "Москва", Text = "ул. Льва Толстого, д. 16" } },
            },
        }, cancellationToken: Ct);

    public static async Task<ClientsContracts.Contact> ContactAsync(this DocumentsApi api, TestUser owner, string companyId, string email) =>
        await new ClientsContracts.Companies.CompaniesClient(api.Clients(owner)).CreateContactAsync(new ClientsContracts.CreateContactRequest
        {
            CompanyId = companyId, FullName = "Сидоров Пётр", Position = "Бухгалтер", Email = email,
        }, cancellationToken: Ct);

    public static async Task<ClientsContracts.Deal> DealAsync(this DocumentsApi api, TestUser owner, string companyId, string amount, string contactId = "") =>
        await new ClientsContracts.Deals.DealsClient(api.Clients(owner)).CreateDealAsync(new ClientsContracts.CreateDealRequest
        {
            Title = "Поставка оборудования", CompanyId = companyId, ContactId = contactId, Amount = amount, Currency = "RUB",
        }, cancellationToken: Ct);

    /// <summary>A product of the warehouse in a price list valid from 2026-01-01 at <paramref name="price"/>.</summary>
    public static async Task<WarehouseContracts.Product> PricedProductAsync(this DocumentsApi api, string name, string price)
    {
        var catalog = new WarehouseContracts.Catalog.CatalogClient(api.Warehouse(Catalogue));
        var product = await catalog.CreateProductAsync(new WarehouseContracts.CreateProductRequest
        {
            Sku = "SKU-" + Guid.NewGuid().ToString("N")[..8], Name = name, Unit = "шт", VatRate = "22",
        }, cancellationToken: Ct);
        await catalog.CreatePriceListAsync(new WarehouseContracts.CreatePriceListRequest
        {
            Name = "Прайс " + product.Sku, Currency = "RUB", ValidFrom = "2026-01-01",
            Items = { new WarehouseContracts.PriceListItem { ProductId = product.Id, BasePrice = price } },
        }, cancellationToken: Ct);
        return product;
    }

    public static CrmSuite.Documents.Contracts.Documents.DocumentsClient Documents(this DocumentsApi api, TestUser user) => new(api.Grpc(user));

    /// <summary>A draft invoice of <paramref name="organisation"/> for the company: one line, 10 × 1 000,00 at 22 %.</summary>
    public static async Task<Document> DraftInvoiceAsync(this DocumentsApi api, TestUser user, string organisationId, string companyId,
        string type = "invoice", string templateId = "") =>
        await api.Documents(user).CreateDocumentAsync(new CreateDocumentRequest
        {
            Type = type, OrganisationId = organisationId, CompanyId = companyId, Date = "2026-03-01", DueDate = "2026-03-10", TemplateId = templateId,
            Lines = { new DocumentLineInput { Name = "Насос центробежный", Unit = "шт", Quantity = "10", Price = "1000.00", VatRate = "22" } },
        }, cancellationToken: Ct);
}
