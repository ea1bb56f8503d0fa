using System.Text.Json.Serialization;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.Http;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.Api.SpacePermissions;

/// <summary>The <c>Space permissions</c> group: <c>/space/{spaceKey}/permission</c>.</summary>
public static class SpacePermissionsApi
{
    public sealed record PermissionSubjectRequest(string? Type, string? Identifier);

    public sealed record PermissionOperationRequest(string? Key, string? Target);

    /// <summary>SpacePermissionRequest.</summary>
    public sealed record SpacePermissionRequest(PermissionSubjectRequest? Subject, PermissionOperationRequest? Operation);

    public sealed record CustomContentOperationRequest(string? Key, string? Target, bool? Access);

    /// <summary>SpacePermissionCustomContent.</summary>
    public sealed record SpacePermissionCustomContentRequest(PermissionSubjectRequest? Subject, IReadOnlyList<CustomContentOperationRequest?>? Operations);

    /// <summary>The v1 SpacePermissionV2 shape.</summary>
    public sealed class SpacePermissionV2Json
    {
        public long Id { get; init; }
        public required PermissionSubjectJson Subject { get; init; }
        public required PermissionOperationJson Operation { get; init; }

        [JsonPropertyName("_links")]
        public required Dictionary<string, string> Links { get; init; }
    }

    public sealed record PermissionSubjectJson(string Type, string Identifier);

    public sealed record PermissionOperationJson(string Key, string Target);

    public static RouteGroupBuilder MapSpacePermissionsApi(this RouteGroupBuilder api)
    {
        var permissions = api.MapGroup("/space/{spaceKey}/permission");
        permissions.MapPost("", AddPermissionToSpace);
        permissions.MapPost("/custom-content", AddCustomContentPermissions);
        permissions.MapDelete("/{id}", RemovePermission);
        return api;
    }

    private static async Task<SpacePermissionV2Json> AddPermissionToSpace(
        string spaceKey, SpacePermissionRequest? body, Caller caller, SpacePermissionService service, UserStore users, ApiLinks links,
        CancellationToken ct)
    {
        if (body?.Subject is null || body.Operation is null)
            throw new BadRequestException("The request body must be a SpacePermissionRequest with subject and operation.");
        var grant = await service.AddAsync(
            caller, spaceKey, new PermissionSubjectInput(body.Subject.Type, body.Subject.Identifier), body.Operation.Key, body.Operation.Target, ct);
        var user = grant.UserId is { } userId ? await users.FindByIdAsync(userId, ct) : null;
        return new SpacePermissionV2Json
        {
            Id = grant.Id,
            Subject = grant.Anonymous ? new PermissionSubjectJson("user", "anonymous")
                : user is not null ? new PermissionSubjectJson("user", user.AccountId)
                : new PermissionSubjectJson("group", grant.GroupId!),
            Operation = new PermissionOperationJson(grant.Operation, grant.TargetType),
            Links = new Dictionary<string, string> { ["self"] = links.Api($"/rest/api/space/{Uri.EscapeDataString(spaceKey)}/permission/{grant.Id}") },
        };
    }

    private static async Task<IResult> AddCustomContentPermissions(
        string spaceKey, SpacePermissionCustomContentRequest? body, Caller caller, SpacePermissionService service, CancellationToken ct)
    {
        if (body?.Subject is null || body.Operations is null)
            throw new BadRequestException("The request body must be a SpacePermissionCustomContent with subject and operations.");
        if (body.Operations.Any(o => o is null)) throw new BadRequestException("An operation in 'operations' is null.");
        await service.AddCustomContentAsync(
            caller, spaceKey, new PermissionSubjectInput(body.Subject.Type, body.Subject.Identifier),
            body.Operations.Select(o => new CustomContentOperation(o!.Key, o.Target, o.Access)).ToList(), ct);
        return TypedResults.Ok();
    }

    private static async Task<IResult> RemovePermission(string spaceKey, string id, Caller caller, SpacePermissionService service, CancellationToken ct)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var permissionId))
            throw new NotFoundException($"There is no permission with id '{id}'.");
        await service.RemoveAsync(caller, spaceKey, permissionId, ct);
        return TypedResults.NoContent();
    }
}
