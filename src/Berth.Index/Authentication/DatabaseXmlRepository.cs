using System.Xml.Linq;
using Berth.Index.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Authentication;

/// <summary>
/// The data-protection key ring (which encrypts the UI's session and antiforgery cookies) in the index database, so a
/// cookie one node issued is read by every other node on that database. A context per call, from the index's factory.
/// </summary>
internal sealed class DatabaseXmlRepository(IndexDbContextFactory db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var context = db.Create();
        return [.. context.DataProtectionKeys.AsNoTracking().AsEnumerable()
            .Where(k => !string.IsNullOrEmpty(k.Xml))
            .Select(k => XElement.Parse(k.Xml!))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var context = db.Create();
        context.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        context.SaveChanges();
    }
}
