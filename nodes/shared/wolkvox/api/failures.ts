import { WolkvoxApiFailure, type WolkvoxFailureReason } from './errors';
import {
	ITEM_DEADLINE_MS,
	MAX_ANSWER_BYTES,
	MAX_RECORDS_PER_CALL,
	MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN,
	REQUEST_TIMEOUT_MS,
} from './limits';
import { secretRedactor } from './redact';
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

/** The failure a Wolkvox error text means (upper case, whole), if it is one of the vendor's. */
export function reasonOfAnswerText(
	upperText: string,
	status: number,
): WolkvoxFailureReason | undefined {
	return ANSWER_TEXTS.find(
		(entry) => upperText.includes(entry.text) && (!entry.status || entry.status === status),
	)?.reason;
}

/** Wolkvox's answer for a window without rows. */
export function isNoDataAnswer(upperText: string, status: number, code: string): boolean {
	return upperText.includes(NO_DATA_TEXT) && (status === 404 || code === '404');
}

/** Maintenance pages Wolkvox (or its proxy) shows, in Spanish or English. */
export const MAINTENANCE_PAGE = /mantenimiento|maintenance/i;

const MAX_DETAIL_LENGTH = 200;

/**
 * At most MAX_DETAIL_LENGTH characters of a server text, to quote in a message: the secret is
 * blanked first in every form (servers echo tokens), so the cut never leaves a piece of it.
 */
export function quoted(text: string, secret: string): string {
	const shown = secretRedactor(secret)(text);
	if (shown.length <= MAX_DETAIL_LENGTH) return shown;
	// Not half of a character beyond the Basic Multilingual Plane.
	return `${shown.slice(0, MAX_DETAIL_LENGTH - 3).replace(/[\ud800-\udbff]$/, '')}...`;
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
