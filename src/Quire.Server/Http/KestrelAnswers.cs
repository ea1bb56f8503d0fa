using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Quire.Server.Http;

/// <summary>
/// Gives Kestrel's own error answers Confluence's error body. Kestrel refuses some requests while
/// parsing them (a <c>%00</c> in the path, a request line over its limit, headers too large or too
/// slow), before any middleware runs, with an empty body; it offers no hook to change that. What
/// it does guarantee: such an answer is written between requests, after the previous response has
/// been sent and before the application sees another request, and the connection closes after it.
/// So a connection middleware watches each HTTP/1.x connection's output: while no request of the
/// application is running there (<see cref="MarkRequests"/> counts them), a response that Kestrel
/// writes is held until flushed, and if it is a 4xx or 5xx with an empty body and no content type, the
/// error body is added. Every other byte passes through untouched.
/// </summary>
public sealed class KestrelAnswers
{
    private readonly ConcurrentDictionary<string, ConnectionState> _connections = new(StringComparer.Ordinal);

    /// <summary>Adds the connection middleware to every endpoint Kestrel listens on.</summary>
    public void AddTo(KestrelServerOptions kestrel) =>
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
        {
            var state = new ConnectionState();
            _connections[connection.ConnectionId] = state;
            var transport = connection.Transport;
            connection.Transport = new Duplex(transport.Input, new Writer(transport.Output, state));
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
                _connections.TryRemove(connection.ConnectionId, out _);
            }
        }));

    /// <summary>The first middleware: marks the application's requests, whose answers are its own.</summary>
    public Task MarkRequests(HttpContext context, RequestDelegate next)
    {
        // Only Kestrel's connections are registered (an in-memory test host has no connection id).
        if (context.Connection.Id is { } id && _connections.TryGetValue(id, out var state))
        {
            Interlocked.Increment(ref state.Running);
            // After the response has been sent (OnCompleted runs after Kestrel's final write and flush).
            context.Response.OnCompleted(() =>
            {
                Interlocked.Decrement(ref state.Running);
                return Task.CompletedTask;
            });
        }
        return next(context);
    }

    private sealed class ConnectionState
    {
        public int Running;
        /// <summary>Set once the connection turns out not to speak HTTP/1.x (HTTP/2 frames): nothing is held any more.</summary>
        public bool PassThrough;
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    private sealed class Writer(PipeWriter inner, ConnectionState state) : PipeWriter
    {
        private ArrayBufferWriter<byte>? _held;

        private bool Holding
        {
            get
            {
                if (_held is null && !state.PassThrough && Volatile.Read(ref state.Running) == 0) _held = new ArrayBufferWriter<byte>(512);
                return _held is not null;
            }
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => Holding ? _held!.GetMemory(sizeHint) : inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => Holding ? _held!.GetSpan(sizeHint) : inner.GetSpan(sizeHint);

        public override void Advance(int bytes)
        {
            if (_held is not null) _held.Advance(bytes);
            else inner.Advance(bytes);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Release();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            Release();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Release();
            return inner.CompleteAsync(exception);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes + (_held?.WrittenCount ?? 0);

        /// <summary>Hands the held bytes on, with the error body added if they are one of Kestrel's bare error answers.</summary>
        private void Release()
        {
            if (_held is not { } held) return;
            _held = null;
            var bytes = held.WrittenSpan;
            if (!bytes.StartsWith("HTTP/1."u8))
            {
                if (bytes.Length > 0) state.PassThrough = true;
                inner.Write(bytes);
                return;
            }
            inner.Write(WithErrorBody(bytes) ?? bytes);
        }
    }

    /// <summary>The response with Confluence's error body, or null when it is not a bare error answer.</summary>
    internal static byte[]? WithErrorBody(ReadOnlySpan<byte> response)
    {
        var end = response.IndexOf("\r\n\r\n"u8);
        // Only a complete head with nothing after it: Kestrel's error answers have no body.
        if (end < 0 || end + 4 != response.Length) return null;
        var lines = Encoding.ASCII.GetString(response[..end]).Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !int.TryParse(status[1], out var code) || code < 400) return null;
        var headers = lines.Skip(1).ToList();
        if (headers.Any(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase) ||
                             h.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)) ||
            !headers.Any(h => h.Replace(" ", "").Equals("Content-Length:0", StringComparison.OrdinalIgnoreCase)))
            return null;

        var body = JsonSerializer.SerializeToUtf8Bytes(ErrorBody.For(code, Message(code)), QuireJson.Options);
        var head = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var header in headers.Where(h => !h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
            head.Append(header).Append("\r\n");
        head.Append("Content-Type: application/json; charset=utf-8\r\n").Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    private static string Message(int status) => status switch
    {
        400 => "The request is not valid HTTP: its request line, path or headers could not be read (for example a NUL, %00, or a control character in the path).",
        408 => "The request did not arrive in time.",
        411 => "The request body needs a Content-Length or chunked Transfer-Encoding.",
        413 => "The request body is larger than this server accepts.",
        414 => "The request URL is longer than this server accepts.",
        431 => "The request headers are larger than this server accepts.",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };
}
