namespace Quire.Storage.OAuth;

/// <summary>Rows of <c>oauth_apps</c>: the OAuth 2.0 apps a site admin registered.</summary>
public sealed class OAuthAppStore(DbSession db)
{
    private const string Columns = "id, client_id, name, secret_hash, callback_urls, scopes, created_by, created_at, updated_at";

    public Task<long> InsertAsync(OAuthAppRecord app, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>(
            """
            INSERT INTO oauth_apps (client_id, name, secret_hash, callback_urls, scopes, created_by, created_at, updated_at)
            VALUES (@ClientId, @Name, @SecretHash, @CallbackUrls, @Scopes, @CreatedBy, @CreatedAt, @UpdatedAt) RETURNING id
            """, app, ct);

    /// <summary>Replaces the name, callback URLs and scopes; answers false when there is no such app.</summary>
    public async Task<bool> UpdateAsync(string clientId, string name, string callbackUrls, string scopes, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "UPDATE oauth_apps SET name = @name, callback_urls = @callbackUrls, scopes = @scopes, updated_at = @now WHERE client_id = @clientId",
            new { clientId, name, callbackUrls, scopes, now }, ct) > 0;

    public async Task<bool> SetSecretHashAsync(string clientId, string secretHash, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync("UPDATE oauth_apps SET secret_hash = @secretHash, updated_at = @now WHERE client_id = @clientId",
            new { clientId, secretHash, now }, ct) > 0;

    /// <summary>Deletes the app with every grant, code and token issued to it (by cascade); false when there was none.</summary>
    public async Task<bool> DeleteAsync(string clientId, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM oauth_apps WHERE client_id = @clientId", new { clientId }, ct) > 0;

    public Task<OAuthAppRecord?> FindAsync(string clientId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<OAuthAppRecord>($"SELECT {Columns} FROM oauth_apps WHERE client_id = @clientId", new { clientId }, ct);

    /// <summary>Apps by name then id, <paramref name="count"/> from <paramref name="offset"/>.</summary>
    public Task<IReadOnlyList<OAuthAppRecord>> ListAsync(int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<OAuthAppRecord>($"SELECT {Columns} FROM oauth_apps ORDER BY name, id LIMIT @count OFFSET @offset", new { offset, count }, ct);
}
