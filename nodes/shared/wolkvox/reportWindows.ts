import type { DateTime } from 'luxon';
import type { RangePreset } from './dateParameters';
import { WORKFORCE_PER_HOUR_LIMIT, type RangeLimit } from './limits';
import { planCustomRange, planPresetRange } from './planning';
import type { WallClockTime, WallClockWindow } from './wallClock';

/**
 * The one adapter between the reports of the catalogue and the wall-clock planner: the windows of
 * a report whose requests may span `maxRangeDays` days of wall clock (the spec's range limit).
 */

export type RangeRequest =
	| { preset: Exclude<RangePreset, 'custom'>; now: DateTime }
	| { preset: 'custom'; start: WallClockTime; end: WallClockTime };

/**
 * A 24-hour report (skill_5) plans days and may split a long range ("Split Long Range", up to 31
 * days); a report allowed N days per request asks for a range of up to N days in one request.
 */
export function rangeLimitOf(maxRangeDays: number): RangeLimit {
	return maxRangeDays === 1
		? WORKFORCE_PER_HOUR_LIMIT
		: { maxWindowHours: maxRangeDays * 24, maxSplitRangeDays: maxRangeDays };
}

export function reportWindows(
	request: RangeRequest,
	zone: string,
	maxRangeDays: number,
	splitLongRange = false,
): WallClockWindow[] {
	const limit = rangeLimitOf(maxRangeDays);
	if (request.preset !== 'custom') return planPresetRange(request.preset, request.now, zone, limit);
	// A report whose whole limit fits one request has nothing to split: past it, the planner says
	// the range is longer than the days Wolkvox keeps for one query.
	return planCustomRange(
		request.start,
		request.end,
		zone,
		limit,
		splitLongRange || maxRangeDays > 1,
	);
}
