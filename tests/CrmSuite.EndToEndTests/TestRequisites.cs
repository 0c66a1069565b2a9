namespace CrmSuite.EndToEndTests;

/// <summary>Requisites that pass the service's checksums, different in every test run.</summary>
internal static class TestRequisites
{
    /// <summary>A valid 10-digit INN of an organisation, from a random 9-digit stem.</summary>
    public static string OrganisationInn()
    {
        int[] weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sum = digits.Select((d, i) => (d - '0') * weights[i]).Sum();
        return digits + (sum % 11 % 10);
    }
}
