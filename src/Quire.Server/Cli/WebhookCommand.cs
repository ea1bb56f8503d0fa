using System.CommandLine;
using Quire.Core.Paging;
using Quire.Core.Webhooks;

namespace Quire.Server.Cli;

/// <summary>
/// <c>quire webhook add|list|remove|test</c>: the site admin's webhook registration, from the command
/// line. A running server notices a change within a second (at once on PostgreSQL) and delivers
/// the events; the command line itself sends only the test ping.
/// </summary>
internal static class WebhookCommand
{
    public static Command Create(QuireCommandLine.ServiceRunner run, TextWriter stdout)
    {
        var name = new Option<string>("--name") { Description = "A name to recognise the webhook by.", Required = true };
        var url = new Option<string>("--url") { Description = "Where events are POSTed (http or https).", Required = true };
        var events = new Option<string[]>("--event")
        {
            Description = "An event to send (repeat for more), e.g. page_created; 'all' for every event.", Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var secret = new Option<string?>("--secret") { Description = "Sign each request: X-Hub-Signature: sha256=HMAC of the body." };
        var inactive = new Option<bool>("--inactive") { Description = "Register it switched off." };
        var id = new Option<long>("--id") { Description = "The webhook's id, as 'webhook list' shows it.", Required = true };

        var add = new Command("add", "Register a webhook and print its id.") { name, url, events, secret, inactive };
        add.SetAction((parse, ct) => run(parse, async services =>
        {
            var asked = parse.GetValue(events)!;
            IReadOnlyList<string> subscribed = asked.Contains("all") ? WebhookEvents.All : asked;
            var created = await services.GetRequiredService<WebhookService>().CreateAsync(null,
                new WebhookInput(parse.GetValue(name), parse.GetValue(url), subscribed, !parse.GetValue(inactive), parse.GetValue(secret)), ct);
            await stdout.WriteLineAsync($"created webhook {created.Webhook.Id}");
        }, ct));

        var list = new Command("list", "List the webhooks: id, active, name, url and events, one a line.");
        list.SetAction((parse, ct) => run(parse, async services =>
        {
            var webhooks = services.GetRequiredService<WebhookService>();
            for (var start = 0; ; start += 100)
            {
                var page = await webhooks.ListAsync(null, new PageRequest(start, 100), ct);
                foreach (var view in page.Results)
                    await stdout.WriteLineAsync(
                        $"{view.Webhook.Id}\t{(view.Webhook.Active ? "active" : "inactive")}\t{view.Webhook.Name}\t{view.Webhook.Url}\t{string.Join(',', view.Events)}");
                if (!page.HasMore) break;
            }
        }, ct));

        var remove = new Command("remove", "Delete a webhook; events not yet delivered to it are dropped.") { id };
        remove.SetAction((parse, ct) => run(parse, async services =>
        {
            await services.GetRequiredService<WebhookService>().DeleteAsync(null, parse.GetValue(id), ct);
            await stdout.WriteLineAsync("removed");
        }, ct));

        var test = new Command("test", "Send a ping (X-Event-Key: diagnostics:ping) to a webhook and print what its receiver answered.") { id };
        test.SetAction((parse, ct) => run(parse, async services =>
        {
            var result = await services.GetRequiredService<WebhookService>().TestAsync(null, parse.GetValue(id), null, ct);
            await stdout.WriteLineAsync(result.Attempt.Outcome == WebhookOutcome.Delivered
                ? $"ok: {result.Url} answered {result.Attempt.Status}"
                : $"failed: {result.Url}: {result.Attempt.Error}");
        }, ct));

        return new Command("webhook", "Manage webhooks.") { add, list, remove, test };
    }
}
