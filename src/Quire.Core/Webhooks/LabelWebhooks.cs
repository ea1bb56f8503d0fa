using System.Text.Json.Nodes;
using Quire.Core.ContentBody;
using Quire.Core.Security;
using Quire.Storage.Labels;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// Raises the label events: <c>label_created</c> when a label is used for the first time on the site
/// (its row is created), <c>label_deleted</c> when removing it from content or a space leaves nothing
/// carrying it (its row is deleted, as Confluence deletes an unused label), and <c>label_added</c> /
/// <c>label_removed</c> when a label goes on or off a piece of content or a space. The payload has the label as <c>label</c> (<c>id</c>, <c>name</c>,
/// <c>prefix</c>, as Data Center's label map plus what Cloud's REST label has) and, for added and
/// removed, the labelled entity's summary as <c>labeled</c>, as Data Center's payload does. Call inside
/// the change's transaction.
/// </summary>
public sealed class LabelWebhooks(WebhookOutbox outbox, WebhookSubjectStore subjects, ISiteBaseUrl site)
{
    public Task CreatedAsync(long labelId, string prefix, string name, Caller actor, CancellationToken ct = default) =>
        outbox.RaiseAsync("label_created", WebhookEntity.Label(labelId), actor,
            _ => Task.FromResult<JsonObject?>(new JsonObject { ["label"] = Label(labelId, prefix, name) }), ct);

    public Task DeletedAsync(long labelId, string prefix, string name, Caller actor, CancellationToken ct = default) =>
        outbox.RaiseAsync("label_deleted", WebhookEntity.Label(labelId), actor,
            _ => Task.FromResult<JsonObject?>(new JsonObject { ["label"] = Label(labelId, prefix, name) }), ct);

    public Task AddedToContentAsync(long contentId, long labelId, string prefix, string name, Caller actor, CancellationToken ct = default) =>
        OnContentAsync("label_added", contentId, labelId, prefix, name, actor, ct);

    public Task RemovedFromContentAsync(long contentId, long labelId, string prefix, string name, Caller actor, CancellationToken ct = default) =>
        OnContentAsync("label_removed", contentId, labelId, prefix, name, actor, ct);

    public Task AddedToSpaceAsync(long spaceId, long labelId, string prefix, string name, Caller actor, CancellationToken ct = default) =>
        OnSpaceAsync("label_added", spaceId, labelId, prefix, name, actor, ct);

    public Task RemovedFromSpaceAsync(long spaceId, long labelId, string prefix, string name, Caller actor, CancellationToken ct = default) =>
        OnSpaceAsync("label_removed", spaceId, labelId, prefix, name, actor, ct);

    private Task OnContentAsync(
        string eventName, long contentId, long labelId, string prefix, string name, Caller actor, CancellationToken ct) =>
        outbox.RaiseAsync(eventName, WebhookEntity.Content(contentId), actor, async ct2 =>
            (await subjects.ContentAsync([contentId], ct2)).FirstOrDefault() is { } content
                ? new JsonObject { ["label"] = Label(labelId, prefix, name), ["labeled"] = WebhookPayloads.Content(content, site.Base) }
                : null, ct);

    private Task OnSpaceAsync(
        string eventName, long spaceId, long labelId, string prefix, string name, Caller actor, CancellationToken ct) =>
        outbox.RaiseAsync(eventName, WebhookEntity.Space(spaceId), actor, async ct2 =>
            await subjects.SpaceAsync(spaceId, ct2) is { } space
                ? new JsonObject { ["label"] = Label(labelId, prefix, name), ["labeled"] = WebhookPayloads.Space(space, site.Base) }
                : null, ct);

    private static JsonObject Label(long id, string prefix, string name) => new()
    {
        ["id"] = id,
        ["idAsString"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["name"] = name,
        ["prefix"] = prefix,
    };
}
