using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Quire.Core.Errors;

namespace Quire.Server.Web;

/// <summary>
/// A domain refusal inside a page (not found, forbidden, bad request, conflict) becomes its status
/// with no body, which the web status pages then render as an HTML error page (the message kept for it);
/// the API's JSON error bodies are never used for a browser's page.
/// </summary>
public sealed class WebErrorFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not QuireException quire) return;
        WebErrorMessage.Set(context.HttpContext, quire.Message);
        context.Result = new StatusCodeResult(quire.StatusCode);
        context.ExceptionHandled = true;
    }
}

/// <summary>The message an error page shows, left in the request's items by the page that failed.</summary>
public static class WebErrorMessage
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, string message) => context.Items[Key] = message;

    public static string? Get(HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as string : null;
}

/// <summary>
/// The last resort for a browser's request that failed outside a page's handler (while rendering, or in
/// middleware): a small self-contained HTML page with the status and the message, encoded, instead of the
/// API's JSON body. ErrorHandlingMiddleware writes it for browser requests.
/// </summary>
public static class WebFallbackErrorPage
{
    public static async Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var reason = System.Net.WebUtility.HtmlEncode(Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status));
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{reason} - Quire</title><link rel="stylesheet" href="{WebPaths.Static}/quire.css"></head>
            <body><main id="main"><h1>{reason}</h1><p class="message message-error">{System.Net.WebUtility.HtmlEncode(message)}</p>
            <p><a href="{WebPaths.Spaces}">Go to the spaces directory</a></p></main></body></html>
            """, context.RequestAborted);
    }
}
