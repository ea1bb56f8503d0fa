using Microsoft.Extensions.DependencyInjection;

namespace Quire.Core;

/// <summary>
/// A scoped service taken from the request's scope the first time it is used, for a dependency that most calls of
/// its holder never need (the stores behind expansions nobody asked for, the audit log of a service that mostly
/// reads). A request's scope builds every service its objects name, and keeps each in a dictionary that grows by
/// copying; the read path of a page used 12 services it never called. Registered as a transient (see
/// <c>QuireServices</c>): it is not disposable, so the scope neither keeps nor tracks it.
/// </summary>
public sealed class Deferred<T>(IServiceProvider services) where T : notnull
{
    private T? _value;

    public T Value => _value ??= services.GetRequiredService<T>();
}
