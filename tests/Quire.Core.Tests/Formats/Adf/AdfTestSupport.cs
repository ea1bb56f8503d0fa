using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Quire.Core.Formats;
using Quire.Core.Formats.Adf;

namespace Quire.Core.Tests.Formats.Adf;

/// <summary>The attachments of content 123: three files known both by media fileId and by name.</summary>
public sealed class TestMediaFiles : IAdfMediaFiles
{
    public static readonly TestMediaFiles Instance = new();
    private static readonly Dictionary<string, string> Files = new() { ["f-1"] = "diagram.png", ["f-2"] = "report.pdf", ["f-3"] = "data.csv" };

    public string? Collection => "contentId-123";
    public string? FileNameOf(string fileId) => Files.GetValueOrDefault(fileId);
    public string? FileIdOf(string fileName) => Files.Where(f => f.Value == fileName).Select(f => f.Key).FirstOrDefault();
}

/// <summary>
/// What "equal after a round trip" means. ADF: keys in any order, empty marks/attrs/content
/// absent, adjacent text with the same marks merged, marks in any order, default attributes
/// (colspan 1, order 1, widthType percentage) absent, numbers compared by value, and the
/// attributes storage has no place for dropped (mention text, media occurrenceKey, extension
/// text). Storage: attributes in any order, whitespace between elements ignored.
/// </summary>
public static class RoundTrip
{
    private static readonly string[] MarkOrder = ["link", "annotation", "textColor", "backgroundColor", "subsup", "strong", "em", "underline", "strike", "code"];

    public static string CorpusPath(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Corpus", name);

    public static IEnumerable<string> CorpusFiles(string extension, [CallerFilePath] string source = "") =>
        Directory.GetFiles(Path.Combine(Path.GetDirectoryName(source)!, "Corpus"), "*." + extension).Select(Path.GetFileName).Order()!;

    public static string NormalAdf(string json) => Normal(JsonNode.Parse(json))!.ToJsonString();

    private static JsonNode? Normal(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                var items = array.Select(Normal).ToList();
                var merged = new List<JsonNode?>();
                foreach (var item in items)
                {
                    if (merged.Count > 0 && merged[^1] is JsonObject last && item is JsonObject next &&
                        last["type"]?.GetValue<string>() == "text" && next["type"]?.GetValue<string>() == "text" &&
                        JsonNode.DeepEquals(last["marks"], next["marks"]))
                    {
                        last["text"] = last["text"]!.GetValue<string>() + next["text"]!.GetValue<string>();
                        continue;
                    }
                    merged.Add(item);
                }
                return new JsonArray(merged.ToArray());
            case JsonObject obj:
                var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                var result = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (Dropped(type, key, value)) continue;
                    var normal = Normal(value);
                    if (key == "marks" && normal is JsonArray marks)
                        normal = new JsonArray(marks.OrderBy(m => Array.IndexOf(MarkOrder, m?["type"]?.GetValue<string>())).Select(m => m?.DeepClone()).ToArray());
                    if (normal is JsonArray { Count: 0 } && key is "marks" or "content") continue;
                    if (normal is JsonObject { Count: 0 } && key == "attrs") continue;
                    result[key] = normal;
                }
                return result;
            case JsonValue value when value.TryGetValue<double>(out var number):
                return JsonValue.Create(Math.Round(number, 6));
            default:
                return node?.DeepClone();
        }
    }

    private static bool Dropped(string? type, string key, JsonNode? value) => (type, key) switch
    {
        ("mention", "text" or "accessLevel" or "userType") => true,
        ("media", "occurrenceKey" or "localId") => true,
        ("extension" or "bodiedExtension" or "inlineExtension", "text") => true,
        (_, "widthType") => value?.GetValue<string>() == "percentage",
        (_, "colspan" or "rowspan" or "order") => value is JsonValue v && v.TryGetValue<double>(out var d) && d == 1,
        _ => false,
    };

    public static string NormalStorage(string storage)
    {
        var root = StorageFormat.Parse(storage);
        foreach (var text in root.DescendantNodes().OfType<XText>().Where(t => t is not XCData && string.IsNullOrWhiteSpace(t.Value) && t.Parent!.Elements().Any()).ToList())
            text.Remove();
        foreach (var element in root.DescendantsAndSelf())
        {
            var attributes = element.Attributes().OrderBy(a => a.Name.ToString(), StringComparer.Ordinal).ToList();
            element.RemoveAttributes();
            element.Add(attributes);
        }
        return StorageFormat.Write(root.Nodes());
    }

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
