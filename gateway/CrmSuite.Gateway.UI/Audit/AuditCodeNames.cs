using CrmSuite.Gateway.UI.Localization;

namespace CrmSuite.Gateway.UI.Audit;

/// <summary>Names for the codes the audit log stores (clients.deal.moved, company, denied), in the user's language.</summary>
public static class AuditCodeNames
{
    /// <summary>The actions the services write today, for the action filter (an unknown code is still shown by its code).</summary>
    public static readonly IReadOnlyList<string> KnownActions =
    [
        "identity.signin.succeeded", "identity.signin.failed", "identity.signout", "identity.password.changed",
        "identity.user.created", "identity.user.updated", "identity.user.disabled", "identity.user.enabled", "identity.user.unlocked",
        "identity.team.created", "identity.team.updated", "identity.integration.created", "identity.integration.revoked",
        "clients.company.created", "clients.company.updated", "clients.company.viewed", "clients.company.listed", "clients.company.searched",
        "clients.company.assigned", "clients.company.archived", "clients.company.restored", "clients.company.shared",
        "clients.company.merged", "clients.company.custom_fields_changed", "clients.export",
        "clients.contact.created", "clients.contact.updated", "clients.contact.archived", "clients.call.recorded",
        "clients.deal.created", "clients.deal.updated", "clients.deal.moved", "clients.deal.archived", "clients.deal.viewed",
        "clients.deal.listed", "clients.deal.history_viewed",
        "clients.lead.captured", "clients.lead.assigned", "clients.lead.converted", "clients.lead.rejected", "clients.lead.viewed", "clients.lead.listed",
        "clients.pipeline.created", "clients.pipeline.renamed", "clients.pipeline.archived",
        "clients.import.started", "clients.import.completed", "clients.import.undone",
        "clients.custom_field.created", "clients.custom_field.updated", "clients.custom_field.deleted",
        "clients.custom_section.created", "clients.custom_section.updated", "clients.custom_section.deleted",
        "warehouse.product.created", "warehouse.product.updated", "warehouse.category.created",
        "warehouse.warehouse.created", "warehouse.warehouse.updated",
        "warehouse.movement.created", "warehouse.movement.updated", "warehouse.movement.posted", "warehouse.movement.reversed",
        "warehouse.reservation.created", "warehouse.reservation.released", "warehouse.reservation.expired",
        "warehouse.stock.verified", "warehouse.valuation.viewed", "audit.export",
    ];

    /// <summary>"clients.deal.moved" → "Deal: moved to another stage"; the code itself when it is not known.</summary>
    public static string Action(UiText text, string code)
    {
        if (Find(Texts.AuditNames.Whole, code) is { } whole)
        {
            return text[whole];
        }
        var parts = code.Split('.', 3);
        return parts.Length == 3 && Find(Texts.AuditNames.Entities, parts[1]) is { } entity && Find(Texts.AuditNames.Verbs, parts[2]) is { } verb
            ? text.Format(Texts.AuditNames.Composed, text[entity], text[verb])
            : code;
    }

    /// <summary>"deal" → "Deal"; the code itself when it is not known.</summary>
    public static string Entity(UiText text, string entityType) =>
        Find(Texts.AuditNames.Entities, entityType) is { } entity ? text[entity] : entityType;

    public static string Outcome(UiText text, string outcome) =>
        Find(Texts.AuditNames.Outcomes, outcome) is { } name ? text[name] : outcome;

    private static Text? Find(IReadOnlyList<(string Code, Text Name)> names, string code) =>
        names.FirstOrDefault(n => n.Code == code).Name;
}
