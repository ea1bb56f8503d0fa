namespace Quire.Storage.Visibility;

/// <summary>
/// The rule for one viewer, over the aliases a query gives its tables; the texts are the same
/// for every viewer (see <see cref="ReadRule"/>).
/// </summary>
public readonly struct ReadableBy
{
    private readonly ReadRule _rule;

    internal ReadableBy(ReadRule rule) => _rule = rule;

    /// <summary>
    /// The content row <paramref name="content"/> in the space row <paramref name="space"/> (its
    /// <c>space_id</c>'s) is readable: the space, the read restrictions, and the checks for the
    /// <paramref name="rows"/> the query can meet.
    /// </summary>
    public string Content(ContentRows rows, string content = "c", string space = "s") =>
        _rule.Text(ReadPart.Content, content, space, rows);

    /// <summary>The space row is readable: not pending deletion, and the viewer holds <c>read/space</c> on it.</summary>
    public string Space(string space = "s") => _rule.Text(ReadPart.Space, space);

    /// <summary>The viewer passes the read restrictions of the content row and all its ancestors.</summary>
    public string Restrictions(string content = "c") => _rule.Text(ReadPart.Restrictions, content);

    /// <summary>The content row is not a draft, or the viewer wrote it: drafts are seen by their author alone.</summary>
    public string Draft(string content = "c") => _rule.Text(ReadPart.Draft, content);

    /// <summary>
    /// The content row is not in the trash, or the viewer administers its space: Confluence shows a
    /// space's trash to its admins only (they restore and purge it); to anyone else trashed content is missing.
    /// </summary>
    public string Trash(string content = "c") => _rule.Text(ReadPart.Trash, content);

    /// <summary>
    /// The container row (of a comment, an attachment or custom content) does not hide what hangs off it, and
    /// neither does any container above it (the page of an attachment a comment is on; the custom content and
    /// page above custom content), up to <see cref="ReadRule.MaxContainerDepth"/> levels: not someone else's
    /// draft, not in the trash for a non-admin. Its space and restrictions are the contained row's own
    /// (restrictions reach what hangs off containers through <c>content_read_guards</c>, whatever the depth).
    /// </summary>
    public string Container(string container = "k") => _rule.Text(ReadPart.Container, container);

    /// <summary>
    /// The container row alone does not hide what hangs off it (the one level of <see cref="Container"/>), for a
    /// query that joins the levels itself (search, which checks each level's status against the asked ones too).
    /// </summary>
    public string ContainerItself(string container = "k") => _rule.Text(ReadPart.ContainerItself, container);
}
