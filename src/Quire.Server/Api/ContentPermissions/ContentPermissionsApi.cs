using System.Text.Json.Serialization;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Http;
using static Quire.Server.Api.SpacePermissions.SpacePermissionsApi;

namespace Quire.Server.Api.ContentPermissions;

/// <summary>The <c>Content permissions</c> group: <c>POST /content/{id}/permission/check</c>.</summary>
public static class ContentPermissionsApi
{
    /// <summary>ContentPermissionRequest.</summary>
    public sealed record ContentPermissionRequest(PermissionSubjectRequest? Subject, string? Operation);

    /// <summary>The v1 Message shape: a text and its arguments.</summary>
    public sealed record MessageJson(string Translation, IReadOnlyList<object> Args);

    /// <summary>The v1 PermissionCheckResponse shape.</summary>
    public sealed class PermissionCheckResponseJson
    {
        public bool HasPermission { get; init; }
        public required IReadOnlyList<MessageJson> Errors { get; init; }

        [JsonPropertyName("_links")]
        public required Dictionary<string, string> Links { get; init; }
    }

    public static RouteGroupBuilder MapContentPermissionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/content/{id}/permission/check", CheckContentPermission);
        return api;
    }

    private static async Task<PermissionCheckResponseJson> CheckContentPermission(
        string id, ContentPermissionRequest? body, Caller caller, ContentPermissionService service, ApiLinks links, CancellationToken ct)
    {
        if (body?.Subject is null || body.Operation is null)
            throw new BadRequestException("The request body must be a ContentPermissionRequest with subject and operation.");
        var check = await service.CheckAsync(caller, id, body.Subject.Type, body.Subject.Identifier, body.Operation, ct);
        return new PermissionCheckResponseJson
        {
            HasPermission = check.HasPermission,
            Errors = check.Errors.Select(e => new MessageJson(e, [])).ToList(),
            Links = new Dictionary<string, string> { ["base"] = links.Base },
        };
    }
}
