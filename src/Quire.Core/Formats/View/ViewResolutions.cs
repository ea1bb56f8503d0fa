namespace Quire.Core.Formats.View;

/// <summary>A page or blog post the viewer may see, with what its link needs.</summary>
public sealed record ResolvedPage(long Id, string Type, string SpaceKey, string Title, int Version, string? PostingDay);

/// <summary>A current attachment the viewer may see, with what its download URL needs.</summary>
public sealed record ResolvedAttachment(long Id, long ContainerId, string FileName, int Version, long UpdatedAt, string? MediaType);

public sealed record ResolvedUser(string AccountId, string DisplayName);

public sealed record ResolvedSpace(string Key, string Name);

/// <summary>
/// What the database answered about the references of a set of bodies, for one viewer: only
/// what that viewer may see is here, so a renderer that finds nothing shows the storage's own
/// text and never an id, URL or title it did not carry.
/// </summary>
public sealed class ViewResolutions
{
    public static readonly ViewResolutions None = new();

    public Dictionary<long, ResolvedPage> PagesById { get; } = [];
    /// <summary>By (type, lower-cased space key, lower-cased title); blog posts of one title may be several (one per day).</summary>
    public Dictionary<(string Type, string SpaceKeyLower, string TitleLower), List<ResolvedPage>> PagesByTitle { get; } = [];
    public Dictionary<(long ContainerId, string FileNameLower), ResolvedAttachment> Attachments { get; } = [];
    public Dictionary<string, ResolvedUser> Users { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ResolvedSpace> SpacesByKeyLower { get; } = new(StringComparer.Ordinal);
    /// <summary>The visible current child pages of a page, in the page tree's order.</summary>
    public Dictionary<long, List<ResolvedPage>> Children { get; } = [];

    public void AddPage(ResolvedPage page)
    {
        PagesById[page.Id] = page;
        var key = (page.Type, page.SpaceKey.ToLowerInvariant(), page.Title.ToLowerInvariant());
        if (!PagesByTitle.TryGetValue(key, out var list)) PagesByTitle[key] = list = [];
        if (!list.Contains(page)) list.Add(page);
    }

    public ResolvedPage? Page(PageTarget? target)
    {
        if (target is null) return null;
        if (target.Id is { } id) return PagesById.GetValueOrDefault(id);
        if (!PagesByTitle.TryGetValue((target.Type, target.SpaceKeyLower, target.TitleLower), out var pages)) return null;
        return target.PostingDay is { } day ? pages.FirstOrDefault(p => p.PostingDay == day) : pages.FirstOrDefault();
    }

    /// <summary>The id whose attachments or children a reference means: the target's, or the body's own content for none.</summary>
    public long? OwnerId(PageTarget? target, long ownContentId) =>
        target is null ? ownContentId == 0 ? null : ownContentId : Page(target)?.Id;

    public ResolvedAttachment? Attachment(AttachmentTarget target, long ownContentId) =>
        OwnerId(target.Owner, ownContentId) is { } owner ? Attachments.GetValueOrDefault((owner, target.FileNameLower)) : null;

    public IReadOnlyList<ResolvedPage> ChildrenOf(PageTarget? target, long ownContentId) =>
        OwnerId(target, ownContentId) is { } owner && Children.TryGetValue(owner, out var children) ? children : [];
}
