using System.Net;
using System.Text;
using Quire.Storage.Search;

namespace Quire.Server.Web.Content;

/// <summary>
/// A search excerpt as HTML: the text encoded, and the search's highlight markers (<c>@@@hl@@@</c> ...
/// <c>@@@endhl@@@</c>) turned into balanced <c>&lt;mark&gt;</c> elements. Nothing of the body's own markup
/// survives, so a hostile body shows as text.
/// </summary>
public static class SearchExcerpt
{
    public static string ToHtml(string excerpt)
    {
        var html = new StringBuilder(excerpt.Length + 32);
        var open = false;
        var rest = excerpt.AsSpan();
        while (!rest.IsEmpty)
        {
            var marker = open ? ContentSearchStore.HighlightEnd : ContentSearchStore.HighlightStart;
            var at = rest.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                html.Append(WebUtility.HtmlEncode(rest.ToString()));
                break;
            }
            html.Append(WebUtility.HtmlEncode(rest[..at].ToString()));
            html.Append(open ? "</mark>" : "<mark>");
            open = !open;
            rest = rest[(at + marker.Length)..];
        }
        if (open) html.Append("</mark>");
        return html.ToString().Replace(ContentSearchStore.HighlightEnd, "", StringComparison.Ordinal);
    }
}
