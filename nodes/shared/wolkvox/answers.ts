import { z } from 'zod';
import { WolkvoxApiFailure, type WolkvoxFailureReason } from './errors';
import { countJsonValues, ListSource, type RowsSource, type ShapeExcess } from './answerShape';
import {
	MAX_ANSWER_BYTES,
	MAX_ANSWER_DEPTH,
	MAX_RECORDS_PER_CALL,
	MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN,
	MAX_VALUES_PER_ANSWER,
	REQUEST_TIMEOUT_MS,
} from './limits';
import { parsedWithoutSecret, secretRedactor, type SecretRedactor } from './redact';
import { RETRY_POLICY } from './retry';

/**
 * What Wolkvox's answers mean: the one table that maps an answer (or a network failure) to a message
 * a contact-centre admin understands and to a retry decision. Texts follow the vendor's
 * response-code page.
 */

/** Whether a failure heals on its own: retried up to RETRY_POLICY.maxAttempts, once, or never. */
type Healing = 'heals' | 'rarely' | 'never';

const attemptsFor = (healing: Healing) =>
	healing === 'heals' ? RETRY_POLICY.maxAttempts : healing === 'rarely' ? 2 : 1;

interface FailureMeaning {
	healing: Healing;
	message: (host: string) => string;
	description: string;
}

const RETRIED = ' The call was retried before giving up.';
const TRIED_TWICE = ' The call was tried twice.';

const FAILURES: Record<WolkvoxFailureReason, FailureMeaning> = {
	quotaExhausted: {
		healing: 'never',
		message: () => "Today's Wolkvox token quota is used up",
		description:
			'Every Wolkvox API call costs one token, failed ones included (licences x 1,000 per day). Retrying today will not help: the quota renews tomorrow. Space out schedules or ask Wolkvox for more licences.',
	},
	tooManySimultaneous: {
		healing: 'heals',
		message: () =>
			`Wolkvox refused the call: more than ${MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN} requests at once with this token`,
		description: `A token may have at most ${MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN} requests in flight. Another workflow, n8n worker or program used the same token at the same moment; spread the schedules or give that program its own token.${RETRIED}`,
	},
	missingToken: {
		healing: 'never',
		message: () => 'Wolkvox received no token',
		description:
			'Enter the token in the Wolkvox API credential (Wolkvox Manager > Configuration > API token).',
	},
	tokenRefused: {
		healing: 'never',
		message: (host) => `Wolkvox refused the token for ${host}`,
		description:
			'The token is wrong, revoked, or belongs to another Wolkvox server. Copy it again from Wolkvox Manager and check the server id in the credential.',
	},
	unknownApi: {
		healing: 'never',
		message: (host) => `${host} does not offer this Wolkvox report`,
		description:
			'Check the server id, or ask Wolkvox to enable the Reports Manager API for the operation.',
	},
	badParameters: {
		healing: 'never',
		message: () => 'Wolkvox rejected the query parameters',
		description:
			'Wolkvox could not read the skill or the dates. Check the skill id exists in the operation.',
	},
	tooManyRecords: {
		healing: 'never',
		message: () =>
			`The answer would exceed ${MAX_RECORDS_PER_CALL.toLocaleString('en-US')} records, the most Wolkvox sends per call`,
		description: 'Query one skill at a time or a shorter range.',
	},
	endpointNotEnabled: {
		healing: 'never',
		message: (host) => `${host} answered "not found" for the Reports Manager API`,
		description:
			'The API is not enabled for this operation, or the Base URL in the credential is wrong. Leave Base URL empty to use https://wv<server>.wolkvox.com.',
	},
	accessDenied: {
		healing: 'never',
		message: (host) => `${host} refused access (403)`,
		description:
			'Wolkvox can restrict its API to allow-listed IP addresses per operation. Ask Wolkvox support to register the public IP address of your n8n host.',
	},
	maintenance: {
		healing: 'heals',
		message: (host) => `${host} is under maintenance`,
		description: `Wolkvox answered with a maintenance page.${RETRIED} Run the workflow again later.`,
	},
	serverError: {
		healing: 'heals',
		message: (host) => `${host} had a server error`,
		description: `Wolkvox (or a proxy in front of it) failed to answer.${RETRIED} Try again in a few minutes.`,
	},
	unreadableAnswer: {
		healing: 'rarely',
		message: (host) => `${host} sent an answer that is not readable JSON`,
		description: `Wolkvox answers JSON objects; this answer was cut off or is something else.${TRIED_TWICE} If it persists, check the Base URL points at the Wolkvox API.`,
	},
	unexpectedAnswer: {
		healing: 'never',
		message: (host) => `${host} sent an answer this node does not understand`,
		description: 'The answer does not have the documented form.',
	},
	timeout: {
		healing: 'rarely',
		message: (host) => `${host} did not answer in time`,
		description: `Wolkvox takes up to 60 seconds per call; each attempt is given ${REQUEST_TIMEOUT_MS / 1000} s, from the request to the last byte of the answer.${TRIED_TWICE} Query a shorter range or one skill if it persists.`,
	},
	connectionDropped: {
		healing: 'heals',
		message: (host) => `The connection to ${host} was lost`,
		description: `The network or Wolkvox dropped the connection.${RETRIED} Try again in a few minutes.`,
	},
	connectionRefused: {
		// An allow-list never heals by itself; a restarting gateway does within a second.
		healing: 'rarely',
		message: (host) => `${host} refused the connection`,
		description: `Wolkvox refuses connections from IP addresses that are not allow-listed for the operation: ask Wolkvox support to register the public IP of your n8n host. If you use a Base URL, check that service is running.${TRIED_TWICE}`,
	},
	hostNotFound: {
		healing: 'never',
		message: (host) => `${host} could not be found`,
		description:
			'Check the server id in the credential: it is the number after "wv" in your Wolkvox address.',
	},
	answerTooLarge: {
		healing: 'never',
		message: (host) =>
			`${host} sent an answer larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB, the most this node reads`,
		description: `A Wolkvox answer holds at most ${MAX_RECORDS_PER_CALL.toLocaleString('en-US')} rows, far less than this. The node stopped reading and did not retry. Check the Base URL points at the Wolkvox API, or query one skill at a time or a shorter range.`,
	},
	blockedPage: {
		healing: 'rarely',
		message: (host) => `${host} refused access (403) with a web page, not a Wolkvox answer`,
		description: `A firewall, proxy or IP allow-list in front of Wolkvox answered instead of the API.${TRIED_TWICE} Ask Wolkvox support to register the public IP address of your n8n host, or check the Base URL.`,
	},
	redirected: {
		healing: 'never',
		message: (host) =>
			`${host} redirected the request elsewhere; the node does not follow redirects`,
		description:
			'Following a redirect could send the token to another server, so the node never does. If Wolkvox moved, leave Base URL empty (https://wv<server>.wolkvox.com) or enter the final https address.',
	},
	requestFailed: {
		healing: 'never',
		message: (host) => `The request to ${host} was not completed`,
		description:
			"n8n or the network refused the request in a way a retry cannot heal (for example n8n's SSRF protection blocking this host, or a TLS certificate problem), so it was not retried.",
	},
};

