using CrmSuite.Kpi.Contracts;

namespace CrmSuite.Gateway.UI.Kpi;

/// <summary>A KPI scheme as the editor holds it while the person changes it; decimals stay as typed (the service checks them).</summary>
public sealed class SchemeDraft
{
    public const string RoleTarget = "role";
    public const string TeamTarget = "team";
    public const string PersonTarget = "person";

    /// <summary>The built-in roles a scheme can be for (identity's RoleCatalog); shown by their names.</summary>
    public static readonly IReadOnlyList<string> Roles = ["SalesManager", "Director", "Accountant", "WarehouseKeeper", "Administrator"];

    public string Name { get; set; } = "";

    public string TargetKind { get; set; } = RoleTarget;

    public string? TargetId { get; set; } = "SalesManager";

    public string PeriodKind { get; set; } = PeriodCodes.MonthKind;

    public string BaseSalary { get; set; } = "";

    public string Formula { get; set; } = "";

    public List<MeasureRow> Measures { get; } = [];

    public static SchemeDraft From(SchemeVersion version)
    {
        var draft = new SchemeDraft
        {
            Name = version.Name, TargetKind = version.Target?.Kind ?? RoleTarget, TargetId = version.Target?.Id, PeriodKind = version.PeriodKind,
            BaseSalary = version.BaseSalary, Formula = version.Formula,
        };
        draft.Measures.AddRange(version.Measures.Select(m => new MeasureRow
        {
            MeasureCode = m.MeasureCode, Plan = m.Plan, Weight = m.Weight, MinimumPercent = m.MinimumPercent, CapPercent = m.CapPercent,
        }));
        return draft;
    }

    public IEnumerable<SchemeMeasure> ToMeasures() => Measures.Select(m => new SchemeMeasure
    {
        MeasureCode = m.MeasureCode ?? "", Plan = m.Plan.Trim(), Weight = m.Weight.Trim(), MinimumPercent = m.MinimumPercent.Trim(), CapPercent = m.CapPercent.Trim(),
    });

    public SaveSchemeRequest ToRequest(string schemeId, int expectedVersion) => new()
    {
        SchemeId = schemeId,
        ExpectedVersion = expectedVersion,
        Name = Name.Trim(),
        Target = new SchemeTarget { Kind = TargetKind, Id = TargetId ?? "" },
        PeriodKind = PeriodKind,
        BaseSalary = BaseSalary.Trim(),
        Formula = Formula,
        Measures = { ToMeasures() },
    };

    /// <summary>
    /// The variables the formula may use with these measures (docs/kpi-schemes.md): fact_, plan_ and
    /// ach_ of each, the total achievement and the base salary. The service's check answers the same list.
    /// </summary>
    public IReadOnlyList<string> Variables() =>
    [
        .. Measures.Where(m => !string.IsNullOrEmpty(m.MeasureCode)).Select(m => m.MeasureCode!).Distinct()
            .SelectMany(code => new[] { $"fact_{code}", $"plan_{code}", $"ach_{code}" }),
        "total_ach",
        "base_salary",
    ];

    public sealed class MeasureRow
    {
        public string? MeasureCode { get; set; }

        public string Plan { get; set; } = "";

        public string Weight { get; set; } = "1";

        public string MinimumPercent { get; set; } = "";

        public string CapPercent { get; set; } = "";
    }
}
