package main

import (
	"context"
	"flag"
	"fmt"
	"path"
	"strings"

	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// arrangements are the states a rollout preflight must recognise, set up after the model is built: VMs at
// another hardware version or with a given BIOS UUID (duplicates allowed, as cloned templates have), a
// datastore not mounted on some hosts, roles and permissions, and the vCenter version the server reports.
type arrangements struct {
	version                                      string
	hardware, uuids, unmounts, roles, permission repeated
}

func (a *arrangements) flags() {
	flag.StringVar(&a.version, "about-version", "", "the vCenter version and API version to report instead of 6.5, e.g. 7.0.3")
	flag.Var(&a.hardware, "hardware-version", "GLOB=vmx-NN: set the hardware version of the VMs whose names match GLOB (repeatable)")
	flag.Var(&a.uuids, "bios-uuid", "GLOB=UUID: set the BIOS UUID (config.uuid) of the VMs whose names match GLOB (repeatable)")
	flag.Var(&a.unmounts, "unmount", "DATASTORE=HOSTGLOB: the datastore is not mounted on the hosts whose names match HOSTGLOB (repeatable)")
	flag.Var(&a.roles, "role", "NAME=PRIV,PRIV: add a role with these privileges (repeatable)")
	flag.Var(&a.permission, "permission", "PRINCIPAL=ROLE@INVENTORYPATH[!]: give the principal the role on the object; a trailing ! propagates (repeatable)")
}

func (a *arrangements) apply(model *simulator.Model) error {
	if len(a.hardware)+len(a.uuids)+len(a.unmounts)+len(a.roles)+len(a.permission) == 0 {
		return nil
	}
	ctx := context.Background()
	client, err := vim25.NewClient(ctx, model.Service)
	if err != nil {
		return err
	}
	finder := find.NewFinder(client, false)
	reconfigure := func(flagName, spec string, change func(value string, config *types.VirtualMachineConfigSpec)) error {
		glob, value, ok := strings.Cut(spec, "=")
		if !ok {
			return fmt.Errorf("-%s %q: want GLOB=VALUE", flagName, spec)
		}
		vms, err := finder.VirtualMachineList(ctx, "/*/vm/"+glob)
		if err != nil {
			return fmt.Errorf("-%s %q: %v", flagName, spec, err)
		}
		for _, vm := range vms {
			var config types.VirtualMachineConfigSpec
			change(value, &config)
			task, err := vm.Reconfigure(ctx, config)
			if err != nil {
				return err
			}
			if err := task.Wait(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	for _, spec := range a.hardware {
		if err := reconfigure("hardware-version", spec, func(v string, c *types.VirtualMachineConfigSpec) { c.Version = v }); err != nil {
			return err
		}
	}
	for _, spec := range a.uuids {
		if err := reconfigure("bios-uuid", spec, func(v string, c *types.VirtualMachineConfigSpec) { c.Uuid = v }); err != nil {
			return err
		}
	}
	for _, spec := range a.unmounts {
		name, hostGlob, ok := strings.Cut(spec, "=")
		if !ok {
			return fmt.Errorf("-unmount %q: want DATASTORE=HOSTGLOB", spec)
		}
		if err := unmount(name, hostGlob); err != nil {
			return fmt.Errorf("-unmount %q: %v", spec, err)
		}
	}
	authz := object.NewAuthorizationManager(client)
	for _, spec := range a.roles {
		name, privileges, ok := strings.Cut(spec, "=")
		if !ok {
			return fmt.Errorf("-role %q: want NAME=PRIV,PRIV", spec)
		}
		if _, err := authz.AddRole(ctx, name, strings.Split(privileges, ",")); err != nil {
			return fmt.Errorf("-role %q: %v", spec, err)
		}
	}
	// SetEntityPermissions replaces an entity's whole list in the simulator: gather them per entity first.
	byEntity := map[types.ManagedObjectReference][]types.Permission{}
	var order []types.ManagedObjectReference
	for _, spec := range a.permission {
		principal, rest, ok := strings.Cut(spec, "=")
		roleName, inventoryPath, ok2 := strings.Cut(rest, "@")
		if !ok || !ok2 {
			return fmt.Errorf("-permission %q: want PRINCIPAL=ROLE@INVENTORYPATH[!]", spec)
		}
		propagate := strings.HasSuffix(inventoryPath, "!")
		inventoryPath = strings.TrimSuffix(inventoryPath, "!")
		roles, err := authz.RoleList(ctx)
		if err != nil {
			return err
		}
		role := roles.ByName(roleName)
		if role == nil {
			return fmt.Errorf("-permission %q: no role %q", spec, roleName)
		}
		var entity types.ManagedObjectReference
		if inventoryPath == "/" {
			entity = client.ServiceContent.RootFolder
		} else {
			found, err := finder.ManagedObjectList(ctx, inventoryPath)
			if err != nil || len(found) != 1 {
				return fmt.Errorf("-permission %q: %d objects at %s (%v)", spec, len(found), inventoryPath, err)
			}
			entity = found[0].Object.Reference()
		}
		if _, seen := byEntity[entity]; !seen {
			existing, err := authz.RetrieveEntityPermissions(ctx, entity, false)
			if err != nil {
				return err
			}
			byEntity[entity] = existing
			order = append(order, entity)
		}
		byEntity[entity] = append(byEntity[entity], types.Permission{Entity: &entity, Principal: principal, RoleId: role.RoleId, Propagate: propagate})
	}
	for _, entity := range order {
		if err := authz.SetEntityPermissions(ctx, entity, byEntity[entity]); err != nil {
			return err
		}
	}
	return nil
}

// unmount takes the datastore out of the matching hosts' datastore lists and makes the datastore's host
// list name exactly the hosts that still mount it (the model leaves only the last host there).
func unmount(name, hostGlob string) error {
	var datastore *simulator.Datastore
	for _, entity := range simulator.Map.All("Datastore") {
		if ds, ok := entity.(*simulator.Datastore); ok && ds.Name == name {
			datastore = ds
		}
	}
	if datastore == nil {
		return fmt.Errorf("no datastore %q", name)
	}
	var mounts []types.DatastoreHostMount
	for _, entity := range simulator.Map.All("HostSystem") {
		host := entity.(*simulator.HostSystem)
		if matched, _ := path.Match(hostGlob, host.Name); matched {
			simulator.Map.RemoveReference(host, &host.Datastore, datastore.Self)
			continue
		}
		for _, ref := range host.Datastore {
			if ref == datastore.Self {
				mounts = append(mounts, types.DatastoreHostMount{Key: host.Self, MountInfo: types.HostMountInfo{AccessMode: "readWrite", Mounted: types.NewBool(true), Accessible: types.NewBool(true)}})
			}
		}
	}
	simulator.Map.WithLock(datastore, func() { datastore.Host = mounts })
	var _ mo.Reference = datastore
	return nil
}
