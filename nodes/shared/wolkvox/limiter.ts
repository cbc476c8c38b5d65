/**
 * At most `limit` tasks in flight per key, first come first served. Keys are independent, so one
 * busy token never slows another. Under the limit `acquire` resolves at once.
 */
export class KeyedLimiter {
	private readonly inFlight = new Map<string, number>();
	private readonly waiting = new Map<string, Array<() => void>>();

	constructor(private readonly limit: number) {}

	/** Waits for a slot of `key`; call the returned function exactly once to give it back. */
	async acquire(key: string): Promise<() => void> {
		const busy = this.inFlight.get(key) ?? 0;
		if (busy < this.limit) {
			this.inFlight.set(key, busy + 1);
		} else {
			// The releasing task hands its slot straight to us, so the count stays as it is.
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

	private release(key: string): void {
		const queue = this.waiting.get(key);
		const next = queue?.shift();
		if (queue && queue.length === 0) this.waiting.delete(key);
		if (next) return next();
		const busy = (this.inFlight.get(key) ?? 1) - 1;
		if (busy === 0) this.inFlight.delete(key);
		else this.inFlight.set(key, busy);
	}

	/** Tasks in flight for a key (for tests and diagnostics). */
	activeCount(key: string): number {
		return this.inFlight.get(key) ?? 0;
	}
}
