using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.Api.Space;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.SpacePermissions;
using Quire.Server.ApiV2.SpaceProperties;
using Quire.Server.ApiV2.User;
using Quire.Storage;
using Quire.Storage.Properties;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.Space;

/// <summary>
/// Renders spaces as v2 answers them: a page of spaces with their creators' account ids in one
/// query; a single space's <c>include-*</c> members, each its first <see cref="IncludedCount"/>
/// rows in one query, with <c>meta.hasMore</c> and where to read on.
/// </summary>
public sealed class SpaceV2Renderer(
    Caller caller, UserStore users, V2Links links, SpacePropertyStore properties, SpacePermissionStore permissions, SpaceLabelStore labels)
{
    /// <summary>The spec's bound on an <c>include-*</c> member.</summary>
    public const int IncludedCount = 50;

    public async Task<IReadOnlyList<SpaceV2Json>> RenderAsync(IReadOnlyList<SpaceRecord> spaces, SpaceShape shape, bool single, CancellationToken ct)
    {
        var accounts = await AccountIdLookup.OfAsync(users, spaces.Select(s => s.CreatedBy), ct);
        return spaces.Select(s => new SpaceV2Json
        {
            Id = V2Links.Id(s.Id),
            Key = s.Key,
            Name = s.Name,
            Type = s.Type,
            Status = s.Status,
            AuthorId = accounts.Of(s.CreatedBy),
            CreatedAt = V2Dates.Of(s.CreatedAt),
            HomepageId = s.HomepageId is { } home ? V2Links.Id(home) : null,
            Description = shape.DescriptionFormat switch
            {
                "plain" => new SpaceDescriptionV2Json { Plain = new V2BodyTypeJson("plain", s.Description) },
                "view" => new SpaceDescriptionV2Json { View = new V2BodyTypeJson("view", SpaceRenderer.HtmlText(s.Description)) },
                _ => null,
            },
            Icon = shape.Icon ? new SpaceIconJson(SpaceRenderer.DefaultIcon.Path, null) : null,
            Links = new SpaceLinksJson("/spaces/" + s.Key, single ? links.Base : null),
        }).ToList();
    }

    /// <summary>Fills the asked <c>include-*</c> members of a single space's answer.</summary>
    public async Task IncludeAsync(SpaceV2Json json, SpaceRecord space, SpaceIncludes includes, CancellationToken ct)
    {
        var self = $"{ApiV2Routes.V2}/spaces/{space.Id}";
        if (includes.Properties)
        {
            var rows = await properties.ListAfterAsync(space.Id, key: null, descending: false, after: null, IncludedCount + 1, ct);
            var accounts = await AccountIdLookup.OfAsync(users, rows.Select(p => p.VersionBy), ct);
            json.Properties = Field(rows, p => SpacePropertyV2Json.Of(p, accounts), p => V2Cursor.Encode("key", new Keyset(p.Key, p.Id)), self + "/properties");
        }
        if (includes.Permissions)
        {
            var rows = await permissions.ListAfterAsync(space.Id, SpacePermissionAssignments.TargetTypes, after: null, IncludedCount + 1, ct);
            var rendered = await SpacePermissionAssignmentJson.RenderAsync(rows.Take(IncludedCount).ToList(), users, ct);
            json.Permissions = Field(rows, rendered, p => V2Cursor.Encode("id", new Keyset(null, p.Id)), self + "/permissions");
        }
        if (includes.Labels)
        {
            var rows = await labels.ListForSpacesAsync([space.Id], caller.UserId, prefix: null, 0, IncludedCount + 1, ct);
            json.Labels = Field(rows, l => new SpaceLabelJson(V2Links.Id(l.Id), l.Name, l.Prefix), _ => null, self + "/labels");
        }
        if (includes.Operations)
        {
            // What the caller may do here is a short fixed-size list: never more than the grants a space can hold.
            var rows = await permissions.OperationsForAsync([space.Id], SpaceAccess.ViewerOf(caller), ct);
            json.Operations = Field(rows, o => new SpaceOperationJson(o.Operation, o.TargetType), _ => null, self + "/operations");
        }
    }

    private static OptionalField<TJson> Field<TRow, TJson>(
        IReadOnlyList<TRow> rows, Func<TRow, TJson> render, Func<TRow, string?> cursorAfter, string self) =>
        Field(rows, rows.Take(IncludedCount).Select(render).ToList(), cursorAfter, self);

    /// <summary>The first <see cref="IncludedCount"/> of <paramref name="rows"/> (fetched one over), whether more follow, and the cursor after the last.</summary>
    private static OptionalField<TJson> Field<TRow, TJson>(
        IReadOnlyList<TRow> rows, IReadOnlyList<TJson> rendered, Func<TRow, string?> cursorAfter, string self)
    {
        var hasMore = rows.Count > IncludedCount;
        return new OptionalField<TJson>
        {
            Results = rendered.Take(IncludedCount).ToList(),
            Meta = new OptionalFieldMeta(hasMore, hasMore ? cursorAfter(rows[IncludedCount - 1]) : null),
            Links = new OptionalFieldLinks(self),
        };
    }
}
