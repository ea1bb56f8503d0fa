using System.CommandLine;
using Quire.Core.OAuth;
using Quire.Core.Paging;

namespace Quire.Server.Cli;

/// <summary>
/// <c>quire oauth-app add|list|remove|rotate-secret</c>: the site admin's OAuth 2.0 (3LO) app registration, from the
/// command line. A running server sees a change at its next request (apps are read from the database each time).
/// </summary>
internal static class OAuthAppCommand
{
    public static Command Create(QuireCommandLine.ServiceRunner run, TextWriter stdout)
    {
        var name = new Option<string>("--name") { Description = "The app's name, shown on the consent page.", Required = true };
        var callbacks = new Option<string[]>("--callback-url")
        {
            Description = "A redirect URI /authorize may send the user back to (repeat for more).", Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "A scope the app may ask for, e.g. read:confluence-content.all or offline_access (repeat, or separate with spaces).",
            Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var clientId = new Option<string>("--client-id") { Description = "The app's client id, as 'oauth-app list' shows it.", Required = true };

        var add = new Command("add", "Register an OAuth app; prints its client id and client secret (the secret is shown only once).") { name, callbacks, scopes };
        add.SetAction((parse, ct) => run(parse, async services =>
        {
            var asked = parse.GetValue(scopes)!.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var issued = await services.GetRequiredService<OAuthAppService>().CreateAsync(null,
                new OAuthAppInput(parse.GetValue(name), parse.GetValue(callbacks), asked), ct);
            await stdout.WriteLineAsync($"client_id: {issued.App.ClientId}");
            await stdout.WriteLineAsync($"client_secret: {issued.ClientSecret}");
        }, ct));

        var list = new Command("list", "List the OAuth apps: client id, name, callback URLs and scopes, one a line.");
        list.SetAction((parse, ct) => run(parse, async services =>
        {
            var apps = services.GetRequiredService<OAuthAppService>();
            for (var start = 0; ; start += 100)
            {
                var page = await apps.ListAsync(null, new PageRequest(start, 100), ct);
                foreach (var app in page.Results)
                    await stdout.WriteLineAsync($"{app.ClientId}\t{app.Name}\t{string.Join(',', app.CallbackUrlList)}\t{app.Scopes}");
                if (!page.HasMore) break;
            }
        }, ct));

        var remove = new Command("remove", "Delete an OAuth app; every grant and token issued to it ends.") { clientId };
        remove.SetAction((parse, ct) => run(parse, async services =>
        {
            await services.GetRequiredService<OAuthAppService>().DeleteAsync(null, parse.GetValue(clientId)!, ct);
            await stdout.WriteLineAsync("removed");
        }, ct));

        var rotate = new Command("rotate-secret", "Give an OAuth app a new client secret and print it; the old one stops working.") { clientId };
        rotate.SetAction((parse, ct) => run(parse, async services =>
        {
            var issued = await services.GetRequiredService<OAuthAppService>().RotateSecretAsync(null, parse.GetValue(clientId)!, ct);
            await stdout.WriteLineAsync($"client_secret: {issued.ClientSecret}");
        }, ct));

        return new Command("oauth-app", "Manage OAuth 2.0 (3LO) apps.") { add, list, remove, rotate };
    }
}
