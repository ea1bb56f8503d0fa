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

    /// <summary>Largest request body accepted, in bytes; larger bodies answer 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 5 * 1024 * 1024;

    public sealed class DatabaseSection
    {
        public string Provider { get; set; } = "sqlite";
        public string? ConnectionString { get; set; }
    }

    public sealed class BootstrapSection
    {
        public string? AdminEmail { get; set; }
        public string? AdminApiToken { get; set; }
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
