import type { RowReading } from './answers';
import type { FieldKinds, ScalarKind } from './catalogue/spec';
import { FLAT_ROW_MAKERS } from './catalogue/rowTypings.generated';
import {
	bytesDigitsValue,
	bytesUsualSeconds,
	dateTimeReading,
	fieldsSignature,
	originalText,
	rowTyper,
	scalarReader,
	UNFIT,
	UNPARSED,
	type TypedRow,
	type TypingOptions,
} from './typing';

/**
 * Wolkvox's answers are PHP's json_encode output: no spaces, every row with the same keys in the
 * same order, nearly every value a text in its field's usual form. In that plain form an answer's
 * rows are read here straight from its UTF-8 bytes and typed on the way, instead of JSON.parse
 * making a string of every value for typing to read once and drop (1.32 million strings in 60,000
 * rows of agent_1, most of the time and garbage of parsing and typing them). Bytes, not the decoded
 * text: V8 reads a byte of a Uint8Array ~2.5x faster than a character with charCodeAt, and the keys
 * alone are 13 million characters in those rows.
 *
 * Where the text leaves the plain form (a space between tokens, keys in another order or spelled
 * with escapes, a field missing or added, a list or object as a value) it gives up, and the answer
 * is read the general way (JSON.parse, then typing.ts). A value that is not in its kind's usual
 * form (a text, escapes, a number, another clock form, a misfit) is decoded as JSON.parse decodes
 * it and typed by the same reader as there, so both ways give the same rows.
 */

/** Makes a row of a field set from its values in field order (generated per set, see the map). */
export type RowMaker = (values: readonly unknown[]) => TypedRow;

/** The answer as JSON.parse reads it, but with the rows of `data` typed, and those rows. */
export interface PlainAnswer {
	answer: Record<string, unknown>;
	rows: TypedRow[];
}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const BACKSLASH = 92;
const OPEN_LIST = 91;
const CLOSE_LIST = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** How a field's usual form is read from the bytes; anything else goes to the kind's reader. */
const enum Form {
	Digits,
	Seconds,
	DateTime,
	Other,
}

const FORMS: Partial<Record<ScalarKind, Form>> = {
	id: Form.Digits,
	count: Form.Digits,
	number: Form.Digits,
	seconds: Form.Seconds,
	dateTime: Form.DateTime,
};

/** Index of the quote closing the JSON string whose text starts at `from`, or -1. */
function stringEnd(bytes: Buffer, from: number): number {
	for (let index = from; index < bytes.length; index++) {
		const code = bytes[index];
		if (code === BACKSLASH) index++;
		else if (code === QUOTE) return index;
	}
	return -1;
}

/** Index of the `,` or `}` after the JSON value starting at `from` in an object, or -1. */
function valueEnd(bytes: Buffer, from: number): number {
	let depth = 0;
	for (let index = from; index < bytes.length; index++) {
		const code = bytes[index];
		if (code === QUOTE) {
			index = stringEnd(bytes, index + 1);
			if (index < 0) return -1;
		} else if (code === OPEN_LIST || code === OPEN_OBJECT) depth++;
		else if (code === CLOSE_LIST || code === CLOSE_OBJECT) {
			if (depth === 0) return index;
			depth--;
		} else if (code === COMMA && depth === 0) return index;
	}
	return -1;
}

/** JSON.parse of a text, or UNFIT where it is not one JSON value. */
function decoded(json: string): unknown {
	try {
		return JSON.parse(json);
	} catch {
		return UNFIT;
	}
}

/** The text of bytes[from, to), decoded as the whole answer is (UTF-8; a quote bounds no sequence). */
const textOf = (bytes: Buffer, from: number, to: number) => bytes.toString('utf8', from, to);

/**
 * A reader of answers of an endpoint with these fields, in the zone's wall clock: from an answer's
 * text and its UTF-8 bytes (those the text was decoded from; encoded from it when not given), the
 * answer with its rows typed, or undefined where the text is not in the plain form (read it the
 * general way). Undefined for fields with nested rows (no plain form).
 */
