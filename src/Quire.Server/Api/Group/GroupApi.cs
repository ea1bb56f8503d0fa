using Quire.Server.Authentication;
using Quire.Core.Errors;
using Quire.Core.Groups;
using Quire.Core.Security;
using Quire.Core.Users;
using Quire.Server.Api.Users;
using Quire.Server.Http;
using Quire.Storage.Groups;

namespace Quire.Server.Api.Group;

/// <summary>The <c>Group</c> group: <c>/wiki/rest/api/group/...</c>, the deprecated name-based calls included.</summary>
public static class GroupApi
{
    // getGroups: "may be restricted by fixed system limits".
    private static readonly PageLimits GroupLimits = new(200, 1000);
    // searchGroups: "restricted to a maximum limit of 200 groups".
    private static readonly PageLimits PickerLimits = new(200, 200);
    // getMembersByQueryParam: "if the limit parameter exceeds 200, this API will return a maximum of 200 users".
    private static readonly PageLimits MemberLimits = new(200, 200);
    // getGroupMembers, getGroupMembersByGroupId: "400 Returned if given limit is greater than 200".
    private static readonly PageLimits StrictMemberLimits = new(200, 200, RefuseAboveMax: true);

    public sealed record GroupNameRequest(string? Name);
    public sealed record AccountIdRequest(string? AccountId);

