using System.Data.Common;
using Quire.Storage.Content;

namespace Quire.Storage.Classification;

/// <summary>
/// Rows of <c>classification_levels</c> and the site's default level (the <c>site_settings</c> row
/// <see cref="SiteDefaultSetting"/>, a level id). Levels are never deleted: archiving keeps what
/// content carries meaningful.
/// </summary>
public sealed class ClassificationLevelStore(DbSession db)
{
    /// <summary>The <c>site_settings</c> name of the site-wide default level (Cloud's organization-wide default).</summary>
    public const string SiteDefaultSetting = "classification.default-level";

    /// <summary>The status of a level content can be given and a default can name, as SQL.</summary>
    internal const string Published = "'PUBLISHED'";

    internal const string Columns = "l.id, l.name, l.description, l.guideline, l.color, l.status, l.position, l.created_at, l.updated_at";

    /// <summary>Inserts the level and answers its id; null when another level has its name (case aside).</summary>
    public Task<long?> InsertAsync(ClassificationLevelRecord level, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            """
            INSERT INTO classification_levels (name, name_lower, description, guideline, color, status, position, created_at, updated_at)
            VALUES (@Name, @NameLower, @Description, @Guideline, @Color, @Status, @Position, @CreatedAt, @UpdatedAt)
            ON CONFLICT (name_lower) DO NOTHING RETURNING id
            """,
            new
            {
                level.Name, NameLower = level.Name.ToLowerInvariant(), level.Description, level.Guideline, level.Color, level.Status,
                level.Position, level.CreatedAt, level.UpdatedAt,
            }, ct);

    /// <summary>Writes every field but the creation time; false when another level has the new name (case aside).</summary>
    public async Task<bool> UpdateAsync(ClassificationLevelRecord level, CancellationToken ct = default)
    {
        try
        {
            await db.ExecuteAsync(
                """
                UPDATE classification_levels SET name = @Name, name_lower = @NameLower, description = @Description, guideline = @Guideline,
                    color = @Color, status = @Status, position = @Position, updated_at = @UpdatedAt
                WHERE id = @Id
                """,
                new
                {
                    level.Id, level.Name, NameLower = level.Name.ToLowerInvariant(), level.Description, level.Guideline, level.Color,
                    level.Status, level.Position, level.UpdatedAt,
                }, ct);
            return true;
        }
        catch (DbException e) when (ContentStore.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public Task<ClassificationLevelRecord?> FindAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ClassificationLevelRecord>($"SELECT {Columns} FROM classification_levels l WHERE l.id = @id", new { id }, ct);

    /// <summary>
    /// The levels in their order (then id), all or those of one status. A site has a handful (Cloud's
    /// admin screen lists them on one page), so the listing is whole, not paged.
    /// </summary>
    public Task<IReadOnlyList<ClassificationLevelRecord>> ListAsync(string? status, CancellationToken ct = default) =>
        db.QueryAsync<ClassificationLevelRecord>(
            $"SELECT {Columns} FROM classification_levels l {(status is null ? "" : "WHERE l.status = @status")} ORDER BY l.position, l.id",
            new { status }, ct);

    /// <summary>The position after the last level's, for a level created without one.</summary>
    public Task<int> NextPositionAsync(CancellationToken ct = default) =>
        db.ExecuteScalarAsync<int>("SELECT COALESCE(MAX(position), 0) + 1 FROM classification_levels", null, ct);

    /// <summary>The site's default level, while it is published.</summary>
    public async Task<ClassificationLevelRecord?> SiteDefaultAsync(CancellationToken ct = default) =>
        await db.QuerySingleOrDefaultAsync<ClassificationLevelRecord>(
            $"""
            SELECT {Columns} FROM classification_levels l
            WHERE l.id = CAST((SELECT value FROM site_settings WHERE name = @name) AS BIGINT) AND l.status = {Published}
            """, new { name = SiteDefaultSetting }, ct);

    /// <summary>Makes the level the site's default if it is published (checked in the same statement); false if it is not.</summary>
    public async Task<bool> SetSiteDefaultAsync(long levelId, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            $"""
            INSERT INTO site_settings (name, value)
            SELECT @name, @value FROM classification_levels l WHERE l.id = @levelId AND l.status = {Published}
            ON CONFLICT (name) DO UPDATE SET value = @value
            """,
            new { name = SiteDefaultSetting, levelId, value = levelId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct) > 0;

    public Task ClearSiteDefaultAsync(CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM site_settings WHERE name = @name", new { name = SiteDefaultSetting }, ct);

    /// <summary>Removes the site's default level if it is this one (being archived: a default applies only while its level is published).</summary>
    public Task ClearSiteDefaultIfAsync(long levelId, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "DELETE FROM site_settings WHERE name = @name AND value = @value",
            new { name = SiteDefaultSetting, value = levelId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct);

    /// <summary>Clears the space defaults that name the level (it is being archived: a default applies only while its level is published).</summary>
    public Task ClearSpaceDefaultsAsync(long levelId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM space_classification_defaults WHERE level_id = @levelId", new { levelId }, ct);
}
