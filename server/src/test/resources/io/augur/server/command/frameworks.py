"""What Django's Redis cache and redis-py's Lock send, against a running server.

Run by FrameworksPythonTest: python3 frameworks.py <port>. Exits non-zero on the first mismatch.
The cache below follows django.core.cache.backends.redis.RedisCache (Django 4.x/5.x): pickled
values, ":<version>:" key prefixes, set_many as a transactional pipeline, get_many as MGET.
"""
import pickle
import sys
import threading
import time

import redis
from redis.exceptions import LockError, LockNotOwnedError

PORT = int(sys.argv[1])
r = redis.Redis(host="127.0.0.1", port=PORT, db=1)  # django-redis URLs often name a database
r.flushdb()


class DjangoStyleCache:
    """The calls Django's RedisCache makes, with its serializer and key scheme."""

    def __init__(self, client, version=1):
        self.client = client
        self.version = version

    def key(self, key):
        return ":%d:%s" % (self.version, key)

    def set(self, key, value, timeout=300):
        self.client.set(self.key(key), pickle.dumps(value), ex=timeout)

    def add(self, key, value, timeout=300):
        return bool(self.client.set(self.key(key), pickle.dumps(value), ex=timeout, nx=True))

    def get(self, key, default=None):
        value = self.client.get(self.key(key))
        return default if value is None else pickle.loads(value)

    def set_many(self, data, timeout=300):
        # Django: pipeline (transaction=True by default) of MSET and one EXPIRE per key.
        pipeline = self.client.pipeline()
        pipeline.mset({self.key(k): pickle.dumps(v) for k, v in data.items()})
        for k in data:
            pipeline.expire(self.key(k), timeout)
        pipeline.execute()
        return []

    def set_many_with_ex(self, data, timeout=300):
        # The other common shape (django-redis, many hand-written caches): SET ... EX per key in MULTI.
        with self.client.pipeline(transaction=True) as pipeline:
            for k, v in data.items():
                pipeline.set(self.key(k), pickle.dumps(v), ex=timeout)
            return pipeline.execute()

    def get_many(self, keys):
        values = self.client.mget([self.key(k) for k in keys])
        return {k: pickle.loads(v) for k, v in zip(keys, values) if v is not None}

    def delete_many(self, keys):
        return self.client.delete(*[self.key(k) for k in keys])

    def incr(self, key, delta=1):
        if not self.client.exists(self.key(key)):
            raise ValueError("Key '%s' not found." % key)
        return self.client.incr(self.key(key), delta)

    def touch(self, key, timeout):
        return bool(self.client.expire(self.key(key), timeout))


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)


cache = DjangoStyleCache(r)
data = {"user:%d" % i: {"id": i, "name": "n%d" % i, "tags": ["a", "b"][: i % 3]} for i in range(50)}
check(cache.set_many(data, timeout=120) == [], "set_many returns no failed keys")
check(cache.get_many(list(data) + ["missing"]) == data, "get_many returns what set_many stored")
ttl = r.ttl(cache.key("user:7"))
check(0 < ttl <= 120, "set_many sets each key's timeout (ttl %r)" % ttl)
results = cache.set_many_with_ex({"a": 1, "b": [2]}, timeout=60)
check(results == [True, True], "SET EX in MULTI replies OK per key (%r)" % results)
check(cache.get_many(["a", "b"]) == {"a": 1, "b": [2]}, "SET EX values read back")
check(0 < r.pttl(cache.key("a")) <= 60000, "SET EX in MULTI sets the timeout")
check(cache.add("a", 5) is False and cache.add("c", 5) is True, "add is SET NX EX")
r.set(cache.key("n"), 10)
check(cache.incr("n", 5) == 15, "incr")
check(cache.touch("n", 30) and 0 < r.ttl(cache.key("n")) <= 30, "touch is EXPIRE")
check(cache.delete_many(["a", "b", "nope"]) == 2, "delete_many counts deleted keys")
check(r.dbsize() == len(data) + 2, "database 1 holds the cache (%r keys)" % r.dbsize())
check(redis.Redis(host="127.0.0.1", port=PORT, db=0).dbsize() == 0, "database 0 holds none of it")

# A watched read-modify-write, as redis-py's Redis.transaction runs it (WATCH, MULTI, EXEC, retry).
def add_tag(pipe):
    current = pickle.loads(pipe.get(cache.key("user:1")))
    current["tags"].append("watched")
    pipe.multi()
    pipe.set(cache.key("user:1"), pickle.dumps(current))

r.transaction(add_tag, cache.key("user:1"))
check(cache.get("user:1")["tags"][-1] == "watched", "transaction() with WATCH applies the change")

# redis-py's Lock: SET NX PX to acquire; EVALSHA scripts to release, extend and reacquire.
other = redis.Redis(host="127.0.0.1", port=PORT, db=1)
first = r.lock("resource", timeout=10)
second = other.lock("resource", timeout=10)
check(first.acquire(blocking=False), "the first client acquires the lock")
check(not second.acquire(blocking=False), "a second client cannot acquire a held lock")
check(first.owned() and first.locked() and second.locked() and not second.owned(), "owned/locked")
check(first.extend(20), "extend adds time (EVALSHA)")
pttl = r.pttl("resource")
check(20000 < pttl <= 30000, "extend added to the timeout (pttl %r)" % pttl)
check(first.extend(5, replace_ttl=True) and r.pttl("resource") <= 5000, "extend with replace_ttl")
check(first.reacquire() and r.pttl("resource") > 5000, "reacquire resets the timeout")
first.release()
check(not first.locked(), "release frees the lock (EVALSHA)")
try:
    first.release()
    check(False, "releasing a lock not held raises")
except LockError:
    pass
check(second.acquire(blocking=False), "the second client acquires the freed lock")
try:
    r.set("resource", "stolen")
    second.release()
    check(False, "releasing a lock someone else now holds raises")
except LockNotOwnedError:
    pass
r.delete("resource")

# A blocking acquire waits for the holder's timeout to pass.
short = r.lock("job", timeout=0.3)
check(short.acquire(blocking=False), "short lock acquired")
waiter = other.lock("job", timeout=5, blocking_timeout=10, sleep=0.05)
start = time.monotonic()
check(waiter.acquire(), "a blocking acquire gets the lock once the holder's timeout passes")
check(time.monotonic() - start < 10, "within the blocking timeout")
waiter.release()

# Contended counter under the lock from several threads: no lost update.
def work():
    client = redis.Redis(host="127.0.0.1", port=PORT, db=1)
    for _ in range(20):
        with client.lock("counter-lock", timeout=5, sleep=0.001):
            value = int(client.get("counter") or 0)
            client.set("counter", value + 1)

threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
check(int(r.get("counter")) == 80, "80 locked increments, none lost (%r)" % r.get("counter"))
scripts = r.execute_command("SCRIPT", "EXISTS", first.lua_release.sha, first.lua_extend.sha)
check(scripts == [1, 1], "the lock's scripts are cached (%r)" % scripts)
print("frameworks ok: set_many/get_many, transaction, lock")
