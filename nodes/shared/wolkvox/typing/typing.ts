import { DateTime } from 'luxon';
import { HOUR_MS, isoInZone, isoOffsetInZone, readingOffset } from '../time/wallClock';
import type { AnswerTexts } from '../api/answers';
import type { RowsSource } from '../api/answerShape';
import {
	fieldFamily,
	isNestedRows,
	type FieldKind,
	type FieldKinds,
	type ScalarKind,
} from '../spec/spec';

/**
 * Types the rows of any catalogue endpoint by the kinds of its fields (catalogue/spec.ts says what
 * each kind means). One rule for every field: empty is `null`; a value that does not fit its kind
 * is `null` and its text is kept under `_unparsed: { field: text }`, so nothing wrong is emitted and
 * nothing is lost. Fields the spec does not know are kept as sent.
 *
 * Runs for every value of up to 60,000 rows: the rows JSON.parse made are typed in place (the caller
 * hands them over), and the common forms are read with character loops rather than regular
 * expressions.
 */

export type TypedRow = Record<string, unknown>;

/** Marks a value that does not fit its kind. */
const UNFIT = Symbol('unfit');
// Exported apart from its declaration: TypeScript then keeps the hot paths' references local
// instead of reading `exports.UNFIT` at each comparison.
export { UNFIT };

type Reader = (value: unknown) => unknown;

export const UNPARSED = '_unparsed';
/** Names of the date-time fields of a row that fell in an hour the clock repeats. */
export const AMBIGUOUS = '_ambiguous';

/** A date-time whose reading the clock shows twice (a fall-back): its first occurrence. */
class AmbiguousTime {
	constructor(readonly iso: string) {}
}

function isBlank(text: string): boolean {
	for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 32) return false;
	return true;
}

/** Empty for a measure: nothing, blank text, or the "-" Wolkvox prints for "none". */
function isEmptyValue(value: unknown): boolean {
	return (
		value === null ||
		value === undefined ||
		(typeof value === 'string' && (isBlank(value) || (value.length < 8 && value.trim() === '-')))
	);
}

/** Value of ASCII digits text[from, to), or -1 if any other character (or none) is there. */
function digitsValue(text: string, from: number, to: number): number {
	if (to <= from || to - from > 15) return -1;
	let value = 0;
	for (let index = from; index < to; index++) {
		const code = text.charCodeAt(index) - 48;
		if (code < 0 || code > 9) return -1;
		value = value * 10 + code;
	}
	return value;
}

const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?$/i;

/**
 * A decimal comma, as Spanish-locale servers print ("1,5", "100,00"); three digits after it could as
 * well be a thousands separator ("1,500"), so that form is not read as either.
 */
const COMMA_DECIMAL = /^([+-]?[0-9]+),([0-9]{1,2}|[0-9]{4,})$/;

/** A finite number from a number or decimal text ("12", "-3.5", "1e3", "1,5"); UNFIT otherwise. */
function decimal(value: unknown): number | typeof UNFIT {
	if (typeof value === 'number') return Number.isFinite(value) ? value : UNFIT;
	if (typeof value !== 'string') return UNFIT;
	const digits = digitsValue(value, 0, value.length);
	if (digits >= 0) return digits;
	const text = value.trim();
	const comma = COMMA_DECIMAL.exec(text);
	const number = DECIMAL.test(text)
		? Number(text)
		: comma
			? Number(`${comma[1]}.${comma[2]}`)
			: NaN;
	return Number.isFinite(number) ? number : UNFIT;
}

/** Measures (cost, minutes, credits, latency, agents needed) cannot be negative. */
function readNumber(value: unknown): unknown {
	if (typeof value === 'string') {
		const digits = digitsValue(value, 0, value.length);
		if (digits >= 0) return digits;
	}
	if (isEmptyValue(value)) return null;
	const number = decimal(value);
	return number !== UNFIT && number >= 0 ? number : UNFIT;
}

