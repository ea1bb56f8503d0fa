namespace Quire.Storage.Audit;

public sealed class AuditRecordRow
{
    public long Id { get; init; }
    public long CreatedAt { get; init; }
    public string? AuthorAccountId { get; init; }
    public string AuthorName { get; init; } = "";
    public string? AuthorUserKey { get; init; }
    public string RemoteAddress { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Description { get; init; } = "";
    public string Category { get; init; } = "";
    public bool SysAdmin { get; init; }
    public bool SuperAdmin { get; init; }
    /// <summary>JSON: {"name": ..., "objectType": ...}.</summary>
    public string AffectedObject { get; init; } = "{}";
    /// <summary>JSON: [{"name", "oldValue", "newValue", ...}].</summary>
    public string ChangedValues { get; init; } = "[]";
    /// <summary>JSON: [{"name", "objectType"}].</summary>
    public string AssociatedObjects { get; init; } = "[]";
    public string SearchText { get; init; } = "";
}

public sealed class AuditRetentionRow
{
    public long Number { get; init; }
    public string Units { get; init; } = "";
}

/// <summary>Rows of <c>audit_records</c>, newest first, and the retention setting.</summary>
public sealed class AuditStore(DbSession db)
{
    private const string WrittenColumns =
        "created_at, author_account_id, author_name, author_user_key, remote_address, summary, description, category, " +
        "sys_admin, super_admin, affected_object, changed_values, associated_objects, search_text";

    private const string Columns = "id, " + WrittenColumns;

    public Task<long> InsertAsync(AuditRecordRow r, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>(
            $"""
            INSERT INTO audit_records ({WrittenColumns})
            VALUES (@CreatedAt, @AuthorAccountId, @AuthorName, @AuthorUserKey, @RemoteAddress, @Summary, @Description, @Category,
                    @SysAdmin, @SuperAdmin, @AffectedObject, @ChangedValues, @AssociatedObjects, @SearchText)
            RETURNING id
            """, r, ct);

    public Task<AuditRecordRow?> FindAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<AuditRecordRow>($"SELECT {Columns} FROM audit_records WHERE id = @id", new { id }, ct);

    /// <summary>
    /// One page of the records created in [<paramref name="from"/>, <paramref name="until"/>]
    /// (epoch ms, both ends included) whose text holds <paramref name="search"/>, newest first.
    /// </summary>
    public Task<IReadOnlyList<AuditRecordRow>> ListAsync(long from, long until, string? search, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<AuditRecordRow>(
            $"""
            SELECT {Columns} FROM audit_records
            WHERE created_at >= @from AND created_at <= @until
              {(search is null ? "" : "AND search_text LIKE @pattern ESCAPE '\\'")}
            ORDER BY created_at DESC, id DESC
            LIMIT @count OFFSET @offset
            """, new { from, until, pattern = Sql.ContainsPattern(search), offset, count }, ct);

    /// <summary>Deletes the records created before <paramref name="cutoff"/>; a range over the creation index.</summary>
    public Task<int> DeleteOlderThanAsync(long cutoff, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM audit_records WHERE created_at < @cutoff", new { cutoff }, ct);

    public Task<AuditRetentionRow?> RetentionAsync(CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<AuditRetentionRow>(
            "SELECT retention_number AS number, retention_units AS units FROM audit_settings WHERE id = 1", null, ct);

    public Task SetRetentionAsync(int number, string units, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO audit_settings (id, retention_number, retention_units) VALUES (1, @number, @units)
            ON CONFLICT (id) DO UPDATE SET retention_number = @number, retention_units = @units
            """, new { number, units }, ct);
}
