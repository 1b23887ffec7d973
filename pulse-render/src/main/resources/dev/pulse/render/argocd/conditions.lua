-- Operator instances that report Available/Progressing/Degraded conditions: NMState (kubernetes-nmstate
-- api/shared/nmstate_types.go), NodeFeatureDiscovery (cluster-nfd-operator internal/status/status.go) and
-- PerformanceProfile (cluster-node-tuning-operator pkg/performanceprofile/controller/performanceprofile/status) and
-- LocalVolume (openshift/local-storage-operator pkg/controllers/localvolume: Available=True "Ready" once its
-- diskmaker runs; no Progressing condition).
-- Healthy once Available and no longer Progressing; Degraded fails the sync so it retries visibly.
local hs = {status = "Progressing", message = "waiting for conditions"}
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local available, progressing
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Degraded" and condition.status == "True" then
    hs.status = "Degraded"
    hs.message = (condition.reason or "Degraded") .. ": " .. (condition.message or "")
    return hs
  end
  if condition.type == "Available" then available = condition end
  if condition.type == "Progressing" then progressing = condition end
end
if available ~= nil and available.status == "True" and (progressing == nil or progressing.status ~= "True") then
  hs.status = "Healthy"
  hs.message = available.message or available.reason or "available"
elseif progressing ~= nil and progressing.status == "True" then
  hs.message = (progressing.reason or "Progressing") .. ": " .. (progressing.message or "")
end
return hs