    public static RouteGroupBuilder MapGroupApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/group").RequireSignIn(); // the anonymous user may not list groups or members
        group.MapGet("", GetGroups);
        group.MapPost("", CreateGroup);
        group.MapDelete("", RemoveGroup);
        group.MapGet("/by-name", GetGroupByQueryParam);
        group.MapGet("/by-id", GetGroupByGroupId);
        group.MapDelete("/by-id", RemoveGroupById);
        group.MapGet("/picker", SearchGroups);
        group.MapGet("/member", GetMembersByQueryParam);
        group.MapPost("/user", AddUserToGroup);
        group.MapDelete("/user", RemoveMemberFromGroup);
        group.MapPost("/userByGroupId", AddUserToGroupByGroupId);
        group.MapDelete("/userByGroupId", RemoveMemberFromGroupByGroupId);
        group.MapGet("/{groupName}", GetGroupByName);
        group.MapGet("/{groupName}/member", GetGroupMembers);
        group.MapGet("/{groupId}/membersByGroupId", GetGroupMembersByGroupId);
        return api;
    }

    private static async Task<PagedJson<GroupJson>> GetGroups(
        int? start, int? limit, string? accessType, GroupService groups, GroupRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var request = GroupLimits.Parse(start, limit);
        var page = string.IsNullOrEmpty(accessType)
            ? await groups.ListAsync(null, request, withTotal: false, ct)
            : await groups.ListGrantingAsync(accessType, request, ct);
        return PagedJson<GroupJson>.From(page, g => renderer.Render(g), links);
    }

    private static async Task<PagedJson<GroupJson>> SearchGroups(
        string? query, int? start, int? limit, bool? shouldReturnTotalSize,
        GroupService groups, GroupRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        // The spec makes query required; without it the picker would silently list every group.
        if (string.IsNullOrWhiteSpace(query)) throw new BadRequestException("query is required: the text to search group names for.");
        var withTotal = shouldReturnTotalSize ?? false;
        var page = await groups.ListAsync(query, PickerLimits.Parse(start, limit), withTotal, ct);
        return PagedJson<GroupJson>.From(page, g => renderer.Render(g), links, withTotal);
    }

    private static async Task<IResult> CreateGroup(
        GroupNameRequest? body, Caller caller, GroupService groups, GroupRenderer renderer, CancellationToken ct)
    {
        var group = await groups.CreateAsync(caller, body?.Name, ct);
        return TypedResults.Json(renderer.Render(group, topLevel: true), QuireJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RemoveGroup(string? name, Caller caller, GroupService groups, CancellationToken ct)
    {
        RequireAdmin(caller);
        await groups.DeleteAsync(caller, await groups.GetByNameAsync(name, ct), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveGroupById(string? id, Caller caller, GroupService groups, CancellationToken ct)
    {
        RequireAdmin(caller);
        await groups.DeleteAsync(caller, await groups.GetByIdAsync(id, ct), ct);
        return TypedResults.NoContent();
    }

    private static async Task<GroupJson> GetGroupByQueryParam(string? name, GroupService groups, GroupRenderer renderer, CancellationToken ct) =>
        renderer.Render(await groups.GetByNameAsync(name, ct), topLevel: true);

    private static async Task<GroupJson> GetGroupByName(string groupName, GroupService groups, GroupRenderer renderer, CancellationToken ct) =>
        renderer.Render(await groups.GetByNameAsync(groupName, ct), topLevel: true);

    private static async Task<GroupJson> GetGroupByGroupId(string? id, GroupService groups, GroupRenderer renderer, CancellationToken ct) =>
        renderer.Render(await groups.GetByIdAsync(id, ct), topLevel: true);

    private static async Task<PagedJson<UserJson>> GetMembersByQueryParam(
        string? name, int? start, int? limit, bool? shouldReturnTotalSize, HttpRequest request,
        Caller caller, GroupService groups, UserExpansions users, ApiLinks links, CancellationToken ct) =>
        await MembersAsync((await groups.GetByNameAsync(name, ct)).Id, MemberLimits.Parse(start, limit), shouldReturnTotalSize ?? false,
            Expansion.From(request), caller, groups, users, links, ct);

    private static async Task<PagedJson<UserJson>> GetGroupMembers(
        string groupName, int? start, int? limit, Caller caller, GroupService groups, UserExpansions users, ApiLinks links,
        CancellationToken ct) =>
        await MembersAsync((await groups.GetByNameAsync(groupName, ct)).Id, StrictMemberLimits.Parse(start, limit), false, Expansion.None,
            caller, groups, users, links, ct);

    /// <summary>An unknown group id answers an empty page (200), as Cloud does; the by-name listings answer 404.</summary>
    private static async Task<PagedJson<UserJson>> GetGroupMembersByGroupId(
        string groupId, int? start, int? limit, bool? shouldReturnTotalSize, HttpRequest request,
        Caller caller, GroupService groups, UserExpansions users, ApiLinks links, CancellationToken ct) =>
        await MembersAsync(groupId, StrictMemberLimits.Parse(start, limit), shouldReturnTotalSize ?? false,
            Expansion.From(request), caller, groups, users, links, ct);

    private static async Task<IResult> AddUserToGroup(
        string? name, AccountIdRequest? body, Caller caller, GroupService groups, UserService users, CancellationToken ct)
    {
        RequireAdmin(caller);
        var group = await groups.GetByNameAsync(name, ct);
        await groups.AddMemberAsync(caller, group, await MemberFromBodyAsync(body, users, ct), ct);
        return TypedResults.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> AddUserToGroupByGroupId(
        string? groupId, AccountIdRequest? body, Caller caller, GroupService groups, UserService users, CancellationToken ct)
    {
        RequireAdmin(caller);
        var group = await groups.GetByIdAsync(groupId, ct);
        await groups.AddMemberAsync(caller, group, await MemberFromBodyAsync(body, users, ct), ct);
        return TypedResults.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> RemoveMemberFromGroup(
        string? name, string? key, string? username, string? accountId, Caller caller,
        GroupService groups, UserService users, CancellationToken ct)
    {
        RequireAdmin(caller);
        var group = await groups.GetByNameAsync(name, ct);
        await groups.RemoveMemberAsync(caller, group, await users.ResolveLookupAsync(key, username, accountId, ct), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveMemberFromGroupByGroupId(
        string? groupId, string? key, string? username, string? accountId, Caller caller,
        GroupService groups, UserService users, CancellationToken ct)
    {
        RequireAdmin(caller);
        var group = await groups.GetByIdAsync(groupId, ct);
        await groups.RemoveMemberAsync(caller, group, await users.ResolveLookupAsync(key, username, accountId, ct), ct);
        return TypedResults.NoContent();
    }

    private static async Task<PagedJson<UserJson>> MembersAsync(
        string groupId, Core.Paging.PageRequest pageRequest, bool withTotal, Expansion expand,
        Caller caller, GroupService groups, UserExpansions users, ApiLinks links, CancellationToken ct)
    {
        var page = await groups.MembersAsync(groupId, pageRequest, withTotal, ct);
        var rendered = await users.RenderAsync(page.Results, caller, expand, topLevel: false, ct);
        return PagedJson<UserJson>.From(new Core.Paging.Page<UserJson>(rendered, page.Request, page.HasMore, page.TotalSize),
            u => u, links, withTotal);
    }

    private static async Task<Storage.Users.UserRecord> MemberFromBodyAsync(AccountIdRequest? body, UserService users, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.AccountId)) throw new BadRequestException("accountId is required in the request body.");
        return await users.GetByAccountIdAsync(body.AccountId, ct);
    }

    /// <summary>Checked before looking anything up, so a non-admin learns nothing about which groups exist.</summary>
    private static void RequireAdmin(Caller caller)
    {
        if (!caller.IsSiteAdmin) throw new ForbiddenException("Only site administrators can change groups.");
    }
}
