-- Overrides Argo CD's built-in check to be stricter where a wave must not pass: a policy that matches no
-- node yet (Pulse's hosts get their labels from NFD) has built nothing, so it is Progressing, not Healthy
-- (kubernetes-nmstate before v0.85 sets Available=True with reason NoMatchingNode) nor Suspended (v0.85+
-- sets Ignored=True: pkg/policyconditions/conditions.go SetPolicyNotMatching). Otherwise as Argo CD's own
-- (resource_customizations/nmstate.io/NodeNetworkConfigurationPolicy/health.lua).
local hs = {status = "Progressing", message = "Waiting for policy to be applied"}
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.status == "True" then
      local msg = condition.reason
      if condition.message ~= nil and condition.message ~= "" then
        msg = condition.reason .. ": " .. condition.message
      end
      if condition.reason == "NoMatchingNode" or condition.type == "Ignored" then
        hs.status = "Progressing"
        hs.message = "NoMatchingNode: no node carries the policy's labels yet"
        return hs
      end
      if condition.type == "Available" then
        hs.status = "Healthy"
        hs.message = msg
        return hs
      end
      if condition.type == "Degraded" then
        hs.status = "Degraded"
        hs.message = msg
        return hs
      end
      if condition.type == "Progressing" then
        hs.status = "Progressing"
        hs.message = msg
        return hs
      end
    end
  end
end
return hs
