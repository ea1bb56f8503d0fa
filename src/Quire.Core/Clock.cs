namespace Quire.Core;

public static class Clock
{
    public static long NowMillis(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);
}
