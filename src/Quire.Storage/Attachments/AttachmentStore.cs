using System.Data.Common;
using Quire.Storage.Content;
using Quire.Storage.Restrictions;

namespace Quire.Storage.Attachments;

/// <summary>
/// The attachment side of <c>content</c>: the files each attachment version holds, the
/// attachments of a page, and which blobs are still referenced.
/// </summary>
public sealed class AttachmentStore(DbSession db, ReadGuardStore guards)
{
    private const string FileColumns = "f.content_id, f.version, f.blob_key, f.file_size, f.media_type, f.comment";

    public Task InsertFileAsync(AttachmentFileRecord file, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO attachment_files (content_id, version, blob_key, file_size, media_type, comment)
            VALUES (@ContentId, @Version, @BlobKey, @FileSize, @MediaType, @Comment)
            """, file, ct);

    public Task<AttachmentFileRecord?> FileAsync(long contentId, int version, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<AttachmentFileRecord>(
            $"SELECT {FileColumns} FROM attachment_files f WHERE f.content_id = @contentId AND f.version = @version",
            new { contentId, version }, ct);

    /// <summary>The files of the given versions of the given attachments, in one query; callers pick their pairs.</summary>
    public Task<IReadOnlyList<AttachmentFileRecord>> FilesAsync(
        IReadOnlyCollection<long> contentIds, IReadOnlyCollection<int> versions, CancellationToken ct = default) =>
        contentIds.Count == 0 || versions.Count == 0
            ? Task.FromResult<IReadOnlyList<AttachmentFileRecord>>([])
            : db.QueryAsync<AttachmentFileRecord>(
                $"SELECT {FileColumns} FROM attachment_files f WHERE {db.InList("f.content_id", "ids")} AND {db.InList("f.version", "versions")}",
                new { ids = contentIds.ToArray(), versions = versions.ToArray() }, ct);

    /// <summary>The current attachments of a page or blog post, oldest first, optionally by file name and media type.</summary>
    public Task<IReadOnlyList<ContentRecord>> ListAsync(
        long containerId, string? fileNameLower, string? mediaType, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<ContentRecord>(
            $"""
            SELECT {ContentStore.Columns} FROM content c
            JOIN attachment_files f ON f.content_id = c.id AND f.version = c.version
            WHERE c.container_id = @containerId AND c.type = 'attachment' AND c.status = 'current'
              {(fileNameLower is null ? "" : "AND c.title_lower = @fileNameLower")}
              {(mediaType is null ? "" : "AND f.media_type = @mediaType")}
            ORDER BY c.id
            LIMIT @count OFFSET @offset
            """, new { containerId, fileNameLower, mediaType, offset, count }, ct);

    /// <summary>The current attachments of a page with any of the given (lower-cased) file names.</summary>
    public Task<IReadOnlyList<ContentRecord>> FindByNamesAsync(long containerId, IReadOnlyCollection<string> namesLower, CancellationToken ct = default) =>
        db.QueryAsync<ContentRecord>(
            $"""
            SELECT {ContentStore.Columns} FROM content c
            WHERE c.container_id = @containerId AND c.type = 'attachment' AND c.status = 'current' AND {db.InList("c.title_lower", "names")}
            """, new { containerId, names = namesLower.ToArray() }, ct);

    /// <summary>
    /// The id, page and file name of the current attachments of <paramref name="containerIds"/>:
    /// what ADF media nodes of those pages' bodies name.
    /// </summary>
    public Task<IReadOnlyList<AttachmentName>> NamesAsync(IReadOnlyCollection<long> containerIds, CancellationToken ct = default) =>
        containerIds.Count == 0
            ? Task.FromResult<IReadOnlyList<AttachmentName>>([])
            : db.QueryAsync<AttachmentName>(
                $"""
                SELECT c.id AS Id, c.container_id AS ContainerId, c.title AS FileName FROM content c
                WHERE c.type = 'attachment' AND c.status = 'current'
                  AND {db.InList("c.container_id", "containerIds")}
                """, new { containerIds = containerIds.ToArray() }, ct);

    /// <summary>
    /// Moves an attachment to another page (and that page's space) under the given name;
    /// answers false, changing nothing, when that page already has an attachment of that name.
    /// </summary>
    public async Task<bool> TryMoveAsync(long id, long fromContainerId, long containerId, long spaceId, string title, CancellationToken ct = default)
    {
        if (await db.ExecuteScalarAsync<bool>(
                """
                SELECT EXISTS (SELECT 1 FROM content WHERE container_id = @containerId AND type = 'attachment'
                                                       AND status = 'current' AND title_lower = @titleLower AND id <> @id)
                """, new { id, containerId, titleLower = title.ToLowerInvariant() }, ct))
            return false;
        try
        {
            await db.ExecuteAsync(
                """
                UPDATE content SET container_id = @containerId, space_id = @spaceId, title = @title, title_lower = @titleLower
                WHERE id = @id
                """, new { id, containerId, spaceId, title, titleLower = title.ToLowerInvariant() }, ct);
            // Its comments and their replies live in its space: they follow it to another one.
            await db.ExecuteAsync(
                "UPDATE content SET space_id = @spaceId WHERE container_id = @id AND type = 'comment' AND space_id <> @spaceId",
                new { id, spaceId }, ct);
            await guards.MoveAsync([id], fromContainerId, containerId, ct);
            return true;
        }
        catch (DbException e) when (ContentStore.IsUniqueViolation(e))
        {
            return false; // taken by a concurrent move or upload since the check
        }
    }

    /// <summary>
    /// Forgets the file of a deleted version and numbers the later files one lower, as
    /// <see cref="ContentStore.DeleteVersionAsync"/> numbers the versions they belong to.
    /// </summary>
    public Task DeleteFileAsync(long contentId, int version, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            DELETE FROM attachment_files WHERE content_id = @contentId AND version = @version;
            UPDATE attachment_files SET version = -version WHERE content_id = @contentId AND version > @version;
            UPDATE attachment_files SET version = -version - 1 WHERE content_id = @contentId AND version < 0;
            """, new { contentId, version }, ct);

