using Dapper;
using Quire.Storage.CustomContent;
using Quire.Storage.Dialects;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Content;

/// <summary>
/// The SQL of one page of a keyset walk over content (<see cref="ContentStore.ListAfterAsync"/>), written apart from running it
/// so that tests can ask each engine for its plan. Every order is a range scan of an index per status, stopped at the page's end:
/// by id <c>ix_content_space_keyset</c> and <c>ix_content_listing</c>; by created date, modified date and title the indexes of
/// migration 0028, <c>(space_id, type, status, key, id)</c> for a space and <c>(type, status, key, id)</c> site-wide. Several
/// statuses are one such range each, merged with <c>UNION ALL</c> (one <c>IN</c> over them made both engines read and sort every
/// matching row). The title order and the cursor's comparison are the same column under the same collation (the column's), which
/// the index is built with too, so a walk neither skips nor repeats titles that differ only in case or accents.
/// </summary>
public static class ContentListingQuery
{
    public static (string Sql, DynamicParameters Parameters) Build(
        SqlDialect dialect, ContentListing listing, Viewer viewer, ContentOrder order, Keyset? after, int count)
    {
        var (read, parameters) = ReadRule.For(dialect).For(viewer, new
        {
            type = listing.Type, statuses = listing.Statuses.ToArray(), spaceIds = listing.SpaceIds?.ToArray(), ids = listing.Ids?.ToArray(),
            title = listing.TitleLower, labelId = listing.LabelId, containerId = listing.ContainerId, parentId = listing.ParentId,
            location = listing.CommentLocation, resolutions = listing.ResolutionStatuses?.ToArray(), mediaType = listing.MediaType,
            afterValue = order.ParseValue(after?.Value), afterId = after?.Id ?? 0, count,
        });
        var rows = (listing.Statuses.Contains("draft") ? ContentRows.Drafts : ContentRows.Current) |
                   (listing.Statuses.Contains("trashed") ? ContentRows.Trashed : ContentRows.Current);
        var anyCustom = listing.Type == CustomContentKeys.AnyType;
        var where = new List<string> { read.Content(rows), anyCustom ? CustomContentKeys.Condition("c") : "c.type = @type" };
        // One space is an equality, so the walk seeks in (space_id, type, status, key, id) rather than joining a list.
        if (listing.SpaceIds is [var onlySpace]) { where.Add("c.space_id = @onlySpace"); parameters.Add("onlySpace", onlySpace); }
        else if (listing.SpaceIds is not null) where.Add(dialect.InList("c.space_id", "spaceIds"));
        if (listing.Ids is not null) where.Add(dialect.InList("c.id", "ids"));
        if (listing.TitleLower is not null) where.Add("c.title_lower = @title");
        if (listing.RootOnly) where.Add("c.parent_id IS NULL");
        if (listing.LabelId is not null) where.Add("EXISTS (SELECT 1 FROM content_labels cl WHERE cl.content_id = c.id AND cl.label_id = @labelId)");
        // What hangs off a page or blog post is hidden with it (someone else's draft, the trash for a non-admin); custom content
        // in a page, blog post or other custom content too.
        if (listing.Type is "comment" or "attachment" || anyCustom || CustomContentKeys.Is(listing.Type))
            where.Add($"NOT EXISTS (SELECT 1 FROM content k WHERE k.id = c.container_id AND {read.Container("k")} IS NOT TRUE)");
        if (listing.ContainerId is not null) where.Add("c.container_id = @containerId");
        if (listing.ParentId is not null) where.Add("c.parent_id = @parentId");
        if (listing.CommentLocation is not null) where.Add("COALESCE(c.comment_location, 'footer') = @location");
        if (listing.ResolutionStatuses is not null)
            where.Add(dialect.InList("COALESCE((SELECT cr.status FROM comment_resolutions cr WHERE cr.content_id = c.id), 'open')", "resolutions"));
        if (listing.MediaType is not null)
            where.Add("EXISTS (SELECT 1 FROM attachment_files f WHERE f.content_id = c.id AND f.version = c.version AND f.media_type = @mediaType)");
        var direction = order.Descending ? "DESC" : "ASC";
        if (after is not null)
        {
            var comparison = order.Descending ? "<" : ">";
            where.Add(order.Key == ContentSortKey.Id
                ? $"c.id {comparison} @afterId"
                : $"({order.Column}, c.id) {comparison} (@afterValue, @afterId)");
        }
        var orderBy = order.Key == ContentSortKey.Id ? $"c.id {direction}" : $"{order.Column} {direction}, c.id {direction}";
        var statuses = listing.Statuses.Distinct().ToList();
        for (var i = 0; i < statuses.Count; i++) parameters.Add($"status{i}", statuses[i]);
        if (statuses.Count > 1)
        {
            // Several statuses: an index range per status, each read in the order and stopped at the page's end, then merged
            // (at most count rows a status). One IN over the statuses made both engines read and sort every row of the space (a
            // listing of current and archived pages by id: 655 ms p50 in a space of 254,500 pages; bench/v2-load.sh).
            var branches = statuses.Select((_, i) =>
                $"""
                SELECT hit_id FROM (SELECT c.id AS hit_id FROM content c JOIN spaces s ON s.id = c.space_id
                                    WHERE {string.Join(" AND ", where)} AND c.status = @status{i}
                                    ORDER BY {orderBy} LIMIT @count) b{i}
                """);
            return ($"""
                SELECT {ContentStore.Columns} FROM ({string.Join("\nUNION ALL\n", branches)}) hit JOIN content c ON c.id = hit.hit_id
                ORDER BY {orderBy}
                LIMIT @count
                """, parameters);
        }
        where.Add(statuses.Count == 1 ? "c.status = @status0" : dialect.InList("c.status", "statuses"));
        return ($"""
            SELECT {ContentStore.Columns} FROM content c JOIN spaces s ON s.id = c.space_id
            WHERE {string.Join(" AND ", where)}
            ORDER BY {orderBy}
            LIMIT @count
            """, parameters);
    }
}
