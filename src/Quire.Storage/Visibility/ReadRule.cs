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
    private readonly ConcurrentDictionary<(ReadPart, ContentRows, string, string), string> _texts = new();

    private ReadRule(SqlDialect dialect) => _dialect = dialect;

    /// <summary>The rule written in the dialect's SQL; one per dialect, so its texts are built once per process.</summary>
    public static ReadRule For(SqlDialect dialect) => Rules.GetOrAdd(dialect, static d => new ReadRule(d));

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

    /// <summary>
    /// The conditions' texts alone, for a statement whose text is built once (<see cref="Dialects.PerDialect{T}"/>):
    /// the texts are the same for every viewer; each call still takes its parameters from <see cref="For(Viewer, object)"/>.
    /// </summary>
    public ReadableBy Conditions => new(this);

    /// <summary>The conditions for this viewer and the query's parameters: <paramref name="values"/> (an object's properties, as Dapper reads them) plus the rule's.</summary>
    public (ReadableBy Read, DynamicParameters Parameters) For(Viewer viewer, object? values = null)
    {
        var parameters = new DynamicParameters(values);
        return (For(viewer, parameters), parameters);
    }

    /// <summary>
    /// The rule's parameters and the <c>@id</c> of the one row a statement reads, as a typed object (<see cref="OneRowParameters"/>)
    /// for the hottest reads: Dapper binds a type's properties through a reader it builds once, where a
    /// <see cref="DynamicParameters"/> made from an object fills a dictionary and takes a process-wide lock on Dapper's
    /// cache on every execution (a wall-clock profile of the content read showed threads waiting on it). The content
    /// read itself binds them without Dapper (<see cref="OneRowParameters.AddTo"/>); its container check goes through Dapper.
    /// </summary>
    public static OneRowParameters ForOneRow(Viewer viewer, long id) => new(id, viewer);

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

    /// <summary>
    /// What <see cref="For(Viewer, DynamicParameters)"/> adds, plus <c>id</c>. The properties are named as the SQL names
    /// them (<c>@id</c>, <c>@viewerId</c>...), since Dapper binds each property under its own name and SQLite's names are
    /// case-sensitive.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The SQL parameters' names.")]
    public sealed class OneRowParameters(long id, Viewer viewer) : ICommandParameters
    {
        public long id { get; } = id;
        public long viewerId { get; } = viewer.UserId;
        public string[] viewerGroups { get; } = viewer.GroupIds.ToArray();
        public bool viewerAnonymous { get; } = viewer.AnonymousGrantsApply;
        public bool pending => false;

        /// <summary>The same parameters as Dapper binds from the properties above, for the content read, which runs without Dapper.</summary>
        public void AddTo(System.Data.Common.DbCommand command)
        {
            CommandParameters.Add(command, nameof(id), System.Data.DbType.Int64, id);
            CommandParameters.Add(command, nameof(viewerId), System.Data.DbType.Int64, viewerId);
            CommandParameters.AddArray(command, nameof(viewerGroups), viewerGroups);
            CommandParameters.Add(command, nameof(viewerAnonymous), System.Data.DbType.Boolean, viewerAnonymous);
            CommandParameters.Add(command, nameof(pending), System.Data.DbType.Boolean, pending);
        }
    }

    internal string Text(ReadPart part, string first, string second = "", ContentRows rows = ContentRows.Current) =>
        _texts.GetOrAdd((part, rows, first, second), static (key, rule) => rule.Build(key.Item1, key.Item3, key.Item4, key.Item2), this);

    private string Build(ReadPart part, string first, string second, ContentRows rows) => part switch
    {
        ReadPart.Space => $"{first}.pending_deletion = @pending AND " + ReadGrant(first,
            $"vp.user_id = @viewerId OR {_dialect.InList("vp.group_id", "viewerGroups")} OR (vp.anonymous AND @viewerAnonymous)"),
        ReadPart.Restrictions => GuardsAdmit(first, $"rr.user_id = @viewerId OR {_dialect.InList("rr.group_id", "viewerGroups")}"),
        ReadPart.Draft => $"({first}.status <> 'draft' OR {first}.created_by = @viewerId)",
        // Anonymous is never granted administer, so the trash check needs no anonymous clause.
        ReadPart.Trash =>
            $"""
            ({first}.status <> 'trashed'
             OR EXISTS (SELECT 1 FROM space_permissions tp
                        WHERE tp.space_id = {first}.space_id AND tp.operation = 'administer' AND tp.target_type = 'space'
                          AND (tp.user_id = @viewerId OR {_dialect.InList("tp.group_id", "viewerGroups")})))
            """,
        ReadPart.ContainerItself => $"({Text(ReadPart.Draft, first)} AND {Text(ReadPart.Trash, first)})",
        // What hangs off a container is hidden with each container above it, up to MaxContainerDepth: a comment on an
        // attachment of custom content in custom content in a page is four deep, the deepest writes allow. Each level is a
        // primary-key probe that ends where container_id is null. "IS NOT TRUE" because an anonymous viewer's draft check
        // is NULL, not false.
        ReadPart.Container => $"({Text(ReadPart.ContainerItself, first)}{Above(first, first, 2)})",
        ReadPart.Content => string.Join(" AND ",
            new[]
            {
                Text(ReadPart.Space, second), Text(ReadPart.Restrictions, first),
                rows.HasFlag(ContentRows.Drafts) ? Text(ReadPart.Draft, first) : null,
                rows.HasFlag(ContentRows.Trashed) ? Text(ReadPart.Trash, first) : null,
            }.OfType<string>()),
        ReadPart.UserSpace => $"{first}.pending_deletion = @pending AND " + Text(ReadPart.UserSpaceGrant, first, second),
        ReadPart.UserSpaceGrant => ReadGrant(first,
            $"vp.user_id = {second} OR vp.group_id IN (SELECT gm.group_id FROM group_members gm WHERE gm.user_id = {second}) OR (vp.anonymous AND @rowAnonymous)"),
        ReadPart.UserContent => GuardsAdmit(first,
                $"rr.user_id = {second} OR rr.group_id IN (SELECT gm.group_id FROM group_members gm WHERE gm.user_id = {second})")
            + $" AND ({first}.status <> 'draft' OR {first}.created_by = {second})",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part.ToString()),
    };

    /// <summary>
    /// How deep rows may hang off containers (the container of a comment or attachment, of custom content, and theirs):
    /// the read rule checks that many levels, and writes refuse anything deeper (<c>ContentService</c>).
    /// </summary>
    public const int MaxContainerDepth = 4;

    /// <summary>" and no container above <paramref name="below"/>, from this level to the deepest, hides what hangs off it" (aliases <c>{first}_up2</c>, <c>_up3</c>...).</summary>
    private string Above(string first, string below, int level)
    {
        if (level > MaxContainerDepth) return "";
        var up = $"{first}_up{level}";
        return $"""

             AND NOT EXISTS (SELECT 1 FROM content {up} WHERE {up}.id = {below}.container_id
                             AND ({Text(ReadPart.ContainerItself, up)}{Above(first, up, level + 1)}) IS NOT TRUE)
            """;
    }

    /// <summary>"The subject holds read/space on the space row."</summary>
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
}
