namespace Quire.Storage.Content;

/// <summary>Copies what hangs off a page (labels, properties) to another page, one statement each.</summary>
public sealed class ContentCopyStore(DbSession db)
{
    /// <summary>Labels the target does not have yet; a label it already has stays as it is.</summary>
    public Task CopyLabelsAsync(long fromId, long toId, long now, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO content_labels (content_id, label_id, created_at)
            SELECT @toId, label_id, @now FROM content_labels WHERE content_id = @fromId
            ON CONFLICT DO NOTHING
            """, new { fromId, toId, now }, ct);

    /// <summary>Properties start over at version 1 on the copy; a key the target already has keeps its value.</summary>
    public Task CopyPropertiesAsync(long fromId, long toId, long? by, long now, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO content_properties (content_id, key, value, version, version_at, version_by, version_message, minor_edit)
            SELECT @toId, key, value, 1, @now, @by, '', @minor FROM content_properties WHERE content_id = @fromId
            ON CONFLICT DO NOTHING
            """, new { fromId, toId, by, now, minor = false }, ct);
}
