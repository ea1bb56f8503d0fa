using System.Text.Json;
using System.Text.Json.Nodes;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// Raises webhook events. A service calls it inside the transaction of the change it announces, so
/// the event is written (to <c>webhook_events</c>, the outbox) exactly when the change commits and
/// never for a change that rolls back; once committed, this node's dispatcher is woken. An event no
/// active webhook subscribes to costs nothing: the payload is not even built.
/// </summary>
public sealed class WebhookOutbox(
    DbSession db, WebhookStore webhooks, WebhookEventStore events, WebhookSubscriptionCache subscriptions, WebhookSignal signal,
    GlobalPermissionService globalPermissions, TimeProvider time)
{
    /// <summary>
    /// Raises <paramref name="eventName"/> about <paramref name="about"/> (the deliveries of one
    /// entity keep their order), done by <paramref name="actor"/> (null: the system). The payload is
    /// Cloud's: <c>timestamp</c>, <c>userAccountId</c> and what <paramref name="describe"/> adds (the
    /// entity object under its name), built only if a webhook wants the event. App webhooks whose app
    /// user may not view what the event is about are withheld from it now, while that still exists.
    /// </summary>
    public async Task RaiseAsync(
        string eventName, WebhookEntity about, Caller? actor, Func<CancellationToken, Task<JsonObject?>> describe, CancellationToken ct = default)
    {
        if (!db.InTransaction)
            throw new InvalidOperationException($"Webhook event {eventName} must be raised inside the transaction of its change.");
        var wanted = await subscriptions.WantedAsync(eventName, webhooks, ct);
        if (wanted == WebhookSubscriptionCache.Wanted.No) return;
        if (await describe(ct) is not { } entity) return;

        var now = time.NowMillis();
        var payload = new JsonObject { ["timestamp"] = now };
        if (actor?.User.AccountId is { } accountId) payload["userAccountId"] = accountId;
        payload["accountType"] = "customer";
        foreach (var (name, value) in entity.ToList())
        {
            entity.Remove(name);
            payload[name] = value;
        }
        var eventId = await events.InsertAsync(eventName, about.Key, payload.ToJsonString(Json), now, ct);
        if (wanted == WebhookSubscriptionCache.Wanted.AlsoByApps && about.NeedsViewing)
            await events.WithholdFromAppsAsync(eventId, eventName, about.ContentIds, about.SpaceIds, await globalPermissions.AnonymousUseAsync(ct), ct);
        db.AfterCommit(signal.Notify);
    }

    /// <summary>
    /// Whether an active webhook subscribes to <paramref name="eventName"/>: for a change whose event
    /// needs a read before the change (an old order of children), so that read, too, costs nothing
    /// when nobody listens.
    /// </summary>
    public async Task<bool> WantsAsync(string eventName, CancellationToken ct = default) =>
        await subscriptions.WantedAsync(eventName, webhooks, ct) != WebhookSubscriptionCache.Wanted.No;

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
