using Quire.Core.ContentBody;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// v2's <c>body-format</c>: which one representation of a body an answer carries. A single
/// answer may ask for any of <see cref="Single"/>, a listing for <see cref="Bulk"/> only (the
/// spec's <c>PrimaryBodyRepresentationSingle</c> and <c>PrimaryBodyRepresentation</c>). Bodies are
/// converted from storage by Core's <see cref="BodyConverter"/>, all of a page in one call.
/// </summary>
public sealed class V2BodyFormat(BodyConverter converter)
{
    public static readonly IReadOnlyList<string> Single =
        [BodyRepresentations.Storage, BodyRepresentations.AtlasDocFormat, "view", "export_view", "anonymous_export_view", "styled_view", BodyRepresentations.Editor];

    public static readonly IReadOnlyList<string> Bulk = [BodyRepresentations.Storage, BodyRepresentations.AtlasDocFormat];

    /// <summary>The asked format, or null (no body); 400 for a value outside <paramref name="allowed"/>.</summary>
    public static string? Parse(string? value, IReadOnlyList<string> allowed)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (!allowed.Contains(value))
            throw new BadRequestException($"body-format must be one of {string.Join(", ", allowed)}; '{value}' is not.");
        return value;
    }

    /// <summary>
    /// The representation a write answers with: the one the body was written in (a wiki body is
    /// stored, and answered, as storage); no body when none was sent.
    /// </summary>
    public static string? AnswerFor(Quire.Core.Content.BodyInput? written) => written?.Representation switch
    {
        null => null,
        BodyRepresentations.AtlasDocFormat => BodyRepresentations.AtlasDocFormat,
        _ => BodyRepresentations.Storage,
    };

    /// <summary>
    /// Each row's body in <paramref name="format"/>, in the rows' order; every body <c>{}</c> when
    /// no format was asked. <paramref name="spaceKeyOf"/> gives a row's space key (links in views).
    /// </summary>
    public async Task<IReadOnlyList<V2BodyJson>> RenderAsync(
        IReadOnlyList<ContentRecord> rows, string? format, Func<ContentRecord, string> spaceKeyOf, Caller viewer, CancellationToken ct)
    {
        if (format is null || rows.Count == 0) return rows.Select(_ => new V2BodyJson()).ToList();
        var sources = rows.Select(r => new BodyToRender(r.Id, r.Version, r.BodyStorage, spaceKeyOf(r), r.Title)).ToList();
        var rendered = await converter.FromStorageAsync(sources, format, viewer, ct);
        return rendered.Select(body => Place(new V2BodyJson(), format, new V2BodyTypeJson(format, body.Value))).ToList();
    }

    private static V2BodyJson Place(V2BodyJson body, string format, V2BodyTypeJson value)
    {
        switch (format)
        {
            case BodyRepresentations.Storage: body.Storage = value; break;
            case BodyRepresentations.AtlasDocFormat: body.AtlasDocFormat = value; break;
            case "view": body.View = value; break;
            case "export_view": body.ExportView = value; break;
            case "anonymous_export_view": body.AnonymousExportView = value; break;
            case "styled_view": body.StyledView = value; break;
            default: body.Editor = value; break;
        }
        return body;
    }
}
