// @ts-check
'use strict';

/**
 * The benchmark's comparison once more inside real n8n 2.41.1 (the end-to-end toolchain): the
 * packed node installed as a community package, one webhook workflow per report and way, each
 * measurement in a freshly started `n8n start` (regular mode, SQLite, executions not saved so every
 * way does only its own work). Once a small workflow without the ways' nodes answers, the timed
 * calls read the whole day of the report: the first ("cold": the process has not run these nodes)
 * and then WARM_CALLS more of the same size ("warm": each figure their median, as one warm call
 * swings by a third), each once the process is idle (see `settled`). Wall time is the webhook call
 * as a client sees it; memory is the n8n process's peak RSS (VmHWM) during each call (reset to the
 * RSS of the moment before it: n8n's start peaks higher than a small call). Every workflow ends in
 * the same Summarize node, so the answer is one small item with the row count, the same cost for
 * every way.
 *
 * `--package name=tarball` adds a way `name`: the Wolkvox workflows in an n8n of their own with
 * that build of the node installed (e.g. a build with an optimisation taken out), measured in the
 * same rounds as the others. The ways of a round run in an order rotated every round.
 *
 * `--cpu-prof dir` writes a V8 CPU profile of each n8n process into dir and prints the functions
 * with the most self time during the cold and the first warm call, also kept in dir/summaries.json
 * (timings then include the profiler's cost, so results-n8n.json is not written).
 *
 * Usage: node bench/n8n.js [--reports skill_5,agent_1] [--sizes 24,6000,60000] [--repetitions 5]
 *   [--ways wolkvox,httpSplit] [--package name=tarball ...] [--cpu-prof dir] [--smoke] [--skip-build]
 *   (--ways: wolkvox, httpSplit and the packages' ways unless given; httpSplitCredential is (b)
 *   with its token in a Header Auth credential; httpSplitTyped (c) is written for skill_5 only.
 *   results-n8n.json records what was measured, except with --smoke: 6,000 rows, one repetition,
 *   correctness only)
 */

const { execFileSync } = require('node:child_process');
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
const {
	wayNodes,
	chain,
	credentialData,
	headerCredentialData,
	ZONE,
	REPORTS,
} = require('./workflows');
const { WAYS, benchSimulator, waysInRound, median, spread, round } = require('./shared');
const { httpJson } = require('../tools/http');

/** The n8n credential ids of the credential types the ways use. */
const CREDENTIAL_IDS = { wolkvoxApi: 'benchCredential1', httpHeaderAuth: 'benchCredential2' };
/** Ways measured only in real n8n: (b) with its token in a Header Auth credential. */
const N8N_WAYS = /** @type {const} */ ([...WAYS, 'httpSplitCredential']);
const PING = 'bench-ping';
/** The build of this repository, which the ways of WAYS use. */
const CURRENT = 'current';
const log = (/** @type {string} */ message) => process.stderr.write(`[bench n8n] ${message}\n`);
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A way as measured: its name, the workflow it runs (one of WAYS) and the n8n it runs in.
 * @typedef {{ name: string, kind: import('./workflows').Way, install: string }} BenchWay
 * @typedef {{ wallMs: number, cpuMs: number, peakRssMb: number, engineMs: number }} Figures
 * @typedef {{ cold: Figures, warm: Figures, idleRssMb: number, profile?: object }} Sample
 */

/** A webhook node answering with its last node's first item. @param {string} webhookPath @param {string} responseMode */
const webhookNode = (webhookPath, responseMode) => ({
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: webhookPath,
	parameters: {
		httpMethod: 'POST',
		path: webhookPath,
		responseMode,
		...(responseMode === 'lastNode' && { responseData: 'firstEntryJson' }),
		options: {},
	},
});

/** @param {string} report @param {import('./workflows').Way} kind */
const webhookPath = (report, kind) => `bench-${report}-${kind}`;

/**
 * Webhook (skill from the body) → the way's nodes → Summarize (row count).
 * @param {string} id @param {string} report @param {import('./workflows').Way} kind @param {any} sim
 */
