using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quire.Server.Http;

/// <summary>
/// Refuses NUL characters in request text. PostgreSQL cannot store them in text columns
/// (SQLite can), so without this the same request would be a client error on one engine
/// and a server error on the other. Both engines now answer 400.
/// </summary>
public sealed class NulCharacterMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((request.Path.Value?.Contains('\0') ?? false) || request.Query.Any(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') ?? false)))
            return ErrorBody.WriteAsync(context, StatusCodes.Status400BadRequest, "The request's path and parameters must not contain NUL characters.");
        return next(context);
    }
}

/// <summary>Reads JSON strings as usual, refusing those that contain NUL (see <see cref="NulCharacterMiddleware"/>).</summary>
public sealed class NulRefusingStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && value.Contains('\0'))
            throw new JsonException("Strings must not contain NUL characters.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
