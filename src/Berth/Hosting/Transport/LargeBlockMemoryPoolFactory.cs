using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Berth.Hosting.Transport;

/// <summary>Gives Kestrel's transport and connections <see cref="LargeBlockMemoryPool"/>s instead of 4 KiB-block pools.</summary>
internal sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}
