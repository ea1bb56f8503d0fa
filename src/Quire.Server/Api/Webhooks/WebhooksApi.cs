using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Webhooks;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Api.Webhooks;

/// <summary>
/// <c>/wiki/rest/api/webhooks</c>: webhooks as Confluence Data Center registers them (name, url,
/// events, active, <c>configuration.secret</c>), for site administrators, plus each webhook's
/// delivery log and redelivery, which Data Center lacks. Not part of the Cloud spec: Cloud apps
/// register theirs in a descriptor, which the apps work will read into the same tables.
/// </summary>
public static class WebhooksApi
{
    private static readonly PageLimits Limits = new(25, 100);

    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").RequireSignIn();
        webhooks.MapGet("", ListWebhooks);
        webhooks.MapPost("", CreateWebhook);
        webhooks.MapPost("/test", TestUrl);
        webhooks.MapGet("/{webhookId}", GetWebhook);
        webhooks.MapPut("/{webhookId}", UpdateWebhook);
        webhooks.MapDelete("/{webhookId}", DeleteWebhook);
        webhooks.MapPost("/{webhookId}/test", TestWebhook);
        webhooks.MapGet("/{webhookId}/deliveries", ListDeliveries);
        webhooks.MapGet("/{webhookId}/deliveries/{deliveryId}", GetDelivery);
        webhooks.MapPost("/{webhookId}/deliveries/{deliveryId}/redeliver", Redeliver);
        return api;
    }

    private static async Task<PagedJson<WebhookJson>> ListWebhooks(
        int? start, int? limit, Caller caller, WebhookService webhooks, ApiLinks links, CancellationToken ct) =>
        PagedJson<WebhookJson>.From(await webhooks.ListAsync(caller, Limits.Parse(start, limit), ct), WebhookJson.Of, links);

    private static async Task<IResult> CreateWebhook(WebhookRequestJson? body, Caller caller, WebhookService webhooks, ApiLinks links, CancellationToken ct)
    {
        var created = WebhookJson.Of(await webhooks.CreateAsync(caller, Body(body).ToInput(), ct));
        return TypedResults.Created(links.Api($"/rest/api/webhooks/{created.Id}"), created);
    }

    private static async Task<WebhookJson> GetWebhook(string webhookId, Caller caller, WebhookService webhooks, CancellationToken ct) =>
        WebhookJson.Of(await webhooks.GetAsync(caller, Id(webhookId), ct));

    private static async Task<WebhookJson> UpdateWebhook(
        string webhookId, WebhookRequestJson? body, Caller caller, WebhookService webhooks, CancellationToken ct) =>
        WebhookJson.Of(await webhooks.UpdateAsync(caller, Id(webhookId), Body(body).ToInput(), ct));

    private static async Task<IResult> DeleteWebhook(string webhookId, Caller caller, WebhookService webhooks, CancellationToken ct)
    {
        await webhooks.DeleteAsync(caller, Id(webhookId), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Data Center's connection test: a ping to <c>url</c>, registered or not.</summary>
    private static async Task<WebhookTestJson> TestUrl(string? url, Caller caller, WebhookService webhooks, CancellationToken ct) =>
        WebhookTestJson.Of(await webhooks.TestAsync(caller, null, url, ct));

    /// <summary>A ping to a registered webhook's URL, signed with its secret.</summary>
    private static async Task<WebhookTestJson> TestWebhook(string webhookId, Caller caller, WebhookService webhooks, CancellationToken ct) =>
        WebhookTestJson.Of(await webhooks.TestAsync(caller, Id(webhookId), null, ct));

    private static async Task<PagedJson<WebhookDeliveryJson>> ListDeliveries(
        string webhookId, string? state, int? start, int? limit, Caller caller, WebhookService webhooks, ApiLinks links, CancellationToken ct) =>
        PagedJson<WebhookDeliveryJson>.From(
            await webhooks.DeliveriesAsync(caller, Id(webhookId), QueryValues.Blank(state), Limits.Parse(start, limit), ct), WebhookDeliveryJson.Of, links);

    private static async Task<WebhookDeliveryJson> GetDelivery(
        string webhookId, string deliveryId, Caller caller, WebhookService webhooks, CancellationToken ct) =>
        WebhookDeliveryJson.Of(await webhooks.DeliveryAsync(caller, Id(webhookId), Id(deliveryId, "delivery"), ct));

    private static async Task<WebhookDeliveryJson> Redeliver(
        string webhookId, string deliveryId, Caller caller, WebhookService webhooks, CancellationToken ct) =>
        WebhookDeliveryJson.Of(await webhooks.RedeliverAsync(caller, Id(webhookId), Id(deliveryId, "delivery"), ct));

    private static WebhookRequestJson Body(WebhookRequestJson? body) =>
        body ?? throw new BadRequestException("The request body must be a webhook: name, url, events, active and configuration.secret.");

    private static long Id(string value, string what = "webhook") =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new NotFoundException($"No {what} with id '{value}' was found.");
}
