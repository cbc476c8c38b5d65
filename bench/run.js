// @ts-check
'use strict';

/**
 * Benchmark: the Wolkvox node against the HTTP Request + Split Out way (with and without a typing
 * step), at 24, 6,000 and 60,000 rows, all through n8n-core's WorkflowExecute against the simulator.
 * The simulator serves the day's report from memory, so the times are n8n's work, not the
 * simulator's. Cases alternate; each measurement runs in a fresh process (so peak memory is its own);
 * medians and ratios against the HTTP Request + Split Out baseline of the same run are reported, for
 * the first run of each size (after a 24-row warm-up) and for a second run of it ("warm").
 * Usage: node bench/run.js [--smoke] [--repetitions N] [--sizes 24,6000,60000]
 * (--smoke and --sizes print the table but leave results.json and the chart alone)
 */

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { createSimulator } = require('../tools/simulator');
const {
	parseVersusFloor,
	catalogueTypingInFreshProcesses,
	limiterOverhead,
	staffingWorstRow,
} = require('./micro');
const { renderChart } = require('./chart');
const { ensureNode } = require('../test/e2e/setup');
const { WAYS, LABELS, benchSimulator, waysInRound, median, spread, round } = require('./shared');

/** @typedef {{ wallMs: number, cpuMs: number, maxRssMb: number, rssGrowthMb: number, warmWallMs: number, warmCpuMs: number, rows: number, digest: string }} Sample */
/** @param {object} options @returns {Promise<Sample>} */
function measure(options) {
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			['--expose-gc', path.join(__dirname, 'case.js'), JSON.stringify(options)],
			{ timeout: 600_000, maxBuffer: 1 << 24 },
			(error, stdout, stderr) =>
				error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
		);
	});
}

const simAddress = (/** @type {any} */ sim) => ({
	url: sim.url,
	token: sim.token,
	server: sim.server,
});

async function main() {
	const { values } = parseArgs({
		options: {
			smoke: { type: 'boolean', default: false },
			repetitions: { type: 'string' },
			sizes: { type: 'string' },
		},
	});
	const sizes = values.sizes
		? values.sizes.split(',').map(Number)
		: values.smoke
			? [24, 6000]
			: [24, 6000, 60000];
	const repetitions = Number(values.repetitions ?? (values.smoke ? 1 : 5));
	const warm = await createSimulator({ skills: 1, quietHours: false });
	const results = [];
	try {
		for (const rows of sizes) {
			const { sim } = await benchSimulator(rows);
			/** @type {Record<string, Sample[]>} */
			const samples = Object.fromEntries(WAYS.map((name) => [name, []]));
			try {
				for (let round_ = 0; round_ < repetitions; round_++) {
					for (const name of waysInRound(round_))
						samples[name].push(
							await measure({ name, sim: simAddress(sim), warmSim: simAddress(warm) }),
						);
				}
			} finally {
				await sim.close();
			}
			for (const name of WAYS) {
				for (const sample of samples[name])
					if (sample.rows !== rows)
						throw new Error(`${name} gave ${sample.rows} rows, expected ${rows}`);
			}
			if (samples.wolkvox[0].digest !== samples.httpSplitTyped[0].digest)
				throw new Error(`at ${rows} rows, (c) does not produce the node's output`);
			const summary = Object.fromEntries(
				WAYS.map((name) => {
					const wall = samples[name].map((sample) => sample.wallMs);
					const cpu = samples[name].map((sample) => sample.cpuMs);
					const rss = samples[name].map((sample) => sample.maxRssMb);
					const growth = samples[name].map((sample) => sample.rssGrowthMb);
					return [
						name,
						{
							wallMs: round(median(wall)),
							wallSpreadMs: spread(wall).map((v) => round(v)),
							cpuMs: round(median(cpu)),
							peakRssMb: round(median(rss)),
							rssSpreadMb: spread(rss).map((v) => round(v)),
							rssGrowthMb: round(median(growth)),
							warmWallMs: round(median(samples[name].map((sample) => sample.warmWallMs))),
							warmCpuMs: round(median(samples[name].map((sample) => sample.warmCpuMs))),
						},
					];
				}),
			);
			const ratio = (
				/** @type {'wallMs' | 'cpuMs' | 'peakRssMb' | 'rssGrowthMb' | 'warmWallMs' | 'warmCpuMs'} */ key,
				/** @type {string} */ base,
			) => round(summary.wolkvox[key] / summary[base][key], 3);
			results.push({
				rows,
				...summary,
				ours_vs_b: {
					wall: ratio('wallMs', 'httpSplit'),
					cpu: ratio('cpuMs', 'httpSplit'),
					memory: ratio('peakRssMb', 'httpSplit'),
					memoryGrowth: ratio('rssGrowthMb', 'httpSplit'),
					warmWall: ratio('warmWallMs', 'httpSplit'),
					warmCpu: ratio('warmCpuMs', 'httpSplit'),
				},
				ours_vs_c: {
					wall: ratio('wallMs', 'httpSplitTyped'),
					cpu: ratio('cpuMs', 'httpSplitTyped'),
					memory: ratio('peakRssMb', 'httpSplitTyped'),
					memoryGrowth: ratio('rssGrowthMb', 'httpSplitTyped'),
				},
			});
			process.stderr.write(`bench: ${rows} rows done\n`);
		}
		const { sim: bodySim, dayReport: body } = await benchSimulator(values.smoke ? 6000 : 60000);
		await bodySim.close();
		const parse = parseVersusFloor(body, values.smoke ? 3 : 21);
		// On the Node running the bench, and on Node 24 (n8n 2.x's), installed as for the e2e tests.
		const { nodeBin: node24 } = await ensureNode();
		const catalogueParse = [];
		for (const node of [process.execPath, node24])
			catalogueParse.push(
				await catalogueTypingInFreshProcesses(
					values.smoke ? 1 : 5,
					values.smoke ? 6000 : 60_000,
					values.smoke ? 3 : 21,
					node,
				),
			);
		const limiter = await limiterOverhead();
		const staffingMs = Object.fromEntries(
			Object.entries(staffingWorstRow()).map(([name, ms]) => [name, round(ms, 3)]),
		);
		const report = {
			machine: {
				cpus: os.cpus().length,
				cpu: os.cpus()[0]?.model,
				node: process.version,
				loadAverage: os.loadavg().map((v) => round(v)),
			},
			repetitions,
			cases: LABELS,
			sizes: results,
			parse: {
				...parse,
				jsonParseMs: round(parse.jsonParseMs),
				parseAndTypeMs: round(parse.parseAndTypeMs),
				ratio: round(parse.ratio, 3),
			},
			catalogueParse: catalogueParse.map((catalogue) => ({
				...catalogue,
				jsonParseMs: round(catalogue.jsonParseMs),
				parseAndTypeMs: round(catalogue.parseAndTypeMs),
				ratio: round(catalogue.ratio, 3),
				ratioSpread: catalogue.ratioSpread.map((/** @type {number} */ r) => round(r, 3)),
			})),
			limiter: { ...limiter, microsecondsPerRequest: round(limiter.microsecondsPerRequest, 3) },
			staffingMs,
		};
		printTable(report);
		if (!values.smoke && !values.sizes) {
			fs.writeFileSync(
				path.join(__dirname, 'results.json'),
				`${JSON.stringify(report, null, '\t')}\n`,
			);
			fs.writeFileSync(path.join(__dirname, 'results.svg'), renderChart(report));
		}
	} finally {
		await warm.close();
	}
}

