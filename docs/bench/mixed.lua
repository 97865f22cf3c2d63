-- wrk: the work admins really do on users lists. Each request is drawn at
-- random: a list page of one of the tenants ($LISTS: their users paths, one
-- per line) with a search of some selectivity, an order, role and status
-- filters, sometimes a later page by cursor ($CURSORS, optional: lines of
-- "path?query<TAB>cursor" fetched beforehand); $MIX percent are role
-- patches, a real write each time (adding a role on one pass over the
-- thread's share of $IDS, user paths, removing it on the next). MIX=0:
-- reads only; MIX=100: patches only.
local ids, all, cursors, lists = {}, {}, {}, {}
local counter, thread_no, threads, mix = 0, 0, 2, 5
for line in io.lines(os.getenv("IDS")) do all[#all + 1] = line end
for line in io.lines(os.getenv("LISTS")) do lists[#lists + 1] = line end
if os.getenv("CURSORS") then
  for line in io.lines(os.getenv("CURSORS")) do
    local query, cursor = line:match("^(.-)\t(.+)$")
    if query then cursors[#cursors + 1] = { query, cursor } end
  end
end

local qs = { "", "", "", "", "a", "no", "novak", "ada", "ada novak", "emil sato", "user0", "2001", "tan", "bulk" }
local roles = { "", "", "", "", "customer.user", "user.admin", "pbx.agentcontrol", "customer.user.uc", "customer.user.acd" }
local statuses = { "", "", "", "", "", "active", "invited", "blocked" }
local sorts = { "name", "name", "-name", "email", "-email", "createdAt", "-createdAt" }

local function pick(list) return list[math.random(#list)] end

local n = 0
function setup(thread)
  thread:set("thread_no", n)
  n = n + 1
end

function init(args)
  threads = tonumber(os.getenv("THREADS") or "2")
  mix = tonumber(os.getenv("MIX") or "5")
  math.randomseed(os.time() * 100 + thread_no)
  for i, id in ipairs(all) do
    if (i - 1) % threads == thread_no then ids[#ids + 1] = id end
  end
end

local function headers()
  return { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
end

local function read_query()
  local parts = { "limit=50", "sort=" .. pick(sorts) }
  local q, role, status = pick(qs), pick(roles), pick(statuses)
  if q ~= "" then parts[#parts + 1] = "q=" .. q:gsub(" ", "+") end
  if role ~= "" then parts[#parts + 1] = "role=" .. role end
  if status ~= "" then parts[#parts + 1] = "status=" .. status end
  return table.concat(parts, "&")
end

function request()
  if math.random(100) <= mix then
    local id = ids[(counter % #ids) + 1]
    local add = math.floor(counter / #ids) % 2 == 0
    counter = counter + 1
    local body = add and '{"addRoles":["pbx.agentcontrol"]}' or '{"removeRoles":["pbx.agentcontrol"]}'
    return wrk.format("PATCH", id, headers(), body)
  end
  if #cursors > 0 and math.random(100) <= 20 then
    local later = pick(cursors)
    return wrk.format("GET", later[1] .. "&cursor=" .. later[2], headers())
  end
  return wrk.format("GET", pick(lists) .. "?" .. read_query(), headers())
end
