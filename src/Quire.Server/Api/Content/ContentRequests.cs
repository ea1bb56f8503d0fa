using System.Text.Json;
using Quire.Core.Content;
using Quire.Core.Errors;

namespace Quire.Server.Api.Content;

/// <summary>Reads the loosely typed parts of content requests: ids given as strings or numbers, bodies, extensions.</summary>
public static class ContentRequests
{
    /// <summary>
    /// The parent named by <c>ancestors</c>: the last of them, or null when there are none.
    /// Confluence lists ancestors from the top of the tree down to the parent, and clients that
    /// send the whole chain (markdown-confluence does) mean the last one; one ancestor is the parent.
    /// </summary>
    public static long? ParentId(JsonElement? ancestors)
    {
        if (ancestors is not { } element || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.Array) throw new BadRequestException("ancestors must be an array of {\"id\": ...}.");
        var count = element.GetArrayLength();
        return count == 0 ? null : IdOf(element[count - 1], $"ancestors[{count - 1}]");
    }

    /// <summary>
    /// The container's id from <c>{"id": ..., "type": ...}</c>, or null when absent or a space (custom content made in a
    /// space names it as its container, as Connect apps do; the space itself comes from <c>space.key</c>).
    /// </summary>
    public static long? ContainerId(JsonElement? container)
    {
        if (container is not { } element || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type) &&
            type.ValueKind == JsonValueKind.String && type.GetString() == "space")
            return null;
        return IdOf(element, "container");
    }

    /// <summary>
    /// The body sent (storage first when several are), in the representation its <c>representation</c>
    /// names, else its key's; whether that representation can be written is the converter's to say.
    /// </summary>
    public static BodyInput? Body(BodyRequest? body)
    {
        if (body is null) return null;
        foreach (var (key, sent) in body.Sent())
        {
            if (sent.Value is null) throw new BadRequestException($"body.{key}.value is required.");
            return new BodyInput(sent.Value, sent.Representation ?? key);
        }
        return null;
    }

    /// <summary>A comment's location and inline properties from <c>extensions</c>.</summary>
    public static (string? Location, string? InlineProperties) Extensions(JsonElement? extensions)
    {
        if (extensions is not { } element || element.ValueKind == JsonValueKind.Null) return (null, null);
        if (element.ValueKind != JsonValueKind.Object) throw new BadRequestException("extensions must be an object.");
        string? location = null;
        if (element.TryGetProperty("location", out var loc) && loc.ValueKind != JsonValueKind.Null)
            location = loc.ValueKind == JsonValueKind.String ? loc.GetString() : throw new BadRequestException("extensions.location must be a string.");
        string? inline = null;
        if (element.TryGetProperty("inlineProperties", out var props) && props.ValueKind != JsonValueKind.Null)
            inline = props.ValueKind == JsonValueKind.Object ? props.GetRawText() : throw new BadRequestException("extensions.inlineProperties must be an object.");
        return (location, inline);
    }

    private static long IdOf(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("id", out var id))
            throw new BadRequestException($"{what} must be an object with an id.");
        return id.ValueKind switch
        {
            JsonValueKind.Number when id.TryGetInt64(out var n) && n > 0 => n,
            JsonValueKind.String when long.TryParse(id.GetString(), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 => s,
            _ => throw new BadRequestException($"{what}.id must be the id of content."),
        };
    }
}
