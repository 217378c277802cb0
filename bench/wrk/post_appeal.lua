-- wrk: POST /api/v1/appeals with a new appeal (a GeoJSON Feature) on every request, at a random point of
-- the file $BENCH_POINTS (lines "lon lat category": addressed buildings of the town and an issue category).
-- usage: BENCH_POINTS=points.txt wrk -t2 -c8 -d60s -s bench/wrk/post_appeal.lua http://127.0.0.1:PORT
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local points = {}
local path = os.getenv("BENCH_POST_PATH") or "/api/v1/appeals"
local headers = {["Content-Type"] = "application/geo+json", ["Accept"] = "application/geo+json"}
local n = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_POINTS")) do
    local lon, lat, category = line:match("^(%S+) (%S+) (%S+)$")
    if lon then table.insert(points, {lon, lat, category}) end
  end
  math.randomseed(os.time() * 100 + thread_id)
end

function request()
  local p = points[math.random(#points)]
  n = n + 1
  local body = string.format(
    '{"type":"Feature","geometry":{"type":"Point","coordinates":[%s,%s]},' ..
    '"properties":{"kind":"issue","category":"%s","text":"Нагрузочный тест: яма на дороге у дома, ' ..
    'поток %d, запрос %d."}}', p[1], p[2], p[3], thread_id, n)
  return wrk.format("POST", path, headers, body)
end
