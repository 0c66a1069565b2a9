-- wrk script: the director's overview of a random month of 2026 (or quarter), per request.
--   wrk -t1 -c2 -d10s -s overview.lua http://127.0.0.1:PORT -- PATH AUTHORIZATION
-- PATH is /v1/kpi/overview (the service) or /api/kpi/v1/kpi/overview (through the gateway).
-- done() prints: RESULT rps=<req/s> p50_us=<µs> p95_us=<µs> requests=<n> non200=<n> socket_errors=<n>
local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("thread_no", counter)
   table.insert(threads, thread)
end

local path = "/v1/kpi/overview"
local headers = {}
non200 = 0

function init(args)
   path = args[1] or path
   if args[2] and #args[2] > 0 then headers["Authorization"] = args[2] end
   math.randomseed(os.time() * 1000 + (thread_no or 0))
end

function request()
   return wrk.format("GET", string.format("%s?period=2026-%02d", path, math.random(12)), headers)
end

function response(status, _, _)
   if status ~= 200 then
      non200 = non200 + 1
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do
      bad = bad + (thread:get("non200") or 0)
   end
   local e = summary.errors
   io.write(string.format("RESULT rps=%.1f p50_us=%d p95_us=%d requests=%d non200=%d socket_errors=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(95),
      summary.requests, bad, e.connect + e.read + e.write + e.timeout))
end
