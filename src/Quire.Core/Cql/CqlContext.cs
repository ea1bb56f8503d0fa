using System.Text.Json;

namespace Quire.Core.Cql;

/// <summary>
/// The <c>cqlcontext</c> parameter of the search operations: a JSON object naming the space
/// and content the query runs in, and which content statuses it may find. Unknown members are
/// ignored, as Confluence does.
/// </summary>
public sealed record CqlContext(string? SpaceKey, string? ContentId, IReadOnlyList<string> ContentStatuses)
{
    public const int MaxLength = 10_000;

    /// <summary>The statuses a context may name.</summary>
    public static readonly IReadOnlyList<string> KnownStatuses = ["current", "draft", "archived", "trashed"];

    public static readonly CqlContext Empty = new(null, null, []);

    /// <summary>Parses the parameter; null or blank is the empty context. Errors are 400s.</summary>
    public static CqlContext Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Empty;
        if (json.Length > MaxLength)
            throw Fail($"it is {json.Length} characters long; the limit is {MaxLength}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Fail($"invalid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Fail($"expected a JSON object but found {Describe(root.ValueKind)}");
            string? spaceKey = null, contentId = null;
            var statuses = new List<string>();
            foreach (var member in root.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "spaceKey":
                        spaceKey = member.Value.ValueKind switch
                        {
                            JsonValueKind.String => NonBlank(member.Value.GetString()!, "spaceKey"),
                            JsonValueKind.Null => null,
                            var kind => throw Fail($"spaceKey must be a string but is {Describe(kind)}"),
                        };
                        break;
                    case "contentId":
                        contentId = member.Value.ValueKind switch
                        {
                            JsonValueKind.String => member.Value.GetString()!,
                            JsonValueKind.Number => member.Value.GetRawText(),
                            JsonValueKind.Null => null,
                            var kind => throw Fail($"contentId must be a string but is {Describe(kind)}"),
                        };
                        if (contentId is not null && (contentId.Length is 0 or > 19 || !contentId.All(char.IsAsciiDigit)))
                            throw Fail($"contentId must be a content id (digits) but is {CqlTokenizer.Show(contentId)}");
                        break;
                    case "contentStatuses":
                        if (member.Value.ValueKind == JsonValueKind.Null) break;
                        if (member.Value.ValueKind != JsonValueKind.Array)
                            throw Fail($"contentStatuses must be an array of strings but is {Describe(member.Value.ValueKind)}");
                        foreach (var item in member.Value.EnumerateArray())
                        {
                            if (item.ValueKind != JsonValueKind.String)
                                throw Fail($"contentStatuses must hold strings but holds {Describe(item.ValueKind)}");
                            var status = item.GetString()!;
                            if (!KnownStatuses.Contains(status))
                                throw Fail($"unknown content status {CqlTokenizer.Show(status)} (known: {string.Join(", ", KnownStatuses)})");
                            if (!statuses.Contains(status)) statuses.Add(status);
                        }
                        break;
                }
            }
            return new CqlContext(spaceKey, contentId, statuses);
        }
    }

    static string NonBlank(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw Fail($"{name} must not be blank") : value;

    static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    static CqlException Fail(string detail) => new($"Could not parse cqlcontext: {detail}");
}
