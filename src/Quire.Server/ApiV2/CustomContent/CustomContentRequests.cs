using System.Text.Json;
using Quire.Server.ApiV2.Page;

namespace Quire.Server.ApiV2.CustomContent;

/// <summary>The body of <c>POST /custom-content</c> (the spec's <c>CustomContentCreateRequest</c>): one place, a space or a container.</summary>
public sealed record CustomContentCreateRequest(
    string? Type, string? Status, string? SpaceId, string? PageId, string? BlogPostId, string? CustomContentId, string? Title, JsonElement? Body);

/// <summary>The body of <c>PUT /custom-content/{id}</c> (the spec's <c>CustomContentUpdateRequest</c>).</summary>
public sealed record CustomContentUpdateRequest(
    string? Id, string? Type, string? Status, string? SpaceId, string? PageId, string? BlogPostId, string? CustomContentId, string? Title,
    JsonElement? Body, PageVersionRequest? Version);
