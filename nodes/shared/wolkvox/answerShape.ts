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