/** Counts and ids: whole numbers >= 0 ("12.0" is 12; -5 or 2.5 cannot be true). */
function readWhole(value: unknown): unknown {
	if (typeof value === 'string') {
		const digits = digitsValue(value, 0, value.length);
		if (digits >= 0) return digits;
	}
	if (isEmptyValue(value)) return null;
	const number = decimal(value);
	return number !== UNFIT && Number.isSafeInteger(number) && number >= 0 ? number : UNFIT;
}

/**
 * Seconds from "HH:MM:SS" or whole seconds, the forms Wolkvox's documented answers print; -1 for
 * any other text (other clock forms are read by readSeconds' regular expression). Kept small so
 * that V8 inlines it where each field is typed.
 */
function usualSeconds(text: string): number {
	if (text.length !== 8 || text.charCodeAt(2) !== 58 || text.charCodeAt(5) !== 58)
		return digitsValue(text, 0, text.length);
	// prettier-ignore
	return clockSeconds8(
		text.charCodeAt(0), text.charCodeAt(1), text.charCodeAt(3),
		text.charCodeAt(4), text.charCodeAt(6), text.charCodeAt(7),
	);
}

/** Seconds of "HH:MM:SS" from the character codes of its digits; -1 if one does not fit. */
function clockSeconds8(h1: number, h2: number, m1: number, m2: number, s1: number, s2: number) {
	// Negative when any character is not a digit, or tens of minutes or seconds are above 5.
	// prettier-ignore
	const digits =
		(h1 - 48) | (57 - h1) | (h2 - 48) | (57 - h2) | (m1 - 48) | (53 - m1) |
		(m2 - 48) | (57 - m2) | (s1 - 48) | (53 - s1) | (s2 - 48) | (57 - s2);
	if (digits < 0) return -1;
	return (h1 * 10 + h2 - 528) * 3600 + (m1 * 10 + m2 - 528) * 60 + s1 * 10 + s2 - 528;
}

/** Seconds from 185, "185.5", "00:03:05" / "4:38:08" (H:MM:SS) or "03:05" (MM:SS). */
function readSeconds(value: unknown): unknown {
	if (typeof value === 'string') {
		const seconds = usualSeconds(value);
		if (seconds >= 0) return seconds;
		if (value.includes(':')) return clockSeconds(value.trim());
	}
	if (isEmptyValue(value)) return null;
	const number = decimal(value);
	return number !== UNFIT && number >= 0 ? number : UNFIT;
}

const CLOCK = /^([0-9]+):([0-5][0-9])(?::([0-5][0-9](?:\.[0-9]+)?))?$/;

function clockSeconds(text: string): number | typeof UNFIT {
	const match = CLOCK.exec(text);
	if (!match) return UNFIT;
	const [, first, second, third] = match;
	return third === undefined
		? Number(first) * 60 + Number(second)
		: Number(first) * 3600 + Number(second) * 60 + Number(third);
}

/** Percent as Wolkvox prints it: 12.5, "12.5", "12.50%", "12.50 %" are all 12.5 (never 0.125). */
function readPercentage(value: unknown): unknown {
	if (typeof value === 'string') {
		const text = value.trim();
		const bare = text.endsWith('%') ? text.slice(0, -1).trimEnd() : text;
		if (bare === '' && text !== '') return UNFIT;
		return isEmptyValue(bare) ? null : decimal(bare);
	}
	// A percentage may be negative (a service-level change).
	return isEmptyValue(value) ? null : decimal(value);
}

const TRUE_WORDS = new Set(['yes', 'si', 'sí', 'true', '1', 'y', 's']);
const FALSE_WORDS = new Set(['no', 'false', '0', 'n']);

function readBoolean(value: unknown): unknown {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (isEmptyValue(value)) return null;
	if (typeof value !== 'string') return UNFIT;
	const word = value.trim().toLowerCase();
	return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : UNFIT;
}

