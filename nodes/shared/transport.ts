import { createHash } from 'crypto';
import {
	sleep,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IPollFunctions,
} from 'n8n-workflow';
import { readAnswer, readNetworkFailure } from './wolkvox/answers';
import { WolkvoxApiFailure } from './wolkvox/errors';
import { KeyedLimiter } from './wolkvox/limiter';
import { MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN, REQUEST_TIMEOUT_MS } from './wolkvox/limits';
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

/** One key per token and host, as a digest so the token is not kept in another place. */
export function connectionKey(connection: WolkvoxConnection): string {
	return createHash('sha256').update(`${connection.baseUrl}\n${connection.token}`).digest('hex');
}

/** Node's error code (ECONNRESET, ETIMEDOUT...) from an error n8n may have wrapped. */
function networkErrorCode(error: unknown): string | undefined {
	for (let current = error, depth = 0; current && depth < 4; depth++) {
		const { code, cause } = current as { code?: unknown; cause?: unknown };
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = cause;
	}
	return undefined;
}

/** One request: the rows, or the failure the answer (or its absence) means. */
async function attempt(
	this: WolkvoxFunctions,
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
): Promise<unknown[] | WolkvoxApiFailure> {
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: 'GET',
			url: path,
			qs,
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REQUEST_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		return readNetworkFailure(networkErrorCode(error), connection.host);
	}
	const body = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	return readAnswer(response.statusCode, body, connection.host, connection.token);
}

/**
 * GETs a Wolkvox API path and returns the `data` list of the answer. Holds one of the token's
 * slots per attempt, and retries what the error table calls retryable, with backoff.
 */
export async function wolkvoxGet(
	this: WolkvoxFunctions,
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
): Promise<unknown[]> {
	const key = connectionKey(connection);
	let waitedMs = 0;
	for (let attemptNumber = 1; ; attemptNumber++) {
		// The slot is held for the attempt only, so others use it while this call backs off.
		const release = await tokenLimiter.acquire(key);
		let outcome: unknown[] | WolkvoxApiFailure;
		try {
			outcome = await attempt.call(this, connection, path, qs);
		} finally {
			release();
		}
		if (Array.isArray(outcome)) return outcome;

		const pauseMs = retryDelayMs(attemptNumber);
		const cancelled =
			'getExecutionCancelSignal' in this && this.getExecutionCancelSignal()?.aborted === true;
		const retry =
			outcome.retryable &&
			!cancelled &&
			attemptNumber < RETRY_POLICY.maxAttempts &&
			waitedMs + pauseMs <= RETRY_POLICY.maxTotalDelayMs;
		if (!retry) throw outcome;
		this.logger.warn(
			`Wolkvox: ${outcome.message} (attempt ${attemptNumber} of ${RETRY_POLICY.maxAttempts}); retrying in ${pauseMs} ms`,
		);
		waitedMs += pauseMs;
		await sleep(pauseMs);
	}
}
