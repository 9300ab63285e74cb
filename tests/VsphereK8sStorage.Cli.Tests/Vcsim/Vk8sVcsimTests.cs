using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.Cli.Tests.Vcsim;

/// <summary>
/// vk8s's vSphere commands as a shell runs them, against vcsim with a user and password: exit codes, one-line
/// errors on stderr, JSON on stdout, and the password nowhere in what vk8s prints. Each run is a process of its own
/// (the environment is what it reads): the published binary, or the JIT build through dotnet (<see cref="Vk8s"/>).
/// </summary>
[Trait("Peer", "vcsim")]
public sealed class Vk8sVcsimTests : IClassFixture<Vk8sVcsimTests.Fixture>
{
    private const string User = "ops";
    private const string Password = "p@ss w0rd&<>\"";

    private readonly Fixture vcsim;

    public Vk8sVcsimTests(Fixture vcsim) => this.vcsim = vcsim;

    private (int Exit, string Out, string Err) Run(string[] args, string? password = Password, string? stdin = null, Dictionary<string, string>? environment = null)
    {
        var info = Vk8s.StartInfo(args);
        foreach (var name in new[] { "VSPHERE_SERVER", "VSPHERE_USER", "VSPHERE_PASSWORD", "VSPHERE_SESSION", "VSPHERE_THUMBPRINT" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["VSPHERE_SERVER"] = vcsim.Server.Server;
        info.Environment["VSPHERE_THUMBPRINT"] = VcsimServer.Thumbprint;
        // Each run logs in, as these tests expect; Vk8sSessionCacheTests cover the cache in folders of their own.
        info.Environment["VK8S_SESSION_CACHE"] = "off";
        if (password is not null)
        {
            info.Environment["VSPHERE_PASSWORD"] = password;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var result = (process.ExitCode, stdout.Result, stderr);
        Assert.DoesNotContain(Password, result.Result + result.stderr);
        return result;
    }

    [SkippableFact]
    public void Lists_VMs_as_JSON_with_the_password_from_the_environment()
    {
        var (exit, stdout, stderr) = Run(new[] { "get-vsphere-vm", "--user", User, "--name", "DC0_H0_*", "-o", "json" });

        Assert.True(exit == 0, stderr);
        var vms = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, vms.Count);
        Assert.All(vms, vm => Assert.StartsWith("VirtualMachine-vm-", vm.GetProperty("id").GetString()));
    }

    [SkippableFact]
    public void Reads_the_password_from_standard_input()
    {
        var (exit, stdout, _) = Run(new[] { "get-vsphere-datastore", "--user", User, "--password-stdin" }, password: null, stdin: Password + "\n");

        Assert.Equal(0, exit);
        Assert.Matches("^NAME +TYPE +CAPACITY GIB +FREE GIB +CLUSTER +HOSTS +URL", stdout);
        Assert.Contains("LocalDS_0", stdout);
    }

    [SkippableFact]
    public void A_wrong_password_is_one_line_on_stderr_and_exit_code_1()
    {
        var (exit, stdout, stderr) = Run(new[] { "get-vsphere-vm", "--user", User }, password: "not-" + Password);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Equal($"vk8s: error: {vcsim.Server.Server} refused the login of '{User}': the user name or password is wrong, or the account is locked.", stderr.Trim());
    }

    [SkippableFact]
    public void A_password_on_the_command_line_is_refused_without_being_echoed()
    {
        var (exit, _, stderr) = Run(new[] { "get-vsphere-vm", "--user", User, "--password", Password });

        Assert.Equal(2, exit);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [SkippableFact]
    public void No_password_at_all_says_where_it_may_come_from()
    {
        var (exit, _, stderr) = Run(new[] { "get-vsphere-vm", "--user", User }, password: null);

        Assert.Equal(2, exit);
        Assert.Contains("VSPHERE_PASSWORD", stderr);
        Assert.Contains("--password-stdin", stderr);
    }

    [SkippableFact]
    public void A_wrong_thumbprint_shows_the_servers_and_exits_1()
    {
        var (exit, _, stderr) = Run(new[] { "get-vsphere-vm", "--user", User, "--thumbprint", "0011223344556677889900112233445566778899" });

        Assert.Equal(1, exit);
        Assert.Contains(VcsimServer.Thumbprint, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [SkippableFact]
    public void Enable_disk_uuid_rows_carry_name_changed_enabled_and_error_and_a_re_run_changes_nothing()
    {
        var (exit, stdout, stderr) = Run(new[] { "enable-disk-uuid", "--user", User, "--vm", "DC0_C0_*", "-o", "json" });
        var (again, stdoutAgain, _) = Run(new[] { "enable-disk-uuid", "--user", User, "--vm", "DC0_C0_*", "-o", "json" });

        Assert.True(exit == 0, stderr);
        Assert.Equal(0, again);
        var rows = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((true, true, JsonValueKind.Null), (r.GetProperty("changed").GetBoolean(), r.GetProperty("enabled").GetBoolean(), r.GetProperty("error").ValueKind)));
        Assert.All(rows, r => Assert.StartsWith("DC0_C0_", r.GetProperty("name").GetString()));
        Assert.Contains("have not been powered off and on since disk.enableUUID was set", stderr);
        Assert.All(JsonDocument.Parse(stdoutAgain).RootElement.EnumerateArray(), r => Assert.False(r.GetProperty("changed").GetBoolean()));
    }

    [SkippableFact]
    public void What_if_names_each_VM_and_changes_none()
    {
        var (exit, _, stderr) = Run(new[] { "enable-disk-uuid", "--user", User, "--vm", "DC0_H0_VM1", "--what-if" });
        var (_, tested, _) = Run(new[] { "test-disk-uuid", "--user", User, "--vm", "DC0_H0_VM1", "-o", "json" });

        Assert.Equal(0, exit);
        Assert.Contains("vk8s: what if: would Set disk.enableUUID=TRUE /DC0/vm/DC0_H0_VM1 (--what-if: nothing was changed)", stderr);
        Assert.False(JsonDocument.Parse(tested).RootElement[0].GetProperty("enabled").GetBoolean());
    }

    [SkippableFact]
    public void Enable_disk_uuid_without_a_selector_is_refused()
    {
        var (exit, _, stderr) = Run(new[] { "enable-disk-uuid", "--user", User });

        Assert.Equal(2, exit);
        Assert.Contains("--vm", stderr);
    }

    [SkippableFact]
    public void A_VM_that_does_not_exist_exits_2_and_the_others_are_listed()
    {
        var (exit, stdout, stderr) = Run(new[] { "get-vsphere-vm", "--user", User, "--name", "DC0_H0_VM0", "no-such-vm" });

        Assert.Equal(2, exit);
        Assert.Contains("DC0_H0_VM0", stdout);
        Assert.Equal("vk8s: error: No virtual machine named 'no-such-vm' on " + vcsim.Server.Server + "; check the name with vk8s get-vsphere-vm, or use a wildcard such as 'no-such-vm*'.", stderr.Trim());
    }

    [SkippableFact]
    public void A_VMDK_is_created_once_and_the_second_time_is_a_one_line_error()
    {
        var args = new[] { "new-vsphere-vmdk", "--user", User, "--path", "[LocalDS_0] cli/disk.vmdk", "--capacity", "1Gi", "-o", "json" };

        var (exit, stdout, stderr) = Run(args);
        var (again, _, againErr) = Run(args);

        Assert.True(exit == 0, stderr);
        Assert.Equal("[LocalDS_0] cli/disk.vmdk", JsonDocument.Parse(stdout).RootElement[0].GetProperty("volumePath").GetString());
        Assert.Equal(1, again);
        Assert.Equal("vk8s: error: [LocalDS_0] cli/disk.vmdk already exists; nothing was changed. Pick another name, or use the existing disk.", againErr.Trim());
    }

    [SkippableFact]
    public void Remove_vsphere_vmdk_refuses_without_a_cluster_previews_and_deletes_when_forced_and_reads_piped_rows()
    {
        var home = Directory.CreateTempSubdirectory("vk8s-home-");
        try
        {
            // No kubeconfig anywhere: nothing shows whether a PersistentVolume uses the disk.
            var noCluster = new Dictionary<string, string> { ["KUBECONFIG"] = string.Empty, ["HOME"] = home.FullName };
            const string disk = "[LocalDS_0] cli-rm/disk.vmdk";
            Assert.Equal(0, Run(new[] { "new-vsphere-vmdk", "--user", User, "--path", disk, "--capacity", "1Gi" }).Exit);
            // The simulator's datastore is a directory: the file is checked there, beside what vk8s says.
            var datastores = JsonDocument.Parse(Run(new[] { "get-vsphere-datastore", "--user", User, "--name", "LocalDS_0", "-o", "json" }).Out).RootElement;
            var file = Path.Combine(datastores[0].GetProperty("url").GetString()!, "cli-rm", "disk.vmdk");
            Assert.True(File.Exists(file), file);
            var cases = new (string Name, string[] Args, string? Stdin, int Exit, string Stderr, bool Gone)[]
            {
                ("refused: the cluster was not read", new[] { "--path", disk }, null, 1, $"vk8s: error: The virtual disk {disk} was not deleted: the cluster's PersistentVolumes could not be read (No Kubernetes cluster is configured", false),
                ("what-if: forced, says what would go", new[] { "--path", disk, "--force", "--what-if" }, null, 0, $"vk8s: what if: would Delete the virtual disk and its data, freeing space vCenter reports no size for {disk}", false),
                ("rows on stdin: a Vmdk row is no first-class disk", new[] { "--path", "-" }, $"[{{\"status\": \"OrphanDisk\", \"path\": \"{disk}\", \"diskKind\": \"Vmdk\"}}]", 2, $"vk8s: error: {disk} is a VMDK file, not a first-class disk; nothing was deleted. Delete it with vk8s remove-vsphere-vmdk", false),
                ("rows on stdin that are not rows", new[] { "--path", "-" }, "{\"status\": 1", 2, "vk8s: error: standard input is not the storage map's JSON rows (line 1, byte", false),
                ("forced: deleted and printed", new[] { "--path", disk, "--force", "-o", "json" }, null, 0, "vk8s: warning: Deleting the virtual disk " + disk + " although the cluster's PersistentVolumes could not be read", true),
            };
            foreach (var (name, args, stdin, exit, stderr, gone) in cases)
            {
                var command = name.StartsWith("rows", StringComparison.Ordinal) ? "remove-vsphere-fcd" : "remove-vsphere-vmdk";
                var (code, stdout, err) = Run(new[] { command, "--user", User }.Concat(args).ToArray(), stdin: stdin, environment: noCluster);
                Assert.True(exit == code && err.Contains(stderr, StringComparison.Ordinal), $"{name}: exit {code}, stderr: {err}");
                Assert.True(gone != File.Exists(file), $"{name}: {file} exists: {File.Exists(file)}");
                if (gone)
                {
                    Assert.Equal(disk, JsonDocument.Parse(stdout).RootElement[0].GetProperty("path").GetString());
                }
            }
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void Without_a_server_the_error_says_how_to_name_one()
    {
        var (exit, _, stderr) = Run(new[] { "get-vsphere-vm", "--user", User }, environment: new Dictionary<string, string> { ["VSPHERE_SERVER"] = string.Empty });

        Assert.Equal(2, exit);
        Assert.Contains("--server", stderr);
    }

    [SkippableFact]
    public void Connect_checks_the_login_and_shows_the_thumbprint()
    {
        var (exit, stdout, stderr) = Run(new[] { "connect-vsphere-server", "--user", User, "-o", "json" });

        Assert.True(exit == 0, stderr);
        var connection = JsonDocument.Parse(stdout).RootElement[0];
        Assert.Equal((User, VcsimServer.Thumbprint), (connection.GetProperty("user").GetString(), connection.GetProperty("certificateThumbprint").GetString()));
        Assert.True(connection.GetProperty("isConnected").GetBoolean()); // as it was when checked; vk8s logs out before it exits
    }

    [SkippableFact]
    public void What_if_over_a_wildcard_lists_what_it_would_change_and_never_says_nothing_matched()
    {
        var (exit, stdout, stderr) = Run(new[] { "enable-disk-uuid", "--user", User, "--vm", "DC0_H0_*", "--what-if" });

        Assert.True(exit == 0, stderr);
        Assert.Equal(2, stderr.Split('\n').Count(l => l.StartsWith("vk8s: what if: would Set disk.enableUUID=TRUE /DC0/vm/DC0_H0_VM", StringComparison.Ordinal)));
        Assert.DoesNotContain("No virtual machines matched", stdout + stderr);
    }

    public static TheoryData<string, string[]> MissingFolders => new()
    {
        { "a folder selection", new[] { "--folder", "/DC0/vm/nofolder" } },
        { "a VM path with a wildcard in a folder that does not exist", new[] { "--vm", "/DC0/vm/nofolder/*" } },
        { "a wildcard path one level deeper", new[] { "--vm", "/DC0/vm/nofolder/sub/k8s-*" } },
    };

    [SkippableTheory]
    [MemberData(nameof(MissingFolders))]
    public void A_folder_that_does_not_exist_is_an_error_however_it_is_named(string name, string[] selection)
    {
        var (exit, _, stderr) = Run(new[] { "enable-disk-uuid", "--user", User }.Concat(selection).ToArray());

        Assert.True(exit == 2, $"{name}: exit {exit}: {stderr}");
        Assert.Contains("No folder at '/DC0/vm/nofolder'", stderr);
    }

    [SkippableFact]
    public void A_wildcard_path_in_a_folder_that_exists_but_matches_nothing_is_not_an_error()
    {
        var (exit, stdout, stderr) = Run(new[] { "get-vsphere-vm", "--user", User, "--path", "/DC0/vm/none-*" });

        Assert.True(exit == 0, stderr);
        Assert.Contains("No virtual machines matched.", stdout);
    }

    public static TheoryData<string, string[], Dictionary<string, string>> PinnedAndSkipped => new()
    {
        { "pinned by VSPHERE_THUMBPRINT", new[] { "--skip-certificate-check" }, new Dictionary<string, string>() },
        { "pinned by --thumbprint", new[] { "--skip-certificate-check", "--thumbprint", VcsimServer.Thumbprint }, new Dictionary<string, string> { ["VSPHERE_THUMBPRINT"] = string.Empty } },
    };

    [SkippableTheory]
    [MemberData(nameof(PinnedAndSkipped))]
    public void Skipping_the_certificate_check_with_a_pinned_thumbprint_is_refused(string name, string[] options, Dictionary<string, string> environment)
    {
        var (exit, stdout, stderr) = Run(new[] { "get-vsphere-vm", "--user", User }.Concat(options).ToArray(), environment: environment);

        Assert.True(exit == 2, $"{name}: exit {exit}: {stderr}");
        Assert.Empty(stdout);
        Assert.Contains("--skip-certificate-check", stderr);
        Assert.Contains(environment.Count == 0 ? "$VSPHERE_THUMBPRINT" : "--thumbprint", stderr);
        Assert.DoesNotContain("not checked", stderr);
    }

    [SkippableFact]
    public void A_SHA_256_thumbprint_pins_the_certificate_and_a_wrong_one_names_SHA_256()
    {
        var sha256 = VcsimServer.Sha256Thumbprint;
        var wrong = new string('0', 64);

        var (exit, _, stderr) = Run(new[] { "get-vsphere-datastore", "--user", User, "--thumbprint", sha256 });
        var (wrongExit, _, wrongErr) = Run(new[] { "get-vsphere-datastore", "--user", User, "--thumbprint", wrong });

        Assert.True(exit == 0, stderr);
        Assert.Equal(1, wrongExit);
        Assert.Contains("SHA-256 thumbprint " + sha256, wrongErr);
    }

    public static TheoryData<string, string> UsersHoldingPasswords => new()
    {
        { "user:password", "ops:S3cr3t-x" },
        { "user;password", "ops;S3cr3t-x" },
        { "user password", "ops S3cr3t-x" },
    };

    [SkippableTheory]
    [MemberData(nameof(UsersHoldingPasswords))]
    public void A_user_string_that_may_hold_a_password_is_never_echoed(string name, string user)
    {
        var (exit, stdout, stderr) = Run(new[] { "get-vsphere-vm", "--user", user, "--verbose" }, password: "wrong");

        Assert.True(exit == 1, $"{name}: exit {exit}: {stderr}");
        Assert.DoesNotContain("S3cr3t-x", stdout + stderr);
        Assert.Contains("refused the login of the given user name (not shown", stderr);
    }

    public static TheoryData<string, string, string> Capacities => new()
    {
        // name, --capacity, capacity created
        { "PowerShell's GB is 2^30 bytes", "2GB", "2Gi" },
        { "a number of bytes", "3221225472", "3Gi" },
        { "Kubernetes units", "512Mi", "512Mi" },
    };

    [SkippableTheory]
    [MemberData(nameof(Capacities))]
    public void Capacities_are_read_in_every_size_syntax(string name, string capacity, string created)
    {
        var path = $"[LocalDS_0] sizes/{created}.vmdk";
        var (exit, stdout, stderr) = Run(new[] { "new-vsphere-vmdk", "--user", User, "--path", path, "--capacity", capacity, "-o", "json" });

        Assert.True(exit == 0, $"{name}: {stderr}");
        Assert.Equal(created, JsonDocument.Parse(stdout).RootElement[0].GetProperty("capacity").GetString());
    }

    public static TheoryData<string, string, string> RefusedCapacities => new()
    {
        // name, --capacity, what the error says
        { "one byte", "1", "less than the smallest disk (1 MiB); give a unit, such as 1Gi or 1GB." },
        { "over 62 TB", "63TB", "more than 62 TB (62 TiB), the largest virtual disk VMFS holds" },
        { "more than the datastore's free space", "61TB", "free on datastore LocalDS_0; nothing was created" },
    };

    [SkippableTheory]
    [MemberData(nameof(RefusedCapacities))]
    public void Capacities_no_disk_can_have_are_refused_before_anything_is_created(string name, string capacity, string says)
    {
        var path = "[LocalDS_0] refused/disk.vmdk";
        var (exit, stdout, stderr) = Run(new[] { "new-vsphere-vmdk", "--user", User, "--path", path, "--capacity", capacity });
        var (_, datastores, _) = Run(new[] { "get-vsphere-datastore", "--user", User, "-o", "json" });

        Assert.True(exit == 2, $"{name}: exit {exit}: {stderr}");
        Assert.Contains(says, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        var url = JsonDocument.Parse(datastores).RootElement[0].GetProperty("url").GetString()!;
        Assert.False(Directory.Exists(Path.Combine(url, "refused")), $"{name}: the folder was created");
    }

    /// <summary>vcsim that accepts only one user and password.</summary>
    [SkippableFact]
    public void Lists_CNS_volumes_of_one_cluster_as_JSON_rows_with_the_issue_s_fields()
    {
        using (var connection = vcsim.Server.ConnectAsync(User, Password).GetAwaiter().GetResult())
        {
            VcsimCnsVolumes.CreateAsync(connection, "LocalDS_0", "cli-cluster", "pvc-cli", "apps/data-web-0").GetAwaiter().GetResult();
            VcsimCnsVolumes.CreateAsync(connection, "LocalDS_0", "cli-other", "pvc-other").GetAwaiter().GetResult();
        }

        var (exit, stdout, stderr) = Run(new[] { "get-cns-volume", "--user", User, "--cluster-id", "cli-cluster", "--pv", "pvc-*", "-o", "json" });

        Assert.True(exit == 0, stderr);
        var row = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray());
        Assert.Equal(("pvc-cli", "cli-cluster", "pvc-cli", "apps/data-web-0", "LocalDS_0", "1Gi"), (row.GetProperty("name").GetString(), row.GetProperty("clusterId").GetString(), row.GetProperty("pv").GetString(), row.GetProperty("claim").GetString(), row.GetProperty("datastore").GetString(), row.GetProperty("capacity").GetString()));
        Assert.Equal(36, row.GetProperty("volumeId").GetString()!.Length);
    }

    public sealed class Fixture : VcsimFixture
    {
        public Fixture()
            : base(Array.Empty<string>(), User, Password)
        {
        }
    }
}
