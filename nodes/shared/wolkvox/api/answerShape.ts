/**
 * The shape of a JSON text, counted before it is parsed: JSON.parse builds every value of a text
 * at once, so a cap on what it builds has to hold before it starts.
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

/**
 * The characters JSON gives a meaning to. A const enum: the compiled loops compare with literals,
 * which V8 folds, where module constants are loaded on every comparison.
 */
const enum Json {
	Quote = 34,
	Backslash = 92,
	Comma = 44,
	Colon = 58,
	OpenList = 91,
	CloseList = 93,
	OpenObject = 123,
	CloseObject = 125,
}

/** Marks an open object in the entries-per-depth counts. */
const enum Entries {
	OfObject = -1,
}

/**
 * The number of values JSON.parse would build from the UTF-8 `bytes` of a text, or the first cap
 * it passes (it stops there). Every value is the whole text, an object member's value (one `:`
 * each) or a list entry (one more than the list's commas, when the list is not empty), so a pass
 * over the bytes outside texts counts them all. The bytes, not the decoded text: every byte JSON
 * gives a meaning to is ASCII, which UTF-8 never uses inside another character, and a plain loop
 * over bytes is the cheapest pass there is. The only allocation is one small array per call. A
 * text that is not JSON is counted as far as it goes (JSON.parse refuses it afterwards); one that
 * does not open a list or an object (an HTML page, say) is not looked into: it is one value at most.
 */
export function countJsonValues(bytes: Uint8Array, caps: ShapeCaps): number | ShapeExcess {
	const length = bytes.length;
	const first = bytes[skipSpaceBytes(bytes, 0)];
	if (first !== Json.OpenList && first !== Json.OpenObject) return 1;
	// Entries of the list open at each depth (Entries.OfObject: an object); index 0 is the top level.
	const entries = new Int32Array(caps.depth + 1);
	let depth = 0;
	let values = 1;
	for (let index = 0; index < length; index++) {
		const code = bytes[index];
		if (code === Json.Quote) {
			// To the closing quote; an escaped character (a quote, say) is skipped whole.
			for (index++; index < length; index++) {
				const inText = bytes[index];
				if (inText === Json.Backslash) index++;
				else if (inText === Json.Quote) break;
			}
		} else if (code === Json.Colon) {
			if (++values > caps.values) return 'values';
		} else if (code === Json.Comma) {
			if (depth > 0 && entries[depth] !== Entries.OfObject) {
				if (++entries[depth] > caps.entries) return 'entries';
				if (++values > caps.values) return 'values';
			}
		} else if (code === Json.OpenObject) {
			if (++depth > caps.depth) return 'depth';
			entries[depth] = Entries.OfObject;
		} else if (code === Json.OpenList) {
			if (++depth > caps.depth) return 'depth';
			entries[depth] = 0;
			// Its first entry, unless it closes at once.
			if (bytes[skipSpaceBytes(bytes, index + 1)] !== Json.CloseList) {
				if (++entries[depth] > caps.entries) return 'entries';
				if (++values > caps.values) return 'values';
			}
		} else if ((code === Json.CloseList || code === Json.CloseObject) && depth > 0) depth--;
	}
	return values;
}

/** The first index at or after `index` that is not JSON white space (`bytes.length` at the end). */
function skipSpaceBytes(bytes: Uint8Array, index: number): number {
	while (index < bytes.length && bytes[index] <= 32) index++;
	return index;
}

/** Where the text opened at `open` ends: its closing quote, or -1 if it never closes. */
function closingQuote(text: string, open: number): number {
	let quote = text.indexOf('"', open + 1);
	while (quote >= 0) {
		// Escaped when an odd number of backslashes comes before it. Each backslash is looked at
		// once: the look back stops at the character after the previous quote at the latest.
		let backslashes = 0;
		while (text.charCodeAt(quote - 1 - backslashes) === Json.Backslash) backslashes++;
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
	if (code === Json.Quote) return closingQuote(text, start) + 1;
	if (code === Json.OpenList || code === Json.OpenObject) {
		let depth = 0;
		for (let index = start; index < text.length; index++) {
			const character = text.charCodeAt(index);
			if (character === Json.Quote) index = closingQuote(text, index);
			else if (character === Json.OpenList || character === Json.OpenObject) depth++;
			else if ((character === Json.CloseList || character === Json.CloseObject) && --depth === 0)
				return index + 1;
		}
		return text.length;
	}
	// A number, true, false or null: up to the next white space or delimiter.
	let index = start;
	for (; index < text.length; index++) {
		const character = text.charCodeAt(index);
		if (character <= 32 || character === Json.Comma) break;
		if (character === Json.CloseList || character === Json.CloseObject) break;
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
	while (text.charCodeAt(index) === Json.Quote) {
		const close = closingQuote(text, index);
		const value = skipSpace(text, skipSpace(text, close + 1) + 1);
		for (let name = 0; name < names.length; name++)
			if (nameIs(text, index, close, names[name])) found[name] = value;
		index = skipSpace(text, valueEnd(text, value));
		if (text.charCodeAt(index) !== Json.Comma) break;
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
		if (start < 0 || this.text.charCodeAt(start) !== Json.OpenObject) return names.map(() => -1);
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
		if (text.charCodeAt(this.open) !== Json.OpenList) return entry === 0 ? this.open : -1;
		if (this.at < 0 || entry < this.index) {
			this.index = 0;
			this.at = skipSpace(text, this.open + 1);
		}
		for (; this.index < entry; this.index++) {
			const next = skipSpace(text, valueEnd(text, this.at));
			if (text.charCodeAt(next) !== Json.Comma) return -1;
			this.at = skipSpace(text, next + 1);
		}
		return text.charCodeAt(this.at) === Json.CloseList ? -1 : this.at;
	}
}
