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
