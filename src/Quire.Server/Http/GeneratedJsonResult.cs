using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Quire.Server.Http;

/// <summary>
/// An answer of the read path written by System.Text.Json's generated writer (<see cref="QuireJsonContext"/>)
/// straight into the response's pipe. Returning the value from the endpoint instead writes it with ASP.NET Core's
/// JSON options, whose relaxed encoder (bodies keep their <c>&lt;</c> and <c>&gt;</c>, as Confluence writes them)
/// makes System.Text.Json fall back to its metadata-driven writer: it runs a generated writer only with the default
/// encoder. Here the escaping belongs to the <see cref="Utf8JsonWriter"/>, created with the same relaxed encoder,
/// and the type information to <see cref="QuireJson.Options"/> (the HTTP options but for the encoder, so the
/// generated writer runs, and a member written by reflection, such as an <c>object</c> in <c>extensions</c>, still
/// resolves): the bytes are those ASP.NET Core would write (<c>GeneratedJsonResultTests</c> compares them).
/// </summary>
public sealed class GeneratedJsonResult<T>(T value) : IResult
{
    /// <summary>What ASP.NET Core's JSON results send.</summary>
    public const string ContentType = JsonBytesResult.ContentType;

    /// <summary>The type's information in options with the default encoder, where its generated writer is used.</summary>
    public static readonly JsonTypeInfo<T> TypeInfo = (JsonTypeInfo<T>)QuireJson.Options.GetTypeInfo(typeof(T));

    public T Value => value;

    /// <summary>The answer's bytes, as <see cref="ExecuteAsync"/> would write them, for an answer that is kept.</summary>
    public byte[] ToBytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(8192);
        RelaxedJsonWriter.Write(buffer, value, TypeInfo);
        return buffer.WrittenSpan.ToArray();
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        RelaxedJsonWriter.Write(response.BodyWriter, value, TypeInfo);
        // The whole answer is in the pipe's pooled buffers now; one flush sends it.
        var flush = response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}

/// <summary>
/// Writes a value with its generated writer into a buffer through a <see cref="Utf8JsonWriter"/> that escapes as
/// ASP.NET Core's JSON options do (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>). The writer is kept per
/// thread and reset for each use: the generated writer is synchronous, so no use of it spans an await.
/// </summary>
public static class RelaxedJsonWriter
{
    /// <summary>The writer options of ASP.NET Core's JSON answers; validation off, as System.Text.Json's own writers have it.</summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic] private static Utf8JsonWriter? _cached;

    /// <summary>What a kept writer points at between uses, so it holds no request's buffer; never written to.</summary>
    private static readonly System.Buffers.ArrayBufferWriter<byte> Nowhere = new(1);

    public static void Write<T>(System.Buffers.IBufferWriter<byte> buffer, T value, JsonTypeInfo<T> typeInfo)
    {
        var writer = _cached;
        _cached = null; // a converter that wrote a nested answer the same way must not share this one
        if (writer is null) writer = new Utf8JsonWriter(buffer, Options);
        else writer.Reset(buffer);
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Nowhere); // drops its reference to the buffer, which belongs to the request
            _cached = writer;
        }
    }
}

/// <summary>A JSON answer already rendered to its bytes (<see cref="RenderedAnswerCache"/>), sent with its length.</summary>
public sealed class JsonBytesResult(byte[] json) : IResult
{
    /// <summary>What ASP.NET Core's JSON results send.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public byte[] Json => json;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.ContentLength = json.Length;
        var write = response.BodyWriter.WriteAsync(json, httpContext.RequestAborted);
        return write.IsCompletedSuccessfully ? Task.CompletedTask : write.AsTask();
    }
}
