using Quire.Server.ApiV2.Common;
using Quire.Storage.Classification;

namespace Quire.Server.ApiV2.ClassificationLevel;

/// <summary>
/// v2's <c>ClassificationLevel</c>: the id as a string (Quire's level ids are numbers; Cloud's are
/// ARIs, which clients treat as opaque), <c>order</c> from the level's position, no description
/// or guideline when the level has none.
/// </summary>
public sealed record ClassificationLevelJson(
    string Id, string Status, int Order, string Name, string? Description, string? Guideline, string Color)
{
    public static ClassificationLevelJson Of(ClassificationLevelRecord level) =>
        new(V2Links.Id(level.Id), level.Status, level.Position, level.Name, level.Description, level.Guideline, level.Color);
}

/// <summary>The body of the PUT operations (space default and content): the level's <c>id</c> and the content's <c>status</c>.</summary>
public sealed record ClassificationLevelUpdateRequest(string? Id, string? Status);

/// <summary>The body of the reset operations: the content's <c>status</c>.</summary>
public sealed record ClassificationLevelResetRequest(string? Status);
