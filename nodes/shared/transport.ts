import { createHash } from 'crypto';
import {
	NodeConnectionTypes,
	sleep,
	type NodeTypeAndVersion,
	type ICredentialDataDecryptedObject,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IPollFunctions,
} from 'n8n-workflow';
import { SharedAnswers, sharedAnswersOf, UNANSWERED, type SharedOutcome } from './sharedAnswers';
import { answerRows, AS_PARSED, type RowReading } from './wolkvox/api/answers';
import { readNetworkFailure, readRedirect, wolkvoxFailure } from './wolkvox/api/failures';
import { WolkvoxApiFailure } from './wolkvox/api/errors';
import { KeyedLimiter } from './wolkvox/api/limiter';
import { MAX_ANSWER_BYTES, MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN } from './wolkvox/api/limits';
import { RETRY_POLICY, retryDelayMs } from './wolkvox/api/retry';
import {
	loopbackRoute,
	resolveConnection,
	wolkvoxHeaders,
	type WolkvoxConnection,
} from './wolkvox/api/server';

/** The one place that talks HTTP to Wolkvox. */

export type WolkvoxFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_TYPE = 'wolkvoxApi';

/** Shared by every execution in this n8n process: Wolkvox counts requests per token. */
const tokenLimiter = new KeyedLimiter(MAX_SIMULTANEOUS_REQUESTS_PER_TOKEN);

/** The context as a node run inside an execution; undefined for pickers and polls. */
function nodeRunOf(context: WolkvoxFunctions): IExecuteFunctions | undefined {
	return 'getExecutionCancelSignal' in context ? context : undefined;
}

/**
 * What one node run reads once and its items and windows share, by its context: its credential
 * (n8n decrypts a credential on every read) and who keeps its answers (keeperOfAnswers).
 */
interface RunReadings {
	credentials?: Promise<ICredentialDataDecryptedObject>;
	/** null: no one keeps them. */
	keeper?: SharedAnswers | null;
}

const readingsByRun = new WeakMap<object, RunReadings>();

function readingsOf(run: IExecuteFunctions): RunReadings {
	let readings = readingsByRun.get(run);
	if (!readings) {
		readings = {};
		readingsByRun.set(run, readings);
	}
	return readings;
}

/**
 * The node's credential as saved, read once per node run. A poll's context lasts as long as the
 * trigger is active, so a trigger reads it on every poll and sees a credential changed in the
 * meantime.
 */
function wolkvoxCredentials(context: WolkvoxFunctions): Promise<ICredentialDataDecryptedObject> {
	const run = nodeRunOf(context);
	if (!run) return context.getCredentials(CREDENTIAL_TYPE);
	return (readingsOf(run).credentials ??= run.getCredentials(CREDENTIAL_TYPE));
}

/** The checked credential of the node (throws WolkvoxInputError before any request). */
export async function wolkvoxConnection(this: WolkvoxFunctions): Promise<WolkvoxConnection> {
	return resolveConnection(await wolkvoxCredentials(this));
}

