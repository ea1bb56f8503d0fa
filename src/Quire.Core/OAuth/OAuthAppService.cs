using Quire.Core.Audit;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.OAuth;

namespace Quire.Core.OAuth;

/// <summary>What an OAuth app is registered with; null leaves a value as it is on an update.</summary>
public sealed record OAuthAppInput(string? Name, IReadOnlyList<string>? CallbackUrls, IReadOnlyList<string>? Scopes);

/// <summary>An app as its registration answers it: the only time its client secret is readable.</summary>
public sealed record IssuedOAuthApp(OAuthAppRecord App, string ClientSecret);

/// <summary>
/// Registers OAuth 2.0 (3LO) apps, as Atlassian's developer console does: a name, callback URLs (where
/// <c>/authorize</c> may send the user back) and the scopes the app may ask for, checked against the
/// scopes the API descriptions declare (<see cref="OAuthScopeCatalog"/>). Site administrators only (a null
/// caller is the command line). The client secret is shown once, on creation and on rotation.
/// Deleting an app revokes every grant and token issued to it.
/// </summary>
public sealed class OAuthAppService(DbSession db, OAuthAppStore apps, AuditLog audit, TimeProvider time)
{
    /// <summary>The audit log's category for app registrations, as Confluence files app changes.</summary>
    public const string AuditCategory = "Apps";

    public const int MaxNameLength = 255;
    public const int MaxCallbackUrls = 20;
    public const int MaxUrlLength = 2000;
    private const string SecretPrefix = "qos_";

    public async Task<IssuedOAuthApp> CreateAsync(Caller? caller, OAuthAppInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var name = Name(input.Name);
        var callbacks = CallbackUrls(input.CallbackUrls ?? throw new BadRequestException("callbackUrls is required: at least one redirect URI."));
        var scopes = Scopes(input.Scopes ?? throw new BadRequestException("scopes is required: the scopes the app may ask for."));
        var secret = OAuthSecrets.New(SecretPrefix);
        var now = time.NowMillis();
        var record = new OAuthAppRecord
        {
            ClientId = OAuthSecrets.NewClientId(), Name = name, SecretHash = OAuthSecrets.Hash(secret),
            CallbackUrls = string.Join('\n', callbacks), Scopes = string.Join(' ', scopes), CreatedBy = caller?.UserId, CreatedAt = now, UpdatedAt = now,
        };
        var id = await db.InTransactionAsync(async () =>
        {
            var id = await apps.InsertAsync(record, ct);
            await audit.RecordAsync(caller, Event("OAuth app registered", record), ct);
            return id;
        }, ct);
        return new IssuedOAuthApp(new OAuthAppRecord
        {
            Id = id, ClientId = record.ClientId, Name = name, SecretHash = record.SecretHash, CallbackUrls = record.CallbackUrls,
            Scopes = record.Scopes, CreatedBy = record.CreatedBy, CreatedAt = now, UpdatedAt = now,
        }, secret);
    }

    public async Task<Page<OAuthAppRecord>> ListAsync(Caller? caller, PageRequest page, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return Page<OAuthAppRecord>.FromOverfetch(await apps.ListAsync(page.Start, page.FetchCount, ct), page);
    }

    public async Task<OAuthAppRecord> GetAsync(Caller? caller, string clientId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return await apps.FindAsync(clientId, ct) ?? throw NotFound(clientId);
    }

    /// <summary>
    /// Changes what is given. Narrowing the scopes does not narrow grants already made: their tokens keep the
    /// scopes consented to, as Atlassian's do until the user consents again; new authorizations see the new list.
    /// </summary>
    public async Task<OAuthAppRecord> UpdateAsync(Caller? caller, string clientId, OAuthAppInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return await db.InTransactionAsync(async () =>
        {
            var app = await apps.FindAsync(clientId, ct) ?? throw NotFound(clientId);
            var name = input.Name is null ? app.Name : Name(input.Name);
            var callbacks = input.CallbackUrls is null ? app.CallbackUrls : string.Join('\n', CallbackUrls(input.CallbackUrls));
            var scopes = input.Scopes is null ? app.Scopes : string.Join(' ', Scopes(input.Scopes));
            await apps.UpdateAsync(clientId, name, callbacks, scopes, time.NowMillis(), ct);
            var updated = (await apps.FindAsync(clientId, ct))!;
            await audit.RecordAsync(caller, Event("OAuth app updated", updated,
                [new AuditChange("name", app.Name, updated.Name), new AuditChange("scopes", app.Scopes, updated.Scopes),
                 new AuditChange("callbackUrls", app.CallbackUrls.Replace('\n', ' '), updated.CallbackUrls.Replace('\n', ' '))]), ct);
            return updated;
        }, ct);
    }

