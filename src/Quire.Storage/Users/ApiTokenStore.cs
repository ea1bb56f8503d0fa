namespace Quire.Storage.Users;

public sealed class ApiTokenStore(DbSession db, SignInSnapshotCache signIns)
{
    private const string Columns = "id, token_id, user_id, label, secret_hash, created_at, last_used_at";

    public Task<ApiTokenRecord?> FindAsync(string tokenId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ApiTokenRecord>(
            $"SELECT {Columns} FROM api_tokens WHERE token_id = @tokenId", new { tokenId }, ct);

    public Task<IReadOnlyList<ApiTokenRecord>> ListForUserAsync(long userId, CancellationToken ct = default) =>
        db.QueryAsync<ApiTokenRecord>(
            $"SELECT {Columns} FROM api_tokens WHERE user_id = @userId ORDER BY created_at, id", new { userId }, ct);

    public Task InsertAsync(ApiTokenRecord token, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO api_tokens (token_id, user_id, label, secret_hash, created_at)
            VALUES (@TokenId, @UserId, @Label, @SecretHash, @CreatedAt)
            """, token, ct);

    /// <summary>Replaces a token's hash, only if it is still the one that was checked (a concurrent upgrade writes the same).</summary>
    public Task ReplaceHashAsync(string tokenId, string oldHash, string newHash, CancellationToken ct = default) =>
        db.ExecuteAsync("UPDATE api_tokens SET secret_hash = @newHash WHERE token_id = @tokenId AND secret_hash = @oldHash",
            new { tokenId, oldHash, newHash }, ct);

    /// <summary>Revokes the token; a request signed in with it is refused from the next one on (<see cref="SignInSnapshotCache"/>).</summary>
    public async Task<bool> DeleteAsync(string tokenId, long userId, CancellationToken ct = default) =>
        await db.InTransactionAsync(async () =>
        {
            var deleted = await db.ExecuteAsync("DELETE FROM api_tokens WHERE token_id = @tokenId AND user_id = @userId", new { tokenId, userId }, ct) > 0;
            if (deleted) await signIns.AnnounceChangeAsync(db, ct);
            return deleted;
        }, ct);
}
