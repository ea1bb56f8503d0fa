
namespace Quire.Core.Formats.Adf;

/// <summary>
/// Atlassian's published ADF schema (adf-full.schema.json, embedded), compiled once into
/// <see cref="AdfSchemaRule"/>s. It declares draft-04 and uses only keywords whose meaning
/// draft-04 and draft-07 share. JsonSchema.Net evaluates it correctly but tries every node
/// definition of each anyOf against each node, down through its content: seconds for a small
/// page, exponential in depth. The compiled rules give the same verdicts (the tests check them
/// against JsonSchema.Net) in linear time.
/// </summary>
public static class AdfSchema
{
    private static readonly Lazy<AdfSchemaRule> Root = new(Load);

    /// <summary>Null when <paramref name="document"/> is a valid ADF document, else "path: message" for its first error.</summary>
    public static string? Validate(System.Text.Json.Nodes.JsonNode document) => Validate(document, CancellationToken.None);

    internal static string? Validate(System.Text.Json.Nodes.JsonNode document, CancellationToken ct)
    {
        var check = new AdfSchemaCheck(ct);
        try
        {
            return Root.Value.Check(document, check) ? null : check.Describe();
        }
        catch (InsufficientExecutionStackException)
        {
            return $"$: the document nests too deeply to check (at most {StorageFormat.MaxDepth} levels)";
        }
    }

    /// <summary>The schema as published, for tests that compare verdicts with a general validator.</summary>
    internal static string Text()
    {
        using var stream = typeof(AdfSchema).Assembly.GetManifestResourceStream("Quire.Core.Formats.Adf.adf-full.schema.json")
            ?? throw new InvalidOperationException("The ADF schema resource is missing from Quire.Core");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static AdfSchemaRule Load()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(Text())!.AsObject();
        var definitions = schema["definitions"]!.AsObject().ToDictionary(d => d.Key, d => AdfSchemaRule.Compile(d.Value));
        var root = AdfSchemaRule.Compile(schema);
        var done = new HashSet<AdfSchemaRule>();
        root.Resolve(definitions, done);
        foreach (var definition in definitions.Values) definition.Resolve(definitions, done);
        var indexed = new HashSet<AdfSchemaRule>();
        root.Index(indexed);
        foreach (var definition in definitions.Values) definition.Index(indexed);
        return root;
    }
}
