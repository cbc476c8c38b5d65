import type { RowReading } from './answers';
import type { FieldKinds, ScalarKind } from './catalogue/spec';
import { FLAT_ROW_MAKERS } from './catalogue/rowTypings.generated';
import {
	dateTimeReading,
	digitsValue,
	fieldsSignature,
	originalText,
	rowTyper,
	scalarReader,
	UNFIT,
	UNPARSED,
	usualSeconds,
	type TypedRow,
	type TypingOptions,
} from './typing';

/**
 * Wolkvox's answers are PHP's json_encode output: no spaces, every row with the same keys in the
 * same order, nearly every value a text in its field's usual form. In that plain form an answer's
 * rows are read here straight from its text and typed on the way, instead of JSON.parse making a
 * string of every value for typing to read once and drop (1.32 million strings in 60,000 rows of
 * agent_1, most of the time and garbage of parsing and typing them).
 *
 * Where the text leaves the plain form (a space between tokens, keys in another order or spelled
 * with escapes, a field missing or added, a list or object as a value) it gives up, and the answer
 * is read the general way (JSON.parse, then typing.ts). A value that is not in its kind's usual
 * form (escapes, a number, another clock form, a misfit) is decoded as JSON.parse decodes it and
 * typed by the same reader as there, so both ways give the same rows.
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

/** How a field's usual form is read from the text; anything else goes to the kind's reader. */
const enum Form {
	Digits,
	Seconds,
	DateTime,
	Text,
	Other,
}

const FORMS: Partial<Record<ScalarKind, Form>> = {
	id: Form.Digits,
	count: Form.Digits,
	number: Form.Digits,
	seconds: Form.Seconds,
	dateTime: Form.DateTime,
	text: Form.Text,
	object: Form.Text,
};

/** Shorter texts are copied by `slice`; longer ones would be views keeping the whole answer alive. */
const SHORTEST_VIEW = 13;

/** Index of the quote closing the JSON string whose text starts at `from`, or -1. */
function stringEnd(text: string, from: number): number {
	for (let index = from; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === BACKSLASH) index++;
		else if (code === QUOTE) return index;
	}
	return -1;
}

