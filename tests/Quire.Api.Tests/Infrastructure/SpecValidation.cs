using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit.Sdk;

namespace Quire.Api.Tests.Infrastructure;

/// <summary>
/// Checks every response the tests receive against the spec: a 2xx body must match the
/// schema the spec gives for that operation and status. Every test client goes through
/// it, so each tested call is also a conformance check of its JSON shape.
/// </summary>
public static class SpecValidation
{
    private static readonly ConcurrentDictionary<string, bool> Registered = new();
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    /// <summary>Operations the tests called, with the statuses they saw (for the conformance report).</summary>
    public static ConcurrentDictionary<string, ConcurrentBag<int>> Observed { get; } = new();

    public static DelegatingHandler Handler() => new ValidatingHandler();

    public static void Validate(string method, string path, int status, string body)
    {
        var document = SpecDocument.For(path);
        var operation = document.Match(method, path);
        if (operation is null) return; // Quire's own endpoints (admin user, tokens, /status) are not in the spec.
        Observed.GetOrAdd(operation.OperationId, _ => []).Add(status);
        if (status is < 200 or > 299) return;

        var responseSchema = operation.Node["responses"]?[status.ToString()]?["content"]?["application/json"]?["schema"];
        if (responseSchema is null || body.Length == 0) return;

        var schema = Schemas.GetOrAdd($"{document.SchemaId}:{operation.OperationId}:{status}", _ => Compile(document, responseSchema));
        var result = schema.Evaluate(JsonNode.Parse(body), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = result.Details.Where(d => d.HasErrors)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .Distinct().Take(15);
            throw new XunitException(
                $"{method} {path} answered {status} with a body that does not match the spec's schema for {operation}:\n  " +
                string.Join("\n  ", errors) + $"\nBody: {Truncate(body)}");
        }
    }

    private static JsonSchema Compile(SpecDocument document, JsonNode responseSchema)
    {
        Registered.GetOrAdd(document.SchemaId, _ => Register(document));
        var node = Rewrite(responseSchema.DeepClone(), document.SchemaId);
        return JsonSchema.FromText(node.ToJsonString());
    }

    /// <summary>Registers a description's components as one schema document that its response schemas refer into.</summary>
    private static bool Register(SpecDocument document)
    {
        var defs = document.Root["components"]!["schemas"]!.DeepClone().AsObject();
        defs = document == SpecDocument.V1.Value ? SpecErrata.Apply(defs) : SpecErrata.ApplyV2(defs);
        defs = Rewrite(defs, document.SchemaId).AsObject();
        var root = new JsonObject { ["$id"] = document.SchemaId, ["$defs"] = defs };
        SchemaRegistry.Global.Register(JsonSchema.FromText(root.ToJsonString()));
        return true;
    }

    /// <summary>
    /// OpenAPI refs point at #/components/schemas; in the registered document they live under $defs.
    /// OpenAPI's <c>nullable: true</c> (which JSON Schema does not know) becomes a type that admits null.
    /// </summary>
    private static JsonNode Rewrite(JsonNode node, string specId)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["nullable"] is JsonValue nullable && nullable.TryGetValue<bool>(out var isNullable) && isNullable &&
                    obj["type"] is JsonValue type && type.TryGetValue<string>(out var typeName))
                    obj["type"] = new JsonArray(typeName, "null");
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key == "$ref" && obj[key] is JsonValue v && v.TryGetValue<string>(out var reference) &&
                        reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                        obj[key] = specId + "#/$defs/" + reference["#/components/schemas/".Length..];
                    else if (obj[key] is { } child)
                        Rewrite(child, specId);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    if (item is not null) Rewrite(item, specId);
                break;
        }
        return node;
    }

    private static string Truncate(string s) => s.Length <= 2000 ? s : s[..2000] + "...";

    private sealed class ValidatingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(cancellationToken);
            var isJson = response.Content?.Headers.ContentType?.MediaType == "application/json";
            if (isJson || body.Length == 0)
                Validate(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, body);
            // 501 is an answer Confluence gives on purpose (favourites are not listed), not a fault.
            if ((int)response.StatusCode >= 500 && response.StatusCode != System.Net.HttpStatusCode.NotImplemented)
                throw new XunitException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {Truncate(body)}");
            return response;
        }
    }
}

/// <summary>
/// Where the spec's schemas contradict what Confluence Cloud answers, the tests hold Quire to
/// Confluence. Each correction says what the spec gets wrong; keep this list short and honest.
/// </summary>
public static class SpecErrata
{
    public static JsonObject Apply(JsonObject schemas)
    {
        // ContentMetadata.properties is typed GenericLinks (strings), but expand=metadata.properties.<key>
        // answers each asked-for property by its key, as a ContentProperty object.
        schemas["ContentMetadata"]!["properties"]!["properties"] = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["$ref"] = "#/components/schemas/ContentProperty" },
        };
        return schemas;
    }

    public static JsonObject ApplyV2(JsonObject schemas)
    {
        // ContentIdToContentTypeResponse.results admits only type names, but convertContentIdsToContentTypes's own
        // description says ids the caller may not view, or that do not exist, map to null in the response.
        schemas["ContentIdToContentTypeResponse"]!["properties"]!["results"]!["additionalProperties"] = new JsonObject
        {
            ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "null" }),
        };
        // ClassificationLevel.status and .color say "type": "object" beside a $ref to string enums (ClassificationLevelStatus,
        // ClassificationLevelColor), which no value can satisfy; Cloud answers the strings, as confluence.js's model reads them.
        foreach (var member in new[] { "status", "color" })
            schemas["ClassificationLevel"]!["properties"]![member]!.AsObject().Remove("type");
        return schemas;
    }
}
