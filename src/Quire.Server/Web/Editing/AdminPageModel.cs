using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Quire.Core.Errors;

namespace Quire.Server.Web.Editing;

/// <summary>
/// The base of the site administration pages: site administrators only (others get 403, as the API's admin
/// endpoints answer), and a page that reports what a form did (<see cref="Done"/>) or why it was refused
/// (<see cref="Error"/>, with the refusal's status) above the page, instead of leaving it.
/// </summary>
public abstract class AdminPageModel : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    public string? Done { get; protected set; }
    public string? Error { get; protected set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await base.OnPageHandlerExecutionAsync(context, async () =>
        {
            if (!Caller.IsSiteAdmin)
            {
                WebErrorMessage.Set(HttpContext, "Only site administrators may open the administration pages.");
                context.Result = StatusCode(StatusCodes.Status403Forbidden);
                return null!;
            }
            return await next();
        });
    }

    /// <summary>Runs a form's change; a refusal (400, 404...) is shown on the page with its status and nothing changed.</summary>
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
