-- LVMCluster (LVM Storage): the operator writes status.state Progressing, Ready, Degraded or Failed and
-- status.ready, from its ResourcesAvailable and VolumeGroupsReady conditions (openshift/lvm-operator
-- api/v1alpha1/lvmcluster_types.go LVMStateType; internal/controllers/lvmcluster/lvmcluster_controller.go).
-- Healthy only when Ready on every node: then lvms-<deviceClass> can bind the VM disks of the next wave.
local hs = {status = "Progressing", message = "waiting for the volume groups"}
if obj.status == nil then
  return hs
end
local function reason()
  if obj.status.conditions ~= nil then
    for _, condition in ipairs(obj.status.conditions) do
      if condition.status == "False" and condition.message ~= nil then
        return condition.type .. ": " .. condition.message
      end
    end
  end
  return obj.status.state or ""
end
if obj.status.state == "Failed" or obj.status.state == "Degraded" then
  hs.status = "Degraded"
  hs.message = reason()
elseif obj.status.state == "Ready" and obj.status.ready == true then
  hs.status = "Healthy"
  hs.message = "volume groups ready"
elseif obj.status.state ~= nil then
  hs.message = reason()
end
return hs
