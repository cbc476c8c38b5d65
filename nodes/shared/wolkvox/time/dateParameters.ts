import { DateTime, IANAZone } from 'luxon';
import { describeValue, WolkvoxInputError } from '../api/errors';
import { wallClockAt, type WallClockTime } from './wallClock';

/**
 * Reading the date parameters of a node into the operation's wall clock:
 * - text without an offset is a wall-clock time in the zone and is kept as typed, even a time the
 *   zone skips (Wolkvox takes 00:00 of Santiago's spring-forward day as a bound);
 * - an instant (a DateTime or Date from an expression, epoch milliseconds, text with an offset or Z)
 *   is converted to the zone's wall clock.
 */

export const RANGE_PRESETS = [
	'custom',
	'lastCompleteHour',
	'today',
	'yesterday',
	'last24Hours',
	'last7Days',
	'thisWeek',
	'lastWeek',
	'thisMonth',
	'lastMonth',
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

/** Wolkvox dates have four-digit years. */
const FIRST_YEAR = 1000;
const LAST_YEAR = 9999;

const DATE_FORMS =
	'Use an ISO date such as 2026-11-23T07:00:00 (a wall-clock time in the chosen time zone) or 2026-11-23T07:00:00-05:00, "2026-11-23 07:00", a date from an expression ({{ $now.minus({ hours: 1 }) }}), or Wolkvox form 20261123070000.';

/** A valid IANA zone name, or a WolkvoxInputError naming the option. */
export function parseTimeZone(zone: unknown): string {
	// IANAZone.create keeps one zone per name, checked once; isValidZone builds an Intl formatter
	// on every call.
	if (typeof zone === 'string' && zone.trim() !== '' && IANAZone.create(zone.trim()).isValid)
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

const TEXT_PARSERS = [DateTime.fromISO, DateTime.fromSQL, DateTime.fromRFC2822, DateTime.fromHTTP];

/**
 * Text as a wall-clock time, or the instant it names when it carries an offset: read in two fixed
 * zones, text without an offset gives two different instants, text with one gives the same.
 */
function parseDateText(text: string, zone: string): WallClockTime | undefined {
	if (/^[0-9]{14}$/.test(text)) {
		const wall = DateTime.fromFormat(text, 'yyyyMMddHHmmss', { zone: 'utc' });
		return wall.isValid ? wall : undefined;
	}
	for (const parse of TEXT_PARSERS) {
		const inUtc = parse(text, { zone: 'utc' });
		if (!inUtc.isValid) continue;
		const elsewhere = parse(text, { zone: 'UTC+5' });
		return inUtc.toMillis() === elsewhere.toMillis() ? wallClockAt(inUtc, zone) : inUtc;
	}
	return undefined;
}

function parseAnyDate(value: unknown, zone: string): WallClockTime | undefined {
	if (isLuxonDateTime(value))
		return value.isValid ? wallClockAt(value.toMillis(), zone) : undefined;
	if (Object.prototype.toString.call(value) === '[object Date]') {
		const millis = (value as Date).getTime();
		return Number.isFinite(millis) ? wallClockAt(millis, zone) : undefined;
	}
	if (typeof value === 'number')
		return Number.isFinite(value) ? wallClockAt(value, zone) : undefined;
	if (typeof value === 'string' && value.trim() !== '') return parseDateText(value.trim(), zone);
	return undefined;
}

/**
 * Reads a date parameter (text, JS Date, luxon DateTime, epoch milliseconds) as a wall-clock time
 * of `zone`; a missing, unreadable or out-of-range date is a WolkvoxInputError naming the field.
 */
export function parseDateParameter(value: unknown, zone: string, field: DateField): WallClockTime {
	const label = FIELD_LABEL[field];
	if (value === undefined || value === null || value === '')
		throw new WolkvoxInputError(field, `${label} is required`, DATE_FORMS);
	const wall = parseAnyDate(value, zone);
	if (!wall || !wall.isValid)
		throw new WolkvoxInputError(
			field,
			`${label} ${describeValue(value)} is not a date`,
			DATE_FORMS,
		);
	if (wall.year < FIRST_YEAR || wall.year > LAST_YEAR) {
		throw new WolkvoxInputError(
			field,
			`${label} is in the year ${wall.year}; Wolkvox dates must be between the years ${FIRST_YEAR} and ${LAST_YEAR}`,
			'Check the expression or the text that gives this date.',
		);
	}
	return wall;
}
