using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>What a webhook is registered with; a null <see cref="Secret"/> keeps the one it has (an empty one removes it).</summary>
public sealed record WebhookInput(string? Name, string? Url, IReadOnlyList<string>? Events, bool? Active, string? Secret);

/// <summary>A webhook with what it subscribes to.</summary>
public sealed record WebhookView(WebhookRecord Webhook, IReadOnlyList<string> Events);

/// <summary>What a test request to a receiver showed.</summary>
public sealed record WebhookTestResult(string Url, WebhookAttempt Attempt);

/// <summary>
/// Registers webhooks and reads their delivery logs: site administrators only (a null caller is the
/// command line, which acts as the system). A webhook's events are checked against the events Quire
/// raises; its URL must be absolute http or https. Any address is allowed, the loopback included,
/// since only an administrator can point Quire at one.
/// </summary>
public sealed class WebhookService(
    DbSession db, WebhookStore store, WebhookDeliveryStore deliveries, WebhookSubscriptionCache subscriptions, WebhookSignal signal,
    WebhookSender sender, TimeProvider time)
{
    public const int MaxNameLength = 255;
    public const int MaxUrlLength = 2000;
    public const int MaxSecretLength = 255;

    /// <summary>The body of a test request (<c>X-Event-Key: diagnostics:ping</c>), as Data Center's test sends.</summary>
    public const string PingBody = """{"test":true}""";
    public const string PingEvent = "diagnostics:ping";

    public async Task<WebhookView> CreateAsync(Caller? caller, WebhookInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var (name, url, events) = (Name(input.Name), Url(input.Url), Events(input.Events));
        var secret = Secret(input.Secret);
        var now = time.NowMillis();
        var id = await db.InTransactionAsync(async () =>
        {
            var id = await store.InsertAsync(new WebhookRecord
            {
                Name = name, Url = url, Active = input.Active ?? true, Secret = secret, CreatedBy = caller?.UserId, CreatedAt = now, UpdatedAt = now,
            }, ct);
            await store.SetEventsAsync(id, events, ct);
            await AnnounceAsync(ct);
            return id;
        }, ct);
        return await GetAsync(caller, id, ct);
    }

    /// <summary>Replaces the webhook's name, URL, events and active flag; its secret changes only when one is given.</summary>
    public async Task<WebhookView> UpdateAsync(Caller? caller, long id, WebhookInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var (name, url, events) = (Name(input.Name), Url(input.Url), Events(input.Events));
        await db.InTransactionAsync(async () =>
        {
            var webhook = await store.FindAsync(id, ct) ?? throw NotFound(id);
            RequireNotAnApps(webhook);
            var active = input.Active ?? webhook.Active;
            await store.UpdateAsync(new WebhookRecord
            {
                Id = id, Name = name, Url = url, Active = active,
                Secret = input.Secret is null ? webhook.Secret : Secret(input.Secret), UpdatedAt = time.NowMillis(),
            }, ct);
            await store.SetEventsAsync(id, events, ct);
            // Switched off, its waiting deliveries pause (no dispatcher polls for them); switched on, they are due at once.
            if (active != webhook.Active)
            {
                await WebhookDeliveryStore.TakeTurnAsync(db, ct);
                await deliveries.PauseAsync(id, paused: !active, time.NowMillis(), ct);
            }
            await AnnounceAsync(ct);
        }, ct);
        return await GetAsync(caller, id, ct);
    }

    /// <summary>Deletes the webhook; its undelivered events are not sent and its log goes with it.</summary>
    public async Task DeleteAsync(Caller? caller, long id, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await db.InTransactionAsync(async () =>
        {
            RequireNotAnApps(await store.FindAsync(id, ct) ?? throw NotFound(id));
            if (!await store.DeleteAsync(id, ct)) throw NotFound(id);
            await AnnounceAsync(ct);
        }, ct);
    }

    public async Task<WebhookView> GetAsync(Caller? caller, long id, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var webhook = await store.FindAsync(id, ct) ?? throw NotFound(id);
        return new WebhookView(webhook, [.. (await store.EventsOfAsync([id], ct))[id]]);
    }

    public async Task<Page<WebhookView>> ListAsync(Caller? caller, PageRequest page, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var rows = await store.ListAsync(page.Start, page.FetchCount, ct);
        var shown = Page<WebhookRecord>.FromOverfetch(rows, page);
        var events = await store.EventsOfAsync([.. shown.Results.Select(w => w.Id)], ct);
        return new Page<WebhookView>([.. shown.Results.Select(w => new WebhookView(w, [.. events[w.Id]]))], page, shown.HasMore);
    }

    /// <summary>The webhook's delivery log, newest first, optionally only deliveries in one state.</summary>
    public async Task<Page<WebhookDeliveryRecord>> DeliveriesAsync(Caller? caller, long id, string? state, PageRequest page, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        if (state is not (null or WebhookDeliveryStates.Pending or WebhookDeliveryStates.Delivered or WebhookDeliveryStates.Failed
            or WebhookDeliveryStates.Withheld))
            throw new BadRequestException($"state must be pending, delivered, failed or withheld, not '{state}'.");
        _ = await store.FindAsync(id, ct) ?? throw NotFound(id);
        return Page<WebhookDeliveryRecord>.FromOverfetch(await deliveries.LogAsync(id, state, page.Start, page.FetchCount, ct), page);
    }

    public async Task<WebhookDeliveryRecord> DeliveryAsync(Caller? caller, long id, long deliveryId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return await deliveries.FindAsync(id, deliveryId, ct)
            ?? throw new NotFoundException($"Webhook {id} has no delivery {deliveryId}.");
    }

    /// <summary>
    /// Sends a delivered or failed event again, as soon as the dispatcher can; 409 while it is still
    /// pending, and for one withheld from an app (its user could not view what it was about).
    /// </summary>
    public async Task<WebhookDeliveryRecord> RedeliverAsync(Caller? caller, long id, long deliveryId, CancellationToken ct = default)
    {
        var delivery = await DeliveryAsync(caller, id, deliveryId, ct);
        if (delivery.State == WebhookDeliveryStates.Withheld)
            throw new ConflictException(
                $"Delivery {deliveryId} was withheld: the app's user could not view what the event was about, so it is never sent.");
        if (!await deliveries.RedeliverAsync(id, deliveryId, time.NowMillis(), ct))
            throw new ConflictException($"Delivery {deliveryId} is still {delivery.State}: it will be sent without being asked.");
        signal.Notify();
        return await DeliveryAsync(caller, id, deliveryId, ct);
    }

    /// <summary>Sends a ping to a URL (or a registered webhook's, with its secret) and says what the receiver answered.</summary>
    public async Task<WebhookTestResult> TestAsync(Caller? caller, long? id, string? url, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        string target;
        string? secret = null;
        if (id is { } webhookId)
        {
            var webhook = await store.FindAsync(webhookId, ct) ?? throw NotFound(webhookId);
            (target, secret) = (webhook.Url, webhook.Secret);
        }
        else target = Url(url);
        var attempt = await sender.SendAsync(new WebhookRequest(target, PingEvent, 0, PingBody, secret, 0), ct);
        return new WebhookTestResult(target, attempt);
    }

    /// <summary>Drops every node's cached subscriptions once this transaction commits.</summary>
    private Task AnnounceAsync(CancellationToken ct) => subscriptions.AnnounceChangeAsync(db, ct);

    private static void RequireAdmin(Caller? caller)
    {
        if (caller is not null && !caller.IsSiteAdmin) throw new ForbiddenException("Only site administrators can manage webhooks.");
    }

    /// <summary>
    /// An app's webhook is the app's descriptor's: changed here, its URL could leave the app (its events
    /// signed with the app's secret going elsewhere) and a reinstall would undo the change anyway.
    /// </summary>
    private static void RequireNotAnApps(WebhookRecord webhook)
    {
        if (webhook.AppKey is { } appKey)
            throw new ConflictException(
                $"Webhook {webhook.Id} belongs to the app '{appKey}': it follows the app's descriptor; disable, update or uninstall the app instead.");
    }

    private static NotFoundException NotFound(long id) => new($"No webhook with id {id} was found.");

    private static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new BadRequestException("A webhook needs a name.");
        if (name.Length > MaxNameLength) throw new BadRequestException($"A webhook's name is at most {MaxNameLength} characters.");
        return name.Trim();
    }

    private static string Url(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) throw new BadRequestException("A webhook needs a url.");
        if (url.Length > MaxUrlLength) throw new BadRequestException($"A webhook's url is at most {MaxUrlLength} characters.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw new BadRequestException($"'{url}' is not an absolute http or https URL.");
        return url.Trim();
    }

    private static IReadOnlyList<string> Events(IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0) throw new BadRequestException("A webhook needs at least one event.");
        var unknown = events.Where(e => e is null || !WebhookEvents.IsKnown(e)).ToList();
        if (unknown.Count > 0)
            throw new BadRequestException($"Unknown events: {string.Join(", ", unknown.Take(10))}. Known: {string.Join(", ", WebhookEvents.All)}.");
        return [.. events.Distinct().Order(StringComparer.Ordinal)];
    }

    private static string? Secret(string? secret)
    {
        if (secret is { Length: > MaxSecretLength }) throw new BadRequestException($"A webhook's secret is at most {MaxSecretLength} characters.");
        return string.IsNullOrEmpty(secret) ? null : secret;
    }
}
