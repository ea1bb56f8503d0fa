using Quire.Core.Security;

namespace Quire.Server.Web;

/// <summary>
/// Who is looking at a web page, for this request: the caller the session cookie signs in, the
/// anonymous caller when the site allows anonymous use, or nobody (<see cref="Caller"/> null: the
/// page asks for a sign-in). Set by <see cref="WebVisitorMiddleware"/> before the page runs; the layout
/// and every page read it, and it is the same <see cref="Caller"/> the Core services take.
/// </summary>
public sealed class WebVisitor
{
    public Caller? Caller { get; set; }

    /// <summary>True when the caller comes from a session cookie (a signed-in user, not the anonymous caller).</summary>
    public bool IsSignedIn => Caller is { IsAnonymous: false };
}