/** Upper-case texts Wolkvox sends in `msg` or `error`, first match wins. */
const ANSWER_TEXTS: Array<{ text: string; reason: WolkvoxFailureReason; status?: number }> = [
	{ text: 'TOKEN LIMIT EXCEEDED', reason: 'quotaExhausted' },
	{ text: 'SIMULTANEOUS REQUESTS', reason: 'tooManySimultaneous' },
	{ text: 'PLEASE ENTER THE WOLKVOX-TOKEN', reason: 'missingToken' },
	{ text: 'PLEASE VALIDATE TOKEN', reason: 'tokenRefused' },
	{ text: 'THE API YOU WANT TO CONSULT DOES NOT EXIST', reason: 'unknownApi' },
	{ text: 'SOME PARAMETERS ARE REQUIRED', reason: 'badParameters' },
	{ text: 'RECORD', reason: 'tooManyRecords', status: 400 },
];

/** Wolkvox's answer for a window with no rows (also seen for an empty hour). */
const NO_DATA_TEXT = 'VALIDATE DATES ENTERED';

/**
 * Node's network error codes (no HTTP answer at all) and what they mean. Any other exception,
 * with another code or none (n8n's SSRF protection, TLS, a bug), is `requestFailed`: not retried.
 */
const NETWORK_FAILURES: Record<string, WolkvoxFailureReason> = {
	ECONNREFUSED: 'connectionRefused',
	ENOTFOUND: 'hostNotFound',
	ETIMEDOUT: 'timeout',
	ECONNABORTED: 'timeout',
	ESOCKETTIMEDOUT: 'timeout',
	ECONNRESET: 'connectionDropped',
	EPIPE: 'connectionDropped',
	EHOSTUNREACH: 'connectionDropped',
	ENETUNREACH: 'connectionDropped',
	ENETDOWN: 'connectionDropped',
	EAI_AGAIN: 'connectionDropped',
	ERR_STREAM_PREMATURE_CLOSE: 'connectionDropped',
};

