using Quire.Core.Webhooks;
using Quire.Storage;
using Quire.Storage.Webhooks;

namespace Quire.Core.ConnectApps;

/// <summary>
/// An app's descriptor webhooks as rows of <c>webhooks</c> (with its <c>app_key</c>), so the one
/// dispatcher delivers them, signed with a Connect JWT instead of an HMAC (see <see cref="WebhookSender"/>).
/// Switched off while the app is disabled (events are not fanned out to them, deliveries already queued wait),
/// deleted with the app. Each method
/// runs inside its caller's transaction.
/// </summary>
public sealed class ConnectAppWebhooks(
    DbSession db, WebhookStore store, WebhookDeliveryStore deliveries, WebhookSubscriptionCache subscriptions, TimeProvider time)
{
    /// <summary>Registers the descriptor's webhooks, replacing any the app had (an install over an installed app).</summary>
    public async Task ReplaceAsync(ConnectDescriptor descriptor, bool active, long? installedBy, CancellationToken ct)
    {
        await DeleteAsync(descriptor.Key, ct);
        var now = time.NowMillis();
        foreach (var webhook in descriptor.Webhooks)
        {
            var id = await store.InsertAsync(new WebhookRecord
            {
                Name = $"{descriptor.Key}: {webhook.Event}", Url = descriptor.BaseUrl + webhook.Url, Active = active, AppKey = descriptor.Key,
                ExcludeBody = webhook.ExcludeBody, CreatedBy = installedBy, CreatedAt = now, UpdatedAt = now,
            }, ct);
            await store.SetEventsAsync(id, [webhook.Event], ct);
        }
        await subscriptions.AnnounceChangeAsync(db, ct);
    }

    /// <summary>Switches the app's webhooks on or off; their queued deliveries pause, or are due again at once.</summary>
    public async Task SetActiveAsync(string appKey, bool active, CancellationToken ct)
    {
        var now = time.NowMillis();
        await store.SetActiveOfAppAsync(appKey, active, now, ct);
        await WebhookDeliveryStore.TakeTurnAsync(db, ct);
        foreach (var id in await store.IdsOfAppAsync(appKey, ct)) await deliveries.PauseAsync(id, paused: !active, now, ct);
        await subscriptions.AnnounceChangeAsync(db, ct);
    }

    /// <summary>Deletes the app's webhooks with their deliveries.</summary>
    public async Task DeleteAsync(string appKey, CancellationToken ct)
    {
        var ids = await store.IdsOfAppAsync(appKey, ct);
        foreach (var id in ids) await store.DeleteAsync(id, ct);
        if (ids.Count > 0) await subscriptions.AnnounceChangeAsync(db, ct);
    }
}
