import type { RangePreset } from './dateParameters';
import { WolkvoxInputError } from '../api/errors';
import { rangeLimitOf } from '../api/limits';
import {
	floorToHour,
	formatWallClock,
	HOUR_MS,
	RealTime,
	wallClockAt,
	wallClockHours,
	type WallClockTime,
	type WallClockWindow,
} from './wallClock';

/**
 * Planning requests on the wall clock: a range becomes consecutive windows [start, end) that never
 * overlap and leave no gap, each within the report's limit as Wolkvox measures it (a 25-hour
 * fall-back day and a 23-hour spring-forward day are both 24 wall hours).
 */

/** The "Range" of a dated report: a preset at the instant `now` (epoch ms), or Start and End Date. */
export type RangeRequest =
	| { preset: Exclude<RangePreset, 'custom'>; now: number }
	| { preset: 'custom'; start: WallClockTime; end: WallClockTime };

/** What the planner needs to know of a report. */
export interface DatedReport {
	/** Wall-clock days one request may span (the spec's `maxRangeDays`). */
	maxRangeDays: number;
	/** Rows carry a time of day but no date: one request must not hold a time of day twice. */
	timeOfDay: boolean;
}

/** Consecutive windows of at most `maxWindowHours` wall-clock hours covering [start, end) exactly once. */
export function splitWallClockRange(
	start: WallClockTime,
	end: WallClockTime,
	zone: string,
	maxWindowHours: number,
): WallClockWindow[] {
	const windows: WallClockWindow[] = [];
	for (let from = start; from < end; ) {
		const limit = from.plus({ hours: maxWindowHours });
		const to = limit < end ? limit : end;
		windows.push({ start: from, end: to, zone });
		from = to;
	}
	return windows;
}

/** [start, end) cut at each midnight of the wall clock: no window holds a time of day twice. */
export function splitAtMidnights(
	start: WallClockTime,
	end: WallClockTime,
	zone: string,
): WallClockWindow[] {
	const windows: WallClockWindow[] = [];
	for (let from = start; from < end; ) {
		const midnight = from.startOf('day').plus({ days: 1 });
		const to = midnight < end ? midnight : end;
		windows.push({ start: from, end: to, zone });
		from = to;
	}
	return windows;
}

/**
 * The windows to fetch for a report's range. A range longer than one request may span is refused
 * before any token is spent, unless `splitLongRange`: then it is fetched as consecutive windows
 * (one wall-clock day each for a time-of-day report, cut at midnights), up to MAX_SPLIT_RANGE_DAYS.
 */
export function planReportWindows(
	request: RangeRequest,
	zone: string,
	report: DatedReport,
	splitLongRange: boolean,
): WallClockWindow[] {
	const limit = rangeLimitOf(report.maxRangeDays);
	const range = request.preset === 'custom' ? customRange(request) : presetRange(request, zone);
	if (!range) return [];
	const { start, end } = range;
	const field = request.preset === 'custom' ? 'endDate' : 'range';
	const hours = wallClockHours(start, end);
	const shown = `${formatWallClock(start)} to ${formatWallClock(end)} (${zone})`;
	const perRequest = report.maxRangeDays === 1 ? '24 hours' : `${report.maxRangeDays} days`;
	if (!splitLongRange && hours > limit.maxWindowHours) {
		throw new WolkvoxInputError(
			field,
			`The range ${shown} spans ${Math.round(hours * 100) / 100} hours; Wolkvox allows at most ${perRequest} per request for this report`,
			`Shorten the range, or turn on the option "Split Long Range" to fetch up to ${limit.maxSplitRangeDays} days as consecutive requests (one token each).`,
		);
	}
	if (hours > limit.maxSplitRangeDays * 24) {
		throw new WolkvoxInputError(
			field,
			`The range ${shown} is longer than ${limit.maxSplitRangeDays} days, the most "Split Long Range" fetches`,
			`Split it into ranges of at most ${limit.maxSplitRangeDays} days.`,
		);
	}
	if (splitLongRange && report.timeOfDay) return splitAtMidnights(start, end, zone);
	return splitWallClockRange(start, end, zone, limit.maxWindowHours);
}

function customRange(request: { start: WallClockTime; end: WallClockTime }) {
	// Wolkvox dates have whole seconds.
	const start = request.start.startOf('second');
	const end = request.end.startOf('second');
	if (end <= start) {
		throw new WolkvoxInputError(
			'endDate',
			`End Date ${formatWallClock(end)} must be after Start Date ${formatWallClock(start)}`,
			'The range is [Start Date, End Date): for the hour 07:00-08:00 use 07:00 and 08:00.',
		);
	}
	return { start, end };
}

