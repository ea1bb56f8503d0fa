using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Content;
using Quire.Storage.Labels;

namespace Quire.Core.Labels;

/// <summary>A label and one page of the content that carries it.</summary>
public sealed record LabelInfo(long Id, string Prefix, string Name, Page<LabeledContentRecord> Contents);

/// <summary>
/// Label info: what a label is and which content carries it. Any signed-in user may ask;
/// the listing holds only content in spaces the caller may read, decided in the query.
/// </summary>
public sealed class LabelInfoService(LabelStore labels, ContentLabelStore contentLabels)
{
    /// <summary>The content types the spec lets label info list; only pages and blog posts exist so far.</summary>
    public static readonly IReadOnlyList<string> ContentTypes = ["page", "blogpost", "attachment", "page_template"];

    public async Task<LabelInfo> GetAsync(Caller caller, string? name, string? type, PageRequest page, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new BadRequestException("name is required: the label to look up.");
        IReadOnlyList<string> types = type is null ? ContentTypes
            : ContentTypes.Contains(type) ? [type]
            : throw new BadRequestException($"type must be one of {string.Join(", ", ContentTypes)}; not '{type}'.");

        // The spec answers 404 for a name that cannot be a label as for a label nobody has used.
        (string Prefix, string Name) label;
        try { label = LabelRules.Qualified(name); }
        catch (BadRequestException) { throw new NotFoundException($"No label '{name}' was found."); }
        var labelId = await labels.FindIdAsync(label.Prefix, label.Name, LabelRules.OwnerOf(caller, label.Prefix), ct)
                      ?? throw new NotFoundException($"No label '{name}' was found.");

        var rows = await contentLabels.ListLabeledAsync(labelId, types, SpaceAccess.ViewerOf(caller), page.Start, page.FetchCount, ct);
        return new LabelInfo(labelId, label.Prefix, label.Name, Page<LabeledContentRecord>.FromOverfetch(rows, page));
    }
}
