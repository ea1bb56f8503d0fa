using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Quire.Core.Webhooks;

/// <summary>One attempt's outcome: delivered, worth retrying (timeouts, refused connections, 408, 429, 5xx), or refused for good.</summary>
public enum WebhookOutcome { Delivered, Retry, Refused }

/// <summary>What a receiver answered (or why it could not), in the delivery log's words.</summary>
public sealed record WebhookAttempt(WebhookOutcome Outcome, int? Status, string? Error);

/// <summary>
/// One request to a receiver: its URL, the event's name and id, the body, the secret and the attempts before this one;
/// <paramref name="Connect"/> for an app's webhook, which a Connect JWT signs instead of the secret.
/// </summary>
public sealed record WebhookRequest(
    string Url, string Event, long EventId, string Body, string? Secret, int PreviousAttempts, ConnectSigning? Connect = null);

/// <summary>What signs a Connect app's webhook: the installation's client key (the JWT's iss), shared secret, and the app's baseUrl (the qsh's context).</summary>
public sealed record ConnectSigning(string ClientKey, string SharedSecret, string BaseUrl);

/// <summary>
/// Sends webhook requests: a POST of the event's JSON with Data Center's headers (<c>X-Hub-Signature:
/// sha256=...</c>, an HMAC-SHA256 of the body with the webhook's secret, and <c>X-Event-Key</c>) and
/// Cloud's (<c>X-Atlassian-Webhook-Identifier</c>, the same on every retry of an event so a receiver
/// can drop duplicates, and <c>X-Atlassian-Webhook-Retry</c>). One client for the process: its
/// connections are pooled per receiver and renewed every few minutes, so a changed DNS entry is seen.
/// Redirects are not followed: a webhook's URL is where its events go.
/// </summary>
public sealed class WebhookSender(WebhookOptions options, TimeProvider time) : IDisposable
{
    public const string UserAgent = "Quire-Webhooks/1.0";

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(Math.Min(options.TimeoutSeconds, 10)),
        UseCookies = false,
    }) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<WebhookAttempt> SendAsync(WebhookRequest request, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(request.Body);
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        message.Headers.UserAgent.ParseAdd(UserAgent);
        message.Headers.Add("X-Event-Key", request.Event);
        message.Headers.Add("X-Request-Id", Guid.NewGuid().ToString());
        message.Headers.Add("X-Atlassian-Webhook-Identifier", request.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (request.PreviousAttempts > 0)
            message.Headers.Add("X-Atlassian-Webhook-Retry", request.PreviousAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(request.Secret)) message.Headers.Add("X-Hub-Signature", Signature(request.Secret, body));
        if (request.Connect is { } app)
            message.Headers.Authorization = new AuthenticationHeaderValue("JWT", Quire.Core.ConnectApps.ConnectJwt.ForApp(
                app.ClientKey, app.SharedSecret, "POST", message.RequestUri!, app.BaseUrl, time.GetUtcNow()));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new WebhookAttempt(WebhookOutcome.Delivered, status, null),
                408 or 429 or >= 500 => new WebhookAttempt(WebhookOutcome.Retry, status, $"The receiver answered {status} {response.ReasonPhrase}."),
                _ => new WebhookAttempt(WebhookOutcome.Refused, status,
                    $"The receiver answered {status} {response.ReasonPhrase}; only timeouts, 408, 429 and 5xx are retried (redirects are not followed)."),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(WebhookOutcome.Retry, null, $"No answer within {options.TimeoutSeconds:0.###} s.");
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(WebhookOutcome.Retry, null, e.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => $"Could not connect: {e.InnerException?.Message ?? e.Message}",
                HttpRequestError.NameResolutionError => $"The host name did not resolve: {e.Message}",
                _ => e.Message,
            });
        }
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body with the secret, as Data Center signs.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public void Dispose() => _client.Dispose();
}
