using Quire.Core.Relations;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Api.Relation;

/// <summary>
/// The <c>Relation</c> group: named one-way relations from a user, content or space to another
/// (<c>/relation/{relationName}/from/{sourceType}/{sourceKey}/to/{targetType}[/{targetKey}]</c>
/// and the reverse listing <c>/relation/{relationName}/to/.../from/{sourceType}</c>). The
/// built-in <c>favourite</c> is the user's my:favourite label. Relations belong to signed-in
/// users' view of the site, so the anonymous caller gets 401.
/// </summary>
public static class RelationApi
{
    private static readonly PageLimits Limits = new(25, 200);

    public static RouteGroupBuilder MapRelationApi(this RouteGroupBuilder api)
    {
        var relation = api.MapGroup("/relation/{relationName}").RequireSignIn();
        relation.MapGet("/from/{sourceType}/{sourceKey}/to/{targetType}", FindTargetFromSource);
        relation.MapGet("/to/{targetType}/{targetKey}/from/{sourceType}", FindSourcesForTarget);
        relation.MapGet("/from/{sourceType}/{sourceKey}/to/{targetType}/{targetKey}", GetRelationship);
        relation.MapPut("/from/{sourceType}/{sourceKey}/to/{targetType}/{targetKey}", CreateRelationship);
        relation.MapDelete("/from/{sourceType}/{sourceKey}/to/{targetType}/{targetKey}", DeleteRelationship);
        return api;
    }

    /// <summary>The query parameters every relation operation takes: the statuses and versions content ends are named in.</summary>
    public sealed record EndStates(string? SourceStatus, string? TargetStatus, int? SourceVersion, int? TargetVersion)
    {
        public RelationEndState Source => new(SourceStatus, SourceVersion);
        public RelationEndState Target => new(TargetStatus, TargetVersion);
    }

    private static async Task<PagedJson<RelationJson>> FindTargetFromSource(
        string relationName, string sourceType, string sourceKey, string targetType, [AsParameters] EndStates states, int? start, int? limit,
        HttpRequest request, Caller caller, RelationService relations, RelationRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var page = Limits.Parse(start, limit);
        var listed = RelationService.ParseType(targetType, "targetType");
        var source = await relations.ResolveAsync(caller, RelationService.ParseType(sourceType, "sourceType"), sourceKey, states.Source, ct);
        var found = await relations.ListTargetsAsync(caller, relationName, source, listed, states.TargetStatus, page, ct);
        return await PagedAsync(found, request, caller, renderer, links, ct);
    }

    private static async Task<PagedJson<RelationJson>> FindSourcesForTarget(
        string relationName, string targetType, string targetKey, string sourceType, [AsParameters] EndStates states, int? start, int? limit,
        HttpRequest request, Caller caller, RelationService relations, RelationRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var page = Limits.Parse(start, limit);
        var listed = RelationService.ParseType(sourceType, "sourceType");
        var target = await relations.ResolveAsync(caller, RelationService.ParseType(targetType, "targetType"), targetKey, states.Target, ct);
        var found = await relations.ListSourcesAsync(caller, relationName, target, listed, states.SourceStatus, page, ct);
        return await PagedAsync(found, request, caller, renderer, links, ct);
    }

    private static async Task<RelationJson> GetRelationship(
        string relationName, string sourceType, string sourceKey, string targetType, string targetKey, [AsParameters] EndStates states,
        HttpRequest request, Caller caller, RelationService relations, RelationRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var (source, target) = await EndsAsync(caller, relations, sourceType, sourceKey, targetType, targetKey, states, ct);
        return await OneAsync(await relations.GetAsync(caller, relationName, source, target, ct), Expansion.From(request), caller, renderer, links, ct);
    }

    /// <summary>Creating answers the relation with its data and ends expanded, as there is no expand parameter to ask.</summary>
    private static async Task<RelationJson> CreateRelationship(
        string relationName, string sourceType, string sourceKey, string targetType, string targetKey, [AsParameters] EndStates states,
        Caller caller, RelationService relations, RelationRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var (source, target) = await EndsAsync(caller, relations, sourceType, sourceKey, targetType, targetKey, states, ct);
        return await OneAsync(await relations.CreateAsync(caller, relationName, source, target, ct), Expansion.Parse("relationData,source,target"),
            caller, renderer, links, ct);
    }

    private static async Task<IResult> DeleteRelationship(
        string relationName, string sourceType, string sourceKey, string targetType, string targetKey, [AsParameters] EndStates states,
        Caller caller, RelationService relations, CancellationToken ct)
    {
        var (source, target) = await EndsAsync(caller, relations, sourceType, sourceKey, targetType, targetKey, states, ct);
        await relations.DeleteAsync(caller, relationName, source, target, ct);
        return TypedResults.NoContent();
    }

    private static async Task<(RelationEnd Source, RelationEnd Target)> EndsAsync(
        Caller caller, RelationService relations, string sourceType, string sourceKey, string targetType, string targetKey, EndStates states,
        CancellationToken ct)
    {
        var sourceKind = RelationService.ParseType(sourceType, "sourceType");
        var targetKind = RelationService.ParseType(targetType, "targetType");
        return (await relations.ResolveAsync(caller, sourceKind, sourceKey, states.Source, ct),
            await relations.ResolveAsync(caller, targetKind, targetKey, states.Target, ct));
    }

    private static async Task<RelationJson> OneAsync(
        RelationView relation, Expansion expand, Caller caller, RelationRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var json = (await renderer.RenderAsync([relation], caller, expand, ct))[0];
        json.Links["self"] = links.Self();
        return json;
    }

    private static async Task<PagedJson<RelationJson>> PagedAsync(
        Core.Paging.Page<RelationView> found, HttpRequest request, Caller caller, RelationRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var rendered = await renderer.RenderAsync(found.Results, caller, Expansion.From(request), ct);
        var byRelation = found.Results.Zip(rendered).ToDictionary<(RelationView First, RelationJson Second), RelationView, RelationJson>(p => p.First, p => p.Second, ReferenceEqualityComparer.Instance);
        return PagedJson<RelationJson>.From(found, r => byRelation[r], links);
    }
}
