import type { IntervalRows } from '../spec/spec';
import { UNPARSED, type TypedRow } from '../typing/typing';
import { HOUR_MS, isoInZone, RealTime, type WallClockWindow } from './wallClock';

/**
 * Dating the rows of interval reports. Wolkvox keys their rows by time of day (and some by day),
 * on the operation's wall clock; each row gets the real time it stands for:
 * - `interval_start`: the first real instant of its wall-clock interval inside the window, ISO with
 *   the zone's offset; null when the clocks skip the whole interval, or when the row sums several
 *   days (a time of day met on more than one day of one request);
 * - `interval_seconds`: the real seconds that interval covers inside the window and before now
 *   (a repeated fall-back hour twice 3600, the current interval what has elapsed, a summed row the
 *   sum over its days).
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * HOUR_MS;

export const INTERVAL_START = 'interval_start';
export const INTERVAL_SECONDS = 'interval_seconds';

interface Dating {
	start: string | null;
	seconds: number | null;
}

const UNKNOWN: Dating = { start: null, seconds: null };

/** Minutes after midnight of a typed hour (7) or time of day ("07:30"); undefined if unknown. */
function minuteOfDay(value: unknown): number | undefined {
	if (typeof value === 'number') return value * 60;
	if (typeof value !== 'string') return undefined;
	const match = /^([0-9]{2}):([0-9]{2})$/.exec(value);
	return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/**
 * The wall-clock midnight (ms) of a typed date or date-time ("2026-11-01",
 * "2026-11-01T00:00:00-04:00"), or of one as sent ("2026-09-06 00:00:00", "20260906000000"):
 * a date-time the zone skips is typed null, its text kept under `_unparsed`, and still names a day.
 */
function dayOf(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^([0-9]{4})[-/]?([0-9]{2})[-/]?([0-9]{2})/.exec(value.trim());
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const midnight = Date.UTC(year, month - 1, day);
	const date = new Date(midnight);
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? midnight : undefined;
}

/**
 * A function adding `interval_start` and `interval_seconds` (and `interval.startAlias`) to each
 * typed row of one window's answer, as seen at the instant `nowMs`.
 */
export function intervalDater(
	interval: IntervalRows,
	window: WallClockWindow,
	nowMs: number,
): (row: TypedRow) => void {
	const { zone } = window;
	const realTime = new RealTime(zone, window.start, window.end);
	const windowStart = window.start.toMillis();
	const windowEnd = window.end.toMillis();
	const lengthMs = interval.minutes * MINUTE_MS;
	const meetsWindow = (from: number) => from + lengthMs > windowStart && from < windowEnd;
	const cover = (from: number) =>
		realTime.cover(Math.max(from, windowStart), Math.min(from + lengthMs, windowEnd), nowMs);

	/** A time of day without a date: every day of the window on which its interval lies. */
	const ofTimeOfDay = (minute: number): Dating => {
		let days = 0;
		let seconds = 0;
		let first: number | null = null;
		for (let day = Math.floor(windowStart / DAY_MS) * DAY_MS; day < windowEnd; day += DAY_MS) {
			const from = day + minute * MINUTE_MS;
			if (!meetsWindow(from)) continue;
			const covered = cover(from);
			days++;
			seconds += covered.seconds;
			first = covered.first;
		}
		return { start: days === 1 && first !== null ? isoInZone(zone, first) : null, seconds };
	};

	/** One dated interval; one Wolkvox sent outside the window covers nothing of it. */
	const ofDatedInterval = (from: number): Dating => {
		if (!meetsWindow(from)) return { start: null, seconds: 0 };
		const { first, seconds } = cover(from);
		return { start: first === null ? null : isoInZone(zone, first), seconds };
	};

	const known = new Map<number, Dating>();
	const dating = (row: TypedRow): Dating => {
		const minute = minuteOfDay(row[interval.timeField]);
		if (minute === undefined) return UNKNOWN;
		const { dateField } = interval;
		const unparsed = row[UNPARSED] as Record<string, unknown> | undefined;
		const day =
			dateField === undefined ? undefined : dayOf(row[dateField] ?? unparsed?.[dateField]);
		if (dateField !== undefined && day === undefined) return UNKNOWN;
		// Dated intervals by their wall-clock start, times of day by their minute (negative keys).
		const key = day === undefined ? -1 - minute : day + minute * MINUTE_MS;
		let found = known.get(key);
		if (!found) {
			found = day === undefined ? ofTimeOfDay(minute) : ofDatedInterval(key);
			known.set(key, found);
		}
		return found;
	};

	const { startAlias } = interval;
	return (row) => {
		const { start, seconds } = dating(row);
		if (startAlias) row[startAlias] = start;
		row[INTERVAL_START] = start;
		row[INTERVAL_SECONDS] = seconds;
	};
}
