using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Quire.Core.Errors;
using Quire.Storage;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// v2's opaque <c>cursor</c>: a <see cref="Keyset"/> and the order it was taken in, as
/// base64url JSON <c>["sort", value, id]</c>. Clients only pass it back; a cursor that does not
/// decode, or that was made for another order, is a 400 rather than a silently wrong page.
/// </summary>
public static class V2Cursor
{
    /// <summary>Longer than any cursor Quire writes (a title is at most 255 characters, 1,020 bytes of UTF-8); a longer one is not decoded at all.</summary>
    private const int MaxLength = 4096;

    public static string Encode(string order, Keyset key)
    {
        var buffer = new MemoryStream();
        // Unescaped UTF-8 (the text is base64url-encoded anyway): escaped, a 255-character title in Cyrillic or CJK
        // made a cursor longer than Decode takes.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(order);
            if (key.Value is null) writer.WriteNullValue(); else writer.WriteStringValue(key.Value);
            writer.WriteNumberValue(key.Id);
            writer.WriteEndArray();
        }
        return Base64Url.EncodeToString(buffer.ToArray());
    }

    /// <summary>The keyset a cursor carries (null without a cursor); 400 when it is not one of Quire's for <paramref name="order"/>.</summary>
    public static Keyset? Decode(string? cursor, string order)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        if (cursor.Length > MaxLength || !Base64Url.IsValid(cursor)) throw Invalid();
        try
        {
            var reader = new Utf8JsonReader(Base64Url.DecodeFromChars(cursor));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw Invalid();
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) throw Invalid();
            if (reader.GetString() != order) throw new BadRequestException("The cursor was made for another sort order; start again without it.");
            if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) throw Invalid();
            var value = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            if (!reader.Read() || !reader.TryGetInt64(out var id)) throw Invalid();
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray || reader.Read()) throw Invalid();
            return new Keyset(value, id);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Invalid();
        }
    }

    private static BadRequestException Invalid() => new("The cursor is not valid; use the one a previous answer gave.");
}
