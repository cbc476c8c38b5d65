import type { DateTime } from 'luxon';
import type { RangePreset } from './dateParameters';
import { WolkvoxInputError } from './errors';
import type { RangeLimit } from './limits';
import {
	floorToHour,
	formatWallClock,
	RealTime,
	wallClockAt,
	wallClockHours,
	type WallClockTime,
	type WallClockWindow,
} from './wallClock';

/**
 * Planning requests on the wall clock: a range becomes consecutive windows [start, end) that never
 * overlap and leave no gap, each at most `limit.maxWindowHours` wall-clock hours long, as Wolkvox
 * measures them (a 25-hour fall-back day and a 23-hour spring-forward day are both 24 wall hours).
 * The limit is a parameter, so every report plans with its own (limits.ts).
 */

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

/** Checks a custom range [start, end) against the report's limit and returns the windows to fetch. */
export function planCustomRange(
	start: WallClockTime,
	end: WallClockTime,
	zone: string,
	limit: RangeLimit,
	splitLongRange: boolean,
): WallClockWindow[] {
	// Wolkvox dates have whole seconds.
	const from = start.startOf('second');
	const to = end.startOf('second');
	const range = `${formatWallClock(from)} to ${formatWallClock(to)} (${zone})`;
	if (to <= from) {
		throw new WolkvoxInputError(
			'endDate',
			`End Date ${formatWallClock(to)} must be after Start Date ${formatWallClock(from)}`,
			'The range is [Start Date, End Date): for the hour 07:00-08:00 use 07:00 and 08:00.',
		);
	}
	const hours = wallClockHours(from, to);
	if (!splitLongRange && hours > limit.maxWindowHours) {
		throw new WolkvoxInputError(
			'endDate',
			`The range ${range} spans ${Math.round(hours * 100) / 100} hours; Wolkvox allows at most ${limit.maxWindowHours} hours per request`,
			`Shorten the range, or turn on the option "Split Long Range" to fetch up to ${limit.maxSplitRangeDays} days as windows of ${limit.maxWindowHours} hours (one token each).`,
		);
	}
	if (hours > limit.maxSplitRangeDays * 24) {
		throw new WolkvoxInputError(
			'endDate',
			`The range ${range} is longer than ${limit.maxSplitRangeDays} days, the most Wolkvox keeps for one query`,
			`Split it into ranges of at most ${limit.maxSplitRangeDays} days.`,
		);
	}
	return splitWallClockRange(from, to, zone, limit.maxWindowHours);
}

/**
 * Start of the first wall-clock hour that is not complete at `now`. A wall hour is complete once its
 * LAST real occurrence is over: after a fall-back the repeated hour completes at its second end.
 * `settleMinutes` waits that much longer, so Wolkvox has counted the hour's last calls.
 */
export function completeUntil(
	now: DateTime | number,
	zone: string,
	settleMinutes = 0,
): WallClockTime {
	const instant = (typeof now === 'number' ? now : now.toMillis()) - settleMinutes * 60_000;
	const wall = wallClockAt(instant, zone);
	// A fall-back within the next hours would show earlier readings again: the lowest one counts.
	const lowest = new RealTime(
		zone,
		wall.minus({ hours: 1 }),
		wall.plus({ hours: 3 }),
	).lowestWallClockFrom(instant);
	return floorToHour(lowest < wall ? lowest : wall);
}

/**
 * The last complete wall-clock hour that really occurred at `now` (an hour the zone skips has no
 * calls, so "last complete hour" right after a spring-forward is the hour before the gap).
 */
export function lastCompleteHour(
	now: DateTime | number,
	zone: string,
	settleMinutes = 0,
): WallClockWindow {
	const until = completeUntil(now, zone, settleMinutes);
	let start = until.minus({ hours: 1 });
	const realTime = new RealTime(zone, start.minus({ hours: 3 }), until);
	for (
		let tries = 0;
		tries < 3 &&
		realTime.cover(start.toMillis(), start.plus({ hours: 1 }).toMillis()).seconds === 0;
		tries++
	)
		start = start.minus({ hours: 1 });
	return { start, end: start.plus({ hours: 1 }), zone };
}

/**
 * Windows of a preset range at the instant `now`, on the wall clock of `zone`:
 * - today: from 00:00 up to now (the current hour is cut at now);
 * - yesterday: the whole previous calendar day (24 wall hours, one request under a 24-hour limit);
 * - last24Hours: the 24 wall hours before the first incomplete one;
 * - lastCompleteHour: see lastCompleteHour.
 */
export function planPresetRange(
	preset: Exclude<RangePreset, 'custom'>,
	now: DateTime | number,
	zone: string,
	limit: RangeLimit,
): WallClockWindow[] {
	const split = (start: WallClockTime, end: WallClockTime) =>
		splitWallClockRange(start, end, zone, limit.maxWindowHours);
	switch (preset) {
		case 'lastCompleteHour':
			return [lastCompleteHour(now, zone)];
		case 'today': {
			const wall = wallClockAt(now, zone).startOf('second');
			// In the first second of the day there is nothing yet: no window.
			return split(wall.startOf('day'), wall);
		}
		case 'yesterday': {
			const today = wallClockAt(now, zone).startOf('day');
			return split(today.minus({ days: 1 }), today);
		}
		case 'last24Hours': {
			const until = completeUntil(now, zone);
			return split(until.minus({ hours: 24 }), until);
		}
	}
}
