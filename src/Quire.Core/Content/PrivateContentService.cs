using Quire.Core.Security;
using Quire.Storage;

namespace Quire.Core.Content;

/// <summary>
/// Creates content that only its creator may read and edit (v2's <c>private=true</c>): the
/// content and its read and update restrictions naming the creator in one transaction, so it is
/// never visible to anyone else, not even for a moment.
/// </summary>
public sealed class PrivateContentService(DbSession db, ContentService content, ContentRestrictionService restrictions)
{
    public Task<ContentItem> CreateAsync(Caller caller, NewContent input, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            // v2's whiteboards and databases take private=true as pages do.
            var created = ContentRules.IsTreeKind(input.Type) ? await content.CreateInTreeAsync(caller, input, ct) : await content.CreateAsync(caller, input, ct);
            IReadOnlyList<string?> creator = [caller.User.AccountId];
            return await restrictions.AddAsync(caller, created.Content.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [new RestrictionInput("read", creator, []), new RestrictionInput("update", creator, [])], ct);
        }, ct);
}
