namespace Quire.Core.Webhooks;

/// <summary>How webhooks are delivered: <c>Quire:Webhooks:*</c>.</summary>
public sealed class WebhookOptions
{
    public static WebhookOptions Default { get; } = new();

    /// <summary>Whether this node delivers events. Every node raises them; a node may leave sending to the others.</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>Attempts before a delivery is marked failed (the first one included).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the first retry; each further retry waits twice as long as the one before.</summary>
    public double RetryBaseSeconds { get; set; } = 10;

    /// <summary>The longest wait between two attempts.</summary>
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>How long a receiver has to answer one delivery.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>How many deliveries this node sends at once, over all webhooks.</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>How many of those one webhook may hold, so a slow receiver cannot take every slot.</summary>
    public int ConcurrencyPerWebhook { get; set; } = 8;

    /// <summary>How long a claimed batch belongs to this node; a node that dies mid-send leaves it to others after this.</summary>
    public double LeaseSeconds { get; set; } = 120;

    /// <summary>How often an idle dispatcher looks for events another node or the command line wrote.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>How long finished deliveries (and their events) stay in the delivery log.</summary>
    public double RetentionDays { get; set; } = 30;

    /// <summary>Refuses settings the dispatcher cannot work with, at start-up, naming the key.</summary>
    public WebhookOptions Validated()
    {
        static void Require(bool ok, string key, string rule)
        {
            if (!ok) throw new InvalidOperationException($"Quire:Webhooks:{key} {rule}.");
        }
        Require(MaxAttempts >= 1, nameof(MaxAttempts), "must be at least 1");
        Require(RetryBaseSeconds > 0 && RetryMaxSeconds >= RetryBaseSeconds, nameof(RetryBaseSeconds), "must be above 0 and at most RetryMaxSeconds");
        Require(TimeoutSeconds > 0, nameof(TimeoutSeconds), "must be above 0");
        Require(Concurrency >= 1 && ConcurrencyPerWebhook >= 1, nameof(Concurrency), "and ConcurrencyPerWebhook must be at least 1");
        Require(LeaseSeconds > TimeoutSeconds + 5, nameof(LeaseSeconds), "must exceed TimeoutSeconds by more than 5 seconds, so a lease outlasts a send");
        Require(PollSeconds >= 0.01, nameof(PollSeconds), "must be at least 0.01");
        Require(RetentionDays > 0, nameof(RetentionDays), "must be above 0");
        return this;
    }

    /// <summary>The wait before attempt number <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failed ones.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var seconds = RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, RetryMaxSeconds));
    }
}
