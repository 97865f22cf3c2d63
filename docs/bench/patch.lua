-- wrk: PATCH roles, a real write each time. Each thread walks its own share
-- of the user ids in $IDS, adding a role on one pass and removing it on the next.
local ids, counter, thread_no, threads = {}, 0, 0, 1
local all = {}
for line in io.lines(os.getenv("IDS")) do all[#all + 1] = line end

local n = 0
function setup(thread)
  thread:set("thread_no", n)
  n = n + 1
end

function init(args)
  threads = tonumber(os.getenv("THREADS") or "2")
  for i, id in ipairs(all) do
    if (i - 1) % threads == thread_no then ids[#ids + 1] = id end
  end
end

function request()
  local id = ids[(counter % #ids) + 1]
  local add = math.floor(counter / #ids) % 2 == 0
  counter = counter + 1
  local body = add and '{"addRoles":["pbx.agentcontrol"]}' or '{"removeRoles":["pbx.agentcontrol"]}'
  return wrk.format("PATCH", os.getenv("USERS_PATH") .. "/" .. id,
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }, body)
end
