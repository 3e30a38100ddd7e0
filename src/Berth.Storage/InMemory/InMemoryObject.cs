namespace Berth.Storage.InMemory;

internal sealed record InMemoryObject(byte[] Content, DateTimeOffset ModifiedAt);
