using System.Text.Json;
using Quire.Server.ApiV2.Page;

namespace Quire.Server.ApiV2.BlogPost;

/// <summary>The body of <c>POST /blogposts</c> (the spec's <c>BlogPostCreateRequest</c>).</summary>
public sealed record BlogPostCreateRequest(string? SpaceId, string? Status, string? Title, JsonElement? Body);

/// <summary>The body of <c>PUT /blogposts/{id}</c> (the spec's <c>BlogPostUpdateRequest</c>); its version is a page's.</summary>
public sealed record BlogPostUpdateRequest(
    string? Id, string? Status, string? Title, string? SpaceId, JsonElement? Body, PageVersionRequest? Version);
