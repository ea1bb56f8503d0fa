using Microsoft.Extensions.FileProviders;

namespace Quire.Server.Web;

/// <summary>
/// The web interface in the host: Razor Pages (static server rendering) under <c>Web/Pages</c>, each at an
/// absolute <c>/wiki/...</c> route of its own; the static files embedded in the assembly and served at
/// <c>/wiki/s/</c>; HTML error pages for browser requests; and the session cookie's caller.
/// </summary>
public static class WebHosting
{
    private const string EmbeddedRoot = "Quire.Server.Web.wwwroot";

    public static IServiceCollection AddQuireWeb(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            o.Conventions.ConfigureFilter(new WebErrorFilter());
            o.Conventions.AddPageRoute("/Home", WebLinks.Wiki);
            // The other webui forms of content (ContentWebLinks) open the same view as a page's.
            o.Conventions.AddPageRoute("/Content/View", "wiki/spaces/{spaceKey}/blog/{year:int}/{month:int}/{day:int}/{id:long}/{title?}");
            o.Conventions.AddPageRoute("/Content/View", "wiki/spaces/{spaceKey}/{kind:regex(^(folder|whiteboard|database|embed)$)}/{id:long}");
            o.Conventions.AddPageRoute("/Content/View", "wiki/display/{spaceKey}/customcontent/{id:long}");
            o.Conventions.AddPageRoute("/Spaces/Home", "wiki/spaces/{spaceKey}/overview");
        });
        services.AddScoped<WebVisitor>();
        services.AddScoped<Content.ContentPageLoader>();
        services.AddScoped<Content.PageTreeReader>();
        return services;
    }

    /// <summary>
    /// Before routing (so the error page's address is routed when a status is re-executed): static files, and
    /// the HTML status pages of browser requests. The API's status pages (inside these) answer every other
    /// request with JSON and leave a browser's alone (<see cref="IsBrowserRequest"/>), so one or the other writes.
    /// </summary>
    public static WebApplication UseQuireWebPages(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            // Only where a page can answer: an API call would pay for the callback on every request.
            if (WebPaths.MayBePage(context.Request.Path))
                context.Response.OnStarting(static state => { AddContentSecurityPolicy((HttpContext)state); return Task.CompletedTask; }, context);
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebHosting).Assembly, EmbeddedRoot),
            RequestPath = WebPaths.Static,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseStatusCodePagesWithReExecute(WebPaths.ErrorFormat);
        return app;
    }

    /// <summary>
    /// What a web page may load and run: script only from this site's own files (quire.js), no plugins, no framing
    /// by other sites, requests and forms only to this site. A body's HTML that slipped past the sanitizer still
    /// cannot run script or send data elsewhere by script. Two allowances keep pages as their authors wrote them,
    /// as Confluence shows them: images from any web address (a storage body's <c>ri:url</c> images), and inline
    /// style attributes (coloured text, table widths; the sanitizer keeps only safe CSS, and styles run no script).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'";

    private static void AddContentSecurityPolicy(HttpContext context)
    {
        var response = context.Response;
        if (response.Headers.ContainsKey("Content-Security-Policy")) return;
        if (response.ContentType is not { } type || !type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)) return;
        if (!IsBrowserRequest(context)) return;
        response.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
    }

    /// <summary>A web page's request, or one no route took that a browser made for a page: its errors are HTML pages.</summary>
    public static bool IsBrowserRequest(HttpContext context) => WebPageEndpoint.Is(context) || WebPaths.IsUnroutedBrowserRequest(context);

    /// <summary>After authentication: a web page's caller comes from the session cookie.</summary>
    public static WebApplication UseQuireWebVisitor(this WebApplication app)
    {
        app.UseMiddleware<WebVisitorMiddleware>();
        app.UseMiddleware<WebFormCheckMiddleware>();
        return app;
    }

    public static WebApplication MapQuireWeb(this WebApplication app)
    {
        app.MapRazorPages().Add(endpoint => endpoint.Metadata.Add(WebPageEndpoint.Instance));
        return app;
    }
}
