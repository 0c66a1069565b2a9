using System.Globalization;
using System.Net.Http.Headers;

namespace CrmSuite.Bench.Documents;

/// <summary>The service's side: GET a PDF over HTTP/1.1 with a bearer token, CONCURRENCY connections; memory sampled on the side.</summary>
public static class ServiceLoad
{
    public static async Task<int> RunAsync(LoopOptions options)
    {
        var url = options.Url ?? throw new ArgumentException("--url is required");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        using var sampler = options.Pid is { } pid ? new MemorySampler(pid, TimeSpan.FromMilliseconds(options.SampleMs)) : null;
        var reported = 0;
        Action<int, double>? progress = options.Progress > 0
            ? (done, seconds) =>
            {
                if (done % options.Progress != 0 || Interlocked.Exchange(ref reported, done) == done)
                {
                    return;
                }
                var memory = sampler?.Now() ?? "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PROGRESS {done}/{options.Count} {seconds:F1} s {done / seconds:F1} docs/s {memory}"));
            }
            : null;
        var result = await Loop.RunAsync(options, async _ =>
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode || !BareChromium.IsPdf(body))
            {
                throw new HttpRequestException($"{(int)response.StatusCode} {response.Content.Headers.ContentType}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)))}");
            }
            return body.Length;
        }, progress, options.Pid);
        Console.WriteLine(result);
        if (sampler is not null)
        {
            Console.WriteLine(sampler.Summary());
        }
        return result.Errors == 0 ? 0 : 1;
    }
}
