using System.CommandLine;
using Berth.Commands;

// System.CommandLine ends the process 2 s after SIGTERM by default; serve needs Berth:DrainDelay + Berth:ShutdownTimeout
// (at most 15 minutes by their validation) to drain and finish in-flight requests, and every command stops on the token.
return await BerthCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(16) });
