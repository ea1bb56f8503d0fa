using System.Text.Json.Nodes;

namespace Quire.Api.Tests.Infrastructure;

/// <summary>
/// Atlassian's OpenAPI description of the v1 API (<c>../shared/spec/</c> beside the
/// repository), with its paths turned into matchers so a request finds its operation.
/// </summary>
public sealed class SpecDocument
{
    public static readonly Lazy<SpecDocument> V1 = new(() => Load("confluence-rest-v1.openapi.json"));

    public sealed record Operation(string Method, string PathTemplate, string OperationId, string Tag, JsonObject Node)
    {
        public override string ToString() => $"{Method} {PathTemplate} ({OperationId}, {Tag})";
    }

    private readonly List<(Operation Op, string[] Segments, int Literals)> _matchers = [];

    private SpecDocument(JsonObject root)
    {
        Root = root;
        foreach (var (path, item) in root["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        {
            if (method is not ("get" or "post" or "put" or "delete" or "patch")) continue;
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

    private static SpecDocument Load(string file) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(SpecDirectory(), file)))!.AsObject());
}