/** The token as saved, to blank it out of errors and output; '' when the credential cannot be read. */
export async function wolkvoxSecret(this: WolkvoxFunctions): Promise<string> {
	try {
		const { token } = await wolkvoxCredentials(this);
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

/** One question to Wolkvox: credential, host, path and query (in any order), as a digest. */
function questionKey(
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
): string {
	const query = Object.entries(qs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return createHash('sha256')
		.update(JSON.stringify([connectionKey(connection), path, query]))
		.digest('hex');
}

/**
 * Several calls that succeed or fail together (the windows of one item): once one has failed, the
 * others do not start, and all of them end by one deadline.
 */
export interface CallGroup {
	failed: boolean;
	/** When the calls must have ended (ms since the epoch); set by the first call. */
	deadline?: number;
}

/** How requests reach Wolkvox from one n8n context. */
interface Caller {
	/** One GET of a Wolkvox path; the answer's body as a stream. */
	send(
		path: string,
		qs: Record<string, string>,
		timeLimitMs: number,
	): Promise<IN8nHttpFullResponse>;
	warn(message: string): void;
	cancelled(): boolean;
	/** The answers of this context's execution; none outside an execution (pickers, polls). */
	shared?: SharedAnswers;
}

/**
 * A node's requests: n8n's, with the credential's authentication (credentials/WolkvoxApi). n8n is
 * handed the credential the node run has read, so it does not decrypt it again for each request.
 */
function nodeCaller(context: WolkvoxFunctions): Caller {
	const nodeRun = nodeRunOf(context);
	const execution = nodeRun?.getExecutionCancelSignal();
	const shared = nodeRun && keeperOfAnswers(nodeRun);
	return {
		send: async (path, qs, timeLimitMs) => {
			const data = { ...(await wolkvoxCredentials(context)) };
			const saved = context.getNode().credentials?.[CREDENTIAL_TYPE];
			const credentialsDecrypted = {
				id: saved?.id ?? '',
				name: saved?.name ?? '',
				type: CREDENTIAL_TYPE,
				data,
			};
			return (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				{
					method: 'GET',
					url: path,
					qs,
					encoding: 'stream',
					json: false,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: timeLimitMs,
				},
				{ credentialsDecrypted },
			)) as IN8nHttpFullResponse;
		},
		warn: (message) => context.logger.warn(message),
		cancelled: () => execution?.aborted === true,
		shared,
	};
}

/** The node run's view of its workflow: itself, the nodes before it and the nodes after it. */
type WorkflowGraph = Pick<IExecuteFunctions, 'getNode' | 'getParentNodes' | 'getChildNodes'>;

/** A node's type, the same whether it runs as itself or as an AI agent's tool (`…Tool`). */
const nodeKind = (type: string) => type.replace(/Tool$/, '');

/**
 * Whether a later node run of this execution may ask this node's questions: this node again (it
 * is on a loop, or it has no node before it: an AI agent's tool, called as often as the agent
 * likes, or the start of a partial run) or another enabled Wolkvox node that the execution can
 * still reach, also as the tool of an agent it reaches. Without the graph (an n8n that does not
 * give it) the answer is yes.
 */
export function laterRunsMayAsk(graph: WorkflowGraph): boolean {
	if (typeof graph.getParentNodes !== 'function' || typeof graph.getChildNodes !== 'function')
		return true;
	const { name, type } = graph.getNode();
	const before = new Set(graph.getParentNodes(name).map((node) => node.name));
	if (graph.getChildNodes(name).some((node) => before.has(node.name))) return true;
	// An execution reaches what its first nodes reach: those before this one with none before them.
	// None: this node runs as an agent's tool, starts a partial run or follows a loop with no way in.
	const starts = [...before].filter(
		(node) => graph.getParentNodes(node, { depth: 1 }).length === 0,
	);
	if (starts.length === 0) return true;
	const isOtherWolkvox = (node: NodeTypeAndVersion) =>
		node.name !== name && nodeKind(node.type) === nodeKind(type) && !node.disabled;
	return starts.some((start) =>
		graph
			.getChildNodes(start)
			.some(
				(node) =>
					isOtherWolkvox(node) ||
					graph
						.getParentNodes(node.name, { connectionType: NodeConnectionTypes.AiTool, depth: 1 })
						.some(isOtherWolkvox),
			),
	);
}

/**
 * Who keeps a node run's answers for identical questions (design.md, "Ranges and requests"): the
 * execution when a later node run may ask, the node run when its other items may, and no one when
 * no one can ask again. A kept text is as large as the answer and lives as long as its keeper, so
 * it is kept no longer than a question may come.
 */
export function keeperOfAnswers(run: IExecuteFunctions): SharedAnswers | undefined {
	const readings = readingsOf(run);
	if (readings.keeper === undefined) readings.keeper = chooseKeeper(run);
	return readings.keeper ?? undefined;
}

function chooseKeeper(run: IExecuteFunctions): SharedAnswers | null {
	// One signal per execution, kept by n8n as long as the execution.
	const execution = run.getExecutionCancelSignal();
	if (!execution) return null;
	if (laterRunsMayAsk(run)) return sharedAnswersOf(execution);
	// The run's readings hold it: it lives as long as the node run.
	return run.getInputData().length > 1 ? new SharedAnswers() : null;
}

/**
 * A credential test's requests. n8n gives a credential test only `helpers.request` (its legacy
 * request helper: the same outbound HTTP client, proxy settings and SSRF protection as the node's
 * requests) and no authentication, so the headers and route the credential's `authenticate` sets
 * are set here, by the same functions. Redirects are answers, never followed.
 */
function credentialTestCaller(
	{ helpers, logger }: ICredentialTestFunctions,
	connection: WolkvoxConnection,
): Caller {
	const proxy = loopbackRoute(connection.baseUrl);
	return {
		send: (path, qs, timeLimitMs) =>
			helpers.request({
				method: 'GET',
				baseURL: connection.baseUrl,
				uri: path,
				qs,
				headers: wolkvoxHeaders(connection),
				...(proxy ? { proxy } : {}),
				useStream: true,
				json: false,
				simple: false,
				resolveWithFullResponse: true,
				followRedirect: false,
				timeout: timeLimitMs,
			}) as Promise<IN8nHttpFullResponse>,
		warn: (message) => logger.warn(message),
		cancelled: () => false,
	};
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

/** The answer body as n8n hands it over as a stream (a Node IncomingMessage). */
interface BodyStream extends AsyncIterable<Uint8Array> {
	destroy(): void;
}

const TIMED_OUT = Symbol('timed out');
const TOO_LARGE = Symbol('too large');

/** TIMED_OUT at `deadline`; undefined once `stop` is aborted first (its clock is then cleared). */
function expiry(deadline: number, stop: AbortSignal): Promise<typeof TIMED_OUT | undefined> {
	return sleep(Math.max(0, deadline - Date.now()), stop).then(
		() => TIMED_OUT,
		() => undefined,
	);
}

/** What `promise` gives, or TIMED_OUT if `deadline` comes first. */
async function beforeDeadline<T>(promise: Promise<T>, deadline: number) {
	const stop = new AbortController();
	try {
		return await Promise.race([promise, expiry(deadline, stop.signal)]);
	} finally {
		stop.abort();
	}
}

function discard(body: unknown): void {
	if (body && typeof (body as BodyStream).destroy === 'function') (body as BodyStream).destroy();
}

/**
 * The whole body as text without a byte order mark, or TOO_LARGE as soon as it passes
 * MAX_ANSWER_BYTES (then it stops reading). Decoded as it arrives: no copy of the whole body's
 * bytes is held beside its text, and a piece whose characters all fit in one byte each (Spanish
 * names do) stays a one-byte string, which JSON.parse and every scan read in half the memory.
 */
async function readBody(body: BodyStream): Promise<string | typeof TOO_LARGE> {
	const decoder = new TextDecoder();
	const pieces: string[] = [];
	let size = 0;
	for await (const chunk of body) {
		size += chunk.length;
		if (size > MAX_ANSWER_BYTES) {
			body.destroy();
			return TOO_LARGE;
		}
		pieces.push(decoder.decode(chunk, { stream: true }));
	}
	pieces.push(decoder.decode());
	return pieces.join('');
}

/** A request that got rows: the caller's rows, and the answer they came in (to share). */
interface Answered<Row> {
	rows: Row[];
	status: number;
	body: string;
}

/**
 * A request that ended without rows. `final` when the failure is the answer to the question (its
 * own retries are spent), not when the caller stopped it (another window failed, the execution was
 * cancelled, the item ran out of time).
 */
interface Unanswered {
	failure: Error;
	final: boolean;
}

/**
 * One request: the rows, or the failure the answer (or its absence) means. It ends within
 * `timeLimitMs` from the request to the last byte: n8n replaces the request's abort signal with
 * the execution's, so the body is read as a stream and destroyed when the time is up.
 */
async function attempt<Row>(
	caller: Caller,
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
	timeLimitMs: number,
	reading: RowReading<Row>,
): Promise<Answered<Row> | WolkvoxApiFailure> {
	const { host } = connection;
	const timer = new AbortController();
	const expired = expiry(Date.now() + timeLimitMs, timer.signal);
	try {
		const request = caller.send(path, qs, timeLimitMs);
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
		const rows = answerRows(statusCode, answer, host, connection.token, reading);
		return Array.isArray(rows) ? { rows, status: statusCode, body: answer } : rows;
	} finally {
		timer.abort();
	}
}

/**
 * A slot of the token, or undefined when `deadline` passes first (the slot is then given back as
 * soon as it comes).
 */
async function slotBefore(key: string, deadline: number): Promise<(() => void) | undefined> {
	const slot = tokenLimiter.acquire(key);
	const first = await beforeDeadline(slot, deadline);
	if (first !== TIMED_OUT && first !== undefined) return first;
	void slot.then((release) => release());
	return undefined;
}

/**
 * A request with the retries the error table allows for its failures, with backoff, within the
 * window's deadline and the group's (`deadline`). Holds one of the token's slots per attempt. Once
 * the group has failed it does not start (or retry), and marks the group failed when it gives up.
 */
async function fetchAnswer<Row>(
	caller: Caller,
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
	group: CallGroup,
	deadline: number,
	reading: RowReading<Row>,
): Promise<Answered<Row> | Unanswered> {
	const key = tokenKey(connection);
	const itemTimeout = () => wolkvoxFailure('itemTimeout', connection.host);
	// Starts with the first attempt: time spent queueing for a slot behind other windows is not counted.
	let windowDeadline: number | undefined;
	let lastFailure: WolkvoxApiFailure | undefined;
	for (let attemptNumber = 1; ; attemptNumber++) {
		// The slot is held for the attempt only, so others use it while this call backs off.
		const release = await slotBefore(key, deadline);
		if (!release) {
			group.failed = true;
			return { failure: itemTimeout(), final: false };
		}
		let outcome: Answered<Row> | WolkvoxApiFailure;
		let pauseMs = 0;
		try {
			windowDeadline ??= Date.now() + RETRY_POLICY.windowDeadlineMs;
			const timeLimitMs = Math.min(
				RETRY_POLICY.attemptTimeoutMs,
				windowDeadline - Date.now(),
				deadline - Date.now(),
			);
			if (group.failed || caller.cancelled() || timeLimitMs <= 0) {
				group.failed = true;
				const stoppedBy =
					Date.now() >= deadline ? itemTimeout() : new Error('Not sent: the call was stopped');
				return { failure: lastFailure ?? stoppedBy, final: false };
			}
			outcome = await attempt(caller, connection, path, qs, timeLimitMs, reading);
			if (!(outcome instanceof WolkvoxApiFailure)) return outcome;

			// The item's time is up: a timeout is its doing, and there is no time for another attempt.
			const outOfTime = Date.now() >= deadline;
			if (outOfTime && outcome.reason === 'timeout') outcome = itemTimeout();
			lastFailure = outcome;
			// Another process uses this token too: leave it more room for a while.
			if (outcome.reason === 'tooManySimultaneous')
				tokenLimiter.lower(key, RETRY_POLICY.calmDownMs);
			pauseMs = retryDelayMs(attemptNumber);
			// What the failure's own rules allow, whoever asked.
			const mayHeal = attemptNumber < outcome.maxAttempts && Date.now() + pauseMs < windowDeadline;
			if (!mayHeal || group.failed || caller.cancelled() || Date.now() + pauseMs >= deadline) {
				// Marked before the slot is released, so the call it goes to does not start.
				group.failed = true;
				return { failure: outcome, final: !mayHeal && !outOfTime };
			}
		} finally {
			release();
		}
		caller.warn(
			`Wolkvox: ${outcome.message} (attempt ${attemptNumber} of at most ${outcome.maxAttempts}); retrying in ${pauseMs} ms`,
		);
		await sleep(pauseMs);
	}
}

/**
 * The rows of one question, read by `reading`. Within one execution a question is sent once: a
 * later call with the same credential, host, path and query reads its rows from the answer (or
 * gets the failure) the first one got, while its keeper keeps it (keeperOfAnswers, sharedAnswers.ts).
 */
async function getRows<Row>(
	caller: Caller,
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
	group: CallGroup,
	reading: RowReading<Row>,
): Promise<Row[]> {
	const deadline = (group.deadline ??= Date.now() + RETRY_POLICY.itemDeadlineMs);
	const { shared } = caller;
	const question = shared && questionKey(connection, path, qs);
	const fail = (failure: Error): never => {
		group.failed = true;
		throw failure;
	};
	while (shared && question) {
		const earlier = shared.get(question);
		if (!earlier) break;
		const outcome = await beforeDeadline(earlier, deadline);
		if (outcome === TIMED_OUT || outcome === undefined)
			return fail(wolkvoxFailure('itemTimeout', connection.host));
		// The earlier request was stopped before it got an answer: ask again.
		if (outcome === UNANSWERED) continue;
		if (outcome instanceof WolkvoxApiFailure) return fail(outcome);
		// Read again from the text, so no two items hold the same row objects.
		const rows = answerRows(
			outcome.status,
			outcome.body,
			connection.host,
			connection.token,
			reading,
		);
		return Array.isArray(rows) ? rows : fail(rows);
	}
	const settle = shared && question ? shared.ask(question) : undefined;
	let result: Answered<Row> | Unanswered | undefined;
	try {
		result = await fetchAnswer(caller, connection, path, qs, group, deadline, reading);
	} finally {
		settle?.(toShare(result));
	}
	if ('rows' in result) return result.rows;
	throw result.failure;
}

/** What a request leaves for the calls that ask the same question (undefined: it threw). */
function toShare<Row>(result: Answered<Row> | Unanswered | undefined): SharedOutcome {
	if (result === undefined) return UNANSWERED;
	if ('rows' in result) return { status: result.status, body: result.body };
	return result.final && result.failure instanceof WolkvoxApiFailure ? result.failure : UNANSWERED;
}

/**
 * GETs a Wolkvox API path and returns the `data` list of the answer, read by `reading` (as parsed
 * by default). Retries what the error table says can heal, each window within its deadline and the
 * group within the item's. With a `group`, it does not start (or retry) once the group has failed,
 * and marks the group failed when it gives up. Identical calls of one execution are sent once.
 */
export async function wolkvoxGet<Row = unknown>(
	this: WolkvoxFunctions,
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
	group: CallGroup = { failed: false },
	reading = AS_PARSED as RowReading<Row>,
): Promise<Row[]> {
	return await getRows(nodeCaller(this), connection, path, qs, group, reading);
}

/**
 * One GET for a credential test, through the same transport as a window of the node (caps,
 * deadlines, retries, failure table, token slots): its rows, or the failure thrown.
 */
export async function wolkvoxTestGet(
	this: ICredentialTestFunctions,
	connection: WolkvoxConnection,
	path: string,
	qs: Record<string, string>,
): Promise<unknown[]> {
	const caller = credentialTestCaller(this, connection);
	return await getRows(caller, connection, path, qs, { failed: false }, AS_PARSED);
}