    /// <summary>
    /// The blobs held by the content, by the attachments it contains and by those of the custom content it contains: what its
    /// purge may free (deeper ones are left to the unreferenced-blob sweep).
    /// </summary>
    public Task<IReadOnlyList<string>> BlobKeysUnderAsync(long contentId, CancellationToken ct = default) =>
        db.QueryAsync<string>(
            """
            SELECT DISTINCT f.blob_key FROM attachment_files f JOIN content a ON a.id = f.content_id
            WHERE a.id = @contentId OR a.container_id = @contentId
               OR a.container_id IN (SELECT k.id FROM content k WHERE k.container_id = @contentId)
            """, new { contentId }, ct);

    /// <summary>The blobs held by attachments of a space: what its deletion may free.</summary>
    public Task<IReadOnlyList<string>> BlobKeysInSpaceAsync(long spaceId, CancellationToken ct = default) =>
        db.QueryAsync<string>(
            "SELECT DISTINCT f.blob_key FROM attachment_files f JOIN content a ON a.id = f.content_id WHERE a.space_id = @spaceId",
            new { spaceId }, ct);

    /// <summary>Blobs no attachment version refers to any more (left behind by a crash between purge and collection).</summary>
    public Task<IReadOnlyList<string>> UnreferencedBlobKeysAsync(int count, CancellationToken ct = default) =>
        db.QueryAsync<string>(
            """
            SELECT b.key FROM blobs b
            WHERE NOT EXISTS (SELECT 1 FROM attachment_files f WHERE f.blob_key = b.key)
            ORDER BY b.key LIMIT @count
            """, new { count }, ct);

    /// <summary>
    /// Removes the rows of those blobs that no attachment version refers to and answers their
    /// keys. On PostgreSQL the rows are locked first, so an upload recording a reference to one
    /// of them meanwhile either finishes before this looks (and the blob stays) or finds it gone
    /// and lists it again; SQLite runs one writer at a time, so nothing can interleave.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteUnreferencedBlobsAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        if (keys.Count == 0) return [];
        var parameters = new { keys = keys.ToArray() };
        if (!db.Dialect.SerializesWriters)
            await db.ExecuteAsync($"SELECT key FROM blobs WHERE {db.InList("key", "keys")} ORDER BY key FOR UPDATE", parameters, ct);
        return await db.QueryAsync<string>(
            $"""
            DELETE FROM blobs
            WHERE {db.InList("key", "keys")} AND NOT EXISTS (SELECT 1 FROM attachment_files f WHERE f.blob_key = blobs.key)
            RETURNING key
            """, parameters, ct);
    }

    /// <summary>Which of the keys have a row in <c>blobs</c>.</summary>
    public Task<IReadOnlyList<string>> ListedBlobKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default) =>
        keys.Count == 0
            ? Task.FromResult<IReadOnlyList<string>>([])
            : db.QueryAsync<string>($"SELECT key FROM blobs WHERE {db.InList("key", "keys")}", new { keys = keys.ToArray() }, ct);
}

/// <summary>An attachment's id, the page it belongs to and its file name.</summary>
public sealed record AttachmentName(long Id, long ContainerId, string FileName);
