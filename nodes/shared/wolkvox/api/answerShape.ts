/**
 * The shape of JSON against caps. JSON.parse builds every value of a text at once, so the cap on
 * what it builds has to hold before it starts: a text too short to hold more values than the cap
 * is parsed, then its shape counted on what was parsed (several times faster than on the
 * text); a longer one is counted on its text first.
 */

/** The cap a text passes: a list too long, too many values, or lists and objects nested too deep. */
export type ShapeExcess = 'entries' | 'values' | 'depth';

export interface ShapeCaps {
	/** Most values (objects, lists, texts, numbers, true/false/null) in the text. */
	values: number;
	/** Most entries of any one list, at any depth. */
	entries: number;
	/** Most lists and objects open at once. */
	depth: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_LIST = 91;
const CLOSE_LIST = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** Marks an open object in the entries-per-depth counts. */
const OBJECT = -1;

/**
 * The number of values JSON.parse would build from `text`, or the first cap it passes (it stops
 * there). Every value is the whole text, an object member's value (one `:` each) or a list entry
 * (one more than the list's commas, when the list is not empty), so a pass over the characters
 * outside texts counts them all; texts are skipped with the native `indexOf`. One linear pass: the
 * only allocation is one small array per call. A text that is not JSON is counted as far as it
 * goes (JSON.parse refuses it afterwards); one that does not open a list or an object (an HTML
 * page, say) is not looked into: it is one value at most.
 */
export function countJsonValues(text: string, caps: ShapeCaps): number | ShapeExcess {
	const first = text.charCodeAt(skipSpace(text, 0));
	if (first !== OPEN_LIST && first !== OPEN_OBJECT) return 1;
	// Entries of the list open at each depth, OBJECT for an object; index 0 is the top level.
	const entries = new Int32Array(caps.depth + 1);
	let depth = 0;
	let values = 1;
	const length = text.length;
	for (let index = 0; index < length; index++) {
		const code = text.charCodeAt(index);
		if (code === QUOTE) {
			index = closingQuote(text, index);
			if (index < 0) return values;
		} else if (code === COLON) {
			if (++values > caps.values) return 'values';
		} else if (code === COMMA) {
			if (depth > 0 && entries[depth] !== OBJECT) {
				if (++entries[depth] > caps.entries) return 'entries';
				if (++values > caps.values) return 'values';
			}
		} else if (code === OPEN_OBJECT) {
			if (++depth > caps.depth) return 'depth';
			entries[depth] = OBJECT;
		} else if (code === OPEN_LIST) {
			if (++depth > caps.depth) return 'depth';
			entries[depth] = 0;
			// Its first entry, unless it closes at once.
			if (text.charCodeAt(skipSpace(text, index + 1)) !== CLOSE_LIST) {
				if (++entries[depth] > caps.entries) return 'entries';
				if (++values > caps.values) return 'values';
			}
		} else if ((code === CLOSE_LIST || code === CLOSE_OBJECT) && depth > 0) depth--;
	}
	return values;
}

/**
 * Whether a text of `length` characters may hold more than `values` values: every value takes a
 * character, and every one after the first a separator, a closing bracket or a member name too.
 */
export function mayHoldMoreValues(length: number, values: number): boolean {
	return length + 1 > 2 * values;
}

/**
 * `countJsonValues` of a value JSON.parse built, for a text `mayHoldMoreValues` clears (so the
 * values cap holds): its values, or the entries or depth cap it passes. It looks no deeper than
 * the depth cap, so it cannot overflow the stack, nor can a walk of the value after it.
 */
export function countParsedValues(value: unknown, caps: ShapeCaps): number | ShapeExcess {
	let values = 1;
	const visit = (container: object, depth: number): ShapeExcess | undefined => {
		if (depth > caps.depth) return 'depth';
		if (Array.isArray(container)) {
			if (container.length > caps.entries) return 'entries';
			values += container.length;
			for (const entry of container as unknown[]) {
				if (typeof entry !== 'object' || entry === null) continue;
				const excess = visit(entry, depth + 1);
				if (excess) return excess;
			}
			return undefined;
		}
		const record = container as Record<string, unknown>;
		for (const key in record) {
			values++;
			const entry = record[key];
			if (typeof entry !== 'object' || entry === null) continue;
			const excess = visit(entry, depth + 1);
			if (excess) return excess;
		}
		return undefined;
	};
	if (typeof value !== 'object' || value === null) return values;
	return visit(value, 1) ?? values;
}

/** Where the text opened at `open` ends: its closing quote, or -1 if it never closes. */
function closingQuote(text: string, open: number): number {
	let quote = text.indexOf('"', open + 1);
	while (quote >= 0) {
		// Escaped when an odd number of backslashes comes before it. Each backslash is looked at
		// once: the look back stops at the character after the previous quote at the latest.
		let backslashes = 0;
		while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
		if (backslashes % 2 === 0) return quote;
		quote = text.indexOf('"', quote + 1);
	}
	return -1;
}

/** The first index at or after `index` that is not JSON white space. */
function skipSpace(text: string, index: number): number {
	while (text.charCodeAt(index) <= 32) index++;
	return index;
}

/** The index just after the value that starts at `start`, in a text JSON.parse accepts. */
function valueEnd(text: string, start: number): number {
	const code = text.charCodeAt(start);
	if (code === QUOTE) return closingQuote(text, start) + 1;
	if (code === OPEN_LIST || code === OPEN_OBJECT) {
		let depth = 0;
		for (let index = start; index < text.length; index++) {
			const character = text.charCodeAt(index);
			if (character === QUOTE) index = closingQuote(text, index);
			else if (character === OPEN_LIST || character === OPEN_OBJECT) depth++;
			else if ((character === CLOSE_LIST || character === CLOSE_OBJECT) && --depth === 0)
				return index + 1;
		}
		return text.length;
	}
	// A number, true, false or null: up to the next white space or delimiter.
	let index = start;
	for (; index < text.length; index++) {
		const character = text.charCodeAt(index);
		if (character <= 32 || character === COMMA) break;
		if (character === CLOSE_LIST || character === CLOSE_OBJECT) break;
	}
	return index;
}

/** Whether the member name between the quotes at `open` and `close` is `name`. */
function nameIs(text: string, open: number, close: number, name: string): boolean {
	const length = close - open - 1;
	if (length === name.length) return text.startsWith(name, open + 1);
	// Escapes spell a name in more characters than it has.
	return (
		length > name.length &&
		text.slice(open + 1, close).includes('\\') &&
		JSON.parse(text.slice(open, close + 1)) === name
	);
}

/**
 * Where the values of the members `names` of the object at `open` start (of each, the last member
 * of that name, as JSON.parse keeps it), -1 where there is none: one pass over the object.
 */
function memberStarts(text: string, open: number, names: readonly string[]): number[] {
	const found = names.map(() => -1);
	let index = skipSpace(text, open + 1);
	while (text.charCodeAt(index) === QUOTE) {
		const close = closingQuote(text, index);
		const value = skipSpace(text, skipSpace(text, close + 1) + 1);
		for (let name = 0; name < names.length; name++)
			if (nameIs(text, index, close, names[name])) found[name] = value;
		index = skipSpace(text, valueEnd(text, value));
		if (text.charCodeAt(index) !== COMMA) break;
		index = skipSpace(text, index + 1);
	}
	return found;
}

/** Where the rows of a list JSON.parse read are in its text, to find a value's text as sent. */
export interface RowsSource {
	/**
	 * The texts as sent of the numbers that are fields `names` of row `entry`, undefined where
	 * there is none; one pass over the row.
	 */
	numberTexts(entry: number, names: readonly string[]): Array<string | undefined>;
	/** The text as sent of row `entry` itself when it is a number. */
	numberText(entry: number): string | undefined;
	/** The source of the list that is field `name` of row `entry`. */
	listAt(entry: number, name: string): RowsSource;
}

/**
 * The rows of one list in a text (or the one row an object there is), located when first asked
 * for, then found in order: each from where the one before ended, so looking into every row is one
 * pass over the text.
 */
export class ListSource implements RowsSource {
	private open = -1;
	private index = 0;
	private at = -1;

