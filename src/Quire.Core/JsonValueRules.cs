using System.Text.Json;
using Quire.Core.Errors;

namespace Quire.Core;

/// <summary>What a property key and a JSON property value may be, for every kind of entity property.</summary>
public static class JsonValueRules
{
    public const int MaxKeyLength = 255;

    /// <summary>Confluence's limit on a property value: 32 KiB of JSON.</summary>
    public const int MaxValueLength = 32768;

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
    /// Keys of content properties, which apps name freely (<c>my.app:setting</c>): any text
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

    /// <summary>The raw JSON to store; an absent or null value is refused, an over-long one too.</summary>
    public static string Value(JsonElement? value, bool tooLongIsPayloadTooLarge = false)
    {
        if (value is null || value.Value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            throw new BadRequestException("The property value is required and must not be empty.");
        var raw = value.Value.GetRawText();
        if (raw.Length > MaxValueLength)
        {
            var message = $"The property value is {raw.Length} characters of JSON; the limit is {MaxValueLength}.";
            throw tooLongIsPayloadTooLarge ? new PayloadTooLargeException(message) : new BadRequestException(message);
        }
        return raw;
    }
}
