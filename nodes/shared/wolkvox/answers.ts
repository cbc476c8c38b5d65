import { z } from 'zod';
import { WolkvoxApiFailure, type WolkvoxFailureReason } from './errors';
import { MAX_RECORDS_PER_CALL, MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN } from './limits';

/**
 * What Wolkvox's answers mean: the one table that maps an answer (or a network failure) to a message
 * a contact-centre admin understands and to a retry decision. Texts follow the vendor's
 * response-code page.
 */

interface FailureMeaning {
	retryable: boolean;
	message: (host: string) => string;
	description: string;
}

const RETRIED = ' The call was retried before giving up.';

const FAILURES: Record<WolkvoxFailureReason, FailureMeaning> = {
	quotaExhausted: {
		retryable: false,
		message: () => "Today's Wolkvox token quota is used up",
		description:
			'Every Wolkvox API call costs one token, failed ones included (licences x 1,000 per day). Retrying today will not help: the quota renews tomorrow. Space out schedules or ask Wolkvox for more licences.',
	},
	tooManySimultaneous: {
		retryable: true,
		message: () =>
			`Wolkvox refused the call: more than ${MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN} requests at once with this token`,
		description: `A token may have at most ${MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN} requests in flight. Another workflow, n8n worker or program used the same token at the same moment; spread the schedules or give that program its own token.${RETRIED}`,
	},
	missingToken: {
		retryable: false,
		message: () => 'Wolkvox received no token',
		description:
			'Enter the token in the Wolkvox API credential (Wolkvox Manager > Configuration > API token).',
	},
	tokenRefused: {
		retryable: false,
		message: (host) => `Wolkvox refused the token for ${host}`,
		description:
			'The token is wrong, revoked, or belongs to another Wolkvox server. Copy it again from Wolkvox Manager and check the server id in the credential.',
	},
	unknownApi: {
		retryable: false,
		message: (host) => `${host} does not offer this Wolkvox report`,
		description:
			'Check the server id, or ask Wolkvox to enable the Reports Manager API for the operation.',
	},
	badParameters: {
		retryable: false,
		message: () => 'Wolkvox rejected the query parameters',
		description:
			'Wolkvox could not read the skill or the dates. Check the skill id exists in the operation.',
	},
	tooManyRecords: {
		retryable: false,
		message: () =>
			`The answer would exceed ${MAX_RECORDS_PER_CALL.toLocaleString('en-US')} records, the most Wolkvox sends per call`,
		description: 'Query one skill at a time or a shorter range.',
	},
	endpointNotEnabled: {
		retryable: false,
		message: (host) => `${host} answered "not found" for the Reports Manager API`,
		description:
			'The API is not enabled for this operation, or the Base URL in the credential is wrong. Leave Base URL empty to use https://wv<server>.wolkvox.com.',
	},
	accessDenied: {
		retryable: false,
		message: (host) => `${host} refused access (403)`,
		description:
			'Wolkvox can restrict its API to allow-listed IP addresses per operation. Ask Wolkvox support to register the public IP address of your n8n host.',
	},
	maintenance: {
		retryable: true,
		message: (host) => `${host} is under maintenance`,
		description: `Wolkvox answered with a maintenance page.${RETRIED} Run the workflow again later.`,
	},
	serverError: {
		retryable: true,
		message: (host) => `${host} had a server error`,
		description: `Wolkvox (or a proxy in front of it) failed to answer.${RETRIED} Try again in a few minutes.`,
	},
	unreadableAnswer: {
		retryable: true,
		message: (host) => `${host} sent an answer that is not readable JSON`,
		description: `The answer was cut off or is not JSON.${RETRIED} If it persists, check the Base URL points at the Wolkvox API.`,
	},
	unexpectedAnswer: {
		retryable: false,
		message: (host) => `${host} sent an answer this node does not understand`,
		description: 'The answer does not have the documented form.',
	},
	timeout: {
		retryable: true,
		message: (host) => `${host} did not answer in time`,
		description: `Wolkvox takes up to 60 seconds per call.${RETRIED} Query a shorter range or one skill if it persists.`,
	},
	connectionDropped: {
		retryable: true,
		message: (host) => `The connection to ${host} was lost`,
		description: `The network or Wolkvox dropped the connection.${RETRIED} Try again in a few minutes.`,
	},
	connectionRefused: {
		retryable: true,
		message: (host) => `${host} refused the connection`,
		description:
			'Wolkvox refuses connections from IP addresses that are not allow-listed for the operation: ask Wolkvox support to register the public IP of your n8n host. If you use a Base URL, check that service is running.',
	},
	hostNotFound: {
		retryable: false,
		message: (host) => `${host} could not be found`,
		description:
			'Check the server id in the credential: it is the number after "wv" in your Wolkvox address.',
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

/** Node's network error codes (no HTTP answer at all). */
const NETWORK_FAILURES: Record<string, WolkvoxFailureReason> = {
	ECONNREFUSED: 'connectionRefused',
	ENOTFOUND: 'hostNotFound',
	ETIMEDOUT: 'timeout',
	ECONNABORTED: 'timeout',
	ESOCKETTIMEDOUT: 'timeout',
};

export function wolkvoxFailure(
	reason: WolkvoxFailureReason,
	host: string,
	status?: number,
	detail?: string,
) {
	const { message, description, retryable } = FAILURES[reason];
	const text = detail ? `${description} Wolkvox said: ${detail}` : description;
	return new WolkvoxApiFailure(reason, message(host), text, retryable, status);
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

function parseEnvelope(body: string): Envelope | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return undefined;
	}
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
	return !values.every((value) => typeof value === 'object' && value !== null && !Array.isArray(value));
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
): unknown[] | WolkvoxApiFailure {
	const envelope = parseEnvelope(body);
	const text = answerText(envelope, secret);
	const upper = text.toUpperCase();
	// `code` arrives as 200 or "200": compare as text.
	const code = envelope?.code === undefined ? String(status) : String(envelope.code).trim();
	const success = status >= 200 && status < 300;

	if (success && envelope && code === '200') {
		const { data } = envelope;
		if (Array.isArray(data)) return data;
		if (data === null || data === undefined || data === '') return [];
		// Summaries and single records (token_info, services, chat_15) send one object: one row. An
		// object of objects is a list keyed by position (PHP's array quirk), not a record: refused.
		if (isSingleRecord(data)) return [data];
		return wolkvoxFailure('unexpectedAnswer', host, status, '"data" is not a list of rows');
	}
	if (upper.includes(NO_DATA_TEXT) && (status === 404 || code === '404')) return [];

	const known = ANSWER_TEXTS.find(
		(entry) => upper.includes(entry.text) && (!entry.status || entry.status === status),
	);
	if (known) return failWith(known.reason);
	if (status === 401) return failWith('missingToken');
	if (status === 429) return failWith('tooManySimultaneous');
	if (status >= 500) return failWith('serverError');
	if (!envelope && status === 403) return failWith('maintenance');
	if (!envelope && success) return failWith('unreadableAnswer');
	if (status === 403) return failWith('accessDenied');
	if (status === 404) return failWith('endpointNotEnabled');
	return failWith('unexpectedAnswer', text || `HTTP ${status}`);

	function failWith(reason: WolkvoxFailureReason, detail = text): WolkvoxApiFailure {
		return wolkvoxFailure(reason, host, status, detail || undefined);
	}
}

/** A failure without an HTTP answer, from Node's error code. */
export function readNetworkFailure(code: string | undefined, host: string): WolkvoxApiFailure {
	return wolkvoxFailure((code && NETWORK_FAILURES[code]) || 'connectionDropped', host);
}
