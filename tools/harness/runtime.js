// @ts-check
'use strict';

/**
 * Process-wide n8n-core runtime for the harness: the DI container pieces n8n-core 2.x
 * pulls with `Container.get(...)` while executing nodes, plus a capturing logger.
 *
 * - n8n-core has its OWN nested copies of @n8n/di, @n8n/backend-common, @n8n/config
 *   (node_modules/n8n-core/node_modules/@n8n/*). @n8n/di keys services by class object, so
 *   we must require those packages from n8n-core's location (`coreRequire`), never from the
 *   top level, or `Container.set(Logger, …)` would register a different Logger class.
 * - Logger: every `Container.get(Logger)` (node `this.logger`, OutboundHttp, ErrorReporter,
 *   loaders) and n8n-workflow's `LoggerProxy` (used by WorkflowExecute) go to one capturing
 *   logger. Lines are routed to the run that produced them with AsyncLocalStorage, so
 *   concurrent runs do not mix; lines outside any run go to `orphanLogs`.
 *   Set HARNESS_LOG=1 to also echo every line to stderr.
 * - InstanceSettings is real, built once in a temp user folder that is deleted right away.
 * - Only n8n's default ("legacy") expression engine is used; isolated-vm is not built.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { AsyncLocalStorage } = require('node:async_hooks');
const { createRequire } = require('node:module');

const CORE_DIR = path.dirname(require.resolve('n8n-core/package.json'));
/** `require` as seen from inside n8n-core (resolves its nested @n8n/* copies). */
const coreRequire = createRequire(path.join(CORE_DIR, 'package.json'));

const core = require('n8n-core');
const workflowLib = require('n8n-workflow');
const { Container } = coreRequire('@n8n/di');
const { Logger } = coreRequire('@n8n/backend-common');

/** @typedef {{ logs: string[] }} LogStore */

/** @type {AsyncLocalStorage<LogStore>} */
const logContext = new AsyncLocalStorage();
/** Log lines printed outside any harness run (e.g. while loading packages). */
const orphanLogs = /** @type {string[]} */ ([]);

/** @param {unknown} metadata */
function formatMetadata(metadata) {
	if (metadata === undefined) return '';
	if (typeof metadata === 'object' && metadata !== null && Object.keys(metadata).length === 0)
		return '';
	// inspect (not JSON) so errors, their causes and circular objects are printed in full:
	// the point of `logs` is to grep for leaked secrets. This prints MORE than n8n's own
	// Logger (which reduces errors in metadata to name/message/stack/cause), so a leak check
	// on `logs` is stricter than production.
	return ' ' + util.inspect(metadata, { depth: 8, breakLength: Infinity, maxStringLength: null });
}

/**
 * @param {string} level
 * @param {unknown} message
 * @param {unknown} [metadata]
 */
function record(level, message, metadata) {
	const text = typeof message === 'string' ? message : util.inspect(message, { depth: 8 });
	const line = `[${level}] ${text}${formatMetadata(metadata)}`;
	(logContext.getStore()?.logs ?? orphanLogs).push(line);
	if (process.env.HARNESS_LOG) process.stderr.write(line + '\n');
}

/** Implements n8n's Logger interface (error/warn/info/debug + scoped). */
const captureLogger = {
	/** @param {string} m @param {object} [meta] */
	error: (m, meta) => record('error', m, meta),
	/** @param {string} m @param {object} [meta] */
	warn: (m, meta) => record('warn', m, meta),
	/** @param {string} m @param {object} [meta] */
	info: (m, meta) => record('info', m, meta),
	/** @param {string} m @param {object} [meta] */
	debug: (m, meta) => record('debug', m, meta),
	scoped() {
		return captureLogger;
	},
};

let initialized = false;

/** Idempotent: prepares the DI container once per process (per jest module registry). */
function ensureRuntime() {
	if (initialized) return;
	initialized = true;

	Container.set(Logger, captureLogger);
	workflowLib.LoggerProxy.init(captureLogger);

	// InstanceSettings (needed by every node execution context) creates `<folder>/.n8n/config`
	// with a generated encryption key when constructed. Build it now in a temp folder and
	// delete the folder at once: the settings stay in memory, and no cleanup is needed at
	// exit (jest does not run `process.on('exit')` listeners registered by tests). Only
	// n8n's file-system helpers (reading/writing local files) would miss the folder.
	// N8N_USER_FOLDER stays pointed at the deleted folder so that nothing lazily configured
	// later (e.g. binary-data storage paths) can fall back to the developer's real ~/.n8n.
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
	process.env.N8N_USER_FOLDER = userFolder;
	try {
		Container.get(core.InstanceSettings);
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}

	if (workflowLib.Expression.getActiveImplementation() !== 'legacy') {
		throw new Error(
			'harness: only the legacy expression engine is supported (isolated-vm is not built)',
		);
	}
}

/**
 * Run `fn` with its own log store; every logger line printed while it (and anything it
 * awaits) runs is appended to `logs`.
 * @template T
 * @param {() => Promise<T>} fn
 * @returns {Promise<{ value: T, logs: string[] }>} never rejects if fn does not
 */
async function withLogCapture(fn) {
	/** @type {LogStore} */
	const store = { logs: [] };
	const value = await logContext.run(store, fn);
	return { value, logs: store.logs };
}

module.exports = {
	core,
	workflowLib,
	Container,
	coreRequire,
	captureLogger,
	orphanLogs,
	ensureRuntime,
	withLogCapture,
	logContext,
};
