using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Server.Http;

namespace Quire.Server.Api.ContentRestrictions;

/// <summary>
/// The <c>Content restrictions</c> group: <c>/content/{id}/restriction</c>, its
/// <c>byOperation</c> views, and adding, checking and removing single users and groups.
/// </summary>
public static class ContentRestrictionsApi
{
    /// <summary>Start and limit page the users and the groups of each restriction; the spec's default is 100.</summary>
    private static readonly PageLimits SubjectLimits = new(100, 200);

    public static RouteGroupBuilder MapContentRestrictionsApi(this RouteGroupBuilder api)
    {
        var restriction = api.MapGroup("/content/{id}/restriction");
        restriction.MapGet("", GetRestrictions);
        restriction.MapPut("", UpdateRestrictions);
        restriction.MapPost("", AddRestrictions);
        restriction.MapDelete("", DeleteRestrictions);
        restriction.MapGet("/byOperation", GetRestrictionsByOperation);
        restriction.MapGet("/byOperation/{operationKey}", GetRestrictionsForOperation);

        var byOperation = restriction.MapGroup("/byOperation/{operationKey}");
        byOperation.MapGet("/group/{groupName}", GetContentRestrictionStatusForGroup);
        byOperation.MapPut("/group/{groupName}", AddGroupToContentRestriction);
        byOperation.MapDelete("/group/{groupName}", RemoveGroupFromContentRestrictionById);
        byOperation.MapGet("/byGroupId/{groupId}", GetIndividualGroupRestrictionStatusByGroupId);
        byOperation.MapPut("/byGroupId/{groupId}", AddGroupToContentRestrictionByGroupId);
        byOperation.MapDelete("/byGroupId/{groupId}", RemoveGroupFromContentRestriction);
        byOperation.MapGet("/user", GetContentRestrictionStatusForUser);
        byOperation.MapPut("/user", AddUserToContentRestriction);
        byOperation.MapDelete("/user", RemoveUserFromContentRestriction);
        return api;
    }

    private static async Task<ContentRestrictionArrayJson> GetRestrictions(
        string id, int? start, int? limit, HttpRequest request, Caller caller, ContentRestrictionService service, ContentRestrictionResponses rendering, CancellationToken ct) =>
        await rendering.ArrayAsync(await service.GetAsync(caller, id, ct), request, caller, SubjectLimits.Parse(start, limit), ct);

    private static async Task<ContentRestrictionArrayJson> UpdateRestrictions(
        string id, [FromBody] JsonElement body, HttpRequest request, Caller caller, ContentRestrictionService service, ContentRestrictionResponses rendering,
        CancellationToken ct) =>
        await rendering.ArrayAsync(
            await service.ReplaceAsync(caller, id, ContentRestrictionRequests.Parse(body), ct), request, caller, SubjectLimits.Parse(null, null), ct);

    private static async Task<ContentRestrictionArrayJson> AddRestrictions(
        string id, [FromBody] JsonElement body, HttpRequest request, Caller caller, ContentRestrictionService service, ContentRestrictionResponses rendering,
        CancellationToken ct) =>
        await rendering.ArrayAsync(
            await service.AddAsync(caller, id, ContentRestrictionRequests.Parse(body), ct), request, caller, SubjectLimits.Parse(null, null), ct);

    private static async Task<ContentRestrictionArrayJson> DeleteRestrictions(
        string id, HttpRequest request, Caller caller, ContentRestrictionService service, ContentRestrictionResponses rendering, CancellationToken ct) =>
        await rendering.ArrayAsync(await service.RemoveAllAsync(caller, id, ct), request, caller, SubjectLimits.Parse(null, null), ct);

    private static async Task<Dictionary<string, object>> GetRestrictionsByOperation(
        string id, HttpRequest request, Caller caller, ContentRestrictionService service, ContentRestrictionResponses rendering, ApiLinks links, CancellationToken ct)
    {
        var item = await service.GetAsync(caller, id, ct);
        var byOperation = new Dictionary<string, object>();
        foreach (var operation in ContentRestrictionService.Operations)
            byOperation[operation] = await rendering.OneAsync(item, operation, request, caller, SubjectLimits.Parse(null, null), ct);
        byOperation["_links"] = new Dictionary<string, string> { ["base"] = links.Base, ["context"] = ApiLinks.Context };
        return byOperation;
    }

