using System.Text.RegularExpressions;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Storage.CustomContent;

namespace Quire.Core.CustomContent;

/// <summary>
/// A declared custom content type, as Cloud's <c>customContent</c> module's <c>apiSupport</c> describes one: where its content
/// may live (<see cref="ContainerTypes"/>: <c>space</c>, <c>page</c>, <c>blogpost</c> or other custom types) and what may hang off
/// it (<see cref="ChildTypes"/>: <c>attachment</c>, <c>comment</c> or other custom types).
/// </summary>
public sealed record CustomContentType(
    string Key, string Name, IReadOnlyList<string> ContainerTypes, IReadOnlyList<string> ChildTypes, string BodyType, long CreatedAt)
{
    public const string Space = "space";
    public const string Storage = "storage";

    public bool Contains(string childType) => ChildTypes.Contains(childType);

    public bool LivesIn(string containerType) => ContainerTypes.Contains(containerType);

    public static CustomContentType Of(CustomContentTypeRecord row) => new(
        row.Key, row.Name, Split(row.ContainerTypes), Split(row.ChildTypes), row.BodyType, row.CreatedAt);

    private static IReadOnlyList<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>What a site admin declares; null lists take the defaults (<see cref="CustomContentTypeRules"/>).</summary>
public sealed record CustomContentTypeInput(
    string? Key, string? Name, IReadOnlyList<string>? ContainerTypes, IReadOnlyList<string>? ChildTypes, string? BodyType);

/// <summary>The values a declaration may take, checked before anything is stored.</summary>
public static partial class CustomContentTypeRules
{
    public const int MaxKeyLength = 255;
    public const int MaxNameLength = 255;

    /// <summary>Content lives in a space unless the declaration says otherwise.</summary>
    public static readonly IReadOnlyList<string> DefaultContainerTypes = [CustomContentType.Space];

    /// <summary>Attachments and comments may hang off it unless the declaration says otherwise.</summary>
    public static readonly IReadOnlyList<string> DefaultChildTypes = [ContentRules.Attachment, ContentRules.Comment];

    /// <summary>Connect's <c>ac:{appKey}:{moduleKey}</c> or Forge's <c>forge:{appId}:{environment}:{moduleKey}</c>, lower case.</summary>
    [GeneratedRegex("^(ac(:[a-z0-9][a-z0-9._-]*){2}|forge(:[a-z0-9][a-z0-9._-]*){3})$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    public static string Key(string? key) =>
        key is not null && key.Length <= MaxKeyLength && KeyPattern().IsMatch(key)
            ? key
            : throw new BadRequestException(
                $"'{key}' is not a custom content type key: use ac:<app-key>:<module-key> or forge:<app-id>:<environment>:<module-key>, in lower case.");

    public static string Name(string? name, string key)
    {
        if (string.IsNullOrWhiteSpace(name)) return key;
        return name.Length <= MaxNameLength ? name.Trim() : throw new BadRequestException($"name must not be longer than {MaxNameLength} characters.");
    }

    public static IReadOnlyList<string> ContainerTypes(IReadOnlyList<string>? types) =>
        List(types, DefaultContainerTypes, "containerTypes", [CustomContentType.Space, ContentRules.Page, ContentRules.BlogPost]);

    public static IReadOnlyList<string> ChildTypes(IReadOnlyList<string>? types) =>
        List(types, DefaultChildTypes, "childTypes", [ContentRules.Attachment, ContentRules.Comment]);

    /// <summary>Quire stores custom content bodies in storage format (atlas_doc_format is converted to it); no <c>raw</c> bodies yet.</summary>
    public static string BodyType(string? bodyType) =>
        bodyType is null or CustomContentType.Storage
            ? CustomContentType.Storage
            : throw new BadRequestException($"bodyType must be storage; '{bodyType}' is not supported.");

    private static IReadOnlyList<string> List(IReadOnlyList<string>? types, IReadOnlyList<string> defaults, string member, string[] builtIn)
    {
        if (types is null) return defaults;
        foreach (var type in types)
            if (!builtIn.Contains(type) && (type is null || !KeyPattern().IsMatch(type)))
                throw new BadRequestException($"{member} may hold {string.Join(", ", builtIn)} or custom content type keys; '{type}' is none of them.");
        return types.Distinct().ToList();
    }
}
