namespace Quire.Storage.OAuth;

/// <summary>
/// Rows of <c>oauth_grants</c>, <c>oauth_codes</c>, <c>oauth_token_families</c> and <c>oauth_tokens</c>:
/// what users consented to and what the token endpoint issued under it. Codes and tokens are found by a
/// hash of their text only. Single use (a code, a refresh token) is claimed by a conditional update, so
/// two concurrent exchanges of one code cannot both succeed.
/// </summary>
public sealed class OAuthGrantStore(DbSession db)
{
    /// <summary>Records (or widens/narrows to) the scopes the user accepted last for the app.</summary>
    public Task UpsertGrantAsync(long appId, long userId, string scopes, long now, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO oauth_grants (app_id, user_id, scopes, created_at, updated_at) VALUES (@appId, @userId, @scopes, @now, @now)
            ON CONFLICT (app_id, user_id) DO UPDATE SET scopes = @scopes, updated_at = @now
            """, new { appId, userId, scopes, now }, ct);

    /// <summary>The user's grants with their apps, by app name.</summary>
    public Task<IReadOnlyList<OAuthGrantRecord>> ListGrantsAsync(long userId, CancellationToken ct = default) =>
        db.QueryAsync<OAuthGrantRecord>(
            """
            SELECT g.app_id, g.user_id, g.scopes, g.created_at, g.updated_at, a.client_id, a.name AS app_name
            FROM oauth_grants g JOIN oauth_apps a ON a.id = g.app_id
            WHERE g.user_id = @userId ORDER BY a.name, a.id
            """, new { userId }, ct);

    /// <summary>Deletes the grant and, by cascade, every code and token issued under it; false when there was none.</summary>
    public async Task<bool> DeleteGrantAsync(long appId, long userId, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM oauth_grants WHERE app_id = @appId AND user_id = @userId", new { appId, userId }, ct) > 0;

    public Task InsertCodeAsync(OAuthCodeRecord code, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO oauth_codes (code_hash, app_id, user_id, redirect_uri, scopes, family_id, expires_at, created_at)
            VALUES (@CodeHash, @AppId, @UserId, @RedirectUri, @Scopes, NULL, @ExpiresAt, @CreatedAt)
            """, code, ct);

    public Task<OAuthCodeRecord?> FindCodeAsync(string codeHash, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<OAuthCodeRecord>(
            "SELECT code_hash, app_id, user_id, redirect_uri, scopes, family_id, expires_at, created_at FROM oauth_codes WHERE code_hash = @codeHash",
            new { codeHash }, ct);

    /// <summary>Marks the code exchanged for <paramref name="familyId"/>; false when it already was (it is single use).</summary>
    public async Task<bool> ClaimCodeAsync(string codeHash, string familyId, CancellationToken ct = default) =>
        await db.ExecuteAsync("UPDATE oauth_codes SET family_id = @familyId WHERE code_hash = @codeHash AND family_id IS NULL",
            new { codeHash, familyId }, ct) > 0;

    public Task InsertFamilyAsync(string id, long appId, long userId, string scopes, long expiresAt, long now, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO oauth_token_families (id, app_id, user_id, scopes, expires_at, created_at)
            VALUES (@id, @appId, @userId, @scopes, @expiresAt, @now)
            """, new { id, appId, userId, scopes, expiresAt, now }, ct);

    /// <summary>Revokes every token of the family (by cascade).</summary>
    public Task DeleteFamilyAsync(string familyId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM oauth_token_families WHERE id = @familyId", new { familyId }, ct);

    public Task InsertTokenAsync(string tokenHash, string familyId, string kind, long expiresAt, long now, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "INSERT INTO oauth_tokens (token_hash, family_id, kind, expires_at, created_at) VALUES (@tokenHash, @familyId, @kind, @expiresAt, @now)",
            new { tokenHash, familyId, kind, expiresAt, now }, ct);

    /// <summary>A token by the hash of its text, with its family's app, user and scopes; null when unknown or revoked.</summary>
    public Task<OAuthTokenRecord?> FindTokenAsync(string tokenHash, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<OAuthTokenRecord>(
            """
            SELECT t.token_hash, t.family_id, t.kind, t.expires_at, t.rotated_at,
                   f.app_id, a.client_id, f.user_id, f.scopes, f.expires_at AS family_expires_at
            FROM oauth_tokens t
            JOIN oauth_token_families f ON f.id = t.family_id
            JOIN oauth_apps a ON a.id = f.app_id
            WHERE t.token_hash = @tokenHash
            """, new { tokenHash }, ct);

    /// <summary>Marks a refresh token used; false when it already was (a reuse).</summary>
    public async Task<bool> RotateAsync(string tokenHash, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync("UPDATE oauth_tokens SET rotated_at = @now WHERE token_hash = @tokenHash AND rotated_at IS NULL",
            new { tokenHash, now }, ct) > 0;

    public async Task<bool> DeleteTokenAsync(string tokenHash, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM oauth_tokens WHERE token_hash = @tokenHash", new { tokenHash }, ct) > 0;

    /// <summary>
    /// Forgets what expired before <paramref name="now"/>: codes, tokens, and families past their absolute end. Called
    /// after a grant's own transaction (each statement commits alone), so concurrent prunes never hold each other's rows.
    /// </summary>
    public async Task PruneExpiredAsync(long now, CancellationToken ct = default)
    {
        await db.ExecuteAsync("DELETE FROM oauth_codes WHERE expires_at < @now", new { now }, ct);
        await db.ExecuteAsync("DELETE FROM oauth_token_families WHERE expires_at < @now", new { now }, ct);
        await db.ExecuteAsync("DELETE FROM oauth_tokens WHERE expires_at < @now", new { now }, ct);
    }
}
