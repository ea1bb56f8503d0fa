namespace Quire.Core.Webhooks;

/// <summary>
/// What an event is about. <see cref="Key"/> orders deliveries (one entity's events reach a webhook
/// in the order they were raised); <see cref="ContentIds"/> and <see cref="SpaceIds"/> are what an
/// app's user must be able to view for the app's webhooks to hear of the event. Site-wide entities
/// (users, groups, global labels) name nothing to view: every subscribed app hears of them.
/// </summary>
public sealed record WebhookEntity(string Key, long[] ContentIds, long[] SpaceIds)
{
    public static WebhookEntity Content(long id) => new("content:" + id, [id], []);

    public static WebhookEntity Space(long id) => new("space:" + id, [], [id]);

    public static WebhookEntity User(string accountId) => new("user:" + accountId, [], []);

    public static WebhookEntity Group(string id) => new("group:" + id, [], []);

    public static WebhookEntity Label(long id) => new("label:" + id, [], []);

    /// <summary>Whether an app's user must be able to view something for the app to hear of it.</summary>
    public bool NeedsViewing => ContentIds.Length > 0 || SpaceIds.Length > 0;
}
