using Quire.Core.Cql;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Content;
using Quire.Storage.Search;
using Quire.Storage.Users;
using Quire.Storage.Spaces;

namespace Quire.Core.Search;

/// <summary>A content search as the API asks for it: with the total and each hit's relevance score, or not.</summary>
public sealed record ContentSearch(
    string? Cql, string? CqlContext, PageRequest Page, bool IncludeArchivedSpaces = true, bool CountTotal = false, bool Scored = false);

/// <summary>A page of hits, the parsed query (its canonical text is <c>cqlQuery</c>) and, if asked, the total.</summary>
public sealed record ContentSearchResult(
    Page<SearchHit> Page, CqlQuery Query, IReadOnlyList<SearchText> Highlight, int? TotalSize);

/// <summary>
/// CQL search over content: parses the query and its context, resolves it for the caller
/// (time zone, currentUser()), and asks storage, which applies the caller's permissions in the
/// same SQL. Statuses default to current; <c>cqlcontext.contentStatuses</c> widens them.
/// </summary>
public sealed class SearchService(ContentSearchStore store, UserSearchStore users, SpaceSearchStore spaces, TimeProvider time)
{
    /// <summary>What a <c>/search</c> query finds (content, spaces or users); parse errors are 400s.</summary>
    public static SearchTarget TargetOf(string? cql)
    {
        if (string.IsNullOrWhiteSpace(cql)) throw new BadRequestException("The cql parameter is required.");
        return CqlToFilter.Target(CqlParser.Parse(cql));
    }

    /// <summary>A space search (<c>type = space</c>): the spaces the caller may read, by name unless ordered otherwise.</summary>
    public async Task<(Page<SpaceRecord> Page, CqlQuery Query, int TotalSize)> SearchSpacesAsync(
        Caller caller, ContentSearch search, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(search.Cql)) throw new BadRequestException("The cql parameter is required.");
        var query = CqlParser.Parse(search.Cql);
        var translator = new CqlToFilter(time.GetUtcNow(), caller.TimeZone);
        var spec = new SpaceSearchSpec(Narrow(translator.SpaceWhere(query), CqlContext.Parse(search.CqlContext), content: false),
            CqlToFilter.SpaceOrder(query), search.IncludeArchivedSpaces);
        var viewer = SpaceAccess.ViewerOf(caller);
        var rows = await spaces.SearchAsync(spec, viewer, search.Page.Start, search.Page.FetchCount, ct);
        var total = await spaces.CountAsync(spec, viewer, ct);
        return (Page<SpaceRecord>.FromOverfetch(rows, search.Page), query, total);
    }

    /// <summary>
    /// A user search (<c>/search/user</c>): <c>type = user</c> (implied when absent), <c>user</c>,
    /// <c>user.accountid</c>, <c>user.fullname ~</c>; ordered by display name. Callers are signed in.
    /// </summary>
    public async Task<(Page<UserRecord> Page, CqlQuery Query, int TotalSize)> SearchUsersAsync(
        Caller caller, string? cql, PageRequest page, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(cql)) throw new BadRequestException("The cql parameter is required.");
        var query = CqlParser.Parse(cql);
        var spec = new UserSearchSpec(new CqlToFilter(time.GetUtcNow(), caller.TimeZone).UserWhere(query), CqlToFilter.UserOrderDescending(query));
        var rows = await users.SearchAsync(spec, caller.UserId, page.Start, page.FetchCount, ct);
        var total = await users.CountAsync(spec, caller.UserId, ct);
        return (Page<UserRecord>.FromOverfetch(rows, page), query, total);
    }

    public async Task<ContentSearchResult> SearchAsync(Caller caller, ContentSearch search, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(search.Cql)) throw new BadRequestException("The cql parameter is required.");
        var query = CqlParser.Parse(search.Cql);
        var context = CqlContext.Parse(search.CqlContext);
        var translator = new CqlToFilter(time.GetUtcNow(), caller.TimeZone);
        var spec = new SearchSpec(
            Narrow(translator.Where(query), context, content: true),
            context.ContentStatuses.Count > 0 ? context.ContentStatuses : ["current"],
            translator.Order(query),
            translator.Positive,
            search.IncludeArchivedSpaces);
        var viewer = SpaceAccess.ViewerOf(caller);
        var rows = await store.SearchAsync(spec, viewer, search.Page.Start, search.Page.FetchCount, ct);
        if (search.Scored && spec.Order.Count > 0)
        {
            // Ordered by something else, the search left relevance out; only this page needs it.
            var scores = await store.ScoresAsync(rows.Select(r => r.Content.Id).ToList(), spec.Relevance, ct);
            rows = rows.Select(r => r with { Score = scores.GetValueOrDefault(r.Content.Id) }).ToList();
        }
        int? total = search.CountTotal ? await store.CountAsync(spec, viewer, ct) : null;
        return new ContentSearchResult(Page<SearchHit>.FromOverfetch(rows, search.Page), query, translator.Positive, total);
    }

    /// <summary>The readable ancestors of a page of hits (nearest first), in one query.</summary>
    public Task<IReadOnlyList<SearchCrumbRecord>> BreadcrumbsAsync(Caller caller, IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        store.BreadcrumbsAsync(ids, SpaceAccess.ViewerOf(caller), ct);

    /// <summary>Excerpts of a page of hits: highlighted around the query's text, or the start of each body.</summary>
    public Task<IReadOnlyDictionary<long, string>> ExcerptsAsync(
        IReadOnlyCollection<long> ids, IReadOnlyList<SearchText> highlight, CancellationToken ct = default) =>
        store.ExcerptsAsync(ids, highlight, 30, ct);

    /// <summary>
    /// The query within its context: <c>spaceKey</c> keeps results in that space, <c>contentId</c>
    /// (content searches) to that content and what is below it (descendant pages, and the comments
    /// and attachments of it and of them). Both together must both hold, so a content outside the
    /// named space finds nothing, as does a space or content the caller cannot read.
    /// </summary>
    private static SearchFilter? Narrow(SearchFilter? filter, CqlContext context, bool content)
    {
        var all = new List<SearchFilter>();
        if (filter is not null) all.Add(filter);
        if (context.SpaceKey is { } key) all.Add(new SearchIn(SearchKey.SpaceKey, [key.ToLowerInvariant()]));
        if (content && context.ContentId is { } text)
            all.Add(long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? new SearchAny([new SearchIn(SearchKey.Id, [id]), new SearchIn(SearchKey.Ancestor, [id])])
                : new SearchNothing());
        return all.Count switch { 0 => null, 1 => all[0], _ => new SearchAll(all) };
    }
}
