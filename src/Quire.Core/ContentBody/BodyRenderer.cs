using System.Xml;
using System.Xml.Linq;
using Quire.Core.Errors;
using Quire.Core.Formats;
using Quire.Core.Formats.View;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.ContentBody;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Core.ContentBody;

/// <summary>
/// Renders stored bodies into Confluence's HTML representations for one viewer. Many bodies cost
/// a fixed number of queries: what all of them refer to is collected, loaded in a few batched
/// queries as the viewer may see it (<see cref="BodyReferenceLoader"/>), then each body renders.
/// Results are cached (<see cref="BodyRenderCache"/>) under a key that changes with the storage
/// and with what the viewer may see, so a repeated request costs a hash and those queries.
/// Every HTML result passes through <see cref="HtmlPolicy"/>.
/// </summary>
public sealed class BodyRenderer
{
    public static readonly IReadOnlyList<string> Representations =
        ["view", "export_view", "styled_view", "anonymous_export_view", "editor", "editor2", "dynamic"];

    private readonly BodyReferenceLoader _loader;
    private readonly Viewers _viewers;
    private readonly ISiteBaseUrl? _site;

    /// <summary>The reference store is built here, on the request's session.</summary>
    public BodyRenderer(DbSession db, UserStore users, Viewers viewers, ISiteBaseUrl? site = null)
    {
        _loader = new BodyReferenceLoader(new BodyReferenceStore(db), users);
        _viewers = viewers;
        _site = site;
    }

    public async Task<IReadOnlyList<RenderedBody>> RenderAsync(
        IReadOnlyList<BodyToRender> bodies, string representation, Caller viewer, CancellationToken ct)
    {
        if (!Representations.Contains(representation))
            throw new BadRequestException($"Cannot render a body as '{representation}'; the representations are {string.Join(", ", Representations)}.");
        if (representation is "editor" or "editor2") return bodies.Select(b => Editor(b, ct)).ToList();

        var anonymous = representation == "anonymous_export_view";
        var export = representation is "export_view" or "styled_view" or "anonymous_export_view";
        var linkBase = export ? _site?.Base.TrimEnd('/') ?? ViewUrls.Context : ViewUrls.Context;
        var resolveUsers = !anonymous && !viewer.IsAnonymous;

        var parsed = new XElement?[bodies.Count];
        var hashes = new string[bodies.Count];
        var references = new ViewReferences?[bodies.Count];
        for (var i = 0; i < bodies.Count; i++)
        {
            hashes[i] = BodyRenderCache.HashOf(bodies[i].Storage);
            references[i] = ReferencesOf(bodies[i], hashes[i], out parsed[i], ct);
        }

        var seeing = anonymous ? await _viewers.OfUserAsync(null, ct) : SpaceAccess.ViewerOf(viewer);
        var readable = Enumerable.Range(0, bodies.Count).Where(i => references[i] is not null)
            .Select(i => (bodies[i].ContentId, references[i]!)).ToList();
        var loaded = await _loader.LoadAsync(readable, seeing, resolveUsers, readable.Any(r => r.Item2.NeedsTitle), ct);

        var results = new RenderedBody[bodies.Count];
        for (var i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i];
            if (references[i] is not { } refs)
            {
                // Stored before bodies were checked and not well formed: shown as text, as it is.
                results[i] = new RenderedBody(Wrap(System.Net.WebUtility.HtmlEncode(body.Storage), representation), []);
                continue;
            }
            var title = body.Title ?? loaded.Titles.GetValueOrDefault(body.ContentId) ?? "";
            var key = BodyRenderCache.KeyOf(representation, hashes[i], body.SpaceKey, body.ContentId.ToString(), title, linkBase,
                resolveUsers ? "u" : "-", BodyReferenceLoader.Fingerprint(refs, loaded.Resolutions, body.ContentId));
            if (BodyRenderCache.Rendered(key) is { } cached)
            {
                results[i] = cached;
                continue;
            }
            var root = parsed[i] ?? Parse(body, ct)!;
            var context = new ViewContext(body.ContentId, title, body.SpaceKey, linkBase, loaded.Resolutions, resolveUsers);
            var html = ViewRenderer.Render(root, context, ct, body.Storage.Length + body.Storage.Length / 4);
            ct.ThrowIfCancellationRequested();
            results[i] = new RenderedBody(Wrap(HtmlPolicy.Sanitize(html.Html), representation), html.Embedded);
            BodyRenderCache.KeepRendered(key, results[i]);
        }
        return results;
    }

    /// <summary>The references of a body (cached by its storage), parsing it if they are not known; null when stored malformed.</summary>
    private static ViewReferences? ReferencesOf(BodyToRender body, string hash, out XElement? parsed, CancellationToken ct)
    {
        parsed = null;
        var key = BodyRenderCache.KeyOf("references", hash, body.SpaceKey);
        if (BodyRenderCache.References(key) is { } known) return known;
        parsed = Parse(body, ct);
        if (parsed is null) return null;
        var found = ViewReferences.Collect(parsed, body.SpaceKey, ct);
        BodyRenderCache.KeepReferences(key, found);
        return found;
    }

    /// <summary>
    /// A body's tree. Malformed storage not yet saved (a conversion request) is the client's
    /// mistake: 400 saying where. A stored one (older rows) answers null and is shown as text.
    /// </summary>
    private static XElement? Parse(BodyToRender body, CancellationToken ct)
    {
        try
        {
            return StorageFormat.Parse(body.Storage, ct);
        }
        catch (XmlException e)
        {
            if (body.ContentId != 0) return null;
            throw new BadRequestException(StorageFormat.Validate(body.Storage, ct)?.Message ?? $"Error parsing xhtml: {e.Message}");
        }
    }

    private static string Wrap(string html, string representation) => representation == "styled_view" ? StyledView.Wrap(html) : html;

    /// <summary>editor and editor2 (Cloud's newer editor reads the same XHTML): the storage's editor form, cached by the storage.</summary>
    private static RenderedBody Editor(BodyToRender body, CancellationToken ct)
    {
        var key = BodyRenderCache.KeyOf("editor", BodyRenderCache.HashOf(body.Storage));
        if (BodyRenderCache.Rendered(key) is { } cached) return cached;
        string html;
        try
        {
            html = StorageEditor.ToEditor(body.Storage, ct);
        }
        catch (XmlException e)
        {
            if (body.ContentId == 0) throw new BadRequestException(StorageFormat.Validate(body.Storage, ct)?.Message ?? $"Error parsing xhtml: {e.Message}");
            html = System.Net.WebUtility.HtmlEncode(body.Storage);
        }
        var rendered = new RenderedBody(html, []);
        BodyRenderCache.KeepRendered(key, rendered);
        return rendered;
    }
}
