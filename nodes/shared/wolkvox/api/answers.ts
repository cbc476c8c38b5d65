import { z } from 'zod';

/**
 * Reading Wolkvox's answers: the envelope (`code`, `error`, `msg`, `data`), the caps (the values
 * cap holds before any text is parsed, the others before it is walked), the token blanked after,
 * and the rows or the failure (failures.ts) an answer means.
 */
import { WolkvoxApiFailure, type WolkvoxFailureReason } from './errors';
import {
	countJsonValues,
	countParsedValues,
	ListSource,
	mayHoldMoreValues,
	type RowsSource,
	type ShapeExcess,
} from './answerShape';
import {
	isNoDataAnswer,
	MAINTENANCE_PAGE,
	quoted,
	reasonOfAnswerText,
	wolkvoxFailure,
} from './failures';
import { MAX_ANSWER_DEPTH, MAX_RECORDS_PER_CALL, MAX_VALUES_PER_ANSWER } from './limits';
import { parsedWithoutSecret, secretRedactor, type SecretRedactor } from './redact';

const envelopeSchema = z
	.object({
		code: z.union([z.number(), z.string()]).optional(),
		error: z.unknown().optional(),
		msg: z.unknown().optional(),
		data: z.unknown().optional(),
	})
	.passthrough();

type Envelope = z.infer<typeof envelopeSchema>;

/** Marks a text JSON.parse refuses. */
const NOT_JSON = Symbol('not JSON');

const count = (value: number) => value.toLocaleString('en-US');

/** What arrived past a cap, in words; the failure is never retried. */
const EXCESS: Record<
	ShapeExcess | 'items' | 'copies',
	{ reason: WolkvoxFailureReason; arrived: string }
> = {
	entries: {
		reason: 'tooManyRecords',
		arrived: `It sent a list of more than ${count(MAX_RECORDS_PER_CALL)} rows.`,
	},
	values: {
		reason: 'tooManyRecords',
		arrived: `It holds more than ${count(MAX_VALUES_PER_ANSWER)} values (texts, numbers, rows and lists), the most this node reads from one answer.`,
	},
	items: {
		reason: 'tooManyRecords',
		arrived: `Its nested rows would become more than ${count(MAX_RECORDS_PER_CALL)} items. Turn off "Split Nested Rows" to keep them in their outer rows.`,
	},
	copies: {
		reason: 'tooManyRecords',
		arrived: `Its nested rows would copy more than ${count(MAX_VALUES_PER_ANSWER)} values of their outer rows into items. Turn off "Split Nested Rows" to keep them in their outer rows.`,
	},
	depth: {
		reason: 'unexpectedAnswer',
		arrived: `It nests lists and objects more than ${MAX_ANSWER_DEPTH} deep.`,
	},
};

/**
 * How a reading of rows reads what an answer holds beyond its parsed rows, by the answer's rules.
 * Past a cap, its methods throw the failure that says so (never retried, as a reading that finds a
 * row it cannot read throws).
 */
export interface AnswerTexts {
	/**
	 * A JSON text inside the answer (nested rows sent as text) as structure, read as the answer's
	 * own text is: held to the answer's caps (see `read`), then blanked of the token in every form
	 * the redactor knows. Undefined when the text is not JSON.
	 */
	parse(text: string): unknown;
	/** Counts `items` items about to be made from the answer, copying `copies` values into them. */
	makeItems(items: number, copies: number): void;
	/**
	 * Where the rows of `list` (the answer's rows, or nested rows `parse` read) are in the text they
	 * were read from: a number's text as sent, which JSON.parse loses (`1e400` is Infinity,
	 * `9007199254740993` is 9007199254740992, `1.50` is 1.5), is found there.
	 */
	sourceOf(list: unknown[]): RowsSource | undefined;
}

/**
 * Every text of one answer becomes structure here, the answer's own and any JSON text inside it,
 * by one rule: its shape counted against the caps (one budget of values for all of them), then
 * JSON.parse, then the token blanked. JSON.parse never sees a text past a cap, and whatever
 * escapes a text uses, the structure is checked after it became structure.
 */
