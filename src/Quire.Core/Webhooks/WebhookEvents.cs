namespace Quire.Core.Webhooks;

/// <summary>
/// The events a webhook may subscribe to: Confluence Cloud's webhook event names. Content events
/// are named by the content's type: pages <c>page_*</c>, blog posts <c>blog_*</c>, comments
/// <c>comment_*</c>, attachments <c>attachment_*</c>, and any other type <c>content_*</c>.
/// </summary>
public static class WebhookEvents
{
    public const string Ping = "ping";

    public static readonly IReadOnlyList<string> All =
    [
        "page_created", "page_updated", "page_trashed", "page_restored", "page_removed", "page_moved", "page_children_reordered",
        "blog_created", "blog_updated", "blog_trashed", "blog_restored", "blog_removed",
        "comment_created", "comment_updated", "comment_removed",
        "attachment_created", "attachment_updated", "attachment_trashed", "attachment_restored", "attachment_removed",
        "label_added", "label_removed", "label_created", "label_deleted",
        "content_permissions_updated",
        "space_created", "space_updated", "space_removed", "space_permissions_updated",
        "group_created", "group_removed",
        "user_created", "user_removed",
        "relation_created", "relation_deleted",
        "content_created", "content_updated", "content_trashed", "content_restored",
    ];

    private static readonly HashSet<string> Known = [.. All];

    public static bool IsKnown(string name) => Known.Contains(name);
}

/// <summary>What happened to a piece of content; with its type it names the event (<c>page_trashed</c>, <c>comment_removed</c>, ...).</summary>
public enum ContentChange { Created, Updated, Trashed, Restored, Removed, Moved, ChildrenReordered }
