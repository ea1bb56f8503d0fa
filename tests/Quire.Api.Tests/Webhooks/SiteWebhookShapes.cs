using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// The payload shapes of the site's events. Cloud documents none of them, so they follow Data
/// Center's members: <c>space</c> (id, key, title, isPersonalSpace, self, creator and creation
/// date, <c>homePage</c> a content summary), <c>group</c> (an object with name and id, where Data
/// Center sends the bare name) and <c>userProfile</c> (account id and display name, no e-mail).
/// </summary>
public static class SiteWebhookShapes
{
    public const string Space = """
        {
          "type": "object",
          "required": ["space"],
          "properties": {
            "space": {
              "type": "object",
              "required": ["id", "key", "title", "isPersonalSpace", "self", "creationDate"],
              "properties": {
                "id": { "type": "integer" }, "key": { "type": "string", "minLength": 1 }, "title": { "type": "string" },
                "description": { "type": "string" }, "isPersonalSpace": { "type": "boolean" },
                "self": { "type": "string", "pattern": "^https?://.*/spaces/" },
                "creatorAccountId": { "type": "string" }, "creationDate": { "type": "integer" },
                "homePage": { "type": "object", "required": ["id", "contentType"] }
              }
            }
          }
        }
        """;

    public const string Group = """
        {
          "type": "object",
          "required": ["group"],
          "properties": {
            "group": {
              "type": "object", "required": ["name", "id"],
              "properties": { "name": { "type": "string", "minLength": 1 }, "id": { "type": "string", "minLength": 1 } }
            }
          }
        }
        """;

    public const string UserProfile = """
        {
          "type": "object",
          "required": ["userProfile"],
          "properties": {
            "userProfile": {
              "type": "object", "required": ["accountId", "displayName"],
              "properties": { "accountId": { "type": "string", "minLength": 1 }, "displayName": { "type": "string" } },
              "not": { "anyOf": [{ "required": ["email"] }, { "required": ["emailAddress"] }] }
            }
          }
        }
        """;

    /// <summary>Checks Cloud's envelope and the space member; a space's home page is a content summary.</summary>
    public static void AssertSpaceEvent(ReceivedWebhook received)
    {
        WebhookPayloadShapes.AssertContentEvent(received);
        WebhookPayloadShapes.AssertShape(Space, received.Json, received.Event);
        if (received["space"]?["homePage"] is { } homePage) WebhookPayloadShapes.AssertContentSummary(homePage, received.Event + ".space.homePage");
    }

    public static void AssertGroupEvent(ReceivedWebhook received)
    {
        WebhookPayloadShapes.AssertContentEvent(received);
        WebhookPayloadShapes.AssertShape(Group, received.Json, received.Event);
    }

    public static void AssertUserEvent(ReceivedWebhook received)
    {
        WebhookPayloadShapes.AssertContentEvent(received);
        WebhookPayloadShapes.AssertShape(UserProfile, received.Json, received.Event);
    }

    /// <summary>The events of one space, by key, in the order they arrived.</summary>
    public static List<string> EventsOfSpace(WebhookReceiver receiver, string key) =>
        [.. receiver.Received.Where(r => (string?)r["space"]?["key"] == key).Select(r => r.Event)];

    /// <summary>
    /// How many <paramref name="eventName"/> events the outbox holds whose payload contains
    /// <paramref name="fragment"/>: for changes of different entities, whose deliveries keep no
    /// order among them, this says at once (no waiting) whether a refused change raised anything.
    /// </summary>
    public static Task<long> RaisedAsync(QuireServer server, string eventName, string fragment) =>
        server.CountAsync("SELECT COUNT(*) FROM webhook_events WHERE event = @eventName AND payload LIKE @pattern",
            new { eventName, pattern = "%" + fragment + "%" });
}
