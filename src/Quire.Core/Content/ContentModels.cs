using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Core.Content;

/// <summary>A storage body as the client sent it: the value and its representation.</summary>
public sealed record BodyInput(string? Value, string? Representation);

/// <summary>A create request as the client gave it, ids already parsed.</summary>
public sealed record NewContent(
    string? Type, string? Status, string? Title, string? SpaceKey, long? ParentId, long? ContainerId,
    BodyInput? Body, string? Location, string? InlineProperties);

/// <summary>ContentBlueprintDraft: how a blueprint draft is published.</summary>
public sealed record BlueprintDraftPublish(int? VersionNumber, string? Title, string? Type, string? Status, string? SpaceKey, long? ParentId);

/// <summary>An update request; null fields stay as they are.</summary>
/// <param name="OwnerAccountId">v2's <c>ownerId</c>: hand the content to this user (its owner or a space admin may).</param>
public sealed record ContentChanges(
    int? VersionNumber, string? VersionMessage, bool MinorEdit, string? Type, string? Title, string? Status,
    long? ParentId, BodyInput? Body, string? OwnerAccountId = null);

/// <summary>
/// Content as one reader sees it: the current row, or an old version of it shaped as a
/// row (status <c>historical</c>), with its space and whether it is the latest version.
/// </summary>
public sealed record ContentItem(ContentRecord Content, SpaceRecord Space, bool Latest = true);

/// <summary>A listing's filters as the client gave them.</summary>
public sealed record ContentQuery(string? Type, string? SpaceKey, string? Title, IReadOnlyList<string> Statuses, string? PostingDay);
