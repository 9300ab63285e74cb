using System;
using System.Threading.Tasks;
using VsphereK8sStorage.Cli;

return await CliApp.RunAsync(args, new ConsoleIO(Console.In, Console.Out, Console.Error, !Console.IsErrorRedirected));
