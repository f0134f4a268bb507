-- wrk at a fixed mean rate (bench/exchange.sh): every connection waits an exponentially
-- distributed pause (Poisson arrivals) with a mean of connections / rate before its next request.
-- Set the mean pause in milliseconds through the environment variable PACE_MS.
local mean = tonumber(os.getenv("PACE_MS") or "10")

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function delay()
  return math.floor(-math.log(1 - math.random()) * mean + 0.5)
end
