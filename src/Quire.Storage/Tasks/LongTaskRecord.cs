namespace Quire.Storage.Tasks;

public sealed class LongTaskRecord
{
    public required string Id { get; init; }
    /// <summary>Which handler runs it, e.g. <c>space-delete</c>.</summary>
    public required string Type { get; init; }
    public required string NameKey { get; init; }
    /// <summary>JSON array.</summary>
    public string NameArgs { get; init; } = "[]";
    /// <summary>JSON object the handler reads.</summary>
    public string Payload { get; init; } = "{}";
    public long? OwnerId { get; init; }
    public required string Status { get; init; }
    public int Percentage { get; init; }
    public bool Finished { get; init; }
    public bool Successful { get; init; }
    /// <summary>JSON array of strings.</summary>
    public string Messages { get; init; } = "[]";
    public int Attempts { get; init; }
    public string? ClaimedBy { get; init; }
    public long? ClaimExpiresAt { get; init; }
    public long CreatedAt { get; init; }
    public long? StartedAt { get; init; }
    public long? FinishedAt { get; init; }
}
