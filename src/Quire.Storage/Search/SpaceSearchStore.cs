using Dapper;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Search;

/// <summary>
/// Runs space searches (<c>type = space</c> in <c>/search</c>): the filter over <c>spaces s</c>
/// next to the same read check every space listing uses (<see cref="ReadRule"/>), so
/// a space the viewer may not read is never a result nor counted.
/// </summary>
public sealed class SpaceSearchStore(DbSession db)
{
    private const string Columns =
        "s.id, s.key, s.name, s.type, s.status, s.description, s.homepage_id, s.route_override_enabled, s.created_by, s.created_at";

    private (string Where, DynamicParameters Parameters) Condition(SpaceSearchSpec spec, Viewer viewer)
    {
        var parameters = new DynamicParameters();
        var where = new List<string> { ReadRule.For(db.Dialect).For(viewer, parameters).Space() };
        if (!spec.IncludeArchivedSpaces) where.Add("s.status <> 'archived'");
        if (spec.Filter is not null) where.Add(new SearchSql(db.Dialect, parameters).Write(spec.Filter));
        return (string.Join("\n  AND ", where), parameters);
    }

    public Task<IReadOnlyList<SpaceRecord>> SearchAsync(SpaceSearchSpec spec, Viewer viewer, int offset, int count, CancellationToken ct = default)
    {
        var (where, parameters) = Condition(spec, viewer);
        parameters.Add("count", count);
        parameters.Add("offset", offset);
        var order = spec.Order.Count > 0
            ? string.Join(", ", spec.Order.Select(o => SearchSql.OrderColumn(o.Key) + (o.Descending ? " DESC" : " ASC"))) + ", s.id"
            : "lower(s.name), s.id";
        return db.QueryAsync<SpaceRecord>(
            $"SELECT {Columns} FROM spaces s WHERE {where} ORDER BY {order} LIMIT @count OFFSET @offset", parameters, ct);
    }

    public async Task<int> CountAsync(SpaceSearchSpec spec, Viewer viewer, CancellationToken ct = default)
    {
        var (where, parameters) = Condition(spec, viewer);
        return (int)await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM spaces s WHERE {where}", parameters, ct);
    }
}
