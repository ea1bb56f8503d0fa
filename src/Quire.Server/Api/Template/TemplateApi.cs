using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Templates;
using Quire.Server.Http;

namespace Quire.Server.Api.Template;

/// <summary>
/// The <c>Template</c> group: page templates of the site or of a space (<c>/template</c>,
/// <c>/template/page</c>, <c>/template/{contentTemplateId}</c>) and the blueprint templates
/// (<c>/template/blueprint</c>). Blueprints are provided by apps, which Quire does not run, so
/// that listing is always empty; a space's blueprint templates are likewise none.
/// </summary>
public static class TemplateApi
{
    private static readonly PageLimits Limits = new(25, 200);

    public static RouteGroupBuilder MapTemplateApi(this RouteGroupBuilder api)
    {
        api.MapPost("/template", CreateContentTemplate);
        api.MapPut("/template", UpdateContentTemplate);
        api.MapGet("/template/page", GetContentTemplates);
        api.MapGet("/template/blueprint", GetBlueprintTemplates);
        api.MapGet("/template/{contentTemplateId}", GetContentTemplate);
        api.MapDelete("/template/{contentTemplateId}", RemoveTemplate);
        return api;
    }

    private static async Task<TemplateJson> CreateContentTemplate(
        TemplateRequest body, Caller caller, TemplateService templates, TemplateRenderer renderer, CancellationToken ct) =>
        renderer.Render(await templates.CreateAsync(caller, body.ToInput(), ct), caller, withBody: true);

    private static async Task<TemplateJson> UpdateContentTemplate(
        TemplateRequest body, Caller caller, TemplateService templates, TemplateRenderer renderer, CancellationToken ct) =>
        renderer.Render(await templates.UpdateAsync(caller, body.ToInput(), ct), caller, withBody: true);

    /// <summary>A template is read with its body, as the operation's description promises.</summary>
    private static async Task<TemplateJson> GetContentTemplate(
        string contentTemplateId, Caller caller, TemplateService templates, TemplateRenderer renderer, CancellationToken ct) =>
        renderer.Render(await templates.GetAsync(caller, contentTemplateId, ct), caller, withBody: true);

    private static async Task<PagedJson<TemplateJson>> GetContentTemplates(
        string? spaceKey, int? start, int? limit, HttpRequest request, Caller caller, TemplateService templates, TemplateRenderer renderer,
        ApiLinks links, CancellationToken ct)
    {
        var page = await templates.ListAsync(caller, QueryValues.Blank(spaceKey), Limits.Parse(start, limit), ct);
        var withBody = Expansion.From(request).Has("body");
        return PagedJson<TemplateJson>.From(page, t => renderer.Render(t, caller, withBody), links);
    }

    /// <summary>Blueprint templates: none, globally or in a space the caller may read (403 for one it may not, as for content templates).</summary>
    private static async Task<PagedJson<TemplateJson>> GetBlueprintTemplates(
        string? spaceKey, int? start, int? limit, Caller caller, TemplateService templates, ApiLinks links, CancellationToken ct)
    {
        var page = Limits.Parse(start, limit);
        await templates.RequireTemplatesReadableAsync(caller, QueryValues.Blank(spaceKey), ct);
        return PagedJson<TemplateJson>.From(Page<TemplateJson>.FromOverfetch([], page), t => t, links);
    }

    private static async Task<IResult> RemoveTemplate(string contentTemplateId, Caller caller, TemplateService templates, CancellationToken ct)
    {
        await templates.DeleteAsync(caller, contentTemplateId, ct);
        return TypedResults.NoContent();
    }
}
