using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// One check of a document: where it is (the JSON path walked so far), the failure that best
/// says what is wrong, and the stride at which it asks whether the request still wants it.
/// </summary>
internal sealed class AdfSchemaCheck(CancellationToken ct)
{
    private readonly AdfWork _work = new(ct);
    private readonly List<object> _path = [];
    private (int Depth, int Rank, string Text)? _best;

    public void Step()
    {
        _work.Tick();
        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private JsonObject? _typed;
    private string? _typeName;

    /// <summary>
    /// The "type" of a node, remembered for the node last asked about: every alternative of an
    /// anyOf asks in turn, and reading a parsed string allocates it anew each time.
    /// </summary>
    public string? TypeOf(JsonObject node)
    {
        if (ReferenceEquals(node, _typed)) return _typeName;
        _typed = node;
        _typeName = node["type"] is JsonValue type && type.TryGetValue<string>(out var name) ? name : null;
        return _typeName;
    }

    public void Enter(object segment) => _path.Add(segment);
    public void Leave() => _path.RemoveAt(_path.Count - 1);

    /// <summary>
    /// Records a failure; always false. Every alternative of an anyOf fails somewhere, so the
    /// failure kept is the deepest (where the document really went wrong), and at one depth a
    /// real failure (rank 1) over a node type that merely is another alternative's (rank 0).
    /// </summary>
    public bool Fail(string message, int rank, string? segment = null)
    {
        var depth = _path.Count + (segment is null ? 0 : 1);
        if (_best is { } best && (best.Depth > depth || (best.Depth == depth && best.Rank >= rank))) return false;
        _best = (depth, rank, $"{Path(segment)}: {message}");
        return false;
    }

    public string Describe() => _best?.Text ?? "$: the document does not match the ADF schema";

    private string Path(string? segment)
    {
        var path = new StringBuilder("$");
        foreach (var part in segment is null ? _path : [.. _path, segment])
        {
            if (part is int index) path.Append('[').Append(index).Append(']');
            else path.Append('.').Append(part);
        }
        return path.ToString();
    }
}
