using System.Text.Json.Nodes;
using Quire.Core.ContentBody;
using Quire.Core.Security;
using Quire.Storage.Labels;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// Raises the label events: <c>label_created</c> when a label is used for the first time on the site
/// (its row is created), and <c>label_added</c> / <c>label_removed</c> when a label goes on or off a
/// piece of content or a space. The payload has the label as <c>label</c> (<c>id</c>, <c>name</c>,
/// <c>prefix</c>, as Data Center's label map plus what Cloud's REST label has) and, for added and
/// removed, the labelled entity's summary as <c>labeled</c>, as Data Center's payload does. Quire
/// never deletes a label row, so <c>label_deleted</c> is raised nowhere. Call inside the change's transaction.
/// </summary>
public sealed class LabelWebhooks(WebhookOutbox outbox, WebhookSubjectStore subjects, LabelStore labels, ISiteBaseUrl site)
{
    public Task CreatedAsync(long labelId, string prefix, string name, Caller actor, CancellationToken ct = default) =>
        outbox.RaiseAsync("label_created", "label:" + labelId, actor,
            _ => Task.FromResult<JsonObject?>(new JsonObject { ["label"] = Label(labelId, prefix, name) }), ct);

    public Task AddedToContentAsync(long contentId, long labelId, string prefix, string name, Caller actor, CancellationToken ct = default) =>
        OnContentAsync("label_added", contentId, _ => Task.FromResult<long?>(labelId), prefix, name, actor, ct);

    /// <summary><c>label_removed</c>: the label's id (of <paramref name="ownerId"/>'s row) is read only when a webhook wants the event.</summary>
    public Task RemovedFromContentAsync(long contentId, string prefix, string name, long ownerId, Caller actor, CancellationToken ct = default) =>
        OnContentAsync("label_removed", contentId, ct2 => labels.FindIdAsync(prefix, name, ownerId, ct2), prefix, name, actor, ct);

    public Task AddedToSpaceAsync(long spaceId, long labelId, string prefix, string name, Caller actor, CancellationToken ct = default) =>
        OnSpaceAsync("label_added", spaceId, _ => Task.FromResult<long?>(labelId), prefix, name, actor, ct);

    public Task RemovedFromSpaceAsync(long spaceId, string prefix, string name, long ownerId, Caller actor, CancellationToken ct = default) =>
        OnSpaceAsync("label_removed", spaceId, ct2 => labels.FindIdAsync(prefix, name, ownerId, ct2), prefix, name, actor, ct);

    private Task OnContentAsync(
        string eventName, long contentId, Func<CancellationToken, Task<long?>> labelId, string prefix, string name, Caller actor, CancellationToken ct) =>
        outbox.RaiseAsync(eventName, "content:" + contentId, actor, async ct2 =>
            (await subjects.ContentAsync([contentId], ct2)).FirstOrDefault() is { } content && await labelId(ct2) is { } id
                ? new JsonObject { ["label"] = Label(id, prefix, name), ["labeled"] = WebhookPayloads.Content(content, site.Base) }
                : null, ct);

    private Task OnSpaceAsync(
        string eventName, long spaceId, Func<CancellationToken, Task<long?>> labelId, string prefix, string name, Caller actor, CancellationToken ct) =>
        outbox.RaiseAsync(eventName, "space:" + spaceId, actor, async ct2 =>
            await subjects.SpaceAsync(spaceId, ct2) is { } space && await labelId(ct2) is { } id
                ? new JsonObject { ["label"] = Label(id, prefix, name), ["labeled"] = WebhookPayloads.Space(space, site.Base) }
                : null, ct);

    private static JsonObject Label(long id, string prefix, string name) => new()
    {
        ["id"] = id,
        ["idAsString"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["name"] = name,
        ["prefix"] = prefix,
    };
}
