using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace Quire.Server.Http;

/// <summary>
/// What no JSON request body may hold, whichever endpoint reads it and however (typed records,
/// <c>JsonElement</c>, <c>JsonNode</c>): bytes that are not UTF-8, strings with a lone surrogate
/// (<c>"\ud800"</c>, which cannot become UTF-8 again to be stored, and which PostgreSQL refuses),
/// strings with NUL (which PostgreSQL's text refuses), and an object that names a key twice
/// (which the binders resolve differently: the last wins, or an exception). Checked once at the
/// edge, so every endpoint answers 400 for them, today's and tomorrow's. Syntax errors are left to
/// the binder, which names the path.
/// </summary>
public static class JsonBodyCheck
{
    /// <summary>The problem with the body, or null when there is none of these.</summary>
    public static string? Problem(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith(Encoding.UTF8.Preamble)) body = body[Encoding.UTF8.Preamble.Length..];
        if (!Utf8.IsValid(body))
            return $"The request body is not valid: it is not UTF-8 (an invalid byte sequence at byte {InvalidAt(body)}).";

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow });
        // The keys seen in each open object, innermost last; null until an object has a second key.
        var keys = new Stack<(string? First, HashSet<string>? Others)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        keys.Push((null, null));
                        break;
                    case JsonTokenType.EndObject:
                        keys.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Text(ref reader, out var nameProblem);
                        if (nameProblem is not null) return nameProblem;
                        var (first, others) = keys.Pop();
                        if (first is null) first = name;
                        else
                        {
                            others ??= new HashSet<string>(StringComparer.Ordinal) { first };
                            if (!others.Add(name!))
                                return $"The request body is not valid: the key {Show(name!)} appears twice in one object (at byte {reader.TokenStartIndex + 1}).";
                        }
                        keys.Push((first, others));
                        break;
                    case JsonTokenType.String:
                        Text(ref reader, out var valueProblem);
                        if (valueProblem is not null) return valueProblem;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the binder's message says where; nothing this check looks for came before it.
        }
        return null;
    }

    /// <summary>Whether a request says it carries JSON (application/json or any +json type).</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.HasValue &&
        (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         type.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string? Text(ref Utf8JsonReader reader, out string? problem)
    {
        problem = null;
        // Unescaped text is the body's own bytes, already known to be UTF-8 without NUL (JSON forbids raw control characters).
        if (!reader.ValueIsEscaped) return reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
        // The escapes themselves are read, since readers differ on a lone "\ud800" (some throw, some
        // substitute U+FFFD) and stores that keep the raw JSON (jsonb) refuse it.
        if (EscapeProblem(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan) is { } what)
        {
            problem = $"The request body is not valid: a string holds {what} (at byte {reader.TokenStartIndex + 1}).";
            return null;
        }
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            problem = $"The request body is not valid: a string cannot be read as text (at byte {reader.TokenStartIndex + 1}).";
            return null;
        }
    }

    /// <summary>What is wrong with the escapes of a raw JSON string, or null: a NUL, or a surrogate escape without its pair.</summary>
    private static string? EscapeProblem(ReadOnlySpan<byte> raw)
    {
        const string Lone = "a lone UTF-16 surrogate escape such as \\ud800; only whole characters can be stored";
        var pendingHigh = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var isUnit = raw[i] == (byte)'\\' && i + 5 < raw.Length && raw[i + 1] == (byte)'u';
            if (pendingHigh && !isUnit) return Lone;
            if (raw[i] == (byte)'\\' && !isUnit)
            {
                i++; // a one-character escape: skip what it escapes (it may be a backslash)
                continue;
            }
            if (!isUnit) continue;
            if (!System.Buffers.Text.Utf8Parser.TryParse(raw.Slice(i + 2, 4), out ushort unit, out var used, 'x') || used != 4)
                return null; // not a valid escape: the reader has refused it already
            i += 5;
            if (unit == 0) return "a NUL character (\\u0000), which text must not contain";
            if (char.IsHighSurrogate((char)unit))
            {
                if (pendingHigh) return Lone;
                pendingHigh = true;
            }
            else if (char.IsLowSurrogate((char)unit))
            {
                if (!pendingHigh) return Lone;
                pendingHigh = false;
            }
            else if (pendingHigh) return Lone;
        }
        return pendingHigh ? Lone : null;
    }

    private static long InvalidAt(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) != OperationStatus.Done) return offset + 1;
            offset += consumed;
        }
        return offset + 1;
    }

    private static string Show(string key) => "'" + (key.Length > 100 ? key[..100] + "..." : key) + "'";
}

/// <summary>
/// Applies <see cref="JsonBodyCheck"/> to every JSON request body before its endpoint runs: the body
/// is read once (its size is already bounded by <see cref="RequestSizeLimitMiddleware"/>), checked,
/// and handed on from memory.
/// </summary>
public sealed class JsonBodyCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint() is null || request.ContentLength == 0 || !JsonBodyCheck.IsJson(request.ContentType) ||
            HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }

        var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (JsonBodyCheck.Problem(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } problem)
        {
            await ErrorBody.WriteAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }
        body.Position = 0;
        request.Body = body;
        await next(context);
    }
}
