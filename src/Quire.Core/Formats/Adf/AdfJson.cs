using System.Text.Json;
using System.Text.Json.Nodes;
using Quire.Core.Errors;

namespace Quire.Core.Formats.Adf;

/// <summary>Reading ADF JSON safely, and the small accessors both converters share.</summary>
internal static class AdfJson
{
    /// <summary>
    /// How deeply JSON may nest: an ADF node takes two levels (the node and its content array),
    /// so ADF nests as deep as storage format may (<see cref="StorageFormat.MaxDepth"/>).
    /// </summary>
    public const int MaxJsonDepth = 2 * StorageFormat.MaxDepth + 8;

    /// <summary>The document as JSON, or a <see cref="BadRequestException"/> saying where it stops being JSON.</summary>
    public static JsonObject ParseDocument(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            RefuseDuplicateKeys(node);
        }
        catch (JsonException e) when (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequestException($"{e.Path ?? "$"}: the ADF document nests deeper than {StorageFormat.MaxDepth} nodes");
        }
        catch (JsonException e)
        {
            throw new BadRequestException($"The ADF document is not JSON: {e.Message}");
        }
        if (node is not JsonObject root)
            throw new BadRequestException("$: an ADF document must be a JSON object with \"type\": \"doc\"");
        if (root["type"] is not JsonValue type || !type.TryGetValue<string>(out var name) || name != "doc")
            throw new BadRequestException("$.type: an ADF document's root must have \"type\": \"doc\"");
        return root;
    }

    /// <summary>
    /// Reads every object of the tree once, so that a key given twice is found here, as a 400:
    /// <see cref="JsonObject"/> accepts it on parsing and throws <see cref="ArgumentException"/>
    /// at its first use, wherever that is. Iterative: the depth is bounded but deep.
    /// </summary>
    public static void RefuseDuplicateKeys(JsonNode? root)
    {
        var pending = new Stack<JsonNode?>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    try
                    {
                        foreach (var (_, value) in obj) pending.Push(value);
                    }
                    catch (ArgumentException)
                    {
                        throw new BadRequestException($"{obj.GetPath()}: an object of the ADF document names a key twice");
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array) pending.Push(item);
                    break;
            }
        }
    }

    /// <summary>Compact JSON as Confluence writes it (characters unescaped), as deep as a document may nest.</summary>
    public static readonly JsonSerializerOptions Output = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxJsonDepth + 64,
    };

    public static string Type(JsonObject node) => Str(node, "type") ?? "";

    public static string? Str(JsonObject? obj, string key) =>
        obj?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static double? Num(JsonObject? obj, string key) => obj?[key] is JsonValue v ? AsDouble(v) : null;

    /// <summary>A JSON number's value, whether it was parsed or built from an int or long; null for anything else.</summary>
    public static double? AsDouble(JsonValue value)
    {
        if (value.GetValueKind() != System.Text.Json.JsonValueKind.Number) return null;
        if (value.TryGetValue<double>(out var d)) return d;
        if (value.TryGetValue<long>(out var l)) return l;
        if (value.TryGetValue<int>(out var i)) return i;
        return double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static bool? Bool(JsonObject? obj, string key) =>
        obj?[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static JsonObject? Attrs(JsonObject node) => node["attrs"] as JsonObject;

    public static string? Attr(JsonObject node, string key) => Str(Attrs(node), key);

    public static IEnumerable<JsonObject> Children(JsonObject node) =>
        node["content"] is JsonArray items ? items.OfType<JsonObject>() : [];

    public static IEnumerable<JsonObject> Marks(JsonObject node) =>
        node["marks"] is JsonArray items ? items.OfType<JsonObject>() : [];

    /// <summary>A number as ADF and storage both write it: no trailing ".0" for whole numbers.</summary>
    public static string Format(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A number from storage text, whole when it is whole (so it round-trips as ADF wrote it).</summary>
    public static JsonNode? Number(string? text) => NumberValue(text) is { } d ? NumberNode(d) : null;

    public static JsonNode NumberNode(double d) =>
        d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);

    public static double? NumberValue(string? text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d : null;
}
