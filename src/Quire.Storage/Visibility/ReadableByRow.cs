namespace Quire.Storage.Visibility;

/// <summary>The rule for the user a row names (<see cref="ReadRule.ForUserIn"/>).</summary>
public readonly struct ReadableByRow
{
    private readonly ReadRule _rule;
    private readonly string _userColumn;

    internal ReadableByRow(ReadRule rule, string userColumn) => (_rule, _userColumn) = (rule, userColumn);

    /// <summary>The space row is not pending deletion and the user holds <c>read/space</c> on it.</summary>
    public string Space(string space = "s") => _rule.Text(ReadPart.UserSpace, space, _userColumn);

    /// <summary>
    /// The user holds <c>read/space</c> on the space row, whether or not it is pending deletion: for what
    /// happens to a space while it is deleted (its <c>space_removed</c> event), which its readers still hear of.
    /// </summary>
    public string SpaceGrant(string space = "s") => _rule.Text(ReadPart.UserSpaceGrant, space, _userColumn);

    /// <summary>The user passes the content row's read restrictions (and its ancestors'), and a draft is theirs.</summary>
    public string Content(string content = "c") => _rule.Text(ReadPart.UserContent, content, _userColumn);
}
