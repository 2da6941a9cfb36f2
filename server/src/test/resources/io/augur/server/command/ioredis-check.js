// ioredis against a running server: MULTI/EXEC (and its queued-error shapes), pipelines, a
// subscriber receiving PUBLISH and pattern messages, and a keyspace notification.
// Run by IoredisTest: node ioredis-check.js <port> (with NODE_PATH pointing at ioredis).
'use strict';
const Redis = require('ioredis');
const assert = require('assert').strict;

const port = Number(process.argv[2]);
const options = { host: '127.0.0.1', port, maxRetriesPerRequest: 1, retryStrategy: () => null };

function once(emitter, event, count) {
  return new Promise((resolve) => {
    const seen = [];
    const listener = (...args) => {
      seen.push(args);
      if (seen.length === count) {
        emitter.removeListener(event, listener);
        resolve(seen);
      }
    };
    emitter.on(event, listener);
  });
}

async function main() {
  const redis = new Redis(options);
  const sub = new Redis(options);
  try {
    await redis.flushall();

    // MULTI/EXEC: every reply paired with its error (null when none).
    const results = await redis.multi().set('counter', 1).incr('counter').incrby('counter', 5)
      .get('counter').exec();
    assert.deepEqual(results, [[null, 'OK'], [null, 2], [null, 7], [null, '7']]);

    // An error raised while a queued command runs is that command's entry; the others still run.
    await redis.set('text', 'abc');
    const mixed = await redis.multi().incr('text').set('after', 'yes').exec();
    assert.equal(mixed[0][0].message, 'ERR value is not an integer or out of range');
    assert.deepEqual(mixed[1], [null, 'OK']);

    // A command refused while queuing aborts the whole transaction (EXECABORT).
    await assert.rejects(redis.multi().set('a', '1').call('nosuchcommand').exec(), /EXECABORT/);
    assert.equal(await redis.exists('a'), 0);

    // WATCH: a change by another client aborts EXEC (ioredis resolves null).
    await redis.watch('counter');
    await sub.set('counter', 100);
    assert.equal(await redis.multi().incr('counter').exec(), null);

    // A plain pipeline and a hash round trip.
    const piped = await redis.pipeline().hset('h', { a: '1', b: '2' }).hgetall('h').exec();
    assert.deepEqual(piped, [[null, 2], [null, { a: '1', b: '2' }]]);

    // A subscriber receives PUBLISH on a channel and on a pattern.
    const messages = once(sub, 'message', 2);
    const pmessages = once(sub, 'pmessage', 1);
    assert.equal(await sub.subscribe('news', 'alerts'), 2);
    assert.equal(await sub.psubscribe('user:*'), 3);
    assert.equal(await redis.publish('news', 'hello'), 1);
    assert.equal(await redis.publish('alerts', 'fire'), 1);
    assert.equal(await redis.publish('user:7', 'joined'), 1);
    assert.deepEqual(await messages, [['news', 'hello'], ['alerts', 'fire']]);
    assert.deepEqual(await pmessages, [['user:*', 'user:7', 'joined']]);

    // A keyspace notification reaches an ioredis subscriber too.
    await redis.config('SET', 'notify-keyspace-events', 'E$');
    const events = once(sub, 'message', 1);
    await sub.subscribe('__keyevent@0__:set');
    await redis.set('watched', 'v');
    assert.deepEqual(await events, [['__keyevent@0__:set', 'watched']]);
    await redis.config('SET', 'notify-keyspace-events', '');
    console.log('ioredis ok: multi/exec, watch, pipeline, pub/sub');
  } finally {
    redis.disconnect();
    sub.disconnect();
  }
}

main().catch((error) => {
  console.error('FAILED:', error);
  process.exit(1);
});
