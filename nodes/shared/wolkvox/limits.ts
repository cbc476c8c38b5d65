/** The vendor's published limits for the Reports Manager API, each stated once. */

/** One skill_5 call may cover at most this many hours ("a range of at most 1 day"). */
export const MAX_WINDOW_HOURS = 24;

/** A long custom range may be split into windows up to this many days in total. */
export const MAX_SPLIT_RANGE_DAYS = 31;

/** One token may have at most this many requests in flight. */
export const MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN = 2;

/** The API answers within 60 s; we give the network a margin on top. */
export const REQUEST_TIMEOUT_MS = 65_000;

/** Largest answer the API sends in one call. */
export const MAX_RECORDS_PER_CALL = 60_000;
