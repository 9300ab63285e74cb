using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Operations.Vsphere;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>vk8s disconnect-vsphere-server: the twin of Disconnect-VsphereServer; logs out the session whose cookie is in $VSPHERE_SESSION.</summary>
internal sealed class DisconnectVsphereServerCliCommand : ICliCommand
{
    public string CmdletName => "Disconnect-VsphereServer";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var server = new Option<string?>("--server") { Description = $"vCenter host name or address, optionally with :port (default: ${VsphereCliConnection.ServerVariable})." };
        var whatIf = VsphereCli.WhatIf();
        var command = new Command("disconnect-vsphere-server", $"Log out of the vCenter session whose cookie is in ${VsphereCliConnection.SessionVariable}, ending it for everyone who holds it.")
        {
            server, whatIf,
        };
        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            var options = VsphereCliConnection.SessionToClose(parseResult.GetValue(server));
            var connection = await VsphereConnection.ConnectAsync(options, host, ct).ConfigureAwait(false);
            var closed = await DisconnectVsphereServer.RunAsync(new DisconnectVsphereServerRequest { Connection = connection }, host, ct).ConfigureAwait(false);
            if (closed is null)
            {
                connection.Dispose();
                return ExitCodes.Success;
            }

            ResultView.Write(io.Out, new[] { closed }, parseResult.GetValue(globals.Output));
            return ExitCodes.Success;
        }));
        return command;
    }
}
