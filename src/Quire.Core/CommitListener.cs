using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quire.Storage;

namespace Quire.Core;

/// <summary>
/// Hears on PostgreSQL the commits of the other nodes and of the command line (<see cref="CommitSequence.CommitChannel"/>,
/// announced by a trigger on every table an answer shows) and counts each in <see cref="Database.Commits"/>, so what this
/// node keeps on the count (rendered answers) ends a few milliseconds after another node's write. Until it listens,
/// whenever its connection is lost (one that silently stops answering is found within about 15 s), and once it stops,
/// the count stays unsettled and nothing is kept. Nothing to hear on SQLite.
/// </summary>
public sealed class CommitListener(Database database, ILogger<CommitListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Quire.Storage.Dialects.SqlDialect.For(database.Provider).ServesManyNodes) return;
        try
        {
            await ChangeListener.ListenAsync(database, CommitSequence.CommitChannel, database.Commits.CommittedElsewhere,
                exception =>
                {
                    database.Commits.StopsHearing();
                    logger.LogWarning(exception, "Lost the connection that hears of other nodes' commits; reconnecting");
                },
                stoppingToken, listening: database.Commits.StartsHearing);
        }
        finally
        {
            // Stopping (the node shuts down while requests may still be answered): nothing is heard from here on.
            database.Commits.StopsHearing();
        }
    }
}
