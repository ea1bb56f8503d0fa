using Quire.Core.ConnectApps;
using Quire.Storage.ConnectApps;

namespace Quire.Server.Connect;

/// <summary>What Connect apps need, for the web host and the command line alike.</summary>
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
}
