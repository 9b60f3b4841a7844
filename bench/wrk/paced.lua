-- A paced load for the soak test: like request.lua, but each wrk thread sends at a fixed rate instead of as fast
-- as it can (the constant-throughput idea of wrk2, which Debian does not package). Each thread keeps its own
-- schedule of send times, one every threads/rate seconds; delay() holds a connection until the next slot. wrk only
-- delays in whole milliseconds, so sends cluster per millisecond, but the rate over any second is the target.
--
--   wrk -t T ... -s bench/wrk/paced.lua URL -- rate=REQUESTS_PER_SECOND threads=T [method=...] [body=...] [token_file=...]
--
-- Latency here is measured from the actual send, not the scheduled one (no coordinated-omission correction), so
-- use the soak for memory and stability, and the main benchmark for latency.

local report = dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/report.lua")
local ffi = require("ffi")

ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
   ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
   return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval_ms = nil
local next_ms = nil

function init(args)
   local opts = report.parse_args(args)
   local rate = tonumber(opts.rate)
   local threads = tonumber(opts.threads) or 1
   if not rate or rate <= 0 then error("paced.lua needs rate=REQUESTS_PER_SECOND") end
   interval_ms = 1000 * threads / rate
   if opts.method then wrk.method = opts.method end
   if opts.body then
      wrk.body = report.read_file(opts.body)
      wrk.headers["Content-Type"] = opts.content_type or "application/json"
   end
   if opts.token_file then
      local token = string.gsub(report.read_file(opts.token_file), "%s+$", "")
      if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
   end
   wrk.headers["Accept"] = "application/json"
end

function delay()
   local now = now_ms()
   if next_ms == nil or next_ms < now - 1000 then
      next_ms = now -- start, or resynchronise after a stall of more than a second (do not burst to catch up)
   end
   next_ms = next_ms + interval_ms
   local wait = next_ms - now
   if wait < 1 then return 0 end
   return math.floor(wait)
end

done = report.done
