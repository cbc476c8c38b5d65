/**
 * Blanking a secret (the token) out of text and data before n8n stores or shows them: servers and
 * proxies echo tokens in error pages, rows and headers, and not always as sent.
 */

/** Shortest part of a secret that is blanked on its own: shorter pieces match too much by chance. */
const MIN_SECRET_PIECE = 8;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `abcdefghij` -> a pattern for `abcdefgh`, `abcdefghi` or `abcdefghij` (the longest wins). */
function prefixPattern(text: string): string {
	if (text.length <= MIN_SECRET_PIECE) return escapeRegExp(text);
	let rest = '';
	for (let index = text.length - 1; index >= MIN_SECRET_PIECE; index--)
		rest = `(?:${escapeRegExp(text[index])}${rest})?`;
	return escapeRegExp(text.slice(0, MIN_SECRET_PIECE)) + rest;
}

/** Replaces a secret with `***` in a text; `mayHold` is a quick test that is true whenever it would. */
export interface SecretRedactor {
	(text: string): string;
	mayHold(text: string): boolean;
	/** True whenever a text (key or value) that JSON.parse reads from `json` would be changed. */
	mayHoldInJson(json: string): boolean;
}

/**
 * A function that replaces `secret` with `***` in a text: as is, URL-encoded, base64 (standard or
 * URL-safe), in any letter case, or any prefix of 8 characters or more of these forms.
 */
export function secretRedactor(secret: string): SecretRedactor {
	if (secret === '')
		return Object.assign((text: string) => text, {
			mayHold: () => false,
			mayHoldInJson: () => false,
		});
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	const forms = new Set([
		secret,
		encodeURIComponent(secret),
		base64,
		base64.replace(/=+$/, ''),
		base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
	]);
	const patterns = [...forms].sort((a, b) => b.length - a.length).map(prefixPattern);
	const pattern = new RegExp(patterns.join('|'), 'gi');
	// Every match starts with one of these: a cheap test first, since nearly no text holds one.
	const starts = new RegExp(
		[...forms].map((form) => escapeRegExp(form.slice(0, MIN_SECRET_PIECE))).join('|'),
		'i',
	);
	const shortest = Math.min(secret.length, MIN_SECRET_PIECE);
	const mayHold = (text: string) => text.length >= shortest && starts.test(text);
	const spellsFormCharacter = escapesSpelling(forms);
	return Object.assign((text: string) => (mayHold(text) ? text.replace(pattern, '***') : text), {
		mayHold,
		// A text JSON.parse reads is a stretch of the body with its escapes decoded. An escape that
		// decodes to no character of any form (PHP escapes every "/" and accented letter) cannot be
		// part of a form, so then a form in a text is a form in the body as sent.
		mayHoldInJson: (json: string) =>
			// includes() first: a native search, several times faster than the pattern's.
			(json.includes('\\') && spellsFormCharacter.test(json)) || mayHold(json),
	});
}

const ANY_ESCAPE = /\\/;

/** Characters JSON may also escape with a letter: "\\/" for "/", "\\n" for a line feed. */
const SHORT_ESCAPES = new Map([
	['"', '"'],
	['\\', '\\'],
	['/', '/'],
	['\b', 'b'],
	['\f', 'f'],
	['\n', 'n'],
	['\r', 'r'],
	['\t', 't'],
]);

/**
 * Matches any JSON escape that decodes to a character of one of `forms`, in either letter case (the
 * redactor matches any case). It also matches an escaped backslash followed by such text: that
 * only costs a walk. Beyond ASCII, letter case has more than two spellings: any escape counts then.
 */
function escapesSpelling(forms: Iterable<string>): RegExp {
	const characters = new Set<string>();
	for (const form of forms)
		for (let index = 0; index < form.length; index++) {
			if (form.charCodeAt(index) >= 128) return ANY_ESCAPE;
			characters.add(form[index].toLowerCase()).add(form[index].toUpperCase());
		}
	const escapes = [...characters].map((character) => {
		const short = SHORT_ESCAPES.get(character);
		return short === undefined
			? `u${hex4(character)}`
			: `u${hex4(character)}|${escapeRegExp(short)}`;
	});
	// Case-insensitive: hex digits are written in either case.
	return new RegExp(`\\\\(?:${escapes.join('|')})`, 'i');
}

const hex4 = (character: string) => character.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * What JSON.parse read from `json`, with the secret blanked out of every text and key in it. When
 * `json` cannot hold a form of the secret in any spelling, nothing JSON.parse read from it can:
 * two scans of the text then stand for a walk over every value.
 */
export function parsedWithoutSecret<T>(json: string, parsed: T, redact: SecretRedactor): T {
	return redact.mayHoldInJson(json) ? redactDeep(parsed, redact) : parsed;
}

/**
 * `value` with `redact` applied to every text in it, keys included. Returns the same object when
 * nothing changed, so clean rows (nearly all) are not copied: the walk is a plain loop because it
 * runs over every value of up to 60,000 rows, and each distinct key is checked once per call.
 */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
	return redactValue(value, redact, new Set());
}

function redactValue<T>(value: T, redact: (text: string) => string, cleanKeys: Set<string>): T {
	if (typeof value === 'string') return redact(value) as T;
	if (typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		for (let index = 0; index < value.length; index++) {
			const entry: unknown = value[index];
			const clean = typeof entry === 'number' ? entry : redactValue(entry, redact, cleanKeys);
			if (clean !== entry) (copy ??= [...value])[index] = clean;
		}
		return (copy ?? value) as T;
	}
	const record = value as Record<string, unknown>;
	return (
		holdsSecret(record, redact, cleanKeys) ? redactedCopy(record, redact, cleanKeys) : record
	) as T;
}

/** Whether a key or value of `record` changes when redacted; stops at the first that does. */
function holdsSecret(
	record: Record<string, unknown>,
	redact: (text: string) => string,
	cleanKeys: Set<string>,
): boolean {
	for (const key in record) {
		if (!cleanKeys.has(key)) {
			if (redact(key) !== key) return true;
			cleanKeys.add(key);
		}
		const entry = record[key];
		if (typeof entry === 'number' || typeof entry === 'boolean' || entry === null) continue;
		if (redactValue(entry, redact, cleanKeys) !== entry) return true;
	}
	return false;
}

function redactedCopy(
	record: Record<string, unknown>,
	redact: (text: string) => string,
	cleanKeys: Set<string>,
): Record<string, unknown> {
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(record)) {
		// defineProperty: a "__proto__" key stays data, never becomes the prototype.
		Object.defineProperty(copy, redact(key), {
			value: redactValue(record[key], redact, cleanKeys),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return copy;
}
