namespace Quire.Server.Web.Editing;

/// <summary>The editing side of the web interface in the host: its helpers and the one endpoint that is not a Razor page (uploads).</summary>
public static class WebEditingHosting
{
    public static IServiceCollection AddQuireWebEditing(this IServiceCollection services)
    {
        services.AddScoped<EditableContent>();
        services.AddScoped<AuthorNames>();
        services.AddScoped<UserByLogin>();
        return services;
    }

    public static WebApplication MapQuireWebEditing(this WebApplication app)
    {
        WebUploadEndpoint.Map(app);
        return app;
    }
}
