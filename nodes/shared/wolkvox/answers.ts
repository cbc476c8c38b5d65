import { z } from 'zod';
import { WolkvoxApiFailure, type WolkvoxFailureReason } from './errors';
import {
	ITEM_DEADLINE_MS,
	MAX_ANSWER_BYTES,
	MAX_RECORDS_PER_CALL,
	MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN,
	REQUEST_TIMEOUT_MS,
} from './limits';
import { redactDeep, secretInJson, secretRedactor } from './redact';
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

/** "15 minutes", "90 seconds". */
const duration = (ms: number) =>
	ms % 60_000 === 0 ? `${ms / 60_000} minutes` : `${Math.round(ms / 1000)} seconds`;
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
	itemTimeout: {
		healing: 'never',
		message: () => `The requests of this item did not end within ${duration(ITEM_DEADLINE_MS)}`,
		description: `Each input item is given ${duration(ITEM_DEADLINE_MS)} for all its requests to Wolkvox together (every window of a split range, retries included), so one item cannot hold the workflow for hours. Query a shorter range, or split it over several items.`,
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

/**
 * Reads an answer's text as JSON.parse does (or throws as it does); a faster reader may type the
 * rows on the way.
 */
export type AnswerParser = (body: string) => unknown;

function parseEnvelope(body: string, parse: AnswerParser): Envelope | undefined {
	let parsed: unknown;
	try {
		parsed = parse(body);
	} catch {
		return undefined;
	}
	const result = envelopeSchema.safeParse(parsed);
	return result.success ? result.data : undefined;
}

const MAX_DETAIL_LENGTH = 200;

/** The server's `error` and `msg` on one line, whole: what the answer is classified on. */
function answerText(envelope: Envelope | undefined): string {
	const parts = [envelope?.error, envelope?.msg].filter(
		(part): part is string => typeof part === 'string' && part !== '',
	);
	return [...new Set(parts)].join(' - ').replace(/\s+/g, ' ').trim();
}

/**
 * At most MAX_DETAIL_LENGTH characters of a server text, to quote in a message: the secret is
 * blanked first in every form (servers echo tokens), so the cut never leaves a piece of it.
 */
function quoted(text: string, secret: string): string {
	const shown = secretRedactor(secret)(text);
	if (shown.length <= MAX_DETAIL_LENGTH) return shown;
	// Not half of a character beyond the Basic Multilingual Plane.
	return `${shown.slice(0, MAX_DETAIL_LENGTH - 3).replace(/[\ud800-\udbff]$/, '')}...`;
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

/** What arrived instead of a Wolkvox answer, in words (never the text itself: it may echo the token). */
export function describeArrival(body: string): string {
	const size = `${body.length.toLocaleString('en-US')} characters`;
	const start = body.trimStart();
	if (start === '') return 'an empty answer';
	// UTF-16 read as UTF-8 is full of NUL characters; so is binary data.
	if (body.includes('\u0000')) return `UTF-16 text or binary data (${size}), not UTF-8 JSON`;
	if (start.startsWith('<')) return `an HTML or XML page (${size})`;
	try {
		const parsed: unknown = JSON.parse(body);
		if (Array.isArray(parsed)) return `a JSON list of ${parsed.length} values instead of an object`;
		return `JSON that is ${parsed === null ? 'null' : `a ${typeof parsed}`}, not an object`;
	} catch {
		return `text that is not JSON (${size})`;
	}
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
	parse: AnswerParser = JSON.parse,
): unknown[] | WolkvoxApiFailure {
	const envelope = parseEnvelope(body, parse);
	// Classified on the whole text: a key text may come after the part a message quotes.
	const text = answerText(envelope);
	const upper = text.toUpperCase();
	// `code` arrives as 200 or "200": compare as text.
	const code = envelope?.code === undefined ? String(status) : String(envelope.code).trim();
	const success = status >= 200 && status < 300;

	if (success && envelope && code === '200') {
		const { data } = envelope;
		if (Array.isArray(data)) {
			if (data.length <= MAX_RECORDS_PER_CALL) return data;
			return wolkvoxFailure(
				'tooManyRecords',
				host,
				status,
				undefined,
				`It sent ${data.length.toLocaleString('en-US')} rows.`,
			);
		}
		if (data === null || data === undefined || data === '') return [];
		// Summaries and single records (token_info, services, chat_15) send one object: one row. An
		// object of objects is a list keyed by position (PHP's array quirk), not a record: refused.
		if (isSingleRecord(data)) return [data];
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
		return wolkvoxFailure(reason, host, status, quoted(detail, secret) || undefined);
	}
	function arrivedInstead(reason: WolkvoxFailureReason): WolkvoxApiFailure {
		return wolkvoxFailure(reason, host, status, undefined, `It sent ${describeArrival(body)}.`);
	}
}

/** How the rows of an answer (the `data` list as JSON.parse reads it) become the caller's rows. */
export type RowReading<Row> = (rows: unknown[]) => Row[];

export const AS_PARSED: RowReading<unknown> = (rows) => rows;

/**
 * The rows of an answer read by `readRows`, with `secret` (the token) blanked out of them first
 * (a token of digits typed as a count would be a number, which no blanking of texts finds), or
 * the failure the answer means. The text is scanned for the secret once.
 */
export function answerRows<Row>(
	status: number,
	body: string,
	host: string,
	secret: string,
	readRows: RowReading<Row>,
): Row[] | WolkvoxApiFailure {
	const redact = secretInJson(body, secret);
	const answer = readAnswer(status, body, host, secret, JSON.parse);
	if (!Array.isArray(answer)) return answer;
	return readRows(redact ? redactDeep(answer, redact) : answer);
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
	const said = quoted((message ?? '').replace(/\s+/g, ' ').trim(), '');
	const what = [code, said].filter(Boolean).join(': ');
	return wolkvoxFailure(
		'requestFailed',
		host,
		undefined,
		undefined,
		what ? `The error: ${what}.` : undefined,
	);
}
