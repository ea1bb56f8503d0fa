namespace Quire.Storage.Webhooks;

/// <summary>A registered receiver: where events go, whether it is on, and the secret that signs them (null: unsigned).</summary>
public sealed class WebhookRecord
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public required string Url { get; init; }
    public bool Active { get; init; }
    public string? Secret { get; init; }
    /// <summary>The app whose descriptor registered it; null for one a site admin registered.</summary>
    public string? AppKey { get; init; }
    /// <summary>An app's webhook declared <c>excludeBody</c>: its requests carry no event body.</summary>
    public bool ExcludeBody { get; init; }
    public long? CreatedBy { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
}

/// <summary>An event some active webhook subscribes to; <see cref="ByApp"/>: the webhook is an app's.</summary>
public sealed class SubscribedEvent
{
    public required string Event { get; init; }
    public bool ByApp { get; init; }
}

/// <summary>A delivery as its webhook's log shows it: the event, where it stands, and its attempts so far.</summary>
public sealed class WebhookDeliveryRecord
{
    public long Id { get; init; }
    public long WebhookId { get; init; }
    public long EventId { get; init; }
    public required string Event { get; init; }
    public required string EntityKey { get; init; }
    /// <summary><see cref="WebhookDeliveryStates"/>.</summary>
    public required string State { get; init; }
    public int Attempts { get; init; }
    public long NextAttemptAt { get; init; }
    public int? LastStatus { get; init; }
    public string? LastError { get; init; }
    public long? LastAttemptAt { get; init; }
    public long? FinishedAt { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>A claimed delivery with everything needed to send it: the receiver, its secret, the event and its body.</summary>
public sealed class WebhookSendRecord
{
    public long Id { get; init; }
    public long WebhookId { get; init; }
    public long EventId { get; init; }
    public required string EntityKey { get; init; }
    public int Attempts { get; init; }
    public required string Event { get; init; }
    public required string Payload { get; init; }
    public required string Url { get; init; }
    public string? Secret { get; init; }
    public bool ExcludeBody { get; init; }
    /// <summary>For an app's webhook: the installation's client key, shared secret and baseUrl, which sign it with a Connect JWT.</summary>
    public string? AppClientKey { get; init; }
    public string? AppSharedSecret { get; init; }
    public string? AppBaseUrl { get; init; }
    /// <summary>The lease this claim wrote: a result is recorded only while the delivery still carries it.</summary>
    public long LeasedUntil { get; init; }
}

public static class WebhookDeliveryStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    /// <summary>Never sent: the event was about something the app's user may not view (an app's webhook only).</summary>
    public const string Withheld = "withheld";
}

/// <summary>How one attempt ended, to be recorded: delivered, to retry at a time, or failed for good.</summary>
public sealed record WebhookAttemptResult(long DeliveryId, long LeasedUntil, string State, int? Status, string? Error, long? RetryAt);
