namespace VsphereK8sStorage.Cli;

/// <summary>The streams vk8s uses, so tests can run it in-process and read what it printed.</summary>
public sealed record ConsoleIO(TextReader In, TextWriter Out, TextWriter Error, bool ErrorIsTerminal);
