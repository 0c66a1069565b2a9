namespace CrmSuite.Documents.Api.Rendering;

/// <summary>Documents:Rendering — the warm Chromium that prints PDFs and the limits on a template's run.</summary>
public sealed class RenderingOptions
{
    public const string Section = "Documents:Rendering";

    /// <summary>Chromium from the OS packages (Debian: apt-get install chromium).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Browser contexts kept warm, each printing one document at a time (more need more memory, not more speed on 2 cores).</summary>
    public int Contexts { get; set; } = 2;

    /// <summary>
    /// Launch Chromium when the service starts (in the background) instead of on the first print, so
    /// the first invoice after a deploy does not wait for it. The AppHost and deployments set it; tests
    /// that never print leave it off.
    /// </summary>
    public bool WarmOnStart { get; set; }

    /// <summary>
    /// Most documents printed together in one Chromium print when they queue behind busy contexts with
    /// the same template head (then split into one PDF each): ten invoices printed as one cost about
    /// half the CPU each of ten printed alone. 1 prints every document on its own.
    /// </summary>
    public int MaxBatch { get; set; } = 12;

    /// <summary>
    /// How long a print that finds a context free waits for others to print with it. Zero (the default):
    /// it starts at once, and only prints that queue behind busy contexts are combined.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.Zero;

    /// <summary>How long one page may take to load and print.</summary>
    public TimeSpan PrintTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A template's steps (loops, tags) per render: stops a runaway loop.</summary>
    public int MaxSteps { get; set; } = 200_000;

    /// <summary>Characters a template may write per render.</summary>
    public int MaxOutputChars { get; set; } = 5_000_000;
}
