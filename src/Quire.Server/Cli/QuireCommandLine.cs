using System.CommandLine;
using Quire.Core.Errors;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Core.Users;
using Quire.Server.Hosting;
using Quire.Storage.Users;

namespace Quire.Server.Cli;

/// <summary>
/// Administration verbs on the server executable: <c>quire user add</c>, <c>quire token create</c>,
/// <c>quire permission grant</c>, ...
/// They open the configured database directly (migrating it if needed), so they work
/// whether or not the server is running.
/// </summary>
public static class QuireCommandLine
{
    private static readonly HashSet<string> Verbs = ["user", "token", "permission", "webhook", "app", "classification-level", "custom-content-type", "oauth-app", "corpus", "help", "--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        var stdout = output ?? Console.Out;
        var dataDirectory = new Option<string?>("--data-directory") { Description = "Quire:DataDirectory (SQLite file location).", Recursive = true };
        var provider = new Option<string?>("--database-provider") { Description = "Quire:Database:Provider: sqlite or postgres.", Recursive = true };
        var connection = new Option<string?>("--connection-string") { Description = "Quire:Database:ConnectionString.", Recursive = true };

        var root = new RootCommand("Quire: a self-hosted server for the Confluence Cloud REST API.\n" +
                                   "Run without arguments to serve the API; use a verb below to administer the site.");
        root.Options.Add(dataDirectory);
        root.Options.Add(provider);
        root.Options.Add(connection);

        async Task<int> WithServices(ParseResult parse, Func<IServiceProvider, Task> work, CancellationToken ct)
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(dataDirectory) is { } dir) overrides["Quire:DataDirectory"] = dir;
            if (parse.GetValue(provider) is { } p) overrides["Quire:Database:Provider"] = p;
            if (parse.GetValue(connection) is { } c) overrides["Quire:Database:ConnectionString"] = c;
            var configuration = new ConfigurationBuilder()
                .SetBasePath(Directory.GetCurrentDirectory())
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(overrides)
                .Build();

