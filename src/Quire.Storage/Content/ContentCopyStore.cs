using Quire.Storage.Restrictions;

namespace Quire.Storage.Content;

/// <summary>Copies what hangs off a page (labels, properties, attachments) to another page, a statement or two each.</summary>
public sealed class ContentCopyStore(DbSession db, ReadGuardStore guards)
{
    /// <summary>
    /// Labels the target does not have yet; a label it already has stays as it is. The labels are
    /// locked against deletion as they are read, so a label whose last use is removed meanwhile is
    /// either copied (and so kept) or, deleted first, left out.
    /// </summary>
    public Task CopyLabelsAsync(long fromId, long toId, long now, CancellationToken ct = default) =>
        db.ExecuteAsync(
            $"""
            INSERT INTO content_labels (content_id, label_id, created_at)
            SELECT @toId, l.id, @now FROM labels l
            WHERE l.id IN (SELECT label_id FROM content_labels WHERE content_id = @fromId){db.Dialect.LockRowsAgainstDeletion}
            ON CONFLICT DO NOTHING
            """, new { fromId, toId, now }, ct);

    /// <summary>
    /// The current attachments, each as a new attachment (version 1) holding the same blob: the
    /// bytes are content-addressed, so a copy stores nothing twice. A name the target already
    /// has keeps the target's attachment.
    /// </summary>
    public async Task CopyAttachmentsAsync(long fromId, long toId, long toSpaceId, long? by, long now, CancellationToken ct = default)
    {
        await db.ExecuteAsync(
            """
            INSERT INTO content (type, status, space_id, container_id, position, title, title_lower, body_storage, version,
                                 version_message, minor_edit, created_by, created_at, updated_by, updated_at)
            SELECT 'attachment', 'current', @toSpaceId, @toId, 0, title, title_lower, '', 1, version_message, minor_edit, @by, @now, @by, @now
            FROM content WHERE container_id = @fromId AND type = 'attachment' AND status = 'current'
            ON CONFLICT DO NOTHING
            """, new { fromId, toId, toSpaceId, by, now }, ct);
        await db.ExecuteAsync(
            """
            INSERT INTO attachment_files (content_id, version, blob_key, file_size, media_type, comment)
            SELECT copy.id, 1, f.blob_key, f.file_size, f.media_type, f.comment
            FROM content copy
            JOIN content original ON original.container_id = @fromId AND original.type = 'attachment'
                                 AND original.status = 'current' AND original.title_lower = copy.title_lower
            JOIN attachment_files f ON f.content_id = original.id AND f.version = original.version
            WHERE copy.container_id = @toId AND copy.type = 'attachment' AND copy.status = 'current'
              AND NOT EXISTS (SELECT 1 FROM attachment_files x WHERE x.content_id = copy.id)
            """, new { fromId, toId }, ct);
        await guards.InheritByContainerAsync(toId, ct);
    }

    /// <summary>Properties start over at version 1 on the copy; a key the target already has keeps its value.</summary>
    public Task CopyPropertiesAsync(long fromId, long toId, long? by, long now, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO content_properties (content_id, key, value, version, version_at, version_by, version_message, minor_edit)
            SELECT @toId, key, value, 1, @now, @by, '', @minor FROM content_properties WHERE content_id = @fromId
            ON CONFLICT DO NOTHING
            """, new { fromId, toId, by, now, minor = false }, ct);
}
