-- wrk script: POST a Clockify "timer started" event, each request its own time entry (so dedupe keeps all).
-- Pass a run name after "--" so two runs never repeat an id.
local counter = 0
local thread_id = 0
local run = "run"
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tid
  run = args[1] or "run"
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Clockify-Webhook-Event-Type"] = "NEW_TIMER_STARTED"
wrk.headers["Clockify-Signature"] = "bench-token"

function request()
  counter = counter + 1
  -- which of 100 destinations (bench/spread/clockify-spread.camel.yaml; /clockify does not read it): round robin
  wrk.headers["X-Bench-Lane"] = tostring((counter + thread_id * 50) % 100)
  local body = '{"id":"' .. run .. '-' .. thread_id .. '-' .. counter .. '","description":"Benchmark","currentlyRunning":true,' ..
    '"timeInterval":{"start":"2024-05-21T01:00:00Z"},"project":{"name":"Website","clientName":"Acme"},' ..
    '"user":{"name":"Hanako Yamada"}}'
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d non2xx=%d seconds=%.2f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, non2xx, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
