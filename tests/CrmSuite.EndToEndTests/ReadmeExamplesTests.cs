using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// The README's "Try the API" examples, read from README.md itself and run with bash against the
/// running suite, as an integrator pastes them: README and suite cannot drift apart unnoticed.
/// Only the lines a reader fills in (the gateway address, the integration client) are replaced.
/// </summary>
public sealed partial class ReadmeExamplesTests(SuiteFixture suite)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] IntegrationPermissions =
        ["clients.read", "clients.write", "warehouse.read", "warehouse.catalog", "warehouse.write", "warehouse.reserve", "scheduling.read", "scheduling.write", "kpi.read"];

    [Fact]
    public async Task The_README_API_examples_run_as_written_and_do_what_they_say()
    {
        var ct = TestContext.Current.CancellationToken;
        var integration = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/identity/v1/integration-clients",
            new { displayName = "README examples", permissions = IntegrationPermissions });
        var clientId = integration.GetProperty("client").GetProperty("clientId").GetString()!;
        var clientSecret = integration.GetProperty("clientSecret").GetString()!;

        var examples = ReadmeApiExamples();
        var script = string.Join('\n',
            // Every curl the README runs reports its status on stderr and fails the script on a 4xx/5xx.
            "set -eu",
            """curl() { command curl -S --fail-with-body -w '%{stderr}HTTP %{http_code} %{method} %{url}\n' "$@"; }""",
            FillIn(examples, GatewayAddress(), clientId, clientSecret),
            """echo; echo "RESULT ID=$ID DEAL=$DEAL WH=$WH P=$P MEETING=$MEETING" """);

        var (exitCode, stdout, stderr) = await RunBashAsync(script, ct);

        var calls = HttpStatusLine().Matches(stderr).Select(m => (Status: int.Parse(m.Groups[1].Value), Call: m.Groups[2].Value)).ToList();
        var written = CurlCall().Count(examples);
        Assert.True(exitCode == 0, $"The README's examples failed (exit {exitCode}).\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.All(calls, c => Assert.True(c.Status is >= 200 and < 300, $"{c.Call} answered {c.Status}\n{stdout}"));
        Assert.True(calls.Count >= written, $"{written} curl calls are written in the README, {calls.Count} ran:\n{stderr}");
        Assert.Contains(calls, c => c.Call.StartsWith("PATCH ", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Call.EndsWith(":archive", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Call.EndsWith(":restore", StringComparison.Ordinal));

        var ids = ResultLine().Match(stdout);
        Assert.True(ids.Success, stdout);
        var (id, warehouseId, productId, meetingId) = (ids.Groups["id"].Value, ids.Groups["wh"].Value, ids.Groups["p"].Value, ids.Groups["meeting"].Value);
        var token = await suite.Oidc.ClientCredentialsAsync(clientId, clientSecret, string.Join(' ', IntegrationPermissions), ct);
        using var api = suite.WithToken(token);

        // Created, renamed by the partial update without losing the INN, archived and restored.
        var company = await api.GetFromJsonAsync<JsonElement>($"/api/clients/v1/companies/{id}", Json, ct);
        Assert.Equal("New name", company.GetProperty("name").GetString());
        Assert.Equal("7736207543", company.GetProperty("inn").GetString());
        Assert.Equal("+74951234567", company.GetProperty("phone").GetString());
        Assert.False(company.TryGetProperty("archived", out var archived) && archived.GetBoolean());

        // Found by the README's INN search; a search does not count its matches, so it leaves the total
        // out rather than saying 0 beside its results.
        var search = await api.GetFromJsonAsync<JsonElement>("/api/clients/v1/companies:search?query=7736", Json, ct);
        Assert.Contains(search.GetProperty("companies").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.True(!search.TryGetProperty("total", out _) || Total(search) >= search.GetProperty("companies").GetArrayLength(), $"search total: {search}");

        var contacts = await api.GetFromJsonAsync<JsonElement>($"/api/clients/v1/companies/{id}/contacts", Json, ct);
        Assert.Contains(contacts.GetProperty("contacts").EnumerateArray(), c => c.GetProperty("fullName").GetString() == "Иванов Иван");

        // 10 received, 4 of them reserved for the deal.
        var stock = await api.GetFromJsonAsync<JsonElement>($"/api/warehouse/v1/warehouse/stock?warehouseId={warehouseId}", Json, ct);
        var level = Assert.Single(stock.GetProperty("levels").EnumerateArray(), l => l.GetProperty("productId").GetString() == productId);
        Assert.Equal(10m, decimal.Parse(level.GetProperty("onHand").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4m, decimal.Parse(level.GetProperty("reserved").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        // The KPI's measures, in the order a scheme editor lists them.
        var measures = await api.GetFromJsonAsync<JsonElement>("/api/kpi/v1/kpi/measures", Json, ct);
        Assert.Equal("calls_made", measures.GetProperty("measures")[0].GetProperty("code").GetString());

        // The weekly meeting's March Mondays from the 16th on, each at 09:00 Berlin time: 08:00 UTC before the clocks
        // change on 29 March, 07:00 UTC after; linked to the company.
        var march = await api.GetFromJsonAsync<JsonElement>(
            "/api/scheduling/v1/items?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z", Json, ct);
        var meeting = Assert.Single(march.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == meetingId);
        Assert.Equal(id, meeting.GetProperty("companyId").GetString());
        Assert.Equal(
            ["2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z"],
            meeting.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("startsAt").GetString()));
    }

    /// <summary>The bash blocks of the README's "Try the API" section, in order.</summary>
    private static string ReadmeApiExamples()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("## Try the API", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"## Try the API\" section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var blocks = BashBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 2, "the API section should show the clients and the warehouse examples");
        return string.Join('\n', blocks);
    }

    /// <summary>The lines the reader fills in, filled in: the gateway's address and the integration client.</summary>
    private static string FillIn(string examples, string gateway, string clientId, string clientSecret)
    {
        var lines = examples.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("G=", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("CLIENT_ID=", StringComparison.Ordinal));
        return string.Join('\n', lines.Select(line =>
            line.StartsWith("G=", StringComparison.Ordinal) ? $"G={gateway}"
            : line.StartsWith("CLIENT_ID=", StringComparison.Ordinal) ? $"CLIENT_ID='{clientId}'; CLIENT_SECRET='{clientSecret}'"
            : line));
    }

    private string GatewayAddress() => suite.GatewayAddress.ToString().TrimEnd('/');

    private static long Total(JsonElement list) =>
        !list.TryGetProperty("total", out var total) ? 0
        : total.ValueKind == JsonValueKind.String ? long.Parse(total.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : total.GetInt64();

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunBashAsync(string script, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"crmsuite-readme-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(file, script, ct);
        try
        {
            using var bash = Process.Start(new ProcessStartInfo("bash", [file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
                StandardErrorEncoding = System.Text.Encoding.UTF8,
            })!;
            var stdout = bash.StandardOutput.ReadToEndAsync(ct);
            var stderr = bash.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            try
            {
                await bash.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                bash.Kill(entireProcessTree: true);
                throw;
            }
            return (bash.ExitCode, await stdout, await stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmSuite.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CrmSuite.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"\bcurl -s\b")]
    private static partial Regex CurlCall();

    [GeneratedRegex(@"^HTTP (\d{3}) (.+)$", RegexOptions.Multiline)]
    private static partial Regex HttpStatusLine();

    [GeneratedRegex(@"RESULT ID=(?<id>\S+) DEAL=(?<deal>\S+) WH=(?<wh>\S+) P=(?<p>\S+) MEETING=(?<meeting>\S+)")]
    private static partial Regex ResultLine();
}
