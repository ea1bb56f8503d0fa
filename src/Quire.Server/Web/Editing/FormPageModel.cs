using Microsoft.AspNetCore.Mvc;
using Quire.Core.Errors;

namespace Quire.Server.Web.Editing;

/// <summary>
/// A page of forms that change something and show the page again: it reports what a form did (<see cref="Done"/>)
/// or why it was refused (<see cref="Error"/>, answered with the refusal's status and nothing changed) above the
/// page. Forbidden stays an error page (the filter's), since the page itself is not the caller's to see then.
/// </summary>
public abstract class FormPageModel : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    public string? Done { get; protected set; }
    public string? Error { get; protected set; }

    protected async Task<IActionResult> ChangeAsync(Func<Task<string>> change, Func<Task> reload)
    {
        try
        {
            Done = await change();
        }
        catch (QuireException refusal) when (refusal is BadRequestException or NotFoundException or ConflictException)
        {
            Error = refusal.Message;
            Response.StatusCode = refusal.StatusCode;
        }
        await reload();
        return Page();
    }
}
