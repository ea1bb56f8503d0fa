using Quire.Storage;

namespace Quire.Server.Hosting;

/// <summary>The <c>Quire:*</c> configuration keys. Their names are a fixed contract (see GUIDE.md).</summary>
public sealed class QuireOptions
{
    public const string Section = "Quire";

    /// <summary>Where the SQLite database (and later attachments) live.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The public address of the site, e.g. https://wiki.example.com; derived from each request when empty.</summary>
    public string? BaseUrl { get; set; }

    public DatabaseSection Database { get; set; } = new();
    public BootstrapSection Bootstrap { get; set; } = new();
    public AttachmentsSection Attachments { get; set; } = new();
    public SignInSection SignIn { get; set; } = new();
    public TasksSection Tasks { get; set; } = new();
    public WebSection Web { get; set; } = new();

    /// <summary>How webhooks are delivered (<c>Quire:Webhooks:*</c>).</summary>
    public Quire.Core.Webhooks.WebhookOptions Webhooks { get; set; } = new();

    /// <summary>The API's request budgets and the opt-in injected 429s (<c>Quire:RateLimits:*</c>).</summary>
    public RateLimits.RateLimitSettings RateLimits { get; set; } = new();

    /// <summary>How content searches bound their work: <c>Quire:Search:*</c>.</summary>
    public Quire.Storage.Search.SearchOptions Search { get; set; } = new();

    /// <summary>Rendered answers of the busiest reads, kept until the next commit: <c>Quire:AnswerCache:*</c>.</summary>
    public Quire.Server.Http.RenderedAnswerOptions AnswerCache { get; set; } = new();

    /// <summary>OAuth 2.0 token and code lifetimes: <c>Quire:OAuth:*</c>.</summary>
    public Quire.Core.OAuth.OAuthOptions OAuth { get; set; } = new();

    /// <summary>Largest request body accepted, in bytes; larger bodies answer 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 5 * 1024 * 1024;

    public sealed class DatabaseSection
    {
        public string Provider { get; set; } = "sqlite";
        public string? ConnectionString { get; set; }
    }

    public sealed class AttachmentsSection
    {
        /// <summary>
        /// Where attachment bytes live: <c>files</c> (default; under the data directory, one
        /// server node) or <c>database</c> (PostgreSQL only; reachable from every node).
        /// </summary>
        public string Store { get; set; } = "files";

        /// <summary>The blob directory of the file store; defaults to <c>attachments</c> under the data directory.</summary>
        public string? Directory { get; set; }

        /// <summary>Largest file an upload may carry, in bytes (Confluence Cloud's default: 100 MB); larger answers 413.</summary>
        public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;
    }

    /// <summary>
    /// Throttling of failed sign-ins (kept in memory on each node): after this many failures in the
    /// window, a login or a client address is answered 429 with Retry-After until the window ends.
    /// </summary>
    public sealed class SignInSection
    {
        /// <summary>Failed sign-ins per login (e-mail or user name, case-insensitively) per window; 0 turns the limit off.</summary>
        public int MaxFailuresPerLogin { get; set; } = Quire.Core.Security.SignInLimits.Default.FailuresPerLogin;

        /// <summary>Failed sign-ins per client address (IPv6: per /64) per window; 0 turns the limit off.</summary>
        public int MaxFailuresPerAddress { get; set; } = Quire.Core.Security.SignInLimits.Default.FailuresPerAddress;

        /// <summary>The window, from a key's first failure, in seconds; also the longest wait.</summary>
        public int FailureWindowSeconds { get; set; } = (int)Quire.Core.Security.SignInLimits.Default.Window.TotalSeconds;

        /// <summary>At most this many logins and addresses are tracked at once (memory bound).</summary>
        public int MaxTrackedClients { get; set; } = Quire.Core.Security.SignInLimits.Default.MaxTracked;

        /// <summary>Password verifications (PBKDF2) that may run at once; 0: half the processors, at least one.</summary>
        public int ConcurrentPasswordChecks { get; set; }

        public Quire.Core.Security.SignInLimits Limits()
        {
            if (MaxFailuresPerLogin < 0 || MaxFailuresPerAddress < 0 || FailureWindowSeconds < 1 || MaxTrackedClients < 1 || ConcurrentPasswordChecks < 0)
                throw new InvalidOperationException(
                    "Quire:SignIn: MaxFailuresPerLogin, MaxFailuresPerAddress and ConcurrentPasswordChecks must be 0 or more, FailureWindowSeconds and MaxTrackedClients 1 or more.");
            return new(MaxFailuresPerLogin, MaxFailuresPerAddress, TimeSpan.FromSeconds(FailureWindowSeconds), MaxTrackedClients);
        }
    }

