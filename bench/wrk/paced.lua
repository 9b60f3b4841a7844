-- A paced load for the soak test: like request.lua, but each wrk thread sends at a fixed rate instead of as fast
-- as it can (the constant-throughput idea of wrk2, which Debian does not package). Each thread keeps its own
-- schedule of send times, one every threads/rate seconds; delay() holds a connection until the next slot. wrk only
-- delays in whole milliseconds, so sends cluster per millisecond, but the rate over any second is the target.
--
--   wrk -t T ... -s bench/wrk/paced.lua URL -- rate=REQUESTS_PER_SECOND threads=T [method=...] [body=...] [token_file=...]
--
-- With token_file, the bearer token is re-read every 5 s (tokens expire during a 10-minute soak).
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
local token_file = nil
local token = nil
local request_text = nil
local reread_at = 0

local function read_token()
   local ok, data = pcall(report.read_file, token_file)
   if not ok then return token end
   return (string.gsub(data, "%s+$", ""))
end

local function build()
   if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
   request_text = wrk.format()
end

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
   wrk.headers["Accept"] = "application/json"
   token_file = opts.token_file
   if token_file then token = read_token() end
   build()
end

-- Access tokens are short-lived (minutes), and a soak runs longer: bench/run.sh renews the token file while the
-- soak runs, and each thread re-reads it every few seconds and rebuilds its request when it changed.
function request()
   if token_file then
      local now = now_ms()
      if now >= reread_at then
         reread_at = now + 5000
         local t = read_token()
         if t ~= token then token = t; build() end
      end
   end
   return request_text
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
