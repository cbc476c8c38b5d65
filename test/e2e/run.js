#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * End-to-end test in a real n8n: builds and packs this package, installs the tarball the way
 * n8n installs a community package, imports a credential and a workflow, runs the workflow with
 * `n8n execute` against the local Wolkvox simulator and checks the rows that come out.
 *
 * Usage: node test/e2e/run.js [--skip-build] [--keep] [--no-isolate-network]
 *                             [--simulator=path/to/cli.js] [--wait-build=SECONDS]
 *                             [--n8n-version=2.41.1] [--host-node] [--n8n-dir=NAME]
 *   --skip-build   use dist/ as it is          --keep  keep the temp folder (user folder, tarball)
 *   --wait-build   wait up to SECONDS for dist/nodes/Wolkvox/Wolkvox.node.js before building
 *   --n8n-version, --host-node, --n8n-dir: which n8n to test against, see setup.js
 *                  (e.g. --n8n-version=1.123.81 --host-node --n8n-dir=n8n-1.x)
 *
 * Environment:
 *   WOLKVOX_E2E_CACHE      cache folder for node 24 + n8n (default <repo>/.cache), see setup.js
 *   WOLKVOX_E2E_SIMULATOR  simulator CLI (default tools/simulator/cli.js)
 *   WOLKVOX_E2E_TIMEOUT_MS overall time limit after the toolchain is ready (default 300000)
 *
 * How n8n 2.41 finds the package: at start every command that sets `needsCommunityPackages`
 * (execute, start, worker, ...) asks the "community-packages" backend module for node loaders;
 * the module globs `n8n-nodes-*` and `@*\/n8n-nodes-*` under
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules` and loads each with a (Lazy)PackageDirectoryLoader.
 * No database row (installed_packages) is needed for loading. We install exactly as n8n's own
 * installer does: extract the tarball into that folder (tar --strip-components=1), drop
 * peer/dev/optional dependencies from its package.json, and list it in `.n8n/nodes/package.json`.
 *
 * Network: everything listens on 127.0.0.1. When `unshare -n` works (root or user namespaces),
 * the test part re-runs itself in a fresh network namespace with only loopback, so nothing can
 * reach the internet even by accident.
 */

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const { ensureToolchain, npmCliPath, killChildren, spawnInGroup, killGroup } = require('./setup');
const { exampleRuns, triggerExampleRuns } = require('./examples');
const { startSmtpSink } = require('./smtp-sink');
const { httpJson } = require('../../tools/http');
const { isDeepStrictEqual } = require('node:util');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const NODE_FILE = path.join(REPO_ROOT, 'dist', 'nodes', 'Wolkvox', 'Wolkvox.node.js');
const NODE_TYPE = 'n8n-nodes-wolkvox.wolkvox';
const CREDENTIAL_TYPE = 'wolkvoxApi';
const IN_NETNS_ENV = 'WOLKVOX_E2E_IN_NETNS';

const args = process.argv.slice(2);
const flag = (/** @type {string} */ name) => args.includes(`--${name}`);
const option = (/** @type {string} */ name) => {
	const a = args.find((x) => x.startsWith(`--${name}=`));
	return a ? a.slice(name.length + 3) : undefined;
};

/** Warnings every run of n8n 2.41 prints in this setup; not worth showing. */
const KNOWN_NOISE = [
	/Failed to start Python task runner/,
	/Legacy aes-256-cbc encryption key not found/,
	/^Error executing workflow\. See log messages/,
];

const OVERALL_TIMEOUT_MS = Number(process.env.WOLKVOX_E2E_TIMEOUT_MS || 300_000);
const N8N_COMMAND_TIMEOUT_MS = 120_000;

/** @param {string} msg */
function log(msg) {
	process.stderr.write(`[e2e] ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// children: every one runs in its own process group (setup.js spawnInGroup); on exit, failure or
// a signal we kill all groups we started (n8n starts a task-runner child, npm starts tsc/gulp ...)

/** @type {string[]} */
const cleanupDirs = [];
let keepDirs = flag('keep');

/** The `unshare` child running the test part in a network namespace, if any. */
/** @type {childProcess.ChildProcess | undefined} */
let inner;

