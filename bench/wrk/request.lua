-- The benchmark's request: GET by default, or a POST of a JSON body read from a file; optionally with a bearer
-- token read from a file (obtained from the gateway's /oauth2/token by bench/run.sh just before the run, so the
-- token never appears on a command line). The request is built once per thread (no request() function), so the
-- script adds no per-request Lua work to the load generator.
--
--   wrk ... -s bench/wrk/request.lua URL -- [method=POST] [body=FILE] [content_type=application/json] [token_file=FILE]
--
-- BENCH_WRK_DIR must name this directory (bench/run.sh sets it).

local report = dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/report.lua")

function init(args)
   local opts = report.parse_args(args)
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

done = report.done