	/** `locate` gives where the list (or the object) opens in `text`, -1 if nowhere. */
	constructor(
		private readonly text: string,
		private locate?: () => number,
	) {}

	/** The list (or object) that is the whole of `text`. */
	static whole(text: string): ListSource {
		return new ListSource(text, () => skipSpace(text, 0));
	}

	/** The list (or object) that is member `name` of the object that is the whole of `text`. */
	static member(text: string, name: string): ListSource {
		return new ListSource(text, () => memberStarts(text, skipSpace(text, 0), [name])[0]);
	}

	numberTexts(entry: number, names: readonly string[]): Array<string | undefined> {
		return this.membersOf(this.entryStart(entry), names).map((start) => this.numberAt(start));
	}

	numberText(entry: number): string | undefined {
		return this.numberAt(this.entryStart(entry));
	}

	listAt(entry: number, name: string): RowsSource {
		return new ListSource(this.text, () => this.membersOf(this.entryStart(entry), [name])[0]);
	}

	/** The text of the number at `start`, if one is there. */
	private numberAt(start: number): string | undefined {
		const code = this.text.charCodeAt(start);
		// A number starts with "-" or a digit.
		if (start < 0 || !(code === 45 || (code >= 48 && code <= 57))) return undefined;
		return this.text.slice(start, valueEnd(this.text, start));
	}

	/** Where members `names` of the object at `start` start; -1 where none (or no object) is. */
	private membersOf(start: number, names: readonly string[]): number[] {
		if (start < 0 || this.text.charCodeAt(start) !== OPEN_OBJECT) return names.map(() => -1);
		return memberStarts(this.text, start, names);
	}

	/** Where entry `entry` starts (the object itself for entry 0 of one), or -1. */
	private entryStart(entry: number): number {
		const { text } = this;
		if (this.locate) {
			this.open = this.locate();
			this.locate = undefined;
		}
		if (this.open < 0) return -1;
		if (text.charCodeAt(this.open) !== OPEN_LIST) return entry === 0 ? this.open : -1;
		if (this.at < 0 || entry < this.index) {
			this.index = 0;
			this.at = skipSpace(text, this.open + 1);
		}
		for (; this.index < entry; this.index++) {
			const next = skipSpace(text, valueEnd(text, this.at));
			if (text.charCodeAt(next) !== COMMA) return -1;
			this.at = skipSpace(text, next + 1);
		}
		return text.charCodeAt(this.at) === CLOSE_LIST ? -1 : this.at;
	}
}
