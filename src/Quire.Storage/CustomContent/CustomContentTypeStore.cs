namespace Quire.Storage.CustomContent;

/// <summary>Rows of <c>custom_content_types</c>: the types a site admin declared, by key.</summary>
public sealed class CustomContentTypeStore(DbSession db)
{
    private const string Columns = "key, name, container_types, child_types, body_type, created_by, created_at";

    /// <summary>Declares the type; answers false when a type with this key is declared already.</summary>
    public async Task<bool> TryInsertAsync(CustomContentTypeRecord type, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            $"""
            INSERT INTO custom_content_types ({Columns})
            VALUES (@Key, @Name, @ContainerTypes, @ChildTypes, @BodyType, @CreatedBy, @CreatedAt)
            ON CONFLICT DO NOTHING
            """, type, ct) == 1;

    public Task<CustomContentTypeRecord?> FindAsync(string key, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<CustomContentTypeRecord>($"SELECT {Columns} FROM custom_content_types WHERE key = @key", new { key }, ct);

    /// <summary>Every declared type, by key: a site declares a handful, so there is no paging.</summary>
    public Task<IReadOnlyList<CustomContentTypeRecord>> ListAsync(CancellationToken ct = default) =>
        db.QueryAsync<CustomContentTypeRecord>($"SELECT {Columns} FROM custom_content_types ORDER BY key", null, ct);

    /// <summary>Whether any content (of any status) is of the type: such a type stays declared (<c>ix_content_listing</c>).</summary>
    public Task<bool> InUseAsync(string key, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM content WHERE type = @key)", new { key }, ct);

    /// <summary>Removes the declaration; answers false when there was none.</summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM custom_content_types WHERE key = @key", new { key }, ct) == 1;
}