function webhookWorkflow(id, report, kind, sim) {
	const count = {
		name: 'Count Rows',
		type: 'n8n-nodes-base.summarize',
		typeVersion: 1.1,
		parameters: {
			fieldsToSummarize: { values: [{ aggregation: 'count', field: REPORTS[report].field }] },
			options: {},
		},
	};
	const nodes = [
		webhookNode(webhookPath(report, kind), 'lastNode'),
		...wayNodes(kind, sim, '={{ $json.body.skill }}', report),
		count,
	];
	return workflow(id, `Bench: ${report} ${kind}`, nodes);
}

/** @param {string} id @param {string} name @param {any[]} nodes */
function workflow(id, name, nodes) {
	const placed = nodes.map((node, index) => ({
		typeVersion: 1,
		...node,
		id: `${id}-${index}`,
		position: [index * 220, 0],
		...('credentials' in node
			? {
					credentials: Object.fromEntries(
						Object.entries(node.credentials).map(([type, { name }]) => [
							type,
							{ id: CREDENTIAL_IDS[/** @type {keyof typeof CREDENTIAL_IDS} */ (type)], name },
						]),
					),
				}
			: {}),
	}));
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1', timezone: ZONE },
		nodes: placed,
		connections: chain(placed.map((node) => node.name)),
		pinData: {},
	};
}

/** Resident memory of a process now, and its peak so far, in MB. @param {number} pid */
function memoryMb(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const field = (/** @type {string} */ name) => {
		const match = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
		if (!match) throw new Error(`no ${name} for process ${pid}`);
		return Number(match[1]) / 1024;
	};
	return { rssMb: field('VmRSS'), peakRssMb: field('VmHWM') };
}

/**
 * CPU time a process has used so far (all its threads, user and system), in ms: a figure that the
 * load of other programs on the machine moves less than wall time.
 * @param {number} pid
 */
function cpuMs(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime and stime (fields 14 and 15 of proc(5)), in ticks of 10 ms
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Waits until a process is idle: n8n goes on loading modules (external secrets providers, say) for
 * seconds after it answers, and a timed call must not pay for that. Idle: at most one CPU tick in
 * half a second. Gives the milliseconds waited (at most `limitMs`).
 * @param {number} pid @param {number} limitMs
 */
async function settled(pid, limitMs = 60_000) {
	const started = Date.now();
	for (let before = cpuMs(pid); Date.now() - started < limitMs; ) {
		await sleep(500);
		const now = cpuMs(pid);
		if (now - before <= 10) break;
		before = now;
	}
	return Date.now() - started;
}

/** Sets a process's peak RSS back to its RSS now (Linux clear_refs). @param {number} pid */
const resetPeakRss = (pid) => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');

/** @param {string} url @param {string | number} skill */
async function callWebhook(url, skill) {
	const response = await httpJson(url, { method: 'POST', body: { skill }, timeoutMs: 300_000 });
	return {
		status: response.status,
		body: /** @type {any} */ (response.json ?? null),
		text: response.text.slice(0, 500),
	};
}

/** The way's own nodes: every workflow starts with the webhook and ends with the row count. */
const FRAME_NODES = new Set(['Webhook', 'Count Rows']);

/**
 * n8n's own record of its node runs, from its debug log on stdout (JSON lines): when each node
 * started and finished, by n8n-core's clock (ms).
 * @param {import('node:child_process').ChildProcess} n8n
 * @returns {Array<{ node: string, event: 'started' | 'finished', at: number }>}
 */
function nodeRunLog(n8n) {
	/** @type {Array<{ node: string, event: 'started' | 'finished', at: number }>} */
	const runs = [];
	let partial = '';
	n8n.stdout?.on('data', (chunk) => {
		const lines = (partial + chunk).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) {
			if (!line.includes('Running node')) continue;
			const entry = JSON.parse(line);
			const match = /^Running node "(.+)" (started|finished successfully)$/.exec(entry.message);
			const stamp = entry.timestamp ?? entry.metadata?.timestamp;
			if (match && stamp)
				runs.push({
					node: match[1],
					event: match[2] === 'started' ? 'started' : 'finished',
					at: Date.parse(stamp),
				});
		}
	});
	return runs;
}

/**
 * The way's in-engine time in one call: the sum over its nodes of the time n8n-core spent running
 * each (from "started" to "finished", as it logs them), the webhook and the row count left out.
 * @param {ReturnType<typeof nodeRunLog>} runs @param {number} from index of the call's first entry
 */
