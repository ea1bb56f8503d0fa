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
/// their records.
/// </summary>
public sealed class RelationRenderer(ContentExpansions contents, UserRenderer users, SpaceRenderer spaces, ApiLinks links, TimeProvider time)
{
    public static readonly string[] Expansions = ["relationData", "source", "target"];

    public async Task<IReadOnlyList<RelationJson>> RenderAsync(
        IReadOnlyList<RelationView> relations, Caller caller, Expansion expand, CancellationToken ct)
    {
        var contentRows = relations
            .SelectMany(r => new[] { expand.Has("source") ? r.Source : null, expand.Has("target") ? r.Target : null })
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
            Source = expand.Has("source") ? End(r.Source, caller, rendered) : null,
            Target = expand.Has("target") ? End(r.Target, caller, rendered) : null,
            Expandable = Expansions.Where(e => !expand.Has(e)).ToDictionary(e => e, _ => ""),
            Links = links.Envelope(),
        }).ToList();
    }

    private object? End(RelationEnd end, Caller caller, IReadOnlyDictionary<string, ContentJson> rendered) => end.Type switch
    {
        RelationEndType.User => users.Render(end.User!, caller, Expansion.None),
        RelationEndType.Content => rendered.GetValueOrDefault(ContentRenderer.Id(end.Content!)),
        _ => spaces.Render(end.Space!, caller, Expansion.None, topLevel: false),
    };
}
