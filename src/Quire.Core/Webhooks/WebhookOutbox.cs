using System.Text.Json;
using System.Text.Json.Nodes;
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
    TimeProvider time)
{
    /// <summary>
    /// Raises <paramref name="eventName"/> about <paramref name="entityKey"/> (the deliveries of one
    /// entity keep their order), done by <paramref name="actor"/> (null: the system). The payload is
    /// Cloud's: <c>timestamp</c>, <c>userAccountId</c> and what <paramref name="describe"/> adds (the
    /// entity object under its name), built only if a webhook wants the event.
    /// </summary>
    public async Task RaiseAsync(
        string eventName, string entityKey, Caller? actor, Func<CancellationToken, Task<JsonObject?>> describe, CancellationToken ct = default)
    {
        if (!db.InTransaction)
            throw new InvalidOperationException($"Webhook event {eventName} must be raised inside the transaction of its change.");
        if (!await subscriptions.WantsAsync(eventName, webhooks, ct)) return;
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
        await events.InsertAsync(eventName, entityKey, payload.ToJsonString(Json), now, ct);
        db.AfterCommit(signal.Notify);
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
