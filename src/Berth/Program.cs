using Berth.Commands;

return await BerthCommandLine.Create().Parse(args).InvokeAsync();