    /// <summary>A new client secret; the old one stops working at once. Tokens already issued stay valid.</summary>
    public async Task<IssuedOAuthApp> RotateSecretAsync(Caller? caller, string clientId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var secret = OAuthSecrets.New(SecretPrefix);
        return await db.InTransactionAsync(async () =>
        {
            if (!await apps.SetSecretHashAsync(clientId, OAuthSecrets.Hash(secret), time.NowMillis(), ct)) throw NotFound(clientId);
            var app = (await apps.FindAsync(clientId, ct))!;
            await audit.RecordAsync(caller, Event("OAuth app client secret rotated", app), ct);
            return new IssuedOAuthApp(app, secret);
        }, ct);
    }

    public async Task DeleteAsync(Caller? caller, string clientId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await db.InTransactionAsync(async () =>
        {
            var app = await apps.FindAsync(clientId, ct) ?? throw NotFound(clientId);
            await apps.DeleteAsync(clientId, ct);
            await audit.RecordAsync(caller, Event("OAuth app deleted", app), ct);
        }, ct);
    }

    /// <summary>The scopes asked for, each known and none twice, in the order given.</summary>
    public static IReadOnlyList<string> Scopes(IEnumerable<string?> requested)
    {
        var scopes = new List<string>();
        foreach (var scope in requested)
        {
            if (string.IsNullOrWhiteSpace(scope)) throw new BadRequestException("A scope must not be blank.");
            if (!OAuthScopeCatalog.IsKnown(scope))
                throw new BadRequestException($"'{Printable(scope)}' is not a scope of this site's APIs (see the API reference's OAuth scopes).");
            if (!scopes.Contains(scope, StringComparer.Ordinal)) scopes.Add(scope);
        }
        if (scopes.Count == 0) throw new BadRequestException("scopes must name at least one scope.");
        return scopes;
    }

    private static IReadOnlyList<string> CallbackUrls(IReadOnlyList<string?> urls)
    {
        if (urls.Count == 0) throw new BadRequestException("callbackUrls must hold at least one redirect URI.");
        if (urls.Count > MaxCallbackUrls) throw new BadRequestException($"An app has at most {MaxCallbackUrls} callback URLs.");
        var result = new List<string>();
        foreach (var url in urls)
        {
            // An absolute URI without a fragment (RFC 6749 3.1.2); any scheme, so desktop apps may use their own.
            if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ||
                !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0 || url.Contains('#') ||
                uri.Scheme is "javascript" or "data" or "file" or "vbscript")
                throw new BadRequestException($"'{Printable(url ?? "")}' is not a valid callback URL: an absolute URI without a fragment.");
            if (!result.Contains(url, StringComparer.Ordinal)) result.Add(url);
        }
        return result;
    }

    private static string Name(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new BadRequestException("name is required.");
        if (trimmed.Length > MaxNameLength) throw new BadRequestException($"name must be at most {MaxNameLength} characters.");
        if (trimmed.Any(char.IsControl)) throw new BadRequestException("name must not contain control characters.");
        return trimmed;
    }

    private static string Printable(string value) =>
        new(value.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static AuditEvent Event(string summary, OAuthAppRecord app, IReadOnlyList<AuditChange>? changes = null) =>
        new(summary, AuditCategory, new AuditObject(app.Name, "OAuth app"), Changes: changes, Description: "Client id " + app.ClientId);

    private static void RequireAdmin(Caller? caller)
    {
        if (caller is not null && !caller.IsSiteAdmin) throw new ForbiddenException("Only site administrators can manage OAuth apps.");
    }

    private static NotFoundException NotFound(string clientId) => new($"No OAuth app with client id '{Printable(clientId)}' was found.");
}
