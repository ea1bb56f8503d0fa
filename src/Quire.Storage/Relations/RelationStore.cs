using Dapper;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Relations;

/// <summary>What an end of a relation is: a user, a piece of content or a space, named by its internal id.</summary>
public enum RelationEndType { User, Content, Space }

public sealed class RelationRecord
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public required string SourceType { get; init; }
    public long SourceId { get; init; }
    public required string TargetType { get; init; }
    public long TargetId { get; init; }
    public long? CreatedBy { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>
/// Rows of <c>relations</c>: custom named relations between users, content and spaces (the
/// built-in 'favourite' is the my:favourite label and lives with the labels). Listings show
/// only relations whose listed end the viewer may see, decided in the query with the same
/// conditions as every content and space listing.
/// </summary>
public sealed class RelationStore(DbSession db)
{
    private const string Columns = "r.id, r.name, r.source_type, r.source_id, r.target_type, r.target_id, r.created_by, r.created_at";

    public static string TypeName(RelationEndType type) => type switch
    {
        RelationEndType.User => "user",
        RelationEndType.Content => "content",
        _ => "space",
    };

    public Task<RelationRecord?> FindAsync(
        string name, RelationEndType sourceType, long sourceId, RelationEndType targetType, long targetId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<RelationRecord>(
            $"""
            SELECT {Columns} FROM relations r
            WHERE r.name = @name AND r.source_type = @sourceType AND r.source_id = @sourceId
              AND r.target_type = @targetType AND r.target_id = @targetId
            """, Key(name, sourceType, sourceId, targetType, targetId), ct);

    /// <summary>Adds the relation unless it exists; either way answers the stored row, and whether this call created it.</summary>
    public async Task<(RelationRecord Row, bool Created)> AddAsync(
        string name, RelationEndType sourceType, long sourceId, RelationEndType targetType, long targetId, long? createdBy, long createdAt,
        CancellationToken ct = default)
    {
        var key = Key(name, sourceType, sourceId, targetType, targetId);
        key.Add("createdBy", createdBy);
        key.Add("createdAt", createdAt);
        var created = await db.ExecuteAsync(
            """
            INSERT INTO relations (name, source_type, source_id, target_type, target_id, created_by, created_at)
            VALUES (@name, @sourceType, @sourceId, @targetType, @targetId, @createdBy, @createdAt)
            ON CONFLICT DO NOTHING
            """, key, ct) > 0;
        var row = await FindAsync(name, sourceType, sourceId, targetType, targetId, ct)
                  ?? throw new InvalidOperationException("The relation just written was not found.");
        return (row, created);
    }

    public async Task<bool> RemoveAsync(
        string name, RelationEndType sourceType, long sourceId, RelationEndType targetType, long targetId, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            DELETE FROM relations
            WHERE name = @name AND source_type = @sourceType AND source_id = @sourceId AND target_type = @targetType AND target_id = @targetId
            """, Key(name, sourceType, sourceId, targetType, targetId), ct) > 0;

    /// <summary>
    /// One page of the relations of that name from the source to ends of the target type the
    /// viewer may see (content in <paramref name="contentStatus"/>), oldest first.
    /// </summary>
    public Task<IReadOnlyList<RelationRecord>> ListTargetsAsync(
        string name, RelationEndType sourceType, long sourceId, RelationEndType targetType, Viewer viewer, string contentStatus,
        int offset, int count, CancellationToken ct = default) =>
        ListAsync(name, "source", sourceType, sourceId, "target", targetType, viewer, contentStatus, offset, count, ct);

    /// <summary>One page of the relations of that name to the target from sources of the type the viewer may see, oldest first.</summary>
    public Task<IReadOnlyList<RelationRecord>> ListSourcesAsync(
        string name, RelationEndType targetType, long targetId, RelationEndType sourceType, Viewer viewer, string contentStatus,
        int offset, int count, CancellationToken ct = default) =>
        ListAsync(name, "target", targetType, targetId, "source", sourceType, viewer, contentStatus, offset, count, ct);

    private Task<IReadOnlyList<RelationRecord>> ListAsync(
        string name, string fixedEnd, RelationEndType fixedType, long fixedId, string listedEnd, RelationEndType listedType,
        Viewer viewer, string contentStatus, int offset, int count, CancellationToken ct)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new
        {
            name, fixedType = TypeName(fixedType), fixedId, listedType = TypeName(listedType), contentStatus, offset, count,
        });
        var visible = listedType switch
        {
            RelationEndType.User => $"EXISTS (SELECT 1 FROM users u WHERE u.id = r.{listedEnd}_id)",
            RelationEndType.Content =>
                $"""
                EXISTS (SELECT 1 FROM content c JOIN spaces s ON s.id = c.space_id
                        LEFT JOIN content k ON k.id = c.container_id
                        WHERE c.id = r.{listedEnd}_id AND c.status = @contentStatus AND {read.Content(ContentRows.AnyStatus)}
                          AND (k.id IS NULL OR {read.Container("k")}))
                """,
            _ => $"EXISTS (SELECT 1 FROM spaces s WHERE s.id = r.{listedEnd}_id AND {read.Space()})",
        };
        return db.QueryAsync<RelationRecord>(
            $"""
            SELECT {Columns} FROM relations r
            WHERE r.name = @name AND r.{fixedEnd}_type = @fixedType AND r.{fixedEnd}_id = @fixedId AND r.{listedEnd}_type = @listedType
              AND {visible}
            ORDER BY r.id
            LIMIT @count OFFSET @offset
            """, parameters, ct);
    }

    private static DynamicParameters Key(string name, RelationEndType sourceType, long sourceId, RelationEndType targetType, long targetId)
    {
        var key = new DynamicParameters();
        key.Add("name", name);
        key.Add("sourceType", TypeName(sourceType));
        key.Add("sourceId", sourceId);
        key.Add("targetType", TypeName(targetType));
        key.Add("targetId", targetId);
        return key;
    }
}
