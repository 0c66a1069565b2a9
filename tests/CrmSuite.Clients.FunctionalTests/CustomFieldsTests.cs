using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Custom sections and fields defined by an administrator, and companies' values of them.</summary>
public sealed class CustomFieldsTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static readonly TestUser Administrator = new("admin-1", "Администратор", ClientVisibility.All,
        [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.ClientsConfigure], [], []);

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private CustomFields.CustomFieldsClient Admin => api.CustomFieldsAs(Administrator);

    private async Task<(CustomSection Section, CustomField Field)> FieldAsync(CustomFieldType type, bool required = false,
        bool searchable = false, bool filterable = false, params string[] options)
    {
        var section = await Admin.CreateCustomSectionAsync(new CreateCustomSectionRequest { NameRu = "Раздел " + type, NameEn = "Section " + type }, cancellationToken: Ct);
        var request = new CreateCustomFieldRequest
        {
            SectionId = section.Id, NameRu = "Поле " + type, NameEn = "Field " + type, Type = type,
            Required = required, Searchable = searchable, Filterable = filterable,
        };
        request.Options.AddRange(options);
        return (section, await Admin.CreateCustomFieldAsync(request, cancellationToken: Ct));
    }

    private Task<Company> SetAsync(Company company, CustomField field, string value, CustomFields.CustomFieldsClient? client = null) =>
        (client ?? Admin).SetCompanyCustomValuesAsync(new SetCompanyCustomValuesRequest
        {
            CompanyId = company.Id, SectionId = field.SectionId, Values = { [field.Id] = value },
        }, cancellationToken: Ct).ResponseAsync;

    private async Task<string> RefusedAsync(Company company, CustomField field, string value)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => SetAsync(company, field, value));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("values." + field.Id, violation.Field);
        return violation.Description;
    }

    [Fact]
    public async Task An_administrator_creates_renames_and_deletes_sections_and_fields_and_everyone_sees_them_at_once()
    {
        var (section, field) = await FieldAsync(CustomFieldType.Choice, options: ["A", "B"]);
        var reader = api.CustomFieldsAs(TestUser.ManagerAnna);

        var schema = await reader.ListCustomFieldsAsync(new ListCustomFieldsRequest(), cancellationToken: Ct);
        var shown = Assert.Single(schema.Sections, s => s.Id == section.Id);
        Assert.Equal(["A", "B"], Assert.Single(shown.Fields).Options);

        await Admin.UpdateCustomSectionAsync(new UpdateCustomSectionRequest { Id = section.Id, NameRu = "Логистика", NameEn = "Logistics", Order = 5 }, cancellationToken: Ct);
        var renamed = await Admin.UpdateCustomFieldAsync(new UpdateCustomFieldRequest { Id = field.Id, NameRu = "Склад", NameEn = "Warehouse", Options = { "A", "B", "C" } }, cancellationToken: Ct);
        Assert.Equal(["A", "B", "C"], renamed.Options);
        schema = await reader.ListCustomFieldsAsync(new ListCustomFieldsRequest(), cancellationToken: Ct);
        Assert.Equal("Logistics", schema.Sections.Single(s => s.Id == section.Id).NameEn);

        var notEmpty = await Assert.ThrowsAsync<RpcException>(() => Admin.DeleteCustomSectionAsync(new DeleteCustomSectionRequest { Id = section.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, notEmpty.StatusCode);
        var typeChange = await Assert.ThrowsAsync<RpcException>(() => Admin.UpdateCustomFieldAsync(new UpdateCustomFieldRequest { Id = field.Id, NameRu = "x", NameEn = "x", Type = CustomFieldType.Number }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, typeChange.StatusCode);

        await Admin.DeleteCustomFieldAsync(new DeleteCustomFieldRequest { Id = field.Id }, cancellationToken: Ct);
        await Admin.DeleteCustomSectionAsync(new DeleteCustomSectionRequest { Id = section.Id }, cancellationToken: Ct);
        schema = await reader.ListCustomFieldsAsync(new ListCustomFieldsRequest(), cancellationToken: Ct);
        Assert.DoesNotContain(schema.Sections, s => s.Id == section.Id);
    }

    [Fact]
    public async Task Only_clients_configure_may_define_fields_and_bad_definitions_name_the_field()
    {
        var manager = api.CustomFieldsAs(TestUser.Director);
        var denied = await Assert.ThrowsAsync<RpcException>(() => manager.CreateCustomSectionAsync(new CreateCustomSectionRequest { NameRu = "x", NameEn = "x" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var section = await Admin.CreateCustomSectionAsync(new CreateCustomSectionRequest { NameRu = "Проверка", NameEn = "Checks" }, cancellationToken: Ct);
        var ex = await Assert.ThrowsAsync<RpcException>(() => Admin.CreateCustomFieldAsync(new CreateCustomFieldRequest
        {
            SectionId = section.Id, NameRu = "", NameEn = "Amount", Type = CustomFieldType.Choice, Searchable = true, Currency = "rubles",
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(["currency", "name_ru", "options", "searchable"],
            ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order());
    }

    [Theory]
    [InlineData(CustomFieldType.Number, "12 500,5", "12500.5", "abc", "number")]
    [InlineData(CustomFieldType.Money, "1999.99", "1999.99", "10.555", "2 digits")]
    [InlineData(CustomFieldType.Date, "2026-01-31", "2026-01-31", "31.01.2026", "YYYY-MM-DD")]
    [InlineData(CustomFieldType.YesNo, "true", "true", "maybe", "true or false")]
    [InlineData(CustomFieldType.Choice, "Gold", "Gold", "Platinum", "one of")]
    [InlineData(CustomFieldType.Text, "Северный склад", "Северный склад", "bad\u0001text", "control")]
    public async Task Each_type_accepts_its_values_and_refuses_others_naming_the_field(CustomFieldType type, string good, string stored, string bad, string message)
    {
        var (_, field) = await FieldAsync(type, options: type == CustomFieldType.Choice ? ["Gold", "Silver"] : []);
        var company = await api.CreateCompanyAsync("Typed " + type);

        var saved = await SetAsync(company, field, good);
        Assert.Equal(stored, saved.CustomValues[field.Id]);

        Assert.Contains(message, await RefusedAsync(company, field, bad));
        var card = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        Assert.Equal(stored, card.CustomValues[field.Id]);
    }

    [Fact]
    public async Task A_contact_link_must_name_a_contact_of_the_same_company()
    {
        var (_, field) = await FieldAsync(CustomFieldType.Contact);
        var company = await api.CreateCompanyAsync("Linked Co");
        var other = await api.CreateCompanyAsync("Other Co");
        var own = await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = company.Id, FullName = "Own Person" }, cancellationToken: Ct);
        var foreign = await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = other.Id, FullName = "Foreign Person" }, cancellationToken: Ct);

        Assert.Contains("contact of this company", await RefusedAsync(company, field, foreign.Id));
        Assert.Contains("contact of this company", await RefusedAsync(company, field, "not-an-id"));
        var saved = await SetAsync(company, field, own.Id);
        Assert.Equal(own.Id, saved.CustomValues[field.Id]);
    }

    [Fact]
    public async Task A_required_field_cannot_be_left_empty_when_its_section_is_saved()
    {
        var (section, field) = await FieldAsync(CustomFieldType.Text, required: true);
        var company = await api.CreateCompanyAsync("Required Co");

        var ex = await Assert.ThrowsAsync<RpcException>(() => Admin.SetCompanyCustomValuesAsync(
            new SetCompanyCustomValuesRequest { CompanyId = company.Id, SectionId = section.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("values." + field.Id, Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Contains("Required", await RefusedAsync(company, field, "  "));

        await SetAsync(company, field, "filled");
        var card = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        Assert.Equal("filled", card.CustomValues[field.Id]);
    }

    [Fact]
    public async Task The_list_filters_by_a_filterable_field_value_and_refuses_other_fields()
    {
        var (_, tier) = await FieldAsync(CustomFieldType.Choice, filterable: true, options: ["Gold", "Silver"]);
        var (_, score) = await FieldAsync(CustomFieldType.Number, filterable: true);
        var (_, hidden) = await FieldAsync(CustomFieldType.Text);
        var gold = await api.CreateCompanyAsync("Gold Co");
        var silver = await api.CreateCompanyAsync("Silver Co");
        await SetAsync(gold, tier, "Gold");
        await SetAsync(silver, tier, "Silver");
        await SetAsync(gold, score, "10.50");

        var golden = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { CustomFieldId = tier.Id, CustomFieldValue = "Gold" }, cancellationToken: Ct);
        Assert.Equal([gold.Id], golden.Companies.Select(c => c.Id));
        var scored = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { CustomFieldId = score.Id, CustomFieldValue = "10.5" }, cancellationToken: Ct);
        Assert.Equal([gold.Id], scored.Companies.Select(c => c.Id));

        var ex = await Assert.ThrowsAsync<RpcException>(() => api.Grpc.ListCompaniesAsync(
            new ListCompaniesRequest { CustomFieldId = hidden.Id, CustomFieldValue = "x" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("custom_field_id", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        var badValue = await Assert.ThrowsAsync<RpcException>(() => api.Grpc.ListCompaniesAsync(
            new ListCompaniesRequest { CustomFieldId = tier.Id, CustomFieldValue = "Bronze" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("custom_field_value", Assert.Single(badValue.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task Searchable_text_fields_are_found_by_the_company_search_and_stop_being_found_when_unmarked()
    {
        var (_, field) = await FieldAsync(CustomFieldType.Text, searchable: true);
        var company = await api.CreateCompanyAsync("Plain Name Co");
        await SetAsync(company, field, "Зеленоградский филиал");

        var found = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "зеленоград" }, cancellationToken: Ct);
        Assert.Equal([company.Id], found.Companies.Select(c => c.Id));

        await Admin.UpdateCustomFieldAsync(new UpdateCustomFieldRequest { Id = field.Id, NameRu = field.NameRu, NameEn = field.NameEn, Searchable = false }, cancellationToken: Ct);
        found = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "зеленоград" }, cancellationToken: Ct);
        Assert.Empty(found.Companies);
    }

    [Fact]
    public async Task Values_follow_visibility_and_permissions_and_are_on_the_timeline()
    {
        var (_, field) = await FieldAsync(CustomFieldType.Text);
        var (_, anna) = api.As(TestUser.ManagerAnna);
        var company = await anna.CreateCompanyAsync(new CreateCompanyRequest { Name = "Anna's custom" }, cancellationToken: Ct);

        var byOleg = await Assert.ThrowsAsync<RpcException>(() => SetAsync(company, field, "x", api.CustomFieldsAs(TestUser.ManagerOleg)));
        Assert.Equal(StatusCode.NotFound, byOleg.StatusCode);
        var byAuditor = await Assert.ThrowsAsync<RpcException>(() => SetAsync(company, field, "x", api.CustomFieldsAs(TestUser.Auditor)));
        Assert.Equal(StatusCode.PermissionDenied, byAuditor.StatusCode);

        await SetAsync(company, field, "by Anna", api.CustomFieldsAs(TestUser.ManagerAnna));
        var timeline = await anna.ListCompanyChangesAsync(new ListCompanyChangesRequest { CompanyId = company.Id }, cancellationToken: Ct);
        var row = timeline.Changes.First();
        Assert.Equal("company.custom_fields_changed", row.Action);
        var change = Assert.Single(row.Changes);
        Assert.Equal("custom:" + field.Id, change.Field);
        Assert.Equal("by Anna", change.After);
    }
}
