using System.Text.Json;
using Quire.Core.Analytics;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;

namespace Quire.Server.ApiV2.Common;

/// <summary>An update of a page or blog post as v2 sends it (<c>PageUpdateRequest</c>, <c>BlogPostUpdateRequest</c>); a blog post has no parent.</summary>
/// <param name="OwnerId">Pages only: hand the page to this account (its owner or a space admin may).</param>
public sealed record V2ContentUpdate(
    string? Id, string? Status, string? Title, string? SpaceId, string? ParentId, JsonElement? Body, int? VersionNumber, string? VersionMessage,
    string? OwnerId = null);

/// <summary>
/// The single-content operations pages and blog posts share in v2 (read by id, create, update, delete; custom content
/// shares the delete), for content of one type: the route's type is checked after the read, so content of another type answers 404 like missing
/// content, and the rules (versions, titles, trash, purge, drafts, private content) are Core's, the same as v1's.
/// </summary>
public sealed class V2ContentOperations(
    Caller caller, ContentReader reader, ContentService service, PrivateContentService privately, V2ContentRenderer renderer,
    ContentViewRecorder views, TimeProvider time, V2ContentIncludes includes)
{
    /// <summary>The statuses a write may give content: v2 creates and saves current content or drafts.</summary>
    public static readonly IReadOnlyList<string> WriteStatuses = [ContentRules.Current, ContentRules.Draft];

    /// <summary>
    /// The content at the asked status or version (<c>get-draft</c> asks for the draft); a read of the latest version counts
    /// as a view (Analytics), as v1's read does.
    /// </summary>
    public async Task<V2ContentJson> GetAsync(
        string type, string id, int? version, HttpRequest request, IReadOnlyCollection<string> readStatuses,
        IReadOnlyList<string> defaultStatuses, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var statuses = V2Query.Flag(request, "get-draft") ? [ContentRules.Draft] : V2Query.Values(request, "status", readStatuses, defaultStatuses);
        var item = await reader.GetAsync(caller, id, statuses, version, ct);
        if (item.Content.Type != type) throw NotFound(type, id);
        if (item.Latest) views.Record(item.Content.Id, caller.UserId, time.GetUtcNow().ToUnixTimeMilliseconds());
        var format = V2BodyFormat.Parse(request.Query["body-format"], V2BodyFormat.Single);
        var json = (await renderer.RenderAsync([item], caller, format, V2Query.Flag(request, "include-version", absent: true), single: true, ct))[0];
        var kind = type == ContentRules.Page ? ContentKind.Page : ContentKind.BlogPost;
        await includes.ApplyAsync(request, json, item, kind, $"/{(kind == ContentKind.Page ? "pages" : "blogposts")}/{json.Id}", ct);
        return json;
    }

    /// <summary>Creates the content (only its creator may see a private one), answered with the body in the representation it was sent in.</summary>
    public async Task<V2ContentJson> CreateAsync(NewContent input, bool isPrivate, CancellationToken ct)
    {
        if (!WriteStatuses.Contains(input.Status)) throw new BadRequestException($"status must be current or draft; '{input.Status}' is not.");
        var created = isPrivate ? await privately.CreateAsync(caller, input, ct) : await service.CreateAsync(caller, input, ct);
        return (await renderer.RenderAsync([created], caller, V2BodyFormat.AnswerFor(input.Body), includeVersion: true, single: true, ct))[0];
    }

    /// <summary>A new version of the content: the body's id must be the path's, the version the current one plus one, the space unchanged.</summary>
    public async Task<V2ContentJson> UpdateAsync(string type, string id, V2ContentUpdate update, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        if (update.Id is not null && update.Id != id) throw new BadRequestException($"The body's id '{update.Id}' is not the {Noun(type)}'s id '{id}'.");
        if (update.Status is null || !WriteStatuses.Contains(update.Status)) throw new BadRequestException("status is required: current or draft.");
        if (update.VersionNumber is not { } number) throw new BadRequestException("version.number is required: the current version plus one.");
        var current = await reader.GetAsync(caller, id, ["any"], null, ct);
        if (current.Content.Type != type) throw NotFound(type, id);
        if (update.SpaceId is not null && V2Ids.Parse(update.SpaceId, "spaceId") != current.Content.SpaceId)
            throw new BadRequestException($"A {Noun(type)} cannot be moved to another space by an update.");
        var changes = new ContentChanges(number, update.VersionMessage, false, type, update.Title, update.Status,
            update.ParentId is null ? null : V2Ids.Parse(update.ParentId, "parentId"), V2BodyWrite.Parse(update.Body), update.OwnerId);
        var updated = await service.UpdateAsync(caller, id, changes, ct);
        return (await renderer.RenderAsync([updated], caller, V2BodyFormat.AnswerFor(changes.Body), includeVersion: true, single: true, ct))[0];
    }

    /// <summary>
    /// Current content goes to the trash; <c>purge=true</c> removes trashed content for good (space admins);
    /// <c>draft=true</c> discards a draft, which never goes to the trash.
    /// </summary>
    public async Task DeleteAsync(string type, string id, HttpRequest request, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var purge = V2Query.Flag(request, "purge");
        var draft = V2Query.Flag(request, "draft");
        var content = await reader.GetAsync(caller, id, ["any"], null, ct);
        if (!ContentRules.IsOfType(content.Content.Type, type)) throw NotFound(type, id);
        var name = char.ToUpperInvariant(Noun(type)[0]) + Noun(type)[1..];
        if (draft != (content.Content.Status == ContentRules.Draft))
            throw new BadRequestException(draft ? $"{name} {id} is not a draft." : $"{name} {id} is a draft; delete it with draft=true.");
        if (purge && content.Content.Status != ContentRules.Trashed)
            throw new BadRequestException($"{name} {id} is not in the trash; trash it first, then purge it.");
        await service.DeleteAsync(caller, id, purge ? ContentRules.Trashed : null, ct);
    }

    private static string Noun(string type) => type switch
    {
        ContentRules.BlogPost => "blog post",
        ContentRules.CustomContent => "custom content",
        _ => type,
    };

    private static NotFoundException NotFound(string type, string id) => new($"No {Noun(type)} with id '{id}' was found.");
}