            var services = new ServiceCollection().AddLogging().AddQuireCore(configuration).BuildServiceProvider();
            await using (services)
            {
                await using var scope = services.CreateAsyncScope();
                try
                {
                    SiteInitializer.BootstrapResult bootstrap;
                    // A command run while a node starts waits for it, as another node would.
                    await using (await Quire.Storage.StartupLock.AcquireAsync(scope.ServiceProvider.GetRequiredService<Quire.Storage.Database>(), ct))
                        bootstrap = await scope.ServiceProvider.GetRequiredService<SiteInitializer>().InitializeAsync(ct);
                    // A verb run on an empty site creates its admin, as a first server start would: say so once.
                    if (bootstrap.CreatedAdminEmail is not null)
                        await Console.Error.WriteLineAsync($"Quire: created site administrator {bootstrap.CreatedAdminEmail}" +
                            (bootstrap.GeneratedToken is null ? "." : $" with API token (shown only this once): {bootstrap.GeneratedToken}"));
                    await work(scope.ServiceProvider);
                    return 0;
                }
                catch (QuireException e)
                {
                    await Console.Error.WriteLineAsync($"error: {e.Message}");
                    return 1;
                }
            }
        }

        root.Subcommands.Add(UserCommand(WithServices, stdout));
        root.Subcommands.Add(TokenCommand(WithServices, stdout));
        root.Subcommands.Add(PermissionCommand(WithServices, stdout));
        root.Subcommands.Add(WebhookCommand.Create(WithServices, stdout));
        root.Subcommands.Add(AppCommand.Create(WithServices, stdout));
        root.Subcommands.Add(ClassificationLevelCommand.Create(WithServices, stdout));
        root.Subcommands.Add(CustomContentTypeCommand.Create(WithServices, stdout));
        root.Subcommands.Add(OAuthAppCommand.Create(WithServices, stdout));
        root.Subcommands.Add(CorpusCommand.Create((parse, work, ct) => WithServices(parse, work, ct), stdout));
        root.Subcommands.Add(new Command("help", "Show this help.") { Action = null });

        var parsed = root.Parse(args is ["help", ..] ? ["--help"] : args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout });
    }

    internal delegate Task<int> ServiceRunner(ParseResult parse, Func<IServiceProvider, Task> work, CancellationToken ct);

    private static Command UserCommand(ServiceRunner run, TextWriter stdout)
    {
        var email = new Option<string>("--email") { Description = "E-mail address; the user signs in with it.", Required = true };
        var userName = new Option<string?>("--username") { Description = "User name (defaults to the part of the e-mail before @)." };
        var displayName = new Option<string>("--display-name") { Description = "Name shown in Confluence.", Required = true };
        var password = new Option<string?>("--password") { Description = "Password for HTTP Basic sign-in (optional: tokens work without one)." };
        var admin = new Option<bool>("--admin") { Description = "Make the user a site administrator." };

        var add = new Command("add", "Create a user; it joins confluence-users (and confluence-administrators with --admin).")
        {
            email, userName, displayName, password, admin,
        };
        add.SetAction((parse, ct) => run(parse, async services =>
        {
            var address = parse.GetValue(email)!;
            var user = await services.GetRequiredService<UserService>().CreateAsync(new NewUser(
                parse.GetValue(userName) ?? address.Split('@')[0], address, parse.GetValue(displayName), parse.GetValue(password)),
                siteAdmin: parse.GetValue(admin), ct: ct);
            await stdout.WriteLineAsync($"created user {user.Email} with accountId {user.AccountId}");
        }, ct));

        var login = new Option<string>("--user") { Description = "The user's e-mail address, user name or accountId.", Required = true };
        var remove = new Command("remove", "Remove a user from the site: no sign-in, tokens or groups any more; its content stays its own.") { login };
        remove.SetAction((parse, ct) => run(parse, async services =>
        {
            var removed = await services.GetRequiredService<UserService>().RemoveAsync(parse.GetValue(login), actor: null, ct);
            await stdout.WriteLineAsync($"removed user {removed.Email} ({removed.AccountId})");
        }, ct));

        return new Command("user", "Manage users.") { add, remove };
    }

    private static Command TokenCommand(ServiceRunner run, TextWriter stdout)
    {
        var email = new Option<string>("--email") { Description = "E-mail address or user name of the token's owner.", Required = true };
        var label = new Option<string?>("--label") { Description = "A name to recognise the token by." };
        var id = new Option<string>("--id") { Description = "The token's id, as 'token list' shows it.", Required = true };

        // A removed user gets no token (it could sign in with it again); it has none to list or revoke either.
        async Task<UserRecord> OwnerAsync(IServiceProvider services, string login, CancellationToken ct) =>
            await services.GetRequiredService<UserStore>().FindByLoginAsync(login, ct) is { IsRemoved: false } user
                ? user
                : throw new NotFoundException($"No user '{login}' is a member of this site.");

        var create = new Command("create", "Create an API token for a user and print it (it is shown only once).") { email, label };
        create.SetAction((parse, ct) => run(parse, async services =>
        {
            var owner = await OwnerAsync(services, parse.GetValue(email)!, ct);
            var issued = await services.GetRequiredService<ApiTokenService>().CreateAsync(owner.Id, parse.GetValue(label), ct);
            await stdout.WriteLineAsync(issued.Token);
        }, ct));

        var list = new Command("list", "List a user's API tokens (ids and labels, never secrets).") { email };
        list.SetAction((parse, ct) => run(parse, async services =>
        {
            var owner = await OwnerAsync(services, parse.GetValue(email)!, ct);
            foreach (var token in await services.GetRequiredService<ApiTokenService>().ListAsync(owner.Id, ct))
                await stdout.WriteLineAsync($"{token.TokenId}\t{token.Label}\t{DateTimeOffset.FromUnixTimeMilliseconds(token.CreatedAt):u}");
        }, ct));

        var revoke = new Command("revoke", "Revoke one of a user's API tokens.") { email, id };
        revoke.SetAction((parse, ct) => run(parse, async services =>
        {
            var owner = await OwnerAsync(services, parse.GetValue(email)!, ct);
            await services.GetRequiredService<ApiTokenService>().RevokeAsync(owner.Id, parse.GetValue(id)!, ct);
            await stdout.WriteLineAsync("revoked");
        }, ct));

        return new Command("token", "Manage API tokens.") { create, list, revoke };
    }

    private static Command PermissionCommand(ServiceRunner run, TextWriter stdout)
    {
        Command Change(string name, string description, bool grant)
        {
            var permission = new Argument<string>("permission") { Description = $"The global permission: {string.Join(" or ", GlobalPermission.All)}." };
            var group = new Option<string?>("--group") { Description = "A group, by name or id." };
            var user = new Option<string?>("--user") { Description = "A user, by e-mail address, user name or account id." };
            var anonymous = new Option<bool>("--anonymous") { Description = "Anonymous users ('use' only: the site's anonymous access)." };
            var command = new Command(name, description) { permission, group, user, anonymous };
            command.SetAction((parse, ct) => run(parse, async services =>
            {
                var groupName = parse.GetValue(group);
                var login = parse.GetValue(user);
                var isAnonymous = parse.GetValue(anonymous);
                if ((groupName is null ? 0 : 1) + (login is null ? 0 : 1) + (isAnonymous ? 1 : 0) != 1)
                    throw new BadRequestException("Name exactly one of --group, --user or --anonymous.");
                var subject = isAnonymous ? GlobalSubjectInput.Anonymous
                    : groupName is not null ? GlobalSubjectInput.Group(groupName) : GlobalSubjectInput.User(login);
                var service = services.GetRequiredService<GlobalPermissionService>();
                var result = grant
                    ? await service.GrantAsync(parse.GetValue(permission), subject, actor: null, ct)
                    : await service.RevokeAsync(parse.GetValue(permission), subject, actor: null, ct);
                await stdout.WriteLineAsync(
                    $"{(grant ? result.Changed ? "granted" : "already granted" : "revoked")} {result.Permission} {(grant ? "to" : "from")} {Describe(result.Subject)}");
            }, ct));
            return command;
        }

        var list = new Command("list", "List the global permissions: one grant a line, permission and subject.");
        list.SetAction((parse, ct) => run(parse, async services =>
        {
            foreach (var row in await services.GetRequiredService<GlobalPermissionService>().ListAsync(ct))
                await stdout.WriteLineAsync($"{row.Permission}\t{Describe(row)}");
        }, ct));

        return new Command("permission",
            "Manage global permissions: 'use' (may use the site; to anonymous: anonymous access) and 'create_space'. " +
            "A running server sees a change within " + (int)GlobalPermissionCache.TimeToLive.TotalSeconds + " seconds.")
        {
            list,
            Change("grant", "Grant a global permission to a group, a user or anonymous.", grant: true),
            Change("revoke", "Revoke a global permission from a group, a user or anonymous.", grant: false),
        };
    }

    private static string Describe(Quire.Storage.Permissions.GlobalPermissionRecord subject) =>
        subject.Anonymous ? "anonymous"
        : subject.GroupId is not null ? $"group {subject.GroupName}"
        : $"user {subject.Email} ({subject.AccountId})";
}