function cleanup() {
	killChildren();
	if (!keepDirs) {
		for (const dir of cleanupDirs) {
			try {
				fs.rmSync(dir, { recursive: true, force: true });
			} catch {
				/* best effort */
			}
		}
	} else if (cleanupDirs.length) {
		log(`kept: ${cleanupDirs.join(' ')}`);
	}
}
process.on('exit', cleanup);
for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.on(sig, () => {
		log(`got ${sig}, cleaning up`);
		if (inner && inner.pid !== undefined && inner.exitCode === null && inner.signalCode === null) {
			// let the inner run clean up its own children (they are in process groups of their own)
			const pid = inner.pid;
			try {
				process.kill(-pid, 'SIGTERM');
			} catch {
				/* gone */
			}
			inner.once('exit', () => process.exit(130));
			setTimeout(() => process.exit(130), 5000).unref();
			return;
		}
		process.exit(130);
	});
}

/**
 * Run a command to completion with a time limit; resolves with stdout/stderr/code, never rejects
 * on a non-zero exit (the caller decides).
 * @param {string} cmd
 * @param {string[]} argv
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, echo?: boolean}} [opts]
 * @returns {Promise<{code: number|null, signal: string|null, stdout: string, stderr: string, seconds: number}>}
 */
async function run(cmd, argv, opts = {}) {
	const t0 = Date.now();
	const timeoutMs = opts.timeoutMs || N8N_COMMAND_TIMEOUT_MS;
	const { child, ended } = spawnInGroup(
		cmd,
		argv,
		{ cwd: opts.cwd || REPO_ROOT, env: opts.env || process.env, stdio: ['ignore', 'pipe', 'pipe'] },
		timeoutMs,
	);
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (d) => {
		stdout += d;
		if (opts.echo) process.stderr.write(d);
	});
	child.stderr?.on('data', (d) => {
		stderr += d;
		if (opts.echo) process.stderr.write(d);
	});
	const { code, signal, timedOut } = await ended;
	// the command is done: make sure nothing it spawned lingers (e.g. n8n's task runner)
	killGroup(child);
	if (timedOut)
		throw new Error(
			`timed out after ${timeoutMs} ms: ${cmd} ${argv.join(' ')}\n${stderr}\n${stdout}`.slice(
				0,
				8000,
			),
		);
	return { code, signal, stdout, stderr, seconds: (Date.now() - t0) / 1000 };
}

/**
 * @param {string} cmd
 * @param {string[]} argv
 * @param {Parameters<typeof run>[2]} [opts]
 */
async function runOk(cmd, argv, opts) {
	const r = await run(cmd, argv, opts);
	if (r.code !== 0) {
		throw new Error(
			`${path.basename(cmd)} ${argv.join(' ')} exited ${r.code ?? r.signal}\n--- stderr ---\n${r.stderr.slice(-4000)}\n--- stdout ---\n${r.stdout.slice(-4000)}`,
		);
	}
	return r;
}

/** A TCP port that is free on 127.0.0.1 right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/**
 * Request counter of the simulator (GET /__sim/stats), or undefined when it has none.
 * @param {string} baseUrl
 * @returns {Promise<number|undefined>}
 */
