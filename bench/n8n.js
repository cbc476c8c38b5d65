// @ts-check
'use strict';

/**
 * The benchmark's comparison once more inside real n8n 2.41.1 (the end-to-end toolchain): the
 * packed node installed as a community package, one webhook workflow per way, each measurement in
 * a freshly started `n8n start` (regular mode, SQLite, executions not saved so every way does only
 * its own work). A small call (one skill, 24 rows) warms the process up, then the timed call reads
 * the whole day of every skill. Wall time is the webhook call as a client sees it; memory is the
 * n8n process's peak RSS (VmHWM). Every workflow ends in the same Summarize node, so the answer is
 * one small item with the row count, the same cost for every way.
 * Usage: node bench/n8n.js [--sizes 24,6000,60000] [--repetitions 5] [--ways wolkvox,httpSplit]
 *   [--smoke] [--skip-build]   (--ways: all three unless given; results-n8n.json records what was
 *   measured, except with --smoke: 6,000 rows, one repetition, correctness only)
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { parseArgs } = require('node:util');
const { ensureToolchain, spawnInGroup, killGroup } = require('../test/e2e/setup');
const {
	build,
	pack,
	installCommunityPackage,
	n8nEnv,
	freePort,
	run,
	cleanup,
	runScript,
} = require('../test/e2e/run');
const { wayNodes, chain, credentialData, ZONE } = require('./workflows');
const { WAYS, ROWS_PER_SKILL, benchSimulator, waysInRound, median, round } = require('./shared');
const { httpJson } = require('../tools/http');

const CREDENTIAL_ID = 'benchCredential1';
const log = (/** @type {string} */ message) => process.stderr.write(`[bench n8n] ${message}\n`);
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Webhook (skill from the body) → the way's nodes → Summarize (row count). @param {import('./workflows').Way} way @param {any} sim */
function webhookWorkflow(way, sim) {
	const webhook = {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `bench-${way}`,
		parameters: {
			httpMethod: 'POST',
			path: `bench-${way}`,
			responseMode: 'lastNode',
			responseData: 'firstEntryJson',
			options: {},
		},
	};
	const count = {
		name: 'Count Rows',
		type: 'n8n-nodes-base.summarize',
		typeVersion: 1.1,
		parameters: {
			fieldsToSummarize: { values: [{ aggregation: 'count', field: 'hour' }] },
			options: {},
		},
	};
	const nodes = [webhook, ...wayNodes(way, sim, '={{ $json.body.skill }}'), count].map(
		(node, index) => ({
			typeVersion: 1,
			...node,
			id: `${way}-${index}`,
			position: [index * 220, 0],
			...('credentials' in node
				? { credentials: { wolkvoxApi: { id: CREDENTIAL_ID, name: 'Wolkvox' } } }
				: {}),
		}),
	);
	return {
		id: `bench${way.padEnd(11, '0')}`.slice(0, 16),
		name: `Bench: ${way}`,
		active: false,
		settings: { executionOrder: 'v1', timezone: ZONE },
		nodes,
		connections: chain(nodes.map((node) => node.name)),
		pinData: {},
	};
}

/** Peak resident memory of a process so far, in MB. @param {number} pid */
function peakRssMb(pid) {
	const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) throw new Error(`no VmHWM for process ${pid}`);
	return Number(match[1]) / 1024;
}

/** @param {string} url @param {string | number} skill */
async function callWebhook(url, skill) {
	const response = await httpJson(url, { method: 'POST', body: { skill }, timeoutMs: 300_000 });
	return { status: response.status, body: /** @type {any} */ (response.json ?? null) };
}

/**
 * One measurement: a fresh n8n, warmed up with one skill, then the whole day.
 * @param {{ nodeBin: string, n8nBin: string }} toolchain @param {NodeJS.ProcessEnv} baseEnv @param {string} userFolder
 * @param {import('./workflows').Way} way @param {number} rows
 */
