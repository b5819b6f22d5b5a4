-- wrk script: password sign-in (Argon2id on a worker pool), the same account again and again.
wrk.method = "POST"
wrk.path = "/api/v1/auth/login"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"username":"%s","password":"%s"}', os.getenv("BENCH_USER"),
  os.getenv("BENCH_PASSWORD"))
