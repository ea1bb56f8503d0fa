using System.Globalization;
using Quire.Core.Classification;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.ApiV2.ClassificationLevel;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Api.Admin;

/// <summary>
/// <c>/wiki/rest/api/admin/classification-levels</c>: the site's classification levels, which Cloud's
/// organization admins define in Atlassian Administration (its data classification API is not
/// Confluence's), so this is Quire's own, next to <c>admin/permissions</c>. Site admins only (403).
/// Levels answer in v2's <c>ClassificationLevel</c> shape, every status included; <c>/default</c>
/// is the site-wide default level that unclassified content has in spaces without a default.
/// </summary>
public static class AdminClassificationLevelApi
{
    /// <summary>A level as created or changed; on an update, members left out keep their values.</summary>
    public sealed record LevelRequest(string? Name, string? Description, string? Guideline, string? Color, string? Status, int? Order)
    {
        public ClassificationLevelInput ToInput() => new(Name, Description, Guideline, Color, Status, Order);
    }

    /// <summary>The site default's body: the level's id.</summary>
    public sealed record DefaultRequest(string? Id);

    public sealed record LevelListJson(IReadOnlyList<ClassificationLevelJson> Results, int Size);

    private const string Path = "/admin/classification-levels";

    public static RouteGroupBuilder MapAdminClassificationLevelApi(this RouteGroupBuilder api)
    {
        var levels = api.MapGroup(Path).RequireSignIn();
        levels.MapGet("", ListLevels);
        levels.MapPost("", CreateLevel);
        levels.MapGet("/default", GetSiteDefault);
        levels.MapPut("/default", SetSiteDefault);
        levels.MapDelete("/default", ClearSiteDefault);
        levels.MapGet("/{levelId}", GetLevel);
        levels.MapPut("/{levelId}", UpdateLevel);
        levels.MapPost("/{levelId}/archive", ArchiveLevel);
        return api;
    }

    private static async Task<LevelListJson> ListLevels(Caller caller, ClassificationLevelService levels, CancellationToken ct)
    {
        var all = (await levels.ListAsync(caller, ct)).Select(ClassificationLevelJson.Of).ToList();
        return new LevelListJson(all, all.Count);
    }

    private static async Task<IResult> CreateLevel(LevelRequest? body, Caller caller, ClassificationLevelService levels, ApiLinks links, CancellationToken ct)
    {
        var created = ClassificationLevelJson.Of(await levels.CreateAsync(caller, Body(body).ToInput(), ct));
        return TypedResults.Created(links.Api($"/rest/api{Path}/{created.Id}"), created);
    }

    private static async Task<ClassificationLevelJson> GetLevel(string levelId, Caller caller, ClassificationLevelService levels, CancellationToken ct) =>
        ClassificationLevelJson.Of(await levels.GetAsync(caller, Id(levelId), ct));

    private static async Task<ClassificationLevelJson> UpdateLevel(
        string levelId, LevelRequest? body, Caller caller, ClassificationLevelService levels, CancellationToken ct) =>
        ClassificationLevelJson.Of(await levels.UpdateAsync(caller, Id(levelId), Body(body).ToInput(), ct));

    private static async Task<ClassificationLevelJson> ArchiveLevel(string levelId, Caller caller, ClassificationLevelService levels, CancellationToken ct) =>
        ClassificationLevelJson.Of(await levels.ArchiveAsync(caller, Id(levelId), ct));

    private static async Task<ClassificationLevelJson> GetSiteDefault(Caller caller, ClassificationLevelService levels, CancellationToken ct) =>
        ClassificationLevelJson.Of(await levels.SiteDefaultAsync(caller, ct) ?? throw new NotFoundException("The site has no default classification level."));

    private static async Task<ClassificationLevelJson> SetSiteDefault(DefaultRequest? body, Caller caller, ClassificationLevelService levels, CancellationToken ct)
    {
        var id = PositiveId(body?.Id) ?? throw new BadRequestException("The body must name a published level: {\"id\": \"<level id>\"}.");
        return ClassificationLevelJson.Of(await levels.SetSiteDefaultAsync(caller, id, ct));
    }

    private static async Task<IResult> ClearSiteDefault(Caller caller, ClassificationLevelService levels, CancellationToken ct)
    {
        await levels.ClearSiteDefaultAsync(caller, ct);
        return TypedResults.NoContent();
    }

    private static LevelRequest Body(LevelRequest? body) =>
        body ?? throw new BadRequestException("The request body must be a level: name, color, and optionally description, guideline, status and order.");

    private static long Id(string value) => PositiveId(value) ?? throw new NotFoundException($"No classification level with id '{value}' was found.");

    private static long? PositiveId(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