async function engineMs(runs, from) {
	// The log is written asynchronously: wait for the row count's end.
	for (let waited = 0; waited < 5000; waited += 20) {
		if (runs.slice(from).some((run) => run.node === 'Count Rows' && run.event === 'finished'))
			break;
		await sleep(20);
	}
	let total = 0;
	/** @type {Map<string, number>} */
	const started = new Map();
	for (const run of runs.slice(from)) {
		if (FRAME_NODES.has(run.node)) continue;
		if (run.event === 'started') started.set(run.node, run.at);
		else total += run.at - (started.get(run.node) ?? run.at);
	}
	return total;
}

/** Warm calls per process; the warm figures are their medians. */
const WARM_CALLS = 5;

/** The clock of V8's CPU profiles (CLOCK_MONOTONIC), in microseconds. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * One measurement: a fresh n8n; once its ping workflow answers, the cold call, then the warm ones.
 * @param {{ nodeBin: string, n8nBin: string }} toolchain @param {{ env: NodeJS.ProcessEnv, userFolder: string }} install
 * @param {string} report @param {import('./workflows').Way} kind @param {number} rows @param {string | undefined} profileDir
 * @returns {Promise<Sample>}
 */
async function measure(toolchain, install, report, kind, rows, profileDir) {
	const port = await freePort();
	const env = {
		...install.env,
		N8N_PORT: String(port),
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
	const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
	const profilesBefore = profileDir ? new Set(fs.readdirSync(profileDir)) : new Set();
	const { child: n8n, ended } = spawnInGroup(
		toolchain.nodeBin,
		[...profiling, toolchain.n8nBin, 'start'],
		{ env, cwd: install.userFolder, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const pid = /** @type {number} */ (n8n.pid);
	const nodeRuns = nodeRunLog(n8n);
	let stderr = '';
	n8n.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
	const base = `http://127.0.0.1:${port}/webhook`;
	try {
		const until = Date.now() + 180_000;
		for (;;) {
			const ping = await callWebhook(`${base}/${PING}`, 'ping').catch(() => undefined);
			// While it starts, n8n answers every path with 200 and a text saying so.
			if (ping?.status === 200 && ping.body?.message === 'Workflow was started') break;
			if (n8n.exitCode !== null || Date.now() > until)
				throw new Error(`n8n did not answer the ping webhook: ${JSON.stringify(ping)}\n${stderr}`);
			await sleep(250);
		}
		const url = `${base}/${webhookPath(report, kind)}`;
		const expected = `count_${REPORTS[report].field}`;
		const idleRssMb = memoryMb(pid).rssMb;
		/** @param {string} which */
		const timedCall = async (which) => {
			for (;;) {
				const logged = nodeRuns.length;
				const from = monotonicMicros();
				const cpuBefore = cpuMs(pid);
				const started = performance.now();
				const answer = await callWebhook(url, 'all');
				const wallMs = performance.now() - started;
				const cpu = cpuMs(pid) - cpuBefore;
				// Webhooks of other workflows may still be registering: nothing ran yet, ask again.
				if (answer.status === 404 && Date.now() < until) {
					await sleep(250);
					continue;
				}
				if (answer.status !== 200 || answer.body?.[expected] !== rows)
					throw new Error(
						`${report} ${kind} (${which}): expected ${rows} rows, got ${JSON.stringify(answer)}\n${stderr}`,
					);
				return {
					wallMs,
					cpuMs: cpu,
					engineMs: await engineMs(nodeRuns, logged),
					window: [from, monotonicMicros()],
				};
			}
		};
		const waitedMs = await settled(pid);
		if (waitedMs >= 60_000) log(`n8n (${kind}) still busy after ${waitedMs} ms; measuring anyway`);
		resetPeakRss(pid);
		const cold = await timedCall('cold');
		const coldPeak = memoryMb(pid).peakRssMb;
		/** @type {Array<Awaited<ReturnType<typeof timedCall>> & { peakRssMb: number }>} */
		const warmCalls = [];
		for (let call = 0; call < WARM_CALLS; call++) {
			await settled(pid);
			resetPeakRss(pid);
			const warmCall = await timedCall('warm');
			warmCalls.push({ ...warmCall, peakRssMb: memoryMb(pid).peakRssMb });
		}
		const warmMedian = (/** @type {'wallMs' | 'cpuMs' | 'engineMs' | 'peakRssMb'} */ figure) =>
			median(warmCalls.map((call) => call[figure]));
		/** @type {Sample} */
		const sample = {
			cold: {
				wallMs: cold.wallMs,
				cpuMs: cold.cpuMs,
				peakRssMb: coldPeak,
				engineMs: cold.engineMs,
			},
			warm: {
				wallMs: warmMedian('wallMs'),
				cpuMs: warmMedian('cpuMs'),
				peakRssMb: warmMedian('peakRssMb'),
				engineMs: warmMedian('engineMs'),
			},
			idleRssMb,
		};
		if (profileDir) {
			// The profile is written when n8n exits by itself: after a graceful shutdown.
			process.kill(pid, 'SIGTERM');
			await Promise.race([ended, sleep(60_000)]);
			// CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile: n8n's main thread is 0.
			const file = fs
				.readdirSync(profileDir)
				.find((name) => !profilesBefore.has(name) && name.includes(`.${pid}.0.`));
			if (!file) throw new Error(`n8n wrote no CPU profile into ${profileDir}`);
			sample.profile = {
				file,
				cold: profileSummary(path.join(profileDir, file), cold.window),
				warm: profileSummary(path.join(profileDir, file), warmCalls[0].window),
			};
		}
		return sample;
	} finally {
		killGroup(n8n);
		await ended;
	}
}

/**
 * Self time during [from, to] (CLOCK_MONOTONIC microseconds) of a V8 CPU profile: in total, by
 * package (or V8's own entries: garbage collector, program, idle) and by function, the largest first.
 * @param {string} file @param {number[]} window
 */
function profileSummary(file, [from, to]) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	/** @type {Map<number, any>} */
	const nodes = new Map(profile.nodes.map((/** @type {any} */ node) => [node.id, node]));
	/** @type {Map<number, number>} */
	const selfMicros = new Map();
	let time = profile.startTime;
	for (let index = 0; index < profile.samples.length; index++) {
		time += profile.timeDeltas[index];
		// A sample stands for the time until the next one.
		const duration = profile.timeDeltas[index + 1] ?? 0;
		if (time < from || time > to) continue;
		const id = profile.samples[index];
		selfMicros.set(id, (selfMicros.get(id) ?? 0) + duration);
	}
	/** @type {Record<string, number>} */ const byPackage = {};
	/** @type {Record<string, number>} */ const byFunction = {};
	let total = 0;
	for (const [id, micros] of selfMicros) {
		const { functionName, url, lineNumber } = nodes.get(id).callFrame;
		const where = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
		const owner = where ? where[1] : url.startsWith('node:') ? 'node' : url || functionName;
		const name = `${functionName || '(anonymous)'} ${where ? `${where[1]}/${where[2]}` : url}:${lineNumber + 1}`;
		byPackage[owner] = (byPackage[owner] ?? 0) + micros;
		byFunction[name] = (byFunction[name] ?? 0) + micros;
		total += micros;
	}
	const top = (/** @type {Record<string, number>} */ table, /** @type {number} */ count) =>
		Object.entries(table)
			.sort((a, b) => b[1] - a[1])
			.slice(0, count)
			.map(([name, micros]) => ({ name, ms: round(micros / 1000, 1) }));
	return {
		windowMs: round((to - from) / 1000, 1),
		sampledMs: round(total / 1000, 1),
		byPackage: top(byPackage, 12),
		byFunction: top(byFunction, 25),
	};
}

async function main() {
	const { values } = parseArgs({
		options: {
			reports: { type: 'string' },
			sizes: { type: 'string' },
			repetitions: { type: 'string' },
			ways: { type: 'string' },
			package: { type: 'string', multiple: true },
			'cpu-prof': { type: 'string' },
			smoke: { type: 'boolean', default: false },
			'skip-build': { type: 'boolean', default: false },
		},
	});
	const reports = (values.reports ?? 'skill_5,agent_1').split(',');
	for (const report of reports)
		if (!(report in REPORTS))
			throw new Error(`--reports: ${report} is not one of ${Object.keys(REPORTS).join(', ')}`);
	/** @type {Record<string, string>} tarball of each package way */
	const packages = Object.fromEntries(
		(values.package ?? []).map((option) => {
			const [name, file] = option.split('=');
			if (!name || !file || /** @type {readonly string[]} */ (N8N_WAYS).includes(name))
				throw new Error(`--package wants name=tarball with a name of its own: ${option}`);
			return [name, path.resolve(file)];
		}),
	);
	/** @type {BenchWay[]} */
	const allWays = [
		...N8N_WAYS.map((kind) => ({ name: kind, kind, install: CURRENT })),
		...Object.keys(packages).map((name) => ({
			name,
			kind: /** @type {const} */ ('wolkvox'),
			install: name,
		})),
	];
	const wayNames = values.ways?.split(',') ?? ['wolkvox', 'httpSplit', ...Object.keys(packages)];
	const ways = allWays.filter((way) => wayNames.includes(way.name));
	if (ways.length !== wayNames.length)
		throw new Error(`--ways: names of ${allWays.map((way) => way.name).join(', ')}`);
	const sizes = values.sizes
		? values.sizes.split(',').map(Number)
		: values.smoke
			? [6000]
			: [24, 6000, 60000];
	const repetitions = Number(values.repetitions ?? (values.smoke ? 1 : 5));
	const profileDir = values['cpu-prof'] && path.resolve(values['cpu-prof']);
	if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
	const loadBefore = os.loadavg();
	const toolchain = await ensureToolchain({});
	if (!values['skip-build']) await build();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wolkvox-bench-n8n-'));
	try {
		/** Each n8n (this build, and each package), with its own user folder and database. */
		const installs = new Map();
		for (const name of new Set(ways.map((way) => way.install))) {
			const userFolder = path.join(work, name);
			const tarball =
				name === CURRENT
					? await pack(work)
					: { file: packages[name], ...packageName(packages[name]) };
			await installCommunityPackage(userFolder, tarball);
			installs.set(name, {
				userFolder,
				env: {
					...n8nEnv(toolchain, userFolder, 0),
					// Debug: n8n-core logs each node run's start and end (see nodeRunLog).
					N8N_LOG_LEVEL: 'debug',
					N8N_LOG_FORMAT: 'json',
					EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
					EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
				},
			});
		}
		// Every size's simulator listens on this port, so the credential and workflows stay the same.
		const simPort = await freePort();
		/** What every way of a report is measured on at every size. */
		const entries = reports.flatMap((report) =>
			ways
				.filter((way) => report === 'skill_5' || way.kind !== 'httpSplitTyped')
				.map((way) => ({ report, way })),
		);
		const results = [];
		const profiles = [];
		for (const [sizeIndex, rows] of sizes.entries()) {
			const { sim } = await benchSimulator(rows, { reports, port: simPort });
			try {
				if (sizeIndex === 0)
					for (const [name, install] of installs)
						await serve(toolchain, install, work, sim, reports, ways, name);
				/** @type {Record<string, Record<string, Sample[]>>} */
				const samples = {};
				for (let round_ = 0; round_ < repetitions; round_++) {
					for (const { report, way } of waysInRound(round_, entries)) {
						const sample = await measure(
							toolchain,
							installs.get(way.install),
							report,
							way.kind,
							rows,
							profileDir,
						);
						((samples[report] ??= {})[way.name] ??= []).push(sample);
						log(
							`${report} ${rows} rows, ${way.name} #${round_ + 1}: cold engine ${sample.cold.engineMs} ms, ${sample.cold.wallMs.toFixed(0)} ms (CPU ${sample.cold.cpuMs}) ${sample.cold.peakRssMb.toFixed(1)} MB, warm engine ${sample.warm.engineMs} ms, ${sample.warm.wallMs.toFixed(0)} ms (CPU ${sample.warm.cpuMs}) ${sample.warm.peakRssMb.toFixed(1)} MB`,
						);
						if (sample.profile) {
							printProfile(report, rows, way.name, sample.profile);
							profiles.push({ report, rows, way: way.name, ...sample.profile });
						}
					}
				}
				for (const report of reports) results.push(summarize(report, rows, samples[report]));
			} finally {
				await sim.close();
			}
		}
		const loadAfter = os.loadavg();
		const report = {
			n8n: toolchain.n8nVersion,
			node: toolchain.nodeVersion,
			machine: {
				cpus: os.cpus().length,
				cpu: os.cpus()[0]?.model,
				loadAverageBefore: loadBefore.map((v) => round(v, 2)),
				loadAverageAfter: loadAfter.map((v) => round(v, 2)),
			},
			repetitions,
			ways: Object.fromEntries(
				ways.map((way) => [
					way.name,
					way.install === CURRENT ? way.kind : `wolkvox, ${path.basename(packages[way.name])}`,
				]),
			),
			results,
		};
		printReport(report);
		if (profileDir)
			fs.writeFileSync(
				path.join(profileDir, 'summaries.json'),
				`${JSON.stringify(profiles, null, '\t')}\n`,
			);
		if (!values.smoke && !profileDir)
			fs.writeFileSync(
				path.join(__dirname, 'results-n8n.json'),
				`${JSON.stringify(report, null, '\t')}\n`,
			);
	} finally {
		cleanup();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** Name and version of a packed package, from its package.json. @param {string} file */
function packageName(file) {
	const json = execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' });
	const { name, version } = JSON.parse(json);
	return { name, version };
}

/**
 * Points an n8n's credential and workflows at the simulator and publishes them: the ping workflow
 * and one per report and way run in this n8n.
 * @param {{ nodeBin: string, n8nBin: string }} toolchain @param {{ env: NodeJS.ProcessEnv, userFolder: string }} install
 * @param {string} work @param {any} sim @param {string[]} reports @param {BenchWay[]} ways @param {string} name
 */
async function serve(toolchain, install, work, sim, reports, ways, name) {
	const cli = async (/** @type {string[]} */ argv) => {
		const result = await run(toolchain.nodeBin, [toolchain.n8nBin, ...argv], {
			env: { ...install.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			cwd: install.userFolder,
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
				id: CREDENTIAL_IDS.wolkvoxApi,
				name: 'Wolkvox',
				type: 'wolkvoxApi',
				data: credentialData(sim),
			},
			{
				id: CREDENTIAL_IDS.httpHeaderAuth,
				name: 'Wolkvox token',
				type: 'httpHeaderAuth',
				data: headerCredentialData(sim),
			},
		]),
	);
	await cli(['import:credentials', `--input=${credentialFile}`]);
	fs.rmSync(credentialFile);
	const kinds = new Set(ways.filter((way) => way.install === name).map((way) => way.kind));
	const workflows = [
		workflow('benchping0000000', 'Bench: ping', [webhookNode(PING, 'onReceived')]),
		...reports
			.flatMap((report) =>
				[...kinds]
					.filter((kind) => report === 'skill_5' || kind !== 'httpSplitTyped')
					.map((kind) => ({ report, kind })),
			)
			.map(({ report, kind }, index) =>
				webhookWorkflow(`bench${String(index).padStart(11, '0')}`, report, kind, sim),
			),
	];
	const workflowFile = path.join(work, 'workflows.json');
	fs.writeFileSync(workflowFile, JSON.stringify(workflows));
	await cli(['import:workflow', `--input=${workflowFile}`]);
	fs.rmSync(workflowFile);
	for (const { id } of workflows) await cli(['publish:workflow', `--id=${id}`]);
}

/** @param {string} report @param {number} rows @param {string} way @param {any} profile */
function printProfile(report, rows, way, profile) {
	for (const which of ['cold', 'warm']) {
		const summary = profile[which];
		console.log(
			`  profile ${profile.file}: ${report} ${rows} rows, ${way}, ${which} call: ${summary.windowMs} ms, ${summary.sampledMs} ms sampled`,
		);
		for (const { name, ms } of summary.byPackage)
			console.log(`    ${String(ms).padStart(8)} ms  ${name}`);
		for (const { name, ms } of summary.byFunction)
			console.log(`      ${String(ms).padStart(8)} ms  ${name}`);
	}
}

/** @param {any} report */
function printReport(report) {
	console.log(
		`real n8n ${report.n8n} (node ${report.node}), ${report.repetitions} repetitions: median (min–max)`,
	);
	const cell = (/** @type {any} */ figure, /** @type {string} */ unit) =>
		`${figure.median} (${figure.range.join('–')}) ${unit}`.padEnd(30);
	for (const result of report.results) {
		console.log(`  ${result.report}, ${result.rows} rows`);
		for (const [way, figures] of Object.entries(result.ways)) {
			const { cold, warm } = /** @type {any} */ (figures);
			for (const [which, figure] of [
				['cold', cold],
				['warm', warm],
			])
				console.log(
					`    ${(which === 'cold' ? way : '').padEnd(22)} ${which} engine ${cell(figure.engineMs, 'ms')} wall ${cell(figure.wallMs, 'ms')} CPU ${cell(figure.cpuMs, 'ms')} ${cell(figure.peakRssMb, 'MB')}`,
				);
		}
		for (const [pair, ratio] of Object.entries(result.ratios))
			console.log(
				`    ${pair.padEnd(34)} engine cold ${ratio.cold.engine} warm ${ratio.warm.engine}; wall cold ${ratio.cold.wall} warm ${ratio.warm.wall}; CPU cold ${ratio.cold.cpu} warm ${ratio.warm.cpu}; memory cold ${ratio.cold.memory} warm ${ratio.warm.memory}`,
			);
	}
}

/**
 * Medians and ranges of each way of one report at one size, and the ratios of medians: every build
 * of the node to (b) HTTP Request + Split Out and to (c) if measured, and this build to the others
 * (with the median and range of the ratios within a round too, which a load that drifts over the
 * run moves less).
 * @param {string} report @param {number} rows @param {Record<string, Sample[]>} samples
 */
function summarize(report, rows, samples) {
	const figure = (/** @type {number[]} */ values, /** @type {number} */ digits) => ({
		median: round(median(values), digits),
		range: spread(values).map((value) => round(value, digits)),
	});
	/** @type {Record<string, any>} */
	const ways = Object.fromEntries(
		Object.entries(samples).map(([way, list]) => [
			way,
			Object.fromEntries(
				/** @type {const} */ (['cold', 'warm']).map((which) => [
					which,
					{
						wallMs: figure(
							list.map((sample) => sample[which].wallMs),
							1,
						),
						cpuMs: figure(
							list.map((sample) => sample[which].cpuMs),
							0,
						),
						peakRssMb: figure(
							list.map((sample) => sample[which].peakRssMb),
							1,
						),
						engineMs: figure(
							list.map((sample) => sample[which].engineMs),
							0,
						),
					},
				]),
			),
		]),
	);
	const nodeWays = Object.keys(samples).filter((way) => !way.startsWith('http'));
	const pairs = [
		...nodeWays.flatMap((way) =>
			['httpSplit', 'httpSplitCredential', 'httpSplitTyped']
				.filter((base) => base in samples)
				.map((base) => [way, base]),
		),
		...nodeWays.filter((way) => way !== 'wolkvox').map((way) => ['wolkvox', way]),
	].filter(([way]) => way in samples);
	const ratios = Object.fromEntries(
		pairs.map(([way, base]) => [
			`${way}/${base}`,
			Object.fromEntries(
				/** @type {const} */ (['cold', 'warm']).map((which) => {
					const within = samples[way].map(
						(sample, index) => sample[which].wallMs / samples[base][index][which].wallMs,
					);
					return [
						which,
						{
							engine: round(
								ways[way][which].engineMs.median / ways[base][which].engineMs.median,
								3,
							),
							wall: round(ways[way][which].wallMs.median / ways[base][which].wallMs.median, 3),
							cpu: round(ways[way][which].cpuMs.median / ways[base][which].cpuMs.median, 3),
							memory: round(
								ways[way][which].peakRssMb.median / ways[base][which].peakRssMb.median,
								3,
							),
							wallWithinRound: figure(within, 3),
						},
					];
				}),
			),
		]),
	);
	const samplesOut = Object.fromEntries(
		Object.entries(samples).map(([way, list]) => [
			way,
			list.map(({ cold, warm, idleRssMb }) => ({
				coldMs: round(cold.wallMs, 1),
				warmMs: round(warm.wallMs, 1),
				coldCpuMs: cold.cpuMs,
				warmCpuMs: warm.cpuMs,
				coldEngineMs: cold.engineMs,
				warmEngineMs: warm.engineMs,
				coldPeakRssMb: round(cold.peakRssMb, 1),
				warmPeakRssMb: round(warm.peakRssMb, 1),
				idleRssMb: round(idleRssMb, 1),
			})),
		]),
	);
	return { report, rows, ways, ratios, samples: samplesOut };
}

runScript(main, log);
