// @ts-check
'use strict';

/**
 * The node under n8n queue mode: PostgreSQL + Redis on loopback (Debian's packages, installed when
 * missing), n8n 2.41.1 main + two workers sharing one user folder with the packed node, a
 * Webhook → Wolkvox → Respond to Webhook workflow, and many webhook calls at once, each for its
 * own skill, against the simulator's 2-simultaneous-requests-per-token limit. Each n8n process
 * has its own per-token limiter, so collisions between workers reach the simulator as 403s that
 * the node's retries must absorb. Everything is stopped and removed at the end, also on failure.
 * Usage: node test/queue/run.js [--calls 30] [--workers 2] [--skip-build]
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs, isDeepStrictEqual } = require('node:util');
const { DateTime } = require('luxon');
const { ensureToolchain } = require('../e2e/setup');
const {
	build,
	pack,
	installCommunityPackage,
	n8nEnv,
	freePort,
	run,
	cleanup,
	runScript,
} = require('../e2e/run');
const { createSimulator } = require('../../tools/simulator');
const { httpJson } = require('../../tools/http');

const PG_BIN = '/usr/lib/postgresql/15/bin';
const RANGE = { start: '2026-11-23T07:00:00', end: '2026-11-23T10:00:00', zone: 'America/Bogota' };
const WORKFLOW_ID = 'queueWolkvox0001';
const CREDENTIAL_ID = 'queueCredential1';

const log = (/** @type {string} */ message) => process.stderr.write(`[queue] ${message}\n`);
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} command @param {string[]} argv @param {childProcess.SpawnSyncOptions} [options] */
function sh(command, argv, options = {}) {
	const result = childProcess.spawnSync(command, argv, { encoding: 'utf8', ...options });
	if (result.status !== 0)
		throw new Error(`${command} ${argv.join(' ')} failed: ${result.stderr || result.stdout}`);
	return String(result.stdout);
}

function ensureServers() {
	const missing = [];
	if (!fs.existsSync('/usr/bin/redis-server')) missing.push('redis-server');
	if (!fs.existsSync(path.join(PG_BIN, 'postgres'))) missing.push('postgresql');
	if (missing.length === 0) return;
	log(`installing ${missing.join(', ')} from Debian`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	sh('apt-get', ['update'], { env, stdio: 'inherit' });
	sh('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
		env,
		stdio: 'inherit',
	});
}

/** Starts a long-running process in its own group; `run` kills every group on cleanup. */
function start(
	/** @type {string} */ command,
	/** @type {string[]} */ argv,
	/** @type {object} */ options,
) {
	void run(command, argv, { timeoutMs: 1_800_000, ...options }).catch((error) =>
		log(`${path.basename(command)} ended: ${String(error.message).slice(0, 300)}`),
	);
}

/** PostgreSQL with a throwaway data directory, trust auth on loopback. @param {string} dir */
async function startPostgres(dir) {
	const dataDir = path.join(dir, 'pgdata');
	fs.mkdirSync(dataDir, { recursive: true });
	// PostgreSQL refuses to run as root: its folder belongs to the postgres user, who must reach it.
	fs.chmodSync(path.dirname(dir), 0o711);
	sh('chown', ['-R', 'postgres:postgres', dir]);
	sh('runuser', [
		'-u',
		'postgres',
		'--',
		path.join(PG_BIN, 'initdb'),
		'-D',
		dataDir,
		'--auth=trust',
		'-U',
		'postgres',
	]);
	const port = await freePort();
	start(
		'runuser',
		[
			'-u',
			'postgres',
			'--',
			path.join(PG_BIN, 'postgres'),
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
		],
		{ cwd: dir },
	);
	for (let attempt = 0; attempt < 60; attempt++) {
		if (
			childProcess.spawnSync(path.join(PG_BIN, 'pg_isready'), [
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
			]).status === 0
		)
			break;
		await sleep(500);
	}
	sh(path.join(PG_BIN, 'createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'postgres',
		'n8n',
	]);
	return port;
}

