using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Cluster.Tests.Proxy;

/// <summary>
/// A self-signed certificate for 127.0.0.1, written as PEM for nginx and as a containers cert directory
/// (<c>ca.crt</c>) for skopeo; and HTTP handlers that trust exactly it.
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    private readonly X509Certificate2 _certificate;

    public TestCertificate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        Directory.CreateDirectory(directory);
        CertificatePath = Path.Combine(directory, "registry.pem");
        KeyPath = Path.Combine(directory, "registry.key");
        CertDirectory = Path.Combine(directory, "certs.d");
        File.WriteAllText(CertificatePath, _certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
        Directory.CreateDirectory(CertDirectory);
        File.WriteAllText(Path.Combine(CertDirectory, "ca.crt"), _certificate.ExportCertificatePem());
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>For skopeo's --cert-dir: its ca.crt is this certificate.</summary>
    public string CertDirectory { get; }

    /// <summary>
    /// A handler trusting only this certificate, with no redirects followed; its connections leave from
    /// <paramref name="sourceAddress"/> (any 127.x.y.z works on Linux loopback) when given, so the server sees that client address.
    /// </summary>
    public SocketsHttpHandler CreateHandler(IPAddress? sourceAddress = null, System.Net.CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new System.Net.CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == _certificate.GetCertHashString(),
            },
        };
        if (sourceAddress is not null)
        {
            handler.ConnectCallback = LoopbackSource.ConnectFrom(sourceAddress);
        }

        return handler;
    }

    public void Dispose() => _certificate.Dispose();
}
