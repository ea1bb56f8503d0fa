using System.Net;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.TreeContent;

/// <summary>
/// Create, read and delete for the page tree's folders, whiteboards, databases and smart links: content rows of their
/// type (title, space, parent, position, versions, owner, properties) through the same services as pages, so the
/// visibility rule, permissions, trash and webhooks are the pages' own. Their editor bodies (a whiteboard's canvas, a
/// database's rows) are not stored; a smart link keeps its <c>embedUrl</c> as its storage body, as text.
/// </summary>
public sealed class V2TreeContentOperations(
    Caller caller, SpaceAccess spaces, ContentAccess access, ContentReader reader, ContentService service, PrivateContentService privately,
    V2ContentRenderer renderer, V2Links links)
{
    /// <summary>What a read by id finds: current content, and trashed content for the space's admins (the rule hides it from others).</summary>
    private static readonly string[] ReadStatuses = [ContentRules.Current, "archived", ContentRules.Trashed];

    /// <summary>
    /// Creates the content in the space, under <c>parentId</c> (a page or another tree kind of the space) or at the top of
    /// the space. The spec answers 404, not 403, to a caller who may not create there.
    /// </summary>
    public async Task<V2TreeContentJson> CreateAsync(ContentKind kind, TreeContentCreateRequest? body, bool isPrivate, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException($"The request body must be the {kind.Describe()} to create.");
        var spaceId = V2Ids.Parse(body.SpaceId, "spaceId");
        var parentId = body.ParentId is null ? (long?)null : V2Ids.Parse(body.ParentId, "parentId");
        var title = string.IsNullOrWhiteSpace(body.Title) ? $"Untitled {kind.Describe()}" : body.Title;
        var embed = kind == ContentKind.Embed ? EmbedBody(body.EmbedUrl) : null;
        var space = await spaces.ViewableByIdAsync(caller, spaceId, ct);
        var input = new NewContent(kind.Name(), ContentRules.Current, title, space.Key, parentId, null, embed, null, null);
        try
        {
            var created = isPrivate ? await privately.CreateAsync(caller, input, ct) : await service.CreateInTreeAsync(caller, input, ct);
            return await RenderAsync(created, ct);
        }
        catch (ForbiddenException)
        {
            throw new NotFoundException($"No space with id '{spaceId}' was found where you may create a {kind.Describe()}.");
        }
    }

    public async Task<V2TreeContentJson> GetAsync(ContentKind kind, string id, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var item = await reader.GetAsync(caller, id, ReadStatuses, null, ct);
        if (!item.Content.Is(kind)) throw NotFound(kind, id);
        return await RenderAsync(item, ct);
    }

    /// <summary>
    /// Moves current content to the trash (its children move up to its parent, as a trashed page's do); a space admin
    /// restores it through v1 (<c>PUT /content/{id}</c> with status current). 404 for a caller who may not delete it, as the spec says.
    /// </summary>
    public async Task DeleteAsync(ContentKind kind, string id, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        if (!record.Is(kind) || record.Status != ContentRules.Current) throw NotFound(kind, id);
        try
        {
            await service.DeleteAsync(caller, id, null, ct);
        }
        catch (ForbiddenException)
        {
            throw NotFound(kind, id);
        }
    }

    /// <summary>The content as v2 answers it, with <c>_links.base</c> (single answers only).</summary>
    public async Task<V2TreeContentJson> RenderAsync(ContentItem item, CancellationToken ct)
    {
        var content = item.Content;
        var accounts = await renderer.AccountIdsAsync([content], ct);
        var parentTypes = await renderer.ParentTypesAsync([content], caller, ct);
        return new V2TreeContentJson
        {
            Id = V2Links.Id(content.Id),
            Type = content.Type,
            Status = content.Status,
            Title = content.Title,
            SpaceId = V2Links.Id(content.SpaceId),
            ParentId = content.ParentId is { } parent ? V2Links.Id(parent) : null,
            ParentType = content.ParentId is { } p ? parentTypes.GetValueOrDefault(p) : null,
            Position = content.Position,
            AuthorId = content.CreatedBy is { } by ? accounts.GetValueOrDefault(by) : null,
            OwnerId = content.Owner is { } owner ? accounts.GetValueOrDefault(owner) : null,
            CreatedAt = V2Dates.Of(content.CreatedAt),
            EmbedUrl = content.Type == ContentRules.Embed && content.BodyStorage.Length > 0 ? WebUtility.HtmlDecode(content.BodyStorage) : null,
            Version = V2ContentRenderer.VersionOf(content, accounts),
            Links = new V2TreeContentLinks { Webui = ContentWebLinks.Webui(content, item.Space.Key), Base = links.Base },
        };
    }

    /// <summary>
    /// A smart link's <c>embedUrl</c> as its storage body: the address as escaped text, so it is well-formed storage and
    /// decodes back exactly. It must be an absolute http(s) address (400 otherwise); none leaves the body empty.
    /// </summary>
    private static BodyInput? EmbedBody(string? embedUrl)
    {
        if (string.IsNullOrEmpty(embedUrl)) return null;
        if (!Uri.TryCreate(embedUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new BadRequestException($"embedUrl must be an absolute http or https address; '{Shorten(embedUrl)}' is not.");
        var escaped = embedUrl.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
        return new BodyInput(escaped, "storage");
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "...";

    private static NotFoundException NotFound(ContentKind kind, string id) => new($"No {kind.Describe()} with id '{id}' was found.");
}
