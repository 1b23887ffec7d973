-- A MachineConfigPool is done when every node it selects runs the rendered config it asks for
-- (openshift/machine-config-operator pkg/controller/node status: machineCount, updatedMachineCount,
-- conditions Updated/Updating/Degraded/NodeDegraded/RenderDegraded). A pool with no node yet is waiting for
-- the labels NFD gives its hosts, so it is Progressing, not Healthy: host config must land before later waves.
local hs = {status = "Progressing", message = "waiting for MachineConfigPool status"}
if obj.status == nil then
  return hs
end
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if (condition.type == "Degraded" or condition.type == "NodeDegraded" or condition.type == "RenderDegraded") and condition.status == "True" then
      hs.status = "Degraded"
      hs.message = condition.type .. ": " .. (condition.message or condition.reason or "")
      return hs
    end
  end
end
local machines = obj.status.machineCount or 0
if machines == 0 then
  hs.message = "no node selected yet"
  return hs
end
local updated = false
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Updated" and condition.status == "True" then updated = true end
  end
end
local current = obj.spec ~= nil and obj.spec.configuration ~= nil and obj.status.configuration ~= nil
  and obj.spec.configuration.name == obj.status.configuration.name
if updated and current and obj.status.updatedMachineCount == machines then
  hs.status = "Healthy"
  hs.message = "all " .. machines .. " nodes updated"
else
  hs.message = (obj.status.updatedMachineCount or 0) .. " of " .. machines .. " nodes updated"
end
return hs
