import { DateTime, IANAZone } from 'luxon';
import { describeValue, WolkvoxInputError } from './errors';
import { MAX_SPLIT_RANGE_DAYS, MAX_WINDOW_HOURS } from './limits';

/**
 * The time span of one skill_5 call: [start, end) in the operation's time zone.
 * Wolkvox reads dates as the operation's wall clock, so the zone is part of the window.
 */
export interface WorkforceWindow {
	start: DateTime;
	end: DateTime;
}

export const RANGE_PRESETS = [
	'custom',
	'lastCompleteHour',
	'today',
	'yesterday',
	'last24Hours',
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export function parseRangePreset(value: unknown): RangePreset {
	const preset = RANGE_PRESETS.find((candidate) => candidate === value);
	if (preset) return preset;
	throw new WolkvoxInputError(
		'range',
		`Range ${describeValue(value)} is not one of ${RANGE_PRESETS.join(', ')}`,
		'Pick a range in the list; an expression must give one of these names.',
	);
}

export type DateField = 'startDate' | 'endDate';

const FIELD_LABEL: Record<DateField, string> = { startDate: 'Start Date', endDate: 'End Date' };

const DATE_FORMS =
	'Use an ISO date such as 2026-11-23T07:00:00 (read in the chosen time zone) or 2026-11-23T07:00:00-05:00, "2026-11-23 07:00", a date from an expression ({{ $now.minus({ hours: 1 }) }}), or Wolkvox form 20261123070000.';

/** A valid IANA zone name, or a WolkvoxInputError naming the option. */
export function parseTimeZone(zone: unknown): string {
	if (typeof zone === 'string' && zone.trim() !== '' && IANAZone.isValidZone(zone.trim()))
		return zone.trim();
	throw new WolkvoxInputError(
		'timezone',
		`Time Zone ${describeValue(zone)} is not a known time zone`,
		'Use an IANA zone name such as America/Bogota, or leave the option out to use the workflow time zone.',
	);
}

function isLuxonDateTime(value: unknown): value is { toMillis(): number; isValid: boolean } {
	// Duck-typed: n8n's expressions may hand over a DateTime from another copy of luxon.
	return (
		DateTime.isDateTime(value) ||
		(typeof value === 'object' && value !== null && 'isLuxonDateTime' in value)
	);
}

function parseDateText(text: string, zone: string): DateTime {
	const options = { zone };
	if (/^[0-9]{14}$/.test(text)) return DateTime.fromFormat(text, 'yyyyMMddHHmmss', options);
	const candidates = [DateTime.fromISO, DateTime.fromSQL, DateTime.fromRFC2822, DateTime.fromHTTP];
	for (const parse of candidates) {
		const parsed = parse(text, options);
		if (parsed.isValid) return parsed;
	}
	return DateTime.invalid('unparsable');
}

/** Reads a date parameter (ISO text, JS Date, luxon DateTime, epoch milliseconds) in the given zone. */
export function parseDateParameter(value: unknown, zone: string, field: DateField): DateTime {
	let parsed: DateTime;
	if (isLuxonDateTime(value))
		parsed = value.isValid
			? DateTime.fromMillis(value.toMillis(), { zone })
			: DateTime.invalid('invalid');
	else if (Object.prototype.toString.call(value) === '[object Date]')
		parsed = DateTime.fromJSDate(value as Date, { zone });
	else if (typeof value === 'number' && Number.isFinite(value))
		parsed = DateTime.fromMillis(value, { zone });
	else if (typeof value === 'string' && value.trim() !== '')
		parsed = parseDateText(value.trim(), zone);
	else parsed = DateTime.invalid('missing');

	if (!parsed.isValid) {
		const problem =
			value === undefined || value === null || value === ''
				? 'is required'
				: `${describeValue(value)} is not a date`;
		throw new WolkvoxInputError(field, `${FIELD_LABEL[field]} ${problem}`, DATE_FORMS);
	}
	return parsed;
}

/** The same wall-clock reading placed in UTC, so wall-clock spans can be measured without DST. */
function wallClock(moment: DateTime): DateTime {
	return DateTime.fromObject(moment.toObject(), { zone: 'utc' });
}

/**
 * Hours a window spans, as the API may count them: the longer of elapsed time and wall-clock time
 * (they differ by one hour on DST change days).
 */
export function windowSpanHours(start: DateTime, end: DateTime): number {
	const elapsed = end.diff(start, 'hours').hours;
	const wall = wallClock(end).diff(wallClock(start), 'hours').hours;
	return Math.max(elapsed, wall);
}

/** Consecutive windows of at most MAX_WINDOW_HOURS covering [start, end) exactly once. */
export function splitIntoWindows(start: DateTime, end: DateTime): WorkforceWindow[] {
	const windows: WorkforceWindow[] = [];
	let from = start;
	while (from < end) {
		// Whichever comes first: 24 elapsed hours or the same wall-clock time a day later.
		const limit = DateTime.min(from.plus({ hours: MAX_WINDOW_HOURS }), from.plus({ days: 1 }));
		const to = DateTime.min(limit, end);
		windows.push({ start: from, end: to });
		from = to;
	}
	return windows;
}

function formatDate(moment: DateTime): string {
	return moment.toISO({ suppressMilliseconds: true }) ?? moment.toString();
}

/** Checks a custom range and returns the windows to fetch, or a WolkvoxInputError naming the limit. */
export function customRangeWindows(
	start: DateTime,
	end: DateTime,
	splitLongRange: boolean,
): WorkforceWindow[] {
	if (end <= start) {
		throw new WolkvoxInputError(
			'endDate',
			`End Date ${formatDate(end)} must be after Start Date ${formatDate(start)}`,
			'The range is [Start Date, End Date): for the hour 07:00-08:00 use 07:00 and 08:00.',
		);
	}
	const span = windowSpanHours(start, end);
	if (!splitLongRange && span > MAX_WINDOW_HOURS) {
		throw new WolkvoxInputError(
			'endDate',
			`The range ${formatDate(start)} to ${formatDate(end)} spans ${Math.round(span * 100) / 100} hours; Wolkvox allows at most ${MAX_WINDOW_HOURS} hours per request`,
			`Shorten the range, or turn on the option "Split Long Range" to fetch up to ${MAX_SPLIT_RANGE_DAYS} days as windows of ${MAX_WINDOW_HOURS} hours (one token each).`,
		);
	}
	if (end > start.plus({ days: MAX_SPLIT_RANGE_DAYS })) {
		throw new WolkvoxInputError(
			'endDate',
			`The range ${formatDate(start)} to ${formatDate(end)} is longer than ${MAX_SPLIT_RANGE_DAYS} days, the most Wolkvox keeps for one query`,
			`Split it into ranges of at most ${MAX_SPLIT_RANGE_DAYS} days.`,
		);
	}
	return splitIntoWindows(start, end);
}

/** Windows of a preset range, computed at `now` in the zone `now` carries. */
export function presetWindows(
	preset: Exclude<RangePreset, 'custom'>,
	now: DateTime,
): WorkforceWindow[] {
	const thisHour = now.startOf('hour');
	const today = now.startOf('day');
	switch (preset) {
		case 'lastCompleteHour':
			return [{ start: thisHour.minus({ hours: 1 }), end: thisHour }];
		case 'today':
			// A window needs an end after its start: in the first second of the day there is nothing yet.
			return now > today ? splitIntoWindows(today, now) : [];
		case 'yesterday':
			return splitIntoWindows(today.minus({ days: 1 }), today);
		case 'last24Hours':
			return splitIntoWindows(thisHour.minus({ hours: 24 }), thisHour);
	}
}

/** The 14-digit wall-clock form Wolkvox expects (YYYYmmddHHiiss). */
export function toWolkvoxDate(moment: DateTime): string {
	return moment.toFormat('yyyyMMddHHmmss');
}

/** Query dates of a window. Wolkvox's date_end is inclusive, so the last second of the window is sent. */
export function windowQuery(window: WorkforceWindow): { date_ini: string; date_end: string } {
	return {
		date_ini: toWolkvoxDate(window.start),
		date_end: toWolkvoxDate(window.end.minus({ seconds: 1 })),
	};
}

/**
 * The start of each hour of day inside a window, as ISO text with offset. Rows carry only an hour;
 * within one window of at most 24 hours each hour of day first occurs once from the window's start.
 */
export function hourStartsOf(window: WorkforceWindow): Map<number, string> {
	const starts = new Map<number, string>();
	let moment = window.start.startOf('hour');
	// Two days of hours cover every hour of day, also one the API reports outside the window.
	for (let step = 0; step < 48 && starts.size < 24; step++, moment = moment.plus({ hours: 1 })) {
		if (!starts.has(moment.hour)) starts.set(moment.hour, formatDate(moment));
	}
	return starts;
}
