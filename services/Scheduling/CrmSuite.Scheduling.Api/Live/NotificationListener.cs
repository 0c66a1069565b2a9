using CrmSuite.Scheduling.Api.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSuite.Scheduling.Api.Live;

/// <summary>
/// One LISTEN connection per replica on <see cref="Channel"/>: a trigger on the notifications table
/// sends the person's id there when a notification is delivered or read, by whichever replica,
/// and PostgreSQL tells every listening replica at commit. The streams of that person on this
/// replica are woken. A lost connection is opened again, and all streams look again then.
/// </summary>
public sealed class NotificationListener(IConfiguration configuration, NotificationSignals signals, IOptions<LiveOptions> options, ILogger<NotificationListener> logger)
    : BackgroundService
{
    /// <summary>The trigger's channel (migration LiveNotifications).</summary>
    public const string Channel = "scheduling_notifications";

    /// <summary>Set once the first LISTEN is in place (tests wait for it).</summary>
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(SchedulingServiceExtensions.DatabaseName))
        {
            // A connection of its own that lives as long as the service; keepalives notice a dead one.
            Pooling = false,
            KeepAlive = 30,
            ApplicationName = "scheduling-live",
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => signals.Signal(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                signals.SignalAll();
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Listening for delivered notifications failed; open streams poll until it is back, trying again in {Delay}", options.Value.ReconnectDelay);
                signals.SignalAll();
                await Task.Delay(options.Value.ReconnectDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
