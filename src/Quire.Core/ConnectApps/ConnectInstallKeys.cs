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

    /// <summary>The signing key, created and stored the first time any node needs one.</summary>
    public async Task<ConnectInstallKeyRecord> CurrentAsync(ConnectAppStore store, CancellationToken ct)
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
