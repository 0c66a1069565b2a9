using System.Buffers.Text;
using System.Security.Cryptography;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using CrmSuite.Clients.Api.Validation;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>Configuration of lead capture (clients.configure): web forms, assignment rules, telephony integrations.</summary>
public sealed partial class LeadsService
{
    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.WebForm> CreateWebForm(CreateWebFormRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var form = new WebForm { Id = Guid.CreateVersion7(now), PublicKey = RandomKey(16), CreatedAt = now };
        ApplyForm(form, request.Name, request.AllowedOrigins, request.Region, request.Tags, enabled: true);
        db.WebForms.Add(form);
        Audit(context, "clients.lead-form.created", "lead-form", form.Id.ToString(), null, FormSnapshot(form));
        await db.SaveChangesAsync(context.CancellationToken);
        return form.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.WebForm> UpdateWebForm(UpdateWebFormRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var form = await db.WebForms.FirstOrDefaultAsync(f => f.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Web form", request.Id);
        var before = FormSnapshot(form);
        ApplyForm(form, request.Name, request.AllowedOrigins, request.Region, request.Tags, request.Enabled);
        Audit(context, "clients.lead-form.updated", "lead-form", form.Id.ToString(), before, FormSnapshot(form));
        await db.SaveChangesAsync(context.CancellationToken);
        return form.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<ListWebFormsResponse> ListWebForms(ListWebFormsRequest request, ServerCallContext context)
    {
        var forms = await db.WebForms.AsNoTracking().OrderBy(f => f.Name).ThenBy(f => f.Id).ToListAsync(context.CancellationToken);
        return new ListWebFormsResponse { Forms = { forms.Select(f => f.ToMessage()) } };
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<AssignmentRules> ListAssignmentRules(ListAssignmentRulesRequest request, ServerCallContext context) =>
        await RulesAsync(context.CancellationToken);

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<AssignmentRules> SaveAssignmentRules(SaveAssignmentRulesRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        if (request.Rules.Count > AssignmentRule.MaxRules)
        {
            errors.Add("rules", $"At most {AssignmentRule.MaxRules} rules.");
        }
        var existing = await db.LeadAssignmentRules.ToDictionaryAsync(r => r.Id, context.CancellationToken);
        var before = existing.Values.OrderBy(r => r.Position).Select(RuleSnapshot).ToList();
        var kept = new List<AssignmentRule>();
        for (var i = 0; i < request.Rules.Count; i++)
        {
            var input = request.Rules[i];
            var field = $"rules[{i}]";
            // A rule that keeps its id keeps its place in the round robin.
            var rule = Guid.TryParse(input.Id, out var id) && existing.TryGetValue(id, out var known) && !kept.Contains(known)
                ? known
                : new AssignmentRule { Id = Guid.CreateVersion7(clock.GetUtcNow()) };
            rule.Position = i;
            rule.Name = InputRules.RequiredText(errors, $"{field}.name", input.Name, 200);
            rule.Source = input.Source == Contracts.LeadSource.Unspecified || Enum.IsDefined(input.Source)
                ? LeadMapping.FromMessage(input.Source, $"{field}.source")
                : Invalid<LeadSource?>(errors, $"{field}.source", "Source must be WEB_FORM, API, PHONE_CALL or EMAIL.");
            rule.Region = InputRules.OptionalText(errors, $"{field}.region", input.Region, Lead.MaxRegionLength);
            var tags = LeadInput.Tags(errors, $"{field}.tag", [input.Tag]);
            rule.Tag = tags.FirstOrDefault();
            rule.ManagerUserIds = input.ManagerUserIds.Select(m => m.Trim()).Where(m => m.Length > 0).Distinct().ToList();
            if (rule.ManagerUserIds.Count == 0 || rule.ManagerUserIds.Count > AssignmentRule.MaxManagers || rule.ManagerUserIds.Any(m => m.Length > 100))
            {
                errors.Add($"{field}.manager_user_ids", $"Choose 1 to {AssignmentRule.MaxManagers} managers to give the leads to.");
            }
            rule.TeamId = InputRules.OptionalText(errors, $"{field}.team_id", input.TeamId, 100);
            kept.Add(rule);
        }
        errors.ThrowIfAny();
        db.LeadAssignmentRules.RemoveRange(existing.Values.Where(r => !kept.Contains(r)));
        db.LeadAssignmentRules.AddRange(kept.Where(r => !existing.ContainsKey(r.Id)));
        Audit(context, "clients.lead-rules.saved", "lead-rules", string.Empty, before, kept.Select(RuleSnapshot).ToList());
        await db.SaveChangesAsync(context.CancellationToken);
        return await RulesAsync(context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<CreatedTelephonyIntegration> CreateTelephonyIntegration(CreateTelephonyIntegrationRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var name = InputRules.RequiredText(errors, "name", request.Name, TelephonyIntegration.MaxNameLength);
        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        var secret = RandomKey(32);
        var integration = new TelephonyIntegration
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Key = RandomKey(16),
            SecretHash = TelephonyWebhook.Hash(secret),
            CreatedAt = now,
        };
        db.TelephonyIntegrations.Add(integration);
        Audit(context, "clients.telephony-integration.created", "telephony-integration", integration.Id.ToString(), null, new { integration.Name, integration.Key });
        await db.SaveChangesAsync(context.CancellationToken);
        return new CreatedTelephonyIntegration { Integration = integration.ToMessage(), Secret = secret };
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<ListTelephonyIntegrationsResponse> ListTelephonyIntegrations(ListTelephonyIntegrationsRequest request, ServerCallContext context)
    {
        var integrations = await db.TelephonyIntegrations.AsNoTracking().OrderBy(i => i.Name).ThenBy(i => i.Id).ToListAsync(context.CancellationToken);
        return new ListTelephonyIntegrationsResponse { Integrations = { integrations.Select(i => i.ToMessage()) } };
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.TelephonyIntegration> RevokeTelephonyIntegration(RevokeTelephonyIntegrationRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var integration = await db.TelephonyIntegrations.FirstOrDefaultAsync(i => i.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Telephony integration", request.Id);
        if (integration.RevokedAt is null)
        {
            integration.RevokedAt = clock.GetUtcNow();
            Audit(context, "clients.telephony-integration.revoked", "telephony-integration", id.ToString(), new { Revoked = false }, new { Revoked = true });
            await db.SaveChangesAsync(context.CancellationToken);
        }
        return integration.ToMessage();
    }

    private async Task<AssignmentRules> RulesAsync(CancellationToken cancellationToken)
    {
        var rules = await db.LeadAssignmentRules.AsNoTracking().OrderBy(r => r.Position).ToListAsync(cancellationToken);
        return new AssignmentRules { Rules = { rules.Select(r => r.ToMessage()) } };
    }

    private static void ApplyForm(WebForm form, string name, IEnumerable<string> origins, string region, IEnumerable<string> tags, bool enabled)
    {
        var errors = new FieldErrors();
        form.Name = InputRules.RequiredText(errors, "name", name, WebForm.MaxNameLength);
        form.AllowedOrigins = [];
        foreach (var origin in origins.Select(o => o.Trim()).Where(o => o.Length > 0))
        {
            // An origin is scheme://host[:port], exactly as a browser sends it in the Origin header.
            if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
                && origin.TrimEnd('/').Equals(uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                var clean = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
                if (!form.AllowedOrigins.Contains(clean))
                {
                    form.AllowedOrigins.Add(clean);
                }
            }
            else
            {
                errors.Add("allowed_origins", $"'{origin}' is not a site address like https://www.example.com (no path).");
            }
        }
        if (form.AllowedOrigins.Count > WebForm.MaxOrigins)
        {
            errors.Add("allowed_origins", $"At most {WebForm.MaxOrigins} sites.");
        }
        form.Region = InputRules.OptionalText(errors, "region", region, Lead.MaxRegionLength);
        form.Tags = LeadInput.Tags(errors, "tags", tags);
        form.Enabled = enabled;
        errors.ThrowIfAny();
    }

    private static object FormSnapshot(WebForm form) => new { form.Name, form.AllowedOrigins, form.Region, form.Tags, form.Enabled };

    private static object RuleSnapshot(AssignmentRule rule) => new
    {
        rule.Name,
        Source = rule.Source?.ToString(),
        rule.Region,
        rule.Tag,
        rule.ManagerUserIds,
        rule.TeamId,
    };

    private static T Invalid<T>(FieldErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return default!;
    }

    /// <summary>A random, URL-safe key: 16 bytes for public addresses, 32 for secrets.</summary>
    private static string RandomKey(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
