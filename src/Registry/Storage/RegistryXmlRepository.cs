using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// The Data Protection key ring kept in the shared PostgreSQL store, so that every gateway node decrypts what any node
/// encrypted (signing keys, upstream client secrets). Data Protection calls it rarely (start, key rotation, an unknown
/// key id), hence the synchronous interface.
/// </summary>
internal sealed class RegistryXmlRepository(Microsoft.EntityFrameworkCore.IDbContextFactory<PostgresRegistryDbContext> contexts) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = contexts.CreateDbContext();
        return db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = contexts.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
