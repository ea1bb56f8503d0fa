using System.Globalization;
using System.Text.Json.Serialization;

namespace Quire.Server.ApiV2.Common;

/// <summary>Dates as v2 writes them: UTC, milliseconds, <c>Z</c> ("YYYY-MM-DDTHH:mm:ss.sssZ" in the spec).</summary>
public static class V2Dates
{
    public static string Of(long epochMillis) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMillis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>v2's <c>Version</c>: when, by whom (account id), the number, its message and whether it was minor.</summary>
public sealed class V2VersionJson
{
    public required string CreatedAt { get; init; }
    public required string Message { get; init; }
    public required int Number { get; init; }
    public required bool MinorEdit { get; init; }
    public string? AuthorId { get; init; }
}

/// <summary>One representation of a body (<c>BodyType</c>).</summary>
public sealed record V2BodyTypeJson(string Representation, string Value);

/// <summary>
/// A body in the representations asked for by <c>body-format</c> (<c>BodySingle</c>/<c>BodyBulk</c>);
/// empty (<c>{}</c>) when none was asked, as Cloud answers.
/// </summary>
public sealed class V2BodyJson
{
    public V2BodyTypeJson? Storage { get; set; }

    [JsonPropertyName("atlas_doc_format")]
    public V2BodyTypeJson? AtlasDocFormat { get; set; }

    public V2BodyTypeJson? View { get; set; }

    [JsonPropertyName("export_view")]
    public V2BodyTypeJson? ExportView { get; set; }

    [JsonPropertyName("anonymous_export_view")]
    public V2BodyTypeJson? AnonymousExportView { get; set; }

    [JsonPropertyName("styled_view")]
    public V2BodyTypeJson? StyledView { get; set; }

    public V2BodyTypeJson? Editor { get; set; }
}

/// <summary>A content's web links (<c>AbstractPageLinks</c>), with <c>base</c> on a single answer.</summary>
public sealed class V2ContentLinks
{
    public string? Webui { get; init; }
    public string? Editui { get; init; }
    public string? Tinyui { get; init; }
    public string? Base { get; init; }
}

/// <summary>
/// An <c>include-*</c> member of a single answer (labels, properties, versions, likes...): the
/// first page of it, whether more follow (<c>meta</c>), and where to read the rest (<c>_links.self</c>).
/// </summary>
public sealed class OptionalField<T>
{
    public required IReadOnlyList<T> Results { get; init; }
    public required OptionalFieldMeta Meta { get; init; }

    [JsonPropertyName("_links")]
    public required OptionalFieldLinks Links { get; init; }
}

public sealed record OptionalFieldMeta(bool HasMore, string? Cursor);

public sealed record OptionalFieldLinks(string Self);
