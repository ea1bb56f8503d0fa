using Dapper;
using Npgsql;

namespace Quire.Storage;

/// <summary>
/// Listens on a PostgreSQL notification channel over a connection of its own and calls back for
/// each notification, so a node hears at once of changes another node (or the command line)
/// committed. Also calls back whenever it (re)starts listening, since notifications sent while
/// it was not listening are lost. A connection that stops answering is found within about 15 s and replaced. SQLite
/// serves one node: nothing to listen to.
/// </summary>
public static class ChangeListener
{
    /// <summary>How long a listening connection may stay quiet before it is asked to prove it still works.</summary>
    private static readonly TimeSpan QuietCheck = TimeSpan.FromSeconds(10);
    private const int QuietCheckTimeoutSeconds = 5;

    /// <summary>Runs until <paramref name="ct"/> is cancelled, reconnecting after a lost connection.</summary>
    /// <param name="listening">Called each time LISTEN has taken effect, before the call to <paramref name="changed"/> that follows it.</param>
    public static async Task ListenAsync(
        Database database, string channel, Action changed, Action<Exception> lost, CancellationToken ct, Action? listening = null)
    {
        if (!Dialects.SqlDialect.For(database.Provider).ServesManyNodes) return;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await database.OpenConnectionAsync(ct);
                connection.Notification += (_, _) => changed();
                await connection.ExecuteAsync($"LISTEN {channel}");
                listening?.Invoke();
                changed(); // whatever changed while nobody listened
                while (true)
                {
                    // A connection the network silently dropped (a firewall's idle timeout, a failover without a reset)
                    // would wait here for ever, hearing nothing: after a quiet while it must answer a query in time, or
                    // it is given up (the catch below) and replaced.
                    if (!await connection.WaitAsync(QuietCheck, ct))
                        await connection.ExecuteAsync(new CommandDefinition("SELECT 1", commandTimeout: QuietCheckTimeoutSeconds, cancellationToken: ct));
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                changed();
                lost(exception);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
