using System.Diagnostics;
using System.Globalization;
using System.Net;
using Quire.Core.Errors;
using Quire.Core.Search;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Api.Users;
using Quire.Server.Api.Space;
using Quire.Core.Paging;
using Quire.Server.Authentication;
using Quire.Server.Http;
using Quire.Storage.Content;
using Quire.Storage.Search;

namespace Quire.Server.Api.Search;

/// <summary>
/// The <c>Search</c> group: <c>GET /search</c> (searchByCQL), CQL over content answered as
/// search results with excerpts, relevance and the total the caller may see.
/// </summary>
public static class SearchApi
{
    private static readonly PageLimits Limits = new(25, 250);

    private static readonly HashSet<string> Excerpts = ["highlight", "indexed", "none", "highlight_unescaped", "indexed_unescaped"];

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchByCQL);
        // Anonymous callers are refused reading users everywhere else (401), so here too.
        api.MapGet("/search/user", SearchUser).RequireSignIn();
        return api;
    }

    private static readonly HashSet<string> PermissionTypeFilters = ["all", "externalCollaborator", "none"];

    /// <summary>
    /// searchUser: CQL over users (type = user, user, user.accountid, user.fullname ~), each a
    /// result with <c>user</c>, its display name as title and its profile as url.
    /// </summary>
    private static async Task<SearchPageJson> SearchUser(
        string? cql, int? start, int? limit, string? sitePermissionTypeFilter, HttpRequest request, Caller caller,
        SearchService search, UserExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var filter = QueryValues.Blank(sitePermissionTypeFilter) ?? "none";
        if (!PermissionTypeFilters.Contains(filter))
            throw new BadRequestException($"sitePermissionTypeFilter must be one of {string.Join(", ", PermissionTypeFilters)}, not '{filter}'.");
        var page = Limits.Parse(start, limit);
        return await UserResultsAsync(cql, page, filter, request, caller, search, expansions, links, clock, ct, cursors: false);
    }

    private static async Task<SearchPageJson> UserResultsAsync(
        string? cql, PageRequest page, string filter, HttpRequest request, Caller caller, SearchService search,
        UserExpansions expansions, ApiLinks links, Stopwatch clock, CancellationToken ct, bool cursors = true)
    {
        var (found, query, total) = await search.SearchUsersAsync(caller, cql, page, ct);
        // Quire has no external collaborators: asking only for them finds nobody.
        IReadOnlyList<Storage.Users.UserRecord> rows = filter == "externalCollaborator" ? [] : found.Results;
        if (filter == "externalCollaborator") total = 0;
        // expand names the user's expansions (operations, personalSpace), with or without "user.".
        var expand = Expansion.From(request);
        var rendered = await expansions.RenderAsync(rows, caller, expand.Has("user") ? expand["user"] : expand, topLevel: false, ct);
        var results = rows.Zip(rendered, (row, user) => new SearchResultJson
        {
            User = user,
            Title = row.DisplayName,
            Excerpt = "",
            Url = "/people/" + Uri.EscapeDataString(row.AccountId),
            Breadcrumbs = [],
            EntityType = "user",
            IconCssClass = "aui-icon content-type-profile",
            LastModified = QuireJson.Date(row.CreatedAt),
            Score = 0,
        }).ToList();
        return Paged(results, page, found.HasMore && rows.Count > 0, total, query.ToString(), links, clock, cursors);
    }

    /// <summary>Spaces as search results (type = space): the space, its name as title, its description as excerpt.</summary>
    private static async Task<SearchPageJson> SpaceResultsAsync(
        ContentSearch request, Expansion expand, Caller caller, SearchService search, SpaceRenderer renderer, ApiLinks links,
        string excerptMode, Stopwatch clock, CancellationToken ct)
    {
        var (found, query, total) = await search.SearchSpacesAsync(caller, request, ct);
        var escape = !excerptMode.EndsWith("_unescaped", StringComparison.Ordinal);
        var results = found.Results.Select(space =>
        {
            var excerpt = excerptMode == "none" ? "" : Trim(space.Description);
            return new SearchResultJson
            {
                Space = renderer.Render(space, caller, expand["space"], topLevel: false),
                Title = space.Name,
                Excerpt = escape ? WebUtility.HtmlEncode(excerpt) : excerpt,
                Url = "/spaces/" + Uri.EscapeDataString(space.Key),
                Breadcrumbs = [],
                EntityType = "space",
                IconCssClass = "aui-icon space-avatar",
                LastModified = QuireJson.Date(space.CreatedAt),
                Score = 0,
            };
        }).ToList();
        return Paged(results, request.Page, found.HasMore, total, query.ToString(), links, clock);
    }

    private static SearchPageJson Paged(
        List<SearchResultJson> results, PageRequest page, bool hasMore, int total, string cql, ApiLinks links, Stopwatch clock,
        bool cursors = true)
    {
        // /search pages by cursor; /search/user has only start and limit.
        string Link(int start, string direction) => cursors
            ? links.CursorLink(page.Limit, SearchCursor.Of(start), (direction, "true"))
            : links.PageLink(start, page.Limit);
        var linkSet = links.Envelope(links.Self());
        if (hasMore) linkSet["next"] = Link(page.Start + page.Limit, "next");
        if (page.Start > 0 && page.Limit > 0) linkSet["prev"] = Link(Math.Max(0, page.Start - page.Limit), "prev");
        return new SearchPageJson
        {
            Results = results, Start = page.Start, Limit = page.Limit, Size = results.Count, TotalSize = total,
            CqlQuery = cql, SearchDuration = (int)clock.ElapsedMilliseconds, Links = linkSet,
        };
    }

    private static async Task<SearchPageJson> SearchByCQL(
        string? cql, string? cqlcontext, string? cursor, int? start, int? limit, bool? includeArchivedSpaces, string? excerpt,
        HttpRequest request, Caller caller, SearchService search, ContentExpansions expansions, ContentStore contents, ApiLinks links,
        TimeProvider time, SpaceRenderer spaceRenderer, UserExpansions userExpansions, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var excerptMode = QueryValues.Blank(excerpt) ?? "highlight";
        if (!Excerpts.Contains(excerptMode))
            throw new BadRequestException($"excerpt must be one of {string.Join(", ", Excerpts)}, not '{excerptMode}'.");
        var page = Limits.Parse(cursor is null ? start : SearchCursor.Parse(cursor), limit);
        switch (SearchService.TargetOf(cql))
        {
            case SearchTarget.Space:
                return await SpaceResultsAsync(new ContentSearch(cql, cqlcontext, page, includeArchivedSpaces ?? false),
                    Expansion.From(request), caller, search, spaceRenderer, links, excerptMode, clock, ct);
            case SearchTarget.User:
                // Users are refused to anonymous callers everywhere (401), here too.
                if (caller.IsAnonymous) throw new NotAuthenticatedException("Sign in to search users.");
                return await UserResultsAsync(cql, page, "none", request, caller, search, userExpansions, links, clock, ct);
        }
        var result = await search.SearchAsync(
            caller, new ContentSearch(cql, cqlcontext, page, includeArchivedSpaces ?? false, CountTotal: true, Scored: true), ct);

        var hits = result.Page.Results;
        var rows = hits.Select(h => h.Content).ToList();
        // expand names what to expand below each result: content.space, content.history, ...
        var expand = Expansion.From(request);
        var rendered = (await expansions.RenderAsync(rows, caller, expand["content"], ct)).ToDictionary(c => c.Id);
        var spaces = (await contents.SpacesAsync(rows.Select(r => r.SpaceId).Distinct().ToList(), ct)).ToDictionary(s => s.Id);
        var texts = excerptMode == "none"
            ? new Dictionary<long, string>()
            : await search.ExcerptsAsync(rows.Select(r => r.Id).ToList(),
                excerptMode.StartsWith("highlight", StringComparison.Ordinal) ? result.Highlight : [], ct);
        var escape = !excerptMode.EndsWith("_unescaped", StringComparison.Ordinal);
        var now = time.GetUtcNow();
        // Ancestors of the whole page of hits in one query, root first for each.
        var crumbs = (await search.BreadcrumbsAsync(caller, rows.Select(r => r.Id).ToList(), ct))
            .ToLookup(a => a.OfId);

        var results = new List<SearchResultJson>();
        foreach (var hit in hits)
        {
            var row = hit.Content;
            if (!spaces.TryGetValue(row.SpaceId, out var space) || !rendered.TryGetValue(ContentRenderer.Id(row), out var content)) continue;
            var text = texts.GetValueOrDefault(row.Id, "");
            results.Add(new SearchResultJson
            {
                Content = content,
                Title = row.Title,
                Excerpt = escape ? WebUtility.HtmlEncode(Trim(text)) : Trim(text),
                Url = content.Links.Webui ?? "",
                ResultGlobalContainer = new ContainerSummaryJson(space.Name, "/spaces/" + Uri.EscapeDataString(space.Key)),
                ResultParentContainer = crumbs[row.Id].FirstOrDefault() is { } parent
                    ? new ContainerSummaryJson(parent.Title, CrumbUrl(space.Key, parent)) : null,
                Breadcrumbs = crumbs[row.Id].OrderByDescending(a => a.Depth)
                    .Select(a => new BreadcrumbJson(a.Title, CrumbUrl(space.Key, a), "/")).ToList(),
                EntityType = "content",
                IconCssClass = "aui-icon content-type-" + row.Type,
                LastModified = QuireJson.Date(row.UpdatedAt),
                FriendlyLastModified = FriendlyDate.Format(row.UpdatedAt, now, caller),
                Score = hit.Score,
            });
        }

        var linkSet = links.Envelope(links.Self());
        if (result.Page.HasMore) linkSet["next"] = links.CursorLink(page.Limit, SearchCursor.Of(page.Start + page.Limit), ("next", "true"));
        if (page.Start > 0 && page.Limit > 0)
            linkSet["prev"] = links.CursorLink(page.Limit, SearchCursor.Of(Math.Max(0, page.Start - page.Limit)), ("prev", "true"));
        return new SearchPageJson
        {
            Results = results, Start = page.Start, Limit = page.Limit, Size = results.Count, TotalSize = result.TotalSize ?? results.Count,
            CqlQuery = result.Query.ToString(), SearchDuration = (int)clock.ElapsedMilliseconds, Links = linkSet,
        };
    }

    /// <summary>Where an ancestor is shown: a page by its space path, other content by id.</summary>
    private static string CrumbUrl(string spaceKey, SearchCrumbRecord ancestor) =>
        ancestor.Type == "page"
            ? $"/spaces/{Uri.EscapeDataString(spaceKey)}/pages/{ancestor.Id}/{Uri.EscapeDataString(ancestor.Title).Replace("%20", "+")}"
            : $"/pages/viewpage.action?pageId={ancestor.Id}";

    /// <summary>An excerpt of at most about 300 characters, cut at a word.</summary>
    private static string Trim(string text)
    {
        const int max = 300;
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max);
        var end = cut > max / 2 ? cut : max;
        // Never cut inside a highlight mark.
        var open = text.LastIndexOf(ContentSearchStore.HighlightStart, end, StringComparison.Ordinal);
        if (open >= 0 && text.IndexOf(ContentSearchStore.HighlightEnd, open, StringComparison.Ordinal) is var close && close >= end)
            end = close + ContentSearchStore.HighlightEnd.Length;
        return text[..end] + "…";
    }
}
