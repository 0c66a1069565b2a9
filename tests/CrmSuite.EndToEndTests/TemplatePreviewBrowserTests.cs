using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// The template editor's live preview in Chromium, under the gateway's real Content-Security-Policy:
/// the PDF is framed (from a blob: address the page made), never refused by the policy, and printed
/// again after the text is edited.
/// </summary>
public sealed class TemplatePreviewBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    [Fact]
    public async Task Editing_a_templates_text_shows_its_new_PDF_in_the_page_without_a_policy_violation()
    {
        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/documents/templates");
        try
        {
            await page.GetByTestId("template-row-name").First.ClickAsync();
            await Expect(page.GetByTestId("template-editor-page")).ToBeVisibleAsync();
            // What the page's own policy refuses, as the browser reports it to the page (from here on).
            await page.EvaluateAsync("""
                () => {
                    window.crmViolations = [];
                    document.addEventListener('securitypolicyviolation', e => window.crmViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));
                }
                """);
            var preview = page.GetByTestId("template-preview");
            await Expect(preview).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
            var first = await preview.GetAttributeAsync("src");

            var body = page.GetByTestId("template-body");
            var text = await body.InputValueAsync();
            await body.FillAsync(text + "\n<p>Проверка предпросмотра</p>");

            // Printed again: a new PDF in the frame, and the old address let go.
            await Expect(preview).Not.ToHaveAttributeAsync("src", first!);
            var second = await preview.GetAttributeAsync("src");
            Assert.StartsWith("blob:", second, StringComparison.Ordinal);
            await Expect(page.GetByTestId("template-error-template")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("template-preview-failed")).ToHaveCountAsync(0);
            // The frame holds the PDF (a refused frame shows Chromium's error page instead, chrome-error://).
            await WaitForFrameAsync(page, second!);
            Assert.Empty(await page.EvaluateAsync<string[]>("() => window.crmViolations"));
            List<string> console = browser.Consoles.TryGetValue(page, out var lines) ? [.. lines] : [];
            Assert.DoesNotContain(console, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    private static async Task WaitForFrameAsync(IPage page, string url)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (page.Frames.Any(f => f.Url == url))
            {
                return;
            }
            await page.WaitForTimeoutAsync(200);
        }
        Assert.Fail($"No frame showed {url}; frames: {string.Join(", ", page.Frames.Select(f => f.Url))}");
    }
}
