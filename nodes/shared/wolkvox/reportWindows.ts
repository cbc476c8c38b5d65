import { DateTime } from 'luxon';
import { WolkvoxInputError } from './errors';
import {
	customRangeWindows,
	presetWindows,
	type RangePreset,
	type WorkforceWindow,
} from './window';

/**
 * The one adapter between catalogue reports and the window planner: the windows of a report whose
 * requests may span `maxRangeDays` days of wall clock (1 = 24 hours). A 24-hour report keeps the
 * planner's own rules (Split Long Range); a longer limit asks for the whole range in one request.
 */

export type RangeRequest =
	| { preset: Exclude<RangePreset, 'custom'>; now: DateTime }
	| { preset: 'custom'; start: DateTime; end: DateTime };

/** The same wall-clock reading placed in UTC: wall-clock spans are measured without DST. */
function wallClockMillis(moment: DateTime): number {
	return DateTime.fromObject(moment.toObject(), { zone: 'utc' }).toMillis();
}

function formatDate(moment: DateTime): string {
	return moment.toISO({ suppressMilliseconds: true }) ?? moment.toString();
}

/** One window from the first start to the last end of consecutive windows. */
function joined(windows: WorkforceWindow[]): WorkforceWindow[] {
	return windows.length === 0 ? [] : [{ start: windows[0].start, end: windows[windows.length - 1].end }];
}

export function reportWindows(
	request: RangeRequest,
	maxRangeDays: number,
	splitLongRange = false,
): WorkforceWindow[] {
	if (maxRangeDays === 1) {
		return request.preset === 'custom'
			? customRangeWindows(request.start, request.end, splitLongRange)
			: presetWindows(request.preset, request.now);
	}
	if (request.preset !== 'custom') return joined(presetWindows(request.preset, request.now));
	const { start, end } = request;
	if (end <= start) {
		throw new WolkvoxInputError(
			'endDate',
			`End Date ${formatDate(end)} must be after Start Date ${formatDate(start)}`,
			'The range is [Start Date, End Date): for the whole of 23 November use 2026-11-23 and 2026-11-24.',
		);
	}
	const spanDays = (wallClockMillis(end) - wallClockMillis(start)) / 86_400_000;
	if (spanDays > maxRangeDays) {
		throw new WolkvoxInputError(
			'endDate',
			`The range ${formatDate(start)} to ${formatDate(end)} spans ${Math.round(spanDays * 100) / 100} days; Wolkvox allows at most ${maxRangeDays} days per request for this report`,
			`Shorten the range to ${maxRangeDays} days or less, or run the workflow once per period.`,
		);
	}
	return [{ start, end }];
}
