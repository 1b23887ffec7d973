-- Argo CD dropped the Application health check from its defaults in v1.8; without it the app of apps
-- does not wait for one wave's Applications before syncing the next.
local hs = {status = "Progressing", message = ""}
if obj.status ~= nil and obj.status.health ~= nil then
  hs.status = obj.status.health.status
  if obj.status.health.message ~= nil then
    hs.message = obj.status.health.message
  end
end
return hs
