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
