using System.Globalization;
using System.IO.Compression;
using Quire.Core.Audit;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Api.Audit;

/// <summary>
/// The <c>Audit</c> group: the audit log (<c>/audit</c>, <c>/audit/since</c>), its export
/// (<c>/audit/export</c>, CSV or a ZIP holding the CSV) and retention (<c>/audit/retention</c>),
/// all for the site administrator.
/// </summary>
public static class AuditApi
{
    /// <summary>The spec's default page is 1,000 records; larger pages are clamped to it.</summary>
    private static readonly PageLimits Limits = new(1000, 1000);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").RequireSignIn();
        audit.MapGet("", GetAuditRecords);
        audit.MapPost("", CreateAuditRecord);
        audit.MapGet("/export", ExportAuditRecords);
        audit.MapGet("/retention", GetRetentionPeriod);
        audit.MapPut("/retention", SetRetentionPeriod);
        audit.MapGet("/since", GetAuditRecordsForTimePeriod);
        return api;
    }

    private static async Task<PagedJson<AuditRecordJson>> GetAuditRecords(
        string? startDate, string? endDate, string? searchString, int? start, int? limit, Caller caller, AuditService audit, ApiLinks links,
        CancellationToken ct)
    {
        var page = await audit.ListAsync(caller, Timestamp(startDate, "startDate"), Timestamp(endDate, "endDate"), searchString,
            Limits.Parse(start, limit), ct);
        return PagedJson<AuditRecordJson>.From(page, AuditRecordJson.Of, links);
    }

    private static async Task<PagedJson<AuditRecordJson>> GetAuditRecordsForTimePeriod(
        long? number, string? units, string? searchString, int? start, int? limit, Caller caller, AuditService audit, ApiLinks links,
        CancellationToken ct)
    {
        var page = await audit.SinceAsync(caller, number ?? 3, QueryValues.Blank(units) ?? "MONTHS", searchString, Limits.Parse(start, limit), ct);
        return PagedJson<AuditRecordJson>.From(page, AuditRecordJson.Of, links);
    }

    private static async Task<AuditRecordJson> CreateAuditRecord(
        AuditRecordCreateRequest? body, Caller caller, AuditService audit, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be an AuditRecordCreate object.");
        return AuditRecordJson.Of(await audit.CreateAsync(caller, body.ToInput(), ct));
    }

    private static async Task<RetentionPeriodJson> GetRetentionPeriod(Caller caller, AuditService audit, CancellationToken ct)
    {
        var retention = await audit.RetentionAsync(caller, ct);
        return new RetentionPeriodJson(retention.Number, retention.Units);
    }

    private static async Task<RetentionPeriodJson> SetRetentionPeriod(
        RetentionPeriodRequest? body, Caller caller, AuditService audit, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a RetentionPeriod object.");
        var retention = await audit.SetRetentionAsync(caller, body.Number, body.Units, ct);
        return new RetentionPeriodJson(retention.Number, retention.Units);
    }

    public sealed record RetentionPeriodRequest(long? Number, string? Units);

    /// <summary>
    /// Streams the records as CSV, a batch of rows at a time. A ZIP is written to a temporary
    /// file first (the archive is written synchronously, which Kestrel does not allow on the
    /// response) and then copied out.
    /// </summary>
    private static async Task ExportAuditRecords(
        string? startDate, string? endDate, string? searchString, string? format, HttpContext context, Caller caller, AuditService audit,
        CancellationToken ct)
    {
        var kind = QueryValues.Blank(format)?.ToLowerInvariant() ?? "csv";
        if (kind is not ("csv" or "zip")) throw new BadRequestException($"format must be csv or zip, not '{format}'.");
        var rows = audit.ExportAsync(caller, Timestamp(startDate, "startDate"), Timestamp(endDate, "endDate"), searchString, ct);
        // The first batch is read before any byte is sent, so a refusal (403) still answers as an error.
        await using var records = rows.GetAsyncEnumerator(ct);
        var any = await records.MoveNextAsync();
        var response = context.Response;
        if (kind == "csv")
        {
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
            await using var writer = new StreamWriter(response.Body, AuditCsv.Utf8, bufferSize: 64 * 1024);
            await WriteCsvAsync(writer, records, any);
            return;
        }
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (temp)
        {
            using (var zip = new ZipArchive(temp, ZipArchiveMode.Create, leaveOpen: true))
            {
                await using var entry = zip.CreateEntry("audit.csv", CompressionLevel.Optimal).Open();
                await using var writer = new StreamWriter(entry, AuditCsv.Utf8, bufferSize: 64 * 1024);
                await WriteCsvAsync(writer, records, any);
            }
            temp.Position = 0;
            response.ContentType = "application/zip";
            response.Headers.ContentDisposition = "attachment; filename=\"audit.zip\"";
            response.ContentLength = temp.Length;
            await temp.CopyToAsync(response.Body, ct);
        }
    }

    private static async Task WriteCsvAsync(StreamWriter writer, IAsyncEnumerator<Storage.Audit.AuditRecordRow> records, bool any)
    {
        await writer.WriteAsync(AuditCsv.HeaderRow());
        for (var more = any; more; more = await records.MoveNextAsync())
            await writer.WriteAsync(AuditCsv.Row(records.Current));
    }

    /// <summary>A date parameter: a timestamp in epoch milliseconds, as Atlassian documents it.</summary>
    private static long? Timestamp(string? value, string name) =>
        QueryValues.Blank(value) is not { } text ? null
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis) ? millis
        : throw new BadRequestException($"{name} must be a timestamp in milliseconds since the epoch, not '{value}'.");
}
