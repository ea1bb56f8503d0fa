namespace Quire.Core.ContentBody;

/// <summary>
/// One body to render. ContentId 0: a body not yet saved (the /contentbody/convert endpoints), rendered in SpaceKey's context.
/// <paramref name="Title"/>: the title of the version rendered, which heading ids start with; null reads the content's current title.
/// </summary>
public sealed record BodyToRender(long ContentId, int Version, string Storage, string SpaceKey, string? Title = null);

/// <summary>Something a rendered body embeds (an attachment image, an included page): Confluence's EmbeddedContent {entityId, entityType}.</summary>
public sealed record EmbeddedItem(long EntityId, string EntityType);

public sealed record RenderedBody(string Value, IReadOnlyList<EmbeddedItem> Embedded);

/// <summary>
/// The site's public address with the <c>/wiki</c> context (<c>_links.base</c>), which export_view's
/// absolute URLs start with. The web host provides it (ApiLinks); without one, URLs stay relative.
/// </summary>
public interface ISiteBaseUrl
{
    string Base { get; }
}

/// <summary>
/// styled_view: the view as a standalone HTML document, as Confluence answers it (its exact
/// stylesheet is Confluence's own; Quire adds a minimal one for the classes its view uses).
/// </summary>
public static class StyledView
{
    private const string Stylesheet =
        "body{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;font-size:14px;line-height:1.714;color:#172b4d}" +
        "pre{background:#f4f5f7;padding:8px;overflow:auto}table{border-collapse:collapse}td,th{border:1px solid #c1c7d0;padding:7px 10px}" +
        ".panel{border:1px solid #dfe1e6;border-radius:3px;margin:10px 0}.panelHeader{padding:5px 10px;border-bottom:1px solid #dfe1e6}" +
        ".panelContent{padding:10px}.confluence-information-macro{padding:8px 12px;border-radius:3px;margin:10px 0;background:#deebff}" +
        ".confluence-information-macro-note{background:#eae6ff}.confluence-information-macro-warning{background:#ffebe6}" +
        ".confluence-information-macro-tip{background:#e3fcef}.aui-lozenge{font-size:11px;font-weight:700;text-transform:uppercase;" +
        "padding:2px 4px;border-radius:3px;background:#dfe1e6}.aui-lozenge-success{background:#e3fcef;color:#064}" +
        ".aui-lozenge-error{background:#ffebe6;color:#bf2600}.aui-lozenge-current{background:#fff0b3;color:#172b4d}" +
        ".aui-lozenge-complete{background:#deebff;color:#0747a6}.aui-lozenge-progress{background:#eae6ff;color:#403294}" +
        ".inline-task-list{list-style:none;padding-left:20px}.inline-task-list li.checked{text-decoration:line-through}" +
        ".columnLayout{display:flex;gap:16px}.columnLayout .cell{flex:1}.columnLayout .cell.aside{flex:0 0 30%}";

    public static string Wrap(string view) =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\" /><style>" + Stylesheet + "</style></head>" +
        "<body><div id=\"Content\" class=\"wiki-content\">" + view + "</div></body></html>";
}
