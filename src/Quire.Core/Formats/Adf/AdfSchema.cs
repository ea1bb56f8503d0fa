using System.Text.Json.Nodes;
using Json.Schema;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// Atlassian's published ADF schema (adf-full.schema.json, embedded), built once. It declares
/// draft-04, which JsonSchema.Net does not read; it uses nothing that draft-04 and draft-07 read
/// differently (no boolean exclusiveMinimum/Maximum, no "id", no siblings beside "$ref" that
/// matter), so it is evaluated as draft-07.
/// </summary>
public static class AdfSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Null when <paramref name="document"/> is a valid ADF document, else "path: message" for its first error.</summary>
    public static string? Validate(JsonNode document)
    {
        var flag = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Flag, EvaluateAs = SpecVersion.Draft7 });
        if (flag.IsValid) return null;
        var list = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft7 });
        return Describe(list);
    }

    /// <summary>
    /// The error that best names what is wrong. Every alternative of an anyOf fails somewhere, most
    /// of them at once on "type"; the deepest location is where the document really went wrong,
    /// and there an error other than a "type" mismatch says the most.
    /// </summary>
    private static string Describe(EvaluationResults results)
    {
        (string Path, string Message, int Depth, int Rank)? best = null;
        foreach (var detail in results.Details)
        {
            if (!detail.HasErrors || detail.Errors is null) continue;
            var location = detail.InstanceLocation.ToString();
            var depth = detail.InstanceLocation.Count;
            var onType = location.EndsWith("/type", StringComparison.Ordinal);
            foreach (var (keyword, message) in detail.Errors)
            {
                var rank = keyword is "anyOf" or "allOf" or "$ref" ? 0 : onType ? 1 : 2;
                if (best is null || depth > best.Value.Depth || (depth == best.Value.Depth && rank > best.Value.Rank))
                    best = (location, message, depth, rank);
            }
        }
        if (best is null) return "$: the document does not match the ADF schema";
        return $"{ToJsonPath(best.Value.Path)}: {best.Value.Message}";
    }

    /// <summary>A JSON pointer as the JSON path clients read ("/content/0/attrs" becomes "$.content[0].attrs").</summary>
    internal static string ToJsonPath(string pointer)
    {
        var path = new System.Text.StringBuilder("$");
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/").Replace("~0", "~");
            if (int.TryParse(name, out _)) path.Append('[').Append(name).Append(']');
            else path.Append('.').Append(name);
        }
        return path.ToString();
    }

    private static JsonSchema Load()
    {
        using var stream = typeof(AdfSchema).Assembly.GetManifestResourceStream("Quire.Core.Formats.Adf.adf-full.schema.json")
            ?? throw new InvalidOperationException("The ADF schema resource is missing from Quire.Core");
        var root = JsonNode.Parse(stream)!.AsObject();
        root["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(root.ToJsonString());
    }
}
