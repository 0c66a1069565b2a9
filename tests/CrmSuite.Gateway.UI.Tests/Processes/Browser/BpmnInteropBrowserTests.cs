using System.Text.Json;
using Microsoft.Playwright;

namespace CrmSuite.Gateway.UI.Tests.Processes.Browser;

/// <summary>
/// bpmn-interop.js with the vendored bpmn-js in Chromium, without the suite: the page, the module and
/// the library are served from disk at one made-up origin. Checks what the bunit tests cannot: the
/// palette is cut to what the engine runs, crm:* attributes survive import, edit and export, the
/// watermark shows, and the viewer colours an instance's elements.
/// </summary>
public sealed class BpmnInteropBrowserTests : IAsyncLifetime
{
    private const string Origin = "http://bpmn.test";
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"Chromium not found at {executable}: install it with 'sudo apt-get install -y chromium' (./run-tests does).");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
    }

    [Fact]
    public async Task The_editor_keeps_our_attributes_through_import_edit_and_export_and_offers_only_what_the_engine_runs()
    {
        var page = await OpenHarnessAsync();

        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const { module: m, selections } = window.harness;
              await m.createEditor('e', document.getElementById('editor'), window.harness.dotNet);
              const xml = await (await fetch('/lead-process.bpmn')).text();
              const warnings = await m.importXml('e', xml);
              m.selectElement('e', 'Task_call');
              const selected = selections.at(-1);
              m.setAttributes('e', 'Task_call', { assignee: 'roundRobin:team-1', dueIn: 'P2D', reminders: null });
              m.setCondition('e', 'Flow_yes', '[amount] > 100000');
              m.setTimer('e', 'Wait_3d', 'timeDuration', 'P5D');
              m.setStartTrigger('e', 'Start_1', 'deal.stageChanged');
              const marked = m.markProblems('e', ['Task_offer', 'Gone_1']);
              const palette = [...document.querySelectorAll('.djs-palette .entry')].map(e => e.dataset.action);
              m.selectElement('e', 'Task_call');
              const contextPad = [...document.querySelectorAll('.djs-context-pad .entry')].map(e => e.dataset.action);
              const exported = await m.exportXml('e');
              m.setAttributes('e', 'Task_call', { taskType: 'meeting' });
              m.undo('e');
              const undone = await m.exportXml('e');
              return {
                warnings, selected, marked, palette, contextPad, exported, undone,
                problemMarked: document.querySelector('[data-element-id="Task_offer"]').classList.contains('crm-problem'),
                watermark: !!document.querySelector('#editor .bjs-powered-by'),
              };
            }
            """);

        Assert.Empty(result.GetProperty("warnings").EnumerateArray());
        var selected = result.GetProperty("selected");
        Assert.Equal("bpmn:UserTask", selected.GetProperty("type").GetString());
        Assert.Equal("PT1H", selected.GetProperty("attributes").GetProperty("dueIn").GetString());
        Assert.Equal("call", selected.GetProperty("attributes").GetProperty("taskType").GetString());
        Assert.Equal(1, result.GetProperty("marked").GetInt32());
        Assert.True(result.GetProperty("problemMarked").GetBoolean());
        Assert.True(result.GetProperty("watermark").GetBoolean(), "the bpmn.io watermark must stay visible");
        Assert.Equal(
            ["hand-tool", "lasso-tool", "global-connect-tool", "create.start-event", "create.end-event", "create.timer-catch", "create.exclusive-gateway",
                "create.parallel-gateway", "create.user-task", "create.service-task"],
            result.GetProperty("palette").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("attach.boundary-timer", result.GetProperty("contextPad").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("append.append-task", result.GetProperty("contextPad").EnumerateArray().Select(e => e.GetString()));

        var exported = result.GetProperty("exported").GetString()!;
        Assert.Contains("xmlns:crm=\"http://crmsuite.dev/schema/bpmn/1.0\"", exported, StringComparison.Ordinal);
        Assert.Contains("crm:assignee=\"roundRobin:team-1\" crm:dueIn=\"P2D\" crm:taskType=\"call\"", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("crm:reminders", exported, StringComparison.Ordinal);
        Assert.Contains("crm:onLate=\"escalate\"", exported, StringComparison.Ordinal);
        Assert.Contains("crm:emailSubject=\"Наше предложение\"", exported, StringComparison.Ordinal);
        Assert.Contains("&gt; 100000</bpmn:conditionExpression>", exported, StringComparison.Ordinal);
        Assert.Contains(">P5D</bpmn:timeDuration>", exported, StringComparison.Ordinal);
        Assert.Contains("name=\"deal.stageChanged\"", exported, StringComparison.Ordinal);
        // A panel change is one command: Ctrl+Z takes it back.
        Assert.Equal(exported, result.GetProperty("undone").GetString());
    }

    [Fact]
    public async Task The_viewer_colours_done_and_late_steps_and_badges_the_late_one()
    {
        var page = await OpenHarnessAsync();

        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const m = window.harness.module;
              const xml = await (await fetch('/lead-process.bpmn')).text();
              await m.showInstance('v', document.getElementById('viewer'), xml,
                [{ elementId: 'Start_1', state: 'done' }, { elementId: 'Task_call', state: 'late' }, { elementId: 'Nope', state: 'done' }], { late: 'просрочено' });
              return {
                done: m.markedElements('v', 'done'), late: m.markedElements('v', 'late'),
                badge: document.querySelector('#viewer .crm-state-badge-late')?.textContent,
                palette: document.querySelectorAll('#viewer .djs-palette').length,
              };
            }
            """);

        Assert.Equal(["Start_1"], result.GetProperty("done").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Task_call"], result.GetProperty("late").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("просрочено", result.GetProperty("badge").GetString());
        Assert.Equal(0, result.GetProperty("palette").GetInt32());
    }

    [Fact]
    public async Task Clicking_a_flows_label_shows_that_flows_properties()
    {
        var page = await OpenHarnessAsync();
        await page.EvaluateAsync("""
            async () => {
              const m = window.harness.module;
              await m.createEditor('e', document.getElementById('editor'), window.harness.dotNet);
              await m.importXml('e', await (await fetch('/lead-process.bpmn')).text());
            }
            """);

        // The "yes" on the arrow out of the decision is what a person clicks to set its condition.
        await page.Locator("#editor [data-element-id=Flow_yes_label]").ClickAsync(new LocatorClickOptions { Force = true });

        var selected = await page.EvaluateAsync<JsonElement>("() => window.harness.selections.at(-1)");
        Assert.Equal(JsonValueKind.Object, selected.ValueKind);
        Assert.Equal(("Flow_yes", "bpmn:SequenceFlow", "yes"),
            (selected.GetProperty("id").GetString(), selected.GetProperty("type").GetString(), selected.GetProperty("name").GetString()));
        Assert.Equal("bpmn:ExclusiveGateway", selected.GetProperty("sourceType").GetString());
    }

    private async Task<IPage> OpenHarnessAsync()
    {
        var wwwroot = Path.Combine(RepositoryRoot(), "gateway", "CrmSuite.Gateway.UI", "wwwroot");
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Processes", "Browser");
        var page = await browser!.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.RouteAsync($"{Origin}/**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath.TrimStart('/');
            var file = path.StartsWith("js/", StringComparison.Ordinal) || path.StartsWith("lib/", StringComparison.Ordinal)
                ? Path.Combine(wwwroot, path)
                : Path.Combine(fixtures, path);
            if (!File.Exists(file))
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
                return;
            }
            var type = Path.GetExtension(file) switch
            {
                ".js" => "text/javascript", ".css" => "text/css", ".html" => "text/html", ".woff2" => "font/woff2", _ => "application/octet-stream",
            };
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = type, BodyBytes = await File.ReadAllBytesAsync(file) });
        });
        await page.GotoAsync($"{Origin}/harness.html");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        Assert.Empty(errors);
        return page;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmSuite.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository (CrmSuite.sln) was not found above " + AppContext.BaseDirectory);
    }
}
