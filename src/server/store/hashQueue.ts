// A bounded queue in front of password hashing. scrypt runs on libuv's thread pool (4 threads by default),
// the same pool that reads static files and does DNS: a flood of logins that took every thread made a
// 2 ms file read wait seconds. At most `concurrency` hashes run at once (leaving threads free), at most
// `capacity` wait; beyond that a login is refused at once with "busy" (503) instead of piling up.

export class QueueFullError extends Error {
  constructor() {
    super('password hashing: the server is busy with other sign-ins; try again in a few seconds');
    this.name = 'QueueFullError';
  }
}

export class BoundedQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    public concurrency: number,
    public capacity: number,
  ) {}

  get size() {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.capacity) throw new QueueFullError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** One per process: every password check and hash goes through it. HASH_CONCURRENCY / HASH_QUEUE tune it. */
export const hashQueue = new BoundedQueue(
  Math.max(1, Number(process.env.HASH_CONCURRENCY) || 1),
  Math.max(0, Number(process.env.HASH_QUEUE ?? 32) || 0),
);
