using Quire.Core.Formats;
using Quire.Core.Formats.View;

namespace Quire.Core.Tests.Formats.View;

/// <summary>Storage to sanitized view HTML, as BodyRenderer does it, with resolutions a test sets up.</summary>
internal static class ViewTestSupport
{
    public static ViewHtml Render(string storage, ViewResolutions? resolutions = null, long contentId = 0, string title = "", string linkBase = "/wiki")
    {
        var html = ViewRenderer.Render(StorageFormat.Parse(storage), new ViewContext(contentId, title, "KEY", linkBase, resolutions ?? ViewResolutions.None));
        return html with { Html = HtmlPolicy.Sanitize(html.Html) };
    }

    public static string ViewOf(string storage, ViewResolutions? resolutions = null, long contentId = 0, string title = "", string linkBase = "/wiki") =>
        Render(storage, resolutions, contentId, title, linkBase).Html;

    public static string Macro(string name, string parameters = "", string? rich = null, string? plain = null) =>
        $"<ac:structured-macro ac:name=\"{name}\" ac:schema-version=\"1\">{parameters}" +
        (rich is null ? "" : $"<ac:rich-text-body>{rich}</ac:rich-text-body>") +
        (plain is null ? "" : $"<ac:plain-text-body><![CDATA[{plain}]]></ac:plain-text-body>") + "</ac:structured-macro>";

    public static string Parameter(string name, string value) => $"<ac:parameter ac:name=\"{name}\">{value}</ac:parameter>";
}
