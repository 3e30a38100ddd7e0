using System.Security.Cryptography;
using System.Text;

namespace Berth.Registry.Notifications;

/// <summary>HMAC-SHA256 of the exact body bytes, so a receiver can check that the envelope came from this registry.</summary>
public static class NotificationSigner
{
    public const string HeaderName = "X-Berth-Signature";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Compares in constant time, so the answer's timing tells nothing about the expected value.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(signature));
}