    private static async Task<ContentRestrictionJson> GetRestrictionsForOperation(
        string id, string operationKey, int? start, int? limit, HttpRequest request, Caller caller, ContentRestrictionService service,
        ContentRestrictionResponses rendering, CancellationToken ct)
    {
        var item = await service.GetAsync(caller, id, ct);
        if (!ContentRestrictionService.Operations.Contains(operationKey))
            throw new Core.Errors.NotFoundException($"'{operationKey}' is not a content restriction operation (read or update).");
        return await rendering.OneAsync(item, operationKey, request, caller, SubjectLimits.Parse(start, limit), ct);
    }

    // A status check answers 200 with no body when the restriction names the subject, 404 when it does not.
    private static async Task<IResult> GetContentRestrictionStatusForGroup(
        string id, string operationKey, string groupName, Caller caller, ContentRestrictionService service, CancellationToken ct) =>
        Status(await service.NamesGroupAsync(caller, id, operationKey, groupName, byName: true, ct), operationKey, $"group '{groupName}'");

    private static async Task<IResult> GetIndividualGroupRestrictionStatusByGroupId(
        string id, string operationKey, string groupId, Caller caller, ContentRestrictionService service, CancellationToken ct) =>
        Status(await service.NamesGroupAsync(caller, id, operationKey, groupId, byName: false, ct), operationKey, $"group '{groupId}'");

    private static async Task<IResult> GetContentRestrictionStatusForUser(
        string id, string operationKey, string? accountId, Caller caller, ContentRestrictionService service, CancellationToken ct) =>
        Status(await service.NamesUserAsync(caller, id, operationKey, accountId, ct), operationKey, $"user '{accountId}'");

    // Adding and removing answer 200 with no body.
    private static Task<IResult> AddGroupToContentRestriction(
        string id, string operationKey, string groupName, Caller caller, ContentRestrictionService service, CancellationToken ct) =>
        Empty(service.AddGroupAsync(caller, id, operationKey, groupName, byName: true, ct));

    private static Task<IResult> AddGroupToContentRestrictionByGroupId(
        string id, string operationKey, string groupId, Caller caller, ContentRestrictionService service, CancellationToken ct) =>
        Empty(service.AddGroupAsync(caller, id, operationKey, groupId, byName: false, ct));

    private static Task<IResult> AddUserToContentRestriction(
        string id, string operationKey, string? accountId, Caller caller, ContentRestrictionService service, CancellationToken ct) =>
        Empty(service.AddUserAsync(caller, id, operationKey, accountId, ct));

    private static Task<IResult> RemoveGroupFromContentRestrictionById(
        string id, string operationKey, string groupName, Caller caller, ContentRestrictionService service, CancellationToken ct) =>
        Empty(service.RemoveGroupAsync(caller, id, operationKey, groupName, byName: true, ct));

    private static Task<IResult> RemoveGroupFromContentRestriction(
        string id, string operationKey, string groupId, Caller caller, ContentRestrictionService service, CancellationToken ct) =>
        Empty(service.RemoveGroupAsync(caller, id, operationKey, groupId, byName: false, ct));

    private static Task<IResult> RemoveUserFromContentRestriction(
        string id, string operationKey, string? accountId, Caller caller, ContentRestrictionService service, CancellationToken ct) =>
        Empty(service.RemoveUserAsync(caller, id, operationKey, accountId, ct));

    private static async Task<IResult> Empty(Task change)
    {
        await change;
        return Results.Ok();
    }

    private static IResult Status(bool named, string operation, string subject) =>
        named ? Results.Ok() : throw new Core.Errors.NotFoundException($"The {operation} restriction does not name {subject}.");
}
