using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace VsphereK8sStorage.PowerShell.Tests.TestSupport;

/// <summary>
/// A non-interactive host that records what PowerShell writes to it: "What if:" lines from -WhatIf, and the
/// confirmation prompts of -Confirm, which it answers with <see cref="ConfirmAnswer"/>. Anything else that
/// would need a person (Read-Host, credential prompts) fails the call instead of hanging.
/// </summary>
internal sealed class RecordingHost : PSHost
{
    private readonly RecordingUserInterface ui;

    public RecordingHost() => ui = new RecordingUserInterface(this);

    public bool ConfirmAnswer { get; set; }

    public IEnumerable<string> Lines => ui.Lines;

    public IEnumerable<string> Prompts => ui.Prompts;

    public override string Name => "VsphereK8sStorage.Tests";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public void Clear() => ui.Clear();

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    private sealed class RecordingUserInterface : PSHostUserInterface
    {
        private readonly RecordingHost host;
        private readonly ConcurrentQueue<string> lines = new();
        private readonly ConcurrentQueue<string> prompts = new();

        public RecordingUserInterface(RecordingHost host) => this.host = host;

        public IEnumerable<string> Lines => lines;

        public IEnumerable<string> Prompts => prompts;

        // No raw console: formatting uses the width Out-String is given.
        public override PSHostRawUserInterface? RawUI => null;

        public void Clear()
        {
            lines.Clear();
            prompts.Clear();
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            prompts.Enqueue($"{caption}: {message}");
            var wanted = host.ConfirmAnswer ? "&Yes" : "&No";
            var index = choices.Select(c => c.Label).ToList().IndexOf(wanted);
            return index >= 0 ? index : throw new NotSupportedException($"The test host cannot answer '{caption}': no '{wanted}' choice.");
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException($"The test host cannot answer prompts ({caption}).");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException($"The test host cannot answer credential prompts ({caption}).");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException($"The test host cannot answer credential prompts ({caption}).");

        public override string ReadLine() => throw new NotSupportedException("The test host has no console input.");

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The test host has no console input.");

        public override void Write(string value) => lines.Enqueue(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => lines.Enqueue(value);

        public override void WriteLine(string value) => lines.Enqueue(value);

        public override void WriteErrorLine(string value) => lines.Enqueue(value);

        public override void WriteDebugLine(string message) => lines.Enqueue("DEBUG: " + message);

        public override void WriteVerboseLine(string message) => lines.Enqueue("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => lines.Enqueue("WARNING: " + message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }
    }
}
