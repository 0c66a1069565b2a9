-- wrk script: publishes KPI events to the pub/sub emulator's Dapr HTTP API, as producers' outbox
-- relays do, each event with its own CloudEvent id; the emulator delivers them to the KPI service's
-- subscription routes (inbox -> facts -> daily projection).
--   wrk -t2 -c8 -d10s -s ingest.lua http://127.0.0.1:EMULATOR_HTTP -- RUN_TAG MANAGERS BULK
-- BULK = 1: one event per request, POST /v1.0/publish/pubsub/{topic}?metadata.cloudevent.id=ID.
-- BULK > 1: Dapr's bulk publish, POST /v1.0-alpha1/publish/bulk/pubsub/{topic}, BULK entries of one
--   topic per request, each entry a whole CloudEvent (contentType application/cloudevents+json, so
--   its id is kept). The KPI subscribes in bulk (Dapr bulkSubscribe): the emulator hands it what
--   arrives together, up to its maxMessagesCount per delivery.
-- Mix per event (per request when BULK > 1): 50 % call-logged, 10 % meeting-held, 15 % deal-created,
-- 15 % deal-stage-changed, 5 % deal-won, 5 % invoice-paid; a random manager of MANAGERS, a random
-- moment of 2026.
-- done() prints: RESULT rps=<requests/s> requests=<n> non2xx=<n> socket_errors=<n>

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("thread_no", counter)
   table.insert(threads, thread)
end

local tag = "run"
local managers = 50
local bulk = 1
local n = 0
local year_start = 1767225600 -- 2026-01-01T00:00:00Z
bad = 0

function init(args)
   tag = args[1] or tag
   managers = tonumber(args[2] or "50")
   bulk = tonumber(args[3] or "1")
   math.randomseed(os.time() * 1000 + (thread_no or 0))
end

local function uuid()
   return string.format("%08x-%04x-4%03x-8%03x-%06x%06x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
      math.random(0, 0xfff), math.random(0, 0xfff), math.random(0, 0xffffff), math.random(0, 0xffffff))
end

local function at(seconds)
   return os.date("!%Y-%m-%dT%H:%M:%SZ", seconds)
end

local pipelines = { "6b1f0c1e-0000-4000-8000-000000000001", "6b1f0c1e-0000-4000-8000-000000000002" }
local stages = { "5a000000-0000-4000-8000-000000000001", "5a000000-0000-4000-8000-000000000002",
   "5a000000-0000-4000-8000-000000000003", "5a000000-0000-4000-8000-000000000004" }

local function pick_topic()
   local r = math.random(100)
   if r <= 50 then return "scheduling.call-logged"
   elseif r <= 60 then return "scheduling.meeting-held"
   elseif r <= 75 then return "clients.deal-created"
   elseif r <= 90 then return "clients.deal-stage-changed"
   elseif r <= 95 then return "clients.deal-won"
   else return "documents.invoice-paid" end
end

-- The event's data (JSON) for a topic: a random manager, a random moment of 2026.
local function event_data(topic)
   n = n + 1
   local m = math.random(managers)
   local owner = string.format("bench-manager-%02d", m)
   local team = string.format("bench-team-%d", (m - 1) % 8 + 1)
   local t = year_start + math.random(0, 365 * 86400 - 3600)
   if topic == "scheduling.call-logged" then
      return string.format('{"itemId":"%s","ownerUserId":"%s","completedBy":"%s","companyId":"%s","startsAt":"%s","endsAt":"%s","result":"call","occurredAt":"%s"}',
         uuid(), owner, owner, uuid(), at(t), at(t + 300), at(t + 300))
   elseif topic == "scheduling.meeting-held" then
      return string.format('{"itemId":"%s","ownerUserId":"%s","completedBy":"%s","companyId":"%s","startsAt":"%s","endsAt":"%s","result":"ok","occurredAt":"%s"}',
         uuid(), owner, owner, uuid(), at(t), at(t + 3600), at(t + 3600))
   elseif topic == "clients.deal-created" then
      return string.format('{"dealId":"%s","companyId":"%s","title":"Bench deal","pipelineId":"%s","stageId":"%s","ownerUserId":"%s","teamId":"%s","amount":%d,"currency":"RUB","occurredAt":"%s"}',
         uuid(), uuid(), pipelines[math.random(2)], stages[1], owner, team, math.random(1000, 500000), at(t))
   elseif topic == "clients.deal-stage-changed" then
      local s = math.random(3)
      return string.format('{"dealId":"%s","companyId":"%s","pipelineId":"%s","fromStageId":"%s","toStageId":"%s","ownerUserId":"%s","teamId":"%s","amount":1000,"currency":"RUB","occurredAt":"%s"}',
         uuid(), uuid(), pipelines[math.random(2)], stages[s], stages[s + 1], owner, team, at(t))
   elseif topic == "clients.deal-won" then
      return string.format('{"dealId":"%s","companyId":"%s","occurredAt":"%s","pipelineId":"%s","ownerUserId":"%s","teamId":"%s","amount":%d,"currency":"RUB","dealCreatedAt":"%s"}',
         uuid(), uuid(), at(t), pipelines[math.random(2)], owner, team, math.random(1000, 500000), at(t - 20 * 86400))
   end
   return string.format('{"documentId":"%s","number":"INV-%d","companyId":"%s","ownerUserId":"%s","amount":%d,"currency":"RUB","paidOn":"%s","occurredAt":"%s"}',
      uuid(), n, uuid(), owner, math.random(1000, 500000), os.date("!%Y-%m-%d", t), at(t))
end

local function event_id()
   return string.format("%s-%d-%d", tag, thread_no or 0, n)
end

function request()
   local topic = pick_topic()
   if bulk <= 1 then
      local body = event_data(topic)
      return wrk.format("POST", "/v1.0/publish/pubsub/" .. topic .. "?metadata.cloudevent.id=" .. event_id(),
         { ["Content-Type"] = "application/json" }, body)
   end
   local entries = {}
   for i = 1, bulk do
      local data = event_data(topic)
      local id = event_id()
      entries[i] = string.format('{"entryId":"%d","contentType":"application/cloudevents+json","event":{"specversion":"1.0","id":"%s","source":"bench","type":"com.dapr.event.sent","topic":"%s","pubsubname":"pubsub","datacontenttype":"application/json","data":%s}}',
         i, id, topic, data)
   end
   return wrk.format("POST", "/v1.0-alpha1/publish/bulk/pubsub/" .. topic,
      { ["Content-Type"] = "application/json" }, "[" .. table.concat(entries, ",") .. "]")
end

function response(status, _, _)
   if status < 200 or status > 299 then
      bad = bad + 1
   end
end

function done(summary, latency, requests)
   local total_bad = 0
   for _, thread in ipairs(threads) do
      total_bad = total_bad + (thread:get("bad") or 0)
   end
   local e = summary.errors
   io.write(string.format("RESULT rps=%.1f requests=%d non2xx=%d socket_errors=%d\n",
      summary.requests / (summary.duration / 1e6), summary.requests, total_bad, e.connect + e.read + e.write + e.timeout))
end
