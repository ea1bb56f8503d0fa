using Quire.Server.Cli;
using Quire.Server.Hosting;

// `quire` alone serves the API; `quire <verb> ...` (user, token) administers the site
// from the command line against the same configuration.
if (QuireCommandLine.IsCommand(args))
    return await QuireCommandLine.RunAsync(args);

var app = QuireWebApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
