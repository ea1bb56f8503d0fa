namespace Quire.Storage.Users;

public sealed class UserStore(DbSession db)
{
    private const string Columns =
        "id, account_id, user_name, email, display_name, password_hash, time_zone, created_at, removed_at, account_type";

    /// <summary>The columns a <see cref="UserRecord"/> maps from, of the users table joined as <paramref name="alias"/>.</summary>
    internal static string ColumnsOf(string alias) => alias + "." + Columns.Replace(", ", ", " + alias + ".");

    public Task<UserRecord?> FindByIdAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM users WHERE id = @id", new { id }, ct);

    public Task<UserRecord?> FindByAccountIdAsync(string accountId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<UserRecord>(
            $"SELECT {Columns} FROM users WHERE account_id = @accountId", new { accountId }, ct);

    /// <summary>Finds a user by e-mail address or user name, as sign-in accepts either.</summary>
    public Task<UserRecord?> FindByLoginAsync(string login, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<UserRecord>(
            // An e-mail match wins over a user-name match, so no user name can stand in for another user's address.
            $"SELECT {Columns} FROM users WHERE email_lower = @login OR user_name_lower = @login ORDER BY CASE WHEN email_lower = @login THEN 0 ELSE 1 END, id LIMIT 1",
            new { login = login.ToLowerInvariant() }, ct);

    /// <summary>The (lower-cased) user names that start with <paramref name="prefix"/>.</summary>
    public Task<IReadOnlyList<string>> UserNamesStartingWithAsync(string prefix, CancellationToken ct = default) =>
        db.QueryAsync<string>(
            @"SELECT user_name_lower FROM users WHERE user_name_lower LIKE @pattern ESCAPE '\'",
            new { pattern = Sql.PrefixPattern(prefix) }, ct);

    public Task<UserRecord?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<UserRecord>(
            $"SELECT {Columns} FROM users WHERE email_lower = @email", new { email = email.ToLowerInvariant() }, ct);

    public Task<UserRecord?> FindByUserNameAsync(string userName, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<UserRecord>(
            $"SELECT {Columns} FROM users WHERE user_name_lower = @name", new { name = userName.ToLowerInvariant() }, ct);

    public Task<IReadOnlyList<UserRecord>> FindManyByAccountIdsAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct = default) =>
        accountIds.Count == 0
            ? Task.FromResult<IReadOnlyList<UserRecord>>([])
            : db.QueryAsync<UserRecord>(
                $"SELECT {Columns} FROM users WHERE {db.InList("account_id", "accountIds")} ORDER BY id", new { accountIds = accountIds.ToArray() }, ct);

    /// <summary>The users with any of these e-mail addresses (compared case-insensitively), in one query.</summary>
    public Task<IReadOnlyList<UserRecord>> FindManyByEmailsAsync(IReadOnlyCollection<string> emails, CancellationToken ct = default) =>
        emails.Count == 0
            ? Task.FromResult<IReadOnlyList<UserRecord>>([])
            : db.QueryAsync<UserRecord>(
                $"SELECT {Columns} FROM users WHERE {db.InList("email_lower", "emails")} ORDER BY id",
                new { emails = emails.Select(e => e.ToLowerInvariant()).Distinct().ToArray() }, ct);

    public Task<IReadOnlyList<UserRecord>> FindManyByIdsAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<UserRecord>>([])
            : db.QueryAsync<UserRecord>($"SELECT {Columns} FROM users WHERE {db.InList("id", "ids")}", new { ids = ids.ToArray() }, ct);

    /// <summary>
    /// Takes the user off the site, keeping its row (what it wrote stays its own): no password, no API
    /// tokens, no admin key, no groups, no web sessions. Answers false when it was removed already (by a concurrent request too).
    /// </summary>
    public async Task<bool> RemoveAsync(long id, long now, CancellationToken ct = default)
    {
        if (await db.ExecuteAsync(
                "UPDATE users SET removed_at = @now, password_hash = NULL WHERE id = @id AND removed_at IS NULL", new { id, now }, ct) == 0)
            return false;
        await db.ExecuteAsync("DELETE FROM api_tokens WHERE user_id = @id", new { id }, ct);
        await db.ExecuteAsync("DELETE FROM admin_keys WHERE user_id = @id", new { id }, ct);
        await db.ExecuteAsync("DELETE FROM group_members WHERE user_id = @id", new { id }, ct);
        await db.ExecuteAsync("DELETE FROM web_sessions WHERE user_id = @id", new { id }, ct);
        return true;
    }

    public Task<long> CountAsync(CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users", ct: ct);

    /// <summary>Inserts the user and answers its id, or null when its e-mail or user name is taken (even by a concurrent insert).</summary>
    public Task<long?> TryInsertAsync(UserRecord user, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            """
            INSERT INTO users (account_id, user_name, user_name_lower, email, email_lower, display_name, password_hash, time_zone, created_at, account_type)
            VALUES (@AccountId, @UserName, @UserNameLower, @Email, @EmailLower, @DisplayName, @PasswordHash, @TimeZone, @CreatedAt, @AccountType)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            new
            {
                user.AccountId, user.UserName, UserNameLower = user.UserName.ToLowerInvariant(),
                user.Email, EmailLower = user.Email.ToLowerInvariant(), user.DisplayName,
                user.PasswordHash, user.TimeZone, user.CreatedAt, user.AccountType,
            }, ct);
}
