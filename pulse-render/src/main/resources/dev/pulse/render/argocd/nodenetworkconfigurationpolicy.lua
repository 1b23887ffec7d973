-- NMState reports Available/Degraded/Progressing conditions once every selected node applied the policy.
local hs = {status = "Progressing", message = "waiting for NodeNetworkConfigurationPolicy conditions"}
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Degraded" and condition.status == "True" then
      hs.status = "Degraded"
      hs.message = condition.message or condition.reason or "degraded"
      return hs
    end
    if condition.type == "Available" and condition.status == "True" then
      hs.status = "Healthy"
      hs.message = condition.message or "available"
    end
  end
end
return hs
