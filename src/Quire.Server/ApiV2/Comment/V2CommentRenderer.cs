using System.Text.Json;
using Quire.Core.Comments;
using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Server.ApiV2.Attachment;
using Quire.Server.ApiV2.Common;
using Quire.Server.Http;
using Quire.Storage.Comments;
using Quire.Storage.Content;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.Comment;

/// <summary>
/// Renders a page of comments as v2 answers them: one query for their containers' types, one for the
/// inline ones' resolutions, one for the account ids of their authors and resolvers, one conversion
/// call for their bodies; never one per comment.
/// </summary>
public sealed class V2CommentRenderer(ContentStore content, CommentService comments, UserStore users, V2BodyFormat bodies, V2Links links)
{
    /// <param name="single">A single answer carries <c>_links.base</c>; a listing's items do not.</param>
    public async Task<IReadOnlyList<V2CommentJson>> RenderAsync(
        IReadOnlyList<ContentItem> items, Caller viewer, string? bodyFormat, bool includeVersion, bool single, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var rows = items.Select(i => i.Content).ToList();
        var containerTypes = (await content.FindManyAsync(rows.Select(r => r.ContainerId).OfType<long>().Distinct().ToList(), ct))
            .ToDictionary(c => c.Id, c => c.Type);
        var inlineIds = rows.Where(r => r.Is(ContentKind.InlineComment)).Select(r => r.Id).Distinct().ToList();
        var resolutions = await comments.ResolutionsAsync(inlineIds, ct);
        var userIds = rows.Select(r => r.UpdatedBy).Concat(resolutions.Values.Select(r => r.ModifiedBy)).OfType<long>().Distinct().ToList();
        var accounts = userIds.Count == 0
            ? new Dictionary<long, string>()
            : (await users.FindManyByIdsAsync(userIds, ct)).ToDictionary(u => u.Id, u => u.AccountId);
        var spaceKeys = items.DistinctBy(i => i.Content.Id).ToDictionary(i => i.Content.Id, i => i.Space.Key);
        var rendered = await bodies.RenderAsync(rows, bodyFormat, row => spaceKeys[row.Id], viewer, ct);
        return items.Select((item, index) =>
        {
            var row = item.Content;
            var on = row.ContainerId is { } id ? (Id: id, Type: containerTypes.GetValueOrDefault(id)) : (Id: 0L, Type: null);
            var inline = row.Is(ContentKind.InlineComment);
            var resolution = resolutions.GetValueOrDefault(row.Id);
            return new V2CommentJson
            {
                Id = V2Links.Id(row.Id),
                Status = row.Status,
                Title = row.Title,
                PageId = on.Type == ContentRules.Page ? V2Links.Id(on.Id) : null,
                BlogPostId = on.Type == ContentRules.BlogPost ? V2Links.Id(on.Id) : null,
                AttachmentId = on.Type == ContentRules.Attachment ? Api.Content.ContentRenderer.IdOf(on.Id, ContentRules.Attachment) : null,
                CustomContentId = ContentRules.IsCustom(on.Type) ? V2Links.Id(on.Id) : null,
                ParentCommentId = row.ParentId is { } parent ? V2Links.Id(parent) : null,
                Version = includeVersion ? V2ContentRenderer.VersionOf(row, accounts) : null,
                Body = rendered[index],
                ResolutionStatus = inline ? resolution?.Status ?? "open" : null,
                ResolutionLastModifierId = resolution?.ModifiedBy is { } by ? accounts.GetValueOrDefault(by) : null,
                ResolutionLastModifiedAt = resolution is null ? null : V2Dates.Of(resolution.ModifiedAt),
                Properties = inline ? InlineProperties(row.InlineProperties) : null,
                Links = new V2CommentLinks { Webui = ContentWebLinks.Webui(row, item.Space.Key), Base = single ? links.Base : null },
            };
        }).ToList();
    }

    /// <summary>The marker and selection from the inline properties v1 and v2 store (<c>markerRef</c>, <c>originalSelection</c>).</summary>
    private static V2CommentPropertiesJson InlineProperties(string? stored)
    {
        if (stored is null) return new V2CommentPropertiesJson();
        using var document = JsonDocument.Parse(stored);
        string? Text(string name) =>
            document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) &&
            value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new V2CommentPropertiesJson { InlineMarkerRef = Text("markerRef"), InlineOriginalSelection = Text("originalSelection") };
    }
}
