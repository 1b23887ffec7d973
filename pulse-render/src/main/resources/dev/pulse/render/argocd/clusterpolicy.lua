-- The GPU Operator's ClusterPolicy reports status.state: ready once every operand is up.
local hs = {status = "Progressing", message = "waiting for ClusterPolicy state"}
if obj.status ~= nil and obj.status.state ~= nil then
  if obj.status.state == "ready" then
    hs.status = "Healthy"
    hs.message = "ClusterPolicy is ready"
  else
    hs.message = "ClusterPolicy state: " .. obj.status.state
  end
end
return hs
