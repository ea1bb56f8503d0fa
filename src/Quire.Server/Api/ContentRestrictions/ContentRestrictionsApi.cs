using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.Api.Content;
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

    /// <summary>What the restriction endpoints expand when the request names nothing, as the spec says.</summary>
    private const string DefaultExpand = "restrictions.user,restrictions.group";

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
        string id, int? start, int? limit, HttpRequest request, Caller caller, ContentRestrictionService service, Rendering rendering, CancellationToken ct) =>
        await rendering.ArrayAsync(await service.GetAsync(caller, id, ct), request, caller, SubjectLimits.Parse(start, limit), ct);

    private static async Task<ContentRestrictionArrayJson> UpdateRestrictions(
        string id, [FromBody] JsonElement body, HttpRequest request, Caller caller, ContentRestrictionService service, Rendering rendering,
        CancellationToken ct) =>
        await rendering.ArrayAsync(
            await service.ReplaceAsync(caller, id, ContentRestrictionRequests.Parse(body), ct), request, caller, SubjectLimits.Parse(null, null), ct);

    private static async Task<ContentRestrictionArrayJson> AddRestrictions(
        string id, [FromBody] JsonElement body, HttpRequest request, Caller caller, ContentRestrictionService service, Rendering rendering,
        CancellationToken ct) =>
        await rendering.ArrayAsync(
            await service.AddAsync(caller, id, ContentRestrictionRequests.Parse(body), ct), request, caller, SubjectLimits.Parse(null, null), ct);

    private static async Task<ContentRestrictionArrayJson> DeleteRestrictions(
        string id, HttpRequest request, Caller caller, ContentRestrictionService service, Rendering rendering, CancellationToken ct) =>
        await rendering.ArrayAsync(await service.RemoveAllAsync(caller, id, ct), request, caller, SubjectLimits.Parse(null, null), ct);

    private static async Task<Dictionary<string, object>> GetRestrictionsByOperation(
        string id, HttpRequest request, Caller caller, ContentRestrictionService service, Rendering rendering, ApiLinks links, CancellationToken ct)
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
        Rendering rendering, CancellationToken ct)
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

    private static async Task<IResult> AddGroupToContentRestriction(
        string id, string operationKey, string groupName, Caller caller, ContentRestrictionService service, CancellationToken ct)
    {
        await service.AddGroupAsync(caller, id, operationKey, groupName, byName: true, ct);
        return Results.Ok();
    }

    private static async Task<IResult> AddGroupToContentRestrictionByGroupId(
        string id, string operationKey, string groupId, Caller caller, ContentRestrictionService service, CancellationToken ct)
    {
        await service.AddGroupAsync(caller, id, operationKey, groupId, byName: false, ct);
        return Results.Ok();
    }

    private static async Task<IResult> AddUserToContentRestriction(
        string id, string operationKey, string? accountId, Caller caller, ContentRestrictionService service, CancellationToken ct)
    {
        await service.AddUserAsync(caller, id, operationKey, accountId, ct);
        return Results.Ok();
    }

    private static async Task<IResult> RemoveGroupFromContentRestrictionById(
        string id, string operationKey, string groupName, Caller caller, ContentRestrictionService service, CancellationToken ct)
    {
        await service.RemoveGroupAsync(caller, id, operationKey, groupName, byName: true, ct);
        return Results.Ok();
    }

    private static async Task<IResult> RemoveGroupFromContentRestriction(
        string id, string operationKey, string groupId, Caller caller, ContentRestrictionService service, CancellationToken ct)
    {
        await service.RemoveGroupAsync(caller, id, operationKey, groupId, byName: false, ct);
        return Results.Ok();
    }

    private static async Task<IResult> RemoveUserFromContentRestriction(
        string id, string operationKey, string? accountId, Caller caller, ContentRestrictionService service, CancellationToken ct)
    {
        await service.RemoveUserAsync(caller, id, operationKey, accountId, ct);
        return Results.Ok();
    }

    private static IResult Status(bool named, string operation, string subject) =>
        named ? Results.Ok() : throw new Core.Errors.NotFoundException($"The {operation} restriction does not name {subject}.");

    /// <summary>Renders restrictions for these endpoints: expansions (with the spec's defaults), paging of users and groups, the content.</summary>
    public sealed class Rendering(RestrictionSetLoader loader, RestrictionRenderer renderer, ContentExpansions contents, ApiLinks links)
    {
        public async Task<ContentRestrictionArrayJson> ArrayAsync(
            ContentItem item, HttpRequest request, Caller caller, PageRequest page, CancellationToken ct)
        {
            var expand = ExpandOf(request);
            var set = await loader.LoadAsync(item.Content.Id, ct);
            var content = await ContentAsync(item, expand, caller, ct);
            // Each item takes what is asked for all (restrictions.user) and for its own operation (read.restrictions.user).
            var results = ContentRestrictionService.Operations
                .Select(op => renderer.Render(set, op, Merge(expand, op), caller, page.Start, page.Limit, content))
                .ToList();
            return new ContentRestrictionArrayJson
            {
                Results = results, Start = page.Start, Limit = page.Limit, Size = results.Count, RestrictionsHash = RestrictionRenderer.Hash(set),
                Links = new Dictionary<string, string> { ["self"] = links.Self(), ["base"] = links.Base, ["context"] = ApiLinks.Context },
            };
        }

        public async Task<ContentRestrictionJson> OneAsync(
            ContentItem item, string operation, HttpRequest request, Caller caller, PageRequest page, CancellationToken ct)
        {
            var expand = ExpandOf(request);
            var set = await loader.LoadAsync(item.Content.Id, ct);
            return renderer.Render(set, operation, expand, caller, page.Start, page.Limit, await ContentAsync(item, expand, caller, ct));
        }

        private async Task<ContentJson?> ContentAsync(ContentItem item, Expansion expand, Caller caller, CancellationToken ct) =>
            expand.Has("content") ? (await contents.RenderAsync([item], caller, expand["content"], topLevel: false, ct))[0] : null;

        private static Expansion ExpandOf(HttpRequest request)
        {
            var asked = Expansion.From(request);
            return asked.IsEmpty ? Expansion.Parse(DefaultExpand) : asked;
        }

        private static Expansion Merge(Expansion expand, string operation) =>
            expand[operation].IsEmpty ? expand : Expansion.Parse(string.Join(',', new[] { expand.ToString(), expand[operation].ToString() }.Where(e => e.Length > 0)));
    }
}
