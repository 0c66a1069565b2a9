using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

namespace CrmSuite.BuildingBlocks.Web;

public static class CrmWeb
{
    /// <summary>The staff UI's languages; the choice travels in the standard culture cookie, shared by every page.</summary>
    public static readonly string[] Languages = ["ru", "en"];

    public static IApplicationBuilder UseCrmRequestLocalization(this IApplicationBuilder app, string defaultLanguage) =>
        app.UseRequestLocalization(options =>
        {
            var cultures = Languages.Select(l => new CultureInfo(l)).ToList();
            options.DefaultRequestCulture = new RequestCulture(defaultLanguage);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
        });

    /// <summary>A return address inside this site only: sign-in and language links must not be open redirects.</summary>
    public static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
