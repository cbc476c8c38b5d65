// @ts-check
'use strict';

/**
 * Hostile servers, round two (issue 25), the transport side, through n8n-core's real engine and
 * HTTP layer: the credential test goes through the node's transport, the picker cache is bounded,
 * plain http to this machine never goes through a proxy, failures are classified on the whole text,
 * and one execution sends each question once within a bounded time per item. Figures go to stderr.
 */

const zlib = require('node:zlib');
const v8 = require('node:v8');
const vm = require('node:vm');
const {
	loadPackageTypes,
	runListSearch,
	runWorkflow,
	testCredential,
} = require('../../tools/harness');
const { SplitInBatches } = require('n8n-nodes-base/dist/nodes/SplitInBatches/SplitInBatches.node');
const { MAX_ANSWER_BYTES } = require('../../dist/nodes/shared/wolkvox/api/limits');
const { sharedAnswersOf } = require('../../dist/nodes/shared/sharedAnswers');
const { customRange, everythingSaid } = require('./wolkvox');
const {
	TOKEN,
	TOKEN_FORMS,
	ROW,
	answerOf,
	report,
	useHostileServer,
	useHostileWolkvox,
	trickle,
	withPolicy,
	streamHugeAnswer,
} = require('./hostileServer');

const HOUR = customRange('2026-11-23T07:00:00', '2026-11-23T08:00:00');

const { server, usualAnswer, credential, run } = useHostileWolkvox();
const proxy = useHostileServer(usualAnswer);

/** The credential "Test" button (n8n's CredentialsTester), with this credential. */
const testButton = async (/** @type {object} */ change = {}) =>
	testCredential({
		types: await loadPackageTypes(),
		credentialType: 'wolkvoxApi',
		data: credential(change),
	});

const pickerNode = {
	name: 'Wolkvox',
	type: 'n8n-nodes-wolkvox.wolkvox',
	credentials: { wolkvoxApi: { id: '1', name: 'W' } },
};
/** A picker's list as the editor asks for it. */
const search = async (
	/** @type {string} */ method,
	/** @type {{ filter?: string, paginationToken?: string, change?: object }} */ options = {},
) =>
	runListSearch({
		types: await loadPackageTypes(),
		node: pickerNode,
		method,
		filter: options.filter,
		paginationToken: options.paginationToken,
		credentials: { wolkvoxApi: { 1: credential(options.change) } },
	});

const leaksIn = (/** @type {string} */ text) => TOKEN_FORMS.filter((form) => text.includes(form));

