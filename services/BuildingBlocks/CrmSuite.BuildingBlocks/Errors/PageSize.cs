namespace CrmSuite.BuildingBlocks.Errors;

/// <summary>The page size rule every list of every service follows: 1..200, 50 when not given.</summary>
public static class PageSize
{
    public const int Default = 50;
    public const int Max = 200;

    public static int Validate(int requested, string field = "page_size") => Validate(requested, Max, field);

    /// <summary>A list whose own bounds keep it small (a calendar window) may allow larger pages.</summary>
    public static int Validate(int requested, int max, string field = "page_size")
    {
        if (requested == 0)
        {
            return Default;
        }
        if (requested < 1 || requested > max)
        {
            throw new ValidationFailedException(field, $"Page size must be between 1 and {max}.");
        }
        return requested;
    }
}
