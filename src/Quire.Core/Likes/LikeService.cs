using System.Globalization;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Likes;

namespace Quire.Core.Likes;

/// <summary>
/// Likes of pages, blog posts and comments: real rows (<see cref="LikeStore"/>), added and removed by
/// the signed-in user for themselves (the web interface's <c>/wiki/rest/likes/1.0</c> calls) and read
/// through v2's Like group. Everything starts from <see cref="ContentAccess.ViewableAsync(Caller, string?, CancellationToken)"/>:
/// content the caller cannot see answers 404 like missing content, so neither a like nor a count tells
/// of hidden content. A like is idempotent, and so is its removal.
/// </summary>
public sealed class LikeService(LikeStore likes, ContentAccess access, TimeProvider time)
{
    public async Task LikeAsync(Caller caller, string? id, CancellationToken ct = default)
    {
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        if (record.Type is not (ContentRules.Page or ContentRules.BlogPost or ContentRules.Comment))
            throw new BadRequestException($"Only pages, blog posts and comments can be liked, not a {record.Type}.");
        if (record.Status != ContentRules.Current)
            throw new BadRequestException($"Only current content can be liked; this {record.Type} is {record.Status}.");
        await likes.AddAsync(record.Id, caller.UserId, time.NowMillis(), ct);
    }

    /// <summary>Removes the caller's like; the content must still be visible to them (404 otherwise), whatever its status.</summary>
    public async Task UnlikeAsync(Caller caller, string? id, CancellationToken ct = default)
    {
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        await likes.RemoveAsync(record.Id, caller.UserId, ct);
    }

    public async Task<long> CountAsync(Caller caller, string? id, ContentKind kind, CancellationToken ct = default) =>
        await likes.CountAsync((await LikedAsync(caller, id, kind, ct)).Id, ct);

    /// <summary>
    /// A keyset page of the content's likers, oldest like first: a <see cref="Keyset"/> holds the like's time as its value and
    /// the user's id, so a walk visits each liker once while others like or unlike meanwhile.
    /// </summary>
    public async Task<KeysetPage<LikeRecord>> LikersAsync(Caller caller, string? id, ContentKind kind, KeysetRequest page, CancellationToken ct = default)
    {
        var record = await LikedAsync(caller, id, kind, ct);
        if (page.Limit == 0) return new KeysetPage<LikeRecord>([], null);
        (long, long)? after = null;
        if (page.After is { } key)
            after = long.TryParse(key.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
                ? (at, key.Id)
                : throw new BadRequestException("The cursor is not valid; use the one a previous answer gave.");
        var rows = await likes.LikersAfterAsync(record.Id, after, page.FetchCount, ct);
        return KeysetPage<LikeRecord>.FromOverfetch(rows, page, l => new Keyset(l.CreatedAt.ToString(CultureInfo.InvariantCulture), l.UserId));
    }

    /// <summary>The content the URL names, if the caller sees it and it is of the kind the URL says (404 otherwise).</summary>
    private async Task<ContentRecord> LikedAsync(Caller caller, string? id, ContentKind kind, CancellationToken ct)
    {
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        return record.Is(kind) ? record : throw new NotFoundException($"No {kind.Describe()} with id '{id}' was found.");
    }
}