async function simRequests(baseUrl) {
	try {
		const { status, json: stats } = await httpJson(new URL('/__sim/stats', baseUrl).href, {
			timeoutMs: 5000,
		});
		const n =
			stats?.byApi && typeof stats.byApi.skill_5 === 'number'
				? stats.byApi.skill_5
				: stats?.requests;
		return status === 200 && typeof n === 'number' ? n : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Requests per api id the simulator has answered (GET /__sim/stats), or undefined.
 * @param {string} baseUrl
 * @returns {Promise<Record<string, number>|undefined>}
 */
async function simRequestsByApi(baseUrl) {
	try {
		const { status, json: stats } = await httpJson(new URL('/__sim/stats', baseUrl).href, {
			timeoutMs: 5000,
		});
		return status === 200 && stats?.byApi && typeof stats.byApi === 'object'
			? stats.byApi
			: undefined;
	} catch {
		return undefined;
	}
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// steps

/** Build the package (npm run build) unless --skip-build; wait for the node file if asked. */
async function build() {
	const waitSeconds = Number(option('wait-build') || 0);
	if (waitSeconds > 0 && !fs.existsSync(NODE_FILE)) {
		log(`waiting up to ${waitSeconds} s for ${path.relative(REPO_ROOT, NODE_FILE)} ...`);
		const until = Date.now() + waitSeconds * 1000;
		while (!fs.existsSync(NODE_FILE) && Date.now() < until) await sleep(5000);
	}
	if (!flag('skip-build')) {
		const r = await runOk(process.execPath, [npmCliPath(), 'run', 'build'], {
			cwd: REPO_ROOT,
			timeoutMs: 300_000,
		});
		log(`build: ${r.seconds.toFixed(1)} s`);
	}
	if (!fs.existsSync(NODE_FILE)) {
		throw new Error(
			`${path.relative(REPO_ROOT, NODE_FILE)} does not exist after the build; is the node code there?`,
		);
	}
}

/**
 * npm pack into dir; returns the tarball path.
 * @param {string} dir
 */
async function pack(dir) {
	const r = await runOk(
		process.execPath,
		[npmCliPath(), 'pack', '--json', '--ignore-scripts', '--pack-destination', dir],
		{ cwd: REPO_ROOT, timeoutMs: 120_000 },
	);
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	const file = path.join(dir, info[0].filename);
	log(
		`packed ${info[0].name}@${info[0].version}: ${info[0].entryCount} files, ${info[0].size} bytes`,
	);
	return {
		file,
		name: /** @type {string} */ (info[0].name),
		version: /** @type {string} */ (info[0].version),
		files: info[0].files,
	};
}

/**
 * Install a community package tarball into an n8n user folder, the way n8n 2.41's
 * CommunityPackagesService.downloadPackage does (minus the npm registry).
 * @param {string} userFolder  N8N_USER_FOLDER
 * @param {{file: string, name: string, version: string}} tarball
 */
async function installCommunityPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', ...tarball.name.split('/'));
	fs.mkdirSync(pkgDir, { recursive: true });
	await runOk('tar', ['-xzf', tarball.file, '-C', pkgDir, '--strip-components=1'], {
		timeoutMs: 60_000,
	});
	const pkgJsonPath = path.join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkgJson } = JSON.parse(
		fs.readFileSync(pkgJsonPath, 'utf8'),
	);
	if (pkgJson.dependencies && Object.keys(pkgJson.dependencies).length) {
		// n8n would now run `npm install` inside the package; the contract says there are none
		throw new Error(
			`the package declares runtime dependencies (${Object.keys(pkgJson.dependencies).join(', ')})`,
		);
	}
	fs.writeFileSync(pkgJsonPath, JSON.stringify(pkgJson, null, 2));
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [tarball.name]: tarball.version } },
			null,
			2,
		),
	);
	return pkgDir;
}

/**
 * Start the simulator; resolves with its {url, server, token} line.
 * @param {string} cli
 * @returns {Promise<{url: string, server: string, token: string, stderr: () => string}>}
 */
function startSimulator(cli) {
	return new Promise((resolve, reject) => {
		const { child, ended } = spawnInGroup(process.execPath, [cli, '--port', '0'], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stderr = '';
		child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-20000)));
		const timer = setTimeout(
			() => reject(new Error(`simulator did not report within 15 s\n${stderr}`)),
			15_000,
		);
		ended.then(
			({ code, signal }) => {
				clearTimeout(timer);
				reject(new Error(`simulator exited early (${code ?? signal})\n${stderr}`));
			},
			(e) => {
				clearTimeout(timer);
				reject(e);
			},
		);
		const rl = readline.createInterface({
			input: /** @type {NodeJS.ReadableStream} */ (child.stdout),
		});
		rl.once('line', (line) => {
			clearTimeout(timer);
			try {
				const info = JSON.parse(line);
				if (!info.url || !info.token || info.server === undefined)
					throw new Error('missing url/server/token');
				const u = new URL(info.url);
				if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
					throw new Error(`simulator listens on ${u.hostname}, expected loopback`);
				}
				resolve({ ...info, server: String(info.server), stderr: () => stderr });
			} catch (e) {
				reject(
					new Error(
						`bad simulator line ${JSON.stringify(line)}: ${/** @type {Error} */ (e).message}`,
					),
				);
			}
		});
	});
}

