import { createHash } from 'crypto';
import {
	sleep,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IPollFunctions,
} from 'n8n-workflow';
import {
	answerRows,
	AS_PARSED,
	readNetworkFailure,
	readRedirect,
	wolkvoxFailure,
	type RowReading,
} from './wolkvox/answers';
import { WolkvoxApiFailure } from './wolkvox/errors';
import { KeyedLimiter } from './wolkvox/limiter';
import { MAX_ANSWER_BYTES, MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN } from './wolkvox/limits';
import { RETRY_POLICY, retryDelayMs } from './wolkvox/retry';
import { resolveConnection, type WolkvoxConnection } from './wolkvox/server';

/** The one place that talks HTTP to Wolkvox. */

export type WolkvoxFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_TYPE = 'wolkvoxApi';

/** Shared by every execution in this n8n process: Wolkvox counts requests per token. */
const tokenLimiter = new KeyedLimiter(MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN);

/** The checked credential of the node (throws WolkvoxInputError before any request). */
export async function wolkvoxConnection(this: WolkvoxFunctions): Promise<WolkvoxConnection> {
	return resolveConnection(await this.getCredentials(CREDENTIAL_TYPE));
}

/** The token as saved, to blank it out of errors and output; '' when the credential cannot be read. */
export async function wolkvoxSecret(this: WolkvoxFunctions): Promise<string> {
	try {
		const { token } = await this.getCredentials(CREDENTIAL_TYPE);
		return typeof token === 'string' ? token.trim() : '';
	} catch {
		return '';
	}
}

/** One key per token and host (e.g. for a cache of answers), as a digest so the token is not kept in another place. */
export function connectionKey(connection: WolkvoxConnection): string {
	return createHash('sha256').update(`${connection.baseUrl}\n${connection.token}`).digest('hex');
}

/**
 * The limiter's key: the token alone, since Wolkvox counts requests per token whatever address
 * they came through (127.0.0.1 and localhost, a gateway and the direct host).
 */
function tokenKey(connection: WolkvoxConnection): string {
	return createHash('sha256').update(connection.token).digest('hex');
}

/** Several calls that succeed or fail together: once one has failed, the others do not start. */
export interface CallGroup {
	failed: boolean;
}

/** Node's error code (ECONNRESET, ETIMEDOUT...) and the innermost message, from an error n8n may have wrapped. */
function exceptionFacts(error: unknown): { code?: string; message?: string } {
	let code: string | undefined;
	let message: string | undefined;
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		const fields = current as { code?: unknown; cause?: unknown; message?: unknown };
		if (!code && typeof fields.code === 'string' && /^E[A-Z_]+$/.test(fields.code))
			code = fields.code;
		if (typeof fields.message === 'string' && fields.message !== '') message = fields.message;
		current = fields.cause;
	}
	return { code, message };
}

/** The answer body as n8n hands it over with `encoding: 'stream'` (a Node IncomingMessage). */
interface BodyStream extends AsyncIterable<Uint8Array> {
	destroy(): void;
}

const TIMED_OUT = Symbol('timed out');
const TOO_LARGE = Symbol('too large');

function discard(body: unknown): void {
	if (body && typeof (body as BodyStream).destroy === 'function') (body as BodyStream).destroy();
}

/** The whole body as text without a byte order mark, or TOO_LARGE as soon as it passes MAX_ANSWER_BYTES (then it stops reading). */
async function readBody(body: BodyStream): Promise<string | typeof TOO_LARGE> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		size += chunk.length;
		if (size > MAX_ANSWER_BYTES) {
			body.destroy();
			return TOO_LARGE;
		}
		// A view, not a copy: the chunks are copied once, by concat.
		chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
	}
	const all = Buffer.concat(chunks, size);
	const bytes = all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf ? all.subarray(3) : all;
	return bytes.toString('utf8');
}

/**
 * One request: the rows, or the failure the answer (or its absence) means. It ends within
 * `timeLimitMs` from the request to the last byte: n8n replaces the request's abort signal with
 * the execution's, so the body is read as a stream and destroyed when the time is up.
 */
