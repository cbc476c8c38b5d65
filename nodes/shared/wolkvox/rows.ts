import { describeShape, WolkvoxApiFailure } from './errors';
import { hourStartsOf, type WorkforceWindow } from './window';

/** One hourly row of the "Workforce per hour" report, typed. `null` means Wolkvox left it empty. */
export interface WorkforceRow {
	skill_id: number | null;
	hour: number;
	hour_start: string | null;
	inbound_calls: number | null;
	inbound_calls_unique_customers: number | null;
	/** Average handle time in seconds. */
	aht: number | null;
	agents_needed: number | null;
}

/** A value of one row that cannot be read; becomes a failure naming the row. */
class UnreadableRow extends Error {}

function isEmpty(value: unknown): boolean {
	return (
		value === '' ||
		value === null ||
		value === undefined ||
		(typeof value === 'string' && value.trim() === '')
	);
}

/**
 * True for text of ASCII digits only, the form nearly every value arrives in: checked with a
 * loop rather than a regular expression because it runs for every value of up to 60,000 rows.
 */
function isDigits(text: string): boolean {
	if (text.length === 0 || text.length > 15) return false;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 48 || code > 57) return false;
	}
	return true;
}

const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?$/i;

/** A count or measure sent as text or number; empty stays null (unknown is not zero). */
function readNumber(value: unknown, field: string): number | null {
	if (typeof value === 'string' && isDigits(value)) return Number(value);
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (isEmpty(value)) return null;
	const number = typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : NaN;
	if (Number.isFinite(number)) return number;
	throw new UnreadableRow(`${field} ${describeShape(value)} is not a number`);
}

const DURATION = /^([0-9]+):([0-5][0-9])(?::([0-5][0-9](?:\.[0-9]+)?))?$/;

/** Seconds from "185", "185.5", 185, "00:03:05" (H:MM:SS) or "03:05" (MM:SS). */
export function readDurationSeconds(value: unknown, field = 'aht'): number | null {
	if (typeof value === 'string' && value.includes(':')) {
		const match = DURATION.exec(value.trim());
		if (match) {
			const [, first, second, third] = match;
			return third === undefined
				? Number(first) * 60 + Number(second)
				: Number(first) * 3600 + Number(second) * 60 + Number(third);
		}
	}
	return readNumber(value, field);
}

const HOUR = /^([0-9]{1,2})(?::00(?::00)?)?$/;

/** Hour of day from "07", "7", 7 or "07:00". */
export function readHour(value: unknown): number {
	let hour: number;
	if (typeof value === 'string' && value.length <= 2 && isDigits(value)) hour = Number(value);
	else if (typeof value === 'number') hour = Number.isInteger(value) ? value : NaN;
	else {
		const match = typeof value === 'string' ? HOUR.exec(value.trim()) : null;
		hour = match ? Number(match[1]) : NaN;
	}
	if (!(hour >= 0 && hour <= 23))
		throw new UnreadableRow(`hour ${describeShape(value)} is not an hour of day`);
	return hour;
}

function readSkillId(value: unknown): number | null {
	const id = readNumber(value, 'skill_id');
	if (id !== null && !Number.isInteger(id))
		throw new UnreadableRow(`skill_id ${describeShape(value)} is not an id`);
	return id;
}

function asRecord(row: unknown): Record<string, unknown> {
	if (typeof row === 'object' && row !== null && !Array.isArray(row))
		return row as Record<string, unknown>;
	throw new UnreadableRow(`a row is ${describeShape(row)} instead of an object`);
}

function typedRow(row: unknown, hourStarts: ReadonlyArray<string | undefined>): WorkforceRow {
	const record = asRecord(row);
	const hour = readHour(record.hour);
	return {
		skill_id: readSkillId(record.skill_id),
		hour,
		hour_start: hourStarts[hour] ?? null,
		inbound_calls: readNumber(record.inbound_calls, 'inbound_calls'),
		inbound_calls_unique_customers: readNumber(
			record.inbound_calls_unique_customers,
			'inbound_calls_unique_customers',
		),
		aht: readDurationSeconds(record.aht),
		agents_needed: readNumber(record.agents_needed, 'agents_needed'),
	};
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

/** Applies `read` to each row; a row that cannot be read fails the whole window (never a partial result). */
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

/** Types the rows of one window. */
export function parseWorkforceRows(
	rows: unknown[],
	window: WorkforceWindow,
	host: string,
): WorkforceRow[] {
	const starts = hourStartsOf(window);
	const hourStarts = Array.from({ length: 24 }, (_, hour) => starts.get(hour));
	return readRows(rows, host, 'Turn on the option "Raw Output" to see the rows as sent.', (row) =>
		typedRow(row, hourStarts),
	);
}

/** Rows exactly as sent; only checks they are objects so each can become an n8n item. */
export function rawWorkforceRows(rows: unknown[], host: string): Array<Record<string, unknown>> {
	return readRows(rows, host, 'Every row must be an object.', asRecord);
}
