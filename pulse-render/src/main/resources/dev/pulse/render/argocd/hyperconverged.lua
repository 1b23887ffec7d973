-- HyperConverged reports Available/Progressing/Degraded conditions; healthy once available and settled.
local hs = {status = "Progressing", message = "waiting for HyperConverged conditions"}
if obj.status ~= nil and obj.status.conditions ~= nil then
  local available, progressing, degraded
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Available" then available = condition end
    if condition.type == "Progressing" then progressing = condition end
    if condition.type == "Degraded" then degraded = condition end
  end
  if degraded ~= nil and degraded.status == "True" then
    hs.status = "Degraded"
    hs.message = degraded.message or degraded.reason or "degraded"
  elseif available ~= nil and available.status == "True" and (progressing == nil or progressing.status == "False") then
    hs.status = "Healthy"
    hs.message = available.message or "available"
  elseif progressing ~= nil and progressing.message ~= nil then
    hs.message = progressing.message
  end
end
return hs
