using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// The marks in force while reading inline storage: one per type (an inner colour or link
/// replaces the outer one), given to text in <see cref="AdfStorageWriter.MarkOrder"/>, and only
/// those the schema lets stand beside <c>code</c> when the text is code.
/// </summary>
internal sealed class Marks
{
    public static readonly Marks None = new(ImmutableList<JsonObject>.Empty);
    private readonly ImmutableList<JsonObject> _marks;

    private Marks(ImmutableList<JsonObject> marks) => _marks = marks;

    public Marks With(JsonObject mark)
    {
        var type = AdfJson.Type(mark);
        var kept = _marks.RemoveAll(m => AdfJson.Type(m) == type);
        return new Marks(kept.Add(mark));
    }

    public bool Has(string type) => _marks.Any(m => AdfJson.Type(m) == type);

    /// <summary>The marks for a text node, in canonical order.</summary>
    public IReadOnlyList<JsonObject> ForText()
    {
        var code = Has("code");
        return _marks
            .Where(m => !code || AdfJson.Type(m) is "code" or "link" or "annotation")
            .OrderBy(m => Array.IndexOf(AdfStorageWriter.MarkOrder, AdfJson.Type(m)))
            .ToList();
    }
}
