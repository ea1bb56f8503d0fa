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
        if ((request.Path.Value?.Contains('\0') ?? false) || QueryHasNul(request))
            return Web.WebHosting.IsBrowserRequest(context)
                ? Web.WebFallbackErrorPage.WriteAsync(context, StatusCodes.Status400BadRequest, "The address must not contain NUL characters.")
                : ErrorBody.WriteAsync(context, StatusCodes.Status400BadRequest, "The request's path and parameters must not contain NUL characters.");
        return next(context);
    }

    /// <summary>
    /// Whether a query name or value decodes to a NUL. Only <c>%00</c> decodes to one (Kestrel refuses a raw NUL in
    /// the target), so a query without it is let through without parsing it here, on every request.
    /// </summary>
    private static bool QueryHasNul(HttpRequest request)
    {
        if (request.QueryString.Value is not { } raw || !raw.Contains("%00", StringComparison.Ordinal)) return false;
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0')) return true;
            foreach (var value in values)
                if (value?.Contains('\0') == true) return true;
        }
        return false;
    }
}
