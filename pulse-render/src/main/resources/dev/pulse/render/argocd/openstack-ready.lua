-- openstack-k8s-operators resources (OpenStack, OpenStackControlPlane, OpenStackDataPlaneNodeSet,
-- OpenStackDataPlaneDeployment) report lib-common conditions (lib-common modules/common/condition): Ready is True
-- once everything below it is; while work goes on it is False with severity Info or Warning, and a failure sets it
-- False with severity Error (docs/assemblies/ref_data-plane-conditions-and-states.adoc). A status written for an
-- older generation says nothing about the current spec.
local hs = {status = "Progressing", message = "waiting for the Ready condition"}
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
if obj.status.observedGeneration ~= nil and obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation then
  hs.message = "the operator has not yet seen generation " .. obj.metadata.generation
  return hs
end
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Ready" then
    if condition.status == "True" then
      hs.status = "Healthy"
      hs.message = condition.message or "ready"
    elseif condition.severity == "Error" then
      hs.status = "Degraded"
      hs.message = (condition.reason or "Error") .. ": " .. (condition.message or "")
    else
      hs.message = (condition.reason or "NotReady") .. ": " .. (condition.message or "")
    end
    return hs
  end
end
return hs
