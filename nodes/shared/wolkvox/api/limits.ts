/** The vendor's published limits for the Reports Manager API, each stated once. */

/** How long a range one report accepts per request, and how long a range the node splits into requests. */
export interface RangeLimit {
	/** Wall-clock hours one request may cover. */
	maxWindowHours: number;
	/** Wall-clock days a range may cover once split into several requests. */
	maxSplitRangeDays: number;
}

/** Days of wall clock one Reports Manager request may span ("31 days"; skill_5: 1, in the spec). */
export const REPORT_RANGE_DAYS = 31;

/** The longest range "Split Long Range" fetches as consecutive requests, in wall-clock days. */
export const MAX_SPLIT_RANGE_DAYS = 366;

/** The limit of a report whose requests may span `maxRangeDays` days (the spec's `maxRangeDays`). */
export function rangeLimitOf(maxRangeDays: number): RangeLimit {
	return { maxWindowHours: maxRangeDays * 24, maxSplitRangeDays: MAX_SPLIT_RANGE_DAYS };
}

/** One token may have at most this many requests in flight. */
export const MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN = 2;

/**
 * The API answers within 60 s; we give the network a margin on top. This bounds a whole attempt,
 * from sending the request to the last byte of the answer.
 */
export const REQUEST_TIMEOUT_MS = 65_000;

/**
 * All the requests of one input item together (every window of a split range, their retries and the
 * waits for a slot of the token) end within this, so one item cannot hold a workflow for hours.
 * A 31-day split at 2 requests in flight fits while Wolkvox answers a day within about 55 s.
 */
export const ITEM_DEADLINE_MS = 15 * 60_000;

/**
 * Largest answer the API sends in one call. An answer is refused, not emitted, when any list in it
 * (the rows, or nested rows at any depth, also when sent as JSON text) has more entries, or when it
 * would become more items (nested rows split into items).
 */
export const MAX_RECORDS_PER_CALL = 60_000;

/**
 * Most values (objects, lists, texts, numbers) one answer may hold, counting the JSON texts inside
 * it, and most values its items may copy from outer rows into inner ones: 60,000 rows of 64 values,
 * well over twice the widest documented row. Held before anything is parsed, this bounds the
 * memory an answer takes: the byte cap alone lets 64 MiB of `{}` become 20 million objects.
 */
export const MAX_VALUES_PER_ANSWER = MAX_RECORDS_PER_CALL * 64;

/**
 * Deepest nesting of lists and objects in an answer or a JSON text inside it (documented answers
 * nest 7 deep at most: the answer, its rows, chats, their messages); deeper ones are refused
 * before they are walked.
 */
export const MAX_ANSWER_DEPTH = 32;

/**
 * Largest answer body read, in bytes. Wolkvox documents 256 MB per call, but 60,000 rows of
 * Workforce per Hour are ~7 MB (reports with wider rows fit several times over), and a 256 MB
 * text held as a string, parsed and turned into items needs well over 1 GB of memory.
 */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
