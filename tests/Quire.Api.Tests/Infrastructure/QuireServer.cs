using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Quire.Api.Tests.Infrastructure;

/// <summary>
/// One Quire server in memory, on one storage engine, with a bootstrap admin whose token
/// the tests know. Tests share it and stay apart by creating their own users, groups
/// and spaces with unique names.
/// </summary>
public sealed class QuireServer : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@quire.test";
    public const string AdminToken = "test-admin-token-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="configure">More host configuration, such as test services (a clock, a counting hasher).</param>
    public QuireServer(string engine, Dictionary<string, string?> settings, bool bootstrapAdmin = true, Action<IWebHostBuilder>? configure = null)
    {
        Engine = engine;
        _configure = configure;
        _settings = new Dictionary<string, string?>(settings) { ["Quire:BaseUrl"] = "http://quire.test" };
        if (bootstrapAdmin)
        {
            _settings["Quire:Bootstrap:AdminEmail"] = AdminEmail;
            _settings["Quire:Bootstrap:AdminApiToken"] = AdminToken;
        }
    }

    public string Engine { get; }

    /// <summary>The server's settings, e.g. to point the command line at its database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        // Errors still reach the test output; the routine information does not.
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        _configure?.Invoke(builder);
    }

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient Anonymous() => WithValidation(CreateDefaultClient(SpecValidation.Handler()));

    /// <summary>A client signed in with HTTP Basic as <paramref name="login"/>.</summary>
    public HttpClient SignedIn(string login, string secret)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{secret}")));
        return client;
    }

    public HttpClient Admin() => SignedIn(AdminEmail, AdminToken);

    private HttpClient WithValidation(HttpClient client)
    {
        client.BaseAddress = new Uri("http://quire.test");
        return client;
    }
}
