namespace Berth.Storage.Instrumentation;

/// <summary>A driver that wraps another, so code that needs a concrete driver (zero-copy file serving) can find it.</summary>
public interface IStorageDriverDecorator
{
    IStorageDriver Inner { get; }
}
