-- The GPU Operator's ClusterPolicy: status.state is ready once every operand runs; conditions Ready and
-- Error (NVIDIA/gpu-operator internal/conditions/clusterpolicy.go: SetConditionsError sets Error=True with
-- reason ReconcileFailed or OperandNotReady). Error is Degraded, so the sync fails and retries visibly.
local hs = {status = "Progressing", message = "waiting for ClusterPolicy state"}
if obj.status == nil then
  return hs
end
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Error" and condition.status == "True" then
      hs.status = "Degraded"
      hs.message = (condition.reason or "Error") .. ": " .. (condition.message or "")
      return hs
    end
  end
end
if obj.status.state == "ready" then
  hs.status = "Healthy"
  hs.message = "ClusterPolicy is ready"
elseif obj.status.state ~= nil then
  hs.message = "ClusterPolicy state: " .. obj.status.state
end
return hs
