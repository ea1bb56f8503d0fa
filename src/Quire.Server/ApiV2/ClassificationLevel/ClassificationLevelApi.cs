using Quire.Core.Classification;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.ClassificationLevel;

/// <summary>
/// The v2 <c>Classification Level</c> group: the site's published levels, a space's default level,
/// and the level of pages, blog posts, whiteboards and databases (read, set, reset to the default),
/// one handler per operation over <see cref="ContentClassificationService"/>. Levels are defined
/// by site admins (<c>/wiki/rest/api/admin/classification-levels</c>, <c>quire classification-level</c>).
/// </summary>
public static class ClassificationLevelApi
{
    public readonly record struct LevelCall(Caller Caller, ContentClassificationService Service, CancellationToken Ct);

    public static RouteGroupBuilder MapClassificationLevelApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/classification-levels", GetClassificationLevels);
        v2.MapGet("/spaces/{id}/classification-level/default", GetSpaceDefaultClassificationLevel);
        v2.MapPut("/spaces/{id}/classification-level/default", PutSpaceDefaultClassificationLevel);
        v2.MapDelete("/spaces/{id}/classification-level/default", DeleteSpaceDefaultClassificationLevel);

        v2.MapGet("/pages/{id}/classification-level", (string id, string? status, [AsParameters] LevelCall call) => GetLevel(ContentRules.Page, id, status, call));
        v2.MapPut("/pages/{id}/classification-level", (string id, ClassificationLevelUpdateRequest? body, [AsParameters] LevelCall call) => PutLevel(ContentRules.Page, id, body, call));
        v2.MapPost("/pages/{id}/classification-level/reset", (string id, ClassificationLevelResetRequest? body, [AsParameters] LevelCall call) => ResetLevel(ContentRules.Page, id, body, call));

        v2.MapGet("/blogposts/{id}/classification-level", (string id, string? status, [AsParameters] LevelCall call) => GetLevel(ContentRules.BlogPost, id, status, call));
        v2.MapPut("/blogposts/{id}/classification-level", (string id, ClassificationLevelUpdateRequest? body, [AsParameters] LevelCall call) => PutLevel(ContentRules.BlogPost, id, body, call));
        v2.MapPost("/blogposts/{id}/classification-level/reset", (string id, ClassificationLevelResetRequest? body, [AsParameters] LevelCall call) => ResetLevel(ContentRules.BlogPost, id, body, call));

        // The spec gives whiteboards and databases no status parameter: their current level.
        v2.MapGet("/whiteboards/{id}/classification-level", (string id, [AsParameters] LevelCall call) => GetLevel(ContentRules.Whiteboard, id, null, call));
        v2.MapPut("/whiteboards/{id}/classification-level", (string id, ClassificationLevelUpdateRequest? body, [AsParameters] LevelCall call) => PutLevel(ContentRules.Whiteboard, id, body, call));
        v2.MapPost("/whiteboards/{id}/classification-level/reset", (string id, ClassificationLevelResetRequest? body, [AsParameters] LevelCall call) => ResetLevel(ContentRules.Whiteboard, id, body, call));

        v2.MapGet("/databases/{id}/classification-level", (string id, [AsParameters] LevelCall call) => GetLevel(ContentRules.Database, id, null, call));
        v2.MapPut("/databases/{id}/classification-level", (string id, ClassificationLevelUpdateRequest? body, [AsParameters] LevelCall call) => PutLevel(ContentRules.Database, id, body, call));
        v2.MapPost("/databases/{id}/classification-level/reset", (string id, ClassificationLevelResetRequest? body, [AsParameters] LevelCall call) => ResetLevel(ContentRules.Database, id, body, call));
        return v2;
    }

    /// <summary>The published levels in their order; 404 when the site has none, as the spec says ("classification levels do not exist").</summary>
    private static async Task<IReadOnlyList<ClassificationLevelJson>> GetClassificationLevels(ClassificationLevelService levels, CancellationToken ct)
    {
        var published = await levels.PublishedAsync(ct);
        if (published.Count == 0) throw new NotFoundException("This site has no published classification levels.");
        return published.Select(ClassificationLevelJson.Of).ToList();
    }

    private static async Task<ClassificationLevelJson> GetSpaceDefaultClassificationLevel(string id, [AsParameters] LevelCall call) =>
        ClassificationLevelJson.Of(await call.Service.SpaceDefaultAsync(call.Caller, V2Ids.Parse(id, "id"), call.Ct));

    private static async Task<IResult> PutSpaceDefaultClassificationLevel(string id, ClassificationLevelUpdateRequest? body, [AsParameters] LevelCall call)
    {
        var spaceId = V2Ids.Parse(id, "id");
        var request = Body(body);
        await call.Service.SetSpaceDefaultAsync(call.Caller, spaceId, LevelId(request.Id), request.Status, call.Ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DeleteSpaceDefaultClassificationLevel(string id, [AsParameters] LevelCall call)
    {
        await call.Service.RemoveSpaceDefaultAsync(call.Caller, V2Ids.Parse(id, "id"), call.Ct);
        return TypedResults.NoContent();
    }

    private static async Task<ClassificationLevelJson> GetLevel(string type, string id, string? status, LevelCall call)
    {
        V2Ids.Parse(id, "id");
        return ClassificationLevelJson.Of(await call.Service.ContentLevelAsync(call.Caller, type, id, status, call.Ct));
    }

    private static async Task<IResult> PutLevel(string type, string id, ClassificationLevelUpdateRequest? body, LevelCall call)
    {
        V2Ids.Parse(id, "id");
        var request = Body(body);
        await call.Service.SetContentLevelAsync(call.Caller, type, id, LevelId(request.Id), request.Status, call.Ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ResetLevel(string type, string id, ClassificationLevelResetRequest? body, LevelCall call)
    {
        V2Ids.Parse(id, "id");
        if (body is null) throw new BadRequestException("The request body must be an object with status: current or draft.");
        await call.Service.ResetContentLevelAsync(call.Caller, type, id, body.Status, call.Ct);
        return TypedResults.NoContent();
    }

    private static ClassificationLevelUpdateRequest Body(ClassificationLevelUpdateRequest? body) =>
        body ?? throw new BadRequestException("The request body must be an object with the level's id and status: current or draft.");

    /// <summary>The body's level id: required, a whole number (Quire's level ids); 400 otherwise.</summary>
    private static long LevelId(string? id) =>
        id is null ? throw new BadRequestException("id (the classification level's id) is required.") : V2Ids.Parse(id, "id");
}
