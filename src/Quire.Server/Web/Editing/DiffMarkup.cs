using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Quire.Core.Content;

namespace Quire.Server.Web.Editing;

/// <summary>
/// A diff line's text as HTML: every segment encoded, changed words in <c>del</c> or <c>ins</c>, and nothing
/// between them (the diff cell keeps white space, so markup indentation would show as text).
/// </summary>
public static class DiffMarkup
{
    public static IHtmlContent Text(DiffLine line)
    {
        var html = new StringBuilder();
        var mark = line.Kind == DiffLineKind.Deleted ? "del" : "ins";
        foreach (var segment in line.Segments)
        {
            var text = HtmlEncoder.Default.Encode(segment.Text);
            html.Append(segment.Changed && line.Kind != DiffLineKind.Unchanged ? $"<{mark}>{text}</{mark}>" : text);
        }
        return new HtmlString(html.ToString());
    }
}
