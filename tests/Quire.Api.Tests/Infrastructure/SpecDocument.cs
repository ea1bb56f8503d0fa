using System.Text.Json.Nodes;

namespace Quire.Api.Tests.Infrastructure;

/// <summary>
/// Atlassian's OpenAPI descriptions of the v1 and v2 APIs (<c>../shared/spec/</c> beside the
/// repository), with their paths turned into matchers so a request finds its operation. v2's
/// paths are written relative to its base, <c>/wiki/api/v2</c>; here they carry it.
/// </summary>
public sealed class SpecDocument
{
    public static readonly Lazy<SpecDocument> V1 = new(() => Load("confluence-rest-v1.openapi.json", "", "urn:quire:confluence-v1"));
    public static readonly Lazy<SpecDocument> V2 = new(() => Load("confluence-rest-v2.openapi.json", "/wiki/api/v2", "urn:quire:confluence-v2"));

    public const string V2Base = "/wiki/api/v2";

    /// <summary>The description a request path belongs to.</summary>
    public static SpecDocument For(string path) =>
        path.StartsWith(V2Base + "/", StringComparison.Ordinal) ? V2.Value : V1.Value;

    /// <summary>The id the description's schemas are registered under for validation.</summary>
    public string SchemaId { get; }

    public sealed record Operation(string Method, string PathTemplate, string OperationId, string Tag, JsonObject Node)
    {
        public override string ToString() => $"{Method} {PathTemplate} ({OperationId}, {Tag})";
    }

    private readonly List<(Operation Op, string[] Segments, int Literals)> _matchers = [];

    private SpecDocument(JsonObject root, string basePath, string schemaId)
    {
        Root = root;
        SchemaId = schemaId;
        foreach (var (relative, item) in root["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        {
            if (method is not ("get" or "post" or "put" or "delete" or "patch")) continue;
            var path = basePath + relative;
            var operation = new Operation(method.ToUpperInvariant(), path, (string?)op!["operationId"] ?? "",
                (string?)op["tags"]?[0] ?? "", op.AsObject());
            Operations.Add(operation);
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            _matchers.Add((operation, segments, segments.Count(s => !s.StartsWith('{'))));
        }
    }

    public JsonObject Root { get; }
    public List<Operation> Operations { get; } = [];

    /// <summary>The operation a request addresses; literal segments win over parameters, as in routing.</summary>
    public Operation? Match(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return _matchers
            .Where(m => m.Op.Method == method && m.Segments.Length == segments.Length &&
                        m.Segments.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second))
            .OrderByDescending(m => m.Literals)
            .Select(m => m.Op)
            .FirstOrDefault();
    }

    public static string SpecDirectory()
    {
        if (Environment.GetEnvironmentVariable("QUIRE_SPEC_DIR") is { Length: > 0 } configured) return configured;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Quire.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) throw new InvalidOperationException("Could not find the repository root (Quire.sln).");
        return Path.Combine(dir.Parent.FullName, "shared", "spec");
    }

    private static SpecDocument Load(string file, string basePath, string schemaId) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(SpecDirectory(), file)))!.AsObject(), basePath, schemaId);
}
