namespace Quire.Core.Spaces;

/// <summary>A space permission: an operation on a target type, e.g. create/page.</summary>
public readonly record struct SpaceOperation(string Operation, string TargetType)
{
    public static readonly SpaceOperation Read = new("read", "space");
    public static readonly SpaceOperation Administer = new("administer", "space");
}

/// <summary>The permissions a new space grants, as Confluence's defaults do.</summary>
public static class SpacePermissionSet
{
    /// <summary>Everything: the creator administers the space it made.</summary>
    public static readonly IReadOnlyList<SpaceOperation> Creator =
    [
        SpaceOperation.Read, SpaceOperation.Administer,
        new("export", "space"), new("restrict_content", "space"), new("archive", "page"),
        new("create", "page"), new("delete", "page"),
        new("create", "blogpost"), new("delete", "blogpost"),
        new("create", "comment"), new("delete", "comment"),
        new("create", "attachment"), new("delete", "attachment"),
    ];

    /// <summary>
    /// What every user of the site (confluence-users) may do in a global space: view, add, and
    /// add or remove page restrictions, as Cloud's default space permissions grant.
    /// </summary>
    public static readonly IReadOnlyList<SpaceOperation> SiteUsers =
    [
        SpaceOperation.Read,
        new("create", "page"), new("create", "blogpost"), new("create", "comment"), new("create", "attachment"),
        new("restrict_content", "space"),
    ];
}
