using Quire.Core.Errors;
using Quire.Core.Formats;
using Quire.Core.Formats.Adf;
using Quire.Core.Formats.Wiki;
using Quire.Core.Security;
using Quire.Storage.Attachments;

namespace Quire.Core.ContentBody;

/// <summary>
/// Converts bodies between the representations clients use and storage format, the stored one:
/// to storage on every write (content create and update, the conversion endpoints), from storage
/// on every read that expands a body. Reads take a whole listing at once, so the lookups a
/// conversion needs (attachments, linked pages, users) are a few queries, not one per item.
/// </summary>
public sealed class BodyConverter(AttachmentStore attachments, BodyRenderer renderer)
{
    /// <summary>
    /// The longest storage a converted body may become, in characters. Requests are bounded
    /// (5 MB by default) but markup is terse: 5 MB of dense wiki markup (<c>:)</c>, <c>{x:a=1}</c>)
    /// converts to 9-15 times as much storage, which every later read would carry.
    /// </summary>
    public const int MaxConvertedLength = 10 * 1024 * 1024;

    /// <summary>
    /// The storage form of <paramref name="value"/>, written in <paramref name="representation"/>
    /// (storage when null) for the content <paramref name="contentId"/> (null: not saved yet), whose
    /// attachments ADF media nodes may name. 400 when the value is not valid in its representation.
    /// </summary>
    public async Task<string> ToStorageAsync(string? value, string? representation, long? contentId, CancellationToken ct = default)
    {
        if (value is null) return "";
        switch (representation ?? BodyRepresentations.Storage)
        {
            case BodyRepresentations.Storage:
                return Content.ContentRules.StorageBody(value, representation, ct);
            case BodyRepresentations.Editor or BodyRepresentations.Editor2:
                return Bounded(StorageEditor.ToStorage(value, ct), representation, ct);
            case BodyRepresentations.Wiki:
                return Bounded(WikiMarkup.ToStorage(value, ct), representation, ct);
            case BodyRepresentations.AtlasDocFormat:
                var media = new AttachmentMediaFiles(contentId,
                    contentId is { } id ? await attachments.NamesAsync([id], ct) : []);
                return Bounded(AdfToStorage.Convert(value, media, ct), representation, ct);
            default:
                throw new BadRequestException(
                    $"Body representation '{representation}' cannot be written; send one of {string.Join(", ", BodyRepresentations.Writable)}.");
        }
    }

    /// <summary>
    /// A body as ADF, kept in <see cref="BodyRenderCache"/> like the rendered representations:
    /// the key holds the storage's hash and the page's attachments (what media nodes name), so an
    /// edit or an upload is a new key at once; a repeated read costs the hash (a 20 KB page took
    /// 1.8 ms to convert, nearly three times the whole stored read).
    /// </summary>
    private static RenderedBody Adf(BodyToRender body, IReadOnlyList<AttachmentName> attachments, CancellationToken ct)
    {
        var media = new AttachmentMediaFiles(body.ContentId > 0 ? body.ContentId : null, attachments);
        var key = BodyRenderCache.KeyOf(BodyRepresentations.AtlasDocFormat, BodyRenderCache.HashOf(body.Storage), media.Collection ?? "",
            string.Join('\n', attachments.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.FileName}")));
        if (BodyRenderCache.Rendered(key) is { } cached) return cached;
        var converted = new RenderedBody(StorageToAdf.Convert(body.Storage, media, ct), []);
        BodyRenderCache.KeepRendered(key, converted);
        return converted;
    }

    /// <summary>
    /// A converted body checked as a storage body is: bounded in length, and readable back (a
    /// representation's nodes may become more levels of XML than they were, e.g. ADF marks, so
    /// a document within ADF's depth can exceed storage's).
    /// </summary>
    private static string Bounded(string storage, string? representation, CancellationToken ct)
    {
        if (storage.Length > MaxConvertedLength)
            throw new BadRequestException(
                $"The {representation} body converts to {storage.Length:N0} characters of storage format; at most {MaxConvertedLength:N0} are kept.");
        if (StorageFormat.Validate(storage, ct) is { } error)
            throw new BadRequestException($"The {representation} body converts to storage format that cannot be kept: {error.Message}");
        return storage;
    }

    /// <summary>
    /// <paramref name="bodies"/> in <paramref name="representation"/> (one of
    /// <see cref="BodyRepresentations.Readable"/>), in the order given, as <paramref name="viewer"/> sees them.
    /// </summary>
    public async Task<IReadOnlyList<RenderedBody>> FromStorageAsync(
        IReadOnlyList<BodyToRender> bodies, string representation, Caller viewer, CancellationToken ct = default)
    {
        if (bodies.Count == 0) return [];
        switch (representation)
        {
            case BodyRepresentations.Storage:
                return bodies.Select(b => new RenderedBody(b.Storage, [])).ToList();
            case BodyRepresentations.AtlasDocFormat:
                var containers = bodies.Where(b => b.ContentId > 0).Select(b => b.ContentId).Distinct().ToList();
                var names = (await attachments.NamesAsync(containers, ct)).ToLookup(a => a.ContainerId);
                return bodies.Select(b => Adf(b, names[b.ContentId].ToList(), ct)).ToList();
            default:
                if (!BodyRenderer.Representations.Contains(representation))
                    throw new BadRequestException(
                        $"Bodies cannot be read as '{representation}'; the representations are {string.Join(", ", BodyRepresentations.Readable)}.");
                return await renderer.RenderAsync(bodies, representation, viewer, ct);
        }
    }
}
