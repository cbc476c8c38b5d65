// @ts-check
'use strict';

/**
 * Proves the harness with a throwaway package (fixtures/demo-package: a node, a polling
 * trigger, a generic-auth and a function-auth credential) and an inline node type, against
 * a local HTTP server. Run: npx jest test/harness
 */

const http = require('node:http');
const path = require('node:path');

const { loadPackageTypes, runWorkflow, runPoll, testCredential } = require('../../tools/harness');

const FIXTURE = path.join(__dirname, 'fixtures', 'demo-package');
const TOKEN = 'tok-3f9a61c2-secret';

/** @type {Array<{ method?: string, url: string, headers: http.IncomingHttpHeaders }>} */
let requests = [];
/** @type {http.Server} */
let server;
let baseUrl = '';

beforeAll(async () => {
	server = http.createServer((req, res) => {
		requests.push({ method: req.method, url: req.url ?? '', headers: req.headers });
		const url = new URL(req.url ?? '/', 'http://x');
		const send = (/** @type {number} */ status, /** @type {unknown} */ body) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (url.pathname.startsWith('/boom')) return send(500, { message: 'kaboom' });
		if (url.pathname === '/ping') {
			const token = req.headers['x-token'];
			if (token === 'forbidden') return send(403, { message: 'forbidden' });
			return token === TOKEN ? send(200, { pong: true }) : send(401, { message: 'bad token' });
		}
		if (url.pathname === '/events') {
			const since = Number(url.searchParams.get('since'));
			const events = [1, 2, 3].filter((id) => id > since).map((id) => ({ id }));
			return send(200, { events, cursor: 3 });
		}
		return send(200, { path: url.pathname });
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	requests = [];
});

/**
 * Start -> Demo workflow.
 * @param {import('n8n-workflow').INodeParameters} demoParameters
 * @param {Partial<import('n8n-workflow').INode>} [demoNodeExtra]
 */
function workflow(demoParameters, demoNodeExtra = {}) {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
			{
				name: 'Demo',
				type: 'n8n-nodes-harness-demo.demo',
				parameters: demoParameters,
				credentials: {
					demoApi: { id: '1', name: 'Demo account' },
					demoFnApi: { id: '7', name: 'Demo fn account' },
				},
				...demoNodeExtra,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Demo', type: /** @type {const} */ ('main'), index: 0 }]] },
		},
	};
}

function credentials() {
	return {
		// `region` omitted on purpose: n8n fills credential property defaults.
		demoApi: { 1: { token: TOKEN, baseUrl } },
		demoFnApi: { 7: { token: TOKEN, baseUrl } },
	};
}

describe('loadPackageTypes', () => {
	test('loads nodes and credentials from package.json "n8n" with n8n-core’s loader', async () => {
		const types = await loadPackageTypes(FIXTURE);
		expect(types.packageName).toBe('n8n-nodes-harness-demo');
		expect(Object.keys(types.nodeTypes).sort()).toEqual([
			'n8n-nodes-harness-demo.demo',
			'n8n-nodes-harness-demo.demoPoll',
		]);
		expect(Object.keys(types.credentialTypes).sort()).toEqual(['demoApi', 'demoFnApi']);
		// The loader adds n8n's polling parameters to polling nodes, as in a real instance.
		const poll = /** @type {import('n8n-workflow').INodeType} */ (
			types.nodeTypes['n8n-nodes-harness-demo.demoPoll']
		);
		expect(poll.description.properties.map((p) => p.name)).toContain('pollTimes');
	});

	test('rejects a package that is missing', async () => {
		await expect(
			loadPackageTypes(path.join(__dirname, 'fixtures', 'does-not-exist')),
		).rejects.toThrow();
	});
});

describe('runWorkflow', () => {
	test('runs each input item through the node, resolving expressions per item (generic auth)', async () => {
		const result = await runWorkflow({
			packageRoot: FIXTURE,
			...workflow({
				path: '={{ $json.p }}',
				note: '={{ $json.p.toUpperCase() }} {{ $now.zoneName }}',
			}),
			credentials: credentials(),
			timezone: 'America/Bogota',
			inputItems: [{ json: { p: '/a' } }, { json: { p: '/b' } }],
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.lastNodeItems).toEqual([
			{ json: { path: '/a', note: '/A America/Bogota' }, pairedItem: { item: 0 } },
			{ json: { path: '/b', note: '/B America/Bogota' }, pairedItem: { item: 1 } },
		]);
		expect(result.items.Start[0].map((i) => i.json)).toEqual([{ p: '/a' }, { p: '/b' }]);
		expect(requests.map((r) => r.url)).toEqual(['/a', '/b']);
		for (const r of requests) {
			expect(r.headers['x-token']).toBe(TOKEN);
			expect(r.headers['x-region']).toBe('co'); // credential default applied
			expect(r.headers['user-agent']).toBe('n8n'); // went through n8n-core's request code
		}
	});

	test('function-style authenticate sets its header', async () => {
		const result = await runWorkflow({
			packageRoot: FIXTURE,
			...workflow({ authentication: 'function', path: '/fn' }),
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(requests).toHaveLength(1);
		expect(requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(requests[0].headers['x-token']).toBeUndefined();
	});

	test('continueOnFail turns a failing item into an error item; others still run', async () => {
		const result = await runWorkflow({
			packageRoot: FIXTURE,
			...workflow({ path: '={{ $json.p }}' }, { onError: 'continueRegularOutput' }),
			credentials: credentials(),
			inputItems: [{ json: { p: '/ok' } }, { json: { p: '/boom' } }],
		});
		expect(result.status).toBe('success');
		expect(result.lastNodeItems[0].json).toEqual({ path: '/ok', note: '' });
		// n8n's NodeApiError message for an HTTP 500
		expect(result.lastNodeItems[1].json.error).toBe(
			'The service was not able to process your request',
		);
		expect(result.lastNodeItems[1].pairedItem).toEqual({ item: 1 });
	});

	test('without continueOnFail the run fails with the node error', async () => {
		const result = await runWorkflow({
			packageRoot: FIXTURE,
			...workflow({ path: '/boom' }),
			credentials: credentials(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.runData.Demo[0].error).toBeDefined();
		expect(result.items.Demo).toEqual([]);
	});

	test('alwaysOutputData emits an empty item when a node returns nothing (inline node type)', async () => {
		const empty = {
			description: {
				displayName: 'Empty',
				name: 'empty',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: { name: 'Empty' },
				inputs: ['main'],
				outputs: ['main'],
				properties: [],
			},
			async execute() {
				return [[]];
			},
		};
		const result = await runWorkflow({
			packageRoot: null,
			extraNodeTypes: { 'test.empty': /** @type {any} */ (empty) },
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
				{ name: 'Empty', type: 'test.empty', alwaysOutputData: true },
				{ name: 'After', type: 'n8n-nodes-base.noOp' },
			],
			connections: {
				Start: { main: [[{ node: 'Empty', type: 'main', index: 0 }]] },
				Empty: { main: [[{ node: 'After', type: 'main', index: 0 }]] },
			},
		});
		expect(result.status).toBe('success');
		// n8n's own shape for the item alwaysOutputData adds
		expect(result.items.Empty[0]).toEqual([{ json: {}, pairedItem: [{ item: 0, input: 0 }] }]);
		expect(result.lastNodeItems).toHaveLength(1);
	});

	test('captures every logger line (n8n-core debug and the node’s this.logger)', async () => {
		const result = await runWorkflow({
			packageRoot: FIXTURE,
			...workflow({ path: '/logged' }),
			credentials: credentials(),
		});
		expect(result.logs).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^\[debug\] Start executing node "Demo"/),
				'[debug] demo node: GET /logged',
			]),
		);
	});

	test('an unknown credential id fails like n8n', async () => {
		const result = await runWorkflow({
			packageRoot: FIXTURE,
			...workflow({ path: '/x' }),
			credentials: { demoApi: { 2: { token: TOKEN, baseUrl } } },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/Credential with ID "1" does not exist for type "demoApi"/,
		);
		expect(requests).toHaveLength(0);
	});
});

describe('runPoll', () => {
	const node = {
		name: 'Demo Poll',
		type: 'n8n-nodes-harness-demo.demoPoll',
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] } },
		credentials: { demoApi: { id: '1', name: 'Demo account' } },
	};

	test('emits new items and keeps the cursor in static data across polls', async () => {
		const first = await runPoll({ packageRoot: FIXTURE, node, credentials: credentials() });
		expect(first.error).toBeUndefined();
		expect(first.emitted?.[0].map((i) => i.json)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
		expect(first.staticData).toEqual({ 'node:Demo Poll': { cursor: 3 } });
		expect(first.staticDataChanged).toBe(true);
		expect(requests[0].url).toBe('/events?since=0');
		expect(requests[0].headers['x-token']).toBe(TOKEN);

		const second = await runPoll({
			packageRoot: FIXTURE,
			node,
			credentials: credentials(),
			staticData: first.staticData,
		});
		expect(second.emitted).toBeNull();
		expect(requests[1].url).toBe('/events?since=3');
	});

	test('manual execution ("Fetch test event") runs poll() through WorkflowExecute', async () => {
		const result = await runWorkflow({
			packageRoot: FIXTURE,
			nodes: [node],
			connections: {},
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(result.lastNodeItems.map((i) => i.json)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
	});

	test('a failing poll goes to __emitError', async () => {
		const result = await runPoll({
			packageRoot: FIXTURE,
			node,
			credentials: { demoApi: { 1: { token: TOKEN, baseUrl: `${baseUrl}/boom` } } },
		});
		expect(result.emitted).toBeNull();
		expect(result.error?.name).toBe('NodeApiError');
	});
});

describe('testCredential', () => {
	test('success', async () => {
		const result = await testCredential({
			packageRoot: FIXTURE,
			credentialType: 'demoApi',
			data: { token: TOKEN, baseUrl },
		});
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(requests[0].headers['x-token']).toBe(TOKEN);
	});

	test('failure: non-2xx status, and a responseCode rule message', async () => {
		const bad = await testCredential({
			packageRoot: FIXTURE,
			credentialType: 'demoApi',
			data: { token: 'nope', baseUrl },
		});
		expect(bad).toMatchObject({ status: 'Error', message: 'Unauthorized' });
		const ruled = await testCredential({
			packageRoot: FIXTURE,
			credentialType: 'demoApi',
			data: { token: 'forbidden', baseUrl },
		});
		expect(ruled).toMatchObject({ status: 'Error', message: 'Token is not allowed here' });
	});

	test('no test defined', async () => {
		const result = await testCredential({
			packageRoot: FIXTURE,
			credentialType: 'demoFnApi',
			data: {},
		});
		expect(result).toMatchObject({
			status: 'Error',
			message: 'No testing function found for this credential.',
		});
	});
});
