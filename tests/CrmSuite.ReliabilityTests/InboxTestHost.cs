using CrmSuite.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmSuite.ReliabilityTests;

/// <summary>A real Dapr.AspNetCore subscriber on Kestrel over a fresh database, as the inbox tests start it.</summary>
internal static class InboxTestHost
{
    /// <summary>Creates the context's tables, maps the subscriptions and starts; the client posts as the sidecar does.</summary>
    public static async Task<(WebApplication App, HttpClient Sidecar)> StartAsync<TDb>(string connectionString, LogLevel logLevel, Action<WebApplication> map, CancellationToken ct)
        where TDb : DbContext
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Services.AddDbContext<TDb>(o => o.UseNpgsql(connectionString).UseSnakeCaseNamingConvention());
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TDb>().Database.EnsureCreatedAsync(ct);
        }
        app.UseCrmCloudEvents();
        app.MapSubscribeHandler();
        map(app);
        await app.StartAsync(ct);
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.Single()) });
    }

    public static async Task StopAsync(WebApplication app, HttpClient sidecar)
    {
        sidecar.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static async Task<long> CountAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
