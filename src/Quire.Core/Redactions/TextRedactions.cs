using System.Text.Json.Nodes;
using Quire.Core.Errors;

namespace Quire.Core.Redactions;

/// <summary>One range to redact as the client names it: a JSON pointer to a text, and where in that text.</summary>
public sealed record RedactionPointerInput(string? Pointer, int? From, int? To, string? Reason);

/// <summary>A redaction as applied: the range (with defaults filled in), the reason, and its id.</summary>
public sealed record AppliedRedaction(string Pointer, int From, int To, string? Reason, string RedactionId);

/// <summary>
/// Redacts ranges of text: of an ADF document's text nodes (the body as v2 gives it in atlas_doc_format, where
/// clients compute their pointers), or of a title. Every range is checked before anything changes; ranges of one
/// text that overlap are merged into one redaction with one id, as Cloud merges them; each merged range becomes one
/// <see cref="Marker"/>. Pointers are resolved by walking the parsed document (RFC 6901): linear, no markup read as text.
/// </summary>
public static class TextRedactions
{
    /// <summary>What stands where redacted text was: it says that something was taken out, not how long it was.</summary>
    public const string Marker = "[redacted]";

    public const int MaxRedactions = 500;

    /// <summary>Pointers that name the title itself (it is one text).</summary>
    public static readonly IReadOnlyList<string> TitlePointers = ["", "/", "/title"];

    /// <summary>Redacts <paramref name="document"/> in place; answers the redactions in the order asked.</summary>
    public static IReadOnlyList<AppliedRedaction> RedactDocument(JsonObject document, IReadOnlyList<RedactionPointerInput> inputs)
    {
        var targets = inputs.Select(input => (Input: input, Node: TextNodeAt(document, input.Pointer))).ToList();
        return Apply(targets.Select(t => (t.Input, Key: (object)t.Node, Text: (string)t.Node["text"]!)).ToList(),
            (key, text) => ((JsonObject)key)["text"] = text);
    }

    /// <summary>The title with its ranges redacted, and the redactions in the order asked.</summary>
    public static (string Title, IReadOnlyList<AppliedRedaction> Redactions) RedactTitle(string title, IReadOnlyList<RedactionPointerInput> inputs)
    {
        foreach (var input in inputs)
            if (!TitlePointers.Contains(input.Pointer ?? ""))
                throw new BadRequestException($"A title redaction's pointer is \"/\" (the title is one text), not '{input.Pointer}'.");
        var redacted = title;
        var applied = Apply(inputs.Select(i => (i, Key: (object)"title", Text: title)).ToList(), (_, text) => redacted = text);
        return (redacted, applied);
    }

    /// <summary>Checks every range, merges the overlapping ones of each text, then rewrites each text once.</summary>
    private static List<AppliedRedaction> Apply(IReadOnlyList<(RedactionPointerInput Input, object Key, string Text)> targets, Action<object, string> write)
    {
        if (targets.Count > MaxRedactions) throw new BadRequestException($"At most {MaxRedactions} redactions may be made at once.");
        var ranges = targets.Select(t => Range(t.Input, t.Text)).ToList();
        var ids = new string[targets.Count];
        foreach (var text in Enumerable.Range(0, targets.Count).GroupBy(i => targets[i].Key, ReferenceEqualityComparer.Instance))
        {
            // Sorted by start, a range joins the merged one before it when it begins inside it.
            var merged = new List<(int From, int To, string Id)>();
            foreach (var i in text.OrderBy(i => ranges[i].From))
            {
                // A merged range keeps its id as it grows, so every range in it shares that id.
                if (merged.Count > 0 && ranges[i].From < merged[^1].To)
                    merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, ranges[i].To), merged[^1].Id);
                else
                    merged.Add((ranges[i].From, ranges[i].To, Guid.NewGuid().ToString()));
                ids[i] = merged[^1].Id;
            }
            var original = targets[text.First()].Text;
            var result = new System.Text.StringBuilder(original.Length);
            var at = 0;
            foreach (var (from, to, _) in merged)
            {
                result.Append(original, at, from - at).Append(Marker);
                at = to;
            }
            result.Append(original, at, original.Length - at);
            write(text.Key, result.ToString());
        }
        return targets.Select((t, i) => new AppliedRedaction(t.Input.Pointer ?? "", ranges[i].From, ranges[i].To, t.Input.Reason, ids[i])).ToList();
    }

    /// <summary>The range in the text, the whole text when from and to are left out; 400 when it is empty or outside the text.</summary>
    private static (int From, int To) Range(RedactionPointerInput input, string text)
    {
        var from = input.From ?? 0;
        var to = input.To ?? text.Length;
        if (from < 0 || to > text.Length || from >= to)
            throw new BadRequestException(
                $"The range {from}-{to} of '{input.Pointer}' is not in its text of {text.Length} characters (from must be below to, both within the text).");
        // Ranges count UTF-16 code units, as JavaScript clients do: one that cuts an emoji (or any character outside the
        // BMP) in two would leave half of it, a lone surrogate, which is no text (PostgreSQL refuses to store it).
        if (SplitsPair(text, from) || SplitsPair(text, to))
            throw new BadRequestException(
                $"The range {from}-{to} of '{input.Pointer}' splits a character in two (a surrogate pair); move it to the character's start or end.");
        return (from, to);
    }

    /// <summary>The boundary <paramref name="at"/> falls between the two halves of a surrogate pair.</summary>
    private static bool SplitsPair(string text, int at) =>
        at > 0 && at < text.Length && char.IsHighSurrogate(text[at - 1]) && char.IsLowSurrogate(text[at]);

    /// <summary>The text node a pointer names, or whose <c>text</c> it names; 400 for any other pointer.</summary>
    private static JsonObject TextNodeAt(JsonObject document, string? pointer)
    {
        if (string.IsNullOrEmpty(pointer) || pointer[0] != '/')
            throw new BadRequestException($"'{pointer}' is not a JSON pointer into the body (one starts with '/').");
        JsonNode? node = document;
        var tokens = pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        if (tokens[^1] == "text") tokens.RemoveAt(tokens.Count - 1);
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) throw new BadRequestException($"The pointer '{pointer}' names nothing in the body.");
        }
        return node is JsonObject { } found && (string?)found["type"] == "text" && found["text"] is JsonValue value && value.TryGetValue<string>(out _)
            ? found
            : throw new BadRequestException($"The pointer '{pointer}' does not name a text node of the body.");
    }
}
