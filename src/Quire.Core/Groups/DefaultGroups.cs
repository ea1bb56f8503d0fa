namespace Quire.Core.Groups;

/// <summary>The groups every Confluence site has.</summary>
public static class DefaultGroups
{
    /// <summary>Every user joins it; it stands for the 'Can use' global permission.</summary>
    public const string Users = "confluence-users";

    /// <summary>Site administrators.</summary>
    public const string Administrators = "confluence-administrators";
}
