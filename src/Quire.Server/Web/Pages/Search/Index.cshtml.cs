using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Search;
using Quire.Server.Web.Content;
using Quire.Storage.Content;

namespace Quire.Server.Web.Pages.Search;

/// <summary>One hit as the results list shows it; the excerpt is already safe HTML (<see cref="SearchExcerpt"/>).</summary>
public sealed record SearchResultView(
    string Title, string Href, string Type, string SpaceKey, string SpaceName, string ExcerptHtml, IReadOnlyList<string> Breadcrumbs, long UpdatedAt);

/// <summary>
/// <c>/wiki/search?text=</c> or <c>?cql=</c> with space, type and label filters: the API's CQL search
/// (SearchService, with the caller's permissions in its SQL), excerpts highlighted around the text, paged.
/// A CQL mistake is shown on the page (400) with the search form, never a 500.
/// </summary>
public sealed class IndexModel(SearchService search, ContentStore contents) : WebPageModel
{
    private const int PageSize = 20;

    public string? Text { get; private set; }
    public string? Cql { get; private set; }
    public string? Space { get; private set; }
    public string? Type { get; private set; }
    public string? Label { get; private set; }
    public bool Searched { get; private set; }
    public string? Error { get; private set; }
    public string CqlQuery { get; private set; } = "";
    public int Total { get; private set; }
    public int Start { get; private set; }
    public IReadOnlyList<SearchResultView> Results { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.None;

    public async Task OnGetAsync(string? text, string? cql, string? space, string? type, string? label, int start, CancellationToken ct)
    {
        (Text, Cql, Space, Type, Label) = (text, cql, space, type, label);
        var query = new WebSearchQuery(text, cql, space, type, label);
        if (query.IsEmpty) return;
        var page = new PageRequest(Math.Max(0, start), PageSize);
        Start = page.Start;
        ContentSearchResult found;
        try
        {
            found = await search.SearchAsync(Caller, new ContentSearch(query.ToCql(), null, page, IncludeArchivedSpaces: false, CountTotal: true), ct);
        }
        catch (BadRequestException e)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = e.Message;
            return;
        }
        Searched = true;
        CqlQuery = found.Query.ToString();
        Total = found.TotalSize ?? found.Page.Results.Count;
        var rows = found.Page.Results.Select(h => h.Content).ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var spaces = (await contents.SpacesAsync(rows.Select(r => r.SpaceId).Distinct().ToList(), ct)).ToDictionary(s => s.Id);
        var excerpts = await search.ExcerptsAsync(ids, found.Highlight, ct);
        var crumbs = (await search.BreadcrumbsAsync(Caller, ids, ct)).ToLookup(a => a.OfId);
        Results = rows.Where(r => spaces.ContainsKey(r.SpaceId)).Select(r =>
        {
            var key = spaces[r.SpaceId].Key;
            return new SearchResultView(r.Title, WebLinks.FromWebui(ContentWebLinks.Webui(r, key)), r.Type, key, spaces[r.SpaceId].Name,
                SearchExcerpt.ToHtml(excerpts.GetValueOrDefault(r.Id, "")),
                crumbs[r.Id].OrderByDescending(a => a.Depth).Select(a => a.Title).ToList(), r.UpdatedAt);
        }).ToList();
        Pager = Pager.Of(Request, page, found.Page.HasMore);
    }
}
