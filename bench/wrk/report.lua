-- Shared by the bench's wrk scripts (loaded with dofile): counts the responses by HTTP status in each
-- thread and, when the run is over, prints one line "BENCH_JSON {...}" that bench/load.py reads.
-- Latencies are wrk's (closed loop: a connection sends its next request when the answer is in), in ms.
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

statuses = {}

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d":%d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_s":%.3f,"bytes":%d,"latency_ms":{"p50":%.3f,"p95":%.3f,"p99":%.3f,' ..
    '"max":%.3f,"mean":%.3f},"statuses":{%s},"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d}}\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, latency.mean / 1e3, table.concat(parts, ","),
    e.connect, e.read, e.write, e.timeout))
end
