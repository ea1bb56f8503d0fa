using System.Security.Cryptography;
using System.Text;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Formats;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.ContentBody;

namespace Quire.Core.ContentBody;

/// <summary>Where embedded content (page links, files) of a body is resolved: a space, or a piece of content's space.</summary>
public sealed record ConversionContext(string? SpaceKey, string? ContentId, string? EmbeddedContentRender);

/// <summary>A macro found in a body: its name, its body as storage format (a plain-text body escaped), its parameters, its content's space.</summary>
public sealed record MacroInstance(string Name, string Body, bool PlainText, IReadOnlyDictionary<string, string> Parameters, string SpaceKey)
{
    /// <summary>The body as storage format, for converting: plain text is escaped and kept in a pre.</summary>
    public string StorageBody => PlainText ? "<pre>" + System.Net.WebUtility.HtmlEncode(Body) + "</pre>" : Body;
}

/// <summary>A converted body, with what it embeds (for the rendered representations).</summary>
public sealed record ConvertedBody(string Value, string Representation, IReadOnlyList<EmbeddedItem> Embedded);

/// <summary>One conversion of a bulk request: what <c>POST /contentbody/convert/async/{to}</c> takes, in one object.</summary>
public sealed record ConversionInput(string? To, string? Value, string? Representation, ConversionContext Context, bool AllowCache);

