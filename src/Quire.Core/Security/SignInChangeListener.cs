using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quire.Storage;
using Quire.Storage.Users;

namespace Quire.Core.Security;

/// <summary>
/// Drops this node's cached sign-ins as soon as another node (or the command line) announces a
/// revoked token or a changed membership on PostgreSQL. While the listening connection is down,
/// the cache's time to live (<see cref="SignInSnapshotCache.TimeToLive"/>) is the bound.
/// </summary>
public sealed class SignInChangeListener(Database database, SignInSnapshotCache cache, ILogger<SignInChangeListener> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ChangeListener.ListenAsync(database, SignInSnapshotCache.ChangeChannel, cache.Invalidate,
            exception => logger.LogWarning(exception, "Lost the connection that hears of sign-in changes; reconnecting"), stoppingToken);
}
