using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace VsphereK8sStorage.Module.Tests.TestSupport;

/// <summary>PowerShell's naming rules and vk8s's mapping of cmdlet names to subcommands and options.</summary>
internal static class Naming
{
    /// <summary>
    /// The approved verbs of Windows PowerShell 5.1 (Get-Verb; learn.microsoft.com, "Approved Verbs for
    /// PowerShell Commands"), by group. The module declares CompatiblePSEditions Desktop, and 5.1's
    /// Import-Module warns about any other verb, so the verbs PowerShell 6 added are listed apart.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ApprovedVerbs = new Dictionary<string, IReadOnlyList<string>>
    {
        ["Common"] = new[]
        {
            "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New",
            "Open", "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set",
            "Show", "Skip", "Split", "Step", "Switch", "Undo", "Unlock", "Watch",
        },
        ["Communications"] = new[] { "Connect", "Disconnect", "Read", "Receive", "Send", "Write" },
        ["Data"] = new[]
        {
            "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit",
            "Expand", "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore",
            "Save", "Sync", "Unpublish", "Update",
        },
        ["Diagnostic"] = new[] { "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace" },
        ["Lifecycle"] = new[]
        {
            "Approve", "Assert", "Complete", "Confirm", "Deny", "Disable", "Enable", "Install", "Invoke", "Register",
            "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait",
        },
        ["Security"] = new[] { "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect" },
        ["Other"] = new[] { "Use" },
    };

    /// <summary>Approved only from PowerShell 6 on (Lifecycle): unusable while the module supports Desktop.</summary>
    public static readonly IReadOnlyList<string> VerbsAddedInPowerShell6 = new[] { "Build", "Deploy" };

    public static readonly IReadOnlySet<string> AllApprovedVerbs =
        ApprovedVerbs.Values.SelectMany(v => v).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Verbs whose cmdlets change something outside the session (a cluster, vSphere, a file), so users rely on
    /// -WhatIf and -Confirm. Connect and Disconnect are left out on purpose: they only open or close this
    /// session's connection, which changes nothing a -WhatIf run would protect, and a -WhatIf run of any other
    /// cmdlet needs the connection to be real (PowerCLI's Connect-VIServer has no -WhatIf either).
    /// Import is left out too: PowerShell's own Import-* (Import-Csv, Import-Clixml) read into the session.
    /// </summary>
    public static readonly IReadOnlySet<string> StateChangingVerbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "New", "Set", "Add", "Remove", "Clear", "Reset", "Move", "Rename", "Copy", "Lock", "Unlock",
        "Enable", "Disable", "Install", "Uninstall", "Start", "Stop", "Restart", "Suspend", "Resume",
        "Register", "Unregister", "Invoke", "Update", "Export", "Mount", "Dismount", "Publish", "Unpublish",
        "Initialize", "Restore", "Repair", "Sync", "Merge", "Grant", "Revoke", "Block", "Unblock", "Protect", "Unprotect",
    };

    /// <summary>Verbs that only read: offering -WhatIf on them would promise a protection that means nothing.</summary>
    public static readonly IReadOnlySet<string> ReadOnlyVerbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "Get", "Test", "Find", "Search", "Resolve", "Measure", "Compare",
    };

    /// <summary>Parameters every cmdlet gets from PowerShell (with their aliases); a cmdlet must not declare them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> CommonParameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
    {
        ["Verbose"] = new[] { "vb" },
        ["Debug"] = new[] { "db" },
        ["ErrorAction"] = new[] { "ea" },
        ["WarningAction"] = new[] { "wa" },
        ["InformationAction"] = new[] { "infa" },
        ["ProgressAction"] = new[] { "proga" },
        ["ErrorVariable"] = new[] { "ev" },
        ["WarningVariable"] = new[] { "wv" },
        ["InformationVariable"] = new[] { "iv" },
        ["OutVariable"] = new[] { "ov" },
        ["OutBuffer"] = new[] { "ob" },
        ["PipelineVariable"] = new[] { "pv" },
        ["WhatIf"] = new[] { "wi" },
        ["Confirm"] = new[] { "cf" },
    };

    /// <summary>
    /// vk8s's name for a cmdlet or parameter: words in lower case joined by '-'. A word starts at an upper-case
    /// letter after a lower-case letter or digit, and at the last capital of an all-caps run followed by
    /// lower case, so Pascal-cased acronyms stay whole: Get-PvcBinding -> get-pvc-binding,
    /// New-FcdSnapshot -> new-fcd-snapshot, CSIDriver -> csi-driver, K8sNode -> k8s-node.
    /// </summary>
    public static string Kebab(string name)
    {
        var words = new List<string>();
        foreach (var part in name.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = new StringBuilder();
            for (var i = 0; i < part.Length; i++)
            {
                var c = part[i];
                var startsWord = i > 0 && char.IsUpper(c) && (
                    char.IsLower(part[i - 1]) || char.IsDigit(part[i - 1]) ||
                    (char.IsUpper(part[i - 1]) && i + 1 < part.Length && char.IsLower(part[i + 1])));
                if (startsWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }

                word.Append(char.ToLowerInvariant(c));
            }

            words.Add(word.ToString());
        }

        return string.Join("-", words);
    }
}