export function plainAnswerReader(
	fields: FieldKinds,
	zone: string,
): ((body: string, bytes?: Buffer) => PlainAnswer | undefined) | undefined {
	const maker = FLAT_ROW_MAKERS.get(fieldsSignature(fields));
	const names = Object.keys(fields);
	if (!maker || names.length === 0) return undefined;
	const make: RowMaker = maker;
	const kinds = names.map((name) => fields[name] as ScalarKind);
	const dateTime = dateTimeReading(zone);
	const readers = kinds.map((kind) => (kind === 'dateTime' ? dateTime.read : scalarReader(kind)));
	const forms = kinds.map((kind) => FORMS[kind] ?? Form.Other);
	// `"name":` of each field, as UTF-8 bytes.
	const keys = names.map((name) => Uint8Array.from(Buffer.from(`"${name}":`, 'utf8')));
	const lastField = names.length - 1;
	const values: unknown[] = new Array(names.length);
	let unparsed: Record<string, string> | undefined;

	/** Stores the typed value of field `field` (or its misfit); false if the value is not JSON. */
	function store(field: number, value: unknown): boolean {
		if (value === UNFIT) return false;
		const typed = readers[field](value);
		if (typed !== UNFIT) values[field] = typed;
		else {
			values[field] = null;
			(unparsed ??= {})[names[field]] = originalText(value);
		}
		return true;
	}

	/** Reads the value of field `field` at `from` (of `size` bytes); the index after it, or -1. */
	function readValue(bytes: Buffer, size: number, field: number, from: number): number {
		const first = bytes[from];
		if (first !== QUOTE) {
			// A number, true, false or null; a list or object has no plain form.
			const end = first === OPEN_LIST || first === OPEN_OBJECT ? -1 : valueEnd(bytes, from);
			return end >= 0 && store(field, decoded(textOf(bytes, from, end))) ? end : -1;
		}
		const start = from + 1;
		// A usual form has no escape, so the next quote ends it. (A loop: Buffer#indexOf is a call
		// into C++ that costs more than reading the few bytes of a value.)
		let quote = start;
		while (quote < size && bytes[quote] !== QUOTE) quote++;
		const form = forms[field];
		let usual: number | string = -1;
		if (form === Form.Digits) usual = bytesDigitsValue(bytes, start, quote);
		else if (form === Form.Seconds) usual = bytesUsualSeconds(bytes, start, quote);
		else if (form === Form.DateTime && quote - start === 19)
			usual = dateTime.bytesUsualIso(bytes, start) || -1;
		if (usual !== -1) {
			values[field] = usual;
			return quote + 1;
		}
		// Any other text is read through, for its end, its escapes and what JSON forbids in it.
		let end = start;
		let escaped = false;
		for (; end < size; end++) {
			const code = bytes[end];
			if (code === QUOTE) break;
			if (code === BACKSLASH) {
				escaped = true;
				end++;
			} else if (code < 32) return -1;
		}
		if (end >= size) return -1;
		const text = escaped ? decoded(textOf(bytes, from, end + 1)) : textOf(bytes, start, end);
		return store(field, text) ? end + 1 : -1;
	}

	/** The rows of the list whose first row starts at `from`, and the index after the list. */
	function readRows(bytes: Buffer, from: number): { rows: TypedRow[]; end: number } | undefined {
		const rows: TypedRow[] = [];
		const size = bytes.length;
		let index = from;
		if (bytes[index] === CLOSE_LIST) return { rows, end: index + 1 };
		for (;;) {
			if (bytes[index] !== OPEN_OBJECT) return undefined;
			index++;
			unparsed = undefined;
			for (let field = 0; field <= lastField; field++) {
				const key = keys[field];
				for (let at = 0; at < key.length; at++, index++)
					if (bytes[index] !== key[at]) return undefined;
				index = readValue(bytes, size, field, index);
				if (index < 0) return undefined;
				if (bytes[index] !== (field === lastField ? CLOSE_OBJECT : COMMA)) return undefined;
				index++;
			}
			const row = make(values);
			if (unparsed) row[UNPARSED] = unparsed;
			rows.push(row);
			const after = bytes[index];
			if (after === CLOSE_LIST) return { rows, end: index + 1 };
			if (after !== COMMA) return undefined;
			index++;
		}
	}

	return (body, bytes = Buffer.from(body, 'utf8')) => {
		if (bytes[0] !== OPEN_OBJECT) return undefined;
		let list: { rows: TypedRow[]; start: number; end: number } | undefined;
		// The answer's own keys (code, error, msg, data): the rows are the value of its only "data".
		for (let index = 1; ; ) {
			if (bytes[index] !== QUOTE) return undefined;
			const keyEnd = stringEnd(bytes, index + 1);
			if (keyEnd < 0 || bytes[keyEnd + 1] !== COLON) return undefined;
			const key = textOf(bytes, index + 1, keyEnd);
			// An escaped key could spell "data" a second time.
			if (key.includes('\\')) return undefined;
			const start = keyEnd + 2;
			let end: number;
			if (key !== 'data') end = valueEnd(bytes, start);
			else {
				if (list || bytes[start] !== OPEN_LIST) return undefined;
				const read = readRows(bytes, start + 1);
				if (!read) return undefined;
				list = { rows: read.rows, start, end: read.end };
				end = read.end;
			}
			const after = bytes[end];
			if (end < 0 || (after !== COMMA && after !== CLOSE_OBJECT)) return undefined;
			if (after === CLOSE_OBJECT) break;
			index = end + 1;
		}
		if (!list) return undefined;
		// The rest as JSON.parse reads it (which checks it is JSON), the rows in their place.
		const rest = `${textOf(bytes, 0, list.start)}null${textOf(bytes, list.end, bytes.length)}`;
		const answer = decoded(rest);
		if (typeof answer !== 'object' || answer === null) return undefined;
		(answer as Record<string, unknown>).data = list.rows;
		return { answer: answer as Record<string, unknown>, rows: list.rows };
	};
}

/** How an endpoint's rows are read typed: straight from a plain answer's text, or parsed then typed. */
export function typedRowReading(fields: FieldKinds, options: TypingOptions): RowReading<TypedRow> {
	const fromParsed = rowTyper(fields, options);
	// Nested rows to split have no plain form.
	const fromBody = options.splitField ? undefined : plainAnswerReader(fields, options.zone);
	return { fromParsed, fromBody };
}
