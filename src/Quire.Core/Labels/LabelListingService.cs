using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Labels;

namespace Quire.Core.Labels;

/// <summary>
/// v2's label listings as keyset walks: the labels of a piece of content, of a space, of a space's
/// content, and all labels. Each first checks that the caller may see what the labels hang on
/// (404 as for a missing one), and a <c>my</c> label is only ever its owner's.
/// </summary>
public sealed class LabelListingService(LabelListingStore listings, ContentAccess content, SpaceAccess spaceAccess)
{
    /// <summary>The labels of a piece of content the caller may read, of the type the route names (<paramref name="isOfRoute"/>; 404 otherwise).</summary>
    public async Task<KeysetPage<LabelListingRecord>> OfContentAsync(
        Caller caller, string? id, Func<Storage.Content.ContentRecord, bool> isOfRoute, LabelFilter filter, LabelOrder order,
        KeysetRequest page, CancellationToken ct = default)
    {
        var (record, _) = await content.ViewableAsync(caller, id, ct);
        if (!isOfRoute(record)) throw new NotFoundException($"No content with id '{id}' was found.");
        var rows = await listings.OfContentAsync(record.Id, caller.UserId, filter, order, page.After, page.FetchCount, ct);
        return KeysetPage<LabelListingRecord>.FromOverfetch(rows, page, row => row.KeyIn(order));
    }

    /// <summary>The labels of a space the caller may read.</summary>
    public async Task<KeysetPage<LabelListingRecord>> OfSpaceAsync(
        Caller caller, long spaceId, LabelFilter filter, LabelOrder order, KeysetRequest page, CancellationToken ct = default)
    {
        var space = await spaceAccess.ViewableByIdAsync(caller, spaceId, ct);
        var rows = await listings.OfSpaceAsync(space.Id, caller.UserId, filter, order, page.After, page.FetchCount, ct);
        return KeysetPage<LabelListingRecord>.FromOverfetch(rows, page, row => row.KeyIn(order));
    }

    /// <summary>The labels on the content of a space the caller may read, each once, counting only content the caller may read.</summary>
    public async Task<KeysetPage<LabelListingRecord>> OfSpaceContentAsync(
        Caller caller, long spaceId, LabelFilter filter, LabelOrder order, KeysetRequest page, CancellationToken ct = default)
    {
        var space = await spaceAccess.ViewableByIdAsync(caller, spaceId, ct);
        var rows = await listings.OfSpaceContentAsync(space.Id, SpaceAccess.ViewerOf(caller), filter, order, page.After, page.FetchCount, ct);
        return KeysetPage<LabelListingRecord>.FromOverfetch(rows, page, row => row.KeyIn(order));
    }

    /// <summary>Every label the caller may see: the shared ones and the caller's own <c>my</c> labels.</summary>
    public async Task<KeysetPage<LabelListingRecord>> AllAsync(
        Caller caller, LabelFilter filter, LabelOrder order, KeysetRequest page, CancellationToken ct = default)
    {
        var rows = await listings.AllAsync(caller.UserId, filter, order, page.After, page.FetchCount, ct);
        return KeysetPage<LabelListingRecord>.FromOverfetch(rows, page, row => row.KeyIn(order));
    }
}