/// <summary>
/// Body conversion (the Content body group): from any representation a body can be written in
/// (storage, atlas_doc_format, wiki, editor) to any it can be read as (storage, atlas_doc_format,
/// view, export_view, styled_view, anonymous_export_view, editor, editor2, dynamic), through
/// storage format; at once or asynchronously, one at a time or in bulk. A context names where
/// links resolve (and whose attachments ADF media name), and must be readable by the caller (404
/// otherwise). Asynchronous results are the requester's alone and live five minutes.
/// </summary>
public sealed class ContentBodyService(
    ContentAccess contents, ContentReader content, SpaceAccess spaces, BodyConversionStore conversions, BodyConverter converter, TimeProvider time)
{
    public static readonly TimeSpan ResultLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Conversions one bulk request may start (Cloud's limit).</summary>
    public const int MaxBulkConversions = 10;

    /// <summary>Results one bulk request may read (Cloud's limit).</summary>
    public const int MaxBulkResults = 50;

    public async Task<ConvertedBody> ConvertAsync(
        Caller caller, string? to, string? value, string? representation, ConversionContext context, CancellationToken ct = default)
    {
        var target = Target(to);
        var from = Source(value, representation);
        var (spaceKey, contentId) = await ContextAsync(caller, context, ct);
        return await ConvertAsync(caller, value!, from, target, spaceKey, contentId, ct);
    }

    /// <summary>
    /// Starts an asynchronous conversion: Quire converts at once and keeps the result for the
    /// requester. With <paramref name="allowCache"/>, an identical request still alive answers its id.
    /// </summary>
    public async Task<string> StartAsync(
        Caller caller, string? to, string? value, string? representation, ConversionContext context, bool allowCache, CancellationToken ct = default)
    {
        var target = Target(to);
        var from = Source(value, representation);
        var (spaceKey, contentId) = await ContextAsync(caller, context, ct);
        return await KeepAsync(caller, from, target, value!, spaceKey, contentId, allowCache, ct);
    }

    /// <summary>
    /// Starts up to <see cref="MaxBulkConversions"/> conversions; every input is checked before any
    /// starts, so a bad one (named by its index) starts none.
    /// </summary>
    public async Task<IReadOnlyList<string>> StartBulkAsync(Caller caller, IReadOnlyList<ConversionInput?>? inputs, CancellationToken ct = default)
    {
        if (inputs is null || inputs.Count == 0) throw new BadRequestException("conversionInputs must name at least one conversion.");
        if (inputs.Count > MaxBulkConversions) throw new BadRequestException($"At most {MaxBulkConversions} conversions may be requested at once.");
        // Every input is converted before any result is kept: one that fails (named by its index) keeps none.
        var prepared = new List<PreparedConversion>();
        for (var index = 0; index < inputs.Count; index++)
        {
            var input = inputs[index] ?? throw new BadRequestException($"conversionInputs[{index}] must be an object.");
            try
            {
                var (spaceKey, contentId) = await ContextAsync(caller, input.Context, ct);
                prepared.Add(await PrepareAsync(
                    caller, Source(input.Value, input.Representation), Target(input.To), input.Value!, spaceKey, contentId, input.AllowCache, ct));
            }
            catch (BadRequestException refusal)
            {
                throw new BadRequestException($"conversionInputs[{index}]: {refusal.Message}");
            }
        }
        var ids = new List<string>();
        foreach (var conversion in prepared) ids.Add(await StoreAsync(caller, conversion, ct));
        return ids;
    }

    /// <summary>
    /// The results of up to <see cref="MaxBulkResults"/> conversions, in the order asked. An id that
    /// names no result of the caller's (unknown, expired, someone else's) answers a FAILED entry saying so.
    /// </summary>
    public async Task<IReadOnlyList<BodyConversionRecord>> BulkResultsAsync(Caller caller, IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) throw new BadRequestException("ids must name at least one conversion.");
        if (ids.Count > MaxBulkResults) throw new BadRequestException($"At most {MaxBulkResults} conversion results may be read at once.");
        var results = new List<BodyConversionRecord>();
        foreach (var id in ids)
        {
            try
            {
                results.Add(await ResultAsync(caller, id, ct));
            }
            catch (QuireException missing) when (missing is BadRequestException or NotFoundException or ForbiddenException)
            {
                results.Add(new BodyConversionRecord
                {
                    Id = id, UserId = caller.UserId, InputHash = "", Status = "FAILED", Representation = "", Value = "", Error = missing.Message,
                });
            }
        }
        return results;
    }

    /// <summary>
    /// The macro with that id (<c>ac:macro-id</c>) in a version of the content (0: the latest):
    /// its name, body in storage format (the text of a plain-text body) and parameters; 404 when
    /// the content is hidden or missing or the version holds no such macro. Confluence also
    /// matches a hash of the macro body; Quire matches the id only.
    /// </summary>
    public async Task<MacroInstance> MacroAsync(Caller caller, string? id, int version, string? macroId, CancellationToken ct = default)
    {
        if (version < 0) throw new NotFoundException($"Content {id} has no version {version}.");
        var item = await content.GetAsync(caller, id, ["any"], version == 0 ? null : version, ct);
        var root = ParseStored(item.Content.BodyStorage, ct);
        var macro = root.Descendants(Ac + "structured-macro").FirstOrDefault(m => (string?)m.Attribute(Ac + "macro-id") == macroId)
                    ?? throw new NotFoundException($"Version {item.Content.Version} of content {id} has no macro with id '{macroId}'.");
        var rich = macro.Element(Ac + "rich-text-body");
        var body = rich is not null
            ? StorageFormat.Write(rich.Nodes())
            : macro.Element(Ac + "plain-text-body")?.Value ?? "";
        return new MacroInstance(
            (string?)macro.Attribute(Ac + "name") ?? "", body, rich is null && macro.Element(Ac + "plain-text-body") is not null,
            macro.Elements(Ac + "parameter").GroupBy(p => (string?)p.Attribute(Ac + "name") ?? "").ToDictionary(g => g.Key, g => g.Last().Value),
            item.Space.Key);
    }

    /// <summary>The macro's body converted from storage (a plain-text body as text) to <paramref name="to"/>.</summary>
    public async Task<ConvertedBody> ConvertMacroAsync(
        Caller caller, string? id, int version, string? macroId, string? to, ConversionContext context, CancellationToken ct = default)
    {
        var target = Target(to);
        if (target is "storage") throw new BadRequestException("A macro body is stored in storage format: ask for view, export_view, styled_view or editor.");
        var macro = await MacroAsync(caller, id, version, macroId, ct);
        var (spaceKey, contentId) = context.SpaceKey is null && context.ContentId is null ? (macro.SpaceKey, null) : await ContextAsync(caller, context, ct);
        return await ConvertAsync(caller, macro.StorageBody, "storage", target, spaceKey, contentId, ct);
    }

    /// <summary>Starts an asynchronous conversion of the macro's body to view, export_view or styled_view.</summary>
    public async Task<string> StartMacroConversionAsync(
        Caller caller, string? id, int version, string? macroId, string? to, ConversionContext context, bool allowCache, CancellationToken ct = default)
    {
        var target = to is "view" or "export_view" or "styled_view" ? to
            : throw new BadRequestException($"A macro body converts asynchronously to view, export_view or styled_view, not '{to}'.");
        var macro = await MacroAsync(caller, id, version, macroId, ct);
        var (spaceKey, contentId) = context.SpaceKey is null && context.ContentId is null ? (macro.SpaceKey, null) : await ContextAsync(caller, context, ct);
        return await KeepAsync(caller, "storage", target, macro.StorageBody, spaceKey, contentId, allowCache, ct);
    }

    private async Task<string> KeepAsync(
        Caller caller, string from, string target, string value, string spaceKey, long? contentId, bool allowCache, CancellationToken ct) =>
        await StoreAsync(caller, await PrepareAsync(caller, from, target, value, spaceKey, contentId, allowCache, ct), ct);

    /// <summary>An asynchronous conversion done (or found done, when the cache may answer), not yet kept.</summary>
    private sealed record PreparedConversion(string Hash, string Target, string? CachedId, string? Value);

    private async Task<PreparedConversion> PrepareAsync(
        Caller caller, string from, string target, string value, string spaceKey, long? contentId, bool allowCache, CancellationToken ct)
    {
        var hash = System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{target}\n{from}\n{spaceKey}\n{contentId}\n{value}")));
        if (allowCache && await conversions.FindSameAsync(caller.UserId, hash, time.NowMillis(), ct) is { } cached)
            return new PreparedConversion(hash, target, cached.Id, null);
        return new PreparedConversion(hash, target, null, (await ConvertAsync(caller, value, from, target, spaceKey, contentId, ct)).Value);
    }

    private async Task<string> StoreAsync(Caller caller, PreparedConversion prepared, CancellationToken ct)
    {
        if (prepared.CachedId is { } cachedId) return cachedId;
        var now = time.GetUtcNow();
        var id = Guid.NewGuid().ToString();
        await conversions.InsertAsync(new BodyConversionRecord
        {
            Id = id, UserId = caller.UserId, InputHash = prepared.Hash, Status = "COMPLETED", Representation = prepared.Target, Value = prepared.Value!,
            CreatedAt = now.ToUnixTimeMilliseconds(), ExpiresAt = (now + ResultLifetime).ToUnixTimeMilliseconds(),
        }, ct);
        return id;
    }

    /// <summary>An asynchronous result: 400 for an id that cannot be one, 404 unknown or expired, 403 someone else's.</summary>
    public async Task<BodyConversionRecord> ResultAsync(Caller caller, string? id, CancellationToken ct = default)
    {
        if (!Guid.TryParse(id, out var parsed)) throw new BadRequestException($"'{id}' is not an async conversion id.");
        var found = await conversions.FindAsync(parsed.ToString(), time.NowMillis(), ct)
                    ?? throw new NotFoundException($"No conversion with id '{id}' was found; results are kept for {ResultLifetime.TotalMinutes:0} minutes.");
        if (found.UserId != caller.UserId) throw new ForbiddenException("This conversion was requested by another user.");
        return found;
    }

    private static readonly System.Xml.Linq.XNamespace Ac = StorageFormat.AcNamespace;

    /// <summary>A stored body's tree; one saved before bodies were bounded may not parse, and then holds no macro.</summary>
    private static System.Xml.Linq.XElement ParseStored(string body, CancellationToken ct)
    {
        try
        {
            return StorageFormat.Parse(body, ct);
        }
        catch (System.Xml.XmlException)
        {
            return new System.Xml.Linq.XElement("root");
        }
    }

    private static string Target(string? to) =>
        to is not null && BodyRepresentations.Readable.Contains(to) ? to
        : throw new BadRequestException($"Cannot convert to '{to}'; the targets are {string.Join(", ", BodyRepresentations.Readable)}.");

    private static string Source(string? value, string? representation)
    {
        if (value is null) throw new BadRequestException("value is required.");
        var from = representation ?? throw new BadRequestException("representation is required.");
        return BodyRepresentations.Writable.Contains(from) ? from
            : throw new BadRequestException($"Cannot convert from '{from}'; the sources are {string.Join(", ", BodyRepresentations.Writable)}.");
    }

    /// <summary>The space links resolve in, and the content whose attachments media name (when the context is a content).</summary>
    private async Task<(string SpaceKey, long? ContentId)> ContextAsync(Caller caller, ConversionContext context, CancellationToken ct)
    {
        if (context.EmbeddedContentRender is not (null or "current" or "version-at-save"))
            throw new BadRequestException($"embeddedContentRender must be current or version-at-save, not '{context.EmbeddedContentRender}'.");
        if (context.ContentId is not null)
        {
            var (record, space) = await contents.ViewableAsync(caller, context.ContentId, ct);
            return (space.Key, record.Id);
        }
        return (context.SpaceKey is not null ? (await spaces.ViewableAsync(caller, context.SpaceKey, ct)).Key : "", null);
    }

    /// <summary>Through storage: the value as stored, then as read.</summary>
    private async Task<ConvertedBody> ConvertAsync(
        Caller caller, string value, string from, string to, string spaceKey, long? contentId, CancellationToken ct)
    {
        var storage = await converter.ToStorageAsync(value, from, contentId, ct);
        if (to == BodyRepresentations.Storage) return new ConvertedBody(storage, to, []);
        var rendered = (await converter.FromStorageAsync([new BodyToRender(contentId ?? 0, 0, storage, spaceKey)], to, caller, ct))[0];
        return new ConvertedBody(rendered.Value, to, rendered.Embedded);
    }
}
