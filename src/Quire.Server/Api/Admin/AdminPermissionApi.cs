using System.Text.Json.Serialization;
using Quire.Core.Errors;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;
using Quire.Storage.Permissions;

namespace Quire.Server.Api.Admin;

/// <summary>
/// <c>/wiki/rest/api/admin/permissions</c>: the site's global permissions (<c>use</c>,
/// <c>create_space</c>) for groups, users and anonymous. Confluence manages these in its admin
/// screens and v1 has no REST operation for them, so this is Quire's own, next to
/// <c>admin/user</c>. Site admins only (403); the anonymous user is asked to sign in (401).
/// Granting <c>use</c> to anonymous turns the site's anonymous access on; revoking it turns it off.
/// </summary>
public static class AdminPermissionApi
{
    public sealed record GlobalSubjectJson(string Type, string Identifier)
    {
        /// <summary>The group's name, or the user's display name.</summary>
        [JsonPropertyName("displayName")]
        public string? DisplayName { get; init; }
    }

    public sealed class GlobalPermissionJson
    {
        public required string Permission { get; init; }
        public required GlobalSubjectJson Subject { get; init; }

        [JsonPropertyName("_links")]
        public required Dictionary<string, string> Links { get; init; }
    }

    public sealed class GlobalPermissionListJson
    {
        public required IReadOnlyList<GlobalPermissionJson> Results { get; init; }
        public int Size { get; init; }
        /// <summary>Whether the site allows anonymous use (<c>use</c> is granted to anonymous).</summary>
        public bool AnonymousAccess { get; init; }

        [JsonPropertyName("_links")]
        public required Dictionary<string, string> Links { get; init; }
    }

    private const string Path = "/admin/permissions";

    public static RouteGroupBuilder MapAdminPermissionApi(this RouteGroupBuilder api)
    {
        var permissions = api.MapGroup(Path).RequireSignIn();
        permissions.MapGet("", List);
        permissions.MapPut("/{permission}/group/{groupIdOrName}", (string permission, string groupIdOrName, Caller caller, GlobalPermissionService service, ApiLinks links, CancellationToken ct) =>
            Grant(permission, GlobalSubjectInput.Group(groupIdOrName), caller, service, links, ct));
        permissions.MapPut("/{permission}/user/{accountId}", (string permission, string accountId, Caller caller, GlobalPermissionService service, ApiLinks links, CancellationToken ct) =>
            Grant(permission, GlobalSubjectInput.User(accountId), caller, service, links, ct));
        permissions.MapPut("/{permission}/anonymous", (string permission, Caller caller, GlobalPermissionService service, ApiLinks links, CancellationToken ct) =>
            Grant(permission, GlobalSubjectInput.Anonymous, caller, service, links, ct));
        permissions.MapDelete("/{permission}/group/{groupIdOrName}", (string permission, string groupIdOrName, Caller caller, GlobalPermissionService service, CancellationToken ct) =>
            Revoke(permission, GlobalSubjectInput.Group(groupIdOrName), caller, service, ct));
        permissions.MapDelete("/{permission}/user/{accountId}", (string permission, string accountId, Caller caller, GlobalPermissionService service, CancellationToken ct) =>
            Revoke(permission, GlobalSubjectInput.User(accountId), caller, service, ct));
        permissions.MapDelete("/{permission}/anonymous", (string permission, Caller caller, GlobalPermissionService service, CancellationToken ct) =>
            Revoke(permission, GlobalSubjectInput.Anonymous, caller, service, ct));
        return api;
    }

    private static void RequireSiteAdmin(Caller caller)
    {
        if (!caller.IsSiteAdmin) throw new ForbiddenException("Only site administrators can read or change global permissions.");
    }

    private static async Task<GlobalPermissionListJson> List(Caller caller, GlobalPermissionService service, ApiLinks links, CancellationToken ct)
    {
        RequireSiteAdmin(caller);
        var rows = await service.ListAsync(ct);
        return new GlobalPermissionListJson
        {
            Results = rows.Select(r => Render(r.Permission, r, links)).ToList(),
            Size = rows.Count,
            AnonymousAccess = rows.Any(r => r.Anonymous && r.Permission == GlobalPermission.Use),
            Links = new Dictionary<string, string> { ["self"] = links.Api("/rest/api" + Path), ["base"] = links.Base, ["context"] = ApiLinks.Context },
        };
    }

    private static async Task<GlobalPermissionJson> Grant(
        string permission, GlobalSubjectInput subject, Caller caller, GlobalPermissionService service, ApiLinks links, CancellationToken ct)
    {
        RequireSiteAdmin(caller);
        var result = await service.GrantAsync(permission, subject, caller, ct);
        return Render(result.Permission, result.Subject, links);
    }

    private static async Task<IResult> Revoke(
        string permission, GlobalSubjectInput subject, Caller caller, GlobalPermissionService service, CancellationToken ct)
    {
        RequireSiteAdmin(caller);
        await service.RevokeAsync(permission, subject, caller, ct);
        return TypedResults.NoContent();
    }

    private static GlobalPermissionJson Render(string permission, GlobalPermissionRecord subject, ApiLinks links)
    {
        var (json, path) = subject switch
        {
            { Anonymous: true } => (new GlobalSubjectJson("user", "anonymous") { DisplayName = "Anonymous" }, "anonymous"),
            { GroupId: { } groupId } => (new GlobalSubjectJson("group", groupId) { DisplayName = subject.GroupName }, "group/" + Uri.EscapeDataString(groupId)),
            _ => (new GlobalSubjectJson("user", subject.AccountId ?? "") { DisplayName = subject.DisplayName }, "user/" + Uri.EscapeDataString(subject.AccountId ?? "")),
        };
        return new GlobalPermissionJson
        {
            Permission = permission,
            Subject = json,
            Links = new Dictionary<string, string> { ["self"] = links.Api($"/rest/api{Path}/{permission}/{path}") },
        };
    }
}