export class AnswerReading implements AnswerTexts {
	private valuesLeft = MAX_VALUES_PER_ANSWER;
	private itemsLeft = MAX_RECORDS_PER_CALL;
	private copiesLeft = MAX_VALUES_PER_ANSWER;
	private readonly redact: SecretRedactor;
	/** Where the rows of each list read are in their text. */
	private readonly sources = new Map<unknown, RowsSource>();

	constructor(
		private readonly host: string,
		secret: string,
		private readonly status?: number,
	) {
		this.redact = secretRedactor(secret);
	}

	/**
	 * `text` as structure, NOT_JSON, or the failure of the cap its shape passes: never parsed when
	 * it may hold more values than are left, never walked when it passes a cap.
	 */
	read(text: string): unknown {
		const caps = {
			values: this.valuesLeft,
			entries: MAX_RECORDS_PER_CALL,
			depth: MAX_ANSWER_DEPTH,
		};
		const counted = mayHoldMoreValues(text.length, this.valuesLeft)
			? countJsonValues(text, caps)
			: undefined;
		if (typeof counted === 'string') return this.excess(counted);
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			return NOT_JSON;
		}
		const values = counted ?? countParsedValues(parsed, caps);
		if (typeof values !== 'number') return this.excess(values);
		this.valuesLeft -= values;
		const read = parsedWithoutSecret(text, parsed, this.redact);
		if (Array.isArray(read)) this.sources.set(read, ListSource.whole(text));
		return read;
	}

	/** The rows of the answer `text` (read by `read`) from its `data`: the list, or its one record. */
	rowsOf(text: string, data: unknown): unknown[] {
		const rows = Array.isArray(data) ? data : [data];
		this.sources.set(rows, ListSource.member(text, 'data'));
		return rows;
	}

	sourceOf(list: unknown[]): RowsSource | undefined {
		return this.sources.get(list);
	}

	parse(text: string): unknown {
		const parsed = this.read(text);
		if (parsed instanceof WolkvoxApiFailure) throw parsed;
		return parsed === NOT_JSON ? undefined : parsed;
	}

	makeItems(items: number, copies: number): void {
		this.itemsLeft -= items;
		this.copiesLeft -= copies;
		if (this.itemsLeft < 0) throw this.excess('items');
		if (this.copiesLeft < 0) throw this.excess('copies');
	}

	private excess(cap: keyof typeof EXCESS): WolkvoxApiFailure {
		const { reason, arrived } = EXCESS[cap];
		return wolkvoxFailure(reason, this.host, this.status, undefined, arrived);
	}
}

function envelopeOf(parsed: unknown): Envelope | undefined {
	const result = envelopeSchema.safeParse(parsed);
	return result.success ? result.data : undefined;
}

/** The server's `error` and `msg` on one line, whole: what the answer is classified on. */
function answerText(envelope: Envelope | undefined): string {
	const parts = [envelope?.error, envelope?.msg].filter(
		(part): part is string => typeof part === 'string' && part !== '',
	);
	return [...new Set(parts)].join(' - ').replace(/\s+/g, ' ').trim();
}

function isSingleRecord(data: unknown): data is Record<string, unknown> {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
	const values = Object.values(data);
	return !values.every(
		(value) => typeof value === 'object' && value !== null && !Array.isArray(value),
	);
}

/**
 * What arrived instead of a Wolkvox answer, in words (never the text itself: it may echo the
 * token); `parsed` is what AnswerReading read from `body`.
 */
export function describeArrival(body: string, parsed: unknown): string {
	const size = `${body.length.toLocaleString('en-US')} characters`;
	const start = body.trimStart();
	if (start === '') return 'an empty answer';
	// UTF-16 read as UTF-8 is full of NUL characters; so is binary data.
	if (body.includes('\u0000')) return `UTF-16 text or binary data (${size}), not UTF-8 JSON`;
	if (start.startsWith('<')) return `an HTML or XML page (${size})`;
	if (parsed === NOT_JSON) return `text that is not JSON (${size})`;
	if (parsed instanceof WolkvoxApiFailure) return `JSON larger than this node reads (${size})`;
	if (Array.isArray(parsed)) return `a JSON list of ${parsed.length} values instead of an object`;
	return `JSON that is ${parsed === null ? 'null' : `a ${typeof parsed}`}, not an object`;
}