/** Index of the `,` or `}` after the JSON value starting at `from` in an object, or -1. */
function valueEnd(text: string, from: number): number {
	let depth = 0;
	for (let index = from; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === QUOTE) {
			index = stringEnd(text, index + 1);
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

/**
 * A reader of answers of an endpoint with these fields, in the zone's wall clock: the answer with
 * its rows typed, or undefined where the text is not in the plain form (read it the general way).
 * Undefined for fields with nested rows (no plain form).
 */
export function plainAnswerReader(
	fields: FieldKinds,
	zone: string,
): ((body: string) => PlainAnswer | undefined) | undefined {
	const maker = FLAT_ROW_MAKERS.get(fieldsSignature(fields));
	const names = Object.keys(fields);
	if (!maker || names.length === 0) return undefined;
	const make: RowMaker = maker;
	const kinds = names.map((name) => fields[name] as ScalarKind);
	const dateTime = dateTimeReading(zone);
	const readers = kinds.map((kind) => (kind === 'dateTime' ? dateTime.read : scalarReader(kind)));
	const forms = kinds.map((kind) => FORMS[kind] ?? Form.Other);
	// `"name":` of each field, as character codes.
	const keys = names.map((name) =>
		Array.from(`"${name}":`, (character) => character.charCodeAt(0)),
	);
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

	/** A text value text[from, to) (no escapes) as a string of its own. */
	function copy(text: string, from: number, to: number): unknown {
		return to - from < SHORTEST_VIEW ? text.slice(from, to) : decoded(text.slice(from - 1, to + 1));
	}

	/** Reads the value of field `field` at `from`; the index after it, or -1. */
	function readValue(text: string, field: number, from: number): number {
		const first = text.charCodeAt(from);
		if (first !== QUOTE) {
			// A number, true, false or null; a list or object has no plain form.
			const end = first === OPEN_LIST || first === OPEN_OBJECT ? -1 : valueEnd(text, from);
			return end >= 0 && store(field, decoded(text.slice(from, end))) ? end : -1;
		}
		const start = from + 1;
		// A usual form has no escape, so the next quote ends it.
		const quote = text.indexOf('"', start);
		const form = forms[field];
		let usual: number | string = -1;
		if (form === Form.Digits) usual = digitsValue(text, start, quote);
		else if (form === Form.Seconds) usual = usualSeconds(text, start, quote);
		else if (form === Form.DateTime && quote - start === 19)
			usual = dateTime.usualIso(text, start) || -1;
		if (usual !== -1) {
			values[field] = usual;
			return quote + 1;
		}
		// Any other text is read through, for its end, its escapes and what JSON forbids in it.
		let end = start;
		let escaped = false;
		for (let code = text.charCodeAt(end); code !== QUOTE; code = text.charCodeAt(++end)) {
			if (code === BACKSLASH) {
				escaped = true;
				end++;
			} else if (code < 32 || Number.isNaN(code)) return -1; // not JSON, or the text ended
		}
		const value = escaped ? decoded(text.slice(from, end + 1)) : copy(text, start, end);
		return store(field, value) ? end + 1 : -1;
	}

	/** The rows of the list whose first row starts at `from`, and the index after the list. */
	function readRows(text: string, from: number): { rows: TypedRow[]; end: number } | undefined {
		const rows: TypedRow[] = [];
		let index = from;
		if (text.charCodeAt(index) === CLOSE_LIST) return { rows, end: index + 1 };
		for (;;) {
			if (text.charCodeAt(index) !== OPEN_OBJECT) return undefined;
			index++;
			unparsed = undefined;
			for (let field = 0; field < keys.length; field++) {
				const key = keys[field];
				for (let at = 0; at < key.length; at++)
					if (text.charCodeAt(index + at) !== key[at]) return undefined;
				index = readValue(text, field, index + key.length);
				if (index < 0) return undefined;
				const after = text.charCodeAt(index);
				if (after !== (field === keys.length - 1 ? CLOSE_OBJECT : COMMA)) return undefined;
				index++;
			}
			const row = make(values);
			if (unparsed) row[UNPARSED] = unparsed;
			rows.push(row);
			const after = text.charCodeAt(index);
			if (after === CLOSE_LIST) return { rows, end: index + 1 };
			if (after !== COMMA) return undefined;
			index++;
		}
	}

	return (body) => {
		if (body.charCodeAt(0) !== OPEN_OBJECT) return undefined;
		let list: { rows: TypedRow[]; start: number; end: number } | undefined;
		// The answer's own keys (code, error, msg, data): the rows are the value of its only "data".
		for (let index = 1; ; ) {
			if (body.charCodeAt(index) !== QUOTE) return undefined;
			const keyEnd = stringEnd(body, index + 1);
			if (keyEnd < 0 || body.charCodeAt(keyEnd + 1) !== COLON) return undefined;
			const key = body.slice(index + 1, keyEnd);
			// An escaped key could spell "data" a second time.
			if (key.includes('\\')) return undefined;
			const start = keyEnd + 2;
			let end: number;
			if (key !== 'data') end = valueEnd(body, start);
			else {
				if (list || body.charCodeAt(start) !== OPEN_LIST) return undefined;
				const read = readRows(body, start + 1);
				if (!read) return undefined;
				list = { rows: read.rows, start, end: read.end };
				end = read.end;
			}
			const after = body.charCodeAt(end);
			if (end < 0 || (after !== COMMA && after !== CLOSE_OBJECT)) return undefined;
			if (after === CLOSE_OBJECT) break;
			index = end + 1;
		}
		if (!list) return undefined;
		// The rest as JSON.parse reads it (which checks it is JSON), the rows in their place.
		const answer = decoded(`${body.slice(0, list.start)}null${body.slice(list.end)}`);
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
