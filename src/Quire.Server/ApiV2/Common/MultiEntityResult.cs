using System.Text.Json.Serialization;

namespace Quire.Server.ApiV2.Common;

/// <summary>v2's listing envelope (<c>MultiEntityResult</c>): the results and <c>_links</c> with <c>next</c> and <c>base</c>.</summary>
public sealed class MultiEntityResult<T>
{
    public required IReadOnlyList<T> Results { get; init; }

    [JsonPropertyName("_links")]
    public required MultiEntityLinks Links { get; init; }
}

public sealed class MultiEntityLinks
{
    /// <summary>The next page, relative to the host; absent on the last page.</summary>
    public string? Next { get; init; }

    public string? Base { get; init; }
}
