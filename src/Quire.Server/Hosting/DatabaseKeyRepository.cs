using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Quire.Storage;
using Quire.Storage.DataProtection;

namespace Quire.Server.Hosting;

/// <summary>
/// Keeps ASP.NET Core data protection's key ring (behind antiforgery tokens and cookies) in the site's
/// database, so that every node accepts what another issued and the keys survive a new machine.
/// Data protection reads the ring at start and about once a day, or when a payload names a key it has
/// not seen (one another node just made), and its interface is synchronous: the calls block on the
/// database, which is acceptable that rarely. The keys are stored unencrypted: the database is already
/// the site's trust boundary (it holds the Connect shared secrets too).
/// </summary>
public sealed class DatabaseKeyRepository(Database database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Run(async store => (await store.AllAsync()).Select(xml => XElement.Parse(xml)).ToList());

    public void StoreElement(XElement element, string friendlyName) =>
        Run(async store =>
        {
            await store.AddAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow().ToUnixTimeMilliseconds());
            return true;
        });

    private T Run<T>(Func<DataProtectionKeyStore, Task<T>> work) =>
        Task.Run(async () =>
        {
            await using var session = new DbSession(database);
            return await work(new DataProtectionKeyStore(session));
        }).GetAwaiter().GetResult();
}
