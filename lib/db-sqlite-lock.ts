/**
 * Work-around for docs/upstream-bugs.md §6: @prisma/adapter-better-sqlite3 7.10 has one connection
 * and lets a query made outside an open interactive transaction run inside it (dirty reads; an
 * acknowledged write undone by the other transaction's rollback). Here every statement made
 * outside a transaction waits, in arrival order, while a transaction is open, and a transaction
 * waits for the statements queued before it. better-sqlite3 runs each statement synchronously, so
 * the lock is held for one statement's time outside transactions and for the whole transaction
 * inside one (as the adapter's own mutex already does between transactions).
 */
type Release = () => void;

/** What FifoLock.runNow answers when the lock is taken. */
export const BUSY: unique symbol = Symbol("busy");

/** A first-in, first-out lock. */
export class FifoLock {
  private tail: Promise<void> = Promise.resolve();
  private held = false;
  /** Holders and waiters: while it is 0 the lock can be taken at once (runNow). */
  private pending = 0;
  /** Resolves with the function that releases the lock, once every earlier holder has released it. */
  acquire(): Promise<Release> {
    let release!: Release;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    this.pending++;
    return previous.then(() => this.holding(release));
  }
  /**
   * Runs synchronous `work` with the lock held, at once, when nobody holds the lock or waits for
   * it; else answers BUSY without running it (then use acquire, which keeps the order). Nothing
   * else can run before `work` returns, so no one can come to wait meanwhile: it makes none of an
   * acquire's promises, on the hot paths of lib/db-direct.ts.
   */
  runNow<T>(work: () => T): T | typeof BUSY {
    if (this.pending !== 0) return BUSY;
    this.held = true;
    try {
      return work();
    } finally {
      this.held = false;
    }
  }
  private holding(release: Release): Release {
    this.held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held = false;
      this.pending--;
      release();
    };
  }
  get locked(): boolean {
    return this.held;
  }
}

type Queryable = {
  queryRaw: (query: unknown) => Promise<unknown>;
  executeRaw: (query: unknown) => Promise<unknown>;
};
type Transaction = Queryable & { commit: () => Promise<void>; rollback: () => Promise<void> };
export type SerialisableAdapter = Queryable & {
  executeScript: (script: string) => Promise<void>;
  startTransaction: (isolationLevel?: string) => Promise<Transaction>;
};

/**
 * Makes statements outside a transaction wait while one is open on `adapter` (the connected
 * adapter). Returns the lock, which lib/db-direct.ts takes for synchronous work on the connection.
 */
export function serialiseOutsideTransactions(adapter: SerialisableAdapter, lock = new FifoLock()): FifoLock {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel?: string) => {
    const release = await lock.acquire();
    let transaction: Transaction;
    try {
      transaction = await startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    const commit = transaction.commit.bind(transaction);
    const rollback = transaction.rollback.bind(transaction);
    transaction.commit = () => commit().finally(release);
    transaction.rollback = () => rollback().finally(release);
    return transaction;
  };
  for (const method of ["queryRaw", "executeRaw", "executeScript"] as const) {
    const original = (adapter[method] as (arg: unknown) => Promise<unknown>).bind(adapter);
    (adapter as unknown as Record<string, (arg: unknown) => Promise<unknown>>)[method] = async (arg: unknown) => {
      const release = await lock.acquire();
      try {
        return await original(arg);
      } finally {
        release();
      }
    };
  }
  return lock;
}
