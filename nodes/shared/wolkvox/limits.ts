/** The vendor's published limits for the Reports Manager API, each stated once. */

/** How long a range one report accepts per request, and how long a range the node splits into requests. */
export interface RangeLimit {
	/** Wall-clock hours one request may cover. */
	maxWindowHours: number;
	/** Wall-clock days a range may cover once split into several requests. */
	maxSplitRangeDays: number;
}

/** "Workforce per hour" (skill_5): at most one day per request; a range split into days up to 31 days. */
export const WORKFORCE_PER_HOUR_LIMIT: RangeLimit = { maxWindowHours: 24, maxSplitRangeDays: 31 };

/** One token may have at most this many requests in flight. */
export const MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN = 2;

/** The API answers within 60 s; we give the network a margin on top. */
export const REQUEST_TIMEOUT_MS = 65_000;

/** Largest answer the API sends in one call. */
export const MAX_RECORDS_PER_CALL = 60_000;
