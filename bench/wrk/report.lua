-- Shared by the benchmark's wrk scripts: parses "key=value" script arguments and prints one machine-readable
-- result line when the run ends. Latencies are reported in milliseconds, as wrk measures them (microseconds).

local report = {}

function report.parse_args(args)
   local opts = {}
   for _, a in ipairs(args or {}) do
      local k, v = string.match(a, "^([%w_]+)=(.*)$")
      if k then opts[k] = v end
   end
   return opts
end

function report.read_file(path)
   local f, err = io.open(path, "rb")
   if not f then error("cannot read " .. path .. ": " .. tostring(err)) end
   local data = f:read("*a")
   f:close()
   return data
end

local function ms(us) return string.format("%.3f", us / 1000) end

-- wrk calls done() once, in the main thread, after every thread has stopped.
function report.done(summary, latency, requests)
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      'BENCH_RESULT {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,' ..
      '"p50_ms":%s,"p90_ms":%s,"p99_ms":%s,"p999_ms":%s,"max_ms":%s,"mean_ms":%s,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
      summary.requests, seconds, summary.requests / seconds, summary.bytes,
      ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
      ms(latency:percentile(99.9)), ms(latency.max), ms(latency.mean),
      e.connect, e.read, e.write, e.status, e.timeout))
end

return report
