using Quire.Core.Content;
using System.Globalization;
using System.Text;
using Quire.Server.Http;
using Quire.Storage;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// v2's links: <c>base</c> is the site with <c>/wiki</c>, as v1's; a listing's <c>next</c> is the
/// request itself with the <c>cursor</c> replaced, relative to the host (it starts with
/// <c>/wiki/api/v2</c>, as Cloud's does), and the same URL goes into the <c>Link</c> header.
/// </summary>
public sealed class V2Links(IHttpContextAccessor accessor, ApiLinks links)
{
    public string Base => links.Base;

    /// <summary>The current request with <c>cursor</c> set to <paramref name="cursor"/>.</summary>
    public string Next(string cursor)
    {
        var request = accessor.HttpContext!.Request;
        var query = new StringBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key == "cursor") continue;
            foreach (var value in values) Append(query, key, value ?? "");
        }
        Append(query, "cursor", cursor);
        return request.PathBase.Value + request.Path.Value + "?" + query;
    }

    /// <summary>
    /// A listing's answer: the results, <c>_links.next</c> when <paramref name="next"/> says more
    /// follow (its cursor made in <paramref name="order"/>), <c>_links.base</c>, and the <c>Link</c> header.
    /// </summary>
    public MultiEntityResult<T> Page<T>(IReadOnlyList<T> results, string order, Keyset? next)
    {
        var nextLink = next is null ? null : Next(V2Cursor.Encode(order, next));
        var header = nextLink is null ? $"<{Base}>; rel=\"base\"" : $"<{nextLink}>; rel=\"next\", <{Base}>; rel=\"base\"";
        accessor.HttpContext!.Response.Headers.Link = header;
        return new MultiEntityResult<T> { Results = results, Links = new MultiEntityLinks { Next = nextLink, Base = Base } };
    }

    /// <summary>A content's web links, the same addresses v1's <c>_links</c> give (<see cref="ContentWebLinks"/>).</summary>
    public static V2ContentLinks Content(Quire.Storage.Content.ContentRecord content, string spaceKey, string? siteBase = null) => new()
    {
        Webui = ContentWebLinks.Webui(content, spaceKey),
        Editui = ContentWebLinks.Editui(content),
        Tinyui = ContentWebLinks.Tinyui(content.Id),
        Base = siteBase,
    };

    /// <summary>An id as v2 writes ids: a string.</summary>
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static void Append(StringBuilder query, string key, string value)
    {
        if (query.Length > 0) query.Append('&');
        query.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
    }
}
