/**
 * Group commit for the respondents' statements. A call that arrives while the previous statement of its
 * kind is still running waits for it and then goes, with every other call that waited, in one statement.
 * Without load each call runs at once, alone (after the event loop's current round of I/O, so that the
 * requests that arrived together go together); under load one statement serves many requests, which is
 * what lets the embedded database (one statement at a time, each with a fixed cost to parse and plan)
 * keep up. Each caller still gets only its own result, and its answer is sent only after its own row is
 * stored.
 */

type Waiting<In, Out> = { item: In; resolve: (out: Out) => void; reject: (err: unknown) => void };

/**
 * A function that runs `run` on batches of the items it is called with. `run` returns one result per
 * item, in order. When a batch fails, its items are run one by one so that each caller gets its own
 * result or error (one bad row never fails the others).
 */
export function batcher<In, Out>(run: (items: In[]) => Promise<Out[]>, max = 200): (item: In) => Promise<Out> {
  let queue: Waiting<In, Out>[] = [];
  let running = false;

  async function settle(batch: Waiting<In, Out>[]) {
    try {
      const out = await run(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(out[i]));
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      for (const w of batch) await run([w.item]).then(([out]) => w.resolve(out), w.reject);
    }
  }

  async function drain() {
    while (queue.length) {
      const batch = queue.length <= max ? queue : queue.slice(0, max);
      queue = queue.length <= max ? [] : queue.slice(max);
      await settle(batch);
    }
    running = false;
  }

  return (item) => new Promise<Out>((resolve, reject) => {
    queue.push({ item, resolve, reject });
    if (running) return;
    running = true;
    // After the event loop's current round of I/O: every request that arrived in it joins this batch.
    setImmediate(() => void drain());
  });
}

/** One batcher per database handle (a transaction gets its own), made on first use. */
export function perDb<Db extends object, In, Out>(make: (db: Db) => (item: In) => Promise<Out>): (db: Db, item: In) => Promise<Out> {
  const made = new WeakMap<Db, (item: In) => Promise<Out>>();
  return (db, item) => {
    let f = made.get(db);
    if (!f) made.set(db, f = make(db));
    return f(item);
  };
}
