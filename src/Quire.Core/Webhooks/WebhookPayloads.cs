using System.Globalization;
using System.Text.Json.Nodes;
using Quire.Core.Content;
using Quire.Storage.Content;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// The entity objects of webhook payloads, as Confluence Cloud's webhooks shape them: flat
/// summaries, not REST objects. Content has a numeric <c>id</c> with <c>idAsString</c>, its space's
/// key and id, <c>contentType</c>, <c>version</c> as a number, the account ids of its creator and
/// last modifier, epoch-millisecond dates, and <c>self</c>, its address in the web interface.
/// </summary>
public static class WebhookPayloads
{
    /// <summary>The member a content event's entity goes under: <c>page</c>, <c>blog</c>, <c>comment</c>, <c>attachment</c> or <c>content</c>.</summary>
    public static string EntityName(string contentType) => contentType switch
    {
        ContentRules.Page => "page",
        ContentRules.BlogPost => "blog",
        ContentRules.Comment => "comment",
        ContentRules.Attachment => "attachment",
        _ => "content",
    };

    /// <summary>The event a change to content of <paramref name="contentType"/> raises, e.g. <c>blog_trashed</c>.</summary>
    public static string EventName(string contentType, ContentChange change) => EntityName(contentType) + "_" + change switch
    {
        ContentChange.Created => "created",
        ContentChange.Updated => "updated",
        ContentChange.Trashed => "trashed",
        ContentChange.Restored => "restored",
        ContentChange.Removed => "removed",
        ContentChange.Moved => "moved",
        ContentChange.ChildrenReordered => "children_reordered",
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    public static JsonObject Content(ContentSubject content, string siteBase)
    {
        var summary = new JsonObject
        {
            ["id"] = content.Id,
            ["idAsString"] = content.Id.ToString(CultureInfo.InvariantCulture),
            ["spaceKey"] = content.SpaceKey,
            ["spaceId"] = content.SpaceId,
        };
        // Cloud's comment summaries have no title: a comment's is only "Re: " and its page's.
        if (content.Type != ContentRules.Comment) summary["title"] = content.Title;
        summary["contentType"] = content.Type;
        summary["version"] = content.Version;
        if (content.CreatorAccountId is { } creator) summary["creatorAccountId"] = creator;
        if (content.ModifierAccountId is { } modifier) summary["lastModifierAccountId"] = modifier;
        summary["creationDate"] = content.CreatedAt;
        summary["modificationDate"] = content.UpdatedAt;
        summary["self"] = siteBase + ContentWebLinks.Webui(AsRecord(content), content.SpaceKey);
        if (content.Type == ContentRules.Attachment)
        {
            summary["fileName"] = content.Title;
            if (content.MediaType is { } mediaType) summary["mediaType"] = mediaType;
            if (content.FileSize is { } size) summary["fileSize"] = size;
        }
        return summary;
    }

    /// <summary>
    /// A space as Data Center's webhooks describe it (Cloud's shape is not documented): <c>id</c>,
    /// <c>key</c>, <c>title</c>, <c>description</c> when it has one, <c>isPersonalSpace</c>, its web
    /// address, its creator and creation date, and its home page's summary as <c>homePage</c>.
    /// </summary>
    public static JsonObject Space(SpaceSubject space, string siteBase, ContentSubject? homePage = null)
    {
        var summary = new JsonObject
        {
            ["id"] = space.Id,
            ["key"] = space.Key,
            ["title"] = space.Name,
        };
        if (space.Description.Length > 0) summary["description"] = space.Description;
        summary["isPersonalSpace"] = space.Type == "personal";
        summary["self"] = $"{siteBase}/spaces/{Uri.EscapeDataString(space.Key)}";
        if (space.CreatorAccountId is { } creator) summary["creatorAccountId"] = creator;
        summary["creationDate"] = space.CreatedAt;
        if (homePage is not null) summary["homePage"] = Content(homePage, siteBase);
        return summary;
    }

    /// <summary>
    /// A group: its <c>name</c> (all Data Center sends, as a bare string) and its <c>id</c>, as an
    /// object like every other entity of Cloud's payloads, since Cloud names groups by id.
    /// </summary>
    public static JsonObject Group(string id, string name) => new() { ["name"] = name, ["id"] = id };

    /// <summary>
    /// A user as <c>userProfile</c>: the account id and display name; no e-mail address, which Cloud
    /// hides from apps (Data Center's <c>userKey</c> is Cloud's <c>accountId</c>).
    /// </summary>
    public static JsonObject UserProfile(string accountId, string displayName) =>
        new() { ["accountId"] = accountId, ["displayName"] = displayName };

    /// <summary>Just enough of a record for <see cref="ContentWebLinks"/>, which builds the same address v1's and v2's answers give.</summary>
    private static ContentRecord AsRecord(ContentSubject content) => new()
    {
        Id = content.Id, Type = content.Type, Status = content.Status, Title = content.Title, SpaceId = content.SpaceId,
        ContainerId = content.ContainerId, PostingDay = content.PostingDay,
    };
}
