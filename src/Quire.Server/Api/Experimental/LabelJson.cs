using System.Text.Json.Serialization;
using Quire.Storage.Spaces;

namespace Quire.Server.Api.Experimental;

/// <summary>The v1 Label shape: <c>label</c> repeats the name, as Confluence does.</summary>
public sealed record LabelJson(string Prefix, string Name, string Id, string Label)
{
    public static LabelJson From(SpaceLabelRecord label) => Of(label.Prefix, label.Name, label.Id);

    /// <summary>The shape of any label row, wherever it is attached.</summary>
    public static LabelJson Of(string prefix, string name, long id) => new(prefix, name, id.ToString(), name);
}

/// <summary>The v1 LabelArray shape.</summary>
public sealed class LabelArrayJson
{
    public required IReadOnlyList<LabelJson> Results { get; init; }
    public int Start { get; init; }
    public int Limit { get; init; }
    public int Size { get; init; }

    [JsonPropertyName("_links")]
    public Dictionary<string, string>? Links { get; init; }
}
