namespace Quire.Storage.Content;

/// <summary>Rows of <c>content</c>. Reads never return content of a space that is being deleted.</summary>
public sealed class ContentStore(DbSession db)
{
    public const string Columns =
        "c.id, c.type, c.status, c.space_id, c.parent_id, c.container_id, c.position, c.title, c.body_storage, c.version, " +
        "c.version_message, c.minor_edit, c.comment_location, c.inline_properties, c.posting_day, c.status_before_trash, " +
        "c.created_by, c.created_at, c.updated_by, c.updated_at";

    public Task<ContentRecord?> FindAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ContentRecord>(
            $"""
            SELECT {Columns} FROM content c JOIN spaces s ON s.id = c.space_id
            WHERE c.id = @id AND s.pending_deletion = @pending
            """, new { id, pending = false }, ct);
}
