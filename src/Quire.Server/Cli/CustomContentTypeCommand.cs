using System.CommandLine;
using Quire.Core.CustomContent;

namespace Quire.Server.Cli;

/// <summary>
/// <c>quire custom-content-type add|list|remove</c>: the site admin's declaration of custom content types from the command
/// line, as <c>/wiki/rest/api/admin/custom-content-types</c> makes it. A running server sees a new type at once (content
/// writes read the declaration).
/// </summary>
internal static class CustomContentTypeCommand
{
    public static Command Create(QuireCommandLine.ServiceRunner run, TextWriter stdout)
    {
        var key = new Option<string>("--key") { Description = "The type's key: ac:<app-key>:<module-key> or forge:<app-id>:<environment>:<module-key>.", Required = true };
        var name = new Option<string?>("--name") { Description = "A name to show (the key when left out)." };
        var containers = new Option<string[]?>("--container")
        {
            Description = "Where its content may live: space, page, blogpost or a custom type key (repeat for more; space when left out).",
            AllowMultipleArgumentsPerToken = true,
        };
        var children = new Option<string[]?>("--child")
        {
            Description = "What may hang off it: attachment, comment or a custom type key (repeat for more; attachment and comment when left out).",
            AllowMultipleArgumentsPerToken = true,
        };

        var add = new Command("add", "Declare a custom content type.") { key, name, containers, children };
        add.SetAction((parse, ct) => run(parse, async services =>
        {
            var declared = await services.GetRequiredService<CustomContentTypeService>().DeclareAsync(null,
                new CustomContentTypeInput(parse.GetValue(key), parse.GetValue(name), Given(parse.GetValue(containers)), Given(parse.GetValue(children)), null), ct);
            await stdout.WriteLineAsync($"declared {declared.Key}");
        }, ct));

        var list = new Command("list", "List the declared types: key, name, containers and children, one a line.");
        list.SetAction((parse, ct) => run(parse, async services =>
        {
            foreach (var type in await services.GetRequiredService<CustomContentTypeService>().ListAsync(null, ct))
                await stdout.WriteLineAsync($"{type.Key}\t{type.Name}\t{string.Join(',', type.ContainerTypes)}\t{string.Join(',', type.ChildTypes)}");
        }, ct));

        var remove = new Command("remove", "Remove a declared type that no content has.") { key };
        remove.SetAction((parse, ct) => run(parse, async services =>
        {
            await services.GetRequiredService<CustomContentTypeService>().RemoveAsync(null, parse.GetValue(key)!, ct);
            await stdout.WriteLineAsync("removed");
        }, ct));

        return new Command("custom-content-type", "Manage custom content types.") { add, list, remove };
    }

    /// <summary>A repeatable option left out arrives as an empty list: that means "the default", as an absent list does over HTTP.</summary>
    private static string[]? Given(string[]? values) => values is { Length: > 0 } ? values : null;
}
