// @ts-check
'use strict';

/**
 * Wolkvox API simulator: a real HTTP server answering like `wv{server}.wolkvox.com` for every
 * endpoint of the catalogue spec (skill_5, the skill list and token_info from their own models), with the
 * vendor's token, quota and simultaneity rules, the response dialects and injectable faults.
 * Tests in this process use the handle; other processes (n8n E2E) use the `/__sim/*` endpoints.
 */

const http = require('node:http');
const { URL } = require('node:url');
const { DAY_MS, formatWolkvoxDate, parseWolkvoxDate } = require('./dates');
const dataset = require('./dataset');
const { FaultPlan, FAULT_KINDS, mulberry32 } = require('./faults');
const catalogue = require('./catalogue');
const live = require('./live');

/** @typedef {import('./dataset').Skill} Skill */
/** @typedef {import('./dataset').Dialect} Dialect */
/** @typedef {import('./faults').Fault} Fault */
/** @typedef {import('./faults').FaultSpec} FaultSpec */
/** @typedef {import('./faults').RandomFaultOptions} RandomFaultOptions */
/**
 * @typedef {object} SimulatorOptions
 * @property {number} [port] 0 (default) picks a free port
 * @property {string} [host] default 127.0.0.1
 * @property {string} [server] the operation's server id, default '0042'
 * @property {Record<string, { quota?: number, server?: string }>} [tokens] default `{ 'sim-token-0042': { quota: 1000 } }`
 * @property {number} [maxSimultaneous] requests of one token in flight at once, default 2
 * @property {number} [latencyMs] processing time of each admitted request, default 0
 * @property {number} [maxRecords] default 60000
 * @property {number | Skill[]} [skills] N generated skills (ids 1000…) or a list; default Ventas 12, Soporte 15, Cobranzas 27
 * @property {boolean} [quietHours] false: every hour has traffic (so N skills × 24 h rows exactly); default true
 * @property {Partial<Dialect>} [dialect]
 * @property {number} [catalogueRows] rows of each catalogue answer (every endpoint but skill_5 and the skill list), default 4
 * @property {string} [catalogueZone] zone of the catalogue answers' wall-clock values, default America/Bogota
 * @property {boolean} [intervalRows] answer skill_4, skill_4_1 and skill_4_2 with one row per skill
 *   and interval of the window asked for (live.js) instead of the catalogue's sample rows
 * @property {boolean} [cataloguePlain] catalogue answers hold only the usual form of each kind (as a
 *   benchmark wants), not also the empty, odd and misfit values the tests need; default false
 * @property {boolean} [reuseReports] keep the serialized report of each query and serve repeats from
 *   memory (checks, quota and limits still apply): for benchmarks, so they time n8n, not the
 *   simulator building a 60,000-row answer
 */
/**
 * Per-token state. quotaUsed counts every request carrying the token, failed ones included.
 * @typedef {object} Account
 * @property {string} server @property {number} quota @property {number} quotaUsed
 * @property {number} inFlight admitted requests being processed
 * @property {number} highWaterMark max of inFlight
 * @property {number} open requests of this token not yet answered, rejected ones included
 * @property {number} peakArrivals max of open: what a client's own limiter let through
 * @property {number} simultaneousRejections 403s for the simultaneity limit, injected ones included
 */
/** @typedef {{ req: http.IncomingMessage, res: http.ServerResponse, url: URL, connected: boolean }} Exchange */
/** @typedef {(sim: Simulator, params: URLSearchParams, account: Account) => object} ApiAnswer */

const DEFAULT_SERVER = '0042';
const DEFAULT_TOKEN = 'sim-token-0042';
const DEFAULT_QUOTA = 1000;
const DEFAULT_MAX_SIMULTANEOUS = 2;
const DEFAULT_MAX_RECORDS = 60_000;
const CONTROL_PREFIX = '/__sim/';
const MAX_CONTROL_BODY_BYTES = 1 << 20;