async function measure(toolchain, baseEnv, userFolder, way, rows) {
	const port = await freePort();
	const env = {
		...baseEnv,
		N8N_PORT: String(port),
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
	const { child: n8n, ended } = spawnInGroup(toolchain.nodeBin, [toolchain.n8nBin, 'start'], {
		env,
		cwd: userFolder,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	n8n.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
	try {
		const url = `http://127.0.0.1:${port}/webhook/bench-${way}`;
		const until = Date.now() + 180_000;
		for (;;) {
			const warm = await callWebhook(url, 1000).catch(() => undefined);
			if (warm?.status === 200 && warm.body?.count_hour === ROWS_PER_SKILL) break;
			if (n8n.exitCode !== null || Date.now() > until)
				throw new Error(
					`n8n did not answer the ${way} webhook: ${JSON.stringify(warm)}\n${stderr}`,
				);
			await sleep(500);
		}
		const started = performance.now();
		const answer = await callWebhook(url, 'all');
		const wallMs = performance.now() - started;
		if (answer.status !== 200 || answer.body?.count_hour !== rows)
			throw new Error(`${way}: expected ${rows} rows, got ${JSON.stringify(answer)}\n${stderr}`);
		return { wallMs, peakRssMb: peakRssMb(/** @type {number} */ (n8n.pid)) };
	} finally {
		killGroup(n8n);
		await ended;
	}
}

/** @typedef {{ wallMs: number, peakRssMb: number }} Figures */

async function main() {
	const { values } = parseArgs({
		options: {
			sizes: { type: 'string' },
			repetitions: { type: 'string' },
			ways: { type: 'string' },
			smoke: { type: 'boolean', default: false },
			'skip-build': { type: 'boolean', default: false },
		},
	});
	const ways = values.ways ? WAYS.filter((way) => values.ways?.split(',').includes(way)) : WAYS;
	if (!ways.includes('wolkvox') || !ways.includes('httpSplit'))
		throw new Error(`--ways must name wolkvox and httpSplit (of ${WAYS.join(', ')})`);
	const sizes = values.sizes
		? values.sizes.split(',').map(Number)
		: values.smoke
			? [6000]
			: [24, 6000, 60000];
	const repetitions = Number(values.repetitions ?? (values.smoke ? 1 : 5));
	const toolchain = await ensureToolchain({});
	if (!values['skip-build']) await build();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wolkvox-bench-n8n-'));
	try {
		const userFolder = path.join(work, 'user');
		await installCommunityPackage(userFolder, await pack(work));
		const baseEnv = {
			...n8nEnv(toolchain, userFolder, 0),
			N8N_LOG_LEVEL: 'warn',
			N8N_LOG_FORMAT: 'text',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
		};
		const cli = async (/** @type {string[]} */ argv) => {
			const result = await run(toolchain.nodeBin, [toolchain.n8nBin, ...argv], {
				env: { ...baseEnv, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
				cwd: userFolder,
				timeoutMs: 180_000,
			});
			if (result.code !== 0)
				throw new Error(
					`n8n ${argv[0]} failed: ${result.stdout.slice(-2000)} ${result.stderr.slice(-2000)}`,
				);
		};
		/** Points the credential and the workflows at a simulator answering `rows` rows for the day. */
		const serve = async (/** @type {any} */ sim) => {
			const credentialFile = path.join(work, 'credentials.json');
			fs.writeFileSync(
				credentialFile,
				JSON.stringify([
					{ id: CREDENTIAL_ID, name: 'Wolkvox', type: 'wolkvoxApi', data: credentialData(sim) },
				]),
			);
			await cli(['import:credentials', `--input=${credentialFile}`]);
			fs.rmSync(credentialFile);
			const workflows = WAYS.map((way) => webhookWorkflow(way, sim));
			const workflowFile = path.join(work, 'workflows.json');
			fs.writeFileSync(workflowFile, JSON.stringify(workflows));
			await cli(['import:workflow', `--input=${workflowFile}`]);
			for (const workflow of workflows) await cli(['publish:workflow', `--id=${workflow.id}`]);
		};

		const results = [];
		for (const rows of sizes) {
			const { sim } = await benchSimulator(rows);
			try {
				await serve(sim);
				/** @type {Record<string, Figures[]>} */
				const samples = Object.fromEntries(ways.map((way) => [way, []]));
				for (let round_ = 0; round_ < repetitions; round_++) {
					for (const way of waysInRound(round_).filter((way) => ways.includes(way))) {
						const sample = await measure(toolchain, baseEnv, userFolder, way, rows);
						samples[way].push(sample);
						log(
							`${rows} rows, ${way} #${round_ + 1}: ${sample.wallMs.toFixed(0)} ms, ${sample.peakRssMb.toFixed(1)} MB`,
						);
					}
				}
				results.push(summarize(rows, samples));
			} finally {
				await sim.close();
			}
		}
		const report = {
			n8n: toolchain.n8nVersion,
			node: toolchain.nodeVersion,
			machine: {
				cpus: os.cpus().length,
				cpu: os.cpus()[0]?.model,
				loadAverage: os.loadavg().map((v) => round(v, 2)),
			},
			repetitions,
			results,
		};
		console.log(
			`real n8n ${report.n8n} (node ${report.node}), ${repetitions} repetitions, medians`,
		);
		for (const result of results) {
			console.log(`  ${result.rows} rows`);
			for (const way of ways) {
				const figures = /** @type {Figures} */ (result[way]);
				console.log(
					`    ${way.padEnd(15)} ${String(figures.wallMs).padStart(9)} ms ${String(figures.peakRssMb).padStart(8)} MB`,
				);
			}
			console.log(
				`    ours/(b): wall ${result.ours_vs_b.wall}, memory ${result.ours_vs_b.memory}` +
					(result.ours_vs_c
						? `; ours/(c): wall ${result.ours_vs_c.wall}, memory ${result.ours_vs_c.memory}`
						: ''),
			);
		}
		if (!values.smoke)
			fs.writeFileSync(
				path.join(__dirname, 'results-n8n.json'),
				`${JSON.stringify(report, null, '\t')}\n`,
			);
	} finally {
		cleanup();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** Medians of each way at one size, and the node's ratios to (b) and, if measured, (c). @param {number} rows @param {Record<string, Figures[]>} samples */
function summarize(rows, samples) {
	/** @type {Record<string, Figures>} */
	const summary = Object.fromEntries(
		Object.entries(samples).map(([way, figures]) => [
			way,
			{
				wallMs: round(median(figures.map((s) => s.wallMs)), 1),
				peakRssMb: round(median(figures.map((s) => s.peakRssMb)), 1),
			},
		]),
	);
	const ratio = (/** @type {'wallMs' | 'peakRssMb'} */ key, /** @type {string} */ base) =>
		round(summary.wolkvox[key] / summary[base][key], 3);
	return {
		rows,
		...summary,
		ours_vs_b: { wall: ratio('wallMs', 'httpSplit'), memory: ratio('peakRssMb', 'httpSplit') },
		...(summary.httpSplitTyped && {
			ours_vs_c: {
				wall: ratio('wallMs', 'httpSplitTyped'),
				memory: ratio('peakRssMb', 'httpSplitTyped'),
			},
		}),
	};
}

runScript(main, log);
