using System.CommandLine;
using Quire.Core.ConnectApps;

namespace Quire.Server.Cli;

/// <summary>
/// <c>quire app install|list|enable|disable|uninstall</c>: Connect apps, from the command line, as a site
/// admin installs them through UPM's REST API. The lifecycle callbacks go out from the command line
/// itself, naming the site by <c>Quire:BaseUrl</c> (set it to the address apps reach the server at).
/// </summary>
internal static class AppCommand
{
    public static Command Create(QuireCommandLine.ServiceRunner run, TextWriter stdout)
    {
        var url = new Option<string?>("--url") { Description = "The descriptor's URL (atlassian-connect.json), fetched over http or https." };
        var file = new Option<FileInfo?>("--file") { Description = "A descriptor file, instead of --url." };
        var key = new Argument<string>("key") { Description = "The app's key, as 'app list' shows it." };

        var install = new Command("install", "Install (or update) a Connect app from its descriptor; its installed callback must answer 2xx.") { url, file };
        install.SetAction((parse, ct) => run(parse, async services =>
        {
            var path = parse.GetValue(file);
            var descriptor = path is null ? null : await File.ReadAllTextAsync(path.FullName, ct);
            var view = await services.GetRequiredService<ConnectAppService>().InstallAsync(null,
                new ConnectInstallRequest(parse.GetValue(url), descriptor), ct);
            await stdout.WriteLineAsync($"installed {view.App.AppKey} (client key {view.App.ClientKey}, app user {view.AppUser.AccountId})");
        }, ct));

        var list = new Command("list", "List the installed apps: key, enabled, name, baseUrl and scopes, one a line.");
        list.SetAction((parse, ct) => run(parse, async services =>
        {
            foreach (var view in await services.GetRequiredService<ConnectAppService>().ListAsync(null, ct))
                await stdout.WriteLineAsync(
                    $"{view.App.AppKey}\t{(view.App.Enabled ? "enabled" : "disabled")}\t{view.App.Name}\t{view.App.BaseUrl}\t{view.App.Scopes.Replace(' ', ',')}");
        }, ct));

        Command SetEnabled(string name, bool enabled, string description)
        {
            var command = new Command(name, description) { key };
            command.SetAction((parse, ct) => run(parse, async services =>
            {
                await services.GetRequiredService<ConnectAppService>().SetEnabledAsync(null, parse.GetValue(key), enabled, ct);
                await stdout.WriteLineAsync(enabled ? "enabled" : "disabled");
            }, ct));
            return command;
        }

        var uninstall = new Command("uninstall", "Remove an app, its dynamic modules and webhooks; its app user stays.") { key };
        uninstall.SetAction((parse, ct) => run(parse, async services =>
        {
            await services.GetRequiredService<ConnectAppService>().UninstallAsync(null, parse.GetValue(key), ct);
            await stdout.WriteLineAsync("uninstalled");
        }, ct));

        return new Command("app", "Manage Connect apps.")
        {
            install, list, SetEnabled("enable", true, "Enable an app."), SetEnabled("disable", false, "Disable an app: its requests are refused, its webhooks wait."),
            uninstall,
        };
    }
}