/**
 * The rows of an answer: the `data` list, [] for "no data in this window", or the failure it means.
 * `host` names the server in messages; `secret` (the token) is blanked out of any text quoted.
 */
export function readAnswer(
	status: number,
	body: string,
	host: string,
	secret: string,
	reading = new AnswerReading(host, secret, status),
): unknown[] | WolkvoxApiFailure {
	const parsed = reading.read(body);
	const success = status >= 200 && status < 300;
	const pastCap = parsed instanceof WolkvoxApiFailure;
	if (success && pastCap) return parsed;
	const envelope = pastCap ? undefined : envelopeOf(parsed);
	// Classified on the whole text: a key text may come after the part a message quotes.
	const text = answerText(envelope);
	const upper = text.toUpperCase();
	// `code` arrives as 200 or "200": compare as text.
	const code = envelope?.code === undefined ? String(status) : String(envelope.code).trim();

	if (success && envelope && code === '200') {
		const { data } = envelope;
		// No list is longer than MAX_RECORDS_PER_CALL: AnswerReading refused the answer before.
		if (Array.isArray(data)) return reading.rowsOf(body, data);
		if (data === null || data === undefined || data === '') return [];
		// Summaries and single records (token_info, services, chat_15) send one object: one row. An
		// object of objects is a list keyed by position (PHP's array quirk), not a record: refused.
		if (isSingleRecord(data)) return reading.rowsOf(body, data);
		return wolkvoxFailure(
			'unexpectedAnswer',
			host,
			status,
			undefined,
			'It sent "data" that is not a list of rows.',
		);
	}
	if (isNoDataAnswer(upper, status, code)) return [];

	const known = reasonOfAnswerText(upper, status);
	if (known) return failWith(known);
	if (status === 401) return failWith('missingToken');
	if (status === 429) return failWith('tooManySimultaneous');
	if (status >= 500) return failWith('serverError');
	if (!envelope && status === 403) {
		return MAINTENANCE_PAGE.test(body) ? failWith('maintenance') : arrivedInstead('blockedPage');
	}
	if (!envelope && success) return arrivedInstead('unreadableAnswer');
	if (status === 403) return failWith('accessDenied');
	if (status === 404) return failWith('endpointNotEnabled');
	return failWith('unexpectedAnswer', text || `HTTP ${status}`);

	function failWith(reason: WolkvoxFailureReason, detail = text): WolkvoxApiFailure {
		return wolkvoxFailure(reason, host, status, quoted(detail, secret) || undefined);
	}
	function arrivedInstead(reason: WolkvoxFailureReason): WolkvoxApiFailure {
		return wolkvoxFailure(
			reason,
			host,
			status,
			undefined,
			`It sent ${describeArrival(body, parsed)}.`,
		);
	}
}

/**
 * How the rows of an answer (the `data` list, read and blanked of the token) become the caller's
 * rows; `answer` reads the JSON texts inside them by the answer's rules.
 */
export type RowReading<Row> = (rows: unknown[], answer: AnswerTexts) => Row[];

export const AS_PARSED: RowReading<unknown> = (rows) => rows;

/**
 * The rows of an answer read by `readRows`, or the failure the answer means. Every text of the
 * answer that becomes structure (the answer's, and JSON texts inside it) is held to the caps
 * (see AnswerReading.read), and blanked of `secret` (the token) after, before any of it is typed.
 */
export function answerRows<Row>(
	status: number,
	body: string,
	host: string,
	secret: string,
	readRows: RowReading<Row>,
): Row[] | WolkvoxApiFailure {
	const reading = new AnswerReading(host, secret, status);
	const answer = readAnswer(status, body, host, secret, reading);
	if (!Array.isArray(answer)) return answer;
	return readRows(answer, reading);
}