const HOUR = /^([0-9]{1,2})(?::00(?::00)?)?$/;

/** Hour of day 0..23 from 7, "07", "7" or "07:00". */
function readHour(value: unknown): unknown {
	if (typeof value === 'string' && value.length <= 2) {
		const hour = digitsValue(value, 0, value.length);
		if (hour >= 0) return hour <= 23 ? hour : UNFIT;
	}
	if (isEmptyValue(value)) return null;
	let hour = NaN;
	if (typeof value === 'number') hour = Number.isInteger(value) ? value : NaN;
	else if (typeof value === 'string') {
		const match = HOUR.exec(value.trim());
		if (match) hour = Number(match[1]);
	}
	return hour >= 0 && hour <= 23 ? hour : UNFIT;
}

const TIME_OF_DAY = /^([0-9]{1,2})(?::([0-5][0-9])(?::00)?)?$/;

/** Start of an interval as "HH:MM" from "00:30", "0:30", "7" or "07:30:00". */
function readTimeOfDay(value: unknown): unknown {
	if (isEmptyValue(value)) return null;
	const match = TIME_OF_DAY.exec(String(value).trim());
	if (!match || Number(match[1]) > 23) return UNFIT;
	return `${match[1].padStart(2, '0')}:${match[2] ?? '00'}`;
}

/** Wall-clock stamp forms Wolkvox prints: "2026-06-25 10:50:54", "2026-06-25T10:50", "2026-06-25-10",
 * "20260625105054", "2026062510", "2026/06/25 10:50:54", or a date alone. */
const STAMP =
	/^([0-9]{4})[-/]?([0-9]{2})[-/]?([0-9]{2})(?:[ T-]?([0-9]{2})(?::?([0-9]{2})(?::?([0-9]{2})(?:\.[0-9]+)?)?)?)?$/;

interface Stamp {
	year: number;
	month: number;
	day: number;
	hour?: number;
	minute: number;
	second: number;
}

