using System.Text.Json.Nodes;
using CrmSuite.Clients.Api.Companies;

namespace CrmSuite.Clients.Api.Duplicates;

/// <summary>What the company that stays takes over from the one merged into it, beyond the references.</summary>
internal static class CompanyMergeRules
{
    /// <summary>Empty requisites are filled, lists and tags are joined, custom values it lacks are taken over.</summary>
    public static void CarryOver(Company survivor, Company merged)
    {
        survivor.Kpp ??= merged.Kpp;
        survivor.Ogrn ??= merged.Ogrn;
        survivor.LegalForm ??= merged.LegalForm;
        survivor.FullLegalName ??= merged.FullLegalName;
        if (survivor.BankAccount is null && merged.BankAccount is not null)
        {
            (survivor.BankBik, survivor.BankAccount, survivor.BankCorrespondentAccount, survivor.BankName) =
                (merged.BankBik, merged.BankAccount, merged.BankCorrespondentAccount, merged.BankName);
        }
        survivor.Tags = survivor.Tags.Union(merged.Tags).ToList();
        survivor.Addresses = [.. survivor.Addresses, .. merged.Addresses.Where(a => !survivor.Addresses.Any(s => s.Text == a.Text))];
        survivor.Phones = [.. survivor.Phones, .. Secondary(merged.Phones, survivor.Phones)];
        survivor.Emails = [.. survivor.Emails, .. Secondary(merged.Emails, survivor.Emails)];

        var values = JsonNode.Parse(survivor.CustomValues)?.AsObject() ?? [];
        foreach (var (key, value) in JsonNode.Parse(merged.CustomValues)?.AsObject() ?? [])
        {
            if (!values.ContainsKey(key))
            {
                values[key] = value?.DeepClone();
            }
        }
        survivor.CustomValues = values.ToJsonString();
    }

    private static IEnumerable<ContactPoint> Secondary(List<ContactPoint> from, List<ContactPoint> existing) =>
        from.Where(p => !existing.Any(e => e.Value == p.Value))
            .Select(p => new ContactPoint { Kind = p.Kind, Value = p.Value, Primary = existing.Count == 0 && p.Primary });
}
