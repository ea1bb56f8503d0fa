using AngleSharp.Html.Parser;

namespace Quire.Server.Web.Content;

/// <summary>
/// A rendered body (a page's, a comment's) as a web page shows it: without the attributes the site's own script
/// reads (<c>data-children</c>, the page tree's), which the sanitizer keeps as inert data-* but which a body has no
/// business carrying on the web interface.
/// </summary>
public static class WebBodyHtml
{
    private static readonly string[] ScriptHooks = ["data-children", "data-loaded"];
    private static readonly HtmlParser Parser = new();

    public static string WithoutScriptHooks(string html)
    {
        if (!ScriptHooks.Any(hook => html.Contains(hook, StringComparison.OrdinalIgnoreCase))) return html;
        var document = Parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var body = document.Body!;
        body.InnerHtml = html;
        foreach (var hook in ScriptHooks)
            foreach (var element in body.QuerySelectorAll($"[{hook}]"))
                element.RemoveAttribute(hook);
        return body.InnerHtml;
    }
}
