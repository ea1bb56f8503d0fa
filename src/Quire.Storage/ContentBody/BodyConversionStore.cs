namespace Quire.Storage.ContentBody;

public sealed class BodyConversionRecord
{
    public required string Id { get; init; }
    public long UserId { get; init; }
    public required string InputHash { get; init; }
    public required string Status { get; init; }
    public required string Representation { get; init; }
    public string Value { get; init; } = "";
    public string? Error { get; init; }
    public long CreatedAt { get; init; }
    public long ExpiresAt { get; init; }
}

/// <summary>Rows of <c>body_conversions</c>: asynchronous conversion results, each its requester's until it expires.</summary>
public sealed class BodyConversionStore(DbSession db)
{
    private const string Columns = "id, user_id, input_hash, status, representation, value, error, created_at, expires_at";

    public Task<BodyConversionRecord?> FindAsync(string id, long now, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<BodyConversionRecord>(
            $"SELECT {Columns} FROM body_conversions WHERE id = @id AND expires_at > @now", new { id, now }, ct);

    /// <summary>The requester's live result of an identical request, if any.</summary>
    public Task<BodyConversionRecord?> FindSameAsync(long userId, string inputHash, long now, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<BodyConversionRecord>(
            $"""
            SELECT {Columns} FROM body_conversions
            WHERE user_id = @userId AND input_hash = @inputHash AND expires_at > @now
            ORDER BY created_at DESC LIMIT 1
            """, new { userId, inputHash, now }, ct);

    /// <summary>Stores a result, first dropping the expired ones and the requester's earlier result of the same request.</summary>
    public async Task InsertAsync(BodyConversionRecord r, CancellationToken ct = default)
    {
        await db.ExecuteAsync(
            "DELETE FROM body_conversions WHERE expires_at <= @CreatedAt OR (user_id = @UserId AND input_hash = @InputHash)", r, ct);
        await db.ExecuteAsync(
            $"""
            INSERT INTO body_conversions ({Columns})
            VALUES (@Id, @UserId, @InputHash, @Status, @Representation, @Value, @Error, @CreatedAt, @ExpiresAt)
            """, r, ct);
    }
}
