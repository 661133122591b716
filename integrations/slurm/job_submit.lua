--[[
computegov admission for Slurm (job_submit/lua plugin; JobSubmitPlugins=lua in slurm.conf, this file beside it).

Every job that asks for GPUs is sent to the computegov admission service before Slurm accepts it: the job's chips
x time limit is pre-charged against its licence's released compute budget, or, without a licence, checked against
the de-minimis size. A refused job is rejected at sbatch/srun/salloc time with the service's reason, shown to the
user through slurm.log_user ("requested vs available", in FLOP and chip-hours). Jobs without GPUs are not sent.

The job names its licence in its comment: sbatch --comment=licence=L-2026-001 (or license=...). An admitted,
licensed job gets the WCKey "cgov-<ref>", which cgov-slurm-collect reports with the job's elapsed time so that its
pre-charge settles (the unused part returns to the licence).

Settings: the table below, overridden by cgov-admission.conf.lua beside this file (a Lua chunk returning a table).
Decisions that hold no budget (refusals, de-minimis and no-licence allowances) are cached for cache_seconds per
(account, licence, chip, count, time limit) so a burst of identical refused submissions costs one request; a
licensed allowance is never cached, since each job must hold its own pre-charge, nor is an answer about the
registry (codes registry-unreachable, registry-unreachable-fail-open, registry-refused). When the service cannot be
reached within timeout_seconds, GPU jobs are refused unless fail_open is true (fail-closed is the default).
]]

