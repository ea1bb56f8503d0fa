using System.Security.Cryptography;
using Quire.Storage.ConnectApps;

namespace Quire.Core.ConnectApps;

/// <summary>
/// The RSA key that signs installed and uninstalled callbacks, and its public half, which Quire
/// publishes by kid (<c>GET /connect-install-keys/{kid}</c>, PEM) as Atlassian's key service does, so an app
/// verifies the callback before it trusts the shared secret inside. Created on first use and stored in
/// the database (every node signs with the same key); kept in memory once read, since it never changes.
/// </summary>
public sealed class ConnectInstallKeys(TimeProvider time)
{
    private volatile ConnectInstallKeyRecord? _current;
    private volatile SigningKey? _signing;

    /// <summary>The private key, read once: it lives as long as the process (token handlers cache their signers by key).</summary>
    public sealed record SigningKey(string Kid, RSA Rsa);

    public async Task<SigningKey> SigningKeyAsync(ConnectAppStore store, CancellationToken ct)
    {
        if (_signing is { } signing) return signing;
        var key = await CurrentAsync(store, ct);
        var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKey);
        return _signing = new SigningKey(key.Kid, rsa);
    }

    /// <summary>The signing key, created and stored the first time any node needs one.</summary>
    private async Task<ConnectInstallKeyRecord> CurrentAsync(ConnectAppStore store, CancellationToken ct)
    {
        if (_current is { } cached) return cached;
        var keys = await store.InstallKeysAsync(ct);
        if (keys.Count == 0)
        {
            using var rsa = RSA.Create(2048);
            await store.TryInsertInstallKeyAsync(new ConnectInstallKeyRecord
            {
                Kid = Guid.NewGuid().ToString(),
                PrivateKey = rsa.ExportPkcs8PrivateKeyPem(),
                PublicKey = rsa.ExportSubjectPublicKeyInfoPem(),
                CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            }, ct);
            keys = await store.InstallKeysAsync(ct);
        }
        return _current = keys[0];
    }

    /// <summary>The public key (PEM) of a kid, for apps verifying a callback; null for an unknown kid.</summary>
    public async Task<string?> PublicKeyAsync(ConnectAppStore store, string kid, CancellationToken ct) =>
        _current is { } cached && cached.Kid == kid ? cached.PublicKey : (await store.FindInstallKeyAsync(kid, ct))?.PublicKey;
}
