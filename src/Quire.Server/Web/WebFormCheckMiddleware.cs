namespace Quire.Server.Web;

/// <summary>
/// Reads a web page's URL-encoded form before any handler does, and answers the 400 page when it cannot be
/// read: ASP.NET Core's form reader refuses NUL characters (which PostgreSQL could not store either) and
/// more fields or longer values than its limits with <see cref="InvalidDataException"/>, which model binding
/// would otherwise turn into a 500. The form's size is already bounded by the request limit; multipart
/// uploads are streamed by their own endpoint and not read here.
/// </summary>
public sealed class WebFormCheckMiddleware(RequestDelegate next)
{
    public const string Message = "The form could not be read: its fields must not contain NUL characters, and it must stay within the size limits.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (WebPageEndpoint.Is(context) && !await IsReadableAsync(context))
        {
            // Written here: the error page itself would read the same form again.
            await WebFallbackErrorPage.WriteAsync(context, StatusCodes.Status400BadRequest, Message);
            return;
        }
        await next(context);
    }

    private static async Task<bool> IsReadableAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true) return true;
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
