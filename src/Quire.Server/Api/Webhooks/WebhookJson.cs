using System.Text.Json.Serialization;
using Quire.Core.Webhooks;
using Quire.Storage.Webhooks;

namespace Quire.Server.Api.Webhooks;

/// <summary>
/// A webhook as Data Center's <c>/rest/api/webhooks</c> answers it. The secret is never shown:
/// <c>configuration</c> says only whether there is one.
/// </summary>
public sealed record WebhookJson(
    long Id, string Name, long CreatedDate, long UpdatedDate, IReadOnlyList<string> Events, WebhookConfigurationJson Configuration,
    string Url, bool Active, string ScopeType, bool SslVerificationRequired)
{
    public static WebhookJson Of(WebhookView view) => new(
        view.Webhook.Id, view.Webhook.Name, view.Webhook.CreatedAt, view.Webhook.UpdatedAt, view.Events,
        new WebhookConfigurationJson(view.Webhook.Secret is not null), view.Webhook.Url, view.Webhook.Active, "global", true);
}

public sealed record WebhookConfigurationJson(bool HasSecret);

/// <summary>What create and update take: Data Center's request, with the secret under <c>configuration</c>.</summary>
public sealed record WebhookRequestJson(string? Name, string? Url, List<string>? Events, bool? Active, WebhookSecretJson? Configuration)
{
    public WebhookInput ToInput() => new(Name, Url, Events, Active, Configuration?.Secret);
}

public sealed record WebhookSecretJson(string? Secret);

/// <summary>One entry of a webhook's delivery log.</summary>
public sealed record WebhookDeliveryJson(
    long Id, long EventId, string Event, string State, int Attempts, long CreatedDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NextAttemptDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LastStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastError,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? LastAttemptDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? FinishedDate)
{
    public static WebhookDeliveryJson Of(WebhookDeliveryRecord d) => new(
        d.Id, d.EventId, d.Event, d.State, d.Attempts, d.CreatedAt,
        d.State == WebhookDeliveryStates.Pending ? d.NextAttemptAt : null, d.LastStatus, d.LastError, d.LastAttemptAt, d.FinishedAt);
}

/// <summary>What a test request showed: the URL, and the receiver's status or why there was none.</summary>
public sealed record WebhookTestJson(
    string Url, string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? StatusCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    /// <summary>Data Center's outcome names: SUCCESS (2xx), FAILURE (any other answer), ERROR (no answer).</summary>
    public static WebhookTestJson Of(WebhookTestResult result) => new(
        result.Url,
        result.Attempt.Outcome == WebhookOutcome.Delivered ? "SUCCESS" : result.Attempt.Status is null ? "ERROR" : "FAILURE",
        result.Attempt.Status, result.Attempt.Error);
}
