using Microsoft.AspNetCore.WebUtilities;
using Quire.Core.Paging;

namespace Quire.Server.Web;

/// <summary>Previous and next links of a listing page: the current address with another <c>start</c>.</summary>
public sealed record Pager(string? Previous, string? Next)
{
    public static readonly Pager None = new(null, null);

    public static Pager Of(HttpRequest request, PageRequest page, bool hasMore) => new(
        page.Start > 0 ? With(request, Math.Max(0, page.Start - page.Limit)) : null,
        hasMore ? With(request, page.Start + page.Limit) : null);

    private static string With(HttpRequest request, int start)
    {
        var query = request.Query.Where(q => q.Key != "start").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        if (start > 0) query["start"] = start.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }
}
