using System.CommandLine;
using Quire.Core.Classification;
using Quire.Storage.Classification;

namespace Quire.Server.Cli;

/// <summary>
/// <c>quire classification-level add|list|update|archive|default</c>: the site's classification
/// levels from the command line, through the same service as the admin endpoint. A running server
/// reads levels from the database on every request, so a change shows at once.
/// </summary>
internal static class ClassificationLevelCommand
{
    public static Command Create(QuireCommandLine.ServiceRunner run, TextWriter stdout)
    {
        var colors = string.Join(", ", ClassificationLevelRules.Colors);
        Option<string?> Name(bool required) => new("--name") { Description = "The level's name, unique on the site (case aside).", Required = required };
        Option<string?> Color(bool required) => new("--color") { Description = $"One of {colors}.", Required = required };
        var description = new Option<string?>("--description") { Description = "What the level means." };
        var guideline = new Option<string?>("--guideline") { Description = "How content at this level is to be handled." };
        var order = new Option<int?>("--order") { Description = "Its place among the levels (default: after the last)." };
        var id = new Option<long>("--id") { Description = "The level's id, as 'classification-level list' shows it.", Required = true };

        var addName = Name(true);
        var addColor = Color(true);
        var draft = new Option<bool>("--draft") { Description = "Create it as a draft (not yet applicable to content)." };
        var add = new Command("add", "Define a level (published unless --draft) and print its id.") { addName, addColor, description, guideline, order, draft };
        add.SetAction((parse, ct) => run(parse, async services =>
        {
            var created = await services.GetRequiredService<ClassificationLevelService>().CreateAsync(null, new ClassificationLevelInput(
                parse.GetValue(addName), parse.GetValue(description), parse.GetValue(guideline), parse.GetValue(addColor),
                parse.GetValue(draft) ? ClassificationLevelRules.Draft : ClassificationLevelRules.Published, parse.GetValue(order)), ct);
            await stdout.WriteLineAsync($"created classification level {created.Id}");
        }, ct));

        var list = new Command("list", "List every level: id, status, order, colour and name, one a line; the site default is marked.");
        list.SetAction((parse, ct) => run(parse, async services =>
        {
            var levels = services.GetRequiredService<ClassificationLevelService>();
            var siteDefault = (await levels.SiteDefaultAsync(null, ct))?.Id;
            foreach (var level in await levels.ListAsync(null, ct))
                await stdout.WriteLineAsync(Line(level) + (level.Id == siteDefault ? "\tdefault" : ""));
        }, ct));

        var updateName = Name(false);
        var updateColor = Color(false);
        var status = new Option<string?>("--status") { Description = "DRAFT, PUBLISHED or ARCHIVED (a published level never becomes a draft again)." };
        var update = new Command("update", "Change a level; what is not given stays.") { id, updateName, updateColor, description, guideline, order, status };
        update.SetAction((parse, ct) => run(parse, async services =>
        {
            var level = await services.GetRequiredService<ClassificationLevelService>().UpdateAsync(null, parse.GetValue(id), new ClassificationLevelInput(
                parse.GetValue(updateName), parse.GetValue(description), parse.GetValue(guideline), parse.GetValue(updateColor),
                parse.GetValue(status), parse.GetValue(order)), ct);
            await stdout.WriteLineAsync(Line(level));
        }, ct));

        var archive = new Command("archive", "Archive a level: content keeps it, nothing new can be given it, defaults naming it are cleared.") { id };
        archive.SetAction((parse, ct) => run(parse, async services =>
            await stdout.WriteLineAsync(Line(await services.GetRequiredService<ClassificationLevelService>().ArchiveAsync(null, parse.GetValue(id), ct))), ct));

        var defaultId = new Option<long?>("--id") { Description = "The published level unclassified content has where its space sets none." };
        var clear = new Option<bool>("--clear") { Description = "Remove the site's default level." };
        var setDefault = new Command("default", "Set (--id) or remove (--clear) the site's default level.") { defaultId, clear };
        setDefault.SetAction((parse, ct) => run(parse, async services =>
        {
            var levels = services.GetRequiredService<ClassificationLevelService>();
            if (parse.GetValue(clear) == (parse.GetValue(defaultId) is not null))
                throw new Quire.Core.Errors.BadRequestException("Give exactly one of --id or --clear.");
            if (parse.GetValue(defaultId) is { } level)
                await stdout.WriteLineAsync("default " + Line(await levels.SetSiteDefaultAsync(null, level, ct)));
            else
            {
                await levels.ClearSiteDefaultAsync(null, ct);
                await stdout.WriteLineAsync("no default level");
            }
        }, ct));

        return new Command("classification-level", "Manage the site's classification levels.") { add, list, update, archive, setDefault };
    }

    private static string Line(ClassificationLevelRecord level) => $"{level.Id}\t{level.Status}\t{level.Position}\t{level.Color}\t{level.Name}";
}
