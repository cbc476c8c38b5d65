/**
 * At most `limit` tasks in flight per key, first come first served. Keys are independent, so one
 * busy token never slows another. Under the limit `acquire` resolves at once. A key can be lowered
 * to one task at a time for a while (`lower`): the limit comes back on its own once that time has
 * passed without a new `lower`.
 */
export class KeyedLimiter {
	private readonly inFlight = new Map<string, number>();
	private readonly waiting = new Map<string, Array<() => void>>();
	/** Key -> time (ms) until which it runs one task at a time. */
	private readonly loweredUntil = new Map<string, number>();

	constructor(
		private readonly limit: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Waits for a slot of `key`; call the returned function exactly once to give it back. */
	async acquire(key: string): Promise<() => void> {
		const busy = this.inFlight.get(key) ?? 0;
		if (busy < this.limitOf(key) && !this.waiting.has(key)) {
			this.inFlight.set(key, busy + 1);
		} else {
			// A releasing task counts us in before it wakes us.
			await new Promise<void>((resolve) => {
				const queue = this.waiting.get(key) ?? [];
				queue.push(resolve);
				this.waiting.set(key, queue);
			});
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.release(key);
		};
	}

	/** One task at a time for `key` during the next `forMs` (a longer lowering is kept). */
	lower(key: string, forMs: number): void {
		const until = this.now() + forMs;
		if (until > (this.loweredUntil.get(key) ?? 0)) this.loweredUntil.set(key, until);
	}

	/** Tasks `key` may have in flight now. */
	limitOf(key: string): number {
		const until = this.loweredUntil.get(key);
		if (until === undefined) return this.limit;
		if (this.now() < until) return 1;
		this.loweredUntil.delete(key);
		return this.limit;
	}

	private release(key: string): void {
		let busy = (this.inFlight.get(key) ?? 1) - 1;
		const queue = this.waiting.get(key);
		const limit = this.limitOf(key);
		while (queue && queue.length > 0 && busy < limit) {
			busy++;
			queue.shift()?.();
		}
		if (queue && queue.length === 0) this.waiting.delete(key);
		if (busy === 0) this.inFlight.delete(key);
		else this.inFlight.set(key, busy);
	}

	/** Tasks in flight for a key (for tests and diagnostics). */
	activeCount(key: string): number {
		return this.inFlight.get(key) ?? 0;
	}
}