local cfg = {
  url = "http://127.0.0.1:8089",    -- admission service base URL (cgov admission serve on this host)
  provider = "provider",           -- this provider's computegov actor id
  cluster = "cluster",             -- this cluster's name in licences (provider/cluster)
  timeout_seconds = 2,
  cache_seconds = 30,
  curl = "/usr/bin/curl",
  chips = { a100 = "A100", h100 = "H100", h200 = "H200", b200 = "B200", l40s = "L40S", mi300x = "MI300X" },
  default_chip = nil,              -- catalog name for GPUs requested without a type (gpu:2), if the cluster has one kind
  default_time_limit = nil,        -- minutes for jobs without --time (match the partition's DefaultTime); nil: refuse
  fail_open = false,
}

do
  local src = debug.getinfo(1, "S").source
  local dir = src:match("^@(.*)/[^/]*$") or "."
  local chunk = loadfile(dir .. "/cgov-admission.conf.lua")
  if chunk then
    local ok, over = pcall(chunk)
    if ok and type(over) == "table" then
      for k, v in pairs(over) do cfg[k] = v end
    else
      slurm.log_error("cgov: cgov-admission.conf.lua did not return a table; using defaults")
    end
  end
end

local NO_VAL = 4294967294
local INFINITE = 4294967295
local cache = {}
math.randomseed(os.time())

-- Adds up GPUs in a TRES string such as "gres:gpu:a100:2", "gres/gpu:2" or "gres:gpu:2,gres:nic:1".
local function gpus_in(tres)
  if tres == nil then return 0, nil end
  local total, kind = 0, nil
  for item in string.gmatch(tres, "[^,]+") do
    local rest = item:match("^gres[:/]gpu(.*)$")
    if rest then
      local t, n = rest:match("^:([^:]+):(%d+)$")
      if not t then
        n = rest:match("^:(%d+)$")
        if not n then
          t = rest:match("^:([^:]+)$")
          n = 1
        end
      end
      total = total + tonumber(n)
      kind = kind or t
    end
  end
  return total, kind
end

local function count(v)
  if v == nil or v == NO_VAL or v == INFINITE or v == 0 then return 1 end
  return v
end

local function json_string(s)
  if s == nil then return "null" end
  s = tostring(s):gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
    return string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. s .. '"'
end

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function field(body, name)
  local v = body:match('"' .. name .. '"%s*:%s*"(.-[^\\])"') or body:match('"' .. name .. '"%s*:%s*""') and ""
  if v == nil then return nil end
  return (v:gsub('\\"', '"'):gsub("\\\\", "\\"))
end

local function ask(request)
  local cmd = table.concat({ cfg.curl, "-sS", "--max-time", tostring(cfg.timeout_seconds),
    "-H", "'Content-Type: application/json'", "--data-binary", shell_quote(request),
    shell_quote(cfg.url .. "/api/v1/admission/decide"), "2>&1" }, " ")
  local p = io.popen(cmd, "r")
  if p == nil then return nil, "could not run curl" end
  local body = p:read("*a")
  p:close()
  local decision = field(body, "decision")
  if decision == nil then
    return nil, (body:gsub("%s+$", ""))
  end
  return { decision = decision, code = field(body, "code") or "", reason = field(body, "reason") or "",
           hold = field(body, "holdId") }
end

function slurm_job_submit(job_desc, part_list, submit_uid)
  local nodes = count(job_desc.min_nodes)
  local per_node, kind1 = gpus_in(job_desc.tres_per_node)
  local per_job, kind2 = gpus_in(job_desc.tres_per_job)
  local per_task, kind3 = gpus_in(job_desc.tres_per_task)
  local chips = per_node * nodes + per_job + per_task * count(job_desc.num_tasks)
  if chips == 0 then
    return slurm.SUCCESS
  end
  local kind = kind1 or kind2 or kind3
  local chip = kind and (cfg.chips[string.lower(kind)] or kind) or cfg.default_chip
  if chip == nil then
    slurm.log_user("computegov: this job asks for %d GPUs without a type; ask for e.g. --gres=gpu:h100:%d so its compute can be counted", chips, chips)
    return slurm.ERROR
  end
  local minutes = job_desc.time_limit
  if minutes == nil or minutes == NO_VAL then minutes = cfg.default_time_limit end
  if minutes == nil or minutes == INFINITE then
    slurm.log_user("computegov: GPU jobs need a time limit (--time) so their maximum compute can be pre-charged")
    return slurm.ERROR
  end
  local comment = job_desc.comment or ""
  local licence = comment:match("licen[cs]e[=:]([%w%._:/%-]+)")
  local account = job_desc.account or ""
  local key = table.concat({ account, licence or "", chip, chips, minutes }, "|")
  local now = os.time()
  local hit = cache[key]
  if hit and hit.expires > now then
    if hit.decision == "allow" then return slurm.SUCCESS end
    slurm.log_user("computegov: %s", hit.reason)
    return slurm.ERROR
  end
  local ref = string.format("%d-%d-%d", now, submit_uid or 0, math.random(1, 999999999))
  local request = "{" .. table.concat({
    '"provider":' .. json_string(cfg.provider), '"cluster":' .. json_string(cfg.cluster),
    '"account":' .. json_string(account), '"licence":' .. json_string(licence), '"chip":' .. json_string(chip),
    '"chips":' .. string.format("%d", chips), '"timeLimitMinutes":' .. string.format("%d", minutes),
    '"jobRef":' .. json_string(ref) }, ",") .. "}"
  local d, err = ask(request)
  if d == nil then
    if cfg.fail_open then
      slurm.log_info("cgov: admission service unreachable (%s); fail_open lets the job in", err)
      return slurm.SUCCESS
    end
    slurm.log_user("computegov: the admission service could not be reached (%s); GPU jobs are refused until it answers. Try again shortly.", err)
    return slurm.ERROR
  end
  -- Not cached: answers about the registry itself (unreachable, refused), which say nothing about the job.
  if (d.hold == nil or d.decision ~= "allow") and string.sub(d.code, 1, 9) ~= "registry-" then
    cache[key] = { decision = d.decision, reason = d.reason, expires = now + cfg.cache_seconds }
  end
  if d.decision ~= "allow" then
    slurm.log_user("computegov: %s", d.reason)
    return slurm.ERROR
  end
  if d.hold ~= nil then
    job_desc.wckey = "cgov-" .. ref
    job_desc.admin_comment = "computegov hold " .. d.hold
    slurm.log_user("computegov: %s", d.reason)
  end
  return slurm.SUCCESS
end

function slurm_job_modify(job_desc, job_rec, part_list, modify_uid)
  -- A licensed job's pre-charge covers the time limit and GPUs it was admitted with; raising them needs a new job.
  if job_rec.wckey ~= nil and string.sub(job_rec.wckey, 1, 5) == "cgov-" then
    if (job_desc.time_limit ~= nil and job_desc.time_limit ~= NO_VAL and job_desc.time_limit > job_rec.time_limit)
        or job_desc.tres_per_node ~= nil or job_desc.tres_per_job ~= nil then
      slurm.log_user("computegov: this job's licence pre-charge covers its original GPUs and time limit; submit a new job instead")
      return slurm.ERROR
    end
  end
  return slurm.SUCCESS
end

return slurm.SUCCESS
