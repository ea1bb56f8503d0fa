using System.Text.Json.Nodes;
using Quire.Core.Content;
using Quire.Core.ContentBody;
using Quire.Core.Security;
using Quire.Storage.Content;
using Quire.Storage.Spaces;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// Raises the events of content changes (<c>page_created</c>, <c>comment_removed</c>,
/// <c>attachment_trashed</c>, ...), named by the content's type, with Cloud's payload: the entity's
/// summary under <c>page</c>, <c>blog</c>, <c>comment</c>, <c>attachment</c> or <c>content</c>; a
/// comment or attachment also carries its page or blog post as <c>parent</c>, and a reply the comment
/// it answers as <c>inReplyTo</c>. Drafts raise nothing, as in Cloud: a draft's first event is its
/// <c>created</c> when it is published. Call inside the change's transaction.
/// </summary>
public sealed class ContentWebhooks(WebhookOutbox outbox, WebhookSubjectStore subjects, ISiteBaseUrl site)
{
    public Task RaiseAsync(ContentChange change, ContentRecord content, Caller? actor, CancellationToken ct = default) =>
        RaiseAsync(change, content, actor, null, ct);

    /// <summary>
    /// The same, for a change whose service holds the row as the change left it and its space: a page
    /// or blog post written by <paramref name="actor"/> (a creation, an edit) is summarised from them,
    /// with no read, which is most of what raising costs a write. What the row cannot tell (an
    /// attachment's file, a comment's page, a creator whose account was not read with the row) is
    /// read as for any other event.
    /// </summary>
    public Task RaiseAsync(ContentChange change, ContentRecord content, SpaceRecord space, Caller actor, CancellationToken ct = default) =>
        InHand(content, space, actor) is { } subject
            ? RaiseAsync(change, content, actor, null, ct, (_, _) => Task.FromResult<IReadOnlyList<ContentSubject>>([subject]))
            : RaiseAsync(change, content, actor, null, ct);

    /// <summary>The payload's facts of <paramref name="content"/> when the row, its space and its writer hold them all; null otherwise.</summary>
    private static ContentSubject? InHand(ContentRecord content, SpaceRecord space, Caller actor)
    {
        if (content.Type is not (ContentRules.Page or ContentRules.BlogPost) || content.ContainerId is not null || content.SpaceId != space.Id)
            return null;
        string? AccountOf(long? userId) =>
            userId == actor.UserId ? actor.User.AccountId
            : content.CreatedByUser is { } creator && creator.Id == userId ? creator.AccountId
            : null;
        var creatorAccount = AccountOf(content.CreatedBy);
        var modifierAccount = AccountOf(content.UpdatedBy);
        // A writer the row names but whose account is not in hand (a creator deleted since has none: the read finds none either).
        if ((content.CreatedBy is not null && creatorAccount is null) || (content.UpdatedBy is not null && modifierAccount is null)) return null;
        return new ContentSubject
        {
            Id = content.Id, Type = content.Type, Status = content.Status, Title = content.Title, Version = content.Version,
            SpaceId = space.Id, SpaceKey = space.Key, ParentId = content.ParentId, PostingDay = content.PostingDay,
            CreatedAt = content.CreatedAt, UpdatedAt = content.UpdatedAt, CreatorAccountId = creatorAccount, ModifierAccountId = modifierAccount,
        };
    }

    /// <summary>
    /// <c>page_created</c> (or the type's own) for each of many new pieces of content, as a hierarchy copy
    /// makes them: one event each, as Cloud sends, but their summaries read in one query for all,
    /// the first time a payload is built.
    /// </summary>
    public Task CreatedManyAsync(IReadOnlyList<ContentRecord> created, Caller? actor, CancellationToken ct = default) =>
        ManyAsync(ContentChange.Created, created, actor, ct);

    /// <summary>
    /// The same change to many items of the page tree known by id and type (a page tree trashed at once), their summaries read in
    /// one query: each raises its own type's event, <c>page_trashed</c> for a page, <c>content_trashed</c> for a folder, whiteboard...
    /// </summary>
    public Task TreeItemsAsync(ContentChange change, IReadOnlyList<TreeItemRecord> items, Caller? actor, CancellationToken ct = default) =>
        ManyAsync(change, [.. items.Select(i => new ContentRecord { Id = i.Id, Type = i.Type, Status = ContentRules.Current, Title = "" })],
            actor, ct);