/**
 * Environment for the n8n CLI: hermetic user folder, sqlite, JSON logs on stdout, nothing that
 * phones home, loopback only.
 * @param {{nodeBin: string, n8nVersion: string}} toolchain
 * @param {string} userFolder
 * @param {number} brokerPort
 */
function n8nEnv(toolchain, userFolder, brokerPort) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	// keep only harmless basics from the parent environment
	for (const k of ['HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'NODE_EXTRA_CA_CERTS']) {
		if (process.env[k] !== undefined) env[k] = process.env[k];
	}
	Object.assign(env, {
		PATH: `${path.dirname(toolchain.nodeBin)}${path.delimiter}${process.env.PATH || '/usr/bin:/bin'}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		DB_TYPE: 'sqlite',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		// `n8n execute` prints its result through the logger at level "info": with a higher level
		// the result is not printed at all. JSON lines make it easy to pick out.
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_OUTPUT: 'console',
		N8N_NO_COLOR: '1',
		NO_COLOR: '1',
		// community packages: loaded from <user folder>/.n8n/nodes/node_modules; never reinstalled
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// nothing to the internet
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		// loopback only; the internal task runner broker on a port of its own so runs can overlap
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		NO_PROXY: '*',
		no_proxy: '*',
	});
	if (toolchain.n8nVersion.startsWith('1.')) {
		// n8n 1.123 defaults to the "vm" expression engine (isolated-vm 6, node >= 22 only) but
		// runs on node <= 22; on node 20 only the legacy engine works
		env.N8N_EXPRESSION_ENGINE = 'legacy';
	}
	return env;
}

/**
 * @param {{nodeBin: string, n8nBin: string}} toolchain
 * @param {NodeJS.ProcessEnv} env
 * @param {string[]} argv
 */
async function n8n(toolchain, env, argv) {
	const r = await run(toolchain.nodeBin, [toolchain.n8nBin, ...argv], {
		env,
		cwd: /** @type {string} */ (env.N8N_USER_FOLDER),
		timeoutMs: N8N_COMMAND_TIMEOUT_MS,
	});
	log(`n8n ${argv.join(' ')}: exit ${r.code ?? r.signal} in ${r.seconds.toFixed(1)} s`);
	return r;
}

/**
 * Parse the JSON log lines of `n8n execute --rawOutput` and return the execution object it
 * printed (the one log line whose message is JSON with data.resultData), plus all log lines.
 * @param {string} stdout
 */
function parseExecuteOutput(stdout) {
	/** @type {any[]} */
	const lines = [];
	/** @type {any} */
	let execution;
	for (const raw of stdout.split('\n')) {
		if (!raw.trim().startsWith('{')) continue;
		let line;
		try {
			line = JSON.parse(raw);
		} catch {
			continue;
		}
		lines.push(line);
		if (typeof line.message === 'string' && line.message.startsWith('{')) {
			try {
				const msg = JSON.parse(line.message);
				if (msg && msg.data && msg.data.resultData) execution = msg;
			} catch {
				/* not the result */
			}
		}
	}
	if (!execution) {
		// n8n 1.x prints the execution with console.log: a bare pretty-printed JSON document
		const start = stdout.search(/^\{\s*$/m);
		if (start >= 0) {
			try {
				const rest = stdout.slice(start);
				const end = rest.search(/^\}\s*$/m);
				const doc = JSON.parse(rest.slice(0, end + 1));
				if (doc && doc.data && doc.data.resultData) execution = doc;
			} catch {
				/* not there */
			}
		}
	}
	return { execution, lines };
}

/**
 * Items of the given node's main output 0 of its last run.
 * @param {any} execution
 * @param {string} nodeName
 */
function outputOf(execution, nodeName) {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs || !runs.length) return undefined;
	const last = runs[runs.length - 1];
	return (last.data && last.data.main && last.data.main[0]) || [];
}

/**
 * @param {string} id
 * @param {string} credentialId
 * @param {Record<string, unknown>} parameters
 */
function workflowJson(id, credentialId, parameters) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: crypto.randomUUID(),
				name: 'Wolkvox',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: `cred ${credentialId}` } },
			},
		],
		connections: { Start: { main: [[{ node: 'Wolkvox', type: 'main', index: 0 }]] } },
		pinData: {},
	};
}

class Check {
	constructor() {
		/** @type {string[]} */
		this.failures = [];
		this.passed = 0;
	}
	/**
	 * @param {boolean} ok
	 * @param {string} what
	 */
	ok(ok, what) {
		if (ok) {
			this.passed++;
			log(`  ok   ${what}`);
		} else {
			this.failures.push(what);
			log(`  FAIL ${what}`);
		}
		return ok;
	}
}

// ---------------------------------------------------------------------------------------------

/**
 * Re-run this script inside a new network namespace with only loopback up.
 * @returns {Promise<number|null>} exit code, or null when no namespace could be made
 */
async function rerunInNetns() {
	if (process.platform !== 'linux' || flag('no-isolate-network') || process.env[IN_NETNS_ENV])
		return null;
	const probe = childProcess.spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
	const probeUser =
		probe.status === 0
			? probe
			: childProcess.spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
	if (probeUser.status !== 0) {
		log('unshare -n is not available: running without network isolation');
		return null;
	}
	const unshareArgs = probe.status === 0 ? ['-n'] : ['-rn'];
	// bring loopback up (ip from iproute2, or busybox ifconfig), then exec ourselves
	const script =
		'(ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up 2>/dev/null) && exec "$@"';
	log(`re-running in a network namespace (unshare ${unshareArgs.join(' ')}), loopback only`);
	const { child, ended } = spawnInGroup(
		'unshare',
		[...unshareArgs, 'sh', '-c', script, 'sh', process.execPath, __filename, ...args],
		{
			stdio: 'inherit',
			env: { ...process.env, [IN_NETNS_ENV]: '1' },
		},
	);
	inner = child;
	const { code, signal } = await ended;
	return code ?? (signal ? 1 : 0);
}

async function main() {
	const t0 = Date.now();
	// 1. toolchain (may need the npm registry, so before any network isolation)
	const toolchain = await ensureToolchain({
		n8nVersion: option('n8n-version'),
		hostNode: flag('host-node'),
		dirName: option('n8n-dir'),
	});
	log(
		`toolchain: node ${toolchain.nodeVersion}, n8n ${toolchain.n8nVersion} (${toolchain.seconds.toFixed(1)} s)`,
	);

	const nsCode = await rerunInNetns();
	if (nsCode !== null) return nsCode;

	const deadline = setTimeout(() => {
		log(`overall time limit of ${OVERALL_TIMEOUT_MS} ms reached`);
		process.exit(1);
	}, OVERALL_TIMEOUT_MS);
	deadline.unref();

	// 2. build + pack
	await build();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wolkvox-e2e-'));
	cleanupDirs.push(work);
	const tarball = await pack(work);

	// 3. n8n user folder with the package installed
	const userFolder = path.join(work, 'user');
	const pkgDir = await installCommunityPackage(userFolder, tarball);
	log(`installed into ${pkgDir}`);

	// 4. simulator
	const simCli = path.resolve(
		REPO_ROOT,
		option('simulator') || process.env.WOLKVOX_E2E_SIMULATOR || 'tools/simulator/cli.js',
	);
	if (!fs.existsSync(simCli)) throw new Error(`simulator not found: ${simCli}`);
	const sim = await startSimulator(simCli);
	log(`simulator at ${sim.url} (server ${sim.server})`);

	const env = n8nEnv(toolchain, userFolder, await freePort());
	const check = new Check();
	// The examples write a CSV and send an e-mail: a folder n8n may write to, and an SMTP sink.
	const filesDir = path.join(work, 'files');
	fs.mkdirSync(filesDir);
	env.N8N_RESTRICT_FILE_ACCESS_TO = filesDir;
	const smtp = await startSmtpSink();

	// 5. credentials: one good, one with a wrong token
	const badToken = `wrong-${crypto.randomBytes(6).toString('hex')}`;
	const credentials = [
		{
			id: 'e2eCredGood00001',
			name: 'cred e2eCredGood00001',
			type: CREDENTIAL_TYPE,
			data: { server: sim.server, token: sim.token, baseUrl: sim.url },
		},
		{
			id: 'e2eCredBad000001',
			name: 'cred e2eCredBad000001',
			type: CREDENTIAL_TYPE,
			data: { server: sim.server, token: badToken, baseUrl: sim.url },
		},
		{
			id: 'e2eCredSmtp00001',
			name: 'cred e2eCredSmtp00001',
			type: 'smtp',
			data: {
				user: '',
				password: '',
				host: '127.0.0.1',
				port: smtp.port,
				secure: false,
				disableStartTls: true,
			},
		},
	];
	const credFile = path.join(work, 'credentials.json');
	fs.writeFileSync(credFile, JSON.stringify(credentials, null, 2));
	const ic = await n8n(toolchain, env, ['import:credentials', `--input=${credFile}`]);
	fs.rmSync(credFile); // holds the plain token
	if (
		!check.ok(
			ic.code === 0 && /Successfully imported 3 credentials/.test(ic.stdout),
			'import:credentials imports 3 credentials',
		)
	) {
		throw new Error(
			`import:credentials failed\n${ic.stdout.slice(-3000)}\n${ic.stderr.slice(-3000)}`,
		);
	}

	// 6. workflows
	const customRange = {
		resource: 'report',
		operation: 'getWorkforcePerHour',
		skillId: 'all',
		range: 'custom',
		startDate: '2026-11-23T07:00:00',
		endDate: '2026-11-23T10:00:00',
		options: { timezone: 'America/Bogota' },
	};
	const examples = exampleRuns({
		credentials: { [CREDENTIAL_TYPE]: 'e2eCredGood00001', smtp: 'e2eCredSmtp00001' },
		filesDir,
		messages: smtp.messages,
	});
	const triggerExamples = triggerExampleRuns({
		credentials: { [CREDENTIAL_TYPE]: 'e2eCredGood00001', smtp: 'e2eCredSmtp00001' },
		filesDir,
		messages: smtp.messages,
		simUrl: sim.url,
	});
	// read after the build: it derives the workflow from dist/'s spec
	const { catalogueRun } = require('./catalogue');
	const catalogue = catalogueRun({ credentialId: 'e2eCredGood00001' });
	const workflows = [
		...examples.map((example) => example.workflow),
		...triggerExamples.workflows,
		catalogue.workflow,
		workflowJson('e2eWfRows0000001', 'e2eCredGood00001', customRange),
		workflowJson('e2eWfBadToken001', 'e2eCredBad000001', customRange),
		workflowJson('e2eWfTooLong0001', 'e2eCredGood00001', {
			...customRange,
			endDate: '2026-11-25T07:00:00',
		}),
	];
	const wfFile = path.join(work, 'workflows.json');
	fs.writeFileSync(wfFile, JSON.stringify(workflows, null, 2));
	const iw = await n8n(toolchain, env, ['import:workflow', `--input=${wfFile}`]);
	if (!check.ok(iw.code === 0, 'import:workflow succeeds')) {
		throw new Error(`import:workflow failed\n${iw.stdout.slice(-3000)}\n${iw.stderr.slice(-3000)}`);
	}

	/**
	 * @param {string} id
	 */
	async function execute(id) {
		const r = await n8n(toolchain, env, ['execute', `--id=${id}`, '--rawOutput']);
		const parsed = parseExecuteOutput(r.stdout);
		const all = r.stdout + r.stderr;
		const shown = new Set();
		for (const l of parsed.lines) {
			const first = String(l.message).split('\n')[0].slice(0, 300);
			if (
				(l.level === 'error' || l.level === 'warn') &&
				first.trim() &&
				!KNOWN_NOISE.some((re) => re.test(first)) &&
				!shown.has(first)
			) {
				shown.add(first);
				log(`  n8n ${l.level}: ${first}`);
			}
		}
		check.ok(
			!all.includes(sim.token) && !all.includes(badToken),
			`${id}: no token in n8n's output or logs`,
		);
		check.ok(
			!/Unrecognized node type|Unrecognized credential type|is not known/i.test(all),
			`${id}: n8n knows ${NODE_TYPE} and ${CREDENTIAL_TYPE}`,
		);
		return { ...r, ...parsed, all };
	}

	/** Resources of the node whose report ran in n8n and came out as expected. */
	const resourcesRun = new Set();

	// 7a. rows come back
	{
		const before = await simRequests(sim.url);
		const r = await execute('e2eWfRows0000001');
		const after = await simRequests(sim.url);
		if (before !== undefined && after !== undefined) {
			check.ok(
				after - before === 1,
				`e2eWfRows0000001: one request to the simulator for a 3-hour window (${after - before})`,
			);
		}
		const ex = r.execution;
		if (check.ok(Boolean(ex), 'e2eWfRows0000001: execute printed the execution')) {
			check.ok(
				ex.status === 'success' && !ex.data.resultData.error,
				`e2eWfRows0000001: status success (got ${ex.status}${ex.data.resultData.error ? ': ' + ex.data.resultData.error.message : ''})`,
			);
			check.ok(
				ex.data.resultData.lastNodeExecuted === 'Wolkvox',
				'e2eWfRows0000001: last node executed is Wolkvox',
			);
			const items = outputOf(ex, 'Wolkvox') || [];
			log(
				`  Wolkvox output: ${items.length} items; first: ${JSON.stringify(items[0] && items[0].json)}`,
			);
			check.ok(items.length > 0, `e2eWfRows0000001: at least one row (got ${items.length})`);
			const numeric = [
				'skill_id',
				'hour',
				'inbound_calls',
				'inbound_calls_unique_customers',
				'aht',
				'agents_needed',
			];
			const bad = items.filter((/** @type {any} */ it) => {
				const j = it.json || {};
				return (
					numeric.some((k) => !(k in j) || (j[k] !== null && typeof j[k] !== 'number')) ||
					typeof j.skill_id !== 'number' ||
					typeof j.hour !== 'number' ||
					j.hour < 7 ||
					j.hour > 9 ||
					typeof j.hour_start !== 'string' ||
					!/^2026-11-23T0[789]:00:00(\.000)?-05:00$/.test(j.hour_start) ||
					j.hour_start.slice(11, 13) !== String(j.hour).padStart(2, '0')
				);
			});
			check.ok(
				bad.length === 0,
				`e2eWfRows0000001: every row has numeric fields, hour 7..9 and hour_start on 2026-11-23 at -05:00${bad.length ? ' — bad: ' + JSON.stringify(bad[0].json) : ''}`,
			);
			const hours = new Set(items.map((/** @type {any} */ it) => it.json && it.json.hour));
			check.ok(
				[7, 8, 9].every((h) => hours.has(h)),
				`e2eWfRows0000001: hours 7, 8 and 9 present (got ${[...hours].join(',')})`,
			);
			const paired = check.ok(
				items.every((/** @type {any} */ it) => it.pairedItem !== undefined),
				'e2eWfRows0000001: every item carries pairedItem',
			);
			if (paired && bad.length === 0 && items.length > 0) resourcesRun.add(customRange.resource);
		} else {
			log(r.all.slice(-4000));
		}
	}

	// 7b. wrong token: a clean failure that names the problem, no token anywhere
	{
		const before = await simRequests(sim.url);
		const r = await execute('e2eWfBadToken001');
		const after = await simRequests(sim.url);
		if (before !== undefined && after !== undefined) {
			check.ok(
				after - before === 1,
				`e2eWfBadToken001: a refused token is not retried (${after - before} request(s))`,
			);
		}
		const ex = r.execution;
		const err = ex && ex.data.resultData.error;
		check.ok(
			Boolean(ex && err),
			`e2eWfBadToken001: execution fails${err ? ': ' + err.message : ''}`,
		);
		if (err)
			check.ok(
				/token/i.test(`${err.message} ${err.description || ''}`),
				'e2eWfBadToken001: the error message talks about the token',
			);
	}

	// 7c. over 24 h without splitLongRange: refused before any request
	{
		const before = await simRequests(sim.url);
		const r = await execute('e2eWfTooLong0001');
		const after = await simRequests(sim.url);
		if (before !== undefined && after !== undefined) {
			check.ok(
				after === before,
				`e2eWfTooLong0001: no request reached the simulator (${after - before})`,
			);
		}
		const ex = r.execution;
		const err = ex && ex.data.resultData.error;
		check.ok(
			Boolean(ex && err),
			`e2eWfTooLong0001: execution fails${err ? ': ' + err.message : ''}`,
		);
		if (err)
			check.ok(
				/24/.test(`${err.message} ${err.description || ''}`),
				'e2eWfTooLong0001: the error names the 24 h limit',
			);
	}

	// 7c'. a report of every other resource, typed as the spec says, one request each
	{
		const before = await simRequestsByApi(sim.url);
		const r = await execute(catalogue.id);
		const after = await simRequestsByApi(sim.url);
		if (before && after) {
			const extra = Object.keys(after)
				.filter((api) => after[api] !== (before[api] ?? 0))
				.map((api) => `${api}:${after[api] - (before[api] ?? 0)}`);
			const wanted = catalogue.endpoints.map((endpoint) => `${endpoint.api}:1`);
			check.ok(
				isDeepStrictEqual(extra.sort(), wanted.sort()),
				`${catalogue.id}: one request per report (${extra.join(' ')})`,
			);
		}
		if (check.ok(Boolean(r.execution), `${catalogue.id}: execute printed the execution`)) {
			for (const resource of catalogue.check(r.execution, outputOf, (pass, what) =>
				check.ok(pass, what),
			))
				resourcesRun.add(resource);
		} else {
			log(r.all.slice(-4000));
		}
		const missing = catalogue.resources.filter((resource) => !resourcesRun.has(resource));
		check.ok(
			missing.length === 0,
			`a report of each of the ${catalogue.resources.length} resources ran in n8n with the expected output${missing.length ? ' — missing: ' + missing.join(', ') : ''}`,
		);
	}

	// 7d. the README's example workflows
	for (const example of examples) {
		const r = await execute(example.id);
		if (check.ok(Boolean(r.execution), `${example.id}: execute printed the execution`)) {
			example.check(r.execution, outputOf, (pass, what) => check.ok(pass, what));
		} else {
			log(r.all.slice(-4000));
		}
	}
	// 7e. the trigger examples, polled by n8n start
	await triggerExamples.run({
		toolchain,
		env,
		cli: (argv) => n8n(toolchain, env, argv),
		freePort,
		secrets: [sim.token, badToken],
		ok: (pass, what) => check.ok(pass, what),
		log,
	});
	await smtp.close();

	const seconds = (Date.now() - t0) / 1000;
	if (check.failures.length) {
		keepDirs = true;
		log(`simulator stderr (tail):\n${sim.stderr().slice(-3000)}`);
		log(
			`${check.failures.length} of ${check.failures.length + check.passed} checks FAILED in ${seconds.toFixed(1)} s`,
		);
		return 1;
	}
	log(`all ${check.passed} checks passed in ${seconds.toFixed(1)} s`);
	return 0;
}

if (require.main === module) {
	main().then(
		(code) => {
			cleanup();
			process.exit(code);
		},
		(err) => {
			log(`ERROR: ${err && err.stack ? err.stack : err}`);
			keepDirs = keepDirs || Boolean(process.env.WOLKVOX_E2E_KEEP_ON_ERROR);
			cleanup();
			process.exit(1);
		},
	);
}

/**
 * Runs the main of a script built on these helpers (queue mode, bench): exit 0 when it resolves;
 * otherwise says why, stops what it started and exits 1.
 * @param {() => Promise<unknown>} scriptMain @param {(message: string) => void} say
 */
function runScript(scriptMain, say) {
	scriptMain().then(
		() => process.exit(0),
		(error) => {
			say(`FAILED: ${error?.stack ?? error}`);
			cleanup();
			process.exit(1);
		},
	);
}

module.exports = {
	parseExecuteOutput,
	outputOf,
	installCommunityPackage,
	n8nEnv,
	build,
	pack,
	startSimulator,
	freePort,
	run,
	cleanup,
	runScript,
};