    /// <summary>
    /// Claims on long tasks (copies, space deletions): how long a claim lasts without renewal and
    /// how often a running worker renews it. A node that dies leaves its task to another after the
    /// lease; shorter leases hand over sooner but need the database to answer renewals in time.
    /// </summary>
    public sealed class TasksSection
    {
        /// <summary>Seconds a claim holds without a renewal before another worker may take the task over.</summary>
        public double LeaseSeconds { get; set; } = Quire.Core.Tasks.LongTaskOptions.Default.Lease.TotalSeconds;

        /// <summary>Seconds between renewals while a task runs; at most a third of the lease, so two late renewals do not lose it.</summary>
        public double HeartbeatSeconds { get; set; } = Quire.Core.Tasks.LongTaskOptions.Default.HeartbeatInterval.TotalSeconds;

        public Quire.Core.Tasks.LongTaskOptions Options()
        {
            if (!(LeaseSeconds > 0) || !(HeartbeatSeconds > 0) || HeartbeatSeconds * 3 > LeaseSeconds)
                throw new InvalidOperationException(
                    "Quire:Tasks: LeaseSeconds and HeartbeatSeconds must be above 0, and HeartbeatSeconds at most a third of LeaseSeconds.");
            return new() { Lease = TimeSpan.FromSeconds(LeaseSeconds), HeartbeatInterval = TimeSpan.FromSeconds(HeartbeatSeconds) };
        }
    }

    /// <summary>The web interface (<c>Quire:Web:*</c>).</summary>
    public sealed class WebSection
    {
        /// <summary>Hours a sign-in lasts (the session row's end and the cookie's expiry); 168, a week, unless set.</summary>
        public double SessionLifetimeHours { get; set; } = Quire.Core.Security.WebSessionOptions.Default.Lifetime.TotalHours;

        public Quire.Core.Security.WebSessionOptions SessionOptions()
        {
            // Above 0, and at most ten years, so the end stays a representable date in milliseconds.
            if (!(SessionLifetimeHours > 0) || SessionLifetimeHours > 24 * 3653)
                throw new InvalidOperationException("Quire:Web:SessionLifetimeHours must be above 0 and at most 87672 (ten years).");
            return new(TimeSpan.FromHours(SessionLifetimeHours));
        }
    }

    public sealed class BootstrapSection
    {
        public string? AdminEmail { get; set; }
        public string? AdminApiToken { get; set; }
    }

    /// <summary>The configured blob store, for one unit of work (it shares the work's database session).</summary>
    public Quire.Storage.Blobs.IBlobStore OpenBlobStore(Quire.Storage.DbSession db, TimeProvider time)
    {
        switch (Attachments.Store.Trim().ToLowerInvariant())
        {
            case "files":
                var directory = string.IsNullOrWhiteSpace(Attachments.Directory)
                    ? Path.Combine(Path.GetFullPath(DataDirectory), "attachments")
                    : Path.GetFullPath(Attachments.Directory);
                return new Quire.Storage.Blobs.FileBlobStore(directory, db);
            case "database":
                if (db.Provider != Quire.Storage.DatabaseProvider.Postgres)
                    throw new InvalidOperationException("Quire:Attachments:Store 'database' needs PostgreSQL; on SQLite use 'files'.");
                return new Quire.Storage.Blobs.DatabaseBlobStore(db, time);
            default:
                throw new InvalidOperationException($"Quire:Attachments:Store '{Attachments.Store}' is not supported; use 'files' or 'database'.");
        }
    }

    public Quire.Storage.Database OpenDatabase()
    {
        switch (Database.Provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                if (!string.IsNullOrWhiteSpace(Database.ConnectionString))
                    return Quire.Storage.Database.ForSqliteConnectionString(Database.ConnectionString);
                Directory.CreateDirectory(DataDirectory);
                return Quire.Storage.Database.ForSqliteFile(Path.Combine(Path.GetFullPath(DataDirectory), "quire.db"));
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(Database.ConnectionString))
                    throw new InvalidOperationException("Quire:Database:ConnectionString is required when Quire:Database:Provider is postgres.");
                return Quire.Storage.Database.ForPostgres(Database.ConnectionString);
            default:
                throw new InvalidOperationException(
                    $"Quire:Database:Provider '{Database.Provider}' is not supported; use 'sqlite' or 'postgres'.");
        }
    }
}
