/**
 * When to try a failed call again. Only failures that cost nothing to repeat or that will pass
 * on their own are retried (see `retryable` in answers.ts); each attempt costs one token.
 */
export const RETRY_POLICY = {
	maxAttempts: 6,
	firstDelayMs: 500,
	maxDelayMs: 8_000,
	/** Total time spent waiting between attempts, so a workflow never hangs on a dead service. */
	maxTotalDelayMs: 45_000,
};

/**
 * Exponential backoff with jitter: attempt 1 waits ~0.5 s, then ~1, 2, 4, 8 s. The random half
 * spreads callers that failed together (schedules firing in the same minute, queue workers).
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
	const ceiling = Math.min(
		RETRY_POLICY.maxDelayMs,
		RETRY_POLICY.firstDelayMs * 2 ** (failedAttempts - 1),
	);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
