// Command vcsim starts VMware's vCenter simulator (govmomi's simulator package, as Debian ships it) for
// the integration tests and benchmarks, on a loopback address only. The first line it prints is the SDK
// URL; it runs until SIGINT/SIGTERM (or until its standard input closes, with -exit-with-stdin).
//
// Debian packages the library but not upstream's vcsim command, so this is our own small launcher.
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path"
	"strings"
	"syscall"

	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/types"

	_ "github.com/vmware/govmomi/cns/simulator" // /vsanHealth (CNS)
	_ "github.com/vmware/govmomi/pbm/simulator" // /pbm (storage policies)
)

// repeated collects a flag given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

func main() {
	model := simulator.VPX()
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on (loopback only)")
	flag.IntVar(&model.Datacenter, "dc", model.Datacenter, "datacenters")
	flag.IntVar(&model.Cluster, "cluster", model.Cluster, "clusters per datacenter")
	flag.IntVar(&model.ClusterHost, "host", model.ClusterHost, "hosts per cluster")
	flag.IntVar(&model.Host, "standalone-host", model.Host, "standalone hosts per datacenter")
	flag.IntVar(&model.Machine, "vm", model.Machine, "virtual machines per resource pool (cluster and standalone host)")
	flag.IntVar(&model.Datastore, "ds", model.Datastore, "datastores")
	flag.IntVar(&model.Pod, "pod", model.Pod, "datastore clusters (StoragePods) per cluster")
	flag.IntVar(&model.Folder, "folder", model.Folder, "datacenters placed inside a folder")
	username := flag.String("username", "", "the only user that may log in (default: any non-empty user and password)")
	password := flag.String("password", "", "that user's password (default: $VCSIM_PASSWORD)")
	plainHTTP := flag.Bool("http", false, "serve plain HTTP instead of HTTPS")
	exitWithStdin := flag.Bool("exit-with-stdin", false, "exit when standard input reaches end of file (the parent went away)")
	var places, renames repeated
	flag.Var(&places, "place", "FOLDER=GLOB: create vm/FOLDER in each datacenter and move the VMs whose names match GLOB into it (repeatable)")
	flag.Var(&renames, "rename", "OLD=NEW: rename a VM after the model is built, e.g. to test names XML must escape (repeatable)")
	var more arrangements
	more.flags()
	flag.Parse()
	if more.version != "" {
		model.ServiceContent.About.Version = more.version
		model.ServiceContent.About.ApiVersion = more.version
		model.ServiceContent.About.FullName = "VMware vCenter Server " + more.version + " build-0 (simulated)"
	}

	if err := run(model, *listen, *username, *password, *plainHTTP, *exitWithStdin, places, renames, &more); err != nil {
		fmt.Fprintln(os.Stderr, "vcsim:", err)
		os.Exit(1)
	}
}

func run(model *simulator.Model, listen, username, password string, plainHTTP, exitWithStdin bool, places, renames []string, more *arrangements) error {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return fmt.Errorf("-listen %q: %v", listen, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-listen %q: refusing a non-loopback address; the simulator accepts any login and must not be reachable from other machines", listen)
	}
	if password == "" {
		password = os.Getenv("VCSIM_PASSWORD")
	}
	if (username == "") != (password == "") {
		return fmt.Errorf("-username and a password (-password or $VCSIM_PASSWORD) go together")
	}

	if err := model.Create(); err != nil {
		return err
	}
	defer model.Remove()
	if err := arrange(model, places, renames); err != nil {
		return err
	}
	if err := more.apply(model); err != nil {
		return err
	}

	model.Service.Listen = &url.URL{Host: listen}
	if username != "" {
		model.Service.Listen.User = url.UserPassword(username, password)
	}
	if !plainHTTP {
		model.Service.TLS = new(tls.Config) // the simulator's built-in self-signed certificate
	}
	model.Service.RegisterEndpoints = true
	server := model.Service.NewServer()
	defer server.Close()

	shown := *server.URL
	shown.User = nil
	fmt.Println(shown.String())
	os.Stdout.Sync()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	if exitWithStdin {
		go func() { _, _ = io.Copy(io.Discard, os.Stdin); stop <- syscall.SIGTERM }()
	}
	<-stop
	return nil
}

// arrange applies -place and -rename through an in-process client (no network, the simulator's own session).
func arrange(model *simulator.Model, places, renames []string) error {
	if len(places) == 0 && len(renames) == 0 {
		return nil
	}
	ctx := context.Background()
	client, err := vim25.NewClient(ctx, model.Service)
	if err != nil {
		return err
	}
	finder := find.NewFinder(client, false)
	wait := func(task *object.Task, err error) error {
		if err != nil {
			return err
		}
		return task.Wait(ctx)
	}

	for _, spec := range renames {
		old, name, ok := strings.Cut(spec, "=")
		if !ok {
			return fmt.Errorf("-rename %q: want OLD=NEW", spec)
		}
		vm, err := finder.VirtualMachine(ctx, "/*/vm/"+old)
		if err != nil {
			return fmt.Errorf("-rename %q: %v", spec, err)
		}
		if err := wait(vm.Rename(ctx, name)); err != nil {
			return err
		}
	}

	datacenters, err := finder.DatacenterList(ctx, "*")
	if err != nil {
		return err
	}
	for _, spec := range places {
		folderPath, glob, ok := strings.Cut(spec, "=")
		if !ok {
			return fmt.Errorf("-place %q: want FOLDER=GLOB", spec)
		}
		for _, dc := range datacenters {
			folders, err := dc.Folders(ctx)
			if err != nil {
				return err
			}
			vms, err := finder.VirtualMachineList(ctx, path.Join(dc.InventoryPath, "vm", glob))
			if err != nil {
				return fmt.Errorf("-place %q: %v", spec, err)
			}
			target := folders.VmFolder
			for _, part := range strings.Split(folderPath, "/") {
				next, err := finder.Folder(ctx, path.Join(target.InventoryPath, part))
				if err != nil {
					next, err = target.CreateFolder(ctx, part)
				}
				if err != nil {
					return err
				}
				next.InventoryPath = path.Join(target.InventoryPath, part)
				target = next
			}
			refs := make([]types.ManagedObjectReference, 0, len(vms))
			for _, vm := range vms {
				refs = append(refs, vm.Reference())
			}
			if err := wait(target.MoveInto(ctx, refs)); err != nil {
				return err
			}
		}
	}
	return nil
}
