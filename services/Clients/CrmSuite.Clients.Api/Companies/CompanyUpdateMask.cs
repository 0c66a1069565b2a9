using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Clients.Contracts;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// A partial update (AIP-134): the request's update_mask names the fields to change; every other
/// field keeps what is stored. An integration that changes one field therefore cannot blank the
/// others by leaving them out, as a PUT of the whole record does.
/// </summary>
internal static class CompanyUpdateMask
{
    public const string Field = "update_mask";
    private const string DetailsPath = "details";
    private static readonly HashSet<string> TopLevel = ["name", "inn", "email", "phone", DetailsPath];

    /// <summary>Refuses a mask naming a field that does not exist or cannot be changed (id, version).</summary>
    public static void Validate(FieldMask mask)
    {
        var unknown = mask.Paths.Where(path => !IsKnown(path)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationFailedException(Field,
                $"Unknown field(s) in the update mask: {string.Join(", ", unknown)}. Name fields as name, inn, email, phone, details or details.<field>.");
        }
    }

    /// <summary>The whole record to store: what <paramref name="stored"/> holds, with the masked fields taken from <paramref name="request"/>.</summary>
    public static UpdateCompanyRequest Merge(UpdateCompanyRequest request, Contracts.Company stored)
    {
        var mask = request.UpdateMask;
        var touchesDetails = mask.Paths.Any(p => p == DetailsPath || p.StartsWith(DetailsPath + ".", StringComparison.Ordinal));
        var merged = new UpdateCompanyRequest
        {
            Id = request.Id,
            Version = request.Version,
            Name = stored.Name,
            Inn = stored.Inn,
            Email = stored.Email,
            Phone = stored.Phone,
            // Without details the update keeps the stored lists and moves only the primary phone/email.
            Details = touchesDetails ? stored.Details.Clone() : null,
        };
        mask.Merge(request, merged, new FieldMask.MergeOptions { ReplaceMessageFields = true, ReplaceRepeatedFields = true });
        if (merged.Details is { } details)
        {
            // The details' lists win over the single phone/email; a masked single value must reach them.
            if (mask.Paths.Contains("phone") && !Covers(mask, "details.phones"))
            {
                SetPrimary(details.Phones, merged.Phone);
            }
            if (mask.Paths.Contains("email") && !Covers(mask, "details.emails"))
            {
                SetPrimary(details.Emails, merged.Email);
            }
        }
        return merged;
    }

    private static bool IsKnown(string path) =>
        TopLevel.Contains(path)
        || (path.StartsWith(DetailsPath + ".", StringComparison.Ordinal) && FieldMask.IsValid(CompanyDetails.Descriptor, path[(DetailsPath.Length + 1)..]));

    private static bool Covers(FieldMask mask, string path) => mask.Paths.Contains(DetailsPath) || mask.Paths.Contains(path);

    private static void SetPrimary(Google.Protobuf.Collections.RepeatedField<Contracts.ContactPoint> points, string value)
    {
        var kind = points.FirstOrDefault(p => p.Primary)?.Kind;
        var others = points.Where(p => !p.Primary && p.Value != value).ToList();
        points.Clear();
        if (value.Length > 0)
        {
            points.Add(new Contracts.ContactPoint { Kind = kind ?? string.Empty, Value = value, Primary = true });
        }
        points.AddRange(others);
    }
}
