namespace Quire.Storage.DataProtection;

/// <summary>
/// The data protection key ring's elements (XML text, as ASP.NET Core writes them), shared by every
/// node of the site. Keys are only ever added; data protection itself retires them by expiry.
/// </summary>
public sealed class DataProtectionKeyStore(DbSession db)
{
    public Task<IReadOnlyList<string>> AllAsync(CancellationToken ct = default) =>
        db.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY id", null, ct);

    public Task AddAsync(string friendlyName, string xml, long createdAt, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @createdAt)",
            new { friendlyName, xml, createdAt }, ct);
}
