// Command govc-standin does, one process per call, what the seed guide's govc commands do, so the
// benchmark can measure the hand-run baseline on the same simulator (Debian ships govmomi but no govc):
//
//	govc-standin ls /DC0/vm                          # govc ls: one inventory path per line
//	govc-standin vm.change -vm PATH -e KEY=VALUE     # govc vm.change -e: one ReconfigVM_Task, waited on
//
// Like govc it reads GOVC_URL, GOVC_USERNAME, GOVC_PASSWORD and GOVC_INSECURE, logs in, finds the object
// through the inventory (a finder walk, several round trips) and logs out. It does not persist sessions
// between processes (govc does by default, trading Login/Logout for a session check of about the same cost).
package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: govc-standin ls PATH | vm.change -vm PATH -e KEY=VALUE...")
		os.Exit(2)
	}
	ctx := context.Background()
	var err error
	switch os.Args[1] {
	case "ls":
		err = withClient(ctx, func(c *govmomi.Client, f *find.Finder) error { return ls(ctx, f, os.Args[2:]) })
	case "vm.change":
		err = withClient(ctx, func(c *govmomi.Client, f *find.Finder) error { return vmChange(ctx, f, os.Args[2:]) })
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "govc-standin:", err)
		os.Exit(1)
	}
}

func withClient(ctx context.Context, body func(*govmomi.Client, *find.Finder) error) error {
	u, err := soap.ParseURL(os.Getenv("GOVC_URL"))
	if err != nil || u == nil {
		return fmt.Errorf("GOVC_URL: %v", err)
	}
	u.User = url.UserPassword(os.Getenv("GOVC_USERNAME"), os.Getenv("GOVC_PASSWORD"))
	client, err := govmomi.NewClient(ctx, u, os.Getenv("GOVC_INSECURE") == "1")
	if err != nil {
		return err
	}
	defer func() { _ = client.Logout(ctx) }()
	finder := find.NewFinder(client.Client, true)
	if dc, err := finder.DefaultDatacenter(ctx); err == nil {
		finder.SetDatacenter(dc)
	}
	return body(client, finder)
}

func ls(ctx context.Context, finder *find.Finder, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("ls takes one inventory path")
	}
	elements, err := finder.ManagedObjectListChildren(ctx, args[0])
	if err != nil {
		return err
	}
	for _, e := range elements {
		fmt.Println(e.Path)
	}
	return nil
}

func vmChange(ctx context.Context, finder *find.Finder, args []string) error {
	flags := flag.NewFlagSet("vm.change", flag.ContinueOnError)
	vmPath := flags.String("vm", "", "virtual machine inventory path or name")
	var extra []types.BaseOptionValue
	flags.Func("e", "KEY=VALUE extraConfig entry (repeatable)", func(v string) error {
		key, value, ok := strings.Cut(v, "=")
		if !ok {
			return fmt.Errorf("-e %q: want KEY=VALUE", v)
		}
		extra = append(extra, &types.OptionValue{Key: key, Value: value})
		return nil
	})
	if err := flags.Parse(args); err != nil {
		return err
	}
	vm, err := finder.VirtualMachine(ctx, *vmPath)
	if err != nil {
		return err
	}
	task, err := vm.Reconfigure(ctx, types.VirtualMachineConfigSpec{ExtraConfig: extra})
	if err != nil {
		return err
	}
	return task.Wait(ctx)
}