describe('3. the credential test goes through the node transport', () => {
	test.each(TOKEN_FORMS.map((form) => [form]))(
		'a 500 whose reason phrase echoes the token (%s): an error, the token in no form',
		async (form) => {
			server.handler = (_req, res) => res.writeHead(500, `Broken for ${form}`).end('oops');
			/** @type {any} */
			let result;
			await withPolicy({ firstDelayMs: 10, maxDelayMs: 20 }, async () => {
				result = await testButton();
			});
			const leaked = leaksIn(JSON.stringify(result));
			report('credential test 500 reason', { form, leaked, message: result.message });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/had a server error/);
			expect(leaked).toEqual([]);
			// Retried as a node's window is.
			expect(server.hits.requests).toBe(6);
		},
	);

	test('an endless answer stops at the byte cap, one request', async () => {
		server.handler = (_req, res, hits) => streamHugeAnswer(res, hits, 3 * MAX_ANSWER_BYTES);
		const started = Date.now();
		const result = await testButton();
		report('credential test byte cap', {
			ms: Date.now() - started,
			bytesWritten: server.hits.bytesWritten,
			status: result.status,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/larger than 64 MiB/);
		expect(server.hits.requests).toBe(1);
		expect(server.hits.bytesWritten).toBeLessThan(MAX_ANSWER_BYTES + 16 * 1024 * 1024);
	});

	test('a small gzip answer that inflates past the cap is cut at the cap', async () => {
		const inflated = `{"code":200,"data":[${'{},'.repeat(Math.ceil((1.25 * MAX_ANSWER_BYTES) / 3))}{}]}`;
		const gzip = zlib.gzipSync(inflated);
		server.handler = (_req, res) =>
			res
				.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
				.end(gzip);
		const rssBefore = process.memoryUsage().rss;
		const result = await testButton();
		report('credential test gzip', {
			gzipBytes: gzip.length,
			inflatedBytes: inflated.length,
			rssGrowthMiB: Math.round((process.memoryUsage().rss - rssBefore) / 1024 / 1024),
			status: result.status,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/larger than 64 MiB/);
	});

	test('a trickling body is cut at the attempt deadline', async () => {
		server.handler = trickle(answerOf([{ token_limit: '1000' }]).padEnd(200, ' '));
		await withPolicy({ attemptTimeoutMs: 1_000 }, async () => {
			const started = Date.now();
			const result = await testButton();
			const ms = Date.now() - started;
			report('credential test trickle', { ms, status: result.status, message: result.message });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/did not answer in time/);
			expect(ms).toBeLessThan(5_000);
		});
	}, 30_000);

	test.each([
		[
			'a 200 carrying a Wolkvox token error',
			'application/json',
			JSON.stringify({ code: 403, error: 'PLEASE VALIDATE TOKEN' }),
			/Wolkvox refused the token/,
			1,
		],
		[
			'a 200 carrying the quota error',
			'application/json',
			JSON.stringify({ code: '403', error: 'TOKEN LIMIT EXCEEDED', data: null }),
			/quota is used up/,
			1,
		],
		[
			'a 200 HTML page',
			'text/html',
			'<html><body><h1>Welcome to nginx!</h1></body></html>',
			/not readable JSON.*HTML or XML page/s,
			2,
		],
		['a 200 that is not JSON', 'text/plain', 'OK', /not readable JSON.*text that is not JSON/s, 2],
	])(
		'%s: an error saying what came, not "Connection successful", tried as a node tries it',
		async (_name, type, body, said, attempts) => {
			server.handler = (_req, res) => res.writeHead(200, { 'content-type': type }).end(body);
			const result = await testButton();
			report('credential test 200', {
				case: _name,
				status: result.status,
				message: result.message,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(said);
			expect(server.hits.requests).toBe(attempts);
		},
	);

	test('token_info answered: OK, one request carrying the token header', async () => {
		/** @type {unknown} */
		let header;
		server.handler = (req, res) => {
			header = req.headers['wolkvox-token'];
			res.end(answerOf([{ token_limit: '1000', token_use_today: '3' }]));
		};
		const result = await testButton();
		expect(result).toMatchObject({ status: 'OK' });
		expect(header).toBe(TOKEN);
		expect(server.hits.requests).toBe(1);
	});
});

describe('5. the picker cache is bounded and sends a page at a time', () => {
	const { PICKER_LISTS, pickerCacheSize } = (() => {
		try {
			return require('../../dist/nodes/shared/listSearch/pickerLists');
		} catch {
			return {};
		}
	})();
	/** Agents with every field the list sends (about 600 bytes each), so a row weighs what it would. */
	const agents = (/** @type {number} */ count, /** @type {string} */ tag = '') =>
		Array.from({ length: count }, (_unused, index) => ({
			agent_id: String(1000 + index),
			agent_name: `Agent ${tag}${index}`,
			agent_dni: String(90_000_000 + index),
			agent_email: `agent${index}@operation.example.com`,
			agent_state: 'Active',
			agent_skills: '12,15,27,31,44,58,61,73,80,92',
			agent_profile: 'Inbound and outbound with chat, mail and social channels',
			agent_created: '2024-01-15 08:30:00',
			agent_supervisor: 'Supervisor of the night shift team',
			agent_site: 'Bogota - Centro Empresarial Santa Barbara, Torre B, Piso 7',
			agent_notes: 'Speaks Spanish, English and Portuguese; certified on the new CRM in 2025',
		}));
	/** Lists of `count` rows, each answer made once (before any memory is measured). */
	const listServer = (/** @type {number} */ count) => {
		/** @type {string[]} */
		const asked = [];
		/** @type {Record<string, () => unknown[]>} */
		const rowsOf = {
			skills: () =>
				Array.from({ length: count }, (_unused, index) => ({
					skill_id: String(index + 1),
					skill_name: `Skill ${index}`,
					skill_description: 'A skill with a long description as a real list sends',
				})),
			campaigns: () =>
				Array.from({ length: count }, (_unused, index) => ({
					campaign_id: String(index + 1),
					campaign_name: `Campaign ${index}`,
					campaign_type: 'Predictive outbound campaign with a long name',
				})),
			agents: () => agents(count),
		};
		const answers = new Map(Object.entries(rowsOf).map(([api, rows]) => [api, answerOf(rows())]));
		server.handler = (req, res) => {
			const api = new URL(req.url ?? '/', 'http://x').searchParams.get('api') ?? '';
			asked.push(api);
			res.end(answers.get(api) ?? answers.get('agents'));
		};
		return asked;
	};

	test('a 60,000-agent list: a page of at most 100, then the next pages by token, all agents once', async () => {
		const asked = listServer(60_000);
		const first = await search('searchAgents');
		expect(first.error).toBeUndefined();
		const results = first.result?.results ?? [];
		report('picker first page', {
			entries: results.length,
			bytes: JSON.stringify(first.result).length,
		});
		expect(results.length).toBeLessThanOrEqual(100);
		expect(first.result?.paginationToken).toBeDefined();
		// A filter that matches 1,111 agents ("Agent 7", "Agent 7x", "Agent 7xx", "Agent 7xxx"): every one once, by pages.
		const seen = new Set();
		/** @type {string | undefined} */
		let token;
		let pages = 0;
		do {
			const page = await search('searchAgents', { filter: 'agent 7', paginationToken: token });
			expect(page.error).toBeUndefined();
			for (const entry of page.result?.results ?? []) {
				expect(seen.has(entry.value)).toBe(false);
				seen.add(entry.value);
			}
			token = page.result?.paginationToken;
			pages++;
		} while (token !== undefined && pages < 100);
		expect(seen.size).toBe(1_111);
		expect(pages).toBe(12);
		expect(asked).toEqual(['agents']);
	});

	test('skills: "All Skills" heads the first page only', async () => {
		listServer(250);
		const first = await search('searchSkills');
		expect(first.result?.results[0]).toEqual({ name: 'All Skills', value: 'all' });
		const second = await search('searchSkills', {
			paginationToken: first.result?.paginationToken,
		});
		expect(second.result?.results.map((/** @type {any} */ entry) => entry.value)).not.toContain(
			'all',
		);
		expect(first.result?.results.length).toBeLessThanOrEqual(101);
	});

	test('six credentials with 60,000-row lists: the memory kept is bounded', async () => {
		const gc = (() => {
			v8.setFlagsFromString('--expose-gc');
			return /** @type {() => void} */ (vm.runInNewContext('gc'));
		})();
		listServer(60_000);
		gc();
		const before = process.memoryUsage().heapUsed;
		for (let credentialIndex = 0; credentialIndex < 6; credentialIndex++) {
			for (const method of ['searchAgents', 'searchAgentDocuments', 'searchCampaigns']) {
				const { error } = await search(method, {
					change: { token: `${TOKEN}-memory-${credentialIndex}` },
				});
				expect(error).toBeUndefined();
			}
		}
		gc();
		const retainedMiB = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
		report('picker memory', {
			lists: 18,
			rowsEach: 60_000,
			retainedMiB: Math.round(retainedMiB),
			cache: pickerCacheSize?.(),
		});
		expect(retainedMiB).toBeLessThan(PICKER_LISTS ? PICKER_LISTS.maxBytes / 1024 / 1024 + 8 : 0);
		expect(pickerCacheSize().bytes).toBeLessThanOrEqual(PICKER_LISTS.maxBytes);
		expect(pickerCacheSize().lists).toBeLessThanOrEqual(PICKER_LISTS.maxLists);
	}, 120_000);

	test('a list is asked again once its lifetime is over, and expired lists are dropped', async () => {
		const asked = listServer(10);
		const saved = { ...PICKER_LISTS };
		PICKER_LISTS.ttlMs = 300;
		try {
			const change = { token: `${TOKEN}-lifetime` };
			await search('searchCampaigns', { change });
			await search('searchCampaigns', { change, filter: 'campaign 1' });
			expect(asked).toEqual(['campaigns']);
			await new Promise((resolve) => setTimeout(resolve, 400));
			await search('searchCampaigns', { change });
			expect(asked).toEqual(['campaigns', 'campaigns']);
			await new Promise((resolve) => setTimeout(resolve, 400));
			await search('searchSkills', { change });
			// The campaigns list has expired: only the skills just fetched are kept.
			expect(pickerCacheSize().lists).toBe(1);
		} finally {
			Object.assign(PICKER_LISTS, saved);
		}
	});

	test('a list that could not be fetched is not kept: the next search asks again', async () => {
		server.handler = (_req, res) =>
			res.writeHead(400).end(JSON.stringify({ code: 400, error: 'SOME PARAMETERS ARE REQUIRED' }));
		const change = { token: `${TOKEN}-failed-list` };
		const first = await search('searchCampaigns', { change });
		expect(first.error?.message).toMatch(/rejected the query parameters/);
		listServer(3);
		const second = await search('searchCampaigns', { change });
		expect(second.result?.results).toHaveLength(3);
		expect(server.hits.requests).toBe(2);
	});

	test('at most maxLists lists are kept, and keystrokes arriving together share one request', async () => {
		const asked = listServer(5);
		for (let index = 0; index < PICKER_LISTS.maxLists + 5; index++)
			await search('searchCampaigns', { change: { token: `${TOKEN}-many-${index}` } });
		expect(pickerCacheSize().lists).toBeLessThanOrEqual(PICKER_LISTS.maxLists);
		asked.length = 0;
		const change = { token: `${TOKEN}-together` };
		const results = await Promise.all(
			['c', 'ca', 'cam', 'camp'].map((filter) => search('searchCampaigns', { change, filter })),
		);
		for (const { error } of results) expect(error).toBeUndefined();
		expect(asked).toEqual(['campaigns']);
	});
});

describe('7. plain http to this machine never goes through a proxy', () => {
	/** @type {Record<string, string | undefined>} */
	const saved = {};
	const NAMES = ['HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];
	/** @type {Array<{ url?: string, token?: string | string[] }>} */
	let proxied = [];
	beforeEach(() => {
		for (const name of NAMES) saved[name] = process.env[name];
		for (const name of NAMES) delete process.env[name];
		process.env.HTTP_PROXY = proxy.url;
		process.env.http_proxy = proxy.url;
		proxied = [];
		proxy.handler = (req, res) => {
			proxied.push({ url: req.url, token: req.headers['wolkvox-token'] });
			res.writeHead(502).end('proxy');
		};
	});
	afterEach(() => {
		for (const name of NAMES)
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
	});
	const port = () => new URL(server.url).port;

	test.each([['127.0.0.1'], ['localhost']])(
		'node, http://%s: straight to the server, nothing to the proxy',
		async (host) => {
			const result = await run(HOUR, {
				credential: credential({ baseUrl: `http://${host}:${port()}` }),
			});
			report('loopback proxy node', {
				host,
				proxyRequests: proxy.hits.requests,
				tokensSeenByProxy: proxied.filter((request) => request.token === TOKEN).length,
			});
			expect(proxy.hits.requests).toBe(0);
			expect(result.error).toBeUndefined();
			expect(result.rows).toHaveLength(1);
			expect(server.hits.requests).toBe(1);
		},
	);

	test('credential test and picker: straight to the server, nothing to the proxy', async () => {
		server.handler = (req, res) =>
			res.end(
				answerOf(
					req.url?.includes('skills')
						? [{ skill_id: '12', skill_name: 'Ventas' }]
						: [{ token_limit: '1000' }],
				),
			);
		const tested = await testButton({ baseUrl: `http://localhost:${port()}` });
		const picked = await search('searchSkills', {
			change: { baseUrl: `http://localhost:${port()}`, token: `${TOKEN}-proxy` },
		});
		report('loopback proxy test+picker', {
			proxyRequests: proxy.hits.requests,
			tokensSeenByProxy: proxied.filter((request) => request.token?.includes(TOKEN)).length,
		});
		expect(proxy.hits.requests).toBe(0);
		expect(tested.status).toBe('OK');
		expect(picked.error).toBeUndefined();
		expect(server.hits.requests).toBe(2);
	});
});

describe('8. failures are classified on the whole answer text', () => {
	const OFFSETS = [0, 150, 190, 196, 197, 200, 260, 5_000];

	test.each(OFFSETS)(
		'a 400 whose "SOME PARAMETERS ARE REQUIRED" starts at %d: rejected parameters, not retried, at most 200 characters quoted',
		async (offset) => {
			server.handler = (_req, res) =>
				res.writeHead(400).end(
					JSON.stringify({
						code: 400,
						error: `${'Parameter check: '.repeat(offset).slice(0, offset)}SOME PARAMETERS ARE REQUIRED`,
					}),
				);
			const result = await run(HOUR);
			expect(result.error?.message).toMatch(/rejected the query parameters/);
			const quoted = /Wolkvox said: (.*)$/.exec(result.error?.description ?? '')?.[1] ?? '';
			expect(quoted.length).toBeGreaterThan(0);
			expect(quoted.length).toBeLessThanOrEqual(200);
			expect(server.hits.requests).toBe(1);
		},
	);

	test('an answer arriving a byte at a time (byte order mark, 2-, 3- and 4-byte characters split) reads as sent', async () => {
		const note = 'María Peña · 日本 · 😀 · ©';
		const bytes = Buffer.concat([
			Buffer.from([0xef, 0xbb, 0xbf]),
			Buffer.from(answerOf([{ ...ROW, note }]), 'utf8'),
		]);
		server.handler = (_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.socket?.setNoDelay(true);
			let index = 0;
			const next = () => {
				if (index >= bytes.length) return void res.end();
				res.write(bytes.subarray(index, ++index));
				setTimeout(next, 1);
			};
			next();
		};
		const result = await run({ ...HOUR, options: { rawOutput: true } });
		expect(result.error).toBeUndefined();
		expect(result.rows).toEqual([{ ...ROW, note }]);
	}, 60_000);

	test('a "simultaneous" 403 with the text after character 200 is retried as such', async () => {
		let answered = 0;
		server.handler = (_req, res) => {
			if (answered++ === 0)
				return void res.writeHead(403).end(
					JSON.stringify({
						code: 403,
						error: `${'x'.repeat(250)} EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)`,
					}),
				);
			res.end(answerOf([ROW]));
		};
		const result = await run(HOUR, { credential: credential({ token: `${TOKEN}-late403` }) });
		expect(result.error).toBeUndefined();
		expect(result.rows).toHaveLength(1);
		expect(server.hits.requests).toBe(2);
	});

	test('"TOKEN LIMIT EXCEEDED" after character 200: the quota message, not retried', async () => {
		server.handler = (_req, res) =>
			res
				.writeHead(403)
				.end(JSON.stringify({ code: 403, error: `${'y'.repeat(300)} TOKEN LIMIT EXCEEDED` }));
		const result = await run(HOUR);
		expect(result.error?.message).toMatch(/quota is used up/);
		expect(server.hits.requests).toBe(1);
	});

	test('a token echoed across the 200-character cut is blanked before the cut', async () => {
		server.handler = (_req, res) =>
			res.writeHead(400).end(
				JSON.stringify({
					code: 400,
					error: `${'z'.repeat(190)}${TOKEN.toUpperCase()} SOME PARAMETERS ARE REQUIRED`,
				}),
			);
		const result = await run(HOUR);
		expect(result.error?.message).toMatch(/rejected the query parameters/);
		expect(leaksIn(everythingSaid(result))).toEqual([]);
		expect(everythingSaid(result)).not.toContain(TOKEN.toUpperCase().slice(0, 7));
	});
});

describe('9. one execution sends each question once, and an item has a total deadline', () => {
	const MONTH = customRange('2026-10-01T00:00:00', '2026-11-01T00:00:00', {
		options: { splitLongRange: true },
	});
	const items = (/** @type {number} */ count) =>
		Array.from({ length: count }, () => ({ json: {} }));

	test('40 identical items over a 31-day split: 31 requests, each item gets its own rows', async () => {
		const started = Date.now();
		const result = await run(MONTH, { inputItems: items(40) });
		report('shared requests', {
			items: 40,
			windows: 31,
			requests: server.hits.requests,
			ms: Date.now() - started,
		});
		expect(result.error).toBeUndefined();
		expect(server.hits.requests).toBe(31);
		expect(result.items).toHaveLength(40 * 31);
		const [first] = result.items;
		const sameRowOfItem2 = result.items[31];
		expect(sameRowOfItem2.pairedItem).toEqual({ item: 1 });
		expect(sameRowOfItem2.json).toEqual(first.json);
		expect(sameRowOfItem2.json).not.toBe(first.json);
	}, 120_000);

	test('rows shared between items are blanked of the token like the first', async () => {
		server.handler = (_req, res) => res.end(answerOf([{ ...ROW, note: `see ${TOKEN}` }]));
		const result = await run(
			customRange('2026-11-23T07:00:00', '2026-11-23T08:00:00', { options: { rawOutput: true } }),
			{ inputItems: items(3) },
		);
		expect(server.hits.requests).toBe(1);
		expect(result.rows).toHaveLength(3);
		for (const row of result.rows) expect(row).toMatchObject({ note: 'see ***' });
		expect(leaksIn(everythingSaid(result))).toEqual([]);
	});

	test('a failure is shared too: five identical items, one request, five errors', async () => {
		server.handler = (_req, res) =>
			res.writeHead(400).end(JSON.stringify({ code: 400, error: 'SOME PARAMETERS ARE REQUIRED' }));
		const result = await run(HOUR, { inputItems: items(5), continueOnFail: true });
		expect(result.rows).toHaveLength(5);
		for (const row of result.rows) expect(row.error).toMatch(/rejected the query parameters/);
		expect(server.hits.requests).toBe(1);
	});

	/** Wolkvox nodes asking HOUR, wired by `connections` after a start node giving `inputItems`. */
	const runGraph = async (
		/** @type {Array<{ name: string, type?: string, parameters?: object, disabled?: boolean }>} */ nodes,
		/** @type {Record<string, string[][]>} */ wiring,
		/** @type {object[]} */ inputItems = [{ json: {} }],
	) =>
		runWorkflow({
			types: await loadPackageTypes(),
			extraNodeTypes: { 'n8n-nodes-base.splitInBatches': SplitInBatches },
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
				...nodes.map((node) => ({
					type: 'n8n-nodes-wolkvox.wolkvox',
					parameters: { resource: 'report', operation: 'getWorkforcePerHour', ...HOUR },
					credentials: { wolkvoxApi: { id: '1', name: 'Wolkvox' } },
					...node,
				})),
			],
			connections: Object.fromEntries(
				Object.entries(wiring).map(([from, outputs]) => [
					from,
					{
						main: outputs.map((targets) =>
							targets.map((node) => ({ node, type: 'main', index: 0 })),
						),
					},
				]),
			),
			credentials: { wolkvoxApi: { 1: credential() } },
			timezone: 'America/Bogota',
			inputItems,
		});
	const kept = (/** @type {{ executionSignal: AbortSignal }} */ result) =>
		sharedAnswersOf(result.executionSignal).size();

	test('an answer no later node run can ask for is not kept for the execution (items of one run still share it)', async () => {
		const alone = await run(HOUR);
		expect(alone.rows).toHaveLength(1);
		expect(kept(alone)).toEqual({ questions: 0, characters: 0 });
		const threeItems = await run(HOUR, { inputItems: items(3) });
		expect(threeItems.rows).toHaveLength(3);
		expect(kept(threeItems)).toEqual({ questions: 0, characters: 0 });
		expect(server.hits.requests).toBe(2);
		// A disabled Wolkvox node after it never runs, so it cannot ask.
		const disabledAfter = await runGraph([{ name: 'A' }, { name: 'B', disabled: true }], {
			Start: [['A']],
			A: [['B']],
		});
		expect(disabledAfter.error).toBeUndefined();
		expect(kept(disabledAfter)).toEqual({ questions: 0, characters: 0 });
	});

	test('a later Wolkvox node (after it or on a parallel branch) reads the answer the execution kept: one request', async () => {
		const after = await runGraph([{ name: 'A' }, { name: 'B' }], { Start: [['A']], A: [['B']] });
		expect(after.error).toBeUndefined();
		expect(after.items.B[0]).toHaveLength(1);
		expect(server.hits.requests).toBe(1);
		expect(kept(after).questions).toBe(1);
		expect(kept(after).characters).toBeGreaterThan(0);
		const parallel = await runGraph([{ name: 'A' }, { name: 'B' }], { Start: [['A', 'B']] });
		expect(parallel.error).toBeUndefined();
		expect(parallel.items.A[0]).toHaveLength(1);
		expect(parallel.items.B[0]).toHaveLength(1);
		expect(server.hits.requests).toBe(2);
	});

	test('a Wolkvox node in a loop asks once for all its runs', async () => {
		const result = await runGraph(
			[
				{
					name: 'Loop',
					type: 'n8n-nodes-base.splitInBatches',
					parameters: { batchSize: 1, options: {} },
				},
				{ name: 'A' },
			],
			{ Start: [['Loop']], Loop: [[], ['A']], A: [['Loop']] },
			items(3),
		);
		expect(result.error).toBeUndefined();
		expect(result.runData.A).toHaveLength(3);
		expect(server.hits.requests).toBe(1);
	});

	test('different questions, and another execution, are sent again', async () => {
		await run(HOUR, { inputItems: items(2) });
		await run(HOUR, { inputItems: items(2) });
		await run(customRange('2026-11-23T08:00:00', '2026-11-23T09:00:00'));
		expect(server.hits.requests).toBe(3);
	});

	test('an item waiting for a slot of its token (held by another execution) fails at its deadline, sending nothing', async () => {
		/** @type {Array<() => void>} */
		const held = [];
		server.handler = (_req, res) => {
			if (server.hits.requests <= 2) return void held.push(() => res.end(answerOf([ROW])));
			res.end(answerOf([ROW]));
		};
		// Another execution takes both slots of the token and keeps them.
		const other = run(
			customRange('2026-11-01T00:00:00', '2026-11-03T00:00:00', {
				options: { splitLongRange: true },
			}),
		);
		while (held.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
		/** @type {any} */
		let result;
		let ms = 0;
		await withPolicy(/** @type {any} */ ({ itemDeadlineMs: 1_000 }), async () => {
			const started = Date.now();
			result = await run(HOUR);
			ms = Date.now() - started;
		});
		report('slot wait deadline', { ms, requests: server.hits.requests });
		expect(result.error?.message).toMatch(/this item/);
		expect(ms).toBeLessThan(2_500);
		expect(server.hits.requests).toBe(2);
		for (const release of held) release();
		expect((await other).error).toBeUndefined();
	});

	test('an item whose windows together take longer than its deadline fails with that reason', async () => {
		server.handler = (_req, res) => {
			const timer = setTimeout(() => res.end(answerOf([ROW])), 400);
			res.on('close', () => clearTimeout(timer));
		};
		await withPolicy(/** @type {any} */ ({ itemDeadlineMs: 1_500 }), async () => {
			const started = Date.now();
			const result = await run(
				customRange('2026-11-01T00:00:00', '2026-11-21T00:00:00', {
					options: { splitLongRange: true },
				}),
			);
			const ms = Date.now() - started;
			report('item deadline', { ms, requests: server.hits.requests, windows: 20 });
			expect(result.error?.message).toMatch(/this item/);
			expect(ms).toBeLessThan(3_500);
			expect(server.hits.requests).toBeLessThan(20);
		});
	}, 30_000);
});
