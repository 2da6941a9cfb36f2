"""A leaderboard over redis-py, checked against a model kept in plain Python.

Run by LeaderboardPythonTest: python3 leaderboard.py <port>. Exits non-zero on the first mismatch.
"""
import random
import sys

import redis

r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), decode_responses=True)
r.flushall()
rng = random.Random(7)
model = {}

# Games are played: each adds points to a player (ZINCRBY), some players join with ZADD NX.
for game in range(2000):
    player = "player:%d" % rng.randrange(300)
    points = rng.choice([1, 2, 5, 10, 0.5])
    if player not in model and rng.random() < 0.3:
        assert r.zadd("board", {player: points}, nx=True) == 1
        model[player] = float(points)
    else:
        model[player] = model.get(player, 0.0) + points
        assert r.zincrby("board", points, player) == model[player], player


def ranked(m):
    # Redis's order: score, then member bytes
    return sorted(m.items(), key=lambda kv: (kv[1], kv[0]))


assert r.zcard("board") == len(model)
top10 = list(reversed(ranked(model)))[:10]
assert r.zrevrange("board", 0, 9, withscores=True) == top10, (r.zrevrange("board", 0, 9, withscores=True), top10)
for name, score in top10:
    assert r.zscore("board", name) == score
asc = ranked(model)
for index in (0, 5, len(asc) - 1):
    name = asc[index][0]
    assert r.zrank("board", name) == index
    assert r.zrevrank("board", name) == len(asc) - 1 - index
assert r.zcount("board", 20, "+inf") == sum(1 for s in model.values() if s >= 20)
between = [(n, s) for n, s in asc if 10 < s <= 30]
assert r.zrangebyscore("board", "(10", 30, withscores=True) == between
assert r.zmscore("board", [asc[0][0], "nobody"]) == [asc[0][1], None]

# A weekly board merged into an all-time board with weights; the two best are crowned and removed.
r.zadd("week", {"player:1": 100, "newcomer": 50})
r.zunionstore("alltime", {"board": 1, "week": 2})
merged = dict(model)
merged["player:1"] = merged.get("player:1", 0.0) + 200
merged["newcomer"] = 100.0
assert r.zrange("alltime", 0, -1, withscores=True) == ranked(merged)
crowned = r.zpopmax("alltime", 2)
assert crowned == list(reversed(ranked(merged)))[:2]
# Keep only the best 50 (trim the rest, lowest first).
r.zremrangebyrank("board", 0, -51)
assert r.zcard("board") == min(50, len(model))
assert r.zrange("board", 0, -1, withscores=True) == ranked(model)[-50:]
assert r.type("board") == "zset"
print("leaderboard ok: %d players" % len(model))
