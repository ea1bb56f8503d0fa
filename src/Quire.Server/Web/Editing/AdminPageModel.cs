using Microsoft.AspNetCore.Mvc.Filters;

namespace Quire.Server.Web.Editing;

/// <summary>The base of the site administration pages: site administrators only (others get 403, as the API's admin endpoints answer).</summary>
public abstract class AdminPageModel : FormPageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await base.OnPageHandlerExecutionAsync(context, async () =>
        {
            if (!Caller.IsSiteAdmin)
            {
                // Not calling next ends the request with this result, as the base does for a missing sign-in.
                WebErrorMessage.Set(HttpContext, "Only site administrators may open the administration pages.");
                context.Result = StatusCode(StatusCodes.Status403Forbidden);
                return null!;
            }
            return await next();
        });
    }
}
