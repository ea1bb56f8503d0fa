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

/// <summary>A converted body.</summary>
public sealed record ConvertedBody(string Value, string Representation);

/// <summary>
/// Body conversion (the Content body group), for the pairs the spec lists: storage to view,
/// export_view, styled_view and editor; editor to storage; asynchronously, storage to
/// export_view. A context names where links resolve, and must be readable by the caller (404
/// otherwise). Asynchronous results are the requester's alone and live five minutes.
/// </summary>
public sealed class ContentBodyService(
    ContentAccess contents, ContentService content, SpaceAccess spaces, BodyConversionStore conversions, TimeProvider time)
{
    public static readonly TimeSpan ResultLifetime = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<string, string[]> Supported = new()
    {
        ["storage"] = ["view", "export_view", "styled_view", "editor"],
        ["editor"] = ["storage"],
    };

    public async Task<ConvertedBody> ConvertAsync(
        Caller caller, string? to, string? value, string? representation, ConversionContext context, CancellationToken ct = default)
    {
        var target = Target(to);
        var from = Source(value, representation, target, Supported);
        var spaceKey = await SpaceKeyAsync(caller, context, ct);
        return new ConvertedBody(Convert(value!, from, target, spaceKey, ct), target);
    }

    /// <summary>
    /// Starts an asynchronous conversion: Quire converts at once and keeps the result for the
    /// requester. With <paramref name="allowCache"/>, an identical request still alive answers its id.
    /// </summary>
    public async Task<string> StartAsync(
        Caller caller, string? to, string? value, string? representation, ConversionContext context, bool allowCache, CancellationToken ct = default)
    {
        var target = Target(to);
        var from = Source(value, representation, target, new() { ["storage"] = ["export_view"] });
        return await KeepAsync(caller, from, target, value!, await SpaceKeyAsync(caller, context, ct), allowCache, ct);
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
        var spaceKey = context.SpaceKey is null ? macro.SpaceKey : await SpaceKeyAsync(caller, context, ct);
        return new ConvertedBody(Convert(macro.StorageBody, "storage", target, spaceKey, ct), target);
    }

    /// <summary>Starts an asynchronous conversion of the macro's body to view, export_view or styled_view.</summary>
    public async Task<string> StartMacroConversionAsync(
        Caller caller, string? id, int version, string? macroId, string? to, ConversionContext context, bool allowCache, CancellationToken ct = default)
    {
        var target = to is "view" or "export_view" or "styled_view" ? to
            : throw new BadRequestException($"A macro body converts asynchronously to view, export_view or styled_view, not '{to}'.");
        var macro = await MacroAsync(caller, id, version, macroId, ct);
        var spaceKey = context.SpaceKey is null ? macro.SpaceKey : await SpaceKeyAsync(caller, context, ct);
        return await KeepAsync(caller, "storage", target, macro.StorageBody, spaceKey, allowCache, ct);
    }

    private async Task<string> KeepAsync(
        Caller caller, string from, string target, string value, string spaceKey, bool allowCache, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hash = System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{target}\n{from}\n{spaceKey}\n{value}")));
        if (allowCache && await conversions.FindSameAsync(caller.UserId, hash, now.ToUnixTimeMilliseconds(), ct) is { } cached)
            return cached.Id;
        var converted = Convert(value, from, target, spaceKey, ct);
        var id = Guid.NewGuid().ToString();
        await conversions.InsertAsync(new BodyConversionRecord
        {
            Id = id, UserId = caller.UserId, InputHash = hash, Status = "COMPLETED", Representation = target, Value = converted,
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
        to is "view" or "export_view" or "styled_view" or "editor" or "storage" ? to
        : throw new BadRequestException($"Cannot convert to '{to}'; the targets are view, export_view, styled_view, editor and storage.");

    private static string Source(string? value, string? representation, string target, Dictionary<string, string[]> supported)
    {
        if (value is null) throw new BadRequestException("value is required.");
        var from = representation ?? throw new BadRequestException("representation is required.");
        if (!supported.TryGetValue(from, out var targets) || !targets.Contains(target))
            throw new BadRequestException($"Converting {from} to {target} is not supported; supported: " +
                                          string.Join("; ", supported.Select(p => $"{p.Key} to {string.Join(", ", p.Value)}")) + ".");
        return from;
    }

    private async Task<string> SpaceKeyAsync(Caller caller, ConversionContext context, CancellationToken ct)
    {
        if (context.EmbeddedContentRender is not (null or "current" or "version-at-save"))
            throw new BadRequestException($"embeddedContentRender must be current or version-at-save, not '{context.EmbeddedContentRender}'.");
        if (context.ContentId is not null)
        {
            var (_, space) = await contents.ViewableAsync(caller, context.ContentId, ct);
            return space.Key;
        }
        return context.SpaceKey is not null ? (await spaces.ViewableAsync(caller, context.SpaceKey, ct)).Key : "";
    }

    private static string Convert(string value, string from, string to, string spaceKey, CancellationToken ct)
    {
        if (from == "editor") return StorageEditor.ToStorage(value, ct);
        var storage = ContentRules.StorageBody(value, "storage", ct);
        return to switch
        {
            "editor" => StorageEditor.ToEditor(storage, ct),
            "styled_view" => StyledView(StorageView.Render(storage, spaceKey, ct)),
            _ => StorageView.Render(storage, spaceKey, ct),
        };
    }

    /// <summary>
    /// styled_view: the view as a standalone HTML document, as Confluence answers it (its exact
    /// stylesheet is Confluence's own; Quire adds a minimal one).
    /// </summary>
    private static string StyledView(string view) =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\" /><style>body{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;" +
        "font-size:14px;line-height:1.714;color:#172b4d}pre{background:#f4f5f7;padding:8px}table{border-collapse:collapse}td,th{border:1px solid #c1c7d0;padding:7px 10px}</style>" +
        "</head><body><div id=\"Content\" class=\"wiki-content\">" + view + "</div></body></html>";
}
