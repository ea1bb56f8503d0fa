using System.Net.Http.Headers;
using System.Text;
using Quire.Core.Errors;

namespace Quire.Core.ConnectApps;

/// <summary>What an app answered a lifecycle callback: its status, or why there was none.</summary>
public sealed record ConnectCallbackResult(int? Status, string? Error)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public string Describe() => Status is { } status ? $"answered {status}" : $"could not be reached ({Error})";
}

/// <summary>
/// Quire's requests to apps outside webhooks: fetching a descriptor (http or https only, at most
/// <see cref="ConnectDescriptor.MaxBytes"/>, within <see cref="Timeout"/>) and posting lifecycle
/// callbacks (not following redirects: a callback goes where the descriptor says). One client for the process.
/// </summary>
public sealed class ConnectAppClient : IDisposable
{
    public const string UserAgent = "Quire-Connect/1.0";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _descriptors = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = true, MaxAutomaticRedirections = 3, PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false,
        ConnectTimeout = Timeout,
    }) { Timeout = Timeout, MaxResponseContentBufferSize = ConnectDescriptor.MaxBytes };

    private readonly HttpClient _callbacks = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false, ConnectTimeout = Timeout,
    }) { Timeout = Timeout };

    /// <summary>The descriptor at <paramref name="url"/>, as text; a 400 saying why when it cannot be had.</summary>
    public async Task<string> FetchDescriptorAsync(string url, CancellationToken ct)
    {
        if (!ConnectDescriptorReader.IsHttpUrl(url))
            throw new BadRequestException($"The descriptor URL '{url}' must be an absolute http or https URL.");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.Accept.ParseAdd("application/json");
        // One deadline for the whole fetch: HttpClient.Timeout stops at the headers, so a body that trickles in
        // byte by byte would otherwise hold the install (and an admin's request) open for as long as the app likes.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await _descriptors.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
                throw new BadRequestException($"Fetching the descriptor at '{url}' answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            if (response.Content.Headers.ContentLength > ConnectDescriptor.MaxBytes) throw TooLarge(url);
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > ConnectDescriptor.MaxBytes) throw TooLarge(url);
                buffer.Write(chunk, 0, read);
            }
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BadRequestException($"Fetching the descriptor at '{url}' took longer than {Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            throw new BadRequestException($"Fetching the descriptor at '{url}' failed: {e.Message}");
        }
        catch (IOException e)
        {
            // The body ended early or the connection broke while it was read (HttpIOException): the app's fault, not Quire's.
            throw new BadRequestException($"Fetching the descriptor at '{url}' failed while reading it: {e.Message}");
        }
    }

    private static BadRequestException TooLarge(string url) =>
        new($"The descriptor at '{url}' is larger than {ConnectDescriptor.MaxBytes / 1024} KiB.");

    /// <summary>Posts a lifecycle payload with <c>Authorization: JWT ...</c>; never throws for what the app does.</summary>
    public async Task<ConnectCallbackResult> PostAsync(Uri url, string json, string jwt, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", jwt);
        try
        {
            using var response = await _callbacks.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return new ConnectCallbackResult((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ConnectCallbackResult(null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new ConnectCallbackResult(null, e.Message);
        }
    }

    public void Dispose()
    {
        _descriptors.Dispose();
        _callbacks.Dispose();
    }
}
