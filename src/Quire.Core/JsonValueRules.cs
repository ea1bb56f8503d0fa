using System.Text.Json;
using Quire.Core.Errors;

namespace Quire.Core;

/// <summary>What a property key and a JSON property value may be, for every kind of entity property.</summary>
public static class JsonValueRules
{
    public const int MaxKeyLength = 255;

    /// <summary>
    /// The limit on a content or user property value, in characters of JSON: the spec states
    /// no size for these (only "the value is too long"), so Quire keeps Confluence's documented
    /// entity-property limit of 32 KiB.
    /// </summary>
    public const int MaxValueLength = 32_768;

    /// <summary>The limit on a space property value: the spec's <c>PropertyValue</c> says "64KB Size Limit".</summary>
    public const int MaxSpacePropertyValueLength = 65_536;

    /// <summary>Keys are letters, digits, '-' and '_' (the spec's pattern for user property keys).</summary>
    public static string Key(string? key)
    {
        if (string.IsNullOrEmpty(key)) throw new BadRequestException("The property key is required.");
        if (key.Length > MaxKeyLength)
            throw new BadRequestException($"The property key must be at most {MaxKeyLength} characters.");
        if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new BadRequestException("The property key may contain only letters, digits, '-' and '_'.");
        return key;
    }

    /// <summary>
    /// Keys of content and space properties, which apps name freely (<c>my.app:setting</c>): any text
    /// that is not blank, not too long and has no control characters.
    /// </summary>
    public static string TextKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new BadRequestException("The property key is required and must not be empty.");
        if (key.Length > MaxKeyLength)
            throw new BadRequestException($"The property key must be at most {MaxKeyLength} characters.");
        if (key.Any(char.IsControl)) throw new BadRequestException("The property key must not contain control characters.");
        return key;
    }

    /// <summary>
    /// The raw JSON to store; an absent or null value is refused, one longer than
    /// <paramref name="maxLength"/> characters too (413 or 400, as the operation's spec says).
    /// </summary>
    public static string Value(JsonElement? value, bool tooLongIsPayloadTooLarge = false, int maxLength = MaxValueLength)
    {
        if (value is null || value.Value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            throw new BadRequestException("The property value is required and must not be empty.");
        var raw = value.Value.GetRawText();
        if (raw.Length > maxLength)
        {
            var message = $"The property value is {raw.Length} characters of JSON; the limit is {maxLength}.";
            throw tooLongIsPayloadTooLarge ? new PayloadTooLargeException(message) : new BadRequestException(message);
        }
        return raw;
    }

    /// <summary>
    /// A content or space property value. The spec types it (<c>PropertyValue</c>, and the same
    /// <c>oneOf</c> in the create and update shapes) as a string, a boolean, an object or an
    /// array of strings; anything else (a bare number, an array of objects) is refused, so every
    /// stored value can be answered in the shape the spec promises. Too long answers 413.
    /// </summary>
    public static string PropertyValue(JsonElement? value, int maxLength)
    {
        var raw = Value(value, tooLongIsPayloadTooLarge: true, maxLength);
        var fits = value!.Value.ValueKind switch
        {
            JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Object => true,
            JsonValueKind.Array => value.Value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String),
            _ => false,
        };
        if (!fits)
            throw new BadRequestException("The property value must be a string, a boolean, an object or an array of strings.");
        return raw;
    }

    /// <summary>
    /// A user property value: the spec's <c>UserPropertyCreate</c> and <c>UserPropertyUpdate</c>
    /// type it as a JSON object. Too long answers 400, as those operations' specs say.
    /// </summary>
    public static string ObjectValue(JsonElement? value)
    {
        var raw = Value(value);
        if (value!.Value.ValueKind != JsonValueKind.Object)
            throw new BadRequestException("The property value must be a JSON object.");
        return raw;
    }
}
