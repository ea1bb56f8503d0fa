using System.CommandLine;
using System.Text.Json;
using Quire.Core.Corpus;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.Users;

namespace Quire.Server.Cli;

/// <summary>
/// <c>quire corpus load</c>: writes a benchmark corpus into the configured database (see
/// <see cref="CorpusLoader"/>) and prints its spaces as JSON. Hidden from the help: it is for
/// bench/growth.sh, not for operating a site.
/// </summary>
internal static class CorpusCommand
{
    public static Command Create(QuireCommandLine.ServiceRunner run, TextWriter stdout)
    {
        var owner = new Option<string>("--owner") { Description = "E-mail address or user name of the pages' author, who creates the spaces.", Required = true };
        var pages = new Option<int>("--pages") { Description = "Pages to write (homepages not counted).", Required = true };
        var words = new Option<string>("--words") { Description = "Word list, most frequent first (bench/search-words.txt).", Required = true };
        var spaces = new Option<int>("--spaces") { Description = "Spaces to create.", DefaultValueFactory = _ => 4 };
        var prefix = new Option<string>("--key-prefix") { Description = "Space keys are this and a number.", DefaultValueFactory = _ => "GR" };
        var fanout = new Option<int>("--fanout") { Description = "Children of each page.", DefaultValueFactory = _ => 20 };
        var wide = new Option<int>("--wide") { Description = "Children of the first space's homepage.", DefaultValueFactory = _ => 6000 };
        var batch = new Option<int>("--batch") { Description = "Pages per transaction.", DefaultValueFactory = _ => 10_000 };

        var load = new Command("load", "Write a corpus of pages straight into the database.") { owner, pages, words, spaces, prefix, fanout, wide, batch };
        load.SetAction((parse, ct) => run(parse, async services =>
        {
            var login = parse.GetValue(owner)!;
            var user = await services.GetRequiredService<UserStore>().FindByLoginAsync(login, ct)
                       ?? throw new NotFoundException($"No user '{login}' was found.");
            // The loader acts for its owner as a site admin would: allowed to create spaces, which then grant it everything.
            var caller = new Caller(user, new HashSet<string>(), isSiteAdmin: true);
            var plan = new CorpusPlan(parse.GetValue(pages), parse.GetValue(spaces), parse.GetValue(prefix)!, parse.GetValue(fanout),
                parse.GetValue(wide), parse.GetValue(batch));
            var text = new CorpusText(File.ReadAllText(parse.GetValue(words)!).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var loader = ActivatorUtilities.CreateInstance<CorpusLoader>(services);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var loaded = await loader.LoadAsync(caller, plan, text, line => Console.Error.WriteLine(line), ct);
            await Console.Error.WriteLineAsync($"{plan.Pages} pages in {started.Elapsed.TotalSeconds:F0} s ({plan.Pages / Math.Max(started.Elapsed.TotalSeconds, 0.001):F0} pages/s)");
            await stdout.WriteLineAsync(JsonSerializer.Serialize(loaded, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        }, ct));

        return new Command("corpus", "Benchmark corpora.") { Hidden = true, Subcommands = { load } };
    }
}
