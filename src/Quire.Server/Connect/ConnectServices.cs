using Quire.Core.ConnectApps;
using Quire.Storage.ConnectApps;

namespace Quire.Server.Connect;

/// <summary>What Connect apps need, for the web host and the command line alike, and the routes of Connect that are not the spec's.</summary>
public static class ConnectServices
{
    public static IServiceCollection AddConnectApps(this IServiceCollection services)
    {
        services.AddScoped<ConnectAppStore>();
        services.AddSingleton<ConnectAppClient>();
        services.AddSingleton<ConnectInstallKeys>();
        services.AddScoped<ConnectAppWebhooks>();
        services.AddScoped<ConnectAppService>();
        services.AddScoped<DynamicModuleService>();
        services.AddScoped<ConnectImpersonation>();
        services.AddScoped<ConnectRequestAuthenticator>();
        return services;
    }

    /// <summary>The URLs of Connect that are not the spec's: UPM's REST API, the install keys, the impersonation token endpoint.</summary>
    public static IEndpointRouteBuilder MapConnectApps(this IEndpointRouteBuilder app) =>
        app.MapPluginsApi().MapInstallKeysApi().MapImpersonationTokenApi();
}
