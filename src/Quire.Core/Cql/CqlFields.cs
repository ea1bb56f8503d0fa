using System.Collections.Frozen;

namespace Quire.Core.Cql;

/// <summary>The fields Quire understands, normalized; the translator switches on these.</summary>
public enum CqlField
{
    Ancestor,
    Container,
    Content,
    Created,
    Creator,
    Contributor,
    Favourite,
    Id,
    Label,
    LastModified,
    Macro,
    Mention,
    Parent,
    Space,
    SpaceKey,
    SpaceTitle,
    SpaceType,
    Text,
    Title,
    Type,
    Watcher,
    User,
    UserFullName,
    UserAccountId,
}

/// <summary>The reference's field types: what a value of the field names.</summary>
public enum CqlFieldKind
{
    /// <summary>A content id (ancestor, container, content, id, parent).</summary>
    Content,
    /// <summary>An instant (created, lastmodified): date literals and date functions.</summary>
    Date,
    /// <summary>A user by account id or user name; currentUser() allowed.</summary>
    User,
    /// <summary>Free text searched with ~ / !~ (text, title, space.title, user.fullname).</summary>
    Text,
    /// <summary>An exact string (label, macro, space.type).</summary>
    String,
    /// <summary>A space key (space, space.key).</summary>
    Space,
    /// <summary>A content or entity type (type).</summary>
    Type,
}

/// <summary>What the reference says of one field: its canonical name, operators and functions.</summary>
public sealed record CqlFieldInfo(
    CqlField Field,
    string Name,
    CqlFieldKind Kind,
    IReadOnlyList<CqlOperator> Operators,
    IReadOnlyList<CqlFunctionName> Functions,
    bool Orderable)
{
    public bool Supports(CqlOperator op) => Operators.Contains(op);
    public bool Supports(CqlFunctionName function) => Functions.Contains(function);
}

public static class CqlFields
{
    static readonly CqlOperator[] Equality =
        [CqlOperator.Equal, CqlOperator.NotEqual, CqlOperator.In, CqlOperator.NotIn];
    static readonly CqlOperator[] Containment = [CqlOperator.Contains, CqlOperator.NotContains];
    static readonly CqlOperator[] TitleOperators =
        [CqlOperator.Equal, CqlOperator.NotEqual, CqlOperator.Contains, CqlOperator.NotContains,
         CqlOperator.In, CqlOperator.NotIn];
    static readonly CqlOperator[] Range =
        [CqlOperator.Equal, CqlOperator.NotEqual, CqlOperator.Greater, CqlOperator.GreaterOrEqual,
         CqlOperator.Less, CqlOperator.LessOrEqual];

    static readonly CqlFunctionName[] None = [];
    static readonly CqlFunctionName[] Me = [CqlFunctionName.CurrentUser];
    static readonly CqlFunctionName[] Dates =
        [CqlFunctionName.Now, CqlFunctionName.StartOfDay, CqlFunctionName.StartOfWeek, CqlFunctionName.StartOfMonth,
         CqlFunctionName.StartOfYear, CqlFunctionName.EndOfDay, CqlFunctionName.EndOfWeek, CqlFunctionName.EndOfMonth,
         CqlFunctionName.EndOfYear];

    static readonly CqlFieldInfo[] All =
    [
        new(CqlField.Ancestor, "ancestor", CqlFieldKind.Content, Equality, None, false),
        new(CqlField.Container, "container", CqlFieldKind.Content, Equality, None, false),
        new(CqlField.Content, "content", CqlFieldKind.Content, Equality, None, true),
        new(CqlField.Created, "created", CqlFieldKind.Date, Range, Dates, true),
        new(CqlField.Creator, "creator", CqlFieldKind.User, Equality, Me, false),
        new(CqlField.Contributor, "contributor", CqlFieldKind.User, Equality, Me, false),
        new(CqlField.Favourite, "favourite", CqlFieldKind.User, Equality, Me, false),
        new(CqlField.Id, "id", CqlFieldKind.Content, Equality, None, true),
        new(CqlField.Label, "label", CqlFieldKind.String, Equality, None, false),
        new(CqlField.LastModified, "lastmodified", CqlFieldKind.Date, Range, Dates, true),
        new(CqlField.Macro, "macro", CqlFieldKind.String, Equality, None, false),
        new(CqlField.Mention, "mention", CqlFieldKind.User, Equality, Me, false),
        new(CqlField.Parent, "parent", CqlFieldKind.Content, Equality, None, false),
        new(CqlField.Space, "space", CqlFieldKind.Space, Equality, None, true),
        new(CqlField.SpaceKey, "space.key", CqlFieldKind.Space, Equality, None, true),
        new(CqlField.SpaceTitle, "space.title", CqlFieldKind.Text, Containment, None, true),
        new(CqlField.SpaceType, "space.type", CqlFieldKind.String, Equality, None, false),
        new(CqlField.Text, "text", CqlFieldKind.Text, Containment, None, false),
        new(CqlField.Title, "title", CqlFieldKind.Text, TitleOperators, None, true),
        new(CqlField.Type, "type", CqlFieldKind.Type, Equality, None, true),
        new(CqlField.Watcher, "watcher", CqlFieldKind.User, Equality, Me, false),
        new(CqlField.User, "user", CqlFieldKind.User, Equality, Me, false),
        new(CqlField.UserFullName, "user.fullname", CqlFieldKind.Text, Containment, None, true),
        new(CqlField.UserAccountId, "user.accountid", CqlFieldKind.User, Equality, Me, false),
    ];

    static readonly FrozenDictionary<CqlField, CqlFieldInfo> ByField = All.ToFrozenDictionary(f => f.Field);

    static readonly FrozenDictionary<string, CqlFieldInfo> ByName =
        All.Select(f => KeyValuePair.Create(f.Name, f))
            .Append(KeyValuePair.Create("favorite", ByField[CqlField.Favourite]))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<CqlFieldInfo> List => All;

    public static CqlFieldInfo Of(CqlField field) => ByField[field];

    /// <summary>Looks a field up by name, case-insensitively ("lastModified", "favorite" too).</summary>
    public static bool TryFind(string name, out CqlFieldInfo info) => ByName.TryGetValue(name, out info!);
}