async function attempt<Row>(
	this: WolkvoxFunctions,
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
	timeLimitMs: number,
	reading: RowReading<Row>,
): Promise<Row[] | WolkvoxApiFailure> {
	const { host } = connection;
	const timer = new AbortController();
	const expired: Promise<typeof TIMED_OUT | undefined> = sleep(timeLimitMs, timer.signal).then(
		() => TIMED_OUT,
		() => undefined,
	);
	try {
		const request = this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: 'GET',
			url: path,
			qs,
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: timeLimitMs,
		}) as Promise<IN8nHttpFullResponse>;
		let response: IN8nHttpFullResponse | typeof TIMED_OUT | undefined;
		try {
			response = await Promise.race([request, expired]);
		} catch (error) {
			const { code, message } = exceptionFacts(error);
			return readNetworkFailure(code, host, message);
		}
		if (response === TIMED_OUT || response === undefined) {
			// Headers may still come: drop the body then, so the socket is not held.
			void request.then(
				(late) => discard(late.body),
				() => undefined,
			);
			return wolkvoxFailure('timeout', host);
		}
		const { statusCode, headers, body } = response;
		if (statusCode >= 300 && statusCode < 400) {
			discard(body);
			return readRedirect(statusCode, headers?.location, host);
		}
		if (Number(headers?.['content-length']) > MAX_ANSWER_BYTES) {
			discard(body);
			return wolkvoxFailure('answerTooLarge', host, statusCode);
		}
		const bodyText =
			typeof body === 'string' ? Promise.resolve(body) : readBody(body as BodyStream);
		let answer: string | typeof TOO_LARGE | typeof TIMED_OUT | undefined;
		try {
			answer = await Promise.race([bodyText, expired]);
		} catch (error) {
			discard(body);
			const { code, message } = exceptionFacts(error);
			return readNetworkFailure(code ?? 'ECONNRESET', host, message);
		}
		if (answer === TIMED_OUT || answer === undefined) {
			discard(body);
			void bodyText.catch(() => undefined);
			return wolkvoxFailure('timeout', host, statusCode);
		}
		if (answer === TOO_LARGE) return wolkvoxFailure('answerTooLarge', host, statusCode);
		// Every row n8n gets comes through here: blanking the token in them here covers all outputs.
		return answerRows(statusCode, answer, host, connection.token, reading);
	} finally {
		timer.abort();
	}
}

/**
 * GETs a Wolkvox API path and returns the `data` list of the answer, read by `reading` (as parsed
 * by default). Holds one of the token's slots per attempt, and retries what the error table says
 * can heal, with backoff, within one overall deadline. With a `group`, it does not start (or retry) once the group has failed, and
 * marks the group failed when it gives up.
 */
export async function wolkvoxGet<Row = unknown>(
	this: WolkvoxFunctions,
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
	group: CallGroup = { failed: false },
	reading = AS_PARSED as RowReading<Row>,
): Promise<Row[]> {
	const key = tokenKey(connection);
	// Starts with the first attempt: time spent queueing for a slot behind other windows is not counted.
	let deadline: number | undefined;
	let lastFailure: WolkvoxApiFailure | undefined;
	const cancelled = () =>
		'getExecutionCancelSignal' in this && this.getExecutionCancelSignal()?.aborted === true;
	for (let attemptNumber = 1; ; attemptNumber++) {
		// The slot is held for the attempt only, so others use it while this call backs off.
		const release = await tokenLimiter.acquire(key);
		let outcome: Row[] | WolkvoxApiFailure;
		let pauseMs = 0;
		try {
			deadline ??= Date.now() + RETRY_POLICY.windowDeadlineMs;
			const timeLimitMs = Math.min(RETRY_POLICY.attemptTimeoutMs, deadline - Date.now());
			if (group.failed || cancelled() || timeLimitMs <= 0) {
				group.failed = true;
				throw lastFailure ?? new Error('Not sent: the call was stopped');
			}
			outcome = await (attempt<Row>).call(this, connection, path, qs, timeLimitMs, reading);
			if (Array.isArray(outcome)) return outcome;

			lastFailure = outcome;
			// Another process uses this token too: leave it more room for a while.
			if (outcome.reason === 'tooManySimultaneous')
				tokenLimiter.lower(key, RETRY_POLICY.calmDownMs);
			pauseMs = retryDelayMs(attemptNumber);
			const retry =
				attemptNumber < outcome.maxAttempts &&
				!group.failed &&
				!cancelled() &&
				Date.now() + pauseMs < deadline;
			// Marked before the slot is released, so the call it goes to does not start.
			if (!retry) group.failed = true;
		} finally {
			release();
		}
		if (group.failed) throw outcome;
		this.logger.warn(
			`Wolkvox: ${outcome.message} (attempt ${attemptNumber} of at most ${outcome.maxAttempts}); retrying in ${pauseMs} ms`,
		);
		await sleep(pauseMs);
	}
}
