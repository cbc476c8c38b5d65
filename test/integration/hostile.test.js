// @ts-check
'use strict';

/**
 * Hostile servers on loopback, through n8n-core's real engine and HTTP layer: huge and endless
 * answers, trickling bodies, silence, redirects, echoed tokens, n8n's own SSRF refusal. Each test
 * counts what reached the server (requests = tokens) and bounds its own loops. Figures go to stderr
 * for the report; assertions are about requests, bytes and outcomes, never about speed.
 */

const { createRequire } = require('node:module');
const { loadPackageTypes, runPoll, runListSearch, testCredential } = require('../../tools/harness');
const { Container } = require('../../tools/harness/runtime');
const { RETRY_POLICY } = require('../../dist/nodes/shared/wolkvox/api/retry');
const { MAX_ANSWER_BYTES } = require('../../dist/nodes/shared/wolkvox/api/limits');
const { customRange, everythingSaid } = require('./wolkvox');
const {
	useHostileServer,
	useHostileWolkvox,
	trickle,
	withPolicy,
	ROW,
	answerOf,
	report,
	streamHugeAnswer,
	TOKEN,
	TOKEN_FORMS,
} = require('./hostileServer');

const HOUR = customRange('2026-11-23T07:00:00', '2026-11-23T08:00:00');
const { server, usualAnswer, credential, run } = useHostileWolkvox();
const second = useHostileServer(usualAnswer);

describe('1. answer size: a byte cap and a row cap, neither retried', () => {
	test('an endless 200 answer stops at the byte cap: one request, far less read than sent would be', async () => {
		server.handler = (_req, res, hits) => streamHugeAnswer(res, hits, 3 * MAX_ANSWER_BYTES);
		const started = Date.now();
		const result = await run(HOUR);
		report('byte cap', {
			ms: Date.now() - started,
			requests: server.hits.requests,
			bytesWritten: server.hits.bytesWritten,
			cap: MAX_ANSWER_BYTES,
		});
		expect(result.error?.message).toMatch(/sent an answer larger than 64 MiB/);
		expect(result.rows).toEqual([]);
		expect(server.hits.requests).toBe(1);
		// The server stops once the client hangs up; only socket buffers separate the two figures.
		expect(server.hits.bytesWritten).toBeLessThan(MAX_ANSWER_BYTES + 16 * 1024 * 1024);
	});

	test('a declared Content-Length over the cap is refused before reading the body', async () => {
		server.handler = (_req, res, hits) => streamHugeAnswer(res, hits, 2 * MAX_ANSWER_BYTES, true);
		const result = await run(HOUR);
		expect(result.error?.message).toMatch(/larger than 64 MiB/);
		expect(server.hits.requests).toBe(1);
	});

	test('more than 60,000 rows is refused, not emitted, not retried', async () => {
		server.handler = (_req, res) => res.end(answerOf(Array.from({ length: 60_001 }, () => ({}))));
		const result = await run(
			customRange('2026-11-23T07:00:00', '2026-11-23T08:00:00', { options: { rawOutput: true } }),
		);
		expect(result.error?.message).toMatch(/exceed 60,000 records/);
		expect(result.error?.description).toContain('It sent a list of more than 60,000 rows.');
		expect(result.rows).toEqual([]);
		expect(server.hits.requests).toBe(1);
	});
});

describe('2-3. deadlines: per attempt from request to last byte, per window overall; a timeout is retried once', () => {
	test('a body trickling one byte every 100 ms is cut at the attempt deadline, and the slot is free again', async () => {
		server.handler = trickle(answerOf([ROW]).padEnd(600, ' '));
		await withPolicy({ attemptTimeoutMs: 1_000 }, async () => {
			const started = Date.now();
			const result = await run(HOUR);
			const ms = Date.now() - started;
			report('trickle', {
				ms,
				requests: server.hits.requests,
				bytesWritten: server.hits.bytesWritten,
			});
			expect(result.error?.message).toMatch(/did not answer in time/);
			expect(server.hits.requests).toBe(2);
			expect(ms).toBeLessThan(10_000);
		});
		// Both sockets were dropped by the node, not finished by the server.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(server.hits.inFlight).toBe(0);
		server.handler = (_req, res) => res.end(answerOf([ROW]));
		expect((await run(HOUR)).rows).toHaveLength(1);
	}, 30_000);

	test('a server that never answers costs two attempts (two tokens), not six', async () => {
		server.handler = (_req, res) => {
			const timer = setTimeout(() => res.destroy(), 20_000);
			res.on('close', () => clearTimeout(timer));
		};
		await withPolicy({ attemptTimeoutMs: 800 }, async () => {
			const started = Date.now();
			const result = await run(HOUR);
			report('silent server', { ms: Date.now() - started, requests: server.hits.requests });
			expect(result.error?.message).toMatch(/did not answer in time/);
			expect(result.error?.description).toMatch(/tried twice/);
			expect(server.hits.requests).toBe(2);
		});
	}, 30_000);

	test('the window deadline ends retries of a failure that heals (5xx) once it is spent', async () => {
		server.handler = (_req, res) => res.writeHead(503).end('busy');
		await withPolicy({ windowDeadlineMs: 1_200 }, async () => {
			const started = Date.now();
			const result = await run(HOUR);
			report('window deadline', { ms: Date.now() - started, requests: server.hits.requests });
			expect(result.error?.message).toMatch(/had a server error/);
			expect(Date.now() - started).toBeLessThan(RETRY_POLICY.windowDeadlineMs + 5_000);
			expect(server.hits.requests).toBeLessThan(RETRY_POLICY.maxAttempts);
		});
	}, 30_000);
});

