namespace Quire.Storage.Classification;

/// <summary>
/// Rows of <c>space_classification_defaults</c> and <c>content_classification_levels</c>: which
/// level a space's content has by default, and which level a piece of content carries itself.
/// Callers check visibility and permissions first (Core); these are keyed by space or content id.
/// A default applies only while its level is published: archiving a level clears the defaults
/// naming it, and the reads check the status too, so a default set while the level was being
/// archived never applies. Content keeps an archived level it was given.
/// </summary>
public sealed class ContentClassificationStore(DbSession db)
{
    private const string Columns = ClassificationLevelStore.Columns;
    private const string Published = ClassificationLevelStore.Published;

    public Task<ClassificationLevelRecord?> SpaceDefaultAsync(long spaceId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ClassificationLevelRecord>(
            $"""
            SELECT {Columns} FROM space_classification_defaults d JOIN classification_levels l ON l.id = d.level_id
            WHERE d.space_id = @spaceId AND l.status = {Published}
            """, new { spaceId }, ct);

    /// <summary>Makes the level the space's default if the level is published (checked in the same statement); false if it is not.</summary>
    public async Task<bool> SetSpaceDefaultAsync(long spaceId, long levelId, long? userId, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            $"""
            INSERT INTO space_classification_defaults (space_id, level_id, updated_by, updated_at)
            SELECT @spaceId, l.id, @userId, @now FROM classification_levels l WHERE l.id = @levelId AND l.status = {Published}
            ON CONFLICT (space_id) DO UPDATE SET level_id = @levelId, updated_by = @userId, updated_at = @now
            """, new { spaceId, levelId, userId, now }, ct) > 0;

    public Task RemoveSpaceDefaultAsync(long spaceId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM space_classification_defaults WHERE space_id = @spaceId", new { spaceId }, ct);

    /// <summary>
    /// The level that applies to the content, in one query: its own, else its space's default, else
    /// the site's default (each default only while its level is published); null when none does.
    /// </summary>
    public Task<ClassificationLevelRecord?> EffectiveAsync(long contentId, long spaceId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ClassificationLevelRecord>(
            $"""
            SELECT {Columns} FROM classification_levels l
            WHERE l.id = COALESCE(
                (SELECT level_id FROM content_classification_levels WHERE content_id = @contentId),
                (SELECT d.level_id FROM space_classification_defaults d JOIN classification_levels x ON x.id = d.level_id
                 WHERE d.space_id = @spaceId AND x.status = {Published}),
                (SELECT x.id FROM classification_levels x
                 WHERE x.id = CAST((SELECT value FROM site_settings WHERE name = @siteDefault) AS BIGINT) AND x.status = {Published}))
            """, new { contentId, spaceId, siteDefault = ClassificationLevelStore.SiteDefaultSetting }, ct);

    /// <summary>Places the level on the content if the level is published (checked in the same statement); false if it is not.</summary>
    public async Task<bool> SetContentLevelAsync(long contentId, long levelId, long? userId, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            $"""
            INSERT INTO content_classification_levels (content_id, level_id, updated_by, updated_at)
            SELECT @contentId, l.id, @userId, @now FROM classification_levels l WHERE l.id = @levelId AND l.status = {Published}
            ON CONFLICT (content_id) DO UPDATE SET level_id = @levelId, updated_by = @userId, updated_at = @now
            """, new { contentId, levelId, userId, now }, ct) > 0;

    /// <summary>Removes the content's own level, so its space's default applies again.</summary>
    public Task RemoveContentLevelAsync(long contentId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM content_classification_levels WHERE content_id = @contentId", new { contentId }, ct);
}
