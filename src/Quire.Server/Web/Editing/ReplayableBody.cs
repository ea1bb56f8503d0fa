namespace Quire.Server.Web.Editing;

/// <summary>
/// A request body whose first bytes can be read twice: <see cref="Recording"/> keeps what a reader took (at most
/// <c>limit</c> bytes, past which it refuses), and <see cref="Replay"/> is the whole body again, those bytes first,
/// then the rest straight from the connection. Used to look at an upload form's first part (its antiforgery token)
/// before the upload reader streams the files, without buffering the files anywhere.
/// </summary>
public sealed class ReplayableBody(Stream inner, int limit)
{
    private readonly MemoryStream _recorded = new();
    private readonly Stream _inner = inner;
    private readonly int _limit = limit;

    public Stream Recording => new RecordingStream(this);

    public Stream Replay() => new PrefixedStream(_recorded.ToArray(), _inner);

    private sealed class RecordingStream(ReplayableBody body) : ReadOnlyForwardStream
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var room = body._limit - (int)body._recorded.Length;
            if (room <= 0) throw new InvalidDataException("The form's first part is too long.");
            var read = await body._inner.ReadAsync(buffer[..Math.Min(buffer.Length, room)], cancellationToken);
            body._recorded.Write(buffer.Span[..read]);
            return read;
        }
    }

    private sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyForwardStream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= prefix.Length) return rest.ReadAsync(buffer, cancellationToken);
            var count = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsSpan(_position, count).CopyTo(buffer.Span);
            _position += count;
            return ValueTask.FromResult(count);
        }
    }

    /// <summary>A stream that is only read forwards: everything else is refused.</summary>
    private abstract class ReadOnlyForwardStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
