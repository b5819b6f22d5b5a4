-- wrk script: every request carries the session cookie of a signed-in account (BENCH_COOKIE).
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
wrk.headers["Accept"] = "application/json"
