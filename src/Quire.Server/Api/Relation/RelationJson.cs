using System.Text.Json.Serialization;
using Quire.Core.Relations;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Api.Space;
using Quire.Server.Api.Users;
using Quire.Server.Http;
using Quire.Storage.Relations;

namespace Quire.Server.Api.Relation;

/// <summary>The spec's Relation: its name, and on request who made it and when, its source and its target.</summary>
public sealed class RelationJson
{
    public required string Name { get; init; }
    public RelationDataJson? RelationData { get; init; }
    /// <summary>A Content, User or Space.</summary>
    public object? Source { get; init; }
    public object? Target { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

public sealed class RelationDataJson
{
    public UserJson? CreatedBy { get; init; }
    public string? CreatedDate { get; init; }
    public string? FriendlyCreatedDate { get; init; }
}

/// <summary>
/// Renders relations with the expansions asked for (<c>relationData</c>, <c>source</c>,
/// <c>target</c>); the content ends of a whole page render in one batch, users and spaces from
/// their records. An end left unexpanded is named under <c>_expandable</c> by its API link, as
/// Cloud answers (<c>/rest/api/content/123</c>, <c>/rest/api/user?accountId=...</c>,
/// <c>/rest/api/space/KEY</c>).
/// </summary>
public sealed class RelationRenderer(ContentExpansions contents, UserRenderer users, SpaceRenderer spaces, ApiLinks links, TimeProvider time)
{
    public static readonly string[] Expansions = ["relationData", "source", "target"];

    public async Task<IReadOnlyList<RelationJson>> RenderAsync(
        IReadOnlyList<RelationView> relations, Caller caller, Expansion expand, CancellationToken ct)
    {
        var contentRows = relations
            .SelectMany(r => new[] { Expands(r, "source", expand) ? r.Source : null, Expands(r, "target", expand) ? r.Target : null })
            .Select(end => end?.Content).OfType<Storage.Content.ContentRecord>().DistinctBy(c => c.Id).ToList();
        var rendered = (await contents.RenderAsync(contentRows, caller, Expansion.None, ct)).ToDictionary(c => c.Id);
        var now = time.GetUtcNow();
        return relations.Select(r => new RelationJson
        {
            Name = r.Name,
            RelationData = expand.Has("relationData") ? new RelationDataJson
            {
                CreatedBy = r.CreatedBy is { } by ? users.Render(by, caller, Expansion.None) : null,
                CreatedDate = r.CreatedAt is { } at ? QuireJson.Date(at) : null,
                FriendlyCreatedDate = r.CreatedAt is { } when ? FriendlyDate.Format(when, now, caller) : null,
            } : null,
            Source = Expands(r, "source", expand) ? End(r.Source, caller, rendered) : null,
            Target = Expands(r, "target", expand) ? End(r.Target, caller, rendered) : null,
            Expandable = Expandable(r, expand),
            Links = links.Envelope(),
        }).ToList();
    }

    /// <summary>
    /// Whether an end is expanded. Cloud leaves a favourite's target unexpanded even when it is
    /// asked for (only the user, its source, expands), and clients written against Cloud are
    /// pinned to that; custom relations expand both ends.
    /// </summary>
    private static bool Expands(RelationView relation, string end, Expansion expand) =>
        expand.Has(end) && !(end == "target" && relation.Name == RelationService.Favourite);

    private static Dictionary<string, string> Expandable(RelationView relation, Expansion expand)
    {
        var expandable = new Dictionary<string, string>();
        if (!expand.Has("relationData")) expandable["relationData"] = "";
        if (!Expands(relation, "source", expand)) expandable["source"] = Link(relation.Source);
        if (!Expands(relation, "target", expand)) expandable["target"] = Link(relation.Target);
        return expandable;
    }

    /// <summary>The API path of an end, relative to the site's base as Confluence writes <c>_expandable</c> links.</summary>
    private static string Link(RelationEnd end) => end.Type switch
    {
        RelationEndType.User => "/rest/api/user?accountId=" + Uri.EscapeDataString(end.User!.AccountId),
        RelationEndType.Content => $"/rest/api/content/{end.Id}",
        _ => "/rest/api/space/" + Uri.EscapeDataString(end.Space!.Key),
    };

    private object? End(RelationEnd end, Caller caller, IReadOnlyDictionary<string, ContentJson> rendered) => end.Type switch
    {
        RelationEndType.User => users.Render(end.User!, caller, Expansion.None),
        RelationEndType.Content => rendered.GetValueOrDefault(ContentRenderer.Id(end.Content!)),
        _ => spaces.Render(end.Space!, caller, Expansion.None, topLevel: false),
    };
}
