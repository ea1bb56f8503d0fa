namespace Quire.Storage.Visibility;

/// <summary>
/// Which rows a query for a viewer can meet besides current content, so that
/// <see cref="ReadRule.Content"/> adds only the checks that can fail there: a listing of current
/// pages pays neither for the draft check nor for the trash check.
/// </summary>
[Flags]
public enum ContentRows
{
    /// <summary>Only current (or archived) content: the space and the read restrictions decide.</summary>
    Current = 0,

    /// <summary>Drafts may appear: only their author sees them.</summary>
    Drafts = 1,

    /// <summary>Trashed content may appear: only the space's admins see it.</summary>
    Trashed = 2,

    AnyStatus = Drafts | Trashed,
}
