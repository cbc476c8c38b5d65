import { ITEM_DEADLINE_MS, REQUEST_TIMEOUT_MS } from './limits';

/**
 * When to try a failed call again. Only failures that will pass on their own are retried, each as
 * often as the error table allows (`attempts` in answers.ts); each attempt costs one token.
 */
export const RETRY_POLICY = {
	/** Most attempts of a failure that heals (5xx, maintenance, "simultaneous" 403, dropped connection). */
	maxAttempts: 6,
	firstDelayMs: 500,
	maxDelayMs: 8_000,
	/** One attempt, from the request to the last byte of the answer. */
	attemptTimeoutMs: REQUEST_TIMEOUT_MS,
	/**
	 * One window in all, attempts and pauses together: two attempts that time out (2 x 65 s) and
	 * the pause between them fit; a third never starts.
	 */
	windowDeadlineMs: 150_000,
	/** All the windows of one item together, retries and waits for a slot included. */
	itemDeadlineMs: ITEM_DEADLINE_MS,
	/**
	 * After a "simultaneous" 403 this process sends one request at a time with that token for this
	 * long (extended by each new 403): another process (a queue worker) is using the token too.
	 */
	calmDownMs: 60_000,
};

/**
 * Exponential backoff with jitter: attempt 1 waits ~0.5 s, then ~1, 2, 4, 8 s (at most 15.5 s in
 * all over 6 attempts). The random half spreads callers that failed together (schedules firing in
 * the same minute, queue workers).
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
	const ceiling = Math.min(
		RETRY_POLICY.maxDelayMs,
		RETRY_POLICY.firstDelayMs * 2 ** (failedAttempts - 1),
	);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