function readStamp(text: string): Stamp | undefined {
	const match = STAMP.exec(text.trim());
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const hour = match[4] === undefined ? undefined : Number(match[4]);
	const minute = Number(match[5] ?? 0);
	const second = Number(match[6] ?? 0);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
	if (hour !== undefined && (hour > 23 || minute > 59 || second > 59)) return undefined;
	return { year, month, day, hour, minute, second };
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

function dayText({ year, month, day }: Stamp): string {
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function readDate(value: unknown): unknown {
	if (isEmptyValue(value)) return null;
	const stamp = typeof value === 'string' ? readStamp(value) : undefined;
	// A day may come with a midnight time; any other time means the field is not a day.
	if (!stamp || (stamp.hour ?? 0) + stamp.minute + stamp.second !== 0) return UNFIT;
	return dayText(stamp);
}

/** A stamp that carries its own offset ("2026-06-25T10:50:54Z") is an instant: shown in the zone. */
function instantInZone(text: string, zone: string): string | typeof UNFIT {
	if (!/(?:Z|[+-][0-9]{2}:?[0-9]{2})$/.test(text.trim())) return UNFIT;
	const instant = DateTime.fromISO(text.trim(), { setZone: true });
	return (instant.isValid && isoInZone(zone, instant.toMillis())) || UNFIT;
}

/** Slots of the per-hour cache of a date-time reader: a power of two, over a month of hours. */
const HOUR_SLOTS = 1024;

/**
 * Reads wall-clock stamps of one zone as ISO text with that zone's offset. The offset of each
 * wall-clock hour is computed once; an hour in which it changes is resolved value by value.
 */
export function dateTimeReader(zone: string): Reader {
	const suffixes = new Map<number, string | null>();
	/** A reading the zone skips does not fit; one it repeats is its first occurrence, marked. */
	const resolve = (wallMs: number): unknown => {
		const { offset, exists, repeated } = readingOffset(zone, wallMs);
		// An instant luxon cannot write gives '': a value that does not fit.
		const text = exists && isoInZone(zone, wallMs - offset);
		if (!text) return UNFIT;
		return repeated ? new AmbiguousTime(text) : text;
	};
	/** The offset text shared by every reading of this wall-clock hour, or null if it changes. */
	const hourSuffix = (hourMs: number): string | null => {
		let suffix = suffixes.get(hourMs);
		if (suffix !== undefined) return suffix;
		const first = readingOffset(zone, hourMs);
		const last = readingOffset(zone, hourMs + HOUR_MS - 1000);
		const steady =
			first.exists &&
			last.exists &&
			!first.repeated &&
			!last.repeated &&
			first.offset === last.offset;
		// An hour luxon cannot write (none of a four-digit year) is resolved value by value.
		suffix = (steady && isoOffsetInZone(zone, hourMs - first.offset)) || null;
		suffixes.set(hourMs, suffix);
		return suffix;
	};
	/**
	 * Per wall-clock hour of the usual form, each hour of any 38 consecutive days in a slot of its
	 * own: the hour's offset text, or null where the offset changes within the hour (resolve
	 * exactly). Arrays, not a Map: this runs for every date-time.
	 */
	const slotKeys = new Int32Array(HOUR_SLOTS).fill(-1);
	const slotSuffixes = new Array<string | null>(HOUR_SLOTS).fill(null);
	/** Null where the offset changes within the hour, or the day does not exist in its month. */
	const suffixOf: HourSuffixOf = (year, month, day, hour) => {
		// Not YYYYMMDDHH as one number: that passes 2^30, where V8's small integers end.
		const key = ((year * 13 + month) * 32 + day) * 24 + hour;
		const slot = key & (HOUR_SLOTS - 1);
		if (slotKeys[slot] === key) return slotSuffixes[slot];
		const suffix =
			day <= daysInMonth(year, month) ? hourSuffix(Date.UTC(year, month - 1, day, hour)) : null;
		slotKeys[slot] = key;
		slotSuffixes[slot] = suffix;
		return suffix;
	};
	return (value) =>
		(typeof value === 'string' && value.length === 19 && usualStampIso(value, suffixOf)) ||
		readAnyForm(value);
	function readAnyForm(value: unknown): unknown {
		if (isEmptyValue(value)) return null;
		const stamp = typeof value === 'string' ? readStamp(value) : undefined;
		if (!stamp) return typeof value === 'string' ? instantInZone(value, zone) : UNFIT;
		const day = dayText(stamp);
		if (stamp.hour === undefined) return day;
		const hourMs = Date.UTC(stamp.year, stamp.month - 1, stamp.day, stamp.hour);
		const suffix = hourSuffix(hourMs);
		if (suffix === null) return resolve(hourMs + stamp.minute * 60_000 + stamp.second * 1000);
		return `${day}T${pad(stamp.hour)}:${pad(stamp.minute)}:${pad(stamp.second)}${suffix}`;
	}
}

/** The offset text of a wall-clock hour. */
type HourSuffixOf = (year: number, month: number, day: number, hour: number) => string | null;

/**
 * The usual form, "YYYY-MM-DD HH:MM:SS" (or with a T) of 19 characters, as ISO text with the offset
 * of its wall-clock hour, which `suffixOf` gives from the hour's fields (numbers, so looking it up
 * allocates nothing); '' for any other text or an hour whose offset changes. Whether the day exists
 * in its month is left to `suffixOf`, once per hour.
 *
 * This runs for every date-time of up to 60,000 rows, so each character is read once and the result
 * is built as one flat string: concatenating parts would allocate three strings per value, and
 * after a large JSON.parse every allocation is paid again in garbage collection.
 */
function usualStampIso(text: string, suffixOf: HourSuffixOf): string {
	const separator = text.charCodeAt(10);
	const dashes = (text.charCodeAt(4) ^ 45) | (text.charCodeAt(7) ^ 45);
	const colons = (text.charCodeAt(13) ^ 58) | (text.charCodeAt(16) ^ 58);
	if ((dashes | colons) !== 0 || (separator !== 32 && separator !== 84)) return '';
	// prettier-ignore
	return stampIso(
		text.charCodeAt(0), text.charCodeAt(1), text.charCodeAt(2), text.charCodeAt(3),
		text.charCodeAt(5), text.charCodeAt(6), text.charCodeAt(8), text.charCodeAt(9),
		text.charCodeAt(11), text.charCodeAt(12), text.charCodeAt(14), text.charCodeAt(15),
		text.charCodeAt(17), text.charCodeAt(18), suffixOf,
	);
}

/** The ISO text of a usual stamp from the character codes of its digits; '' if they do not fit. */
// prettier-ignore
function stampIso(
	y1: number, y2: number, y3: number, y4: number, mo1: number, mo2: number, d1: number,
	d2: number, h1: number, h2: number, mi1: number, mi2: number, s1: number, s2: number,
	suffixOf: HourSuffixOf,
): string {
	// Each term is negative when its character is below '0' or above '9' ('5' for tens of minutes
	// and seconds), so one comparison checks them all.
	// prettier-ignore
	const digits =
		(y1 - 48) | (57 - y1) | (y2 - 48) | (57 - y2) | (y3 - 48) | (57 - y3) | (y4 - 48) | (57 - y4) |
		(mo1 - 48) | (57 - mo1) | (mo2 - 48) | (57 - mo2) | (d1 - 48) | (57 - d1) | (d2 - 48) | (57 - d2) |
		(h1 - 48) | (57 - h1) | (h2 - 48) | (57 - h2) | (mi1 - 48) | (53 - mi1) | (mi2 - 48) | (57 - mi2) |
		(s1 - 48) | (53 - s1) | (s2 - 48) | (57 - s2);
	const month = mo1 * 10 + mo2 - 528;
	const day = d1 * 10 + d2 - 528;
	const hour = h1 * 10 + h2 - 528;
	if (digits < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23) return '';
	const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4 - 53328;
	const offset = suffixOf(year, month, day, hour);
	if (offset === null) return '';
	// prettier-ignore
	if (offset.length !== 6)
		return String.fromCharCode(y1, y2, y3, y4, 45, mo1, mo2, 45, d1, d2, 84, h1, h2, 58, mi1, mi2, 58, s1, s2) + offset;
	// prettier-ignore
	return String.fromCharCode(
		y1, y2, y3, y4, 45, mo1, mo2, 45, d1, d2, 84, h1, h2, 58, mi1, mi2, 58, s1, s2,
		offset.charCodeAt(0), offset.charCodeAt(1), offset.charCodeAt(2),
		offset.charCodeAt(3), offset.charCodeAt(4), offset.charCodeAt(5),
	);
}

function readText(value: unknown): unknown {
	return value === null || value === undefined || (typeof value === 'string' && isBlank(value))
		? null
		: value;
}

/** Readers of the scalar kinds; `dateTime` depends on the zone. */
const SCALAR_READERS: Record<Exclude<ScalarKind, 'dateTime'>, Reader> = {
	id: readWhole,
	count: readWhole,
	number: readNumber,
	seconds: readSeconds,
	percentage: readPercentage,
	date: readDate,
	hour: readHour,
	timeOfDay: readTimeOfDay,
	boolean: readBoolean,
	text: readText,
	object: readText,
};

/**
 * The reader of one scalar kind, for a value typed outside an answer (an alert's threshold): the
 * typed value, null when empty, or UNFIT when the value cannot be true for the kind.
 */
export function scalarReader(kind: Exclude<ScalarKind, 'dateTime'>): (value: unknown) => unknown {
	return SCALAR_READERS[kind];
}

/**
 * Every character typing writes a value with, other than texts kept as sent: numbers ("1.5e+21"),
 * dates and times ("2026-11-23T07:58:12-05:00", "+012026-01-01T00:00:00Z", "07:30"). Letters in
 * either case, as the redactor matches them.
 */
const TYPED_CHARACTERS = /^[0-9.:+eTZ-]+$/i;

/**
 * Whether typing could write `text`: a value sent in another form (a count as
 * "1.234567890123456e15", a duration as "342935525034:17:36") may be typed into it, and no blanking
 * of the texts sent finds that. A token this is true of is refused.
 */
export function typingCouldWrite(text: string): boolean {
	return TYPED_CHARACTERS.test(text);
}

/** A misfit's text as kept under `_unparsed`. */
function originalText(value: unknown): string {
	return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** A misfit row's text as kept under `_unparsed`, a number as it was written where that is known. */
function rowText(row: unknown, source: RowsSource | undefined, entry: number): string {
	return (typeof row === 'number' && source?.numberText(entry)) || originalText(row);
}

/** How rows of one set of fields are typed: each field's name with its reader, or its nested rows'. */
interface CompiledRows {
	names: string[];
	readers: Array<Reader | CompiledRows>;
	/** Families of columns (`q{n}`): any field of the row whose name matches, typed by its kind. */
	families?: Array<{ pattern: RegExp; reader: Reader | CompiledRows }>;
}

/** The fields of `row` to type: the named ones, and those of a family the row holds. */
function fieldsOf(row: Record<string, unknown>, compiled: CompiledRows): CompiledRows {
	const { families } = compiled;
	if (!families) return compiled;
	const names = [...compiled.names];
	const readers = [...compiled.readers];
	for (const name of Object.keys(row)) {
		const family = families.find(({ pattern }) => pattern.test(name));
		if (family && !compiled.names.includes(name)) {
			names.push(name);
			readers.push(family.reader);
		}
	}
	return { names, readers };
}

/** Types row `entry` of a list in place (`source`: where the list's rows were sent); returns it. */
function typeRow(
	row: Record<string, unknown>,
	compiled: CompiledRows,
	answer: AnswerTexts,
	source: RowsSource | undefined,
	entry: number,
): TypedRow {
	const { names, readers } = fieldsOf(row, compiled);
	let unparsed: Record<string, string> | undefined;
	let ambiguous: string[] | undefined;
	/** Misfits sent as numbers: JSON.parse lost their text (`1e400` is Infinity, `1.50` is 1.5). */
	let numbers: string[] | undefined;
	for (let index = 0; index < names.length; index++) {
		const name = names[index];
		const value = row[name];
		if (value === undefined) continue;
		const reader = readers[index];
		const typed =
			typeof reader === 'function'
				? reader(value)
				: typeNested(value, reader, answer, source, entry, name);
		if (typed === value) continue; // text as sent: no store
		if (typed === UNFIT) {
			row[name] = null;
			(unparsed ??= {})[name] = originalText(value);
			if (typeof value === 'number') (numbers ??= []).push(name);
		} else if (typed instanceof AmbiguousTime) {
			row[name] = typed.iso;
			(ambiguous ??= []).push(name);
		} else row[name] = typed;
	}
	if (unparsed) {
		if (numbers && source) {
			const texts = source.numberTexts(entry, numbers);
			for (let index = 0; index < numbers.length; index++)
				unparsed[numbers[index]] = texts[index] ?? unparsed[numbers[index]];
		}
		row[UNPARSED] = unparsed;
	}
	if (ambiguous) row[AMBIGUOUS] = ambiguous;
	return row;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Nested rows, field `name` of row `entry` of a list sent at `source`: a list (or a list sent as
 * JSON text, read by the answer's rules: its caps and the blanking of the token) of rows typed by
 * their own fields.
 */
function typeNested(
	value: unknown,
	compiled: CompiledRows,
	answer: AnswerTexts,
	source: RowsSource | undefined,
	entry: number,
	name: string,
): unknown {
	let list = value;
	let listSource: RowsSource | undefined;
	if (typeof list === 'string') {
		if (isBlank(list)) return null;
		list = answer.parse(list);
		if (list === undefined) return UNFIT;
		if (Array.isArray(list)) listSource = answer.sourceOf(list);
	} else if (Array.isArray(list)) listSource = source?.listAt(entry, name);
	if (list === null) return null;
	if (!Array.isArray(list) || !list.every(isRecord)) return UNFIT;
	return list.map((row, index) => typeRow(row, compiled, answer, listSource, index));
}

function compile(fields: FieldKinds, zone: string): CompiledRows {
	const names = Object.keys(fields).filter((name) => !fieldFamily(name));
	const families = Object.keys(fields).flatMap((name) => {
		const pattern = fieldFamily(name);
		return pattern ? [{ pattern, reader: readerOf(fields[name], zone) }] : [];
	});
	return {
		names,
		readers: names.map((name) => readerOf(fields[name], zone)),
		...(families.length > 0 ? { families } : {}),
	};
}

function readerOf(kind: FieldKind, zone: string): Reader | CompiledRows {
	if (isNestedRows(kind)) return compile(kind.rows, zone);
	return kind === 'dateTime' ? dateTimeReader(zone) : SCALAR_READERS[kind];
}

export interface TypingOptions {
	/** IANA zone whose wall clock the answer's date-times are in. */
	zone: string;
	/** A field of nested rows whose inner rows become items, each carrying the outer fields. */
	splitField?: string;
}

/**
 * One item per inner row of `field`, outer fields first, `_unparsed` of both merged. The items
 * and the outer values they copy are counted against the answer's caps before they are made.
 */
function splitRow(row: TypedRow, field: string, into: TypedRow[], answer: AnswerTexts): void {
	const inner = row[field];
	if (!Array.isArray(inner) || inner.length === 0) {
		answer.makeItems(1, 0);
		into.push(row);
		return;
	}
	const outer = { ...row };
	const outerUnparsed = outer[UNPARSED];
	const outerAmbiguous = outer[AMBIGUOUS];
	delete outer[field];
	delete outer[UNPARSED];
	delete outer[AMBIGUOUS];
	answer.makeItems(inner.length, inner.length * Object.keys(outer).length);
	for (const innerRow of inner as TypedRow[]) {
		const { [UNPARSED]: innerUnparsed, [AMBIGUOUS]: innerAmbiguous, ...values } = innerRow;
		const item: TypedRow = { ...outer, ...values };
		if (outerUnparsed || innerUnparsed)
			item[UNPARSED] = {
				...(outerUnparsed as object),
				...(innerUnparsed as object),
			};
		if (outerAmbiguous || innerAmbiguous)
			item[AMBIGUOUS] = [
				...((outerAmbiguous as string[]) ?? []),
				...((innerAmbiguous as string[]) ?? []),
			];
		into.push(item);
	}
}

/**
 * Returns a function typing the rows of one answer of an endpoint with these fields, in place (the
 * list and its rows are the caller's to give away); `answer` reads the JSON texts inside them. A
 * row that is not an object is kept whole under `_unparsed.row`.
 */
export function rowTyper(
	fields: FieldKinds,
	options: TypingOptions,
): (rows: unknown[], answer: AnswerTexts) => TypedRow[] {
	const compiled = compile(fields, options.zone);
	const { splitField } = options;
	return (rows, answer) => {
		const source = answer.sourceOf(rows);
		// Without a split, the list is typed in place too: the caller hands it over.
		const typed = (splitField ? [] : rows) as TypedRow[];
		for (let index = 0; index < rows.length; index++) {
			const row = rows[index];
			const result = isRecord(row)
				? typeRow(row, compiled, answer, source, index)
				: { [UNPARSED]: { row: rowText(row, source, index) } };
			if (splitField) splitRow(result, splitField, typed, answer);
			else typed[index] = result;
		}
		return typed;
	};
}
