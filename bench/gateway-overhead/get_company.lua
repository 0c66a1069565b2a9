-- wrk script: GET <prefix><random company id> per request.
--   wrk -t2 -c32 -d10s -s get_company.lua http://127.0.0.1:PORT -- IDS_FILE PATH_PREFIX [AUTHORIZATION]
-- IDS_FILE holds one company id per line; PATH_PREFIX is e.g. /v1/companies/ (direct) or
-- /api/clients/v1/companies/ (through the gateway); AUTHORIZATION, when given, is sent as the
-- Authorization header of every request (e.g. "Bearer eyJ...").
-- done() prints one parseable line:
--   RESULT rps=<req/s> p50_us=<µs> p95_us=<µs> requests=<n> non200=<n> socket_errors=<n>

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("thread_no", counter)
   table.insert(threads, thread)
end

local ids = {}
local prefix = "/v1/companies/"
local headers = {}
non200 = 0

function init(args)
   local file = args[1] or error("usage: -- IDS_FILE PATH_PREFIX")
   prefix = args[2] or prefix
   if args[3] and #args[3] > 0 then headers["Authorization"] = args[3] end
   for line in io.lines(file) do
      if #line > 0 then ids[#ids + 1] = line end
   end
   if #ids == 0 then error("no ids in " .. file) end
   math.randomseed(os.time() * 1000 + (thread_no or 0))
end

function request()
   return wrk.format("GET", prefix .. ids[math.random(#ids)], headers)
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
