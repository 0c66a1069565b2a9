-- wrk script: GET a random path from a file per request.
--   wrk -t2 -c8 -d10s -s paths.lua http://127.0.0.1:PORT -- PATHS_FILE [AUTHORIZATION]
-- PATHS_FILE holds one request path per line (already URL-encoded), e.g.
-- /api/clients/v1/companies:search?query=%D0%B2%D0%B5%D0%BA&pageSize=25. AUTHORIZATION, when
-- given, is sent as the Authorization header of every request (e.g. "Bearer eyJ...").
-- done() prints one parseable line:
--   RESULT rps=<req/s> p50_us=<µs> p95_us=<µs> requests=<n> non200=<n> socket_errors=<n>

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("thread_no", counter)
   table.insert(threads, thread)
end

local paths = {}
local headers = {}
non200 = 0

function init(args)
   local file = args[1] or error("usage: -- PATHS_FILE [AUTHORIZATION]")
   if args[2] and #args[2] > 0 then headers["Authorization"] = args[2] end
   for line in io.lines(file) do
      if #line > 0 then paths[#paths + 1] = line end
   end
   if #paths == 0 then error("no paths in " .. file) end
   math.randomseed(os.time() * 1000 + (thread_no or 0))
end

function request()
   return wrk.format("GET", paths[math.random(#paths)], headers)
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
   local socket_errors = e.connect + e.read + e.write + e.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format("RESULT rps=%.1f p50_us=%d p95_us=%d requests=%d non200=%d socket_errors=%d\n",
      summary.requests / seconds, latency:percentile(50), latency:percentile(95),
      summary.requests, bad, socket_errors))
end
