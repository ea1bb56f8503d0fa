using Quire.Core.Content;
using Quire.Core.Labels;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;
using Quire.Storage.Labels;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.Attachment;

/// <summary>
/// The <c>include-*</c> members the attachment and comment reads build (<see cref="OptionalField{T}"/>): the first
/// page of the related listing, whether more follow with the cursor that reads on, and that listing's address.
/// (Pages and blog posts may use them as well; they belong in Common once a second group does.)
/// </summary>
public sealed class V2Includes(Caller caller, ContentVersionService versions, UserStore users, LabelListingService labels)
{
    /// <summary>The spec's page size for every include: "the number of results will be limited to 50".</summary>
    public const int First = 50;

    /// <summary>An include that holds everything there is (nothing more to page to).</summary>
    public static OptionalField<T> Complete<T>(IReadOnlyList<T> results, string path) => new()
    {
        Results = results, Meta = new OptionalFieldMeta(false, null), Links = new OptionalFieldLinks(ApiV2Routes.V2 + path),
    };

    /// <summary>
    /// <c>include-versions</c>: the newest 50 versions of the content at <paramref name="path"/> (its <c>/versions</c>
    /// listing, whose default order this cursor is made in), each as v2's <c>Version</c>.
    /// </summary>
    public async Task<OptionalField<V2VersionJson>> VersionsAsync(string id, Func<ContentRecord, bool> isOfRoute, string path, CancellationToken ct)
    {
        const string newestFirst = "-modified-date";
        var (_, page) = await versions.ListAfterAsync(caller, id, isOfRoute, newestFirst: true, new KeysetRequest(null, First), ct);
        var authorIds = page.Results.Select(v => v.CreatedBy).OfType<long>().Distinct().ToList();
        var accounts = authorIds.Count == 0
            ? new Dictionary<long, string>()
            : (await users.FindManyByIdsAsync(authorIds, ct)).ToDictionary(u => u.Id, u => u.AccountId);
        return new OptionalField<V2VersionJson>
        {
            Results = page.Results.Select(v => new V2VersionJson
            {
                CreatedAt = V2Dates.Of(v.CreatedAt), Message = v.Message, Number = v.Number, MinorEdit = v.MinorEdit,
                AuthorId = v.CreatedBy is { } by ? accounts.GetValueOrDefault(by) : null,
            }).ToList(),
            Meta = new OptionalFieldMeta(page.Next is not null, page.Next is null ? null : V2Cursor.Encode(newestFirst, page.Next)),
            Links = new OptionalFieldLinks(ApiV2Routes.V2 + path + "/versions"),
        };
    }

    /// <summary>
    /// <c>include-labels</c>: the first 50 labels of the content at <paramref name="path"/> the caller may see, in its
    /// <c>/labels</c> listing's default order (by id), through TREE's <see cref="LabelListingService"/>.
    /// </summary>
    public async Task<OptionalField<V2LabelJson>> LabelsAsync(string id, Func<ContentRecord, bool> isOfRoute, string path, CancellationToken ct)
    {
        var page = await labels.OfContentAsync(caller, id, isOfRoute, new LabelFilter(), LabelOrder.ById, new KeysetRequest(null, First), ct);
        return new OptionalField<V2LabelJson>
        {
            Results = page.Results.Select(Label.LabelApi.Render).ToList(),
            Meta = new OptionalFieldMeta(page.Next is not null, page.Next is null ? null : V2Cursor.Encode("id", page.Next)),
            Links = new OptionalFieldLinks(ApiV2Routes.V2 + path + "/labels"),
        };
    }
}