/** The vendor's error answers (wolkvox-api.md, "Error answers"), one place for status and text. */
const ERRORS = {
	noToken: { status: 401, text: 'PLEASE ENTER THE WOLKVOX-TOKEN' },
	badToken: { status: 403, text: 'PLEASE VALIDATE TOKEN' },
	quotaExceeded: { status: 403, text: 'TOKEN LIMIT EXCEEDED' },
	simultaneous: { status: 403, text: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN' }, // + " (n)"
	unknownApi: { status: 400, text: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' },
	badParameters: { status: 400, text: 'SOME PARAMETERS ARE REQUIRED' },
	tooManyRecords: { status: 400, text: 'THE RESULT EXCEEDS THE RECORD LIMIT' },
	noData: { status: 404, text: 'Validate dates entered' },
};

/** Bodies of the faults that imitate something other than the Wolkvox application. */
const PROXY_502_PAGE =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const MAINTENANCE_PAGE =
	'<!DOCTYPE html><html lang="es"><head><title>Wolkvox - Mantenimiento</title></head><body><h1>Estamos realizando mantenimiento</h1><p>La plataforma estará disponible en unos minutos.</p></body></html>';
const SAMPLE_REPORT_BODY = JSON.stringify({
	code: 200,
	error: null,
	msg: '2 records were found',
	data: [
		{
			skill_id: '12',
			hour: '07',
			inbound_calls: '131',
			inbound_calls_unique_customers: '118',
			aht: '185',
			agents_needed: '9',
		},
		{
			skill_id: '15',
			hour: '07',
			inbound_calls: '88',
			inbound_calls_unique_customers: '80',
			aht: '240',
			agents_needed: '8',
		},
	],
});
const MALFORMED_BODY = SAMPLE_REPORT_BODY.slice(0, -20) + ',,}';

class ApiError extends Error {
	/** @param {{ status: number, text: string }} kind @param {string} [detail] added to msg */
	constructor(kind, detail) {
		super(kind.text);
		this.status = kind.status;
		this.msg = detail ? `${kind.text}: ${detail}` : kind.text;
	}
}

/** The APIs, by path suffix (a base URL may carry a path prefix, e.g. behind a gateway) and `api` value. */
/** @type {Record<string, Record<string, ApiAnswer>>} */
const ENDPOINTS = {};
for (const endpoint of catalogue.ENDPOINTS) {
	(ENDPOINTS[`/api/v2/${endpoint.file}`] ??= {})[endpoint.api] = (sim, params) =>
		sim.catalogueAnswer(endpoint, params);
}
// Answers with their own model: the workforce dataset, the skills it knows, the token's real use.
ENDPOINTS['/api/v2/reports_manager.php'].skill_5 = (sim, params) => sim.workforcePerHour(params);
ENDPOINTS['/api/v2/information.php'].skills = (sim) => sim.skillList();
ENDPOINTS['/api/v2/information.php'].token_info = (sim, _params, account) => sim.tokenInfo(account);

/** Control endpoints for tests in other processes; each answers JSON. */
/** @type {Record<string, (sim: Simulator, body: any) => unknown>} */
const CONTROL_ROUTES = {
	'GET /__sim/stats': (sim) => sim.stats(),
	'POST /__sim/reset': (sim) => {
		sim.reset();
		return sim.stats();
	},
	'POST /__sim/faults': (sim, faults) => {
		sim.faults.inject(faults);
		return { pending: sim.faults.pending };
	},
	'DELETE /__sim/faults': (sim) => {
		sim.faults.clear();
		return { pending: 0 };
	},
	'POST /__sim/random-faults': (sim, options) => {
		sim.faults.setRandom(options ?? null);
		return { random: Boolean(sim.faults.randomFaults) };
	},
	'POST /__sim/dialect': (sim, changes) => sim.setDialect(changes),
	'POST /__sim/quota': (sim, { token, quota } = {}) => {
		sim.setQuota(token, quota);
		return { token, quota };
	},
	'POST /__sim/latency': (sim, { latencyMs } = {}) => {
		sim.setLatency(latencyMs);
		return { latencyMs };
	},
	'POST /__sim/script': (sim, { api, answers } = {}) => {
		sim.scripts.set(api, answers);
		return sim.scripts.stats();
	},
	'POST /__sim/interval-rows': (sim, { enabled } = {}) => {
		sim.intervalRows = enabled === true;
		return { intervalRows: sim.intervalRows };
	},
};

/** @param {Record<string, number>} counts @param {string | number} key */
function count(counts, key) {
	counts[key] = (counts[key] ?? 0) + 1;
}

/** @param {http.IncomingMessage} req @param {string} name */
function header(req, name) {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** @param {string | undefined} address */
function isLoopback(address = '') {
	return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/**
 * Waits `ms` (Infinity: until the client leaves). Resolves true if the client is still there.
 * Waking on close means hung requests end when the client gives up or the simulator closes.
 * @param {number} ms @param {Exchange} exchange
 * @returns {Promise<boolean>}
 */
function pause(ms, exchange) {
	return new Promise((resolve) => {
		if (!exchange.connected) return resolve(false);
		if (ms <= 0) return resolve(true);
		const onClose = () => {
			clearTimeout(timer);
			resolve(false);
		};
		const timer =
			ms === Infinity
				? undefined
				: setTimeout(() => {
						exchange.res.off('close', onClose);
						resolve(true);
					}, ms);
		exchange.res.once('close', onClose);
	});
}

/** An answer body already turned into the bytes of its JSON text: a repeat costs only its writing. */
class SerializedJson {
	/** @param {string} text */
	constructor(text) {
		this.bytes = Buffer.from(text, 'utf8');
	}
}

/** @param {http.ServerResponse} res @param {number} status @param {string} contentType @param {string | Buffer} body */
function writeResponse(res, status, contentType, body) {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
	res.end(body);
}

/** @param {http.IncomingMessage} req @returns {Promise<unknown>} undefined for an empty body */
async function readJson(req) {
	let text = '';
	for await (const chunk of req) {
		text += chunk;
		if (text.length > MAX_CONTROL_BODY_BYTES) throw new Error('control body too large');
	}
	return text.trim() === '' ? undefined : JSON.parse(text);
}

/**
 * @param {URLSearchParams} params @param {string} name
 * @returns {Date}
 */
function requiredDate(params, name) {
	const value = params.get(name);
	const date = parseWolkvoxDate(value);
	if (!date)
		throw new ApiError(
			ERRORS.badParameters,
			`${name} must be an existing date YYYYmmddHHiiss, got ${JSON.stringify(value)}`,
		);
	return date;
}

/** Validates the skill_5 query string, in the vendor's terms. @param {URLSearchParams} params */
function parseWorkforceQuery(params) {
	const skillId = params.get('skill_id');
	if (skillId === null || !(skillId === 'all' || /^\d+$/.test(skillId))) {
		throw new ApiError(
			ERRORS.badParameters,
			`skill_id must be digits or "all", got ${JSON.stringify(skillId)}`,
		);
	}
	const dateIni = requiredDate(params, 'date_ini');
	const dateEnd = requiredDate(params, 'date_end');
	if (dateEnd < dateIni) throw new ApiError(ERRORS.badParameters, 'date_end is before date_ini');
	if (dateEnd.getTime() - dateIni.getTime() > DAY_MS)
		throw new ApiError(
			ERRORS.badParameters,
			'the range between date_ini and date_end is over 24 hours',
		);
	return { skillId, dateIni, dateEnd };
}

/** @param {number} quota @param {string} server @returns {Account} */
function newAccount(quota, server) {
	return {
		server,
		quota,
		quotaUsed: 0,
		inFlight: 0,
		highWaterMark: 0,
		open: 0,
		peakArrivals: 0,
		simultaneousRejections: 0,
	};
}

function newCounters() {
	return {
		/** API requests (control endpoints excluded) */
		requests: 0,
		/** @type {Record<string, number>} */ byStatus: {},
		/** @type {Record<string, number>} by `api` parameter */ byApi: {},
		/** @type {Record<string, number>} injected faults by kind */ faults: {},
		/** @type {string[]} `date_ini-date_end` of each skill_5 request, in arrival order (the first 1,000) */ skill5Ranges:
			[],
		/** @type {string[]} `api date_ini-date_end` of each dated request, in arrival order (the first 1,000) */ datedRanges:
			[],
	};
}

/** @param {unknown} n @param {string} what */
function assertCount(n, what) {
	if (!(Number.isInteger(n) && /** @type {number} */ (n) >= 0))
		throw new Error(`${what} must be an integer >= 0, got ${JSON.stringify(n)}`);
}

class Simulator {
	/** @param {SimulatorOptions} options */
	constructor(options) {
		this.server = options.server ?? DEFAULT_SERVER;
		this.skills = dataset.makeSkills(options.skills);
		this.quietHours = options.quietHours ?? true;
		this.maxSimultaneous = options.maxSimultaneous ?? DEFAULT_MAX_SIMULTANEOUS;
		this.maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
		this.catalogueOptions = {
			rows: options.catalogueRows,
			zone: options.catalogueZone,
			plain: options.cataloguePlain,
		};
		this.initial = {
			dialect: dataset.mergeDialect(dataset.DEFAULT_DIALECT, options.dialect),
			latencyMs: options.latencyMs ?? 0,
			intervalRows: options.intervalRows ?? false,
		};
		this.dialect = this.initial.dialect;
		this.latencyMs = this.initial.latencyMs;
		this.intervalRows = this.initial.intervalRows;
		this.scripts = new live.AnswerScripts();
		const tokens = options.tokens ?? { [DEFAULT_TOKEN]: {} };
		/** @type {Map<string, Account>} */
		this.accounts = new Map(
			Object.entries(tokens).map(([token, { quota = DEFAULT_QUOTA, server = this.server }]) => [
				token,
				newAccount(quota, server),
			]),
		);
		this.faults = new FaultPlan();
		this.counters = newCounters();
		/** @type {Map<string, SerializedJson> | undefined} */
		this.reportCache = options.reuseReports ? new Map() : undefined;
	}

	// ---- state and statistics -------------------------------------------------------------

	stats() {
		const { requests, byStatus, byApi, faults, skill5Ranges, datedRanges } = this.counters;
		return {
			requests,
			skill5Ranges: [...skill5Ranges],
			datedRanges: [...datedRanges],
			scripts: this.scripts.stats(),
			byStatus: { ...byStatus },
			byApi: { ...byApi },
			faults: { ...faults },
			faultsPending: this.faults.pending,
			dialect: this.dialect,
			latencyMs: this.latencyMs,
			tokens: Object.fromEntries(
				[...this.accounts].map(([token, account]) => [token, { ...account }]),
			),
		};
	}

	/** Zeroes the counters and the quota used (a new "day"); requests in flight stay counted. */
	resetStats() {
		this.counters = newCounters();
		for (const account of this.accounts.values()) {
			Object.assign(account, {
				quotaUsed: 0,
				highWaterMark: account.inFlight,
				peakArrivals: account.open,
				simultaneousRejections: 0,
			});
		}
	}

	/** Back to the state after creation, apart from quotas set with setQuota. */
	reset() {
		this.resetStats();
		this.reportCache?.clear();
		this.faults.clear();
		this.dialect = this.initial.dialect;
		this.latencyMs = this.initial.latencyMs;
		this.intervalRows = this.initial.intervalRows;
		this.scripts.clear();
	}

	/** @param {string} token @param {number} quota */
	setQuota(token, quota) {
		const account = this.accounts.get(token);
		if (!account) throw new Error(`unknown token ${JSON.stringify(token)}`);
		assertCount(quota, 'quota');
		account.quota = quota;
	}

	/** @param {Partial<Dialect>} changes @returns {Readonly<Dialect>} the whole dialect now in force */
	setDialect(changes) {
		this.reportCache?.clear();
		this.dialect = dataset.mergeDialect(this.dialect, changes);
		return this.dialect;
	}

	/** @param {number} latencyMs */
	setLatency(latencyMs) {
		assertCount(latencyMs, 'latencyMs');
		this.latencyMs = latencyMs;
	}

	/** @param {Omit<Parameters<typeof dataset.expectedRows>[0], 'skills' | 'quietHours'>} query */
	expectedRows(query) {
		return dataset.expectedRows({
			skills: this.skills,
			quietHours: this.quietHours,
			dialect: this.dialect,
			...query,
		});
	}

	// ---- HTTP ----------------------------------------------------------------------------

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async handle(req, res) {
		/** @type {Exchange} */
		const exchange = {
			req,
			res,
			url: new URL(req.url ?? '/', 'http://simulator'),
			connected: true,
		};
		res.once('close', () => (exchange.connected = false));
		if (exchange.url.pathname.startsWith(CONTROL_PREFIX)) return this.serveControl(exchange);
		this.counters.requests++;
		const path = Object.keys(ENDPOINTS).find((suffix) => exchange.url.pathname.endsWith(suffix));
		if (!path) return this.answer(res, 404, 'text/plain', 'Not Found');
		return this.serveApi(exchange, ENDPOINTS[path]);
	}

	/**
	 * Every request with a known token is charged first (the vendor charges failed calls too),
	 * then may suffer a fault, then passes the vendor's checks in the documented order.
	 * @param {Exchange} exchange @param {Record<string, ApiAnswer>} apis
	 */
	async serveApi(exchange, apis) {
		const { req, res, url } = exchange;
		count(this.counters.byApi, url.searchParams.get('api') ?? '(none)');
		const range = `${url.searchParams.get('date_ini')}-${url.searchParams.get('date_end')}`;
		if (url.searchParams.get('api') === 'skill_5' && this.counters.skill5Ranges.length < 1000)
			this.counters.skill5Ranges.push(range);
		if (url.searchParams.has('date_ini') && this.counters.datedRanges.length < 1000)
			this.counters.datedRanges.push(`${url.searchParams.get('api')} ${range}`);
		const token = header(req, 'wolkvox-token');
		const account = token ? this.accounts.get(token) : undefined;
		if (account) this.arrive(account);
		try {
			const fault = this.faults.next(url.pathname + url.search);
			if (fault && (await this.playFault(fault, exchange, account))) return;
			const admitted = this.admit(req, token, account);
			await this.process(exchange, apis, admitted);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			this.answerJson(res, error.status, this.envelope(error.status, error.message, error.msg, []));
		} finally {
			if (account) account.open--;
		}
	}

	/** @param {Account} account */
	arrive(account) {
		account.quotaUsed++;
		account.open++;
		account.peakArrivals = Math.max(account.peakArrivals, account.open);
	}

	/**
	 * Token, quota and simultaneity checks; throws the vendor's answer.
	 * @param {http.IncomingMessage} req @param {string | undefined} token @param {Account | undefined} account
	 * @returns {Account}
	 */
	admit(req, token, account) {
		if (!token) throw new ApiError(ERRORS.noToken);
		const server = header(req, 'wolkvox_server');
		if (!account || (server !== undefined && server !== account.server))
			throw new ApiError(ERRORS.badToken);
		if (account.quotaUsed > account.quota) throw new ApiError(ERRORS.quotaExceeded); // this request is already charged
		if (account.inFlight >= this.maxSimultaneous) throw this.simultaneousRejection(account);
		return account;
	}

	/** @param {Account | undefined} account */
	simultaneousRejection(account) {
		if (account) account.simultaneousRejections++;
		return new ApiError({
			status: ERRORS.simultaneous.status,
			text: `${ERRORS.simultaneous.text} (${this.maxSimultaneous})`,
		});
	}

	/**
	 * An admitted request: holds one of the token's slots for `latencyMs`, then answers.
	 * @param {Exchange} exchange @param {Record<string, ApiAnswer>} apis @param {Account} account
	 */
	async process(exchange, apis, account) {
		account.inFlight++;
		account.highWaterMark = Math.max(account.highWaterMark, account.inFlight);
		try {
			if (!(await pause(this.latencyMs, exchange))) return;
			const api = apis[exchange.url.searchParams.get('api') ?? ''];
			if (!api) throw new ApiError(ERRORS.unknownApi);
			this.answerJson(exchange.res, 200, api(this, exchange.url.searchParams, account));
		} finally {
			account.inFlight--;
		}
	}

	/**
	 * Plays a fault. Returns true when the exchange is over, false when the request goes on
	 * normally (`delay`). The simultaneity fault throws like the real rejection.
	 * @param {Fault} fault @param {Exchange} exchange @param {Account | undefined} account
	 */
	async playFault(fault, exchange, account) {
		const { res } = exchange;
		count(this.counters.faults, fault.kind);
		switch (fault.kind) {
			case 'delay':
				return !(await pause(fault.delayMs, exchange));
			case 'hang':
				await pause(Infinity, exchange);
				return true;
			case 'reset':
				res.socket?.destroy();
				return true;
			case 'truncate': {
				// Full content-length, half the bytes, then the connection drops mid-body.
				const half = Buffer.from(SAMPLE_REPORT_BODY).subarray(0, SAMPLE_REPORT_BODY.length >> 1);
				count(this.counters.byStatus, 200);
				res.writeHead(200, {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(SAMPLE_REPORT_BODY),
				});
				res.write(half, () => res.socket?.destroy());
				return true;
			}
			case 'html502':
				this.answer(res, 502, 'text/html', PROXY_502_PAGE);
				return true;
			case 'maintenance':
				this.answer(res, 403, 'text/html', MAINTENANCE_PAGE);
				return true;
			case 'malformed':
				this.answer(res, 200, 'application/json', MALFORMED_BODY);
				return true;
			case '5xx':
				if (fault.body === 'text')
					this.answer(res, fault.status, 'text/plain', 'Internal Server Error');
				else
					this.answerJson(
						res,
						fault.status,
						this.envelope(fault.status, 'INTERNAL SERVER ERROR', 'INTERNAL SERVER ERROR', []),
					);
				return true;
			case 'simultaneous':
				throw this.simultaneousRejection(account);
			default:
				throw new Error(`fault kind without behaviour: ${fault.kind}`);
		}
	}

	/** @param {Exchange} exchange */
	async serveControl({ req, res, url }) {
		/** @param {number} status @param {unknown} body */
		const reply = (status, body) =>
			writeResponse(res, status, 'application/json', JSON.stringify(body));
		if (!isLoopback(req.socket.remoteAddress))
			return reply(403, { error: 'control endpoints answer loopback clients only' });
		const route = CONTROL_ROUTES[`${req.method} ${url.pathname}`];
		if (!route)
			return reply(404, {
				error: `unknown control endpoint ${req.method} ${url.pathname}`,
				endpoints: Object.keys(CONTROL_ROUTES),
			});
		try {
			reply(200, route(this, await readJson(req)));
		} catch (error) {
			reply(400, { error: error instanceof Error ? error.message : String(error) });
		}
	}

	/** An API answer: counted by status. @param {http.ServerResponse} res @param {number} status @param {string} contentType @param {string | Buffer} body */
	answer(res, status, contentType, body) {
		count(this.counters.byStatus, status);
		writeResponse(res, status, contentType, body);
	}

	/** @param {http.ServerResponse} res @param {number} status @param {object} body */
	answerJson(res, status, body) {
		this.answer(
			res,
			status,
			'application/json; charset=utf-8',
			body instanceof SerializedJson ? body.bytes : JSON.stringify(body),
		);
	}

	/** The Wolkvox JSON envelope; `code` as the dialect sends it. @param {number} code @param {string | null} error @param {string} msg @param {unknown} data */
	envelope(code, error, msg, data) {
		return { code: this.dialect.codeAsString ? String(code) : code, error, msg, data };
	}

	// ---- the APIs ------------------------------------------------------------------------

	/** @param {URLSearchParams} params */
	workforcePerHour(params) {
		const cacheKey = params.toString();
		const cached = this.reportCache?.get(cacheKey);
		if (cached) return cached;
		const query = parseWorkforceQuery(params);
		const records = dataset.windowRecords({
			skills: this.skills,
			quietHours: this.quietHours,
			...query,
		});
		if (records.length > this.maxRecords) {
			throw new ApiError(
				ERRORS.tooManyRecords,
				`${records.length} RECORDS, THE LIMIT IS ${this.maxRecords} RECORDS PER REQUEST`,
			);
		}
		if (records.length === 0) throw new ApiError(ERRORS.noData);
		const rows = records.map((record) =>
			dataset.wireRow(dataset.typedRow(record, this.dialect), this.dialect),
		);
		const envelope = this.envelope(200, null, `${rows.length} records were found`, rows);
		if (!this.reportCache) return envelope;
		const serialized = new SerializedJson(JSON.stringify(envelope));
		this.reportCache.set(cacheKey, serialized);
		return serialized;
	}

	/**
	 * Any catalogue endpoint: the vendor's checks (required parameters, dates, range limit), then
	 * deterministic rows built from the field kinds.
	 * @param {any} endpoint @param {URLSearchParams} params
	 */
	catalogueAnswer(endpoint, params) {
		const problem = catalogue.queryProblem(
			endpoint,
			params,
			(text) => parseWolkvoxDate(text) ?? undefined,
		);
		if (problem) throw new ApiError(ERRORS.badParameters, problem);
		const scripted = this.scripts.next(endpoint.api);
		if (scripted)
			return this.envelope(200, null, `${scripted.length} records were found`, scripted);
		if (this.intervalRows && endpoint.interval && !endpoint.interval.dateField) {
			const rows = live.intervalRows(endpoint, params, this.skills);
			return this.envelope(200, null, `${rows.length} records were found`, rows);
		}
		const cacheKey = `${endpoint.file} ${params.toString()}`;
		const cached = this.reportCache?.get(cacheKey);
		if (cached) return cached;
		const { wire } = catalogue.catalogueRows(endpoint, this.catalogueOptions);
		if (wire.length > this.maxRecords)
			throw new ApiError(
				ERRORS.tooManyRecords,
				`${wire.length} RECORDS, THE LIMIT IS ${this.maxRecords} RECORDS PER REQUEST`,
			);
		const envelope = this.envelope(200, null, `${wire.length} records were found`, wire);
		if (!this.reportCache) return envelope;
		const serialized = new SerializedJson(JSON.stringify(envelope));
		this.reportCache.set(cacheKey, serialized);
		return serialized;
	}

	skillList() {
		const skills = this.skills.map(({ id, name }) => ({ skill_id: String(id), skill_name: name }));
		return this.envelope(200, null, `${skills.length} records were found`, skills);
	}

	/** @param {Account} account */
	tokenInfo(account) {
		const used = String(account.quotaUsed);
		const left = String(Math.max(0, account.quota - account.quotaUsed));
		// One object, not a list, as the vendor's page shows it.
		return this.envelope(200, null, 'token information', {
			description: 'simulator token',
			token_limit: String(account.quota),
			token_use_today: used,
			all_token_today: used,
			available_consumption_options: left,
		});
	}
}

/**
 * Starts a simulator.
 * @param {SimulatorOptions} [options]
 */
async function createSimulator(options = {}) {
	const sim = new Simulator(options);
	const httpServer = http.createServer((req, res) => {
		sim.handle(req, res).catch((error) => {
			// A bug in the simulator, not a simulated fault: make it visible to the test.
			writeResponse(
				res,
				500,
				'text/plain',
				`simulator error: ${error instanceof Error ? error.stack : error}`,
			);
		});
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(options.port ?? 0, host, () => resolve(undefined));
	});
	const { port } = /** @type {import('node:net').AddressInfo} */ (httpServer.address());
	const reachableHost =
		host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	return {
		/** base URL to give the credential as `baseUrl` */
		url: `http://${reachableHost}:${port}`,
		port,
		server: sim.server,
		/** the first configured token */
		token: [...sim.accounts.keys()][0],
		stats: () => sim.stats(),
		resetStats: () => sim.resetStats(),
		reset: () => sim.reset(),
		/** @param {string} token @param {number} quota */
		setQuota: (token, quota) => sim.setQuota(token, quota),
		/** @param {Partial<Dialect>} changes */
		setDialect: (changes) => sim.setDialect(changes),
		/** @param {number} latencyMs */
		setLatency: (latencyMs) => sim.setLatency(latencyMs),
		/**
		 * Scripts the answers of `api`: each request takes the next, the last repeats (until reset).
		 * @param {string} api @param {Array<Array<Record<string, unknown>>>} answers
		 */
		script: (api, answers) => sim.scripts.set(api, answers),
		/** @param {boolean} enabled see SimulatorOptions.intervalRows */
		setIntervalRows: (enabled) => {
			sim.intervalRows = enabled;
		},
		/** @param {ReadonlyArray<string | FaultSpec>} faults */
		injectFaults: (faults) => sim.faults.inject(faults),
		/** @param {RandomFaultOptions | null} options */
		setRandomFaults: (options) => sim.faults.setRandom(options),
		clearFaults: () => sim.faults.clear(),
		/** Rows this simulator answers (its skills, quiet hours and current dialect), typed. */
		expectedRows: /** @type {Simulator['expectedRows']} */ ((query) => sim.expectedRows(query)),
		/** Stops listening and drops every connection, hung requests included. @returns {Promise<void>} */
		close: () =>
			new Promise((resolve) => {
				httpServer.close(() => resolve());
				httpServer.closeAllConnections();
			}),
	};
}

module.exports = {
	createSimulator,
	expectedRows: dataset.expectedRows,
	isQuietHour: dataset.isQuietHour,
	formatWolkvoxDate,
	parseWolkvoxDate,
	mulberry32,
	FaultPlan,
	FAULT_KINDS,
	DEFAULT_SKILLS: dataset.DEFAULT_SKILLS,
	DEFAULT_DIALECT: dataset.DEFAULT_DIALECT,
	DIALECT_CHOICES: dataset.DIALECT_CHOICES,
	DEFAULT_TOKEN,
	DEFAULT_SERVER,
	ERRORS,
	catalogueRows: catalogue.catalogueRows,
	expectedCatalogueItems: catalogue.expectedCatalogueItems,
};
