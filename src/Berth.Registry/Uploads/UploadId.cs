namespace Berth.Registry.Uploads;

/// <summary>Upload ids are 32 lowercase hex characters, so a client-supplied id is safe to put in a storage path.</summary>
internal static class UploadId
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid(string? value)
    {
        if (value is not { Length: 32 })
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