test("time spent waiting for a slot behind other windows does not count against a window's deadline", async () => {
	server.handler = (_req, res) => setTimeout(() => res.end(answerOf([])), 400);
	await withPolicy({ attemptTimeoutMs: 1_000, windowDeadlineMs: 1_000 }, async () => {
		// 8 windows, 2 at a time, 400 ms each: the last ones start ~1.2 s after the first.
		const result = await run(
			customRange('2026-11-01T00:00:00', '2026-11-09T00:00:00', {
				options: { splitLongRange: true },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(server.hits.requests).toBe(8);
	});
});

describe('4. one failed window stops the rest of the item', () => {
	test('Split Long Range over 10 days: after the first 400, no further window is requested', async () => {
		server.handler = (_req, res) => {
			// A little latency, as a real server has, so windows overlap.
			setTimeout(
				() =>
					res
						.writeHead(400)
						.end(JSON.stringify({ code: 400, error: 'SOME PARAMETERS ARE REQUIRED' })),
				50,
			);
		};
		const result = await run(
			customRange('2026-11-01T00:00:00', '2026-11-11T00:00:00', {
				options: { splitLongRange: true },
			}),
		);
		// A window started after the failure would arrive a little later.
		await new Promise((resolve) => setTimeout(resolve, 300));
		report('failed window', { requests: server.hits.requests, windows: 10 });
		expect(result.error?.message).toMatch(/rejected the query parameters/);
		expect(server.hits.requests).toBeLessThanOrEqual(2);
	});
});

describe('5. retry only what can heal', () => {
	const ssrfConfig = () => {
		const coreRequire = createRequire(require.resolve('n8n-core/package.json'));
		return Container.get(coreRequire('@n8n/config').SsrfProtectionConfig);
	};

	test("n8n's SSRF protection refusing the host: not retried, not called a lost connection, nothing sent", async () => {
		const config = ssrfConfig();
		config.enabled = true;
		try {
			const started = Date.now();
			const result = await run(HOUR);
			report('ssrf refusal', { ms: Date.now() - started, requests: server.hits.requests });
			expect(result.error?.message).toMatch(/was not completed/);
			expect(result.error?.message).not.toMatch(/lost/);
			expect(result.error?.description).toMatch(/restricted IP address|blocked/);
			expect(result.logs.join('\n')).not.toMatch(/retrying/);
			expect(server.hits.requests).toBe(0);
		} finally {
			config.enabled = false;
		}
	});

	test.each([
		['200 that is not JSON', 200, 'text/plain', Buffer.from('all good'), /text that is not JSON/],
		[
			'200 with a top-level array',
			200,
			'application/json',
			Buffer.from(JSON.stringify([ROW])),
			/a JSON list of 1 values/,
		],
		[
			'200 in UTF-16',
			200,
			'application/json',
			Buffer.from(`\ufeff${answerOf([ROW])}`, 'utf16le'),
			/UTF-16/,
		],
		[
			'403 firewall page',
			403,
			'text/html',
			Buffer.from('<html><h1>Access denied</h1><p>Your IP address is not allowed</p></html>'),
			/HTML or XML page/,
		],
	])(
		'%s: tried twice at most, the message says what arrived',
		async (_name, status, contentType, body, arrived) => {
			server.handler = (_req, res) =>
				res.writeHead(status, { 'content-type': contentType }).end(body);
			const result = await run(HOUR);
			expect(result.error).toBeDefined();
			expect(result.error?.description).toMatch(arrived);
			expect(server.hits.requests).toBe(2);
		},
	);
});

describe('7. the token never leaves in any form', () => {
	test.each(TOKEN_FORMS.map((form) => [form]))(
		'a row whose hour is %s: the hour is null and kept under _unparsed with the token blanked',
		async (form) => {
			server.handler = (_req, res) => res.end(answerOf([{ ...ROW, hour: form }]));
			const result = await run(HOUR, { continueOnFail: true });
			expect(result.rows[0]).toMatchObject({
				hour: null,
				_unparsed: { hour: expect.stringContaining('***') },
			});
			const said = everythingSaid(result);
			for (const leak of TOKEN_FORMS) expect(said).not.toContain(leak);
		},
	);

	test('raw output rows and error texts echoing the token are blanked in every form', async () => {
		server.handler = (_req, res) =>
			res.end(answerOf(TOKEN_FORMS.map((form) => ({ ...ROW, note: `see ${form}!`, [form]: 1 }))));
		const result = await run(
			customRange('2026-11-23T07:00:00', '2026-11-23T08:00:00', { options: { rawOutput: true } }),
		);
		expect(result.error).toBeUndefined();
		expect(result.rows).toHaveLength(TOKEN_FORMS.length);
		expect(result.rows[0]).toMatchObject({ note: 'see ***!', '***': 1, hour: '07' });
		const said = everythingSaid(result);
		for (const leak of TOKEN_FORMS) expect(said).not.toContain(leak);
	});

	test('skill names echoing the token in every form reach the picker blanked', async () => {
		server.handler = (_req, res) =>
			res.end(
				answerOf(
					TOKEN_FORMS.map((form, index) => ({
						skill_id: String(index + 1),
						skill_name: `Q ${form}`,
					})),
				),
			);
		const { result, error } = await runListSearch({
			types: await loadPackageTypes(),
			node: {
				name: 'Wolkvox',
				type: 'n8n-nodes-wolkvox.wolkvox',
				credentials: { wolkvoxApi: { id: '1', name: 'W' } },
			},
			method: 'searchSkills',
			credentials: { wolkvoxApi: { 1: credential({ token: TOKEN }) } },
		});
		expect(error).toBeUndefined();
		const names = result.results.map((/** @type {any} */ entry) => entry.name);
		expect(names).toContain('Q *** (1)');
		for (const leak of TOKEN_FORMS) expect(JSON.stringify(names)).not.toContain(leak);
	});

	test.each(TOKEN_FORMS.map((form) => [form]))(
		'an error answer echoing %s is blanked',
		async (form) => {
			server.handler = (_req, res) =>
				res
					.writeHead(400)
					.end(
						JSON.stringify({ code: 400, error: `BAD TOKEN ${form} SOME PARAMETERS ARE REQUIRED` }),
					);
			const result = await run(HOUR);
			expect(result.error?.description).toMatch(/Wolkvox said: BAD TOKEN \*\*\*/);
			const said = everythingSaid(result);
			for (const leak of TOKEN_FORMS) expect(said).not.toContain(leak);
		},
	);
});

describe('8-9. credential values are never echoed; the token goes over https (or to this machine)', () => {
	test.each([
		[
			'a password in the Base URL',
			{ baseUrl: 'https://admin:s3cretPassw0rd@gw.example.com' },
			/^Base URL contains a user name or password$/,
			's3cretPassw0rd',
		],
		[
			'the token pasted into Server',
			{ server: TOKEN },
			/^Server \(text of 22 characters\) is not a Wolkvox server$/,
			TOKEN,
		],
		[
			'the token pasted into Base URL',
			{ baseUrl: TOKEN },
			/^Base URL \(text of 22 characters\) is not a valid https address$/,
			TOKEN,
		],
		[
			'plain http to the cloud metadata address',
			{ baseUrl: 'http://169.254.169.254/latest' },
			/^Base URL uses plain http to another machine$/,
			undefined,
		],
		[
			'plain http to a gateway',
			{ baseUrl: 'http://gateway.example.com:8080' },
			/^Base URL uses plain http to another machine$/,
			undefined,
		],
	])('%s: refused before any request, value not quoted', async (_name, change, message, secret) => {
		const result = await run(HOUR, { credential: credential(change) });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toBeTruthy();
		expect(server.hits.requests).toBe(0);
		const said = everythingSaid(result);
		if (secret) expect(said).not.toContain(secret);
		for (const leak of TOKEN_FORMS) expect(said).not.toContain(leak);
	});

	test.each([['http://localhost:{port}'], ['http://127.0.0.1:{port}']])(
		'plain http to this machine (%s) is accepted',
		async (template) => {
			const port = new URL(server.url).port;
			const result = await run(HOUR, {
				credential: credential({ baseUrl: template.replace('{port}', port) }),
			});
			expect(result.error).toBeUndefined();
			expect(result.rows).toHaveLength(1);
		},
	);

	test('"Allow Plain HTTP" lets an http gateway through validation (the request then goes to it)', async () => {
		const result = await run(HOUR, {
			credential: credential({ baseUrl: 'http://wolkvox-gateway.invalid', allowPlainHttp: true }),
		});
		expect(result.error?.message).toMatch(/could not be found/);
	});
});

describe('10. redirects are never followed: the second host gets nothing', () => {
	const STATUSES = [301, 302, 303, 307, 308];
	const redirectTo = (/** @type {number} */ status) => {
		server.handler = (_req, res) =>
			res
				.writeHead(status, { location: `${second.url.replace('127.0.0.1', 'localhost')}/steal` })
				.end();
	};
	const skillPickerNode = {
		name: 'Wolkvox',
		type: 'n8n-nodes-wolkvox.wolkvox',
		credentials: { wolkvoxApi: { id: '1', name: 'W' } },
	};
	const triggerNode = {
		name: 'Wolkvox Trigger',
		type: 'n8n-nodes-wolkvox.wolkvoxTrigger',
		parameters: { skillId: 'all', options: { settleMinutes: 5 } },
		credentials: { wolkvoxApi: { id: '1', name: 'W' } },
	};

	test.each(STATUSES)(
		'node: %d to another origin → a message naming the redirect',
		async (status) => {
			redirectTo(status);
			const result = await run(HOUR);
			expect(result.error?.message).toMatch(
				/redirected the request elsewhere; the node does not follow redirects/,
			);
			expect(result.error?.description).toContain(
				`HTTP ${status}, a redirect to http://localhost:`,
			);
			expect(server.hits.requests).toBe(1);
			expect(second.hits.requests).toBe(0);
		},
	);

	test.each(STATUSES)(
		'credential test: %d → says the node does not follow redirects',
		async (status) => {
			redirectTo(status);
			const result = await testCredential({
				types: await loadPackageTypes(),
				credentialType: 'wolkvoxApi',
				data: credential(),
			});
			expect(result).toMatchObject({ status: 'Error' });
			expect(result.message).toMatch(/redirect/i);
			expect(second.hits.requests).toBe(0);
		},
	);

	test.each(STATUSES)(
		'skill picker: %d → the redirect error, nothing sent elsewhere',
		async (status) => {
			redirectTo(status);
			const { error } = await runListSearch({
				types: await loadPackageTypes(),
				node: skillPickerNode,
				method: 'searchSkills',
				credentials: { wolkvoxApi: { 1: credential({ token: `${TOKEN}-${status}` }) } },
			});
			expect(error?.message).toMatch(/does not follow redirects/);
			expect(second.hits.requests).toBe(0);
		},
	);

	test.each(STATUSES)(
		'trigger: %d → the redirect error, nothing sent elsewhere',
		async (status) => {
			redirectTo(status);
			const { error } = await runPoll({
				types: await loadPackageTypes(),
				node: triggerNode,
				credentials: { wolkvoxApi: { 1: credential() } },
				mode: /** @type {any} */ ('manual'),
			});
			expect(error?.message).toMatch(/does not follow redirects/);
			expect(second.hits.requests).toBe(0);
		},
	);
});

describe('11-12. the per-token limit', () => {
	test('the same token through 127.0.0.1 and localhost: still at most 2 requests in flight', async () => {
		server.handler = (_req, res) => setTimeout(() => res.end(answerOf([])), 80);
		const port = new URL(server.url).port;
		const range = customRange('2026-11-01T00:00:00', '2026-11-05T00:00:00', {
			options: { splitLongRange: true },
		});
		await Promise.all([
			run(range, { credential: credential({ baseUrl: `http://127.0.0.1:${port}` }) }),
			run(range, { credential: credential({ baseUrl: `http://localhost:${port}` }) }),
		]);
		report('limiter key', {
			requests: server.hits.requests,
			peakInFlight: server.hits.peakInFlight,
		});
		expect(server.hits.requests).toBe(8);
		expect(server.hits.peakInFlight).toBeLessThanOrEqual(2);
	});

	test('another process holding one of the two slots: after the first "simultaneous" 403 this process sends one at a time', async () => {
		// The server plays Wolkvox with another worker using one slot all along: one request at a time is all it takes.
		server.handler = (_req, res, hits) => {
			if (hits.inFlight > 1)
				return void res.writeHead(403).end(
					JSON.stringify({
						code: 403,
						error: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)',
					}),
				);
			setTimeout(() => res.end(answerOf([])), 60);
		};
		const result = await run(
			customRange('2026-11-01T00:00:00', '2026-11-11T00:00:00', {
				options: { splitLongRange: true },
			}),
			{
				credential: credential({ token: `${TOKEN}-adaptive` }),
			},
		);
		const refused = server.hits.requests - 10;
		report('adaptive limit', { requests: server.hits.requests, refused403: refused, windows: 10 });
		expect(result.error).toBeUndefined();
		expect(refused).toBeLessThanOrEqual(1);
	}, 60_000);
});
