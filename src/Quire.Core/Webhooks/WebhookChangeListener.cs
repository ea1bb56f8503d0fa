using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quire.Storage;

namespace Quire.Core.Webhooks;

/// <summary>
/// Drops this node's cached subscriptions as soon as another node (or the command line) changes a
/// webhook on PostgreSQL. While the listening connection is down, the cache's time to live is the bound.
/// </summary>
public sealed class WebhookChangeListener(Database database, WebhookSubscriptionCache cache, ILogger<WebhookChangeListener> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ChangeListener.ListenAsync(database, WebhookSubscriptionCache.ChangeChannel, cache.Invalidate,
            exception => logger.LogWarning(exception, "Lost the connection that hears of webhook changes; reconnecting"), stoppingToken);
}
