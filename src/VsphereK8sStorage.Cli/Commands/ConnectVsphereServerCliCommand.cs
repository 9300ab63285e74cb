using VsphereK8sStorage.Cli.Output;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Commands;

/// <summary>
/// vk8s connect-vsphere-server: the twin of Connect-VsphereServer. vk8s keeps no session between runs, so this
/// checks that the server, its certificate and the credentials work (always with a login: it neither joins nor keeps a
/// session of the session cache), shows what it connected to, and logs out.
/// </summary>
internal sealed class ConnectVsphereServerCliCommand : ICliCommand
{
    public string CmdletName => "Connect-VsphereServer";

    public Command Build(ConsoleIO io, GlobalOptions globals)
    {
        var connection = new VsphereCliConnection();
        var command = new Command("connect-vsphere-server", "Log in to vCenter to check the server, its certificate and the credentials; show the server, user, version and certificate thumbprint; log out.");
        connection.AddTo(command, sessionCache: false);
        command.SetAction((parseResult, cancellationToken) => CliApp.Execute(parseResult, io, globals, cancellationToken, async (host, ct) =>
        {
            var options = connection.Resolve(parseResult, io);
            var connected = await VsphereConnection.ConnectAsync(options, host, ct).ConfigureAwait(false);
            try
            {
                ResultView.Write(io.Out, new[] { connected }, parseResult.GetValue(globals.Output));
            }
            finally
            {
                await VsphereCliConnection.CloseAsync(connected, loggedIn: options.Credential is not null).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
