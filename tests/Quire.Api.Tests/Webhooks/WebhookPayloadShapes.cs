using Quire.Api.Tests.Infrastructure;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// The documented shapes of webhook payloads, as JSON Schemas every received event is checked
/// against: Cloud's envelope (<c>timestamp</c>, <c>userAccountId</c>, <c>accountType</c>) and its
/// flat entity summaries (numeric <c>id</c> with <c>idAsString</c>, epoch-ms dates, <c>version</c> a
/// number, <c>self</c> the web-UI address). Extra members are allowed, as Cloud adds some over time.
/// </summary>
public static class WebhookPayloadShapes
{
    private const string ContentSummary = """
        {
          "type": "object",
          "required": ["id", "idAsString", "spaceKey", "spaceId", "contentType", "version", "creationDate", "modificationDate", "self"],
          "properties": {
            "id": { "type": "integer" }, "idAsString": { "type": "string", "pattern": "^[0-9]+$" },
            "spaceKey": { "type": "string", "minLength": 1 }, "spaceId": { "type": "integer" },
            "title": { "type": "string" }, "contentType": { "type": "string" }, "version": { "type": "integer", "minimum": 1 },
            "creatorAccountId": { "type": "string" }, "lastModifierAccountId": { "type": "string" },
            "creationDate": { "type": "integer" }, "modificationDate": { "type": "integer" },
            "self": { "type": "string", "pattern": "^https?://" }
          }
        }
        """;

    private static readonly JsonSchema Envelope = JsonSchema.FromText("""
        {
          "type": "object",
          "required": ["timestamp", "accountType"],
          "properties": {
            "timestamp": { "type": "integer" }, "userAccountId": { "type": "string" },
            "accountType": { "type": "string" }, "updateTrigger": { "type": "string" }
          }
        }
        """);

    private static readonly JsonSchema Content = JsonSchema.FromText(ContentSummary);

    /// <summary>Checks the envelope and, for each entity member named, its content summary shape.</summary>
    public static void AssertContentEvent(ReceivedWebhook received, params string[] contentMembers)
    {
        AssertValid(Envelope, received.Json, received.Event);
        foreach (var member in contentMembers)
            AssertValid(Content, received.Json?[member], $"{received.Event}.{member}");
    }

    /// <summary>Checks a payload (or a part of it) against a schema given as JSON text.</summary>
    public static void AssertShape(string schema, JsonNode? node, string what) => AssertValid(JsonSchema.FromText(schema), node, what);

    /// <summary>The content summary schema, for events that nest summaries elsewhere (<c>labeled</c>, <c>oldParent</c>).</summary>
    public static void AssertContentSummary(JsonNode? node, string what) => AssertValid(Content, node, what);

    private static void AssertValid(JsonSchema schema, JsonNode? node, string what)
    {
        Assert.True(node is not null, $"{what}: missing");
        var result = schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{what} does not have the documented shape: " +
            string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))) +
            $"\n{node!.ToJsonString()}");
    }
}
