namespace Quire.Storage.ConnectApps;

/// <summary>
/// Rows of <c>connect_apps</c>, the dynamic modules each registered (<c>connect_app_modules</c>) and the
/// access tokens issued to them for user impersonation (<c>connect_access_tokens</c>). Deleting an app
/// deletes its modules and tokens with it (foreign keys).
/// </summary>
public sealed class ConnectAppStore(DbSession db)
{
    private const string Columns =
        "app_key, client_key, oauth_client_id, shared_secret, base_url, name, descriptor, scopes, enabled, user_id, installed_by, installed_at, updated_at";

    public Task InsertAsync(ConnectAppRecord app, CancellationToken ct = default) =>
        db.ExecuteAsync(
            $"""
            INSERT INTO connect_apps ({Columns})
            VALUES (@AppKey, @ClientKey, @OAuthClientId, @SharedSecret, @BaseUrl, @Name, @Descriptor, @Scopes, @Enabled, @UserId,
                    @InstalledBy, @InstalledAt, @UpdatedAt)
            """, app, ct);

    /// <summary>Replaces an installed app's descriptor, secret and keys (an install over an installed app, as UPM updates one).</summary>
    public Task<int> ReplaceAsync(ConnectAppRecord app, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            UPDATE connect_apps SET client_key = @ClientKey, oauth_client_id = @OAuthClientId, shared_secret = @SharedSecret,
                base_url = @BaseUrl, name = @Name, descriptor = @Descriptor, scopes = @Scopes, enabled = @Enabled, user_id = @UserId,
                installed_by = @InstalledBy, installed_at = @InstalledAt, updated_at = @UpdatedAt
            WHERE app_key = @AppKey
            """, app, ct);

    public Task<ConnectAppRecord?> FindAsync(string appKey, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ConnectAppRecord>($"SELECT {Columns} FROM connect_apps WHERE app_key = @appKey", new { appKey }, ct);

    public Task<ConnectAppRecord?> FindByClientKeyAsync(string clientKey, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ConnectAppRecord>($"SELECT {Columns} FROM connect_apps WHERE client_key = @clientKey", new { clientKey }, ct);

    public Task<ConnectAppRecord?> FindByOAuthClientIdAsync(string clientId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ConnectAppRecord>($"SELECT {Columns} FROM connect_apps WHERE oauth_client_id = @clientId", new { clientId }, ct);

    /// <summary>Every installed app, by key (a site has few).</summary>
    public Task<IReadOnlyList<ConnectAppRecord>> ListAsync(CancellationToken ct = default) =>
        db.QueryAsync<ConnectAppRecord>($"SELECT {Columns} FROM connect_apps ORDER BY app_key", null, ct);

    /// <summary>Answers false when there is no such app.</summary>
    public async Task<bool> SetEnabledAsync(string appKey, bool enabled, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "UPDATE connect_apps SET enabled = @enabled, updated_at = @now WHERE app_key = @appKey", new { appKey, enabled, now }, ct) > 0;

    /// <summary>Deletes the app with its dynamic modules and access tokens; answers false when there was none.</summary>
    public async Task<bool> DeleteAsync(string appKey, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM connect_apps WHERE app_key = @appKey", new { appKey }, ct) > 0;

    public Task<IReadOnlyList<ConnectModuleRecord>> ModulesAsync(string appKey, CancellationToken ct = default) =>
        db.QueryAsync<ConnectModuleRecord>(
            "SELECT app_key, module_key, module_type, module, created_at FROM connect_app_modules WHERE app_key = @appKey ORDER BY created_at, module_key",
            new { appKey }, ct);

    /// <summary>Inserts a module; answers false when the app already has one of that key (even a concurrent insert's).</summary>
    public async Task<bool> TryInsertModuleAsync(ConnectModuleRecord module, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            INSERT INTO connect_app_modules (app_key, module_key, module_type, module, created_at)
            VALUES (@AppKey, @ModuleKey, @ModuleType, @Module, @CreatedAt) ON CONFLICT DO NOTHING
            """, module, ct) > 0;

    /// <summary>Removes the named modules of the app (all of them when <paramref name="moduleKeys"/> is null); unknown keys are ignored.</summary>
    public Task<int> DeleteModulesAsync(string appKey, IReadOnlyCollection<string>? moduleKeys, CancellationToken ct = default) =>
        moduleKeys is null
            ? db.ExecuteAsync("DELETE FROM connect_app_modules WHERE app_key = @appKey", new { appKey }, ct)
            : db.ExecuteAsync(
                $"DELETE FROM connect_app_modules WHERE app_key = @appKey AND {db.InList("module_key", "keys")}",
                new { appKey, keys = moduleKeys.ToArray() }, ct);

    public Task InsertAccessTokenAsync(string tokenHash, ConnectAccessTokenRecord token, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO connect_access_tokens (token_hash, app_key, user_id, scopes, expires_at)
            VALUES (@tokenHash, @AppKey, @UserId, @Scopes, @ExpiresAt)
            """, new { tokenHash, token.AppKey, token.UserId, token.Scopes, token.ExpiresAt }, ct);

    public Task<ConnectAccessTokenRecord?> FindAccessTokenAsync(string tokenHash, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ConnectAccessTokenRecord>(
            "SELECT app_key, user_id, scopes, expires_at FROM connect_access_tokens WHERE token_hash = @tokenHash", new { tokenHash }, ct);

    /// <summary>Drops expired tokens (an issue does it in passing, so the table holds only live ones and a few stale).</summary>
    public Task<int> DeleteExpiredAccessTokensAsync(long now, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM connect_access_tokens WHERE expires_at <= @now", new { now }, ct);

    /// <summary>Drops every token issued to the app (it was disabled).</summary>
    public Task<int> DeleteAccessTokensAsync(string appKey, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM connect_access_tokens WHERE app_key = @appKey", new { appKey }, ct);

    public Task<IReadOnlyList<ConnectInstallKeyRecord>> InstallKeysAsync(CancellationToken ct = default) =>
        db.QueryAsync<ConnectInstallKeyRecord>(
            "SELECT kid, private_key, public_key, created_at FROM connect_install_keys ORDER BY created_at DESC, kid", null, ct);

    public Task<ConnectInstallKeyRecord?> FindInstallKeyAsync(string kid, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ConnectInstallKeyRecord>(
            "SELECT kid, private_key, public_key, created_at FROM connect_install_keys WHERE kid = @kid", new { kid }, ct);

    /// <summary>Stores a key pair unless another node stored one first (then the caller reads that one).</summary>
    public Task<int> TryInsertInstallKeyAsync(ConnectInstallKeyRecord key, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO connect_install_keys (kid, private_key, public_key, created_at)
            SELECT @Kid, @PrivateKey, @PublicKey, @CreatedAt WHERE NOT EXISTS (SELECT 1 FROM connect_install_keys)
            """, key, ct);
}
