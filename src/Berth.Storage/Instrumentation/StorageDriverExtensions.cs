namespace Berth.Storage.Instrumentation;

public static class StorageDriverExtensions
{
    /// <summary>The driver of type <typeparamref name="T"/> under any decorators, or null.</summary>
    public static T? Unwrap<T>(this IStorageDriver driver)
        where T : class, IStorageDriver
    {
        for (IStorageDriver? current = driver; current is not null; current = (current as IStorageDriverDecorator)?.Inner)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
