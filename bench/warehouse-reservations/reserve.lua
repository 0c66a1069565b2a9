-- wrk script: POST /v1/warehouse/reservations for 1 unit of a random product per request.
--   wrk -t2 -c32 -d10s -s reserve.lua http://127.0.0.1:PORT -- PRODUCTS_FILE WAREHOUSE_ID AUTHORIZATION
-- done() prints: RESULT rps=<ok req/s> p50_us=<µs> p95_us=<µs> requests=<n> ok=<n> refused=<n> other=<n> socket_errors=<n>
local threads = {}
local counter = 0
function setup(thread)
   counter = counter + 1
   thread:set("thread_no", counter)
   table.insert(threads, thread)
end

local products = {}
local warehouse = ""
local headers = { ["Content-Type"] = "application/json" }
ok, refused, other = 0, 0, 0

function init(args)
   for line in io.lines(args[1]) do
      if #line > 0 then products[#products + 1] = line end
   end
   warehouse = args[2]
   headers["Authorization"] = args[3]
   math.randomseed(os.time() * 1000 + (thread_no or 0))
end

local function deal()
   return string.format("%08x-%04x-4%03x-8%03x-%012x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
      math.random(0, 0xfff), math.random(0, 0xfff), math.random(0, 0x7fffffff))
end

function request()
   local body = string.format('{"dealId":"%s","warehouseId":"%s","lines":[{"productId":"%s","quantity":"1"}]}',
      deal(), warehouse, products[math.random(#products)])
   return wrk.format("POST", "/v1/warehouse/reservations", headers, body)
end

function response(status, _, _)
   if status == 200 then ok = ok + 1
   elseif status == 400 then refused = refused + 1
   else other = other + 1 end
end

function done(summary, latency, requests)
   local o, r, x = 0, 0, 0
   for _, thread in ipairs(threads) do
      o = o + (thread:get("ok") or 0); r = r + (thread:get("refused") or 0); x = x + (thread:get("other") or 0)
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format("RESULT rps=%.1f p50_us=%d p95_us=%d requests=%d ok=%d refused=%d other=%d socket_errors=%d\n",
      o / seconds, latency:percentile(50), latency:percentile(95), summary.requests, o, r, x,
      e.connect + e.read + e.write + e.timeout))
end