/**
 * [start, end) of a preset at `now`, on the wall clock of `zone` (undefined: nothing to fetch):
 * - today / thisWeek / thisMonth: from 00:00 of the day / Monday / the 1st up to now;
 * - yesterday / last7Days / lastWeek / lastMonth: the whole previous day, 7 days before today,
 *   week (Monday to Monday) or calendar month;
 * - last24Hours: the 24 wall hours before the first incomplete one;
 * - lastCompleteHour: see hoursCompletedWithin.
 */
function presetRange(
	{ preset, now }: { preset: Exclude<RangePreset, 'custom'>; now: number },
	zone: string,
): { start: WallClockTime; end: WallClockTime } | undefined {
	const wall = wallClockAt(now, zone).startOf('second');
	const today = wall.startOf('day');
	const monday = today.minus({ days: today.weekday - 1 });
	const firstOfMonth = today.startOf('month');
	const upTo = (start: WallClockTime) => (wall > start ? { start, end: wall } : undefined);
	switch (preset) {
		case 'lastCompleteHour':
			return hoursCompletedWithin(now, zone, HOUR_MS);
		case 'today':
			return upTo(today);
		case 'thisWeek':
			return upTo(monday);
		case 'thisMonth':
			return upTo(firstOfMonth);
		case 'yesterday':
			return { start: today.minus({ days: 1 }), end: today };
		case 'last7Days':
			return { start: today.minus({ days: 7 }), end: today };
		case 'lastWeek':
			return { start: monday.minus({ weeks: 1 }), end: monday };
		case 'lastMonth':
			return { start: firstOfMonth.minus({ months: 1 }), end: firstOfMonth };
		case 'last24Hours': {
			const until = completeUntil(now, zone);
			return { start: until.minus({ hours: 24 }), end: until };
		}
	}
}

/**
 * The earliest wall-clock reading of `zone` from `instant` on: the reading itself, or a lower one
 * a fall-back within the next hours shows again.
 */
export function earliestReadingFrom(instant: number, zone: string): WallClockTime {
	const wall = wallClockAt(instant, zone);
	const lowest = new RealTime(
		zone,
		wall.minus({ hours: 1 }),
		wall.plus({ hours: 3 }),
	).lowestWallClockFrom(instant);
	return lowest < wall ? lowest : wall;
}

/**
 * Start of the first wall-clock interval (an hour, or `intervalMinutes` from midnight) that is not
 * complete at `now`. An interval is complete once its LAST real occurrence is over: after a
 * fall-back the repeated hour completes at its second end. `settleMinutes` waits that much longer,
 * so Wolkvox has counted the interval's last calls.
 */
export function completeUntil(
	now: number,
	zone: string,
	settleMinutes = 0,
	intervalMinutes = 60,
): WallClockTime {
	const lowest = earliestReadingFrom(now - settleMinutes * 60_000, zone);
	const hour = floorToHour(lowest);
	return hour.plus({ minutes: Math.floor(lowest.minute / intervalMinutes) * intervalMinutes });
}

/**
 * The wall-clock hours that became complete (their last real occurrence ended) within the `spanMs`
 * before `now` minus the settling time, as one window; undefined when none did (the second pass of
 * a repeated hour). Run every `spanMs`, it gives each hour exactly once: one hour normally, none
 * while a fall-back hour repeats, two where a half-hour spring-forward (Lord Howe) ends two hours
 * thirty minutes apart. An hour the zone skips never occurs, so never completes.
 */
export function hoursCompletedWithin(
	now: number,
	zone: string,
	spanMs: number,
	settleMinutes = 0,
): WallClockWindow | undefined {
	const instant = now - settleMinutes * 60_000;
	const until = completeUntil(now, zone, settleMinutes);
	const earliest = until.minus({ hours: 4 });
	const realTime = new RealTime(zone, earliest, until);
	let start: WallClockTime | undefined;
	let end: WallClockTime | undefined;
	for (let hour = earliest; hour < until; hour = hour.plus({ hours: 1 })) {
		const completed = realTime.cover(hour.toMillis(), hour.toMillis() + HOUR_MS).last;
		if (completed === null || completed <= instant - spanMs || completed > instant) continue;
		start ??= hour;
		end = hour.plus({ hours: 1 });
	}
	return start && end ? { start, end, zone } : undefined;
}