    /// <summary>The same change to many pieces of content: one event each, all their summaries read in one query.</summary>
    private async Task ManyAsync(ContentChange change, IReadOnlyList<ContentRecord> changed, Caller? actor, CancellationToken ct)
    {
        Dictionary<long, ContentSubject>? all = null;
        async Task<IReadOnlyList<ContentSubject>> ReadAsync(IReadOnlyList<long> ids, CancellationToken ct2)
        {
            all ??= (await subjects.ContentAsync(
                [.. changed.Select(c => c.Id).Concat(changed.Select(c => c.ContainerId).OfType<long>()).Distinct()], ct2)).ToDictionary(c => c.Id);
            return [.. ids.Where(all.ContainsKey).Select(id => all[id])];
        }
        foreach (var content in changed) await RaiseAsync(change, content, actor, null, ct, ReadAsync);
    }

    /// <summary><c>page_moved</c>: the page with its old and new parent (<c>oldParent</c>, <c>newParent</c>, each when there is one).</summary>
    public Task MovedAsync(ContentRecord content, long? oldParentId, long? newParentId, Caller? actor, CancellationToken ct = default) =>
        RaiseAsync(ContentChange.Moved, content, actor, async (payload, ct2) =>
        {
            var parents = await subjects.ContentAsync([.. new[] { oldParentId, newParentId }.OfType<long>()], ct2);
            if (parents.FirstOrDefault(p => p.Id == oldParentId) is { } oldParent) payload["oldParent"] = Summary(oldParent);
            if (parents.FirstOrDefault(p => p.Id == newParentId) is { } newParent) payload["newParent"] = Summary(newParent);
        }, ct);

    /// <summary>Whether a webhook wants <c>page_children_reordered</c>, whose old order must be read before the move.</summary>
    public Task<bool> WantsChildrenReorderedAsync(CancellationToken ct = default) =>
        outbox.WantsAsync(WebhookPayloads.EventName(ContentRules.Page, ContentChange.ChildrenReordered), ct);

    /// <summary><c>page_children_reordered</c>: the parent page with its children in their old and new order.</summary>
    public Task ChildrenReorderedAsync(
        ContentRecord parent, IReadOnlyList<long> oldOrder, IReadOnlyList<long> newOrder, Caller? actor, CancellationToken ct = default) =>
        RaiseAsync(ContentChange.ChildrenReordered, parent, actor, async (payload, ct2) =>
        {
            var children = (await subjects.ContentAsync([.. oldOrder.Union(newOrder)], ct2)).ToDictionary(c => c.Id);
            payload["oldSortedChildren"] = new JsonArray([.. oldOrder.Where(children.ContainsKey).Select(id => (JsonNode)Summary(children[id]))]);
            payload["newSortedChildren"] = new JsonArray([.. newOrder.Where(children.ContainsKey).Select(id => (JsonNode)Summary(children[id]))]);
        }, ct);

    private Task RaiseAsync(
        ContentChange change, ContentRecord content, Caller? actor, Func<JsonObject, CancellationToken, Task>? extra, CancellationToken ct,
        Func<IReadOnlyList<long>, CancellationToken, Task<IReadOnlyList<ContentSubject>>>? read = null)
    {
        read ??= subjects.ContentAsync;
        if (content.Status == ContentRules.Draft) return Task.CompletedTask;
        var entityName = WebhookPayloads.EntityName(content.Type);
        return outbox.RaiseAsync(WebhookPayloads.EventName(content.Type, change), WebhookEntity.Content(content.Id), actor, async ct2 =>
        {
            var ids = new List<long> { content.Id };
            if (content.ContainerId is { } containerId) ids.Add(containerId);
            var found = (await read(ids, ct2)).ToDictionary(c => c.Id);
            if (!found.TryGetValue(content.Id, out var subject)) return null;
            // What hangs off a draft (an attachment of an unpublished page) is as unannounced as the draft.
            ContentSubject? on = content.ContainerId is { } container ? found.GetValueOrDefault(container) : null;
            if (on?.Status == ContentRules.Draft) return null;
            var entity = Summary(subject);
            if (on is not null) entity["parent"] = Summary(on);
            if (content.Type == ContentRules.Comment && content.ParentId is { } repliedTo)
                entity["inReplyTo"] = new JsonObject { ["id"] = repliedTo, ["idAsString"] = repliedTo.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var payload = new JsonObject();
            if (change == ContentChange.Updated && content.Type is ContentRules.Page or ContentRules.BlogPost) payload["updateTrigger"] = "edit_page";
            payload[entityName] = entity;
            if (extra is not null) await extra(payload, ct2);
            return payload;
        }, ct);
    }

    private JsonObject Summary(ContentSubject subject) => WebhookPayloads.Content(subject, site.Base);
}