/**
 * The failure a reason means. `detail` is text the server sent (quoted as such); `arrived` is a
 * sentence in our words on what came instead of an answer ("It sent an HTML page (512 characters).").
 */
export function wolkvoxFailure(
	reason: WolkvoxFailureReason,
	host: string,
	status?: number,
	detail?: string,
	arrived?: string,
) {
	const { message, description, healing } = FAILURES[reason];
	const attempts = attemptsFor(healing);
	const said = detail ? ` Wolkvox said: ${detail}` : '';
	const text = `${description}${said}${arrived ? ` ${arrived}` : ''}`;
	return new WolkvoxApiFailure(reason, message(host), text, attempts > 1, status, attempts);
}

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
	 * own text is: counted against the answer's caps before it is parsed, then parsed, then blanked
	 * of the token in every form the redactor knows. Undefined when the text is not JSON.
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

	/** `text` as structure, NOT_JSON, or the failure of the cap its shape passes (then not parsed). */
	read(text: string): unknown {
		const values = countJsonValues(text, {
			values: this.valuesLeft,
			entries: MAX_RECORDS_PER_CALL,
			depth: MAX_ANSWER_DEPTH,
		});
		if (typeof values !== 'number') return this.excess(values);
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			return NOT_JSON;
		}
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

const MAX_DETAIL_LENGTH = 200;

/** Server text worth showing: short, single line, never HTML, never the secret (servers echo tokens). */
function answerText(envelope: Envelope | undefined, secret: string): string {
	const parts = [envelope?.error, envelope?.msg].filter(
		(part): part is string => typeof part === 'string' && part !== '',
	);
	const text = [...new Set(parts)]
		.join(' - ')
		.split(secret)
		.join('***')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH - 3)}...` : text;
}

function isSingleRecord(data: unknown): data is Record<string, unknown> {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
	const values = Object.values(data);
	return !values.every(
		(value) => typeof value === 'object' && value !== null && !Array.isArray(value),
	);
}

/** Maintenance pages Wolkvox (or its proxy) shows, in Spanish or English. */
const MAINTENANCE_PAGE = /mantenimiento|maintenance/i;

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
	const text = answerText(envelope, secret);
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
	if (upper.includes(NO_DATA_TEXT) && (status === 404 || code === '404')) return [];

	const known = ANSWER_TEXTS.find(
		(entry) => upper.includes(entry.text) && (!entry.status || entry.status === status),
	);
	if (known) return failWith(known.reason);
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
		return wolkvoxFailure(reason, host, status, detail || undefined);
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
 * answer that becomes structure (the answer's, and JSON texts inside it) is counted against the
 * caps before it is parsed, and blanked of `secret` (the token) after, before any of it is typed.
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

/** A 3xx answer: never followed, since the token would go along to wherever `location` points. */
export function readRedirect(status: number, location: unknown, host: string): WolkvoxApiFailure {
	let target = 'an address it did not give';
	if (typeof location === 'string' && location !== '') {
		try {
			target = new URL(location, 'https://wolkvox.invalid').origin;
		} catch {
			target = 'an address that is not a valid URL';
		}
		if (target === 'https://wolkvox.invalid') target = `another path on ${host}`;
	}
	return wolkvoxFailure(
		'redirected',
		host,
		status,
		undefined,
		`It answered HTTP ${status}, a redirect to ${target}.`,
	);
}

/**
 * A failure without an HTTP answer, from Node's error code. Without a known network code the
 * request never completed for a reason a retry cannot heal; `message` (the exception's own, which
 * may be n8n's SSRF refusal) is quoted, cut short.
 */
export function readNetworkFailure(
	code: string | undefined,
	host: string,
	message?: string,
): WolkvoxApiFailure {
	const reason = code ? NETWORK_FAILURES[code] : undefined;
	if (reason) return wolkvoxFailure(reason, host);
	const said = (message ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_DETAIL_LENGTH);
	const what = [code, said].filter(Boolean).join(': ');
	return wolkvoxFailure(
		'requestFailed',
		host,
		undefined,
		undefined,
		what ? `The error: ${what}.` : undefined,
	);
}
