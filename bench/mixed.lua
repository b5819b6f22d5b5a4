-- wrk script: a member at work, with an authenticated session: mostly reads (queue, list, one
-- proposal, search), one write in ten (autosave of the member's own draft, BENCH_DRAFT).
-- The draft's version is not tracked, so the write answers 409 proposal.version_conflict after the
-- first one: that is still a full write path (the row is locked and compared), and is counted.
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
local draft = os.getenv("BENCH_DRAFT")
local detail = os.getenv("BENCH_DETAIL")
local n = 0
local reads = {
  "/api/v1/proposals/queues",
  "/api/v1/proposals?queue=my_proposals&page_size=20",
  "/api/v1/proposals/" .. detail,
  "/api/v1/proposals?q=%E5%81%9C%E8%BD%A6&page_size=20",
}
request = function()
  n = n + 1
  local headers = { ["Cookie"] = cookie, ["Accept"] = "application/json" }
  if n % 10 == 0 then
    headers["Content-Type"] = "application/json"
    headers["X-CSRF-Token"] = csrf
    return wrk.format("PATCH", "/api/v1/proposals/" .. draft, headers,
      '{"version": 1, "title": "关于优化社区停车管理的建议"}')
  end
  return wrk.format("GET", reads[(n % #reads) + 1], headers)
end
