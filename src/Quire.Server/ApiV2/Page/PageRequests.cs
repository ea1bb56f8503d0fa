using System.Text.Json;

namespace Quire.Server.ApiV2.Page;

/// <summary>The body of <c>POST /pages</c> (the spec's <c>PageCreateRequest</c>).</summary>
public sealed record PageCreateRequest(string? SpaceId, string? Status, string? Title, string? ParentId, JsonElement? Body);

/// <summary>The body of <c>PUT /pages/{id}</c> (the spec's <c>PageUpdateRequest</c>).</summary>
public sealed record PageUpdateRequest(
    string? Id, string? Status, string? Title, string? SpaceId, string? ParentId, string? OwnerId, JsonElement? Body, PageVersionRequest? Version);

public sealed record PageVersionRequest(int? Number, string? Message);

/// <summary>The body of <c>PUT /pages/{id}/title</c> (confluence.js's <c>UpdatePageTitle</c>).</summary>
public sealed record PageTitleUpdateRequest(string? Status, string? Title);
