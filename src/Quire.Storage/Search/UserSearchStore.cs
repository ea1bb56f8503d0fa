using Dapper;
using Quire.Storage.Users;

namespace Quire.Storage.Search;

/// <summary>
/// Runs user searches (<c>/search/user</c>): the filter written over <c>users u</c>, ordered by
/// display name, ties broken by id. Every signed-in user may see every other user (as the
/// Users group answers), so there is no permission condition beyond signing in.
/// </summary>
public sealed class UserSearchStore(DbSession db)
{
    private const string Columns =
        "u.id, u.account_id, u.user_name, u.email, u.display_name, u.password_hash, u.time_zone, u.created_at";

    private (string Where, DynamicParameters Parameters) Condition(UserSearchSpec spec, long viewerId)
    {
        var parameters = new DynamicParameters();
        parameters.Add("viewerId", viewerId);
        var where = spec.Filter is null ? "1 = 1" : new SearchSql(db.Dialect, parameters).Write(spec.Filter);
        return (where, parameters);
    }

    public Task<IReadOnlyList<UserRecord>> SearchAsync(UserSearchSpec spec, long viewerId, int offset, int count, CancellationToken ct = default)
    {
        var (where, parameters) = Condition(spec, viewerId);
        parameters.Add("count", count);
        parameters.Add("offset", offset);
        var direction = spec.Descending ? "DESC" : "ASC";
        return db.QueryAsync<UserRecord>(
            $"SELECT {Columns} FROM users u WHERE {where} ORDER BY lower(u.display_name) {direction}, u.id {direction} LIMIT @count OFFSET @offset",
            parameters, ct);
    }

    public async Task<int> CountAsync(UserSearchSpec spec, long viewerId, CancellationToken ct = default)
    {
        var (where, parameters) = Condition(spec, viewerId);
        return (int)await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM users u WHERE {where}", parameters, ct);
    }
}
