import { RETRY_POLICY } from './retry';

/**
 * Errors of the Wolkvox domain, free of n8n types so any node (or a script) can use them.
 * The n8n layer turns them into NodeOperationError / NodeApiError.
 */

/** A parameter or credential value that cannot work: found before any token is spent. */
export class WolkvoxInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'WolkvoxInputError';
	}
}

/** Why a call to Wolkvox did not give rows. */
export type WolkvoxFailureReason =
	| 'missingToken'
	| 'tokenRefused'
	| 'quotaExhausted'
	| 'tooManySimultaneous'
	| 'unknownApi'
	| 'badParameters'
	| 'tooManyRecords'
	| 'endpointNotEnabled'
	| 'maintenance'
	| 'accessDenied'
	| 'serverError'
	| 'unreadableAnswer'
	| 'unexpectedAnswer'
	| 'timeout'
	| 'itemTimeout'
	| 'connectionDropped'
	| 'connectionRefused'
	| 'hostNotFound'
	| 'answerTooLarge'
	| 'blockedPage'
	| 'redirected'
	| 'requestFailed';

/** A failed call: what happened in words a contact-centre admin understands, and whether to retry. */
export class WolkvoxApiFailure extends Error {
	constructor(
		readonly reason: WolkvoxFailureReason,
		message: string,
		readonly description: string,
		readonly retryable: boolean,
		readonly httpCode?: number,
		/** Attempts a retryable failure may take in all (the first one included). */
		readonly maxAttempts = retryable ? RETRY_POLICY.maxAttempts : 1,
	) {
		super(message);
		this.name = 'WolkvoxApiFailure';
	}
}

/**
 * What a value is, without quoting text: `(text of 40 characters)`, `(an object)`; numbers and
 * booleans as they are. For values a server sent or a credential holds, which may be a secret
 * (servers echo tokens).
 */
export function describeShape(value: unknown): string {
	if (typeof value === 'string')
		return value.trim() === '' ? '(blank text)' : `(text of ${value.length} characters)`;
	if (Array.isArray(value)) return `(a list of ${value.length} values)`;
	if (typeof value === 'object' && value !== null) return '(an object)';
	return String(value);
}

/** Short text for messages: long or multi-line values are cut so an error stays readable. */
export function describeValue(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = JSON.stringify(value);
	else if (value === null || value === undefined) text = String(value);
	else if (typeof value === 'object') {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = Object.prototype.toString.call(value);
		}
	} else text = String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
