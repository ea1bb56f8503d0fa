namespace Quire.Server.Http;

/// <summary>
/// Refuses NUL characters in request text. PostgreSQL cannot store them in text columns
/// (SQLite can), so without this the same request would be a client error on one engine
/// and a server error on the other. Both engines now answer 400. (NUL in JSON bodies is
/// <see cref="JsonBodyCheck"/>'s, which reads every JSON body before it is bound.)
/// </summary>
public sealed class NulCharacterMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((request.Path.Value?.Contains('\0') ?? false) || request.Query.Any(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') ?? false)))
            return Web.WebHosting.IsBrowserRequest(context)
                ? Web.WebFallbackErrorPage.WriteAsync(context, StatusCodes.Status400BadRequest, "The address must not contain NUL characters.")
                : ErrorBody.WriteAsync(context, StatusCodes.Status400BadRequest, "The request's path and parameters must not contain NUL characters.");
        return next(context);
    }
}
