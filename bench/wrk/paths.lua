-- wrk: GET a random path of the file $BENCH_PATHS (one path per line) on every request.
-- usage: BENCH_PATHS=paths.txt wrk -t2 -c4 -d20s -s bench/wrk/paths.lua http://127.0.0.1:PORT
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local paths = {}

function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if line ~= "" then table.insert(paths, line) end
  end
  math.randomseed(os.time() * 100 + thread_id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
