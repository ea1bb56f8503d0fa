using Microsoft.AspNetCore.WebUtilities;

namespace Quire.Server.Http;

/// <summary>Confluence's v1 error body, the one shape every non-2xx answer of v1 has (v2 has its own, <see cref="ApiV2.Common.V2ErrorBody"/>).</summary>
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

    /// <summary>Writes the error in the shape of the API the request called: v2's <c>errors</c> list on <c>/wiki/api/v2</c>, this one elsewhere.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        if (ApiV2.Common.V2ErrorBody.Applies(context.Request.Path))
            return context.Response.WriteAsJsonAsync(ApiV2.Common.V2ErrorBody.For(statusCode, message), QuireJson.Options);
        return context.Response.WriteAsJsonAsync(For(statusCode, message), QuireJson.Options);
    }
}

public sealed record ErrorData(bool Authorized, bool Valid, IReadOnlyList<object> Errors, bool Successful);
