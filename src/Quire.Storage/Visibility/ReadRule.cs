using System.Collections.Concurrent;
using Dapper;
using Quire.Storage.Dialects;
using Quire.Storage.Spaces;

namespace Quire.Storage.Visibility;

/// <summary>
/// The one rule "who may read this", as SQL conditions and their parameters, for every query
/// that reads for a viewer. Content is readable when its space is (not pending deletion, and
/// the viewer holds <c>read/space</c> directly, through a group, or through a grant to anonymous
/// while anonymous grants apply to it: see <see cref="Viewer"/>), when no read restriction of it
/// or of its ancestors leaves the viewer out (through <c>content_read_guards</c>, one index probe
/// for unguarded content), when it is not someone else's draft, and when it is not in the trash
/// unless the viewer administers its space. Stores ask <see cref="For(Viewer, object)"/> for the
/// conditions over their table aliases and get the parameters those conditions read.
/// <para>
/// A condition's text depends only on the dialect and the aliases, never on the viewer: the
/// groups travel as one array parameter (<see cref="SqlDialect.InList"/>), so a statement's text is
/// the same for every caller and one prepared statement serves them all. Each text is built once
/// per alias shape and kept.
/// </para>
/// </summary>
public sealed class ReadRule
{
    private static readonly ConcurrentDictionary<SqlDialect, ReadRule> Rules = new();

    private readonly SqlDialect _dialect;
    private readonly ConcurrentDictionary<(Part, ContentRows, string, string), string> _texts = new();

    private ReadRule(SqlDialect dialect) => _dialect = dialect;

    /// <summary>The rule written in the dialect's SQL; one per dialect, so its texts are built once per process.</summary>
    public static ReadRule For(SqlDialect dialect) => Rules.GetOrAdd(dialect, static d => new ReadRule(d));

    private enum Part { Space, Restrictions, Draft, Trash, Container, Content, UserSpace, UserContent }

    /// <summary>
    /// The conditions for this viewer; the parameters they read are added to <paramref name="parameters"/>
    /// (<c>viewerId</c>, <c>viewerGroups</c>, <c>viewerAnonymous</c>, <c>pending</c>: the query must not use these names otherwise).
    /// </summary>
    public ReadableBy For(Viewer viewer, DynamicParameters parameters)
    {
        parameters.Add("viewerId", viewer.UserId);
        parameters.Add("viewerGroups", viewer.GroupIds.ToArray());
        parameters.Add("viewerAnonymous", viewer.AnonymousGrantsApply);
        parameters.Add("pending", false);
        return new ReadableBy(this);
    }

    /// <summary>The conditions for this viewer and the query's parameters: <paramref name="values"/> (an object's properties, as Dapper reads them) plus the rule's.</summary>
    public (ReadableBy Read, DynamicParameters Parameters) For(Viewer viewer, object? values = null)
    {
        var parameters = new DynamicParameters(values);
        return (For(viewer, parameters), parameters);
    }

    /// <summary>
    /// The conditions for a user named by a row (the watchers of a listing), whose groups are read
    /// from <c>group_members</c>; grants to anonymous count for them while <paramref name="anonymousGrantsApply"/>
    /// (<c>rowAnonymous</c> and <c>pending</c> are added to <paramref name="parameters"/>).
    /// </summary>
    public ReadableByRow ForUserIn(string userColumn, bool anonymousGrantsApply, DynamicParameters parameters)
    {
        parameters.Add("rowAnonymous", anonymousGrantsApply);
        parameters.Add("pending", false);
        return new ReadableByRow(this, userColumn);
    }

    private string Text(Part part, string first, string second = "", ContentRows rows = ContentRows.Current) =>
        _texts.GetOrAdd((part, rows, first, second), static (key, rule) => rule.Build(key.Item1, key.Item3, key.Item4, key.Item2), this);

