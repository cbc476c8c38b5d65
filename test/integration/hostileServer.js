// @ts-check
'use strict';

/** Loopback servers playing a hostile Wolkvox for the integration tests, and their figures. */

const http = require('node:http');
const { RETRY_POLICY } = require('../../dist/nodes/shared/wolkvox/api/retry');
const { runWolkvox } = require('./wolkvox');

const TOKEN = 'Tok+en/Secret=42abcXYZ';
/** Every form a server may echo the token in (the list). */
const TOKEN_FORMS = [
	TOKEN,
	TOKEN.toUpperCase(),
	TOKEN.toLowerCase(),
	encodeURIComponent(TOKEN),
	Buffer.from(TOKEN).toString('base64'),
	TOKEN.slice(0, 8),
];

/** A row of Workforce per Hour as Wolkvox sends it. */
const ROW = {
	skill_id: '12',
	hour: '07',
	inbound_calls: '131',
	inbound_calls_unique_customers: '118',
	aht: '185',
	agents_needed: '9',
};

const answerOf = (/** @type {unknown[]} */ data) =>
	JSON.stringify({ code: 200, error: null, msg: `${data.length} records were found`, data });

const report = (/** @type {string} */ name, /** @type {object} */ figures) =>
	process.stderr.write(`hostile figures: ${name} ${JSON.stringify(figures)}\n`);

/**
 * A loopback HTTP server whose answer each test sets (`usual` before each test); it counts
 * requests, requests in flight at once and bytes it managed to write, and destroys every socket
 * when it closes.
 * @typedef {(req: http.IncomingMessage, res: http.ServerResponse, hits: Hits) => void} Handler
 * @typedef {{ requests: number, inFlight: number, peakInFlight: number, bytesWritten: number }} Hits
 * @param {Handler} usual
 */
function useHostileServer(usual) {
	/** @type {http.Server} */
	let server;
	const sockets = new Set();
	const state = {
		url: '',
		/** @type {Hits} */
		hits: { requests: 0, inFlight: 0, peakInFlight: 0, bytesWritten: 0 },
		handler: usual,
	};
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const { hits } = state;
			hits.requests++;
			hits.inFlight++;
			hits.peakInFlight = Math.max(hits.peakInFlight, hits.inFlight);
			// Done when the handler ends the answer (or the client goes away), as Wolkvox counts.
			let done = false;
			const finish = () => {
				if (!done) hits.inFlight--;
				done = true;
			};
			const end = res.end.bind(res);
			res.end = /** @type {any} */ ((/** @type {any[]} */ ...args) => (finish(), end(...args)));
			res.on('close', finish);
			state.handler(req, res, hits);
		});
		server.on('connection', (socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
		state.url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
	});
	beforeEach(() => {
		state.hits = { requests: 0, inFlight: 0, peakInFlight: 0, bytesWritten: 0 };
		state.handler = usual;
	});
	afterAll(async () => {
		for (const socket of sockets) /** @type {import('node:net').Socket} */ (socket).destroy();
		await new Promise((resolve) => server.close(() => resolve(undefined)));
	});
	return state;
}

/** Writes `total` bytes of a valid answer of `{}` rows in 1 MiB chunks, honouring back-pressure, until the client goes away. */
function streamHugeAnswer(
	/** @type {http.ServerResponse} */ res,
	/** @type {Hits} */ hits,
	/** @type {number} */ total,
	declareLength = false,
) {
	const head = '{"code":200,"data":[';
	const chunk = '{},'.repeat(Math.floor((1024 * 1024) / 3));
	const chunks = Math.floor((total - head.length) / chunk.length);
	const tail = '{}]}';
	res.writeHead(200, {
		'content-type': 'application/json',
		...(declareLength
			? { 'content-length': String(head.length + chunks * chunk.length + tail.length) }
			: {}),
	});
	let sent = 0;
	const write = (/** @type {string} */ text) => {
		hits.bytesWritten += text.length;
		return res.write(text);
	};
	write(head);
	const pump = () => {
		while (sent < chunks && !res.destroyed) {
			sent++;
			if (!write(chunk)) return void res.once('drain', pump);
		}
		if (!res.destroyed) res.end(tail);
	};
	pump();
}

/** Runs `body` with some of the retry policy changed (short deadlines keep the tests quick). */
async function withPolicy(
	/** @type {Partial<typeof RETRY_POLICY>} */ change,
	/** @type {() => Promise<void>} */ body,
) {
	const saved = { ...RETRY_POLICY };
	Object.assign(RETRY_POLICY, change);
	try {
		await body();
	} finally {
		Object.assign(RETRY_POLICY, saved);
	}
}

/**
 * A hostile server that answers one usual row until a test sets its handler, the credential that
 * points at it with the test token, and a run of the node with that credential.
 */
function useHostileWolkvox() {
	/** @type {Handler} */
	const usualAnswer = (_req, res) => res.end(answerOf([ROW]));
	const server = useHostileServer(usualAnswer);
	const credential = (/** @type {object} */ change = {}) => ({
		server: '0042',
		token: TOKEN,
		baseUrl: server.url,
		...change,
	});
	/** @param {Record<string, unknown>} parameters @param {object} [options] */
	const run = (parameters, options = {}) =>
		runWolkvox(/** @type {any} */ ({}), parameters, { credential: credential(), ...options });
	return { server, usualAnswer, credential, run };
}

/**
 * An answer sent one character every 100 ms (200 characters take 20 s): bounded, so the request
 * ends even where no deadline cuts it.
 * @param {string} body @returns {Handler}
 */
function trickle(body) {
	return (_req, res, hits) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		let index = 0;
		const timer = setInterval(() => {
			if (res.destroyed || index >= body.length) {
				clearInterval(timer);
				if (!res.destroyed) res.end();
				return;
			}
			hits.bytesWritten++;
			res.write(body[index++]);
		}, 100);
		res.on('close', () => clearInterval(timer));
	};
}

module.exports = {
	trickle,
	useHostileServer,
	useHostileWolkvox,
	withPolicy,
	ROW,
	answerOf,
	report,
	streamHugeAnswer,
	TOKEN,
	TOKEN_FORMS,
};
