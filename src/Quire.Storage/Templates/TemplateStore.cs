namespace Quire.Storage.Templates;

public sealed class TemplateRecord
{
    public long Id { get; init; }
    /// <summary>The space of a space template; null for a global one.</summary>
    public long? SpaceId { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string TemplateType { get; init; } = "page";
    public required string BodyStorage { get; init; }
    public long? CreatedBy { get; init; }
    public long CreatedAt { get; init; }
    public long? UpdatedBy { get; init; }
    public long UpdatedAt { get; init; }
}

public sealed class TemplateLabelRecord
{
    public long TemplateId { get; init; }
    public long Id { get; init; }
    public required string Prefix { get; init; }
    public required string Name { get; init; }
}

/// <summary>Rows of <c>content_templates</c> and their labels (<c>content_template_labels</c>).</summary>
public sealed class TemplateStore(DbSession db)
{
    private const string Columns =
        "id, space_id, name, description, template_type, body_storage, created_by, created_at, updated_by, updated_at";

    public Task<TemplateRecord?> FindAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<TemplateRecord>($"SELECT {Columns} FROM content_templates WHERE id = @id", new { id }, ct);

    /// <summary>One page of the global templates (no space) or of one space's, by name.</summary>
    public Task<IReadOnlyList<TemplateRecord>> ListAsync(long? spaceId, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<TemplateRecord>(
            $"""
            SELECT {Columns} FROM content_templates
            WHERE {(spaceId is null ? "space_id IS NULL" : "space_id = @spaceId")}
            ORDER BY name, id LIMIT @count OFFSET @offset
            """, new { spaceId, offset, count }, ct);

    public Task<long> InsertAsync(TemplateRecord t, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>(
            """
            INSERT INTO content_templates (space_id, name, description, template_type, body_storage, created_by, created_at, updated_by, updated_at)
            VALUES (@SpaceId, @Name, @Description, @TemplateType, @BodyStorage, @CreatedBy, @CreatedAt, @UpdatedBy, @UpdatedAt)
            RETURNING id
            """, t, ct);

    public Task UpdateAsync(TemplateRecord t, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            UPDATE content_templates SET name = @Name, description = @Description, template_type = @TemplateType,
                                         body_storage = @BodyStorage, updated_by = @UpdatedBy, updated_at = @UpdatedAt
            WHERE id = @Id
            """, t, ct);

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM content_templates WHERE id = @id", new { id }, ct) > 0;

    /// <summary>Replaces the template's labels with the given label rows.</summary>
    public async Task SetLabelsAsync(long templateId, IReadOnlyCollection<long> labelIds, CancellationToken ct = default)
    {
        await db.ExecuteAsync("DELETE FROM content_template_labels WHERE template_id = @templateId", new { templateId }, ct);
        foreach (var labelId in labelIds)
            await db.ExecuteAsync(
                "INSERT INTO content_template_labels (template_id, label_id) VALUES (@templateId, @labelId) ON CONFLICT DO NOTHING",
                new { templateId, labelId }, ct);
    }

    /// <summary>The labels of every given template, in one query.</summary>
    public Task<IReadOnlyList<TemplateLabelRecord>> LabelsAsync(IReadOnlyCollection<long> templateIds, CancellationToken ct = default) =>
        templateIds.Count == 0
            ? Task.FromResult<IReadOnlyList<TemplateLabelRecord>>([])
            : db.QueryAsync<TemplateLabelRecord>(
                $"""
                SELECT tl.template_id, l.id, l.prefix, l.name FROM content_template_labels tl JOIN labels l ON l.id = tl.label_id
                WHERE {db.InList("tl.template_id", "templateIds")}
                ORDER BY tl.template_id, l.prefix, l.name
                """, new { templateIds = templateIds.ToArray() }, ct);
}