/** @param {string} dir */
async function startRedis(dir) {
	const port = await freePort();
	start(
		'/usr/bin/redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ cwd: dir },
	);
	for (let attempt = 0; attempt < 60; attempt++) {
		if (
			childProcess
				.spawnSync('redis-cli', ['-p', String(port), 'ping'])
				.stdout?.toString()
				.includes('PONG')
		)
			return port;
		await sleep(250);
	}
	throw new Error('redis did not start');
}

/** @param {{ url: string, token: string, server: string }} sim */
function webhookWorkflow() {
	return {
		id: WORKFLOW_ID,
		name: 'Queue mode: webhook → Wolkvox',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'w1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'a7c0e0d2-5c1e-4a8e-9d55-wolkvoxqueue',
				parameters: {
					httpMethod: 'POST',
					path: 'wolkvox',
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: 'w2',
				name: 'Wolkvox',
				type: 'n8n-nodes-wolkvox.wolkvox',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'report',
					operation: 'getWorkforcePerHour',
					skillId: '={{ $json.body.skill }}',
					range: 'custom',
					startDate: RANGE.start,
					endDate: RANGE.end,
					options: { timezone: RANGE.zone },
				},
				credentials: { wolkvoxApi: { id: CREDENTIAL_ID, name: 'Wolkvox' } },
			},
			{
				id: 'w3',
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: { respondWith: 'allIncomingItems', options: {} },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Wolkvox', type: 'main', index: 0 }]] },
			Wolkvox: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}

/** What the node answers for a skill: the simulator's rows, typed, with their hour start and the real seconds each covers. @param {any} sim @param {number} skill */
function expectedFor(sim, skill) {
	return sim
		.expectedRows({ skillId: skill, dateIni: '20261123070000', dateEnd: '20261123095959' })
		.map((/** @type {any} */ { date, ...row }) => {
			const start = DateTime.fromISO(`${date}T${String(row.hour).padStart(2, '0')}:00`, {
				zone: RANGE.zone,
			});
			const hourStart = start.toISO({ suppressMilliseconds: true });
			return {
				...row,
				hour_start: hourStart,
				interval_start: hourStart,
				interval_seconds: start.plus({ hours: 1 }).diff(start, 'seconds').seconds,
			};
		});
}

async function main() {
	const { values } = parseArgs({
		options: {
			calls: { type: 'string', default: '30' },
			workers: { type: 'string', default: '2' },
			'skip-build': { type: 'boolean', default: false },
		},
	});
	const calls = Number(values.calls);
	const workers = Number(values.workers);
	const started = Date.now();
	ensureServers();
	const toolchain = await ensureToolchain({});
	if (!values['skip-build']) await build();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wolkvox-queue-'));
	try {
		const userFolder = path.join(work, 'user');
		await installCommunityPackage(userFolder, await pack(work));
		const sim = await createSimulator({
			skills: calls + 10,
			latencyMs: 60,
			tokens: { 'queue-token-0042': { quota: 1e6 } },
		});
		const [pgPort, redisPort] = [
			await startPostgres(path.join(work, 'pg')),
			await startRedis(work),
		];
		log(`postgres on ${pgPort}, redis on ${redisPort}, simulator on ${sim.url}`);

		const mainPort = await freePort();
		const shared = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			N8N_PORT: String(mainPort),
			WEBHOOK_URL: `http://127.0.0.1:${mainPort}/`,
			N8N_LOG_FORMAT: 'text',
			N8N_LOG_LEVEL: 'warn',
		};
		const base = n8nEnv(toolchain, userFolder, await freePort());
		const env = async () => ({
			...base,
			...shared,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		const cli = async (/** @type {string[]} */ argv) => {
			const result = await run(toolchain.nodeBin, [toolchain.n8nBin, ...argv], {
				env: await env(),
				cwd: userFolder,
				timeoutMs: 180_000,
			});
			if (result.code !== 0)
				throw new Error(
					`n8n ${argv[0]} failed: ${result.stdout.slice(-2000)} ${result.stderr.slice(-2000)}`,
				);
		};
		const credentialFile = path.join(work, 'credentials.json');
		fs.writeFileSync(
			credentialFile,
			JSON.stringify([
				{
					id: CREDENTIAL_ID,
					name: 'Wolkvox',
					type: 'wolkvoxApi',
					data: { server: sim.server, token: sim.token, baseUrl: sim.url },
				},
			]),
		);
		await cli(['import:credentials', `--input=${credentialFile}`]);
		fs.rmSync(credentialFile);
		const workflowFile = path.join(work, 'workflow.json');
		fs.writeFileSync(workflowFile, JSON.stringify([webhookWorkflow()]));
		await cli(['import:workflow', `--input=${workflowFile}`]);
		await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);

		start(toolchain.nodeBin, [toolchain.n8nBin, 'start'], { env: await env(), cwd: userFolder });
		for (let worker = 0; worker < workers; worker++)
			start(toolchain.nodeBin, [toolchain.n8nBin, 'worker', '--concurrency=20'], {
				env: {
					...(await env()),
					QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
					N8N_WORKER_SERVER_PORT: String(await freePort()),
				},
				cwd: userFolder,
			});
		const webhook = `http://127.0.0.1:${mainPort}/webhook/wolkvox`;
		await waitForWebhook(webhook);
		log(
			`main and ${workers} workers up after ${((Date.now() - started) / 1000).toFixed(1)} s; firing ${calls} calls at once`,
		);

		sim.resetStats();
		const skills = Array.from({ length: calls }, (_, index) => 1000 + index);
		const fired = Date.now();
		const answers = await Promise.all(
			skills.map(async (skill) => {
				const response = await httpJson(webhook, {
					method: 'POST',
					body: { skill },
					timeoutMs: 240_000,
				});
				return { skill, status: response.status, body: response.json ?? null, text: response.text };
			}),
		);
		const wallSeconds = (Date.now() - fired) / 1000;
		const stats = sim.stats();
		const account = stats.tokens[sim.token];
		let rows = 0;
		const wrong = [];
		for (const answer of answers) {
			const expected = expectedFor(sim, answer.skill);
			const got = Array.isArray(answer.body) ? answer.body : [answer.body];
			if (answer.status !== 200 || !isDeepStrictEqual(got, expected))
				wrong.push({
					skill: answer.skill,
					status: answer.status,
					got: (answer.body === null ? answer.text : JSON.stringify(answer.body)).slice(0, 300),
				});
			else rows += got.length;
		}
		const statuses = sh(path.join(PG_BIN, 'psql'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(pgPort),
			'-U',
			'postgres',
			'-d',
			'n8n',
			'-At',
			'-c',
			'select status, count(*) from execution_entity group by status order by 1',
		]).trim();
		const figures = {
			calls,
			workers,
			wallSeconds,
			rows,
			rowsLost: wrong.length,
			requests: stats.requests,
			extraTokensPerCall: Number(((stats.requests - calls) / calls).toFixed(2)),
			collisions403: account.simultaneousRejections,
			peakArrivals: account.peakArrivals,
			highWaterMark: account.highWaterMark,
			executions: statuses.replace(/\n/g, ', '),
		};
		log(`figures: ${JSON.stringify(figures)}`);
		await sim.close();
		if (wrong.length)
			throw new Error(
				`${wrong.length} calls did not get exactly their skill's rows: ${JSON.stringify(wrong.slice(0, 3))}`,
			);
		if (/error|crashed/.test(statuses)) throw new Error(`executions ended in error: ${statuses}`);
		log(
			`passed: ${calls} calls, each with exactly its skill's rows, no execution in error (${((Date.now() - started) / 1000).toFixed(1)} s in all)`,
		);
	} finally {
		cleanup();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/**
 * The production webhook answers once the main process has registered it. n8n 2.41 may answer one
 * call and then drop the route again for a moment while it finishes starting (seen: a 200, then 404
 * "Cannot POST" for the whole batch), so the webhook must answer several times in a row.
 * @param {string} url
 */
async function waitForWebhook(url, timeoutMs = 180_000, inARow = 3) {
	const until = Date.now() + timeoutMs;
	let answered = 0;
	while (Date.now() < until) {
		let status = 0;
		try {
			status = (await httpJson(url, { method: 'POST', body: { skill: 1000 }, timeoutMs: 180_000 }))
				.status;
		} catch {
			/* not listening yet */
		}
		answered = status === 200 ? answered + 1 : 0;
		if (answered === inARow) return;
		await sleep(1000);
	}
	throw new Error(`webhook ${url} never answered 200 ${inARow} times in a row`);
}

runScript(main, log);
