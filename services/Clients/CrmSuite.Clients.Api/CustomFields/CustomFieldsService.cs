using System.Text.Json.Nodes;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using CrmSuite.Clients.Api.Validation;

namespace CrmSuite.Clients.Api.CustomFields;

/// <summary>
/// Custom sections and fields (clients.configure) and the companies' values (clients.write).
/// Definitions are read from the database on every call rather than cached: they are a few dozen
/// rows on an index, and reading them per request means a change is seen at once by every replica
/// with no cache to invalidate and no restart.
/// </summary>
public sealed class CustomFieldsService(ClientsDbContext db, CompanyQueries queries, CompanyHistory history, TimeProvider clock)
    : Contracts.CustomFields.CustomFieldsBase
{
    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<CustomFieldSchema> ListCustomFields(ListCustomFieldsRequest request, ServerCallContext context)
    {
        var sections = await db.CustomSections.AsNoTracking().Include(s => s.Fields)
            .OrderBy(s => s.Order).ThenBy(s => s.CreatedAt).ToListAsync(context.CancellationToken);
        var schema = new CustomFieldSchema();
        schema.Sections.AddRange(sections.Select(s => s.ToMessage()));
        return schema;
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.CustomSection> CreateCustomSection(CreateCustomSectionRequest request, ServerCallContext context)
    {
        var (nameRu, nameEn) = Names(request.NameRu, request.NameEn);
        var now = clock.GetUtcNow();
        var section = new CustomSection { Id = Guid.CreateVersion7(now), NameRu = nameRu, NameEn = nameEn, Order = request.Order, CreatedAt = now };
        db.CustomSections.Add(section);
        Audit(context, "clients.custom_section.created", "custom_section", section.Id, null, section.ToMessage().ToString());
        await db.SaveChangesAsync(context.CancellationToken);
        return section.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.CustomSection> UpdateCustomSection(UpdateCustomSectionRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var (nameRu, nameEn) = Names(request.NameRu, request.NameEn);
        var section = await db.CustomSections.Include(s => s.Fields).FirstOrDefaultAsync(s => s.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Custom section", request.Id);
        var before = section.ToMessage().ToString();
        section.NameRu = nameRu;
        section.NameEn = nameEn;
        section.Order = request.Order;
        Audit(context, "clients.custom_section.updated", "custom_section", id, before, section.ToMessage().ToString());
        await db.SaveChangesAsync(context.CancellationToken);
        return section.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<DeleteCustomSectionResponse> DeleteCustomSection(DeleteCustomSectionRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var section = await db.CustomSections.Include(s => s.Fields).FirstOrDefaultAsync(s => s.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Custom section", request.Id);
        if (section.Fields.Count > 0)
        {
            throw new StateConflictException("id", "Delete or move the section's fields first.");
        }
        db.CustomSections.Remove(section);
        Audit(context, "clients.custom_section.deleted", "custom_section", id, section.ToMessage().ToString(), null);
        await db.SaveChangesAsync(context.CancellationToken);
        return new DeleteCustomSectionResponse();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.CustomField> CreateCustomField(CreateCustomFieldRequest request, ServerCallContext context)
    {
        var sectionId = InputRules.Id("section_id", request.SectionId);
        var now = clock.GetUtcNow();
        var field = new CustomFieldDefinition { Id = Guid.CreateVersion7(now), SectionId = sectionId, CreatedAt = now };
        ApplyDefinition(field, request.NameRu, request.NameEn, request.Type, request.Required, request.Searchable, request.Filterable,
            request.Options, request.Order, request.Currency, isNew: true);
        if (!await db.CustomSections.AnyAsync(s => s.Id == sectionId, context.CancellationToken))
        {
            throw new RecordNotFoundException("Custom section", request.SectionId);
        }
        db.CustomFields.Add(field);
        Audit(context, "clients.custom_field.created", "custom_field", field.Id, null, field.ToMessage().ToString());
        await db.SaveChangesAsync(context.CancellationToken);
        return field.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.CustomField> UpdateCustomField(UpdateCustomFieldRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Custom field", request.Id);
        var before = field.ToMessage().ToString();
        var wasSearchable = field.Searchable;
        if (request.Type != CustomFieldType.Unspecified && (CustomFieldKind)request.Type != field.Kind)
        {
            throw new ValidationFailedException("type", "The type of a field cannot change; create a new field instead.");
        }
        ApplyDefinition(field, request.NameRu, request.NameEn, (CustomFieldType)field.Kind, request.Required, request.Searchable, request.Filterable,
            request.Options, request.Order, request.Currency, isNew: false);
        if (request.SectionId.Length > 0)
        {
            var sectionId = InputRules.Id("section_id", request.SectionId);
            if (!await db.CustomSections.AnyAsync(s => s.Id == sectionId, context.CancellationToken))
            {
                throw new RecordNotFoundException("Custom section", request.SectionId);
            }
            field.SectionId = sectionId;
        }
        Audit(context, "clients.custom_field.updated", "custom_field", id, before, field.ToMessage().ToString());
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        if (wasSearchable != field.Searchable)
        {
            await RebuildSearchTextAsync(field.Id, context.CancellationToken);
        }
        await transaction.CommitAsync(context.CancellationToken);
        return field.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<DeleteCustomFieldResponse> DeleteCustomField(DeleteCustomFieldRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Custom field", request.Id);
        db.CustomFields.Remove(field);
        Audit(context, "clients.custom_field.deleted", "custom_field", id, field.ToMessage().ToString(), null);
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        if (field.Searchable)
        {
            await RebuildSearchTextAsync(id, context.CancellationToken);
        }
        var key = id.ToString();
        await db.Database.ExecuteSqlAsync($"UPDATE companies SET custom_values = custom_values - {key} WHERE jsonb_exists(custom_values, {key})", context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return new DeleteCustomFieldResponse();
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<Contracts.Company> SetCompanyCustomValues(SetCompanyCustomValuesRequest request, ServerCallContext context)
    {
        var companyId = InputRules.Id("company_id", request.CompanyId);
        Guid? sectionId = request.SectionId.Length == 0 ? null : InputRules.Id("section_id", request.SectionId);
        var expectedVersion = InputRules.Version(request.Version);
        var visibility = Visibility.Of(context.GetHttpContext().User);
        var company = await db.Companies.Where(visibility.Filter()).FirstOrDefaultAsync(c => c.Id == companyId, context.CancellationToken)
            ?? throw new RecordNotFoundException("Company", request.CompanyId);
        if (company.ArchivedAt is not null)
        {
            throw new StateConflictException("company_id", "An archived company cannot be edited; restore it first.");
        }
        Concurrency.CheckVersion("Company", request.CompanyId, company.Version, expectedVersion);
        var fields = await db.CustomFields.AsNoTracking().ToListAsync(context.CancellationToken);
        if (sectionId is { } id && !await db.CustomSections.AnyAsync(s => s.Id == id, context.CancellationToken))
        {
            throw new RecordNotFoundException("Custom section", request.SectionId);
        }

        var errors = new FieldErrors();
        var values = JsonNode.Parse(company.CustomValues) as JsonObject ?? [];
        var contactIds = new List<(string Key, Guid ContactId)>();
        foreach (var (key, text) in request.Values)
        {
            var fieldId = CustomFieldValues.FieldId(errors, key);
            var field = fields.FirstOrDefault(f => f.Id == fieldId);
            if (field is null)
            {
                errors.Add(CustomFieldValues.FieldPrefix + key, "No such custom field.");
                continue;
            }
            if (sectionId is not null && field.SectionId != sectionId)
            {
                errors.Add(CustomFieldValues.FieldPrefix + key, "The field belongs to another section.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                values.Remove(field.Id.ToString());
                continue;
            }
            var parsed = CustomFieldValues.Parse(field, text, out var error);
            if (parsed is null)
            {
                errors.Add(CustomFieldValues.FieldPrefix + key, error!);
                continue;
            }
            if (field.Kind == CustomFieldKind.Contact)
            {
                contactIds.Add((key, Guid.Parse(parsed.GetValue<string>())));
            }
            values[field.Id.ToString()] = parsed;
        }
        foreach (var (key, contactId) in contactIds)
        {
            if (!await db.Contacts.AnyAsync(c => c.Id == contactId && c.CompanyId == companyId && c.ArchivedAt == null, context.CancellationToken))
            {
                errors.Add(CustomFieldValues.FieldPrefix + key, "Must be a contact of this company.");
            }
        }
        foreach (var field in fields.Where(f => f.Required && (sectionId is null || f.SectionId == sectionId)))
        {
            if (values[field.Id.ToString()] is null)
            {
                errors.Add(CustomFieldValues.FieldPrefix + field.Id, $"Required: {field.NameEn}.");
            }
        }
        errors.ThrowIfAny();

        var before = CompanyHistory.Snapshot(company);
        company.CustomValues = values.ToJsonString();
        company.CustomSearchText = CustomFieldValues.SearchText(values, fields.Where(f => f.Searchable && f.Kind == CustomFieldKind.Text));
        company.UpdatedAt = clock.GetUtcNow();
        history.Record(context.GetHttpContext(), "company.custom_fields_changed", companyId, before, CompanyHistory.Snapshot(company));
        await db.SaveChangesOrConflictAsync("Company", request.CompanyId, context.CancellationToken);
        return await queries.GetAsync(companyId, visibility, context.CancellationToken);
    }

    /// <summary>
    /// Recomputes the search words of the companies holding a value of the field after its
    /// searchable flag changed (or before it is deleted): one statement over the rows that hold
    /// a value of it (an administrator's rare action, so a scan is acceptable).
    /// </summary>
    private async Task RebuildSearchTextAsync(Guid fieldId, CancellationToken cancellationToken)
    {
        var searchable = await db.CustomFields.Where(f => f.Searchable && f.Kind == CustomFieldKind.Text)
            .Select(f => f.Id.ToString()).ToArrayAsync(cancellationToken);
        var key = fieldId.ToString();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE companies SET custom_search_text =
              (SELECT string_agg(e.value, ' ') FROM jsonb_each_text(custom_values) AS e WHERE e.key = ANY({searchable}))
            WHERE jsonb_exists(custom_values, {key})
            """, cancellationToken);
    }

    private void Audit(ServerCallContext context, string action, string entityType, Guid id, object? before, object? after) =>
        db.Audit(AuditEvent.From(context.GetHttpContext(), clock.GetUtcNow(), action, entityType, id.ToString(), before, after));

    private static (string Ru, string En) Names(string nameRu, string nameEn)
    {
        var errors = new FieldErrors();
        var ru = Name(errors, "name_ru", nameRu);
        var en = Name(errors, "name_en", nameEn);
        errors.ThrowIfAny();
        return (ru, en);
    }

    private static string Name(FieldErrors errors, string field, string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            errors.Add(field, "Required.");
        }
        else if (trimmed.Length > CustomSection.MaxNameLength || trimmed.Any(char.IsControl))
        {
            errors.Add(field, $"Must be at most {CustomSection.MaxNameLength} characters, without control characters.");
        }
        return trimmed;
    }

    private static void ApplyDefinition(CustomFieldDefinition field, string nameRu, string nameEn, CustomFieldType type, bool required,
        bool searchable, bool filterable, IReadOnlyList<string> options, int order, string currency, bool isNew)
    {
        var errors = new FieldErrors();
        var ru = Name(errors, "name_ru", nameRu);
        var en = Name(errors, "name_en", nameEn);
        if (isNew && (type == CustomFieldType.Unspecified || !Enum.IsDefined(type)))
        {
            errors.Add("type", "Choose the type: text, number, money, date, yes/no, choice or contact.");
        }
        var kind = (CustomFieldKind)type;
        if (searchable && kind != CustomFieldKind.Text)
        {
            errors.Add("searchable", "Only text fields can be searchable.");
        }
        var cleanOptions = options.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (kind == CustomFieldKind.Choice && cleanOptions.Count == 0)
        {
            errors.Add("options", "A choice field needs at least one option.");
        }
        else if (kind != CustomFieldKind.Choice && cleanOptions.Count > 0)
        {
            errors.Add("options", "Only choice fields have options.");
        }
        else if (cleanOptions.Count > CustomFieldDefinition.MaxOptions || cleanOptions.Any(o => o.Length > CustomFieldDefinition.MaxOptionLength))
        {
            errors.Add("options", $"At most {CustomFieldDefinition.MaxOptions} options of up to {CustomFieldDefinition.MaxOptionLength} characters.");
        }
        var cleanCurrency = string.IsNullOrWhiteSpace(currency) ? "RUB" : currency.Trim().ToUpperInvariant();
        if (cleanCurrency.Length != 3 || !cleanCurrency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "Currency is a 3-letter ISO 4217 code, e.g. RUB.");
        }
        errors.ThrowIfAny();
        field.NameRu = ru;
        field.NameEn = en;
        field.Kind = kind;
        field.Required = required;
        field.Searchable = searchable;
        field.Filterable = filterable;
        field.Options = cleanOptions;
        field.Order = order;
        field.Currency = cleanCurrency;
    }
}
