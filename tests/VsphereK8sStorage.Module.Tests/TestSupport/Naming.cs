using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Module.Tests.TestSupport;

/// <summary>PowerShell's common parameters and vk8s's mapping of cmdlet names to subcommands and options.</summary>
internal static class Naming
{
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
    public static string Kebab(string name) => VsphereK8sStorage.Hosting.Param.Kebab(name);
}
