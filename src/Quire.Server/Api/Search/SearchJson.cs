using System.Text.Json.Serialization;
using Quire.Server.Api.Content;

namespace Quire.Server.Api.Search;

/// <summary>The spec's <c>SearchPageResponseSearchResult</c>.</summary>
public sealed class SearchPageJson
{
    public required IReadOnlyList<SearchResultJson> Results { get; init; }
    public int Start { get; init; }
    public int Limit { get; init; }
    public int Size { get; init; }
    public int TotalSize { get; init; }
    public required string CqlQuery { get; init; }
    public int SearchDuration { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

/// <summary>The spec's <c>SearchResult</c> for a piece of content.</summary>
public sealed class SearchResultJson
{
    public ContentJson? Content { get; init; }
    public Users.UserJson? User { get; init; }
    public Space.SpaceJson? Space { get; init; }
    public required string Title { get; init; }
    public required string Excerpt { get; init; }
    public required string Url { get; init; }
    public ContainerSummaryJson? ResultParentContainer { get; init; }
    public ContainerSummaryJson? ResultGlobalContainer { get; init; }
    public required IReadOnlyList<BreadcrumbJson> Breadcrumbs { get; init; }
    public required string EntityType { get; init; }
    public required string IconCssClass { get; init; }
    public required string LastModified { get; init; }
    public string? FriendlyLastModified { get; init; }
    public double Score { get; init; }
}

public sealed record ContainerSummaryJson(string Title, string DisplayUrl);

public sealed record BreadcrumbJson(string Label, string Url, string Separator);