/** @param {any} report */
function printTable(report) {
	const line = (/** @type {unknown[]} */ cells) =>
		console.log(cells.map((cell, index) => String(cell).padStart(index === 0 ? 8 : 12)).join(' '));
	line([
		'rows',
		'a ms',
		'b ms',
		'c ms',
		'a/b wall',
		'a/c wall',
		'a/b cpu',
		'a MB',
		'b MB',
		'c MB',
		'a/b mem',
		'a/c mem',
		'a/b growth',
		'a/b warm',
	]);
	for (const size of report.sizes) {
		const { wolkvox: a, httpSplit: b, httpSplitTyped: c } = size;
		line([
			size.rows,
			a.wallMs,
			b.wallMs,
			c.wallMs,
			size.ours_vs_b.wall,
			size.ours_vs_c.wall,
			size.ours_vs_b.cpu,
			a.peakRssMb,
			b.peakRssMb,
			c.peakRssMb,
			size.ours_vs_b.memory,
			size.ours_vs_c.memory,
			size.ours_vs_b.memoryGrowth,
			size.ours_vs_b.warmWall,
		]);
	}
	console.log(
		`parse+type of ${report.parse.rows} rows: ${report.parse.parseAndTypeMs} ms vs JSON.parse ${report.parse.jsonParseMs} ms → ${report.parse.ratio}×`,
	);
	for (const catalogue of report.catalogueParse)
		console.log(
			`parse+type of ${catalogue.rows} ${catalogue.api} rows (${catalogue.fields} fields), node ${catalogue.node}: ${catalogue.parseAndTypeMs} ms vs JSON.parse ${catalogue.jsonParseMs} ms → ${catalogue.ratio}× (median of ${catalogue.processes} processes; ${catalogue.ratioSpread.join('–')}×)`,
		);
	console.log(
		`per-token limiter under the limit: ${report.limiter.microsecondsPerRequest} µs per request`,
	);
	console.log(`staffing check of one row (ms): ${JSON.stringify(report.staffingMs)}`);
	console.log(
		`machine: ${report.machine.cpus} × ${report.machine.cpu}, node ${report.machine.node}, load ${report.machine.loadAverage.join(' ')}; ${report.repetitions} repetitions, medians`,
	);
}

main().catch((error) => {
	console.error(`bench failed: ${error?.stack ?? error}`);
	process.exitCode = 1;
});
