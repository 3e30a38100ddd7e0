using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Berth.Storage.Swift;

/// <summary>Swift's tempurl middleware signature: HMAC-SHA256 over "GET\n{expires}\n{unescaped object path}".</summary>
internal static class SwiftTempUrl
{
    public static Uri Create(Uri storageUrl, string container, string objectName, string key, DateTimeOffset expiresAt)
    {
        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var basePath = Uri.UnescapeDataString(storageUrl.AbsolutePath.TrimEnd('/'));
        var body = $"GET\n{expires}\n{basePath}/{container}/{objectName}";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));
        var url = storageUrl.AbsoluteUri.TrimEnd('/') + "/" + Client.SwiftObjectStore.Url(container, objectName);
        return new Uri($"{url}?temp_url_sig={signature}&temp_url_expires={expires}");
    }
}
