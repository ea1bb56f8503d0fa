using Microsoft.AspNetCore.WebUtilities;

namespace Quire.Server.Http;

/// <summary>Confluence's error body, the one shape every non-2xx answer of the API has.</summary>
public sealed record ErrorBody(int StatusCode, ErrorData Data, string Message, string Reason)
{
    public static ErrorBody For(int statusCode, string message) => new(
        statusCode,
        new ErrorData(
            Authorized: statusCode is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden),
            Valid: statusCode is not StatusCodes.Status400BadRequest,
            Errors: [],
            Successful: false),
        message,
        ReasonPhrases.GetReasonPhrase(statusCode));

    public static Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(For(statusCode, message), QuireJson.Options);
    }
}

public sealed record ErrorData(bool Authorized, bool Valid, IReadOnlyList<object> Errors, bool Successful);
