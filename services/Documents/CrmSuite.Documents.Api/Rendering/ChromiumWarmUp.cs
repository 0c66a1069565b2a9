using Microsoft.Extensions.Options;

namespace CrmSuite.Documents.Api.Rendering;

/// <summary>
/// Starts the printer's Chromium in the background once the service has started, when
/// <see cref="RenderingOptions.WarmOnStart"/> is set. A launch that fails is logged; the first print
/// tries again, as it always does.
/// </summary>
public sealed class ChromiumWarmUp(ChromiumPdfPrinter printer, IOptions<RenderingOptions> options, ILogger<ChromiumWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmOnStart)
        {
            return;
        }
        try
        {
            await printer.WarmUpAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Chromium for PDF printing did not start; the first print will try again");
        }
    }
}
