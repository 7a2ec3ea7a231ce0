-- wrk script of the benchmark: cycles through the request targets listed one per line in the file
-- named by the environment variable BENCH_TARGETS, each connection starting at a different
-- place, and prints the figures as one JSON line (prefixed "BENCH ") when done.
local targets = {}
local path = os.getenv("BENCH_TARGETS")
for line in io.lines(path) do
  if #line > 0 then targets[#targets + 1] = line end
end

local thread_no = 0
function setup(thread)
  thread:set("start", thread_no * 53)
  thread_no = thread_no + 1
end

local i = nil
function request()
  if i == nil then i = (start or 0) % #targets end
  i = i % #targets + 1
  return wrk.format("GET", targets[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "errors_connect": %d, ' ..
    '"errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
