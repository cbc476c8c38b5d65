// Runs n8n's community-package analyser (@n8n/scan-community-package, the gate of n8n's
// verification) on a directory, offline: its exported analyzePackage is what its CLI runs on the
// provenance-attested source and on the downloaded tarball, minus the registry download.
// Usage: node test/scanner/analyze.mjs <dir> source|tarball  → prints { passed, files, message, details }
import path from 'node:path';
import glob from 'fast-glob';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

// The two legs of analyzePackageByName: the source checkout, and the tarball's compiled JS + package.json.
const PATTERNS = { source: SOURCE_FILE_PATTERNS, tarball: ['**/*.js', 'package.json'] };

const [dirArgument, leg] = process.argv.slice(2);
const patterns = PATTERNS[leg];
if (!dirArgument || !patterns) {
	process.stderr.write('usage: node test/scanner/analyze.mjs <dir> source|tarball\n');
	process.exit(2);
}
const dir = path.resolve(dirArgument); // ESLint wants an absolute cwd
const files = glob.sync(patterns, {
	cwd: dir,
	ignore: ['node_modules/**', '**/package-lock.json'],
});
const result = await analyzePackage(dir, patterns);
process.stdout.write(
	JSON.stringify({
		passed: result.passed,
		files,
		message: result.message,
		details: result.details,
	}),
);
