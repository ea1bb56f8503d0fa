using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Quire.Core.Tasks;

/// <summary>
/// Drains the long-task queue in the background: runs tasks one at a time while there are
/// any, then sleeps until a task is queued (<see cref="LongTaskSignal"/>) or the poll
/// interval passes, which also picks up tasks another node queued or a dead worker left.
/// </summary>
public sealed class LongTaskWorker(IServiceScopeFactory scopes, LongTaskSignal signal, ILogger<LongTaskWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Identifies this worker's claims; unique per process start.</summary>
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Quire.Storage.Database.ExcludeFlowFromCommandCount();
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                worked = await scope.ServiceProvider.GetRequiredService<LongTaskRunner>().RunNextAsync(_workerId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be briefly unavailable; keep polling rather than stop the worker.
                logger.LogWarning(exception, "Long task worker could not claim or run a task");
                worked = false;
            }

            if (worked) continue;
            try { await signal.WaitAsync(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
