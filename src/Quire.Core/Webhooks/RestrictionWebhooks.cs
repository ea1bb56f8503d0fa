using System.Text.Json.Nodes;
using Quire.Core.ContentBody;
using Quire.Core.Security;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// Raises <c>content_permissions_updated</c> when a page's or blog post's restrictions change. The
/// payload has the content's summary as <c>content</c>, as Data Center's does (Cloud's is not
/// documented); Data Center's <c>type</c> is left out, since one Quire change may touch both the read
/// and the update restriction. Call inside the change's transaction.
/// </summary>
public sealed class RestrictionWebhooks(WebhookOutbox outbox, WebhookSubjectStore subjects, ISiteBaseUrl site)
{
    public Task PermissionsUpdatedAsync(long contentId, Caller actor, CancellationToken ct = default) =>
        outbox.RaiseAsync("content_permissions_updated", WebhookEntity.Content(contentId), actor, async ct2 =>
        {
            var content = (await subjects.ContentAsync([contentId], ct2)).FirstOrDefault();
            return content is null ? null : new JsonObject { ["content"] = WebhookPayloads.Content(content, site.Base) };
        }, ct);
}
