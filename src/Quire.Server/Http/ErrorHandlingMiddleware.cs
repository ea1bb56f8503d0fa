using System.Text.Json;
using Quire.Core.Errors;

namespace Quire.Server.Http;

/// <summary>
/// The one place failures become HTTP answers: domain exceptions and binding failures
/// map to Confluence's error body with their status; anything unexpected is logged and
/// answers a 500 that reveals nothing.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var (status, message) = Classify(exception, context);
            if (status == StatusCodes.Status500InternalServerError)
                logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            else if (status == 499)
                return;
            context.Response.Clear();
            if (Web.WebHosting.IsBrowserRequest(context))
                await Web.WebFallbackErrorPage.WriteAsync(context, status, message); // a browser's page: HTML, not the API's JSON
            else
                await ErrorBody.WriteAsync(context, status, message);
        }
    }

    private static (int Status, string Message) Classify(Exception exception, HttpContext context) => exception switch
    {
        QuireException quire => (quire.StatusCode, quire.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (413, "The request body is larger than this server accepts."),
        BadHttpRequestException bad => (bad.StatusCode, Describe(bad)),
        JsonException json => (400, JsonProblem(json)),
        OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, ""),
        _ => (500, "An internal error occurred. It has been logged."),
    };

    /// <summary>
    /// Says where the body is wrong without naming our own types: System.Text.Json's
    /// message for a type mismatch mentions the .NET class it tried to fill.
    /// </summary>
    private static string JsonProblem(JsonException json)
    {
        var where = json.Path is null ? "" : $" at {json.Path}";
        var position = json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : "";
        var what = json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "a value has the wrong JSON type"
            : json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
        return $"The request body is not valid: {what}{where}{position}.";
    }

    /// <summary>Binding failures carry the useful part (which JSON path, which type) in the inner exception.</summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => JsonProblem(json),
        { } inner => $"{bad.Message} {inner.Message}",
        _ => bad.Message,
    };
}
