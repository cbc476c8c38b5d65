import { describeShape, WolkvoxApiFailure } from './errors';
import { HOUR_MS, isoInZone, RealTime, type WallClockWindow } from './wallClock';
import { scalarReader, UNFIT } from './typing';

/**
 * One hourly row of the "Workforce per hour" report, typed. `null` means unknown: Wolkvox left it
 * empty, or sent a value that cannot be true for the field (then kept as sent under `_unparsed`).
 */
export type WorkforceRow = {
	skill_id: number | null;
	hour: number | null;
	/** First instant of this wall-clock hour inside the window, ISO with offset; null if it never occurs. */
	hour_start: string | null;
	inbound_calls: number | null;
	inbound_calls_unique_customers: number | null;
	/** Average handle time in seconds. */
	aht: number | null;
	agents_needed: number | null;
	/** Real seconds the row covers within the window: 3600, 7200 for a repeated hour, 0 for a skipped one. */
	interval_seconds: number | null;
	/** Values that cannot be true for their field, as sent (text), by field name. */
	_unparsed?: Record<string, string>;
};

/** A row that is not an object; fails the window (it cannot become an item). */
class UnreadableRow extends Error {}

/** What a reader gives: a number, null (empty: unknown), or UNFIT (cannot be true for the field). */
type Reading = number | null | typeof UNFIT;

// The catalogue's readers by kind (typing.ts): one rule for what each kind accepts, for every report.
const readCount = scalarReader('count') as (value: unknown) => Reading;
const readMeasure = scalarReader('number') as (value: unknown) => Reading;

/** Seconds from "185", "185.5", 185, "00:03:05" (H:MM:SS) or "03:05" (MM:SS); null if empty, UNFIT if unreadable. */
export const readDurationSeconds = scalarReader('seconds') as (value: unknown) => Reading;

/** Hour of day from "07", "7", 7 or "07:00"; null if empty, UNFIT if not an hour of day. */
export const readHour = scalarReader('hour') as (value: unknown) => Reading;

/** The reading as a field's value: what cannot be true is unknown (null). */
const valueOf = (reading: Reading): number | null => (reading === UNFIT ? null : reading);

function asRecord(row: unknown): Record<string, unknown> {
	if (typeof row === 'object' && row !== null && !Array.isArray(row))
		return row as Record<string, unknown>;
	throw new UnreadableRow(`a row is ${describeShape(row)} instead of an object`);
}

/** The value as sent, as text, for `_unparsed`. */
function asSentText(value: unknown): string {
	if (typeof value === 'string') return value;
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** Where and how long one wall-clock hour of a window really lasts. */
interface HourCoverage {
	hour_start: string | null;
	interval_seconds: number;
}

/** Coverage of each hour of day (index 0-23) inside a window of at most 24 wall-clock hours. */
export function hourCoverage(window: WallClockWindow): Array<HourCoverage | undefined> {
	const coverage: Array<HourCoverage | undefined> = new Array(24).fill(undefined);
	const realTime = new RealTime(window.zone, window.start, window.end);
	// Wall-clock readings as milliseconds: plain arithmetic, no daylight-saving rule applies to them.
	const start = window.start.toMillis();
	const end = window.end.toMillis();
	for (let hour = Math.floor(start / HOUR_MS) * HOUR_MS; hour < end; hour += HOUR_MS) {
		const hourOfDay = new Date(hour).getUTCHours();
		if (coverage[hourOfDay]) continue;
		const { first, seconds } = realTime.cover(Math.max(hour, start), Math.min(hour + HOUR_MS, end));
		coverage[hourOfDay] = {
			hour_start: first === null ? null : isoInZone(window.zone, first),
			interval_seconds: seconds,
		};
	}
	return coverage;
}

/** The fields a row is read from, with their readers (the slow path for values that cannot be true). */
const READERS = {
	skill_id: readCount,
	hour: readHour,
	inbound_calls: readCount,
	inbound_calls_unique_customers: readCount,
	aht: readDurationSeconds,
	agents_needed: readMeasure,
} as const;

/** The values of a row that cannot be true for their field, as sent. */
function unparsedValues(record: Record<string, unknown>): Record<string, string> {
	const unparsed: Record<string, string> = {};
	for (const [field, read] of Object.entries(READERS))
		if (read(record[field]) === UNFIT) unparsed[field] = asSentText(record[field]);
	return unparsed;
}

function typedRow(row: unknown, coverage: ReadonlyArray<HourCoverage | undefined>): WorkforceRow {
	const record = asRecord(row);
	// Locals and one object literal: this runs for up to 60,000 rows per answer.
	const skillId = readCount(record.skill_id);
	const hour = readHour(record.hour);
	const calls = readCount(record.inbound_calls);
	const uniqueCustomers = readCount(record.inbound_calls_unique_customers);
	const aht = readDurationSeconds(record.aht);
	const agentsNeeded = readMeasure(record.agents_needed);
	const hourCovered = typeof hour === 'number' ? coverage[hour] : undefined;
	const typed: WorkforceRow = {
		skill_id: valueOf(skillId),
		hour: valueOf(hour),
		hour_start: hourCovered ? hourCovered.hour_start : null,
		inbound_calls: valueOf(calls),
		inbound_calls_unique_customers: valueOf(uniqueCustomers),
		aht: valueOf(aht),
		agents_needed: valueOf(agentsNeeded),
		interval_seconds: hourCovered ? hourCovered.interval_seconds : null,
	};
	if (
		skillId === UNFIT ||
		hour === UNFIT ||
		calls === UNFIT ||
		uniqueCustomers === UNFIT ||
		aht === UNFIT ||
		agentsNeeded === UNFIT
	)
		typed._unparsed = unparsedValues(record);
	return typed;
}

function unreadableRow(
	host: string,
	index: number,
	problem: string,
	hint: string,
): WolkvoxApiFailure {
	return new WolkvoxApiFailure(
		'unexpectedAnswer',
		`${host} sent a row this node cannot read (row ${index + 1}: ${problem})`,
		`The answer does not have the documented form. ${hint}`,
		false,
	);
}

/** Applies `read` to each row; a row that is not an object fails the whole window (never a partial result). */
function readRows<T>(rows: unknown[], host: string, hint: string, read: (row: unknown) => T): T[] {
	const result: T[] = [];
	// One try around the loop: the hot path of up to 60,000 rows pays nothing for it.
	let index = 0;
	try {
		for (; index < rows.length; index++) result.push(read(rows[index]));
	} catch (error) {
		throw unreadableRow(host, index, (error as Error).message, hint);
	}
	return result;
}

/** Types the rows of one window (of at most 24 wall-clock hours: rows carry only the hour of day). */
export function parseWorkforceRows(
	rows: unknown[],
	window: WallClockWindow,
	host: string,
): WorkforceRow[] {
	const coverage = hourCoverage(window);
	return readRows(rows, host, 'Turn on the option "Raw Output" to see the rows as sent.', (row) =>
		typedRow(row, coverage),
	);
}

/** Rows exactly as sent; only checks they are objects so each can become an n8n item. */
export function rawWorkforceRows(rows: unknown[], host: string): Array<Record<string, unknown>> {
	return readRows(rows, host, 'Every row must be an object.', asRecord);
}
