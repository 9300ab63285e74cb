using System.Reflection;
using System.Text;
using VsphereK8sStorage.Cli;

// `vk8s --version` alone prints what System.CommandLine's version option prints, without building the command tree
// first: a process that only asks for the version pays for nothing else.
if (args is ["--version"])
{
    Console.Out.WriteLine(typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "unknown");
    return 0;
}

// Standard output is buffered (Console.Out writes every 256 characters through to the file): output that streams
// flushes after each item, everything else at the end.
var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { AutoFlush = false };
CliApp.OwnsProcess = true;
try
{
    return await CliApp.RunAsync(args, new ConsoleIO(Console.In, stdout, Console.Error, !Console.IsErrorRedirected));
}
finally
{
    stdout.Flush();
}
