using Microsoft.AspNetCore.Mvc;

namespace Quire.Server.Web.Pages;

/// <summary>
/// The HTML error page a browser gets for a 4xx or 5xx on a web route (re-executed here by the status pages
/// of <see cref="WebHosting"/>), with the message the failing page left, if any. It keeps the original status.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : WebPageModel
{
    protected override bool NeedsCaller => false;

    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    /// <summary>
    /// The text of a refused form's <c>Body</c> (the editor's Markdown, a comment's), shown again so that a post the
    /// site could not accept (an expired antiforgery token, say) does not lose what the user wrote.
    /// </summary>
    public string? PostedBody { get; private set; }

    public string? PostedTitle { get; private set; }

    public async Task OnPostAsync(int code)
    {
        Describe(code);
        if (Response.StatusCode != StatusCodes.Status400BadRequest || !Request.HasFormContentType) return;
        try
        {
            var form = await Request.ReadFormAsync(HttpContext.RequestAborted);
            if (form["Body"].ToString() is { Length: > 0 } body && !body.Contains('\0'))
            {
                PostedBody = body;
                PostedTitle = form["Title"].ToString() is { Length: > 0 } title && !title.Contains('\0') ? title : null;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A form that cannot be read has nothing to give back.
        }
    }

    private void Describe(int code)
    {
        var status = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        Title = status switch
        {
            400 => "Bad request",
            401 or 403 => "Not allowed",
            404 => "Page not found",
            405 => "Not allowed here",
            409 => "Conflict",
            413 => "Too large",
            429 => "Too many requests",
            _ when status >= 500 => "Something went wrong",
            _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        };
        Message = WebErrorMessage.Get(HttpContext) ?? status switch
        {
            400 => "The request was not valid, or the form expired: go back, reload the page and try again.",
            403 => "You do not have permission to see this.",
            404 => "There is nothing here, or you do not have permission to see it.",
            _ when status >= 500 => "An internal error occurred. It has been logged.",
            _ => "The request could not be carried out.",
        };
    }
}