    private string Build(Part part, string first, string second, ContentRows rows) => part switch
    {
        Part.Space => $"{first}.pending_deletion = @pending AND " + ReadGrant(first,
            $"vp.user_id = @viewerId OR {_dialect.InList("vp.group_id", "viewerGroups")} OR (vp.anonymous AND @viewerAnonymous)"),
        Part.Restrictions => GuardsAdmit(first, $"rr.user_id = @viewerId OR {_dialect.InList("rr.group_id", "viewerGroups")}"),
        Part.Draft => $"({first}.status <> 'draft' OR {first}.created_by = @viewerId)",
        Part.Trash =>
            $"""
            ({first}.status <> 'trashed'
             OR EXISTS (SELECT 1 FROM space_permissions tp
                        WHERE tp.space_id = {first}.space_id AND tp.operation = 'administer' AND tp.target_type = 'space'
                          AND (tp.user_id = @viewerId OR {_dialect.InList("tp.group_id", "viewerGroups")})))
            """,
        Part.Container => $"({Text(Part.Draft, first)} AND {Text(Part.Trash, first)})",
        Part.Content => string.Join(" AND ",
            new[]
            {
                Text(Part.Space, second), Text(Part.Restrictions, first),
                rows.HasFlag(ContentRows.Drafts) ? Text(Part.Draft, first) : null,
                rows.HasFlag(ContentRows.Trashed) ? Text(Part.Trash, first) : null,
            }.OfType<string>()),
        Part.UserSpace => $"{first}.pending_deletion = @pending AND " + ReadGrant(first,
            $"vp.user_id = {second} OR vp.group_id IN (SELECT gm.group_id FROM group_members gm WHERE gm.user_id = {second}) OR (vp.anonymous AND @rowAnonymous)"),
        Part.UserContent => GuardsAdmit(first,
                $"rr.user_id = {second} OR rr.group_id IN (SELECT gm.group_id FROM group_members gm WHERE gm.user_id = {second})")
            + $" AND ({first}.status <> 'draft' OR {first}.created_by = {second})",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part.ToString()),
    };

    /// <summary>Anonymous is never granted administer, so the trash check needs no anonymous clause.</summary>
    private static string ReadGrant(string space, string subject) =>
        $"""
        EXISTS (SELECT 1 FROM space_permissions vp
                WHERE vp.space_id = {space}.id AND vp.operation = 'read' AND vp.target_type = 'space' AND ({subject}))
        """;

    /// <summary>"No guard of the content (itself or an ancestor with a read restriction) leaves the subject out."</summary>
    private static string GuardsAdmit(string content, string subject) =>
        $"""
        NOT EXISTS (SELECT 1 FROM content_read_guards rg
                    WHERE rg.content_id = {content}.id
                      AND NOT EXISTS (SELECT 1 FROM content_restrictions rr
                                      WHERE rr.content_id = rg.guard_id AND rr.operation = 'read' AND ({subject})))
        """;

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
            _rule.Text(Part.Content, content, space, rows);

        /// <summary>The space row is readable: not pending deletion, and the viewer holds <c>read/space</c> on it.</summary>
        public string Space(string space = "s") => _rule.Text(Part.Space, space);

        /// <summary>The viewer passes the read restrictions of the content row and all its ancestors.</summary>
        public string Restrictions(string content = "c") => _rule.Text(Part.Restrictions, content);

        /// <summary>The content row is not a draft, or the viewer wrote it: drafts are seen by their author alone.</summary>
        public string Draft(string content = "c") => _rule.Text(Part.Draft, content);

        /// <summary>
        /// The content row is not in the trash, or the viewer administers its space: Confluence shows a
        /// space's trash to its admins only (they restore and purge it); to anyone else trashed content is missing.
        /// </summary>
        public string Trash(string content = "c") => _rule.Text(Part.Trash, content);

        /// <summary>
        /// The container row (of a comment or an attachment) does not hide what hangs off it: not someone
        /// else's draft, not in the trash for a non-admin. Its space and restrictions are the contained row's own.
        /// </summary>
        public string Container(string container = "k") => _rule.Text(Part.Container, container);
    }

    /// <summary>The rule for the user a row names (<see cref="ForUserIn"/>).</summary>
    public readonly struct ReadableByRow
    {
        private readonly ReadRule _rule;
        private readonly string _userColumn;

        internal ReadableByRow(ReadRule rule, string userColumn) => (_rule, _userColumn) = (rule, userColumn);

        /// <summary>The space row is not pending deletion and the user holds <c>read/space</c> on it.</summary>
        public string Space(string space = "s") => _rule.Text(Part.UserSpace, space, _userColumn);

        /// <summary>The user passes the content row's read restrictions (and its ancestors'), and a draft is theirs.</summary>
        public string Content(string content = "c") => _rule.Text(Part.UserContent, content, _userColumn);
    }
}
