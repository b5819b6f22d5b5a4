-- wrk script: password sign-in (Argon2id on a worker pool), the same account again and again,
-- each request from an address of its own (X-Forwarded-For; bench/run serves with --trust-proxy):
-- every answer is a real sign-in, never the per-client rate limit's 429, wherever the run falls in
-- the limit's minute.
wrk.method = "POST"
wrk.path = "/api/v1/auth/login"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"username":"%s","password":"%s"}', os.getenv("BENCH_USER"),
  os.getenv("BENCH_PASSWORD"))

local sent = 0

request = function()
  sent = sent + 1
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(sent / 65536) % 256,
    math.floor(sent / 256) % 256, sent % 256)
  return wrk.format()
end
