// @ts-check
// The GitHub Actions workflows cannot run here: these checks make a broken CI or release workflow
// fail `npm test` instead of failing silently on the day of a release.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const root = path.join(__dirname, '..', '..');
const pkg = require('../../package.json');

/** @param {string} file */
const readYaml = (file) => YAML.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** @param {any} workflow @returns {any[]} every step of every job */
const stepsOf = (workflow) =>
	Object.values(workflow.jobs).flatMap((/** @type {any} */ job) => job.steps);

/** @param {any[]} steps @returns {string[]} the shell lines the steps run, in order */
const commandsOf = (steps) =>
	steps.flatMap((step) =>
		step.run
			? String(step.run)
					.split('\n')
					.map((line) => line.trim())
					.filter(Boolean)
			: [],
	);

/** The test command the README tells contributors to run ("Try it"). */
function readmeTestCommand() {
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const block = /## Try it[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme);
	if (!block) throw new Error('README has no "Try it" bash block');
	const commands = block[1]
		.split('\n')
		.map((line) => line.replace(/#.*/, '').trim())
		.filter(Boolean);
	const test = commands.find((command) => /^npm (run )?test\b/.test(command));
	if (!test) throw new Error('README "Try it" names no test command');
	return test;
}

/** @param {string} version e.g. '20.19' or '24' @returns {number[]} */
const versionParts = (version) => String(version).split('.').map(Number);

describe('CI workflow (.github/workflows/ci.yml)', () => {
	const ci = readYaml('.github/workflows/ci.yml');

	test('runs on every push to main and every pull request, read-only', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push.branches).toEqual(['main']);
		expect(ci.permissions).toEqual({ contents: 'read' });
	});

	test("installs with npm ci, then runs the README's test command", () => {
		const commands = commandsOf(stepsOf(ci));
		expect(readmeTestCommand()).toBe('npm test');
		expect(commands).toEqual(['npm ci', readmeTestCommand()]);
	});

	test('tests the oldest Node the package supports and Node 24 (n8n 1.x and 2.x)', () => {
		const versions = ci.jobs.test.strategy.matrix['node-version'].map(String);
		const setupNode = stepsOf(ci).find((step) =>
			String(step.uses).startsWith('actions/setup-node@'),
		);
		expect(setupNode.with['node-version']).toBe('${{ matrix.node-version }}');
		const minimum = /^>=(\d+\.\d+)$/.exec(pkg.engines.node);
		expect(minimum).not.toBeNull();
		expect(versions).toContain(/** @type {RegExpExecArray} */ (minimum)[1]);
		expect(versions).toContain('24');
	});
});

describe('publish workflow (.github/workflows/publish.yml)', () => {
	const publish = readYaml('.github/workflows/publish.yml');
	const job = publish.jobs.publish;
	const steps = stepsOf(publish);

	test('runs only on a version tag, and the current version would match it', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		expect(publish.on.push.branches).toBeUndefined();
		const [pattern] = publish.on.push.tags;
		// GitHub's tag filter glob: '*' matches anything but '/'.
		const regex = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
		expect(pkg.version).toMatch(regex);
		expect('main').not.toMatch(regex);
	});

	test('may mint an OIDC token (trusted publishing, provenance) and nothing more', () => {
		expect(publish.permissions).toBeUndefined();
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	test('publishes with provenance: the release step, package.json and the n8n-node CLI all say so', () => {
		const release = steps.find((step) => /npm run release/.test(String(step.run)));
		expect(release).toBeDefined();
		expect(release.env.NPM_CONFIG_PROVENANCE).toBe('true');
		expect(pkg.publishConfig).toEqual({ provenance: true });
		expect(pkg.scripts.release).toBe('n8n-node release');
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
		// `n8n-node release` inside GitHub Actions runs `npm publish` with provenance on.
		const cli = fs.readFileSync(
			path.join(root, 'node_modules/@n8n/node-cli/dist/commands/release.js'),
			'utf8',
		);
		expect(cli).toMatch(/GITHUB_ACTIONS/);
		expect(cli).toMatch(/NPM_CONFIG_PROVENANCE: 'true'/);
	});

	test('tests before it publishes: npm ci, the tag check, npm test, then the release', () => {
		const commands = commandsOf(steps).filter((command) => /^(npm|test) /.test(command));
		expect(commands[0]).toMatch(
			/^test "\$GITHUB_REF_NAME" = "\$\(node -p "require\('\.\/package\.json'\)\.version"\)"$/,
		);
		expect(commands.slice(1)).toEqual(['npm ci', readmeTestCommand(), 'npm run release']);
	});

	test('on a Node whose npm supports trusted publishing (npm 11: Node 24+), within engines', () => {
		const setupNode = steps.find((step) => String(step.uses).startsWith('actions/setup-node@'));
		const [major] = versionParts(setupNode.with['node-version']);
		expect(major).toBeGreaterThanOrEqual(24);
		expect(setupNode.with['registry-url']).toBe('https://registry.npmjs.org');
	});
});

test('Dependabot updates the dev dependencies and the GitHub Actions', () => {
	const dependabot = readYaml('.github/dependabot.yml');
	expect(dependabot.version).toBe(2);
	const ecosystems = dependabot.updates
		.map((/** @type {any} */ update) => update['package-ecosystem'])
		.sort();
	expect(ecosystems).toEqual(['github-actions', 'npm']);
	expect(pkg.dependencies).toBeUndefined();
});
