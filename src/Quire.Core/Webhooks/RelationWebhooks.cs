using System.Text.Json.Nodes;
using Quire.Core.ContentBody;
using Quire.Core.Relations;
using Quire.Core.Security;
using Quire.Storage.Relations;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// Raises <c>relation_created</c> and <c>relation_deleted</c> (Cloud only; Data Center has no relation
/// events, and Cloud's payload is not documented). The payload follows what Cloud's relation events are
/// said to carry: <c>relationData</c> (the relation's <c>name</c>), and its ends as <c>source</c> and
/// <c>target</c>, each with its <c>type</c> (<c>user</c>, <c>content</c>, <c>space</c>) and what
/// describes it: a user's <c>accountId</c>, or the content's or space's summary as their own events
/// give it. Favourites are relations too. Call inside the change's transaction.
/// </summary>
public sealed class RelationWebhooks(WebhookOutbox outbox, WebhookSubjectStore subjects, ISiteBaseUrl site)
{
    public Task CreatedAsync(string name, RelationEnd source, RelationEnd target, Caller actor, CancellationToken ct = default) =>
        RaiseAsync("relation_created", name, source, target, actor, ct);

    public Task DeletedAsync(string name, RelationEnd source, RelationEnd target, Caller actor, CancellationToken ct = default) =>
        RaiseAsync("relation_deleted", name, source, target, actor, ct);

    private Task RaiseAsync(string eventName, string name, RelationEnd source, RelationEnd target, Caller actor, CancellationToken ct) =>
        outbox.RaiseAsync(eventName, Entity(name, source, target), actor, async ct2 =>
        {
            var contentIds = new[] { source, target }.Where(e => e.Type == RelationEndType.Content).Select(e => e.Id).Distinct().ToList();
            var content = (await subjects.ContentAsync(contentIds, ct2)).ToDictionary(c => c.Id);
            return new JsonObject
            {
                ["relationData"] = new JsonObject { ["name"] = name },
                ["source"] = await EndAsync(source, content, ct2),
                ["target"] = await EndAsync(target, content, ct2),
            };
        }, ct);

    private async Task<JsonObject> EndAsync(RelationEnd end, IReadOnlyDictionary<long, ContentSubject> content, CancellationToken ct)
    {
        JsonObject described;
        switch (end.Type)
        {
            case RelationEndType.User:
                described = new JsonObject { ["accountId"] = end.User?.AccountId };
                break;
            case RelationEndType.Content when content.TryGetValue(end.Id, out var subject):
                described = WebhookPayloads.Content(subject, site.Base);
                break;
            case RelationEndType.Space when await subjects.SpaceAsync(end.Id, ct) is { } space:
                described = WebhookPayloads.Space(space, site.Base);
                break;
            default:
                described = new JsonObject { ["id"] = end.Id };
                break;
        }
        var typed = new JsonObject { ["type"] = Type(end.Type) };
        foreach (var (member, value) in described.ToList())
        {
            described.Remove(member);
            typed[member] = value;
        }
        return typed;
    }

    /// <summary>The relation, whose content and space ends an app's user must be able to view (a user end is anyone's to see).</summary>
    private static WebhookEntity Entity(string name, RelationEnd source, RelationEnd target)
    {
        RelationEnd[] ends = [source, target];
        return new WebhookEntity($"relation:{name}:{Key(source)}:{Key(target)}",
            [.. ends.Where(e => e.Type == RelationEndType.Content).Select(e => e.Id).Distinct()],
            [.. ends.Where(e => e.Type == RelationEndType.Space).Select(e => e.Id).Distinct()]);
    }

    private static string Key(RelationEnd end) => Type(end.Type) + ":" + end.Id;

    private static string Type(RelationEndType type) => type switch
    {
        RelationEndType.User => "user",
        RelationEndType.Content => "content",
        _ => "space",
    };
}
